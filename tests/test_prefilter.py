"""The needles of every guarded pattern (wiki_lint.prefilter) are a true claim: every
match of the pattern contains one of them, so skipping texts without a needle never
changes a result.  Checked with generated text built from the pattern's own words and
with every line of the project's pages and the shared corpus."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wiki_lint.rules  # noqa: F401  (imports every rule module, so every guarded pattern exists)
from wiki_lint import prefilter
from tests.support import ROOT, SHARED


def _ids(guarded: prefilter.Guarded) -> str:
    return guarded.source.strip().replace("\n", " ")[:50]


GUARDED = list(prefilter.ALL)


def _words_of(source: str) -> list[str]:
    """Literal words and numbers written in a pattern's source, the stuff of matches."""
    return sorted(set(re.findall(r"[A-Za-z]{2,}|\d+", source)))


def _assert_needles_hold(guarded: prefilter.Guarded, text: str) -> None:
    match = guarded.pattern.search(text)
    if match is not None:
        assert guarded.may_match(prefilter.fold(text)), f"{guarded!r} matched {match.group(0)!r} but no needle is in the text"


def _top_level_alternatives(source: str) -> list[str]:
    """The top-level ``|`` alternatives of a pattern's source (brackets, classes and
    escapes respected), so each alternative gets its own generated matches."""
    parts, depth, in_class, start, index = [], 0, False, 0, 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source[index + 1 : index + 2] == "]":
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


ALTERNATIVES = [
    pytest.param(guarded, alternative, id=f"{_ids(guarded)}#{number}")
    for guarded in GUARDED
    for number, alternative in enumerate(_top_level_alternatives(guarded.source))
]


@pytest.mark.parametrize(("guarded", "alternative"), ALTERNATIVES)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_needles_hold_on_text_matching_each_alternative(guarded: prefilter.Guarded, alternative: str, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(re.compile(alternative, guarded.flags)))
    _assert_needles_hold(guarded, text)


def test_rule_modules_define_guarded_patterns() -> None:
    assert len(GUARDED) >= 3


@pytest.mark.parametrize("guarded", GUARDED, ids=_ids)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_needles_hold_on_generated_text(guarded: prefilter.Guarded, data: st.DataObject) -> None:
    vocabulary = _words_of(guarded.source) + [n.strip() for n in guarded.needles if n.strip()]
    piece = st.one_of(
        st.sampled_from(vocabulary).map(lambda w: w),
        st.sampled_from(vocabulary).map(str.upper),
        st.sampled_from(vocabulary).map(str.title),
        st.sampled_from([" ", " ", ", ", ". ", "-", "/", "%", "'s ", "(", ")", "\n", "1", "20", "555", "2019"]),
        st.text(max_size=3),
    )
    parts = data.draw(st.lists(piece, max_size=12))
    _assert_needles_hold(guarded, " ".join(parts))
    _assert_needles_hold(guarded, "".join(parts))


def _real_lines() -> list[str]:
    roots = [ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"]
    lines: list[str] = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            text = path.read_text(encoding="utf-8", errors="replace")
            lines.append(text)
            lines.extend(text.splitlines())
    return lines


@pytest.fixture(scope="module")
def real_lines() -> list[str]:
    return _real_lines()


@pytest.mark.parametrize("guarded", GUARDED, ids=_ids)
def test_needles_hold_on_real_pages(guarded: prefilter.Guarded, real_lines: list[str]) -> None:
    for text in real_lines:
        _assert_needles_hold(guarded, text)


def test_guarded_answers_like_the_pattern() -> None:
    guarded = prefilter.Guarded(r"\bcall\s+now\b", re.IGNORECASE, needles=("call",))
    prefilter.ALL.remove(guarded)
    assert guarded.search("Please CALL now.").group(0) == "CALL now"  # type: ignore[union-attr]
    assert guarded.search("nothing here") is None
    assert [m.group(0) for m in guarded.finditer("call now, Call  Now")] == ["call now", "Call  Now"]
    assert guarded.findall("no") == []
    assert guarded.sub("X", "call now!") == "X!"
    turkish = prefilter.Guarded(r"\bpatients\b", re.IGNORECASE, needles=("patient",))
    prefilter.ALL.remove(turkish)
    for spelling in ("PATİENTS", "patıents", "PATIENTſ"):
        assert turkish.pattern.search(spelling) and turkish.search(spelling), spelling
    assert prefilter.fold("PATİENT ſ") == "patient s"
    with pytest.raises(ValueError):
        prefilter.Guarded("x", needles=("X",))


def test_lazy_compiles_on_first_use() -> None:
    lazy = prefilter.Lazy(r"a+")
    assert lazy._compiled is None
    assert lazy.search("baa").group(0) == "aa"
    assert isinstance(lazy._compiled, re.Pattern)
