"""Front matter is untrusted YAML: loaded safely, bombs refused, problems reported as findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiki_lint.readers import frontmatter
from wiki_lint.sources import split_lines

from support import by_name, lint

BODY = "\n\nInterleukin 34 is a protein that in humans is encoded by the IL34 gene.\n"


def load(yaml_text: str) -> frontmatter.FrontMatter:
    page = f"---\n{yaml_text}---\n"
    return frontmatter.load(yaml_text, 2, split_lines(page))


def only_problem(loaded: frontmatter.FrontMatter) -> str:
    assert loaded.data is None
    [problem] = loaded.problems
    assert problem.rule == "front-matter-invalid"
    return problem.message


def test_python_object_tag_is_a_finding_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    yaml_text = f"title: x\nrun: !!python/object/apply:os.system ['touch {marker}']\n"
    message = only_problem(load(yaml_text))
    assert "'!!python/object/apply:os.system'" in message and "never executes" in message
    findings = by_name(lint(f"---\n{yaml_text}---{BODY}"), "front-matter-invalid")
    assert [(f.line, f.column) for f in findings] == [(3, 6)]
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!!python/object:collections.OrderedDict {}", "!custom value"])
def test_every_unknown_tag_is_refused(tag: str) -> None:
    assert "YAML tag" in only_problem(load(f"a: {tag}\n"))


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_before_expansion() -> None:
    message = only_problem(load(billion_laughs()))
    assert "alias bomb" in message and "billion laughs" in message


def test_billion_laughs_in_a_page_is_a_finding_not_a_hang() -> None:
    findings = by_name(lint(f"---\n{billion_laughs()}---{BODY}"), "front-matter-invalid")
    assert len(findings) == 1 and "alias bomb" in findings[0].message


def test_many_aliases_are_refused() -> None:
    yaml_text = "base: &b x\n" + "".join(f"k{i}: *b\n" for i in range(frontmatter.MAX_ALIASES + 1))
    assert "aliases" in only_problem(load(yaml_text))


def test_a_few_aliases_and_merge_keys_are_fine() -> None:
    loaded = load("base: &b {x: 1}\nother: {<<: *b, y: 2}\nagain: *b\n")
    assert loaded.problems == [] and loaded.data == {"base": {"x": 1}, "other": {"x": 1, "y": 2}, "again": {"x": 1}}


def test_recursive_alias_is_refused() -> None:
    assert "recursive alias" in only_problem(load("a: &a [1, *a]\n"))


@pytest.mark.parametrize("depth", [frontmatter.MAX_DEPTH + 5, 5_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    assert "nested" in only_problem(load("a: " + "[" * depth + "]" * depth + "\n"))


def test_duplicate_keys_are_reported_at_the_second_key() -> None:
    loaded = load("title: A\nlicense: CC BY 4.0\ntitle: B\n")
    [problem] = loaded.problems
    assert "duplicate front matter key 'title' (first on line 2)" in problem.message
    assert (problem.span.line, problem.span.column) == (4, 1)
    assert loaded.data == {"title": "B", "license": "CC BY 4.0"}


@pytest.mark.parametrize(("yaml_text", "kind"), [("- a\n- b\n", "list"), ("just words\n", "string"), ("42\n", "number")])
def test_front_matter_that_is_not_a_mapping_is_reported(yaml_text: str, kind: str) -> None:
    assert f"must be a mapping of keys to values, not a {kind}" in only_problem(load(yaml_text))


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("date: 2026-13-45\n", "month must be in 1..12"),
        ("n: 0x" + "f" * 2000 + "\n", "integer with more than"),
        ("n: " + "9" * 5000 + "\n", "cannot be loaded"),
        ("a: !!binary 'not base64!'\n", "base64"),
        ("? [a, b]\n: c\n", "unhashable"),
    ],
)
def test_values_that_cannot_be_loaded_are_findings(yaml_text: str, expected: str) -> None:
    assert expected in only_problem(load(yaml_text))


def test_non_finite_numbers_become_text_so_the_entry_stays_json() -> None:
    assert load("a: .nan\nb: -.inf\n").data == {"a": "nan", "b": "-inf"}


def test_front_matter_over_the_size_limit_is_not_loaded() -> None:
    yaml_text = "k: " + "x" * (frontmatter.MAX_CHARACTERS + 1) + "\n"
    assert "larger than" in only_problem(load(yaml_text))


def test_syntax_error_points_into_the_page() -> None:
    findings = by_name(lint(f"---\ntitle: ok\nbad: [unclosed\n---{BODY}"), "front-matter-invalid")
    assert findings and findings[0].line >= 3


def test_yaml_loading_does_not_use_the_c_loader() -> None:
    # libyaml's composer recurses in C and crashes the interpreter on deep nesting
    assert issubclass(frontmatter._GuardedLoader, frontmatter.yaml.SafeLoader)
    assert "CSafeLoader" not in {cls.__name__ for cls in frontmatter._GuardedLoader.__mro__}


@pytest.mark.parametrize("nested", ["[" * 200_000 + "]" * 200_000, "\n  " + "- " * 200_000 + "x"])
def test_deep_nesting_never_reaches_the_c_loader(nested: str) -> None:
    # libyaml's composer recurses in C and crashes the interpreter on this; the fast
    # path must leave it to the pure-Python loader, which reports it
    assert "nested too deeply" in only_problem(load(f"a: {nested}\n"))
