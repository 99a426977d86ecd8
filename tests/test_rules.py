"""One test group per rule: a small page in, the expected findings and positions out."""

from __future__ import annotations

import re

from support import COMPLETE_MD, by_name, lint, names


def without_section(text: str, heading: str) -> str:
    """``text`` with the Markdown section ``## heading`` (heading and body) removed."""
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.M | re.S)
    assert pattern.search(text), heading
    return pattern.sub("", text)


def replace_section(text: str, heading: str, body: str) -> str:
    pattern = re.compile(rf"(^## {re.escape(heading)}\n).*?(?=^## |\Z)", re.M | re.S)
    assert pattern.search(text), heading
    return pattern.sub(lambda m: m.group(1) + body, text)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_complete_entry_is_clean() -> None:
    assert lint(COMPLETE_MD) == []


# --- missing-part (WL101) -------------------------------------------------------------


def test_three_missing_parts_give_three_findings_in_one_run() -> None:
    page = COMPLETE_MD
    for heading in ("Function", "Disclaimer", "Credits"):
        page = without_section(page, heading)
    page = page.replace("authors: [A. Example, B. Example]\n", "")
    missing = by_name(lint(page), "missing-part")
    assert [f.part for f in missing] == ["function", "disclaimer", "credits"]
    assert all(f.code == "WL101" and f.severity == "error" and (f.line, f.column) == (1, 1) for f in missing)
    function, disclaimer, credits = missing
    assert "'Function'" in function.message and "looked for" not in function.message
    assert "'Medical Disclaimer:'" in disclaimer.message or "Medical Disclaimer" in disclaimer.message
    assert "front matter" in credits.message and credits.hint


def test_missing_definition_when_the_page_starts_with_a_heading() -> None:
    page = re.sub(r"^Interleukin 6 \(IL-6\) is.*\n", "", COMPLETE_MD, flags=re.M)
    assert [f.part for f in by_name(lint(page), "missing-part")] == ["definition"]


def test_license_found_in_front_matter_or_credits_line() -> None:
    page = without_section(COMPLETE_MD, "License")
    assert by_name(lint(page), "missing-part") == []  # front matter 'license' holds it
    page = page.replace("license: CC-BY-SA-4.0\n", "")
    assert [f.part for f in by_name(lint(page), "missing-part")] == ["license"]
    page = replace_section(page, "Credits", "Written by A. Example. Text is available under CC BY 4.0.\n\n")
    assert by_name(lint(page), "missing-part") == []


def test_heading_aliases_and_labels_satisfy_parts() -> None:
    page = COMPLETE_MD.replace("## Function\n", "## Biological function\n").replace("## Credits\n", "## Contributors\n")
    # the alias is accepted; only an info-level nudge towards the canonical heading remains
    assert [(f.name, f.severity) for f in lint(page)] == [("non-canonical-heading", "info")]


def test_per_language_headings_with_lang() -> None:
    page = COMPLETE_MD.replace("## References\n", "## Referencias\n")
    assert "missing-references" in names(lint(page))


# --- empty-section (WL102), short-part (WL103) ----------------------------------------


def test_empty_required_section_is_empty_section_not_missing() -> None:
    page = replace_section(COMPLETE_MD, "Function", "\n")
    findings = lint(page)
    (empty,) = by_name(findings, "empty-section")
    assert empty.part == "function" and empty.line == line_of(page, "## Function")
    assert "missing-part" not in names(findings)


def test_empty_optional_section_is_reported() -> None:
    page = replace_section(COMPLETE_MD, "See also", "\n")
    (empty,) = by_name(lint(page), "empty-section")
    assert empty.part == "see_also" and empty.severity == "warning"


def test_empty_section_with_subsections_is_not_empty() -> None:
    page = replace_section(COMPLETE_MD, "Clinical significance", "### Arthritis\n\nRaised IL-6 levels are found in rheumatoid arthritis and in giant cell arteritis.\n\n")
    assert by_name(lint(page), "empty-section") == []


def test_short_part() -> None:
    page = replace_section(COMPLETE_MD, "Function", "It signals.\n\n")
    (short,) = by_name(lint(page), "short-part")
    assert short.part == "function" and short.line == line_of(page, "It signals.")
    assert "40 characters" in short.message


# --- malformed-part (WL104) -----------------------------------------------------------


def test_malformed_part_from_a_user_schema(tmp_path) -> None:
    schema = tmp_path / "strict.schema.json"
    schema.write_text(
        '{"$schema": "https://json-schema.org/draft/2020-12/schema",'
        ' "allOf": [{"$ref": "medical-entry.schema.json"}],'
        ' "properties": {"credits": {"pattern": "[Rr]eviewed by"}}}',
        encoding="utf-8",
    )
    page = replace_section(COMPLETE_MD, "Credits", "Written by A. Example, September 2025.\n\n")
    page = page.replace("authors: [A. Example, B. Example]\n", "")  # front matter would hold the credits
    (malformed,) = by_name(lint(page, schema=str(schema)), "malformed-part")
    assert malformed.part == "credits" and malformed.line == line_of(page, "Written by A. Example, September")


# --- duplicate-heading (WL105) --------------------------------------------------------


