"""What each fix does to a page: safe fixes, unsafe fixes, and the finding contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from functools import partial

import support
from support import COMPLETE_MD, SAMPLES, TODAY, by_name, every_rule, names

lint = partial(support.lint, selection=every_rule())  # the opt-in fixable rules too

from wiki_lint.check import Settings
from wiki_lint.errors import SchemaError
from wiki_lint.fix import fix_text
from wiki_lint.rules import REGISTRY
from wiki_lint.schema import load_schema
from wiki_lint.sources import Source

PAGE_TXT = """Interleukin 34
Interleukin 34 (IL-34) is a protein that in humans is encoded by the IL34 gene.
Function[edit]
IL-34 is a cytokine that promotes the differentiation and viability of monocytes and macrophages.
Clinical significance[edit | edit source]
Alterations in the production of IL-34 have been associated with rheumatoid arthritis and cancer.
Medical Disclaimer: This page is not a substitute for professional medical advice.
Credits:Most images are courtesy of Wikimedia commons, licensed under CC BY-SA 4.0.
"""


def fixed(
    text: str,
    fmt: str = "markdown",
    unsafe: bool = False,
    options: dict[str, dict[str, Any]] | None = None,
) -> str:
    path = "page.md" if fmt == "markdown" else "page.txt"
    settings = Settings(today=TODAY, rule_options=options or {}, selection=every_rule())
    return fix_text(Source(path, text), settings, fmt, unsafe=unsafe).text


# --- the finding contract --------------------------------------------------------------


def test_json_finding_has_fix_object_or_null() -> None:
    findings = lint(PAGE_TXT, "plaintext")
    marker = by_name(findings, "edit-marker")[0].to_dict()
    assert list(marker)[-1] == "fix"
    assert marker["fix"]["applicability"] == "safe"
    assert marker["fix"]["edits"] == [
        {"line": 3, "column": 9, "end_line": 3, "end_column": 15, "content": ""}
    ]
    json.dumps(marker)
    references = by_name(findings, "missing-references")[0].to_dict()
    assert references["fix"] is None


def test_fixable_rules_are_declared() -> None:
    fixable = {rule.name for rule in REGISTRY if rule.fixable}
    assert {
        "edit-marker",
        "site-chrome",
        "non-canonical-heading",
        "glued-label",
        "missing-part",
        "vague-license",
    } <= fixable
    assert "missing-references" not in fixable


def test_findings_without_fix_compare_and_sort_as_before() -> None:
    findings = lint(PAGE_TXT, "plaintext")
    assert findings == sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code))


# --- safe: edit markers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Function[edit]", "Function"),
        ("Function [edit]", "Function"),
        ("Function[edit | edit source]", "Function"),
        ("[edit] Function", "Function"),
        ("Función[editar]", "Función"),
    ],
)
def test_edit_markers_are_stripped_in_plain_text(heading: str, expected: str) -> None:
    page = PAGE_TXT.replace("Function[edit]", heading)
    out = fixed(page, "plaintext")
    assert out.splitlines()[2] == expected


def test_edit_markers_are_stripped_in_markdown() -> None:
    page = COMPLETE_MD.replace("## Function\n", "## Function[edit]\n").replace(
        "## References\n", "## References \\[edit\\]\n"
    )
    assert fixed(page) == COMPLETE_MD


# --- safe: site chrome -----------------------------------------------------------------


def test_chrome_is_removed_from_plain_text() -> None:
    page = PAGE_TXT.replace(
        "Function[edit]\n", "Jump to navigation Jump to search\nFunction[edit]\n"
    )
    page += "Retrieved from https://www.wikimd.com/wiki/Interleukin_34\nThis page has been accessed 1,234 times.\nTranslate this page: - East Asian\n中文,\nEuropean\nespañol,\n"
    out = fixed(page, "plaintext")
    assert out == fixed(PAGE_TXT, "plaintext")
    assert not by_name(lint(out, "plaintext"), "site-chrome")


def test_chrome_is_removed_from_markdown_without_double_blank_lines() -> None:
    page = COMPLETE_MD.replace(
        "## Function\n", "Retrieved from https://example.org/wiki/IL-6\n\n## Function\n"
    )
    page += "\nTranslate this page: - East Asian\n中文,\nUkrainian\n\nThis page has been accessed 1,234 times.\n"
    out = fixed(page)
    assert out == COMPLETE_MD
    assert "\n\n\n" not in out


def test_a_chrome_block_mixed_with_content_gets_an_unsafe_fix() -> None:
    page = (
        COMPLETE_MD
        + "\nRetrieved from https://example.org/wiki/IL-6\nIL-6 is also made by muscle during exercise.\n"
    )
    (chrome,) = by_name(lint(page), "site-chrome")
    assert chrome.fix is not None and chrome.fix.applicability == "unsafe"
    assert "IL-6 is also made by muscle" in fixed(page)


def test_a_heading_with_a_marker_ends_a_translation_list() -> None:
    page = "Title\nTitle is a protein of the body.\nTranslate this page: - East Asian\n中文,\nFunction[edit]\nIt does things.\n"
    out = fixed(page, "plaintext")
    assert out == "Title\nTitle is a protein of the body.\nFunction\nIt does things.\n"


# --- safe: canonical headings and glued labels -----------------------------------------


def test_heading_alias_is_renamed_to_the_canonical_heading() -> None:
    page = COMPLETE_MD.replace("## Function\n", "## Biological function\n").replace(
        "## Clinical significance\n", "## Clinical relevance [edit]\n"
    )
    (alias, _) = by_name(lint(page), "non-canonical-heading")
    assert alias.severity == "info" and alias.part == "function"
    assert fixed(page) == COMPLETE_MD


def test_references_alias_is_renamed() -> None:
    page = COMPLETE_MD.replace("## References\n", "## Sources\n")
    assert fixed(page) == COMPLETE_MD


def test_same_heading_in_other_case_is_not_reported() -> None:
    assert "non-canonical-heading" not in names(
        lint(COMPLETE_MD.replace("## Clinical significance\n", "## Clinical Significance\n"))
    )


def test_glued_label_gets_its_space() -> None:
    out = fixed(PAGE_TXT, "plaintext")
    assert "Credits: Most images" in out
    (glued,) = by_name(lint(PAGE_TXT, "plaintext"), "glued-label")
    assert (glued.line, glued.column) == (8, 8)


def test_unknown_labels_and_times_are_not_glued_labels() -> None:
    page = (
        PAGE_TXT.replace("Credits:Most", "Credits: Most")
        + "Note:see the talk page.\nThe meeting starts at 10:30 sharp.\n"
    )
    assert "glued-label" not in names(lint(page, "plaintext"))


# --- unsafe: templates, TODO sections, licenses ----------------------------------------


def test_missing_license_is_inserted_after_the_credits_from_the_template() -> None:
    page = PAGE_TXT.replace(", licensed under CC BY-SA 4.0", "")
    (missing,) = by_name(lint(page, "plaintext"), "missing-part")
    assert (
        missing.part == "license"
        and missing.fix is not None
        and missing.fix.applicability == "unsafe"
    )
    assert fixed(page, "plaintext") == fixed(
        page, "plaintext", unsafe=False
    )  # safe run: license untouched
    out = fixed(page, "plaintext", unsafe=True).splitlines()
    assert out[-2].startswith("Credits: Most images") and out[-1] == "License: CC-BY-SA-4.0"
    assert "missing-part" not in names(lint("\n".join(out) + "\n", "plaintext"))


def test_configured_default_license_is_used() -> None:
    page = PAGE_TXT.replace(", licensed under CC BY-SA 4.0", "")
    out = fixed(
        page, "plaintext", unsafe=True, options={"vague-license": {"default-license": "CC-BY-4.0"}}
    )
    assert out.rstrip().endswith("License: CC-BY-4.0")


def test_missing_disclaimer_goes_before_the_credits() -> None:
    page = PAGE_TXT.replace(
        "Medical Disclaimer: This page is not a substitute for professional medical advice.\n", ""
    )
    lines = fixed(page, "plaintext", unsafe=True).splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("Medical Disclaimer:"))
    assert lines[index + 1].startswith("Credits:")
    assert "not a substitute for professional medical advice" in lines[index]


def test_missing_credits_and_license_in_markdown_go_at_the_end_as_blocks() -> None:
    page = COMPLETE_MD.split("## Credits")[0].rstrip("\n") + "\n"
    page = page.replace("authors:", "editors:").replace("license: CC-BY-SA-4.0\n", "")
    findings = lint(page)
    assert {f.part for f in by_name(findings, "missing-part")} >= {"credits", "license"}
    out = fixed(page, unsafe=True)
    assert (
        "\n\nCredits: TODO name the authors and editors of this page.\n\nLicense: CC-BY-SA-4.0\n"
        in out
    )
    assert "missing-part" not in names(lint(out))


def test_missing_required_section_is_inserted_with_a_todo_at_its_canonical_place() -> None:
    page = PAGE_TXT.replace(
        "Function[edit]\nIL-34 is a cytokine that promotes the differentiation and viability of monocytes and macrophages.\n",
        "",
    )
    lines = fixed(page, "plaintext", unsafe=True).splitlines()
    assert lines[2:4] == ["Function", "TODO: write this section."]
    assert lines[4] == "Clinical significance"


def test_missing_section_in_markdown_goes_after_the_previous_part() -> None:
    start = COMPLETE_MD.index("## Clinical significance")
    end = COMPLETE_MD.index("## ", start + 3)
    page = COMPLETE_MD[:start] + COMPLETE_MD[end:]
    out = fixed(page, unsafe=True)
    assert "\n\n## Clinical significance\n\nTODO: write this section.\n\n## See also" in out
    findings = lint(out)
    assert "missing-part" not in names(findings)
    assert "short-part" in names(findings)  # the TODO still shows the section is unwritten


def test_vague_license_is_replaced_with_the_default_license() -> None:
    seed = (SAMPLES / "interleukin-34.txt").read_text(encoding="utf-8")
    out = fixed(seed, "plaintext", unsafe=True)
    assert "licensed under CC-BY-SA-4.0." in out
    assert "vague-license" not in names(lint(out, "plaintext"))


def test_vague_license_in_front_matter_keeps_the_key() -> None:
    page = COMPLETE_MD.replace("license: CC-BY-SA-4.0", "license: CC BY SA or similar")
    assert page != COMPLETE_MD
    out = fixed(page, unsafe=True, options={"vague-license": {"default-license": "CC0-1.0"}})
    assert "license: CC0-1.0\n" in out


def test_a_second_unsafe_run_changes_nothing() -> None:
    page = PAGE_TXT.replace(
        "Medical Disclaimer: This page is not a substitute for professional medical advice.\n", ""
    ).replace(", licensed under CC BY-SA 4.0", "")
    once = fixed(page, "plaintext", unsafe=True)
    assert fixed(once, "plaintext", unsafe=True) == once


# --- templates declared in user schemas ----------------------------------------------


def _user_schema(tmp_path: Path, template: dict[str, Any]) -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [{"$ref": "medical-entry.schema.json"}],
        "required": ["dosage"],
        "properties": {
            "dosage": {
                "type": "string",
                "title": "Dosage",
                "minLength": 1,
                "x-wiki-lint": {"headings": ["Dosage", "Dosing"], "template": template},
            }
        },
    }
    path = tmp_path / "drug.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return str(path)


def test_section_template_from_a_user_schema_goes_where_it_says(tmp_path: Path) -> None:
    schema = _user_schema(
        tmp_path,
        {
            "text": "TODO: give the usual adult dose.",
            "form": "section",
            "after": ["clinical_significance"],
        },
    )
    settings = Settings(schema=schema, today=TODAY)
    out = fix_text(Source("page.md", COMPLETE_MD), settings, "markdown", unsafe=True).text
    assert "\n\n## Dosage\n\nTODO: give the usual adult dose.\n\n## See also\n" in out
    assert "missing-part" not in names(lint(out, schema=schema))


@pytest.mark.parametrize(
    "template",
    [
        {"form": "label"},
        {"text": "x", "form": "box"},
        {"text": "x", "where": "end"},
        {"text": "x", "at": "middle"},
    ],
    ids=["no-text", "bad-form", "unknown-key", "bad-at"],
)
def test_a_malformed_template_is_a_schema_error(tmp_path: Path, template: dict[str, Any]) -> None:
    schema = _user_schema(tmp_path, template)
    with pytest.raises(SchemaError, match="template|text|form|where|at"):
        load_schema(schema)


def test_missing_function_goes_right_after_the_lead_in_the_seed() -> None:
    seed = (SAMPLES / "interleukin-34.txt").read_text(encoding="utf-8")
    start = seed.index("Function[edit]")
    page = seed[:start] + seed[seed.index("Clinical significance[edit]") :]
    lines = fixed(page, "plaintext", unsafe=True).splitlines()
    assert lines[2:5] == ["Function", "TODO: write this section.", "Clinical significance"]
