"""Rewritten matchers of the cold-run speed work equal what they replace, on generated
text and on every page of the project and the shared corpus."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import wiki_lint.rules  # noqa: F401  (every pattern exists)
from tests.support import ROOT, SHARED
from wiki_lint import citations

_IDENTIFIER_PIECES = st.sampled_from(
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
        "|",
        "pubmed.ncbi.nlm.nih.gov/",
        "ncbi.nlm.nih.gov/pmc/articles/",
        "doi.org/",
        "10.1000/xyz",
        "12345",
        "0123",
        "PMC123",
        ": ",
        " ",
        "\t",
        "\n",
        "/",
        ".",
        ")",
        "x",
        "é",
    ]
)


def _lines(text: str) -> list[str]:
    return text.split("\n")


@settings(max_examples=600, deadline=None)
@given(text=st.lists(_IDENTIFIER_PIECES, max_size=16).map("".join))
def test_identifiers_of_lines_equal_identifiers_of_each_line(text: str) -> None:
    lines = _lines(text)
    expected = [citations.identifiers(line) for line in lines]
    assert citations.identifiers_of_lines(lines) == expected
    assert citations.identifiers_of_lines(lines, invalid_only=True) == [[i for i in found if not i.valid] for found in expected]


def test_identifiers_of_lines_on_real_pages() -> None:
    roots = [ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            expected = [citations.identifiers(line) for line in lines]
            assert citations.identifiers_of_lines(lines) == expected, path
            assert citations.identifiers_of_lines(lines, invalid_only=True) == [
                [i for i in found if not i.valid] for found in expected
            ], path


def test_a_match_across_lines_is_looked_at_line_by_line() -> None:
    lines = ["see PMID", "12345 and |", "pmid=1x"]
    assert citations.identifiers_of_lines(lines) == [citations.identifiers(line) for line in lines]
    assert citations.identifiers_of_lines([]) == []


def _parse_date_without_shortcuts(text: str):  # type: ignore[no-untyped-def]
    """wiki_lint.dates.parse_date as it was before its shortcuts for bare years and
    ISO dates."""
    from wiki_lint import dates

    text = " ".join(text.strip().replace(",", " ").split())
    text = dates._ORDINAL.sub("", text)
    text = dates._FILLER.sub("", text).strip()
    iso = dates._ISO.fullmatch(text)
    if iso:
        return dates._make(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    words = text.replace(".", " ").split()
    numbers = [int(w) for w in words if w.isascii() and w.isdigit()]
    months = [dates._MONTHS[w.casefold()] for w in words if w.casefold() in dates._MONTHS]
    years = [n for n in numbers if 1900 <= n <= 2999]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(years) != 1 or len(words) > 3:
        return None
    if not months:
        return dates._make(years[0], 1, 1) if len(words) == 1 else None
    return dates._make(years[0], months[0], days[0] if days else 1)


@settings(max_examples=1500, deadline=None)
@given(
    text=st.one_of(
        st.from_regex(r"\A[0-9٠-٩²]{1,5}(-[0-9²]{1,3}(-[0-9²]{1,3})?)?\Z"),
        st.lists(st.sampled_from(["2024", "1899", "3000", "0999", "-", "03", "3", "15", "31", "00", " ", "T10:00Z", "March", "1st"]), max_size=6).map(
            "".join
        ),
        st.text(alphabet="0123456789- ", max_size=12),
    )
)
def test_parse_date_equals_the_former_parse(text: str) -> None:
    from wiki_lint.dates import parse_date

    assert parse_date(text) == _parse_date_without_shortcuts(text)


def _clamp_former(span, lines):  # type: ignore[no-untyped-def]
    """wiki_lint.rules.base.clamp before its shortcut for spans inside the file."""
    from wiki_lint.document import Span

    count = max(len(lines), 1)

    def point(line: int, column: int) -> tuple[int, int]:
        line = min(max(line, 1), count)
        width = len(lines[line - 1]) if lines else 0
        return line, min(max(column, 1), width + 1)

    start = point(span.line, span.column)
    end = max(point(span.end_line, span.end_column), start)
    return Span(start[0], start[1], end[0], end[1])


@settings(max_examples=1500, deadline=None)
@given(
    lines=st.lists(st.text(alphabet="ab", max_size=4), max_size=4),
    numbers=st.tuples(*(st.integers(min_value=-1, max_value=7) for _ in range(4))),
)
def test_clamp_equals_the_former_clamp(lines: list[str], numbers: tuple[int, int, int, int]) -> None:
    from wiki_lint.document import Span
    from wiki_lint.rules.base import clamp

    span = Span(*numbers)
    assert clamp(span, lines) == _clamp_former(span, lines)


@settings(max_examples=1000, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", " ", "é", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029", "\t", "\x00", "\u00a0"]) | st.characters()))
def test_one_line_equals_the_pattern(text: str) -> None:
    from wiki_lint.rules.base import _LINE_BREAKS, one_line

    assert one_line(text) == _LINE_BREAKS.sub(" ", text)


def test_no_line_break_is_printable() -> None:
    from wiki_lint.rules.base import _LINE_BREAKS

    breaks = [chr(code) for code in range(0x110000) if _LINE_BREAKS.fullmatch(chr(code))]
    assert len(breaks) == 10 and not any(char.isprintable() for char in breaks)


def _names_subject_by_words(text: str, names: list[str]) -> bool:
    from wiki_lint.rules.structure import _words

    words = f" {' '.join(_words(text))} "
    return any(f" {' '.join(subject)} " in words for subject in map(_words, names) if subject)


_SUBJECT_PIECES = st.sampled_from(
    ["Interleukin", "interleukin", "34", "IL", "-", "_", "/", " ", "  ", "\n", "(", ")", "cells", "cell", "glass", "ﬁbrosis", "fibrosis",
     "Straße", "STRASSE", "é", "é", "x", "s", "—", "²", "2"]
)


@settings(max_examples=1500, deadline=None)
@given(text=st.lists(_SUBJECT_PIECES, max_size=14).map("".join), names=st.lists(st.lists(_SUBJECT_PIECES, max_size=5).map("".join), max_size=3))
def test_verbatim_subject_implies_the_words_check(text: str, names: list[str]) -> None:
    from wiki_lint.rules.structure import names_subject_verbatim

    if names_subject_verbatim(text, names):
        assert _names_subject_by_words(text, names)


def test_verbatim_subject_on_real_leads() -> None:
    from wiki_lint.rules.structure import names_subject_verbatim

    text = "Interleukin 34 (IL-34) is a protein that in humans is encoded by the IL34 gene."
    assert names_subject_verbatim(text, ["Interleukin 34", "IL-34"])
    assert not names_subject_verbatim(text, ["Interleukin 3"])
    assert not names_subject_verbatim("The interleukins 34", ["Interleukin 34"])  # left to the words check
    assert _names_subject_by_words("The interleukins 34", ["Interleukin 34"])


# --- page words found by one Aho-Corasick pass -------------------------------------------


def _texts_with_by_find(texts, needle: str, word_start: bool) -> set[int]:  # type: ignore[no-untyped-def]
    """FoldedTexts.texts_with as str.find answers it (the code before the one pass)."""
    word_start = word_start and texts.ascii
    found = set()
    for index, lower in enumerate(texts.folded):
        position = lower.find(needle)
        while position >= 0:
            if not word_start or position == 0 or not (lower[position - 1].isalnum() or lower[position - 1] == "_"):
                found.add(index)
                break
            position = lower.find(needle, position + 1)
    return found


def _registered_words() -> list[str]:
    from wiki_lint import needles

    return list(needles._PAGE_WORDS)


_WORD_PIECES = st.sampled_from(
    ["licen", "Licensed", "available", "from", "From", "afrom", "_from", "fromfrom", "<ref", "<REF", "[^", "[^1]", "error", "Errors",
     "provided", "attribution", " ", "\n", "x", "é", "İ", "-", "ſ"]
)


@settings(max_examples=500, deadline=None)
@given(blocks=st.lists(st.lists(_WORD_PIECES, max_size=8).map("".join), max_size=6))
def test_registered_words_are_found_as_find_finds_them(blocks: list[str]) -> None:
    from wiki_lint.needles import FoldedTexts

    assert _registered_words()
    texts = FoldedTexts(blocks)
    for word in _registered_words():
        for word_start in (False, True):
            assert set(texts.texts_with(word, word_start=word_start)) == _texts_with_by_find(FoldedTexts(blocks), word, word_start)


def test_registered_words_on_real_pages() -> None:
    from wiki_lint.needles import FoldedTexts

    for root in [ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"]:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            blocks = path.read_text(encoding="utf-8", errors="replace").split("\n\n")
            texts = FoldedTexts(blocks)
            for word in _registered_words():
                for word_start in (False, True):
                    assert set(texts.texts_with(word, word_start=word_start)) == _texts_with_by_find(texts, word, word_start), (path, word)


def test_a_word_nobody_registered_is_found_with_find() -> None:
    from wiki_lint.needles import FoldedTexts

    texts = FoldedTexts(["an unregistered zqxw here", "none"])
    assert texts.occurrences_of("zqxw") is None
    assert texts.texts_with("zqxw") == {0}


def _lines_with_by_find(lines: list[str], needles: tuple[str, ...]) -> list[int]:
    from wiki_lint.prefilter import fold

    return [number for number, line in enumerate(lines, 1) if any(needle in fold(line) for needle in needles)]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(_IDENTIFIER_PIECES, max_size=20).map("".join))
def test_lines_with_identifier_words_equal_a_search_of_each_line(text: str) -> None:
    from wiki_lint.citations import IDENTIFIER_WORDS
    from wiki_lint.rules.references import _lines_with

    lines = text.split("\n")
    assert _lines_with(lines, IDENTIFIER_WORDS) == _lines_with_by_find(lines, IDENTIFIER_WORDS)


def test_lines_with_identifier_words_on_real_pages() -> None:
    from wiki_lint.citations import IDENTIFIER_WORDS
    from wiki_lint.rules.references import _lines_with

    for root in [ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"]:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            assert _lines_with(lines, IDENTIFIER_WORDS) == _lines_with_by_find(lines, IDENTIFIER_WORDS), path
