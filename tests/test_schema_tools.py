"""``wiki-lint schema list|show|check`` and the position-aware JSON scan behind ``check``."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.schema_tools import check_schema_file, locate

from support import ROOT, run_cli

BAD_SCHEMA = """{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["definition"],
  "properties": {
    "definition": {
      "type": "strin",
      "x-wiki-lint": {"headings": ["Definition"], "labelz": ["x"]}
    },
    "other": {"minLength": "3", "x-wiki-lint": {"lead": "yes"}}
  }
}
"""


def test_list_names_the_built_in_schemas() -> None:
    result = run_cli("schema", "list")
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["disease", "drug", "medical-entry", "protein"]
    assert "wiki-lint.meta" not in result.stdout


def test_show_prints_the_built_in_schema_verbatim() -> None:
    default, named = run_cli("schema", "show"), run_cli("schema", "show", "medical-entry.schema.json")
    assert default.returncode == named.returncode == 0
    assert default.stdout == named.stdout == (ROOT / "schemas" / "medical-entry.schema.json").read_text(encoding="utf-8")
    assert "required" in json.loads(default.stdout)


def test_show_of_an_unknown_schema_is_exit_2_with_the_choices() -> None:
    result = run_cli("schema", "show", "vitamin")
    assert result.returncode == 2
    assert "no built-in schema 'vitamin'; built-in schemas: disease, drug, medical-entry, protein" in result.stderr


def test_check_passes_the_shipped_schemas() -> None:
    result = run_cli("schema", "check", *sorted(str(p) for p in (ROOT / "schemas").glob("*.json")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_reports_every_problem_at_its_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.schema.json"
    bad.write_text(BAD_SCHEMA, encoding="utf-8")
    result = run_cli("schema", "check", str(bad))
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines == [
        f"{bad}:7:7: 'strin' is not valid under any of the given schemas (at $.properties.definition.type)",
        f"{bad}:8:51: Additional properties are not allowed ('labelz' was unexpected) (at $.properties.definition.x-wiki-lint)",
        f"{bad}:10:15: '3' is not of type 'integer' (at $.properties.other.minLength)",
        f"{bad}:10:49: 'yes' is not of type 'boolean' (at $.properties.other.x-wiki-lint.lead)",
    ]
    assert BAD_SCHEMA.splitlines()[7][50:58] == '"labelz"'


def test_check_reports_json_syntax_errors_with_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "type": "object",\n  "required": [}\n', encoding="utf-8")
    (problem,) = check_schema_file(broken)
    assert (problem.line, problem.column) == (3, 16)
    assert problem.message.startswith("invalid JSON")


def test_check_reports_references_that_do_not_resolve(tmp_path: Path) -> None:
    schema = tmp_path / "ext.schema.json"
    schema.write_text(
        json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "allOf": [{"$ref": "missing.schema.json"}]}),
        encoding="utf-8",
    )
    (problem,) = check_schema_file(schema)
    assert "cannot be resolved" in problem.message


def test_check_goes_on_after_a_missing_file_and_exits_2(tmp_path: Path) -> None:
    good = ROOT / "schemas" / "medical-entry.schema.json"
    result = run_cli("schema", "check", str(tmp_path / "nope.json"), str(good))
    assert result.returncode == 2
    assert result.stdout == f"{tmp_path / 'nope.json'}:1:1: no such schema file\n"


def test_locate_points_at_keys_and_items() -> None:
    text = '{"a": [1, {"b": null}],\n "c": {"d": "x\\"y"}}'
    positions = locate(text)
    assert positions[()] == (1, 1)
    assert positions[("a",)] == (1, 2)
    assert positions[("a", 0)] == (1, 8)
    assert positions[("a", 1, "b")] == (1, 12)
    assert positions[("c", "d")] == (2, 8)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=15,
)


@given(st.dictionaries(st.text(max_size=6), json_values, max_size=4), st.sampled_from([None, 0, 2]), st.booleans())
def test_every_key_is_located_where_it_is_written(document: dict[str, object], indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_only)
    lines = text.split("\n")
    positions = locate(text)

    def walk(value: object, path: tuple[str | int, ...]) -> None:
        line, column = positions[path]
        rest = lines[line - 1][column - 1 :]
        if path and isinstance(path[-1], str):
            assert json.loads(json.dumps(path[-1], ensure_ascii=ascii_only)) == path[-1]
            assert rest.startswith(json.dumps(path[-1], ensure_ascii=ascii_only))
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, (*path, index))

    walk(document, ())
