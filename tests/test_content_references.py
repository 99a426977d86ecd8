"""References rules (WL402-WL407) and the reference data they rest on."""

from __future__ import annotations

import re
from datetime import date

import pytest

from wiki_lint.citations import identifiers, named_refs, publication_year
from wiki_lint.document import Block, Span

from support import COMPLETE_MD, TODAY, by_name, lint


def replace_section(text: str, heading: str, body: str) -> str:
    pattern = re.compile(rf"(^## {re.escape(heading)}\n).*?(?=^## |\Z)", re.M | re.S)
    assert pattern.search(text), heading
    return pattern.sub(lambda m: m.group(1) + body, text)


def add_paragraph(text: str, heading: str, paragraph: str) -> str:
    pattern = re.compile(rf"(^## {re.escape(heading)}\n\n.*?\n)(?=\n^## |\Z)", re.M | re.S)
    assert pattern.search(text), heading
    return pattern.sub(lambda m: m.group(1) + "\n" + paragraph + "\n", text, count=1)


def marked(text: str, finding) -> str:  # type: ignore[no-untyped-def]
    """The text a single-line finding points at."""
    assert finding.line == finding.end_line
    return text.splitlines()[finding.line - 1][finding.column - 1 : finding.end_column - 1]


# --- empty-references (WL402) ----------------------------------------------------------


def test_empty_references_heading_is_one_empty_references_finding() -> None:
    page = replace_section(COMPLETE_MD, "References", "\n")
    findings = lint(page)
    assert [(f.name, f.part) for f in findings] == [("empty-references", "references")]
    assert "empty-section" not in [f.name for f in findings]
    assert marked(page, findings[0]) == "## References"


@pytest.mark.parametrize("body", ["None.\n\n", "TBD\n\n", "-\n\n", "{{Reflist}}\n\n"])
def test_placeholder_or_unfilled_reflist_is_empty(body: str) -> None:
    page = replace_section(COMPLETE_MD, "References", body)
    assert [f.name for f in lint(page)] == ["empty-references"]


def test_reflist_filled_by_inline_refs_is_not_empty() -> None:
    page = replace_section(COMPLETE_MD, "References", "{{Reflist}}\n\n")
    page = page.replace("fat oxidation.[3]", "fat oxidation.<ref>Pedersen BK, Febbraio MA. Physiol Rev. 2008;88(4):1379-1406.</ref>")
    assert "empty-references" not in [f.name for f in lint(page)]


def test_missing_references_stays_missing_references() -> None:
    page = re.sub(r"^## References\n.*?(?=^## )", "", COMPLETE_MD, flags=re.M | re.S)
    names = [f.name for f in lint(page)]
    assert "missing-references" in names and "empty-references" not in names


# --- sparse-citations (WL403) ----------------------------------------------------------

UNCITED = (
    "Raised IL-6 levels are found in rheumatoid arthritis, giant cell arteritis, Castleman disease and the cytokine "
    "release syndrome that can follow CAR T-cell therapy. Tocilizumab and sarilumab, antibodies against the IL-6 "
    "receptor, are approved for rheumatoid arthritis, and tocilizumab also for giant cell arteritis."
)


def test_uncited_clinical_section_is_reported_at_its_heading() -> None:
    page = replace_section(COMPLETE_MD, "Clinical significance", UNCITED + "\n\n")
    (finding,) = by_name(lint(page), "sparse-citations")
    assert marked(page, finding) == "Clinical significance"
    assert finding.part == "clinical_significance"
    assert "0 citation marker(s) in 44 words" in finding.message


@pytest.mark.parametrize(
    "marker",
    ["[7]", "[^7]", "<ref>Choy EH. Nat Rev Rheumatol. 2020.</ref>", '<ref name="Choy"/>', " (Choy et al., 2020)", "{{sfn|Choy|2020}}"],
)
def test_every_citation_style_counts(marker: str) -> None:
    text = UNCITED.replace("CAR T-cell therapy.", "CAR T-cell therapy." + marker)
    page = replace_section(COMPLETE_MD, "Clinical significance", text + "\n\n")
    assert by_name(lint(page, options={"sparse-citations": {"min_per_100_words": 2}}), "sparse-citations") == []


def test_citation_needed_is_no_citation() -> None:
    text = UNCITED.replace("CAR T-cell therapy.", "CAR T-cell therapy.[citation needed]")
    page = replace_section(COMPLETE_MD, "Clinical significance", text + "\n\n")
    assert by_name(lint(page), "sparse-citations")