def test_duplicate_heading_siblings_only() -> None:
    page = COMPLETE_MD + "\n## Function\n\nMore on what IL-6 does in the body, repeated here.\n"
    (dup,) = by_name(lint(page), "duplicate-heading")
    assert dup.line == len(page.splitlines()) - 2 and f"line {line_of(page, '## Function')}" in dup.message
    nested = COMPLETE_MD.replace("## Clinical significance\n", "## Clinical significance\n\n### Function\n\nIL-6 function in disease is to drive inflammation in many organs.\n\n")
    assert by_name(lint(nested), "duplicate-heading") == []


# --- definition-missing-subject (WL106) -----------------------------------------------


def test_definition_must_name_the_subject() -> None:
    page = COMPLETE_MD.replace("Interleukin 6 (IL-6) is a protein", "It is a protein")
    (finding,) = by_name(lint(page), "definition-missing-subject")
    assert finding.part == "definition" and finding.line == line_of(page, "It is a protein")


def test_definition_may_name_the_abbreviation_or_plural() -> None:
    page = COMPLETE_MD.replace("Interleukin 6 (IL-6) is a protein", "IL-6 is a protein")
    assert lint(page.replace("# Interleukin 6\n", "# Interleukin 6 (IL-6)\n").replace("title: Interleukin 6\n", "title: Interleukin 6 (IL-6)\n")) == []


# --- front-matter-invalid (WL201) -----------------------------------------------------


def test_front_matter_yaml_error_is_reported_at_its_line() -> None:
    page = COMPLETE_MD.replace("lang: en\n", "lang: [en\n")
    (finding,) = by_name(lint(page), "front-matter-invalid")
    assert finding.line >= 2 and finding.severity == "error"


def test_duplicate_front_matter_key() -> None:
    page = COMPLETE_MD.replace("lang: en\n", "lang: en\nlang: fr\n")
    (finding,) = by_name(lint(page), "front-matter-invalid")
    assert finding.line == line_of(page, "lang: fr") and "lang" in finding.message


# --- disclaimer-missing-statement (WL301) ---------------------------------------------


def test_disclaimer_without_the_statement() -> None:
    page = replace_section(COMPLETE_MD, "Disclaimer", "This page is provided as is. Content may be outdated.\n\n")
    (finding,) = by_name(lint(page), "disclaimer-missing-statement")
    assert finding.part == "disclaimer" and finding.line == line_of(page, "provided as is")


def test_disclaimer_statement_variants() -> None:
    for sentence in (
        "It does not replace the advice of your doctor.",
        "This information is not intended as a substitute for professional medical advice.",
    ):
        page = replace_section(COMPLETE_MD, "Disclaimer", sentence + "\n\n")
        assert by_name(lint(page), "disclaimer-missing-statement") == [], sentence


# --- vague-license (WL311) ------------------------------------------------------------


def test_vague_license_or_similar() -> None:
    page = replace_section(COMPLETE_MD, "License", "Text is available under CC BY SA or similar.\n\n").replace("license: CC-BY-SA-4.0\n", "")
    (finding,) = by_name(lint(page), "vague-license")
    assert finding.part == "license" and finding.line == line_of(page, "or similar")


def test_license_without_version() -> None:
    page = replace_section(COMPLETE_MD, "License", "Creative Commons Attribution-ShareAlike.\n\n").replace("license: CC-BY-SA-4.0\n", "")
    assert [f.part for f in by_name(lint(page), "vague-license")] == ["license"]


def test_specific_licenses_pass() -> None:
    for text in ("CC BY 4.0", "CC0 1.0 Universal", "GFDL 1.3 or later", "Public domain (US government work)"):
        page = replace_section(COMPLETE_MD, "License", text + "\n\n").replace("license: CC-BY-SA-4.0\n", "")
        assert by_name(lint(page), "vague-license") == [], text


# --- missing-references (WL401) -------------------------------------------------------


def test_missing_references() -> None:
    page = without_section(COMPLETE_MD, "References")
    (finding,) = by_name(lint(page), "missing-references")
    assert finding.severity == "warning" and "'References'" in finding.message


# --- edit-marker (WL601), site-chrome (WL602) -----------------------------------------


def test_edit_marker_variants_one_finding_per_heading() -> None:
    page = (
        COMPLETE_MD.replace("## Function\n", "## Function[edit]\n")
        .replace("## Clinical significance\n", "## Clinical significance [edit | edit source]\n")
        .replace("## References\n", "## [edit] References\n")
    )
    findings = by_name(lint(page), "edit-marker")
    assert [f.line for f in findings] == [line_of(page, "Function[edit]"), line_of(page, "edit source"), line_of(page, "[edit] References")]
    assert "missing-part" not in names(lint(page))


def test_site_chrome_one_finding_per_contiguous_block() -> None:
    chrome = "\nTranslate this page: Deutsch, Español, Français, 日本語\n\nRetrieved from \"https://example.org/wiki/IL-6\"\n\nThis page has been accessed 1,234 times.\n"
    page = COMPLETE_MD + chrome
    (finding,) = by_name(lint(page), "site-chrome")  # one region of site furniture, one finding
    assert (finding.line, finding.end_line) == (line_of(page, "Translate this page"), line_of(page, "accessed 1,234"))
    split = COMPLETE_MD.replace("## See also\n", "Retrieved from \"https://example.org/wiki/IL-6\"\n\n## See also\n") + chrome
    findings = by_name(lint(split), "site-chrome")
    assert [f.line for f in findings] == [line_of(split, "Retrieved from"), line_of(split, "Translate this page")]
    assert all(f.severity == "warning" for f in findings)
