"""Schemas are untrusted: local-only $ref, safe regular expressions, clear errors."""

from __future__ import annotations

import json
import re
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from wiki_lint import safe_regex
from wiki_lint.check import Settings, check_source
from wiki_lint.errors import SchemaError
from wiki_lint.schema import builtin_dir, load_schema
from wiki_lint.sources import Source

from support import COMPLETE_MD, run_cli

DRAFT = "https://json-schema.org/draft/2020-12/schema"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(autouse=True)
def fresh_schema_cache() -> None:
    load_schema.cache_clear()


def write_schema(folder: Path, document: dict[str, Any], name: str = "user.schema.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"$schema": DRAFT, **document}), encoding="utf-8")
    return path


def extending(ref: str, **extra: Any) -> dict[str, Any]:
    return {"allOf": [{"$ref": ref}], **extra}


def load_error(path: Path) -> SchemaError:
    with pytest.raises(SchemaError) as caught:
        load_schema(str(path))
    return caught.value


# --- $ref ----------------------------------------------------------------------------


def test_ref_to_a_sibling_and_to_a_builtin_by_name_loads(tmp_path: Path) -> None:
    write_schema(tmp_path, {"properties": {"gene": {"type": "string", "x-wiki-lint": {"headings": ["Gene"]}}}}, "base.schema.json")
    path = write_schema(tmp_path, {"allOf": [{"$ref": "base.schema.json"}, {"$ref": "medical-entry.schema.json"}]})
    schema = load_schema(str(path))
    assert "gene" in schema.parts and "license" in schema.parts


def test_ref_with_dot_dot_is_refused(tmp_path: Path) -> None:
    write_schema(tmp_path, {"properties": {}}, "outside.schema.json")
    error = load_error(write_schema(tmp_path / "schemas", extending("../outside.schema.json")))
    assert "outside the schema's folder" in str(error) and error.key == "$ref"


def test_ref_with_an_absolute_path_is_refused(tmp_path: Path) -> None:
    outside = write_schema(tmp_path, {"properties": {}}, "outside.schema.json")
    error = load_error(write_schema(tmp_path / "schemas", extending(str(outside))))
    assert "outside the schema's folder" in str(error)


@pytest.mark.parametrize("ref", ["file:///etc/passwd", "file:///etc/hostname#/x"])
def test_ref_with_a_file_uri_outside_is_refused(ref: str, tmp_path: Path) -> None:
    assert "outside the schema's folder" in str(load_error(write_schema(tmp_path, extending(ref))))


@pytest.mark.parametrize("ref", ["https://example.org/entry.schema.json", "http://127.0.0.1:9/x.json", "ftp://example.org/x"])
def test_ref_to_the_network_is_refused_without_connecting(ref: str, tmp_path: Path) -> None:
    error = load_error(write_schema(tmp_path, extending(ref)))
    assert "never fetches schemas from the network" in str(error)


def test_remote_id_does_not_make_relative_refs_remote(tmp_path: Path) -> None:
    path = write_schema(tmp_path, {"$id": "https://example.org/schemas/user.json", **extending("medical-entry.schema.json")})
    assert "network" in str(load_error(path))


def test_ref_through_a_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = write_schema(tmp_path / "elsewhere", {"properties": {}}, "secret.schema.json")
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / "link.schema.json").symlink_to(outside)
    error = load_error(write_schema(folder, extending("link.schema.json")))
    assert "through a symlink" in str(error)


def test_ref_to_a_missing_file_names_it(tmp_path: Path) -> None:
    assert "no such schema file" in str(load_error(write_schema(tmp_path, extending("absent.schema.json"))))


def test_ref_to_a_broken_schema_names_that_file(tmp_path: Path) -> None:
    (tmp_path / "broken.schema.json").write_text("{not json", encoding="utf-8")
    error = load_error(write_schema(tmp_path, extending("broken.schema.json")))
    assert error.path.endswith("broken.schema.json") and "not valid JSON" in str(error)


def test_ref_cycles_terminate(tmp_path: Path) -> None:
    write_schema(tmp_path, extending("b.schema.json"), "a.schema.json")
    write_schema(
        tmp_path, extending("a.schema.json", properties={"x": {"type": "string", "x-wiki-lint": {"headings": ["X"]}}}), "b.schema.json"
    )
    schema = load_schema(str(tmp_path / "a.schema.json"))
    assert "x" in schema.parts
    self_ref = write_schema(tmp_path, {"allOf": [{"$ref": "#"}]}, "self.schema.json")
    assert load_schema(str(self_ref)).parts == {}


def test_deeply_nested_schema_is_a_schema_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.schema.json"
    path.write_text('{"allOf": ' + '[{"allOf": ' * 50_000 + "[]" + "}]" * 50_000 + "}", encoding="utf-8")
    assert "nested too deeply" in str(load_error(path))


def test_cli_exits_2_on_a_refused_ref_without_traceback(tmp_path: Path) -> None:
    schema = write_schema(tmp_path / "schemas", extending("../../etc/passwd"))
    page = tmp_path / "page.md"
    page.write_text(COMPLETE_MD, encoding="utf-8")
    done = run_cli("check", "--schema", str(schema), str(page))
    assert done.returncode == 2
    assert "outside the schema's folder" in done.stderr and "Traceback" not in done.stderr


# --- regular expressions -----------------------------------------------------------


