"""The shortcuts the content rules take (wiki_lint.needles and the helpers built on it)
answer exactly what the slower forms answer: checked with hypothesis-generated text
built from the patterns themselves and with every line and page of the project's pages,
the samples and the shared corpus.

The needle claims of every (Word)Guarded pattern are checked by test_prefilter.py;
here are the claims those tests cannot see: the source words of reuse claims, the
words that announce any claim, offsets where a match can start, and re-implemented
counts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wiki_lint.rules  # noqa: F401  (every pattern exists)
from tests.support import ROOT, SHARED
from wiki_lint import attribution, citations, dates, prefilter, prose
from wiki_lint.needles import FoldedTexts, WordGuarded, any_word_start, matches_at_starts, starts_of, words_starting
from wiki_lint.rules import references

_FORMER_YEAR = re.compile(r"(?<![\d/.-])(1[89]\d{2}|20\d{2})(?![\d/])")
_NOISE = st.sampled_from([" ", "  ", "\n", ". ", ", ", "(", ")", "[", "]", "|", "x", "1", "'", "-", "é", "İ", "ſ"])


def _around(pattern: str, flags: int = 0) -> st.SearchStrategy[str]:
    """Text holding a match of ``pattern`` somewhere, with noise around it."""
    return st.tuples(st.lists(_NOISE, max_size=3), st.from_regex(re.compile(pattern, flags)), st.lists(_NOISE, max_size=3)).map(
        lambda parts: "".join(parts[0]) + parts[1] + "".join(parts[2])
    )


def _real_texts() -> list[str]:
    texts: list[str] = []
    for root in (ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            text = path.read_text(encoding="utf-8", errors="replace")
            texts.append(text)
            texts.extend(text.split("\n\n"))
            texts.extend(text.splitlines())
    return texts


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    return _real_texts()


# --- reuse claims name a source, and are announced by a claim word -----------------


@pytest.mark.parametrize("pattern", attribution._REUSE, ids=lambda g: g.source[:40])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_reuse_claim_starts_a_word_with_a_source_word(pattern: WordGuarded, data: st.DataObject) -> None:
    text = data.draw(_around(pattern.source, pattern.flags))
    if pattern.pattern.search(text):
        lower = prefilter.fold(text)
        assert any_word_start(lower, attribution._SOURCE_WORDS), text
        assert any_word_start(lower, attribution.CLAIM_WORDS) or attribution.starts_with_label(lower), text


@settings(max_examples=200, deadline=None)
@given(text=_around(attribution._GENERIC_REUSE.source, attribution._GENERIC_REUSE.flags))
def test_every_generic_claim_holds_a_claim_word(text: str) -> None:
    if attribution._GENERIC_REUSE.pattern.search(text):
        assert any_word_start(prefilter.fold(text), attribution.CLAIM_WORDS), text


def test_claims_on_real_text_need_their_words(real_texts: list[str]) -> None:
    for text in real_texts:
        lower = prefilter.fold(text)
        for pattern in attribution._REUSE:
            if pattern.pattern.search(text):
                assert any_word_start(lower, attribution._SOURCE_WORDS), text[:200]
                if pattern.needles is attribution._LABELS:
                    assert attribution.starts_with_label(lower), text[:200]


# --- matches tried only where they can start ------------------------------------------


def _finditer_spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _identifier_text() -> st.SearchStrategy[str]:
    words = st.sampled_from(
        [
            "PMID",
            "pmid",
            "PMCID",
            "PMC",
            "doi",
            "DOI",
            "|pmid=",
            "| pmc = ",
            "|doi=",
            "pubmed.ncbi.nlm.nih.gov/",
            "ncbi.nlm.nih.gov/pmc/articles/",
            "doi.org/",
            "10.1000/xyz",
            "12345",
            "PMC123",
            ": ",
            " ",
            "/",
            ".",
            "x",
        ]
    )
    return st.lists(st.one_of(words, _NOISE), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_identifier_text())
def test_identifier_matches_equal_finditer(text: str) -> None:
    expected = _finditer_spans(citations._IDENTIFIER.pattern, text)
    assert [(m.span(), m.groupdict()) for m in citations.identifier_matches(text)] == expected


@settings(max_examples=400, deadline=None)
@given(
    text=_identifier_text().map(lambda t: t.replace("|", " "))
    | st.lists(st.sampled_from(["http://a.b/c", "https://x", "10.12345/ab", "ISBN 12-3", "ISSN: 1", " ", "x", ".", "1"]), max_size=8).map(
        "".join
    )
)
def test_url_and_id_removal_equals_sub(text: str) -> None:
    assert citations._without_urls_and_ids(text) == citations._URL_OR_ID.pattern.sub(" ", text)


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["1999", "2019", "1800", "2099", "12019", "/2019", "2019/", ".", "-", " ", "x", "19", "20"]), max_size=8
    ).map("".join)
)
def test_year_pattern_equals_the_former_one(text: str) -> None:
    assert [m.span() for m in citations._YEAR.finditer(text)] == [m.span() for m in _FORMER_YEAR.finditer(text)]


def test_shortcuts_equal_the_patterns_on_real_text(real_texts: list[str]) -> None:
    for text in real_texts:
        assert [(m.span(), m.groupdict()) for m in citations.identifier_matches(text)] == _finditer_spans(
            citations._IDENTIFIER.pattern, text
        )
        assert citations._without_urls_and_ids(text) == citations._URL_OR_ID.pattern.sub(" ", text)
        assert [m.span() for m in citations._YEAR.finditer(text)] == [m.span() for m in _FORMER_YEAR.finditer(text)]
        assert [m.span() for m in citations._year_matches(text)] == [m.span() for m in _FORMER_YEAR.finditer(text)]
        assert prose.word_count(text) == len(prose.words(text))
        assert references._comparable(text) == re.sub(r"\W+", " ", text).strip().lower()


def test_matches_at_starts_is_finditer_for_a_leading_pattern() -> None:
    pattern = re.compile(r"\bab+|c\w*", re.IGNORECASE)
    text = "xab abb cab ABBc c"
    starts = starts_of(text.lower(), ("ab", "c"))
    assert [m.span() for m in matches_at_starts(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


# --- counts re-implemented ------------------------------------------------------------

_MARKUP_WORDS = st.sampled_from(
    [
        "word",
        "Word",
        "x-ray",
        "it's",
        "2019",
        "a1",
        "_x",
        "[1]",
        "[^n]",
        "[[Link|text]]",
        "]]",
        "''bold''",
        "'",
        "-",
        "<b>",
        "</b>",
        "<ref>Smith 2019</ref>",
        "<ref name=x/>",
        "{{cite|a}}",
        "{{",
        "}}",
        "https://a.b/c",
        "HTTP://X",
        " ",
        "\n",
        ".",
        ",",
        "é",
        "(",
        ")",
    ]
)


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(_MARKUP_WORDS, max_size=15))
def test_word_count_equals_len_words(parts: list[str]) -> None:
    for text in ("".join(parts), " ".join(parts)):
        assert prose.word_count(text) == len(prose.words(text))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=127), max_size=60) | st.text(max_size=30))
def test_comparable_equals_the_regex(text: str) -> None:
    assert references._comparable(text) == re.sub(r"\W+", " ", text).strip().lower()


# --- needles found once per page ------------------------------------------------------


def test_folded_texts_hold_every_block_a_guarded_pattern_matches(real_texts: list[str]) -> None:
    pages = [text for text in real_texts if "\n\n" in text]
    guarded = list(prefilter.ALL)
    for page in pages:
        blocks = page.split("\n\n")
        texts = FoldedTexts(blocks)
        for pattern in guarded:
            if pattern.gate is not None:
                continue
            holding = texts.holding(pattern)
            for index, block in enumerate(blocks):
                if pattern.pattern.search(block):
                    assert index in holding, (pattern, block[:200])


# --- dates: every statement states a year ------------------------------------------------


@pytest.mark.parametrize("pattern", dates._STATEMENTS, ids=lambda g: g.source[:40])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_date_statement_holds_four_digits(pattern: WordGuarded, data: st.DataObject) -> None:
    text = data.draw(_around(pattern.source, pattern.flags))
    match = pattern.pattern.search(text)
    if match is not None:
        assert re.search(r"\d{4}", match.group(0)), match.group(0)


def test_texts_with_four_digits() -> None:
    texts = FoldedTexts(["no year", "in 2019.", "123 45", "x1234", "", "20\n19"])
    assert texts.with_digits(4) == {1, 3}
    assert FoldedTexts(["é 1", "x"]).with_digits(4) == {0, 1}  # not ASCII: every text may


def _former_first_year(text: str, today: date) -> int | None:
    for match in _FORMER_YEAR.finditer(text):
        year = int(match.group(1))
        if 1800 <= year <= today.year:
            return year
    return None


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["1999", "2019", "1799", "2030", "12019", "/2019", "2019/", ".2019", "-1999", " ", "x", "19", "20", "1", "٢٠١٩"]),
        max_size=8,
    ).map("".join)
)
def test_first_year_equals_the_former_one(text: str) -> None:
    today = date(2026, 11, 26)
    assert citations._first_year(text, today) == _former_first_year(text, today)
    assert [m.span() for m in citations._year_matches(text)] == [m.span() for m in _FORMER_YEAR.finditer(text)]


# --- publication years: the former implementation, pattern for pattern -----------------

_FORMER_ACCESS = re.compile(
    r"\|\s*(?:access-?date|accessdate|fechaacceso|archive-?date|fechaarchivo|zugriff|consulté le)\s*=[^|}]*"
    r"|\b(?:retrieved|accessed|archived|consultado|abgerufen)\b(?:\s+(?:on|el|am|from|at))?\s*:?\s*[^.;|]*",
    re.IGNORECASE,
)
_FORMER_URL_OR_ID = re.compile(r"https?://\S+|\b10\.\d{4,9}/\S+|\b(?:PMID|PMCID|PMC|ISBN|ISSN)\s*:?\s*[\w-]+", re.IGNORECASE)
_FORMER_DATE_PARAM = re.compile(r"\|\s*(?:date|year|fecha|año|datum|publication-date)\s*=\s*([^|}]*)", re.IGNORECASE)


def _former_publication_year(text: str, today: date) -> int | None:
    for match in _FORMER_DATE_PARAM.finditer(text):
        year = _former_first_year(match.group(1), today)
        if year is not None:
            return year
    return _former_first_year(_FORMER_URL_OR_ID.sub(" ", _FORMER_ACCESS.sub(" ", text)), today)


_REFERENCE_WORDS = st.sampled_from(
    [
        "Smith J.",
        " ",
        "  ",
        ". ",
        "; ",
        "2019",
        "1999",
        "12019",
        "1006",
        "549-1006",
        "2031",
        "doi:",
        "10.1000/x2019",
        "PMID",
        "PMID: ",
        "12345678",
        "PMC",
        "ISBN",
        "https://a.org/2018",
        "retrieved",
        "accessed 2020",
        "|date=2015",
        "|year=",
        "|access-date=2021",
        "x",
        "\t",
        "é",
    ]
)


@settings(max_examples=400, deadline=None)
@given(entries=st.lists(st.lists(_REFERENCE_WORDS, max_size=8).map("".join), max_size=6))
def test_publication_years_equal_the_former_ones(entries: list[str]) -> None:
    today = date(2026, 11, 26)
    assert citations.publication_years(entries, today) == [_former_publication_year(entry, today) for entry in entries]
    assert [citations.publication_year(entry, today) for entry in entries] == [_former_publication_year(entry, today) for entry in entries]


def test_publication_years_on_real_references(real_texts: list[str]) -> None:
    today = date(2026, 11, 26)
    lines = [line for line in real_texts if "\n" not in line]
    for start in range(0, len(lines), 25):
        group = lines[start : start + 25]
        assert citations.publication_years(group, today) == [_former_publication_year(line, today) for line in group]


def test_an_identifier_running_into_the_next_reference_is_looked_at_per_reference() -> None:
    today = date(2026, 11, 26)
    entries = ["Smith J. Title. PMID", "2019 Jones K. 2018."]
    assert citations._years_of_lines("\n".join(entries), 2, today) is None  # "PMID\n2019" would be one identifier
    assert citations.publication_years(entries, today) == [None, 2019]


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.characters(max_codepoint=127), max_size=30) | st.text(max_size=10), max_size=5))
def test_comparables_equal_one_by_one(texts: list[str]) -> None:
    assert references._comparables(texts) == [re.sub(r"\W+", " ", text).strip().lower() for text in texts]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["source", "text", "content", "adapted", "attribution", " ", "\n", "\u2003", "x", "s", ":", "é"]), max_size=5
    ).map("".join)
)
def test_starts_with_label_is_the_pattern(text: str) -> None:
    assert attribution.starts_with_label(text) == (attribution._LABEL_START.match(text) is not None)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(["last", "blast", "reviewed", "date", "update", "_stand", "x", " ", "-", "é", "ſ", "İ"]), max_size=6).map(
        "".join
    )
)
def test_words_starting_answers_as_any_word_start(text: str) -> None:
    lower = prefilter.fold(text)
    needles = ("last", "reviewed", "date", "stand", "x")
    assert words_starting(lower, needles) == {needle for needle in needles if any_word_start(lower, (needle,))}