def test_density_and_sections_are_options() -> None:
    page = replace_section(COMPLETE_MD, "Clinical significance", UNCITED + "[2]\n\n")
    assert by_name(lint(page), "sparse-citations") == []  # 1 marker in 44 words >= 1 per 100
    assert by_name(lint(page, options={"sparse-citations": {"min_per_100_words": 3}}), "sparse-citations")
    page = page.replace("## Function\n\n", "## Treatment\n\n" + UNCITED + "\n\n## Function\n\n")
    assert by_name(lint(page), "sparse-citations")
    assert by_name(lint(page, options={"sparse-citations": {"sections": ["Diagnosis"]}}), "sparse-citations") == []


def test_short_sections_are_not_measured() -> None:
    page = replace_section(
        COMPLETE_MD, "Clinical significance", "Raised IL-6 levels are found in rheumatoid arthritis and giant cell arteritis.\n\n"
    )
    assert by_name(lint(page), "sparse-citations") == []


def test_page_without_any_sources_gets_missing_references_only() -> None:
    page = re.sub(r"\[\d\]", "", COMPLETE_MD)
    page = re.sub(r"^## References\n.*?(?=^## )", "", page, flags=re.M | re.S)
    page = replace_section(page, "Clinical significance", UNCITED + "\n\n")
    names = [f.name for f in lint(page)]
    assert "missing-references" in names and "sparse-citations" not in names


# --- invalid-identifier (WL404) --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "PMID: 25190079",
        "PMID 1",
        "PMCID: PMC4176007",
        "doi:10.1101/cshperspect.a016295",
        "https://doi.org/10.1038/s41584-020-0419-z.",
        "{{cite journal |pmid=18803616 |pmc=4176007 |doi=10.1111/j.1399-3062.2008.00347.x}}",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC139654/",
        "https://pubmed.ncbi.nlm.nih.gov/25190079/",
        "doi:10.1016/S0140-6736(20)30183-5",
        "the DOI system",
    ],
)
def test_valid_identifiers_pass(text: str) -> None:
    assert [i for i in identifiers(text) if not i.valid] == []


@pytest.mark.parametrize(
    ("text", "scheme", "value"),
    [
        ("doi:10.1038", "doi", "10.1038"),
        ("doi: 1038/ni.3153", "doi", "1038/ni.3153"),
        ("doi:10.12/abc", "doi", "10.12/abc"),
        ("PMID: 2519007x", "pmid", "2519007x"),
        ("PMID: 0123", "pmid", "0123"),
        ("PMID 123456789", "pmid", "123456789"),
        ("PMCID: 4176007", "pmcid", "4176007"),
        ("|pmc=PMC4176007x}}", "pmcid", "PMC4176007x"),
        ("|pmid=25190079a|", "pmid", "25190079a"),
    ],
)
def test_malformed_identifiers_are_found(text: str, scheme: str, value: str) -> None:
    (ident,) = identifiers(text)
    assert (ident.scheme, ident.value, ident.valid) == (scheme, value, False)
    assert text[ident.start : ident.end] == value


def test_invalid_identifier_points_at_the_value() -> None:
    page = COMPLETE_MD.replace("doi:10.1038/ni.3153", "doi:10.1038")
    (finding,) = lint(page)
    assert finding.name == "invalid-identifier" and finding.severity == "error"
    assert marked(page, finding) == "10.1038"


# --- stale-sources (WL405) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Tanaka T. IL-6 in inflammation. Cold Spring Harb Perspect Biol. 2014;6(10):a016295. doi:10.1101/cshperspect.a016295", 2014),
        ("{{cita web|título=CDC|url=https://www.cdc.gov/2023/x|fechaacceso=11 December 2024|fecha=29 May 2019}}", 2019),
        ("Smith J. A review. Retrieved 3 March 2024. Lancet 2012;380:1-2.", 2012),
        ("https://example.org/2022/page, accessed 2024", None),
        ("WHO fact sheet, no date", None),
        ("Future paper. 2031.", None),
    ],
)
def test_publication_year(text: str, year: int | None) -> None:
    assert publication_year(text, date(2026, 11, 26)) == year


def test_all_old_references_are_stale() -> None:
    page = re.sub(r"^[56]\. .*\n", "", COMPLETE_MD, flags=re.M)
    (finding,) = lint(page)
    assert finding.name == "stale-sources"
    assert "4 of 4 dated references are older than 5 years (before 2021); the newest is from 2020" in finding.message
    assert marked(page, finding) == "## References"


