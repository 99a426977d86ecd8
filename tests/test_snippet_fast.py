"""The printable-ASCII fast path of snippet underlining draws exactly what the general path draws."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.report import snippet


def _general(text: str, start: int, end: int) -> tuple[str, int, int]:
    cells = [snippet.cell(char) for char in text]
    first = min(max(start, 1), len(cells) + 1) - 1
    last = min(max(end, start), len(cells) + 1) - 1
    lo, hi = snippet._window(cells, first)
    prefix = snippet.ELLIPSIS if lo > 0 else ""
    suffix = snippet.ELLIPSIS if hi < len(cells) else ""
    drawn = prefix + "".join(c.text for c in cells[lo:hi]) + suffix
    caret_at = len(prefix) + sum(c.width for c in cells[lo:first])
    caret_width = sum(c.width for c in cells[first : min(last, hi)])
    return drawn, caret_at, max(caret_width, 1)


@given(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=400),
    st.integers(min_value=-3, max_value=420),
    st.integers(min_value=-3, max_value=420),
)
def test_plain_ascii_lines_are_drawn_as_by_the_general_path(text: str, start: int, end: int) -> None:
    assert snippet.underline(text, start, end) == _general(text, start, end)


def test_lines_with_tabs_or_wide_characters_take_the_general_path() -> None:
    assert snippet.underline("a\tb", 3, 4) == _general("a\tb", 3, 4)
    assert snippet.underline("中文 text", 4, 8) == _general("中文 text", 4, 8)
