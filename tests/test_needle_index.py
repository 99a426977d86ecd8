"""The shared needle index (wiki_lint.prefilter.NeedleIndex) answers exactly what each
guarded pattern's own needle and gate checks answer (``may_match_directly``): on text
generated from the patterns' words and gates, and on every line and page of the
project's pages and the shared corpus."""

from __future__ import annotations

import re

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

import wiki_lint.rules  # noqa: F401  (imports every rule module, so every guarded pattern exists)
from wiki_lint import prefilter
from tests.support import ROOT, SHARED

GUARDED = list(prefilter.ALL)


def _ids(guarded: prefilter.Guarded) -> str:
    return guarded.source.strip().replace("\n", " ")[:50]


def _assert_same(guarded: prefilter.Guarded, text: str) -> None:
    for lower in (prefilter.fold(text), text.lower(), text):
        # Guarded's check (a WordGuarded narrows it further, without the index)
        assert prefilter.Guarded.may_match(guarded, lower) == guarded.may_match_directly(lower), (guarded, lower)


def test_every_guarded_pattern_is_in_the_index() -> None:
    for guarded in GUARDED:
        entry = prefilter.INDEX.entry(guarded)
        assert entry is not None and entry.guarded is guarded
        assert len(entry.needle_ids) == len(set(guarded.needles))
        if guarded.gate is not None:
            assert entry.gate_id is not None, f"the gate of {guarded!r} is not run by the index"


def test_space_class_is_pythons_white_space() -> None:
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    found = re2.findall(f"[{prefilter._SPACE_CLASS}]", everything)
    assert found == [char for char in everything if char.isspace()]
    assert found == re.findall(r"\s", everything)


@pytest.mark.parametrize(
    ("gate", "text", "expected"),
    [
        (r"\d{3}[\s.-]\d{4}", "call 555\u00a01234", True),
        (r"\d{3}[\s.-]\d{4}", "call 555_1234", False),
        (r"\?(?:[ |]|$)", "why?", True),
        (r"\?(?:[ |]|$)", "why?\n", True),
        (r"\?(?:[ |]|$)", "why?\n\n", False),
        (r"\?(?:[ |]|$)", "why?x", False),
    ],
)
def test_translated_gates(gate: str, text: str, expected: bool) -> None:
    translated = prefilter.re2_gate(gate)
    assert translated is not None
    assert (re.search(gate, text) is not None) is expected
    assert (re2.search(translated[0], text) is not None) is expected


@pytest.mark.parametrize("gate", [r"\bcall", r"(?=x)y", r"\w+", r"[^a]", r"a.b", r"[[:alpha:]]"])
def test_gates_the_translation_does_not_know_stay_with_python(gate: str) -> None:
    assert prefilter.re2_gate(gate) is None


@pytest.mark.parametrize("guarded", GUARDED, ids=_ids)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_index_answers_like_the_needles_on_generated_text(guarded: prefilter.Guarded, data: st.DataObject) -> None:
    vocabulary = sorted({*re.findall(r"[A-Za-z]{2,}|\d+", guarded.source), *guarded.needles})
    pieces = [
        st.sampled_from(vocabulary),
        st.sampled_from(vocabulary).map(str.upper),
        st.sampled_from([" ", "\u00a0", ". ", "-", "%", "’s ", "\n", "1", "555", "\u0661\u0662\u0663", "?", "|", "µg", "İ", "ſ"]),
        st.text(max_size=3),
    ]
    if guarded.gate is not None:
        pieces.append(st.from_regex(re.compile(guarded.gate)))
    parts = data.draw(st.lists(st.one_of(*pieces), max_size=12))
    _assert_same(guarded, " ".join(parts))
    _assert_same(guarded, "".join(parts))