def part_schema(pattern: str, *, within: bool = False) -> dict[str, Any]:
    if within:
        annotation = {"within": [{"parts": ["credits"], "pattern": pattern}]}
        return extending("medical-entry.schema.json", properties={"funding": {"type": "string", "x-wiki-lint": annotation}})
    return extending("medical-entry.schema.json", properties={"function": {"type": "string", "pattern": pattern}})


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("(unclosed", "missing )"), ("[z-a]", "invalid character class range"), ("a{2,1}", "")],
)
def test_invalid_pattern_is_refused_naming_file_and_key(pattern: str, expected: str, tmp_path: Path) -> None:
    error = load_error(write_schema(tmp_path, part_schema(pattern)))
    assert error.path.endswith("user.schema.json")
    assert error.key and "function" in error.key and "pattern" in error.key
    assert expected in str(error)


@pytest.mark.parametrize(
    ("pattern", "hint"),
    [
        ("cytokine(?=s)", "look-ahead"),
        ("(?<!anti)body", "look-behind"),
        (r"(\w+) \1", "backreferences"),
        (r"end\Z", r"\z"),
    ],
)
def test_pattern_needing_features_re2_lacks_gets_a_clear_error(pattern: str, hint: str, tmp_path: Path) -> None:
    error = load_error(write_schema(tmp_path, part_schema(pattern)))
    assert hint in str(error) and "RE2" in str(error)


def test_within_pattern_is_checked_like_any_other(tmp_path: Path) -> None:
    error = load_error(write_schema(tmp_path, part_schema(r"funded by (?P<value>.+)(?=\.)", within=True)))
    assert "within" in (error.key or "") and "look-ahead" in str(error)


def test_cli_exits_2_naming_file_and_key_for_a_bad_pattern(tmp_path: Path) -> None:
    schema = write_schema(tmp_path, part_schema("(?=x)"))
    page = tmp_path / "page.md"
    page.write_text(COMPLETE_MD, encoding="utf-8")
    done = run_cli("check", "--schema", str(schema), str(page))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "user.schema.json" in done.stderr and "function" in done.stderr and "pattern" in done.stderr
    assert "re2.cc" not in done.stderr  # RE2's own logging stays quiet


def _page_with_function(text: str) -> Source:
    page = COMPLETE_MD.replace("## Function\n", f"## Function\n\n{text}\n", 1)
    assert text in page
    return Source("page.md", page)


def _cpu(action: Any) -> float:
    started = time.process_time()
    action()
    return time.process_time() - started


@pytest.mark.parametrize("evil", [r"^(a+)+$", r"^(a|a)*$", r"^(a|aa)+$", r"(x+x+)+y"])
def test_catastrophic_backtracking_patterns_run_in_linear_time(evil: str, tmp_path: Path) -> None:
    source = _page_with_function("a" * 30_000 + "!" + "x" * 30_000)
    tame = load_schema(str(write_schema(tmp_path / "tame", part_schema(r"^[a-z!]+$"))))
    hostile = load_schema(str(write_schema(tmp_path / "evil", part_schema(evil))))
    check_source(source, Settings(schema=tame.path))  # warm-up: validators built, imports done
    tame_time = _cpu(lambda: check_source(source, Settings(schema=tame.path)))
    evil_time = _cpu(lambda: check_source(source, Settings(schema=hostile.path)))
    assert evil_time <= 20 * max(tame_time, 0.01)


def test_within_pattern_with_nested_quantifiers_runs_in_linear_time(tmp_path: Path) -> None:
    schema = write_schema(tmp_path, part_schema(r"(?:a+)+(?P<value>b)", within=True))
    page = COMPLETE_MD + "\n\nCredits: " + "a" * 50_000 + "\n"
    started = time.process_time()
    check_source(Source("page.md", page), Settings(schema=str(schema)))
    plain_started = time.process_time()
    check_source(Source("page.md", page), Settings())
    plain = time.process_time() - plain_started
    assert plain_started - started <= 20 * max(plain, 0.01)


def test_builtin_schema_patterns_are_all_re2_compatible() -> None:
    for path in builtin_dir().glob("*.schema.json"):
        if path.name == "wiki-lint.meta.schema.json":
            continue  # its own patterns check schema files, never page text
        document = json.loads(path.read_text(encoding="utf-8"))
        for pattern, key in safe_regex.schema_patterns(document):
            safe_regex.compile_pattern(pattern, str(path), key)


def test_safe_pattern_positions_are_characters_not_bytes() -> None:
    pattern, text = r"under (?P<value>CC BY-SA 4\.0)", "Texte é€😀 under CC BY-SA 4.0."
    match = safe_regex.compile_pattern(pattern, "s", "k").search(text)
    expected = re.search(pattern, text)
    assert match is not None and expected is not None
    assert match.span("value") == expected.span("value") == (16, 28) and match.group("value") == "CC BY-SA 4.0"


def test_pattern_too_large_for_re2_is_refused() -> None:
    with pytest.raises(SchemaError, match="cannot be used"):
        safe_regex.compile_pattern("((((a{100}){100}){100}){100})", "s.json", "$.pattern")


def test_user_patterns_are_compiled_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema's patterns are compiled when it is loaded, and never again however many
    pages are checked; a config's patterns once per distinct pattern."""
    compiled: list[str] = []
    real_compile = safe_regex.re2.compile

    def counting_compile(pattern: str, *args: Any) -> Any:
        compiled.append(pattern)
        return real_compile(pattern, *args)

    safe_regex._compile.cache_clear()
    monkeypatch.setattr(safe_regex.re2, "compile", counting_compile)
    schema = write_schema(tmp_path, part_schema(r"^[A-Za-z][\s\S]*$"))
    settings = Settings(schema=str(schema), rule_options={"spun-phrase": {"phrases": {r"addition\s+ally": "also"}}})
    for number in range(5):
        check_source(_page_with_function(f"Page {number} of the run."), settings)
    assert compiled.count(r"^[A-Za-z][\s\S]*$") == 1
    assert sum(r"addition\s+ally" in pattern for pattern in compiled) == 2  # checked when read, then the (?i)\b...\b form
    safe_regex._compile.cache_clear()
