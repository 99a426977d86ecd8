"""The offending source lines of a finding, with a caret underline under its span.

Like ruff's full output::

       |
     3 | Function[edit]
       |         ^^^^^^

Columns are code points in the file; on screen a tab is four cells, East Asian wide
characters two, combining marks none, and control characters (which could drive the
terminal) are shown as U+FFFD.  Long lines are cut to a window around the span with
``…`` at the cut, and a span over many lines shows its first lines and how many more.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

TAB_WIDTH = 4
MAX_WIDTH = 100  # display cells of source shown per line
CONTEXT = 30  # cells kept before the span when a long line is cut
MAX_LINES = 3  # lines of a multi-line span shown
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Cell:
    """How one character of the source is drawn."""

    text: str
    width: int


def cell(char: str) -> Cell:
    if char == "\t":
        return Cell(" " * TAB_WIDTH, TAB_WIDTH)
    category = unicodedata.category(char)
    if category in ("Cc", "Cs") or char in "\u2028\u2029\x85":
        return Cell("\ufffd", 1)
    if category in ("Mn", "Me", "Cf"):
        return Cell(char if category != "Cf" else "", 0)
    return Cell(char, 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1)


def render(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> list[str]:
    """The snippet for the span (1-based, end column exclusive) as output lines."""
    if not lines or not 1 <= line <= len(lines):
        return []
    end_line = min(max(end_line, line), len(lines))
    shown = list(range(line, min(end_line, line + MAX_LINES - 1) + 1))
    gutter = len(str(shown[-1]))
    blank = " " * gutter + " |"
    out = [blank]
    for number in shown:
        text = lines[number - 1]
        start = column if number == line else _first_visible(text)
        end = end_column if number == end_line else len(text) + 1
        drawn, caret_at, caret_width = underline(text, start, end)
        out.append(f"{number:>{gutter}} | {drawn}".rstrip())
        out.append(f"{blank} {' ' * caret_at}{'^' * caret_width}")
    if end_line > shown[-1]:
        more = end_line - shown[-1]
        out.append(f"{blank} {ELLIPSIS} {more} more line{'s' if more != 1 else ''} (through line {end_line})")
    return out


def underline(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``text`` as drawn, the cell where the caret starts and how many carets.

    ``start``/``end`` are 1-based code-point columns, ``end`` exclusive; an empty span
    gets one caret.  A line wider than :data:`MAX_WIDTH` is cut around the span.
    """
    if text.isascii() and text.isprintable():
        return _underline_plain(text, start, end)
    cells = [cell(char) for char in text]
    first = min(max(start, 1), len(cells) + 1) - 1
    last = min(max(end, start), len(cells) + 1) - 1
    lo, hi = _window(cells, first)
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < len(cells) else ""
    drawn = prefix + "".join(c.text for c in cells[lo:hi]) + suffix
    caret_at = len(prefix) + sum(c.width for c in cells[lo:first])
    caret_width = sum(c.width for c in cells[first : min(last, hi)])
    return drawn, caret_at, max(caret_width, 1)


def _underline_plain(text: str, start: int, end: int) -> tuple[str, int, int]:
    """:func:`underline` for printable ASCII, where every character is one cell: the
    same result without a Cell per character (most lines, some of them long)."""
    first = min(max(start, 1), len(text) + 1) - 1
    last = min(max(end, start), len(text) + 1) - 1
    if len(text) <= MAX_WIDTH:
        lo, hi = 0, len(text)
    else:
        lo = max(first - CONTEXT, 0)
        hi = min(lo + MAX_WIDTH, len(text))
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < len(text) else ""
    caret_width = len(text[first : min(last, hi)])
    return prefix + text[lo:hi] + suffix, len(prefix) + len(text[lo:first]), max(caret_width, 1)


def _window(cells: list[Cell], first: int) -> tuple[int, int]:
    """The slice of ``cells`` to draw: all of them, or a window starting before ``first``."""
    if sum(c.width for c in cells) <= MAX_WIDTH:
        return 0, len(cells)
    lo, width = first, 0
    while lo > 0 and width + cells[lo - 1].width <= CONTEXT:
        lo -= 1
        width += cells[lo].width
    hi, width = lo, 0
    while hi < len(cells) and width + cells[hi].width <= MAX_WIDTH:
        width += cells[hi].width
        hi += 1
    return lo, hi


def _first_visible(text: str) -> int:
    """The column of the first non-blank character (continuation lines are underlined
    from there, not from their indentation)."""
    stripped = len(text) - len(text.lstrip())
    return stripped + 1 if stripped < len(text) else 1