def _real_texts() -> list[str]:
    roots = [ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"]
    texts: list[str] = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            text = path.read_text(encoding="utf-8", errors="replace")
            texts.append(text)
            texts.extend(text.splitlines())
    return texts


def test_index_answers_like_the_needles_on_real_pages() -> None:
    texts = _real_texts()
    for guarded in GUARDED:
        for text in texts:
            _assert_same(guarded, text)


def test_text_re2_cannot_take_is_answered_directly() -> None:
    guarded = next(g for g in GUARDED if g.gate is not None)
    text = "555 1234 \ud800"
    assert prefilter.INDEX.hits(text) is None
    assert prefilter.Guarded.may_match(guarded, text) == guarded.may_match_directly(text)


# --- the loose set: lowercased ASCII text, white space not collapsed ---------------------

_ASCII_SPACES = [" ", "  ", "\n", "\t", " \n ", "\x0b", "\x1c", "\r\n"]


def _assert_loose_holds(guarded: prefilter.Guarded, text: str) -> None:
    lower = text.lower()
    direct = guarded.may_match_directly(prefilter.fold(text))
    loose = guarded.may_match_lowered(lower)
    if direct:
        assert loose, (guarded, text)
    if text.isascii() and text == " ".join(text.split()):
        assert loose == direct, (guarded, text)  # nothing to collapse: the same answer


@pytest.mark.parametrize("guarded", GUARDED, ids=_ids)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_loose_set_holds_whenever_the_folded_check_does(guarded: prefilter.Guarded, data: st.DataObject) -> None:
    vocabulary = sorted({*re.findall(r"[A-Za-z]{2,}|\d+", guarded.source), *guarded.needles})
    pieces = [
        st.sampled_from(vocabulary),
        st.sampled_from(vocabulary).map(str.upper),
        st.sampled_from(vocabulary).map(lambda word: word.replace(" ", "\n ")),
        st.sampled_from([*_ASCII_SPACES, ". ", "-", "%", "?", "|", "1", "555", "x"]),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=3),
    ]
    if guarded.gate is not None:
        pieces.append(st.from_regex(re.compile(guarded.gate)))
        pieces.append(st.from_regex(re.compile(guarded.gate)).map(lambda text: text.replace(" ", "\n \t")))
    parts = data.draw(st.lists(st.one_of(*pieces), max_size=12))
    _assert_loose_holds(guarded, " ".join(parts))
    _assert_loose_holds(guarded, "".join(parts))
    _assert_loose_holds(guarded, "\n ".join(parts) + " \n")


def test_loose_set_on_real_pages() -> None:
    texts = _real_texts()
    for guarded in GUARDED:
        for text in texts:
            _assert_loose_holds(guarded, text)


@pytest.mark.parametrize(
    ("gate", "text", "expected"),
    [
        (r"\d{3}[\s.-]\d{4}", "call 555 \n 1234", True),
        (r"\d{3}[\s.-]\d{4}", "call 555.1234", True),
        (r"\d{3}[\s.-]\d{4}", "call 555_1234", False),
        (r"\?(?:[ |]|$)", "why?  \n", True),
        (r"\?(?:[ |]|$)", "why?|", True),
        (r"\?(?:[ |]|$)", "why?x", False),
        (r"up to \d+ ?(?:%|percent)", "up\nto  90 %", True),
        (r"up to \d+ ?(?:%|percent)", "upto 90%", False),
    ],
)
def test_loose_gates(gate: str, text: str, expected: bool) -> None:
    translated = prefilter.re2_loose_gate(gate)
    assert translated is not None
    assert (re.search(gate, prefilter.fold(text)) is not None) is expected
    assert (re2.search(translated, text) is not None) is expected


def test_loose_literal_spaces_stand_for_runs() -> None:
    pattern = prefilter.re2_loose_literal("our clinic")
    assert re2.search(pattern, "visit our \n\t clinic")
    assert not re2.search(pattern, "visit ourclinic")
    assert re2.fullmatch(prefilter.re2_loose_literal("1-8"), "1-8")


def test_very_long_texts_are_checked_pattern_by_pattern() -> None:
    text = "our clinic " * (prefilter._MAX_INDEXED // 10)
    assert prefilter.INDEX.hits(text) is None
    guarded = next(g for g in GUARDED if "our clinic" in g.needles)
    assert guarded.may_match(text) and guarded.may_match_lowered(text)
