"""Claims, language and text-defect rules (WL501-WL506, WL620-WL622), and prose helpers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.prose import has_citation, sentences
from wiki_lint.rules import REGISTRY
from wiki_lint.rules.base import DOC_SECTIONS
from wiki_lint.rules.language import detect, script_counts

from support import COMPLETE_MD, by_name, lint


def add_paragraph(text: str, heading: str, paragraph: str) -> str:
    pattern = re.compile(rf"(^## {re.escape(heading)}\n\n.*?\n)(?=\n^## |\Z)", re.M | re.S)
    assert pattern.search(text), heading
    return pattern.sub(lambda m: m.group(1) + "\n" + paragraph + "\n", text, count=1)


def marked(text: str, finding) -> str:  # type: ignore[no-untyped-def]
    assert finding.line == finding.end_line
    return text.splitlines()[finding.line - 1][finding.column - 1 : finding.end_column - 1]


def findings_for(paragraph: str, rule: str, heading: str = "Clinical significance") -> tuple[str, list]:  # type: ignore[type-arg]
    page = add_paragraph(COMPLETE_MD, heading, paragraph)
    return page, by_name(lint(page), rule)


# --- prose helpers ---------------------------------------------------------------------


def test_sentences_keep_citations_with_their_sentence() -> None:
    text = 'It is a parasite.<ref name="a"/> It can cause disease (Smith et al., 2019). The genome has 2.25 Mbp.[3] Dr. X said so, e.g. here.\n- item one\n- item two'
    got = [text[s:e] for s, e in sentences(text)]
    assert got == [
        'It is a parasite.<ref name="a"/>',
        "It can cause disease (Smith et al., 2019).",
        "The genome has 2.25 Mbp.[3]",
        "Dr. X said so, e.g. here.",
        "- item one",
        "- item two",
    ]


def test_list_items_are_sentences_even_without_markers() -> None:
    text = "Drug A 1 mg IV\nDrug B twice daily"
    assert [text[s:e] for s, e in sentences(text, each_line=True)] == ["Drug A 1 mg IV", "Drug B twice daily"]
    assert [text[s:e] for s, e in sentences(text)] == [text]


def test_reference_content_does_not_split_sentences() -> None:
    text = "Alpha is common.<ref>CDC. 2013. Fact sheet.</ref> Beta is rare."
    assert [text[s:e] for s, e in sentences(text)] == ["Alpha is common.<ref>CDC. 2013. Fact sheet.</ref>", "Beta is rare."]


@given(st.text(alphabet=st.sampled_from(list('ab .!?\n[]1<>/ref-*#"')), max_size=200))
def test_sentences_are_ordered_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for start, end in sentences(text):
        assert previous_end <= start < end <= len(text)
        previous_end = end


def test_citation_needed_is_not_a_citation() -> None:
    assert has_citation("x.[12]") and has_citation("x.[^a]") and not has_citation("x.[citation needed]")


# --- unsourced-statistic (WL501) -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "statistic"),
    [
        ("About 30% of patients do not respond to tocilizumab.", "30%"),
        ("One in five people with the disease dies within a year.", "One in five people"),
        ("The condition affects 5 per 100,000 adults each year.", "5 per 100,000"),
        ("Smokers have a 3-fold higher risk of the disease.", "3-fold higher"),
        ("Nearly 2 million people live with the condition.", "2 million people"),
        ("Smokers are twice as likely to develop it.", "twice as likely"),
    ],
)
def test_unsourced_statistics(sentence: str, statistic: str) -> None:
    page, findings = findings_for(sentence, "unsourced-statistic")
    (finding,) = findings
    assert marked(page, finding) == statistic


@pytest.mark.parametrize(
    "sentence",
    [
        "About 30% of patients do not respond to tocilizumab.[4]",
        "About 30% of patients do not respond to tocilizumab (Choy et al., 2020).",
        "It is applied as a 1% cream to the lips.",
        "Ropivacaine 0.5% is injected under ultrasound guidance.",
    ],
)
def test_cited_statistics_and_concentrations_pass(sentence: str) -> None:
    assert findings_for(sentence, "unsourced-statistic")[1] == []


# --- absolute-claim (WL502) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("This diet cures type 2 diabetes.[4]", "cures"),
        ("Fatty liver is up to 90 percent reversible with this plan.[4]", "up to 90 percent reversible"),
        ("The treatment is guaranteed to work.[4]", "guaranteed"),
        ("The drug is 100% effective and has no side effects.[4]", "100% effective and has no side effects"),
        ("Turmeric is a miracle cure for arthritis.[4]", "miracle cure"),
    ],
)
def test_absolute_claims(sentence: str, claim: str) -> None:
    page, findings = findings_for(sentence, "absolute-claim")
    (finding,) = findings
    assert marked(page, finding) == claim


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no cure for rheumatoid arthritis.[4]",
        "Tocilizumab does not cure the disease but controls it.[4]",
        "The cure rate of the infection with antibiotics is high.[4]",
    ],
)
def test_negated_or_descriptive_uses_pass(sentence: str) -> None:
    assert findings_for(sentence, "absolute-claim")[1] == []


# --- dosing-instruction (WL503) --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "regimen"),
    [
        ("Take 500 mg twice daily with food.", "Take 500 mg twice daily"),
        ("The dose is 80 mg once daily.", "80 mg once daily"),
        ("Give 2 mg IV every 4 hours.", "Give 2 mg IV every 4 hours"),
    ],
)
def test_dosing_without_context(sentence: str, regimen: str) -> None:
    page, findings = findings_for(sentence, "dosing-instruction")
    (finding,) = findings
    assert marked(page, finding) == regimen


@pytest.mark.parametrize(
    "sentence",
    [
        "The usual adult dose is 500 mg twice daily; consult your doctor.[4]",
        "In children the dose is 8 mg/kg IV every 4 weeks.[4]",
        "Tocilizumab is given as an infusion every four weeks.[4]",
        "Tablets contain 200 mg of the drug.[4]",
        "Stage IV disease is treated with 200 mg of the antibody.[4]",
    ],
)
def test_dosing_with_context_or_without_regimen_passes(sentence: str) -> None:
    assert findings_for(sentence, "dosing-instruction")[1] == []


def test_a_list_of_regimens_is_one_finding() -> None:
    _, findings = findings_for("- Drug A 40 mg po daily\n- Drug B 50 mcg bid\n- Drug C 12 mcg bid", "dosing-instruction", "Function")
    (finding,) = findings
    assert "(and 2 more in this block)" in finding.message


# --- promotional-content (WL504) -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "promotion"),
    [
        ("Call (555) 123-4567 today.", "(555) 123-4567"),
        ("Visit our clinic in Springfield for testing.", "Visit our clinic"),
        ("According to Dr. Jane Roe, founder of Roe weight loss centers, insulin drives obesity.", "founder of Roe weight loss centers"),
        ("Dr. Smith's clinic offers this therapy.", "Dr. Smith's clinic"),
        ("Book an appointment for a free consultation.", "Book an appointment for a free consultation"),
    ],
)
def test_promotion(sentence: str, promotion: str) -> None:
    page, findings = findings_for(sentence, "promotional-content")
    (finding,) = findings
    assert marked(page, finding) == promotion


def test_neutral_mentions_pass() -> None:
    text = "The trial was run at the Mayo Clinic in 2019.[4] Dr. Kishimoto discovered IL-6 in 1986.[1]"
    assert findings_for(text, "promotional-content")[1] == []


# --- spun-phrase (WL505) ---------------------------------------------------------------


def test_spun_phrases_once_per_phrase() -> None:
    text = "People with sort two diabetes square measure at risk.[2] Their body-fluid glucose rises. The body-fluid stream carries it."
    page, findings = findings_for(text, "spun-phrase")
    assert [marked(page, f) for f in findings] == ["sort two diabetes", "square measure", "body-fluid glucose"]
    assert "(and 1 more on the page)" in findings[2].message


def test_spun_phrases_are_configurable() -> None:
    page = add_paragraph(COMPLETE_MD, "Function", "IL-6 is a cytokine that is additionally a myokine.[3]")
    assert by_name(lint(page), "spun-phrase") == []
    options = {"spun-phrase": {"phrases": {r"additionally\s+a": "also a"}}}
    assert [f.name for f in lint(page, options=options)] == ["spun-phrase"]


# --- wrong-language (WL506) ------------------------------------------------------------

SPANISH = (
    "El penciclovir es un medicamento antiviral que se usa para tratar el herpes labial. Se aplica sobre la piel "
    "afectada cada dos horas durante cuatro días. Los efectos secundarios más frecuentes son dolor de cabeza y "
    "reacciones en el lugar de aplicación. Su uso durante el embarazo parece ser seguro."
)


def test_detect_by_script_and_by_model() -> None:
    assert detect("Ճարպային լյարդը հիվանդություն է, որի ժամանակ լյարդում կուտակվում է ճարպ։", "en")[:1] == ("Armenian",)
    assert detect(SPANISH, "en") == ("es", pytest.approx(1.0, abs=0.1), "lingua")
    assert detect(SPANISH, "es") is None
    assert detect(COMPLETE_MD, "en") is None


def test_languages_lingua_does_not_know_are_not_judged() -> None:
    assert detect(SPANISH, "xx") is None


def test_script_counts() -> None:
    assert script_counts("abc ଓମା 12") == {"LATIN": 3, "ORIYA": 2}  # the vowel sign is a mark, not a letter


def test_page_in_another_language_is_reported_once() -> None:
    page = add_paragraph(COMPLETE_MD, "Function", SPANISH)
    page = re.sub(r"(## Function\n\n).*?\n", r"\1", page, count=1, flags=re.S)
    page = re.sub(
        r"(## Clinical significance\n\n).*?\n", r"\1" + SPANISH.replace("penciclovir", "aciclovir") + "\n", page, count=1, flags=re.S
    )
    page = page.replace("It acts both as a pro-inflammatory cytokine and as an anti-inflammatory myokine.[1]", SPANISH)
    (finding,) = by_name(lint(page), "wrong-language")
    assert "Spanish" in finding.message and "English" in finding.message
    assert lint(page, lang="es", options={"wrong-language": {}}) is not None
    assert by_name(lint(page.replace("lang: en", "lang: es")), "wrong-language") == []


def test_short_pages_are_not_judged() -> None:
    page = "---\ntitle: X\n---\n# X\n\nEl penciclovir es un medicamento antiviral.\n"
    assert by_name(lint(page), "wrong-language") == []


# --- placeholder (WL620) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "placeholder"),
    [
        ("| Field | Value |\n| --- | --- |\n| Specialty | N/A |", "N/A"),
        ("| Field | Value |\n| --- | --- |\n| Deaths | ? |", "?"),
        ("Treatment: TBD", "TBD"),
        ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Lorem ipsum dolor sit amet, consectetur adipiscing elit."),
        ("This article is a stub. You can help WikiMD by expanding it.", "This article is a stub."),
        ("The dose is [insert dose] per day.", "[insert dose]"),
    ],
)
def test_placeholders(block: str, placeholder: str) -> None:
    page, findings = findings_for(block, "placeholder", "Function")
    assert marked(page, findings[0]) == placeholder


def test_question_marks_in_prose_are_no_placeholder() -> None:
    assert (
        findings_for("Why does IL-6 rise? Because of inflammation.[1] The n/a ratio was not measured.[1]", "placeholder", "Function")[1]
        == []
    )


# --- mojibake (WL621) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "garbled", "repaired"),
    [
        ("Patientsâ€™ blood glucose rises.[1]", "Patientsâ€™", "Patients'"),
        ("The dose is 5 Âµg daily in adults.[1]", "Âµg", "µg"),
        ("Caf\ufffd au lait spots occur.[1]", "Caf\ufffd", None),
    ],
)
def test_mojibake(text: str, garbled: str, repaired: str | None) -> None:
    page, findings = findings_for(text, "mojibake", "Function")
    (finding,) = findings
    assert marked(page, finding) == garbled and finding.severity == "error"
    if repaired:
        assert f"repairs it as '{repaired}'" in finding.message


def test_real_accents_and_typography_are_not_mojibake() -> None:
    text = "Café-au-lait spots – “typical” – occur in 1–2 % of Ärzte’ patients; β-cells and µg doses.[1]"
    assert findings_for(text, "mojibake", "Function")[1] == []


# --- truncated-text (WL622) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("ending", "cut"),
    [
        ("Muscle-derived IL-6 also speeds glucose upta", "upta"),
        ("Muscle-derived IL-6 is also released during exercise and the", "the"),
        ("Muscle-derived IL-6 is also released during prolonged exer-", "exer-"),
    ],
)
def test_truncated_text(ending: str, cut: str) -> None:
    page = COMPLETE_MD.replace("It signals through the JAK/STAT pathway.[6]", "It signals through the JAK/STAT pathway.[6] " + ending)
    (finding,) = by_name(lint(page), "truncated-text")
    assert marked(page, finding) == cut


@pytest.mark.parametrize(
    "ending",
    [
        "Muscle-derived IL-6 is also released during exercise in healthy adults",  # no period, but complete
        "Muscle-derived IL-6 also improves glucose uptake in cancer",  # 'cancer' / 'cancers' is the same word
    ],
)
def test_missing_period_alone_is_not_truncation(ending: str) -> None:
    page = COMPLETE_MD.replace("It signals through the JAK/STAT pathway.[6]", "It signals through the JAK/STAT pathway.[6] " + ending)
    page += "\n<!-- cancers -->\n"
    assert by_name(lint(page), "truncated-text") == []


# --- the seed and the samples stay as issue 5 expects --------------------------------


def test_complete_sample_has_no_content_finding() -> None:
    assert lint(COMPLETE_MD) == []


# --- catalog: every content rule is documented, in range, and fired by its page --------

PAGES = Path(__file__).parent / "pages"
CONTENT_CODES = {f"WL{n}" for n in [*range(402, 450), *range(501, 550), *range(620, 650)]}
CONTENT = [rule for rule in REGISTRY if rule.code in CONTENT_CODES]


def test_content_rules_are_registered() -> None:
    assert len(CONTENT) == 15


@pytest.mark.parametrize("rule", CONTENT, ids=lambda rule: rule.name)
def test_content_rule_is_documented_and_fired_by_its_page(rule) -> None:  # type: ignore[no-untyped-def]
    doc = rule.__doc__ or ""
    assert all(section in doc for section in DOC_SECTIONS), rule.name
    page = PAGES / f"{rule.name}.md"
    findings = lint(page.read_text(encoding="utf-8"), path=page.name)
    assert rule.name in [f.name for f in findings]
    content = {r.name for r in CONTENT}
    assert {f.name for f in findings} & content == {rule.name}, "each page shows one content problem"


# --- robustness: any text, no crash, every position inside the file --------------------

_TOKENS = st.sampled_from(
    [
        "## Treatment\n",
        "## References\n",
        "\n",
        "\n\n",
        "- ",
        "| ",
        " | ",
        "30%",
        " of patients",
        " cures",
        " 500 mg",
        " twice daily",
        " Take",
        " [1]",
        "[^1]",
        "<ref name=a/>",
        "<ref>Smith 2001.</ref>",
        "{{cn}}",
        "doi:10.1",
        "PMID: 12x",
        " N/A",
        " TODO",
        "â€™",
        "\ufffd",
        " square measure",
        " call now",
        " (555) 123-4567",
        " the",
        "Cite error: x.",
        " word",
        ".",
        " El medicamento es",
        " Ճարպային",
        "-",
    ]
)


@given(st.lists(_TOKENS, max_size=60))
def test_content_rules_never_crash_and_stay_inside_the_file(tokens: list[str]) -> None:
    text = "# Page\n\n" + "".join(tokens)
    lines = text.split("\n")
    for finding in lint(text):
        assert 1 <= finding.line <= finding.end_line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        assert 1 <= finding.end_column <= len(lines[finding.end_line - 1]) + 1
