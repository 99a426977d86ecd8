"""The medical rules: disclaimer elements, license and attribution, authorship and
currency; the seed's report; one page per rule in tests/pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.attribution import claims, tasl_missing
from wiki_lint.check import Settings, check_file
from wiki_lint.dates import parse_date
from wiki_lint.disclaimer import ALL_IDS, elements_present
from wiki_lint.document import Document
from wiki_lint.errors import UsageError
from wiki_lint.extract import extract
from wiki_lint.licenses import PUBLIC_DOMAIN, mentions, resolve
from wiki_lint.readers import format_for
from wiki_lint.rules import BY_NAME, Context
from wiki_lint.rules.licensing import ConflictingLicense
from wiki_lint.schema import load_schema

from support import COMPLETE_MD, SEED, SHARED, TODAY, by_name, lint, names

PAGES = Path(__file__).resolve().parent / "pages"

SEED_WORDING = (
    "WikiMD is for informational purposes only and is not a substitute for professional medical advice. Content may be "
    "inaccurate or outdated and should not be used for diagnosis or treatment. Always consult your healthcare provider for "
    "medical decisions. Verify information with trusted sources such as CDC.gov and NIH.gov. By using this site, you agree "
    "that WikiMD is not liable for any outcomes related to its content. See full disclaimer."
)
FOOTER_WORDING = (
    "WikiMD provides general health information for educational purposes only. It is not a substitute for professional "
    "medical advice, diagnosis, or treatment. Content may be incomplete or outdated. Always consult a qualified healthcare "
    "professional about symptoms, medications, and treatment decisions. If you may be experiencing a medical emergency, "
    "contact your local emergency service immediately. See the full medical disclaimer."
)
ONE_LINE_WORDING = "This page is not a substitute for professional medical advice. See full disclaimer."


def page(
    body: str = "", front_matter: str = "", disclaimer: str | None = None, credits: str | None = None, license_text: str | None = None
) -> str:
    """A complete page (the IL-6 sample) with parts replaced or text added."""
    text = COMPLETE_MD
    if front_matter:
        text = text.replace("---\n# ", front_matter + "---\n# ", 1)
    if disclaimer is not None:
        start = text.index("## Disclaimer\n\n") + len("## Disclaimer\n\n")
        text = text[:start] + disclaimer + text[text.index("\n\n## Credits") :]
    if credits is not None:
        start = text.index("## Credits\n\n") + len("## Credits\n\n")
        text = text[:start] + credits + text[text.index("\n\n## License") :]
    if license_text is not None:
        start = text.index("## License\n\n") + len("## License\n\n")
        text = text[:start] + license_text + "\n"
    return text + body


def seed_findings() -> list:
    return lint(SEED.read_text(encoding="utf-8"), fmt="plaintext", path=str(SEED))


# --- the seed and the complete sample ----------------------------------------------


def test_seed_report_adds_exactly_the_date_and_the_emergency_element() -> None:
    found = seed_findings()
    assert sorted(set(names(found))) == sorted(
        {
            "missing-references",
            "edit-marker",
            "empty-section",
            "vague-license",
            "site-chrome",
            "missing-date",
            "disclaimer-missing-elements",
        }
    )
    (elements,) = by_name(found, "disclaimer-missing-elements")
    assert elements.message.endswith(": emergency instruction")
    assert (elements.line, elements.part) == (10, "disclaimer")
    (missing_date,) = by_name(found, "missing-date")
    assert (missing_date.line, missing_date.column) == (1, 1)


def test_complete_sample_has_no_findings() -> None:
    assert lint(COMPLETE_MD) == []


# --- disclaimer elements -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        (SEED_WORDING, {"emergency"}),
        (FOOTER_WORDING, {"liability"}),
        (ONE_LINE_WORDING, {"purpose", "accuracy", "consult", "emergency", "liability"}),
        (
            (
                "Esta página tiene carácter informativo y no sustituye el consejo médico profesional. Puede estar incompleta o "
                "desactualizada. Consulte a su médico. En caso de emergencia, llame al 112. No se asume ninguna responsabilidad. "
                "Vea el aviso legal completo."
            ),
            set(),
        ),
        (
            (
                "Ce site est fourni à titre informatif et ne remplace pas l'avis d'un médecin. Il peut être incomplet ou obsolète. "
                "Consultez votre médecin. En cas d'urgence, appelez le 15. L'éditeur décline toute responsabilité."
            ),
            {"full-text-link"},
        ),
    ],
)
def test_disclaimer_elements_present(text: str, missing: set[str]) -> None:
    present = elements_present(text)
    assert {element for element, ok in present.items() if not ok} == missing


def test_emergency_is_an_instruction_not_a_word() -> None:
    present = elements_present("Written by emergency medicine physicians; see our emergency department page.")
    assert not present["emergency"]
    assert elements_present("Call 911 or go to the nearest emergency room if symptoms are severe.")["emergency"]


def test_disclaimer_missing_elements_names_each_missing_element() -> None:
    findings = by_name(lint(page(disclaimer=FOOTER_WORDING.replace("See the full medical disclaimer.", ""))), "disclaimer-missing-elements")
    assert [f.message for f in findings] == [
        "the disclaimer lacks 2 of the 7 elements of a complete medical disclaimer: liability limit, link to the full text"
    ]
    assert "accepts no liability" in (findings[0].hint or "")


def test_core_statement_is_left_to_wl301() -> None:
    found = lint(page(disclaimer="This page is for information only. Content may be outdated. In an emergency, call 112."))
    assert "disclaimer-missing-statement" in names(found)
    (elements,) = by_name(found, "disclaimer-missing-elements")
    assert "not a substitute" not in elements.message


def test_required_elements_are_configurable() -> None:
    text = page(disclaimer=SEED_WORDING)
    assert by_name(lint(text), "disclaimer-missing-elements")
    relaxed = {"disclaimer-missing-elements": {"required": ["purpose", "not-a-substitute", "consult", "liability"]}}
    assert not by_name(lint(text, options=relaxed), "disclaimer-missing-elements")
    with pytest.raises(UsageError, match="unknown element 'emergencies'"):
        lint(text, options={"disclaimer-missing-elements": {"required": ["emergencies"]}})


# --- licenses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("CC BY-SA 4.0", ["CC-BY-SA-4.0"]),
        ("Content is available under CC BY-SA 4.0 unless otherwise noted.", ["CC-BY-SA-4.0"]),
        ("Creative Commons Attribution-ShareAlike 3.0", ["CC-BY-SA-3.0"]),
        ("the Creative Commons Attribution-Share-Alike License 3.0", ["CC-BY-SA-3.0"]),
        ("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International", ["CC-BY-NC-SA-4.0"]),
        ("GFDL 1.3", ["GFDL-1.3-only"]),
        ("GNU Free Documentation License, Version 1.3 or any later version", ["GFDL-1.3-or-later"]),
        ("cc-by-sa-4.0 OR GFDL-1.3-or-later", ["CC-BY-SA-4.0", "GFDL-1.3-or-later"]),
        ("CC0", ["CC0-1.0"]),
        ("in the public domain", [PUBLIC_DOMAIN]),
        ("licensed under CC BY SA or similar", []),
        ("Creative Commons", []),
        ("CC-BY-SA-5.0", []),
    ],
)
def test_license_text_resolves_to_spdx(text: str, keys: list[str]) -> None:
    assert resolve(text) == keys


def test_vague_mentions_are_kept_but_resolve_to_nothing() -> None:
    assert [(m.text, m.spdx) for m in mentions("licensed under CC BY SA or similar")] == [("CC BY SA", None)]


def test_seed_license_stays_vague_license_only() -> None:
    found = seed_findings()
    assert len(by_name(found, "vague-license")) == 1
    assert not {"unknown-license", "conflicting-license"} & set(names(found))


def test_unknown_license_in_front_matter() -> None:
    text = page(front_matter="").replace("license: CC-BY-SA-4.0", "license: CC-BY-SA-5.0")
    (finding,) = by_name(lint(text, schema="medical-entry"), "unknown-license")
    assert finding.message.startswith("the license 'CC-BY-SA-5.0' is not a license of the SPDX list")
    assert finding.line == 7


def test_conflicting_license_between_front_matter_and_text() -> None:
    text = page(license_text="Text is available under CC BY-SA 3.0.")
    (finding,) = by_name(lint(text), "conflicting-license")
    assert "says CC-BY-SA-3.0 but front matter 'license' (line 7) says CC-BY-SA-4.0" in finding.message
    assert finding.severity.value == "error"


@pytest.mark.parametrize(
    "license_text",
    [
        "Text is available under the Creative Commons Attribution-ShareAlike 4.0 International License.",
        "Text is dual-licensed under CC BY-SA 4.0 and GFDL 1.3.",
        "Text is available under CC BY-SA 4.0. Images are licensed under CC BY 2.0.",
    ],
)
def test_agreeing_statements_are_not_conflicts(license_text: str) -> None:
    extra = "\n\nPhotographs on this page are licensed under CC BY 2.0 by their authors.\n"
    assert not by_name(lint(page(license_text=license_text) + extra), "conflicting-license")


def test_footer_license_from_reader_metadata_is_compared() -> None:
    doc = Document("page.html", "html", ["x"], front_matter={"license": "CC-BY-4.0"}, metadata={"license": "CC BY-SA 4.0"})
    schema = load_schema(None)
    ctx = Context(doc, extract(doc, schema), schema, today=TODAY)
    ConflictingLicense().check(ctx)
    assert [f.message for f in ctx.findings] == [
        "the footer says CC-BY-SA-4.0 but front matter 'license' (line 1) says CC-BY-4.0: expected one license for the page's text"
    ]


# --- attribution ----------------------------------------------------------------------


def test_missing_attribution_for_nlm_text() -> None:
    text = page(body="\nMost of this page is adapted from MedlinePlus.\n")
    (finding,) = by_name(lint(text), "missing-attribution")
    assert "comes from the US National Library of Medicine" in finding.message
    assert "public domain" in (finding.hint or "")


def test_attribution_line_elsewhere_satisfies_the_claim() -> None:
    body = (
        "\nMost of this page is adapted from MedlinePlus.\n\n"
        "This article incorporates text from the United States National Library of Medicine, which is in the public domain.\n"
    )
    found = lint(page(body=body))
    assert not by_name(found, "missing-attribution")
    assert not by_name(found, "incomplete-attribution")  # public domain: no TASL needed


@pytest.mark.parametrize(
    "text",
    [
        "IL34 encodes a cytokine that promotes macrophage survival. [provided by RefSeq, Jul 2008]",
        "Source: Wikipedia",
    ],
)
def test_reuse_claims_are_recognised(text: str) -> None:
    assert by_name(lint(page(body="\n" + text + "\n")), "missing-attribution")


def test_wikipedia_tagline_under_wikipedias_license_is_wikipedias_own_page() -> None:
    text = page(body="\nFrom Wikipedia, the free encyclopedia\n")  # the page: CC BY-SA 4.0
    assert not by_name(lint(text), "missing-attribution")
    other = page(body="\nFrom Wikipedia, the free encyclopedia\n", license_text="Text is available under CC BY 4.0.")
    assert by_name(lint(other.replace("license: CC-BY-SA-4.0", "license: CC-BY-4.0")), "missing-attribution")


def test_site_credits_for_images_are_not_reuse_claims() -> None:
    assert (
        claims("Most images are courtesy of Wikimedia commons, and templates, categories Wikipedia, licensed under CC BY SA or similar.")
        == []
    )
    assert claims("Some content and images may originate from Wikimedia Commons or Wikipedia.") == []


def test_incomplete_attribution_names_the_missing_tasl_elements() -> None:
    text = page(body="\nThis article uses material from Wikipedia, released under CC BY-SA 4.0.\n")
    found = lint(text)
    (finding,) = by_name(found, "incomplete-attribution")
    assert finding.message == "the attribution lacks its title and author: expected title, author, source and license (TASL)"
    assert not by_name(found, "missing-attribution")
    assert not by_name(found, "conflicting-license")  # the reused text's license is not the page's


def test_complete_tasl_attribution() -> None:
    (claim,) = claims(
        'This article uses material from the Wikipedia article "Interleukin 34" by Wikipedia contributors, released under CC BY-SA 4.0.'
    )
    assert tasl_missing(claim) == []
    (generic,) = claims("Text adapted from a review, licensed under CC BY 4.0.")
    assert tasl_missing(generic) == ["title", "author", "source"]


# --- authorship -----------------------------------------------------------------------


def test_missing_author_when_credits_name_nobody() -> None:
    text = page(credits="images and text from various sources.").replace("authors: [A. Example, B. Example]\n", "")
    (finding,) = by_name(lint(text), "missing-author")
    assert finding.part == "credits"


@pytest.mark.parametrize(
    "credits",
    [
        "Medical editor: Dr. Jane Roe",
        "Content supplied by the National Institutes of Health.",
        "written by our team and reviewed by Jane Roe, MD.",
        "MEDICAL EDITOR Prab R. Tumpati, MD",
    ],
)
def test_credits_naming_people_or_organisations_identify_the_author(credits: str) -> None:
    text = page(credits=credits).replace("authors: [A. Example, B. Example]\n", "")
    assert not by_name(lint(text), "missing-author")


def test_missing_credits_are_left_to_missing_part() -> None:
    text = page().replace("authors: [A. Example, B. Example]\n", "")
    text = text[: text.index("## Credits")] + text[text.index("## License") :]
    found = lint(text)
    assert [f.part for f in by_name(found, "missing-part")] == ["credits"]
    assert not by_name(found, "missing-author")


def test_editor_metadata_from_a_reader_identifies_the_author() -> None:
    doc = Document("page.html", "html", ["x"], metadata={"editors": ["Prab R. Tumpati, MD"]})
    schema = load_schema(None)
    ctx = Context(doc, extract(doc, schema), schema, today=TODAY)
    BY_NAME["missing-author"]().check(ctx)
    assert ctx.findings == []


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("This page was last edited on 5 May 2023, at 01:51.", date(2023, 5, 5)),
        ("Reviewed August 2015", date(2015, 8, 1)),
        ("Last Revision: 2019-04-02", date(2019, 4, 2)),
        ("Last updated: May 3, 2021", date(2021, 5, 3)),
        ("Page last reviewed: 12 March 2024", date(2024, 3, 12)),
        ("Written by A. Example and reviewed by B. Example (medical editor), September 2025.", date(2025, 9, 1)),
        ("Última actualización: 5 de mayo de 2023", date(2023, 5, 5)),
        ("Diese Seite wurde zuletzt am 3. Mai 2022 bearbeitet.", date(2022, 5, 3)),
    ],
)
def test_stated_dates(line: str, when: date) -> None:
    text = f"Examplin\nExamplin is a protein.\n{line}\n"
    found = lint(text, fmt="plaintext", today=date(2026, 1, 1))
    assert not by_name(found, "missing-date")
    stale = by_name(lint(text, fmt="plaintext", today=date(when.year + 6, when.month, when.day)), "stale-page")
    assert len(stale) == 1 and when.isoformat() in stale[0].message


@pytest.mark.parametrize("line", ["It was first described in 1998.", "Updated 2019 guidelines recommend aspirin."])
def test_years_in_prose_are_not_page_dates(line: str) -> None:
    assert by_name(lint(f"Examplin\nExamplin is a protein.\n{line}\n", fmt="plaintext"), "missing-date")


def test_missing_date_and_an_invalid_front_matter_date() -> None:
    undated = page(credits="Written by A. Example.").replace("last_reviewed: 2025-09-14\n", "")
    assert by_name(lint(undated), "missing-date")
    assert not by_name(lint(page().replace("last_reviewed: 2025-09-14\n", "")), "missing-date")  # the credits' date
    found = lint(page().replace("last_reviewed: 2025-09-14", "last_reviewed: soon"))
    assert not by_name(found, "missing-date")
    (finding,) = by_name(found, "invalid-date")
    assert finding.message == "front matter 'last_reviewed' is not a date ('soon'): expected a date such as 2025-09-14"
    assert finding.line == 6


def test_missing_date_skips_formats_whose_platform_adds_the_date() -> None:
    text = "Examplin\nExamplin is a protein.\n"
    assert by_name(lint(text, fmt="plaintext"), "missing-date")
    assert not by_name(lint(text, fmt="plaintext", options={"missing-date": {"skip_formats": ["plaintext"]}}), "missing-date")
    with pytest.raises(UsageError, match="skip_formats"):
        lint(text, fmt="plaintext", options={"missing-date": {"skip_formats": "plaintext"}})


def test_stale_page_measured_against_the_injected_date() -> None:
    text = page()  # last_reviewed: 2025-09-14
    assert not by_name(lint(text, today=date(2030, 9, 14)), "stale-page")
    (finding,) = by_name(lint(text, today=date(2030, 9, 15)), "stale-page")
    assert finding.message == (
        "the page was last reviewed or edited on 2025-09-14 (front matter 'last_reviewed'), 5 years before 2030-09-15: "
        "expected a review within 5 years"
    )
    assert not by_name(lint(text, today=date(2034, 1, 1), options={"stale-page": {"max_age_years": 10}}), "stale-page")
    with pytest.raises(UsageError, match="max_age_years"):
        lint(text, options={"stale-page": {"max_age_years": "ten"}})


def test_the_latest_date_counts() -> None:
    text = page(body="\nReviewed August 2015\n")  # and last_reviewed: 2025-09-14
    assert not by_name(lint(text), "stale-page")


def test_future_date() -> None:
    (finding,) = by_name(lint(page().replace("2025-09-14", "2052-09-14")), "future-date")
    assert (
        finding.message
        == "front matter 'last_reviewed' gives 2052-09-14, after today (2026-11-26): expected the date of the last review or edit"
    )


# --- robustness -----------------------------------------------------------------------


@given(st.text(max_size=300))
def test_detectors_never_crash(text: str) -> None:
    parse_date(text)
    assert set(elements_present(text)) == set(ALL_IDS)
    resolve(text)
    for claim in claims(text):
        assert 0 <= claim.start <= claim.end <= len(text)
        tasl_missing(claim)


@given(st.text(alphabet=st.sampled_from("abc CC BY SA 4.0 license:\nReviewed 2015 from Wikipedia."), max_size=200))
def test_rules_never_crash_and_stay_inside_the_file(text: str) -> None:
    for finding in lint("Examplin\n" + text, fmt="plaintext"):
        assert 1 <= finding.line <= finding.end_line


# --- one page per rule -----------------------------------------------------------------

NEW_RULES = (
    "section-order",
    "disclaimer-missing-elements",
    "unknown-license",
    "conflicting-license",
    "missing-attribution",
    "incomplete-attribution",
    "missing-author",
    "missing-date",
    "stale-page",
    "future-date",
    "invalid-date",
)


@pytest.mark.parametrize("rule", NEW_RULES)
def test_each_rule_has_a_page_that_triggers_only_it(rule: str) -> None:
    path = PAGES / f"{rule}.md"
    found = lint(path.read_text(encoding="utf-8"), path=str(path))
    assert names(found) == [rule]


@pytest.mark.parametrize("rule", NEW_RULES)
def test_each_rule_is_documented(rule: str) -> None:
    doc = BY_NAME[rule].__doc__ or ""
    for heading in ("What it does", "Why it matters", "Example", "How to fix"):
        assert heading + ":" in doc


# --- the real pages of ../shared/corpus ---------------------------------------------------

CORPUS = SHARED / "corpus"
# What these rules report on each real page: (rule, words of the message). Every entry was
# checked by hand against the page; WikEM pages (HTML fragments) state no date at all.
CORPUS_EXPECTED: dict[str, list[tuple[str, str]]] = {
    "html-wikimd/Diabetic_retinopathy.html": [
        ("section-order", "'Prevention' should come after 'Causes' and before 'Treatment'"),
        ("disclaimer-missing-elements", ": liability limit"),
    ],
    "html-wikimd/Insulin.html": [("disclaimer-missing-elements", ": liability limit")],
    **{f"wikitext/{p.name}": [] for p in sorted((CORPUS / "wikitext").glob("*.wiki"))},
    **{f"html-wikem/{p.name}": [("missing-date", "states no date")] for p in sorted((CORPUS / "html-wikem").glob("*.html"))},
}


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_real_pages_get_exactly_the_expected_medical_findings(name: str) -> None:
    """On every corpus page a reader of this build can read (the HTML and wikitext readers
    come with issue 4), these rules report exactly what a medical editor would."""
    path = CORPUS / name
    try:
        fmt = format_for(str(path))
    except UsageError:
        assert path.suffix in (".html", ".wiki")  # no reader for it in this build
        return
    result = check_file(str(path), Settings(today=TODAY))
    assert result.error is None, result.error
    mine = [(f.name, f.message) for f in result.findings if f.name in NEW_RULES]
    assert len(mine) == len(CORPUS_EXPECTED[name]), (fmt, mine)
    for (rule, words), (got_rule, message) in zip(CORPUS_EXPECTED[name], mine, strict=True):
        assert rule == got_rule and words in message, (rule, words, got_rule, message)


def test_footer_date_from_reader_metadata_points_at_its_line() -> None:
    lines = ["<p>Body</p>", "<li>This page was last edited on 20 February 2015, at 01:51.</li>"]
    doc = Document(
        "page.html",
        "html",
        lines,
        metadata={"last_edited": "2015-02-20", "last_edited_text": "This page was last edited on 20 February 2015, at 01:51."},
    )
    schema = load_schema(None)
    ctx = Context(doc, extract(doc, schema), schema, today=TODAY)
    BY_NAME["stale-page"]().check(ctx)
    (finding,) = ctx.findings
    assert (finding.line, finding.column) == (2, 5)
    assert "2015-02-20 (the page footer)" in finding.message


COMPLETE_SENTENCES = {
    "purpose": "This page is for informational purposes only.",
    "not-a-substitute": "It is not a substitute for professional medical advice, diagnosis or treatment.",
    "accuracy": "Its content may be inaccurate or outdated.",
    "consult": "Always consult a qualified health professional about a medical condition.",
    "emergency": "In a medical emergency, call your local emergency number at once.",
    "liability": "The authors accept no liability for decisions made on the basis of this page.",
    "full-text-link": "Read the [full disclaimer](disclaimer.md).",
}


@pytest.mark.parametrize("dropped", ALL_IDS)
def test_each_element_is_recognised_on_its_own(dropped: str) -> None:
    text = " ".join(sentence for element, sentence in COMPLETE_SENTENCES.items() if element != dropped)
    present = elements_present(text)
    assert [element for element, ok in present.items() if not ok] == [dropped]
