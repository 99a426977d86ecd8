"""Schemas are data: the built-in schema, meta-schema checks, user schemas and $ref."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiki_lint.errors import SchemaError
from wiki_lint.schema import builtin_dir, builtin_names, load_schema

from support import COMPLETE_MD, ROOT, lint, run_cli

REQUIRED = ["definition", "function", "clinical_significance", "disclaimer", "credits", "license"]


def write_schema(folder: Path, name: str, document: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(document) if not isinstance(document, str) else document, encoding="utf-8")
    return path


def extending(properties: dict | None = None, **extra: object) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [{"$ref": "medical-entry.schema.json"}],
        "properties": properties or {},
        **extra,
    }


def test_builtin_schema_requires_the_six_parts() -> None:
    schema = load_schema()
    assert list(schema.required) == REQUIRED
    assert {"references", "see_also"} <= set(schema.parts)
    assert "medical-entry.schema.json" in builtin_names()


def test_builtin_schemas_are_the_repository_files() -> None:
    for path in (ROOT / "schemas").glob("*.json"):
        assert (builtin_dir() / path.name).read_bytes() == path.read_bytes()


def test_every_builtin_schema_loads() -> None:
    for path in (ROOT / "schemas").glob("*.schema.json"):
        load_schema(str(path))


def test_unknown_annotation_key_names_the_key(tmp_path: Path) -> None:
    path = write_schema(tmp_path, "typo.schema.json", extending({"function": {"x-wiki-lint": {"heading": ["Role"]}}}))
    with pytest.raises(SchemaError) as raised:
        load_schema(str(path))
    assert raised.value.path == str(path)
    assert "function" in (raised.value.key or "") and "heading" in str(raised.value)


def test_bad_keyword_value_names_the_key(tmp_path: Path) -> None:
    path = write_schema(tmp_path, "bad.schema.json", extending({"credits": {"minLength": "ten"}}))
    with pytest.raises(SchemaError) as raised:
        load_schema(str(path))
    assert "credits" in (raised.value.key or "") and "minLength" in (raised.value.key or "")


def test_invalid_regex_is_a_schema_error(tmp_path: Path) -> None:
    path = write_schema(tmp_path, "regex.schema.json", extending({"credits": {"pattern": "(unclosed"}}))
    with pytest.raises(SchemaError):
        load_schema(str(path))


def test_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = write_schema(tmp_path, "broken.schema.json", '{"required": ["a",]}')
    with pytest.raises(SchemaError) as raised:
        load_schema(str(path))
    assert "line 1" in str(raised.value) and str(path) in str(raised.value)


def test_required_part_without_properties_entry(tmp_path: Path) -> None:
    path = write_schema(tmp_path, "orphan.schema.json", extending(required=["dosage"]))
    with pytest.raises(SchemaError) as raised:
        load_schema(str(path))
    assert "dosage" in str(raised.value)


def test_user_schema_extends_the_builtin(tmp_path: Path) -> None:
    path = write_schema(
        tmp_path,
        "drug-entry.schema.json",
        extending(
            {"dosage": {"type": "string", "title": "Dosage", "minLength": 20, "x-wiki-lint": {"headings": ["Dosage", "Dosing"]}}},
            required=["dosage"],
        ),
    )
    schema = load_schema(str(path))
    assert set(REQUIRED) | {"dosage"} <= set(schema.required)
    findings = lint(COMPLETE_MD, schema=str(path))
    assert [(f.name, f.part) for f in findings] == [("missing-part", "dosage")]
    assert "'Dosage'" in findings[0].message
    with_dosage = COMPLETE_MD + "\n## Dosing\n\nThe usual adult dose is set by the prescribing specialist.\n"
    # the alias satisfies the part; only an info-level nudge to the canonical heading remains
    assert [(f.name, f.severity) for f in lint(with_dosage, schema=str(path))] == [("non-canonical-heading", "info")]


def test_user_schema_refs_a_sibling_file(tmp_path: Path) -> None:
    write_schema(tmp_path, "common.schema.json", {"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"credits": {"minLength": 500}}})
    path = write_schema(tmp_path, "entry.schema.json", extending(allOf=[{"$ref": "medical-entry.schema.json"}, {"$ref": "common.schema.json"}]))
    findings = lint(COMPLETE_MD, schema=str(path))
    assert [(f.name, f.part) for f in findings] == [("short-part", "credits")]


@pytest.mark.parametrize("ref", ["https://example.org/schema.json", "../outside.schema.json", "/etc/passwd"])
def test_ref_outside_the_schema_folder_is_refused(tmp_path: Path, ref: str) -> None:
    inner = tmp_path / "schemas"
    inner.mkdir()
    write_schema(tmp_path, "outside.schema.json", {"properties": {}})
    path = write_schema(inner, "entry.schema.json", {"$schema": "https://json-schema.org/draft/2020-12/schema", "allOf": [{"$ref": ref}]})
    with pytest.raises(SchemaError) as raised:
        load_schema(str(path))
    assert "$ref" in str(raised.value)


def test_broken_schema_through_the_cli_is_exit_2(tmp_path: Path) -> None:
    path = write_schema(tmp_path, "typo.schema.json", extending({"function": {"x-wiki-lint": {"heading": ["Role"]}}}))
    result = run_cli("check", "--schema", str(path), str(ROOT / "samples" / "interleukin-6.md"))
    assert result.returncode == 2
    assert str(path) in result.stderr and "heading" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_schema_file_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("check", "--schema", str(tmp_path / "nope.json"), str(ROOT / "samples" / "interleukin-6.md"))
    assert result.returncode == 2 and "nope.json" in result.stderr and "Traceback" not in result.stderr