def test_a_share_of_current_references_is_fine_and_limits_are_options() -> None:
    assert lint(COMPLETE_MD) == []  # 4 of 6 stale: below the default 80%
    options = {"stale-sources": {"max_stale_share": 0.6}}
    assert [f.name for f in lint(COMPLETE_MD, options=options)] == ["stale-sources"]
    page = re.sub(r"^[56]\. .*\n", "", COMPLETE_MD, flags=re.M)
    assert by_name(lint(page, options={"stale-sources": {"max_age_years": 20}}), "stale-sources") == []
    # ages are measured against the injected date
    assert by_name(lint(page, today=date(2024, 1, 1)), "stale-sources") == []


# --- broken-citation (WL406) -----------------------------------------------------------


def test_named_refs_defined_and_used() -> None:
    text = 'A.<ref name="a">Src</ref> B.<ref name=a/> C.<ref name="b" /> D.<ref name=\'c\'>X</ref>'
    defined, uses = named_refs(text)
    assert defined == {"a", "c"}
    assert [name for name, _, _ in uses] == ["a", "b"]


def test_undefined_named_reference_and_render_errors() -> None:
    page = add_paragraph(
        COMPLETE_MD,
        "Function",
        'IL-6 causes fever.<ref name="Evans2019"/> Script error: No such module "Citation/CS1". More text.',
    )
    findings = by_name(lint(page), "broken-citation")
    assert [marked(page, f) for f in findings] == ['<ref name="Evans2019"/>', 'Script error: No such module "Citation/CS1".']
    assert all(f.severity == "error" for f in findings)


def test_reference_defined_later_is_not_broken() -> None:
    page = add_paragraph(
        COMPLETE_MD,
        "Function",
        'IL-6 causes fever.<ref name="E"/> It acts on the brain.<ref name="E">Evans SS. Nat Rev Immunol. 2015.</ref>',
    )
    assert by_name(lint(page), "broken-citation") == []


# --- citation-needed (WL407) -----------------------------------------------------------


@pytest.mark.parametrize(
    "tag", ["[citation needed]", "{{cn|date=July 2022}}", "{{Citation needed}}", "[cita requerida]", "{{medical citation needed}}"]
)
def test_citation_needed_tags(tag: str) -> None:
    page = add_paragraph(COMPLETE_MD, "Function", f"IL-6 also acts on the brain to cause fever.{tag}")
    (finding,) = lint(page)
    assert finding.name == "citation-needed" and marked(page, finding) == tag


def test_tags_in_the_references_section_are_not_claims() -> None:
    page = COMPLETE_MD.replace("doi:10.1038/ni.3153", "doi:10.1038/ni.3153 [citation needed]")
    assert by_name(lint(page), "citation-needed") == []


def test_identifier_positions_in_a_multiline_block() -> None:
    block = Block("list", "1. First. PMID: 1\n2. Second. PMID: 12x", Span(3, 1, 4, 21))
    bad = [i for i in identifiers(block.text) if not i.valid]
    assert [(block.position(i.start), i.value) for i in bad] == [((4, 18), "12x")]


def test_today_is_injected() -> None:
    assert date(2026, 11, 26) == TODAY


# --- options are checked -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"sparse-citations": {"min_per_100_words": "two"}},
            "rule option sparse-citations.min_per_100_words: expected a number, got 'two'",
        ),
        ({"stale-sources": {"max_stale_share": 1.5}}, "rule option stale-sources.max_stale_share: expected a number in 0..1, got 1.5"),
        ({"stale-sources": {"max_age_years": True}}, "rule option stale-sources.max_age_years: expected a whole number >= 0, got True"),
        ({"sparse-citations": {"sections": "Treatment"}}, "rule option sparse-citations.sections: expected a list of non-empty strings"),
        ({"spun-phrase": {"phrases": {"(unclosed": "x"}}}, "rule option spun-phrase.phrases: expected valid regular expressions"),
        ({"wrong-language": {"min_confidence": -1}}, "rule option wrong-language.min_confidence: expected a number in 0..1"),
    ],
)
def test_bad_option_values_are_usage_errors(options: dict, message: str) -> None:  # type: ignore[type-arg]
    from wiki_lint.errors import UsageError

    with pytest.raises(UsageError) as caught:
        lint(COMPLETE_MD + "\n" + "word " * 60 + "\n", options=options)
    assert str(caught.value).startswith(message)


def test_a_bad_option_stops_the_file_with_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from support import run_cli

    (tmp_path / ".wiki-lint.toml").write_text('[rules.stale-sources]\nmax_age_years = "five"\n', encoding="utf-8")
    (tmp_path / "page.md").write_text(COMPLETE_MD, encoding="utf-8")
    done = run_cli("check", "page.md", cwd=tmp_path)
    assert done.returncode == 2
    assert "rule option stale-sources.max_age_years: expected a whole number >= 0, got 'five'" in done.stdout + done.stderr
