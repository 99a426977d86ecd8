"""Source positions for readers whose block text is not the source verbatim.

The wikitext and HTML readers give each block its readable text (markup removed) and
must still point every finding at the source.  Two helpers do that:

* :class:`LineIndex` turns a 0-based character offset of the source into a 1-based
  (line, column), splitting lines exactly as :func:`wiki_lint.sources.split_lines` does;
* :class:`TextMap` builds a readable text piece by piece, remembering for each of its
  characters the source offset it came from, and collapses white space without losing
  that mapping.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from wiki_lint.document import Span

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps offsets of ``text`` to 1-based (line, column) and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        widths = []
        for match in _NEWLINE.finditer(text):
            widths.append(match.start() - starts[-1])
            starts.append(match.end())
        widths.append(len(text) - starts[-1])
        if len(starts) > 1 and starts[-1] == len(text):  # a final newline opens no line
            starts.pop()
            widths.pop()
        self.starts = starts
        self.widths = widths

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of ``offset``; offsets in a line break map to its end."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.starts, offset) - 1
        column = min(offset - self.starts[index], self.widths[index])
        return index + 1, column + 1

    def span(self, start: int, end: int) -> Span:
        """The span of source offsets [start, end)."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        return Span(line, column, end_line, end_column)

    def offset(self, line: int, column: int) -> int:
        """The source offset of 1-based (line, column)."""
        line = max(1, min(line, len(self.starts)))
        return self.starts[line - 1] + max(0, min(column - 1, self.widths[line - 1]))

    def trimmed_span(self, start: int, end: int) -> Span:
        """The span of [start, end) without the white space at either end."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return self.span(start, end)


class TextMap:
    """Readable text with, for each character, the source offset it came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets = array("q")

    def add(self, text: str, offset: int) -> None:
        """Append ``text`` copied verbatim from the source at ``offset``."""
        if text:
            self.parts.append(text)
            self.offsets.extend(range(offset, offset + len(text)))

    def add_at(self, text: str, offset: int) -> None:
        """Append ``text`` that stands for the source at ``offset`` (an entity, a break)."""
        if text:
            self.parts.append(text)
            self.offsets.extend([offset] * len(text))

    def __len__(self) -> int:
        return len(self.offsets)

    def finish(self, keep_newlines: bool = True) -> tuple[str, array[int]]:
        """The text with white space collapsed (runs of spaces to one space; line breaks
        kept, one per run, when ``keep_newlines``) and stripped, with its offsets."""
        raw = "".join(self.parts)
        out: list[str] = []
        offsets = array("q")
        pending: tuple[str, int] | None = None
        for char, offset in zip(raw, self.offsets, strict=True):
            if char.isspace():
                kind = "\n" if keep_newlines and char in "\n\r\u2028\u2029" else " "
                if pending is None or (kind == "\n" and pending[0] == " "):
                    pending = (kind, offset)
                continue
            if pending is not None and out:
                out.append(pending[0])
                offsets.append(pending[1])
            pending = None
            out.append(char)
            offsets.append(offset)
        return "".join(out), offsets


class Locate:
    """Callable ``offset -> (line, column)`` for one block's readable text.

    Offset ``len(text)`` (the end) maps just past the last character's source.
    """

    __slots__ = ("index", "length", "offsets")

    def __init__(self, index: LineIndex, offsets: array[int], length: int) -> None:
        self.index = index
        self.offsets = offsets
        self.length = length

    def __call__(self, offset: int) -> tuple[int, int]:
        if not self.offsets:
            return self.index.position(0)
        if offset >= self.length:
            return self.index.position(self.offsets[-1] + 1)
        return self.index.position(self.offsets[max(offset, 0)])


class SourceLocate:
    """Callable ``offset -> (line, column)`` for a block whose text is a verbatim slice
    of the source starting at ``start`` (templates, comments, reference lists)."""

    __slots__ = ("index", "start")

    def __init__(self, index: LineIndex, start: int) -> None:
        self.index = index
        self.start = start

    def __call__(self, offset: int) -> tuple[int, int]:
        return self.index.position(self.start + max(offset, 0))
