"""check_schema_consistency: schemas that contradict themselves or have dead aliases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wiki_lint.findings import Severity
from wiki_lint.schema import load_schema
from wiki_lint.schema_check import SchemaIssue, check_schema_consistency, shared_aliases

DRAFT = "https://json-schema.org/draft/2020-12/schema"


@pytest.fixture(autouse=True)
def fresh_schema_cache() -> None:
    load_schema.cache_clear()


def issues_for(tmp_path: Path, document: dict[str, Any], name: str = "user.schema.json") -> list[SchemaIssue]:
    path = tmp_path / name
    path.write_text(json.dumps({"$schema": DRAFT, **document}), encoding="utf-8")
    return check_schema_consistency(load_schema(str(path)))


def part(**annotation: Any) -> dict[str, Any]:
    return {"type": "string", "x-wiki-lint": annotation or {"headings": ["Gene"]}}


def messages(issues: list[SchemaIssue], severity: Severity | None = None) -> list[str]:
    return [i.message for i in issues if severity is None or i.severity == severity]


def test_builtin_schema_is_consistent() -> None:
    assert check_schema_consistency(load_schema()) == []


def test_required_and_forbidden_by_not_true(tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"allOf": [{"$ref": "medical-entry.schema.json"}], "properties": {"license": {"not": True}}})
    [issue] = [i for i in issues if i.part == "license"]
    assert issue.severity == Severity.ERROR and "no page can pass" in issue.message
    assert issue.key == "$.properties.license" and issue.path.endswith("user.schema.json")


def test_required_and_forbidden_by_not_empty_schema(tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"required": ["gene"], "properties": {"gene": {**part(), "not": {}}}})
    assert any("forbidden ('not' of an empty schema)" in m for m in messages(issues, Severity.ERROR))


def test_required_with_max_length_zero(tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"required": ["gene"], "properties": {"gene": {**part(), "maxLength": 0}}})
    [issue] = issues
    assert issue.severity == Severity.ERROR and issue.key == "$.properties.gene.maxLength"


def test_required_and_forbidden_by_top_level_not_required(tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"required": ["gene"], "not": {"required": ["gene"]}, "properties": {"gene": part()}})
    assert any("top-level 'not: {required" in m for m in messages(issues, Severity.ERROR))


def test_min_length_above_max_length_across_layers(tmp_path: Path) -> None:
    (tmp_path / "base.schema.json").write_text(json.dumps({"$schema": DRAFT, "properties": {"gene": {**part(), "minLength": 50}}}))
    issues = issues_for(tmp_path, {"allOf": [{"$ref": "base.schema.json"}], "properties": {"gene": {"maxLength": 10}}})
    assert messages(issues, Severity.WARNING) == ["part 'gene' needs at least 50 characters but at most 10: any page that has it fails"]


@pytest.mark.parametrize("constraint", [{"type": "integer"}, {"type": ["number", "null"]}, {"enum": [1, 2]}, {"const": 3}])
def test_constraint_that_excludes_text(constraint: dict[str, Any], tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"required": ["gene"], "properties": {"gene": {**part(), **constraint}}})
    assert any("excludes text" in m for m in messages(issues, Severity.ERROR))


def test_required_part_with_nowhere_to_be_found(tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"required": ["gene"], "properties": {"gene": {"type": "string", "minLength": 1}}})
    assert any("says nowhere to find it" in m for m in messages(issues, Severity.ERROR))


@pytest.mark.parametrize(
    ("field", "alias", "reason"),
    [
        ("headings", "***", "empty once"),
        ("headings", "Function [edit]", "edit markers"),
        ("headings", "Two\nlines", "one line"),
        ("labels", "---", "empty once"),
        ("labels", "this label is far too long to be recognised by any reader at all, really it is", "readers recognise a label"),
    ],
)
def test_aliases_that_match_nothing(field: str, alias: str, reason: str, tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"properties": {"gene": part(**{field: [alias]})}})
    [issue] = issues
    assert issue.severity == Severity.WARNING and "matches nothing" in issue.message and reason in issue.message


def test_labels_readers_can_produce_are_fine(tmp_path: Path) -> None:
    assert issues_for(tmp_path, {"properties": {"gene": part(labels=["Gene symbol", "Reviewed by (medical editor)", "HGNC"])}}) == []


def test_within_naming_an_unknown_part(tmp_path: Path) -> None:
    within = [{"parts": ["acknowledgements"], "pattern": "funded by (?P<value>.+)"}]
    issues = issues_for(tmp_path, {"properties": {"funding": part(within=within)}})
    assert any("'acknowledgements', which the schema does not define" in m for m in messages(issues))


def test_alias_shared_by_two_parts(tmp_path: Path) -> None:
    path = tmp_path / "shared.schema.json"
    document = {"$schema": DRAFT, "allOf": [{"$ref": "medical-entry.schema.json"}], "properties": {"gene": part(headings=["function"])}}
    path.write_text(json.dumps(document), encoding="utf-8")
    schema = load_schema(str(path))
    assert check_schema_consistency(schema) == []  # sharing is allowed; it is reported only on request
    assert any("belongs to both 'function' and 'gene'" in i.message for i in shared_aliases(schema))


def test_schema_without_parts(tmp_path: Path) -> None:
    assert messages(issues_for(tmp_path, {"properties": {}})) == ["the schema defines no parts: every page passes"]


def test_errors_come_first_and_issues_print_with_file_and_key(tmp_path: Path) -> None:
    issues = issues_for(tmp_path, {"required": ["gene"], "properties": {"gene": {**part(headings=["***"]), "maxLength": 0}}})
    assert [i.severity for i in issues] == [Severity.ERROR, Severity.WARNING]
    assert str(issues[0]).startswith(f"{tmp_path / 'user.schema.json'}: $.properties.gene.maxLength: error: ")


def test_schema_check_command_reports_contradictions_with_positions(tmp_path: Path) -> None:
    from support import run_cli

    path = tmp_path / "contradiction.schema.json"
    path.write_text(
        '{"$schema": "' + DRAFT + '",\n "required": ["gene"],\n'
        ' "properties": {"gene": {"type": "string", "maxLength": 0, "x-wiki-lint": {"headings": ["Gene", "***"]}}}}\n',
        encoding="utf-8",
    )
    done = run_cli("schema", "check", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{path}:3:") and "'maxLength: 0' forbids any text" in lines[0]
    assert "warning: heading alias '***' matches nothing" in lines[1]


def test_schema_check_command_passes_with_only_warnings(tmp_path: Path) -> None:
    from support import run_cli

    path = tmp_path / "dead-alias.schema.json"
    path.write_text(json.dumps({"$schema": DRAFT, "properties": {"gene": part(headings=["Gene", "***"])}}), encoding="utf-8")
    done = run_cli("schema", "check", str(path))
    assert done.returncode == 0 and "warning: heading alias '***'" in done.stdout
