"""The rule catalogue: well-formed codes and names, complete docs, every rule exercised.

Every rule must be triggered by a page under tests/pages/ (named after the rule, see
tests/pages/README.md), and the generated docs (docs/rules.md, the README table) must
match the rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wiki_lint import readers
from wiki_lint.check import Settings, check_file
from wiki_lint.findings import Severity
from wiki_lint.ruledocs import (
    DOCS_URL,
    RuleDocError,
    all_docs,
    expected_files,
    find_rule,
    help_uri,
    parse_sections,
    rule_doc,
)
from wiki_lint.rules import BY_NAME, REGISTRY, Rule
from wiki_lint.rules.base import DOC_SECTIONS

from support import ROOT, every_rule, run_cli

PAGES = ROOT / "tests" / "pages"
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def test_codes_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in REGISTRY]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"WL\d{3}", code) for code in codes), codes


def test_names_are_unique_kebab_case() -> None:
    rule_names = [rule.name for rule in REGISTRY]
    assert len(rule_names) == len(set(rule_names))
    assert all(KEBAB.match(name) for name in rule_names), rule_names


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.code)
def test_every_rule_declares_what_the_catalogue_shows(rule: type[Rule]) -> None:
    assert isinstance(rule.severity, Severity)
    assert isinstance(rule.fixable, bool)
    assert rule.summary.strip() and rule.summary.endswith(".")
    assert rule.origin in ("code", "schema", "reader", "suppression")


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.code)
def test_every_rule_has_every_doc_section(rule: type[Rule]) -> None:
    doc = rule_doc(rule)  # raises RuleDocError naming what is missing
    assert list(doc.sections) == list(DOC_SECTIONS)
    assert all(len(text) > 10 for text in doc.sections.values()), doc.sections


def test_a_missing_section_is_named() -> None:
    with pytest.raises(RuleDocError, match="'How to fix'"):
        parse_sections("What it does: x.\n\nWhy it matters: y.\n\nExample: z.")


def test_sections_out_of_order_or_empty_are_refused() -> None:
    with pytest.raises(RuleDocError, match="order"):
        parse_sections("Why it matters: y.\n\nWhat it does: x.\n\nExample: z.\n\nHow to fix: w.")
    with pytest.raises(RuleDocError, match="'Example' is empty"):
        parse_sections("What it does: x.\n\nWhy it matters: y.\n\nExample:\n\nHow to fix: w.")


def test_sections_are_parsed_as_paragraphs() -> None:
    sections = parse_sections(
        """What it does: reports a thing
        over two lines.

        Why it matters: because.

        Example: ``x``.

        How to fix: do this.

        Or that.
        """
    )
    assert sections == {
        "What it does": "Reports a thing over two lines.",
        "Why it matters": "Because.",
        "Example": "``x``.",
        "How to fix": "Do this.\n\nOr that.",
    }


def test_find_rule_by_code_in_any_case_or_by_name() -> None:
    assert find_rule("WL101") is BY_NAME["missing-part"]
    assert find_rule("wl101") is BY_NAME["missing-part"]
    assert find_rule("missing-part") is BY_NAME["missing-part"]
    assert find_rule("WL999") is None


def test_help_uri_is_the_docs_page_with_the_code_anchor() -> None:
    assert help_uri("WL101") == DOCS_URL + "#wl101"
    assert DOCS_URL == "https://github.com/wiki-lint/wiki-lint/blob/main/docs/rules.md"


def _page_rule(page: Path) -> str:
    return page.name.split(".", 1)[0].split("--", 1)[0]


def _test_pages() -> list[Path]:
    known = {ext.lower() for ext in readers.extensions()}
    return sorted(p for p in PAGES.iterdir() if p.suffix.lower() in known and p.name != "README.md")


def _check_page(page: Path) -> set[str]:
    schema = page.with_name(page.name.split(".", 1)[0] + ".schema.json")
    settings = Settings(schema=str(schema) if schema.exists() else None, selection=every_rule(), encoding_errors="replace")
    result = check_file(str(page), settings)
    assert result.error is None, result.error
    return {finding.name for finding in result.findings}


def test_test_pages_exist() -> None:
    assert len(_test_pages()) >= len(REGISTRY)


@pytest.mark.parametrize("page", _test_pages(), ids=lambda p: p.name)
def test_each_test_page_triggers_the_rule_it_is_named_after(page: Path) -> None:
    if page.stem == "complete":
        assert _check_page(page) == set()
        return
    rule = _page_rule(page)
    assert rule in BY_NAME, f"{page.name}: name test pages after a rule (<rule-name>[--variant].ext)"
    assert rule in _check_page(page)


def test_every_rule_is_triggered_by_some_test_page() -> None:
    triggered: set[str] = set()
    for page in _test_pages():
        triggered |= _check_page(page)
    never = sorted(rule.name for rule in REGISTRY if rule.name not in triggered)
    assert not never, f"rules no page under tests/pages/ triggers (add a page per rule): {never}"


def test_rules_doc_and_readme_table_are_up_to_date() -> None:
    for path, text in expected_files(ROOT).items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python -m wiki_lint.ruledocs"


def test_docs_page_has_an_anchor_heading_per_rule() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for doc in all_docs():
        assert f"\n## {doc.code}\n" in page
        for heading in DOC_SECTIONS:
            assert f"### {heading}" in page


def test_ruledocs_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    from wiki_lint.ruledocs import main

    (tmp_path / "README.md").write_text("# x\n\n<!-- rules-table:start -->\nold\n<!-- rules-table:end -->\n", encoding="utf-8")
    assert main([str(tmp_path), "--check"]) == 1
    assert main([str(tmp_path)]) == 0
    assert main([str(tmp_path), "--check"]) == 0
    assert "| [WL101](docs/rules.md#wl101) |" in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert (tmp_path / "docs" / "rules.md").exists()


def test_ruledocs_without_markers_is_an_error(tmp_path: Path) -> None:
    from wiki_lint.ruledocs import main

    (tmp_path / "README.md").write_text("# no markers\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 2


# --- the `rules` and `rule` commands, as users run them -------------------------------


def test_rules_command_lists_every_rule() -> None:
    done = run_cli("rules")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIXABLE", "SUMMARY"]
    for rule in REGISTRY:
        row = next(line for line in lines if line.startswith(rule.code + " "))
        _code, name, severity, fixable = row.split()[:4]
        assert (name, severity, fixable) == (
            rule.name,
            str(rule.severity),
            "yes" if rule.fixable else "no",
        )


def test_rules_command_as_json() -> None:
    import json

    done = run_cli("rules", "--output-format", "json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert [entry["code"] for entry in listed] == sorted(rule.code for rule in REGISTRY)
    first = listed[0]
    assert set(first) >= {
        "code",
        "name",
        "severity",
        "fixable",
        "summary",
        "url",
        "what_it_does",
        "how_to_fix",
    }
    assert first["url"] == help_uri(first["code"])


@pytest.mark.parametrize("key", ["WL101", "wl101", "missing-part"])
def test_rule_command_prints_the_docs_by_code_or_name(key: str) -> None:
    done = run_cli("rule", key)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# WL101 missing-part\n")
    for heading in DOC_SECTIONS:
        assert f"\n## {heading}\n" in done.stdout
    assert "Default severity: error. Fixable: yes." in done.stdout  # unsafe fixes insert templates (issue 6)


def test_rule_command_json() -> None:
    import json

    done = run_cli("rule", "edit-marker", "--output-format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["code"] == "WL601"


@pytest.mark.parametrize("key", ["WL999", "missing-parts"])
def test_unknown_rule_is_exit_2_with_a_clear_message(key: str) -> None:
    done = run_cli("rule", key)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"unknown rule '{key}'" in done.stderr
    assert "wiki-lint rules" in done.stderr
    if key == "missing-parts":
        assert "did you mean missing-part" in done.stderr
