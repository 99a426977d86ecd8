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
