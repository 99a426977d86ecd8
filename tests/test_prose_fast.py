"""Speed rewrites in wiki_lint.prose find exactly what the regular expressions they replace find."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from wiki_lint import prose

_TEXT = st.lists(st.sampled_from(list("ab.Z_1 \n\t-é٣²") + ["e.g.", "et al", "Dr"]), max_size=20).map("".join)


@given(_TEXT, st.data())
def test_word_before_equals_the_regex_search(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(text)))
    match = re.search(r"([\w.]+)$", text[:index])
    assert prose._word_before(text, index) == (match.group(1) if match else "")


@given(st.text(max_size=60))
def test_script_counts_equal_counting_letter_by_letter(text: str) -> None:
    import unicodedata
    from collections import Counter

    from wiki_lint.rules.language import script_counts

    expected: Counter[str] = Counter()
    ascii_letters = sum(1 for ch in text if ch < "\x80" and ch.isalpha())
    if ascii_letters:
        expected["LATIN"] = ascii_letters
    for ch in text:
        if ch >= "\x80" and ch.isalpha():
            try:
                script = unicodedata.name(ch).split(" ")[0]
            except ValueError:
                continue
            expected["CJK" if script in ("HIRAGANA", "KATAKANA") else script] += 1
    assert script_counts(text) == expected
    assert script_counts(text.encode("ascii", "ignore").decode()) == Counter({"LATIN": sum(c.isalpha() for c in text if c < "\x80")}) - Counter()


def _sentences_char_by_char(text: str, *, each_line: bool = False) -> list[tuple[int, int]]:
    """The sentence splitter as first written, one character at a time (the oracle)."""
    masked = prose.mask_references(text)
    out: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(masked)
    while i < n:
        ch = masked[i]
        if ch == "\n" and (each_line or i + 1 >= n or masked[i + 1] == "\n" or prose._list_item_at(masked, i + 1)):
            prose._add(out, text, start, i)
            start = i + 1
        elif ch in ".!?" and not prose._abbreviation_before(masked, i):
            end = prose._after_closers(masked, i + 1)
            if end >= n or masked[end] in " \t\n":
                prose._add(out, text, start, end)
                start = end
                i = end
                continue
        i += 1
    prose._add(out, text, start, n)
    return out


_SENTENCE_TEXT = st.lists(
    st.sampled_from(
        list("ab.!?Z1 \n\t-)\"'”]#") + ["e.g.", "et al.", "Dr.", " 2.5", "[1]", "[2, 3]", "<ref>x. y</ref>", "<ref name=a/>", "\n- ", "\n1. ", "(Smith, 2019)", "U.S."]
    ),
    max_size=30,
).map("".join)


@given(_SENTENCE_TEXT, st.booleans())
def test_sentences_equal_the_character_loop(text: str, each_line: bool) -> None:
    assert prose.sentences(text, each_line=each_line) == _sentences_char_by_char(text, each_line=each_line)
