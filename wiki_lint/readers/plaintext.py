"""Read plain-text exports of rendered wiki pages (``.txt``), like the IL-34 seed.

Such an export has lost all markup: the first line is the page title, each paragraph
is one line, headings are short lines (often still carrying ``[edit]``), labelled
paragraphs ("Medical Disclaimer: ...", "Credits: ...") hold the boilerplate parts, and
site chrome may be glued anywhere, most often at the end.

Heading recognition: a line with an edit marker is a heading; otherwise a short line
(at most 8 words and 80 characters) that starts with a capital letter, does not end
in sentence punctuation, is not a label or list item, and is followed by content.
"""

from __future__ import annotations

import re

from wiki_lint.artifacts import chrome_runs, find_label, labelled_paragraph, split_edit_markers
from wiki_lint.document import Block, Chrome, Document, Heading, Marker, Section, Span
from wiki_lint.sources import Source, split_lines

_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,3}[.)])\s+\S")
_SENTENCE_END = (".", ",", ";", ":", "!", "?", "…")


def read(source: Source) -> Document:
    """Read a plain-text export into a Document."""
    lines = split_lines(source.text)
    doc = Document(path=source.path, format="plaintext", lines=lines)
    first = _first_content_line(lines)
    if first is None:
        return doc
    doc.title = lines[first].strip()
    doc.title_span = _trimmed_span(lines, first)
    chrome_at = {first_i: (kind, last_i) for kind, first_i, last_i in chrome_runs(lines, range(first + 1, len(lines)))}
    section: Section | None = None
    i = first + 1
    while i < len(lines):
        if i in chrome_at:
            kind, last = chrome_at[i]
            doc.chrome.append(Chrome(kind, "\n".join(lines[i : last + 1]), Span.of_lines(lines, i + 1, last + 1)))
            i = last + 1
            continue
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        heading = _heading(lines, i, chrome_at)
        if heading is not None:
            section = Section(heading)
            doc.sections.append(section)
            i += 1
            continue
        block, i = _block(lines, i, chrome_at)
        (section.blocks if section else doc.lead).append(block)
    return doc


def _first_content_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return None


def _trimmed_span(lines: list[str], index: int) -> Span:
    """The span of line ``index`` (0-based) without its leading/trailing white space."""
    line = lines[index]
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    return Span(index + 1, start + 1, index + 1, max(end, start) + 1)


def _heading(lines: list[str], index: int, chrome_at: dict[int, tuple[str, int]]) -> Heading | None:
    line = lines[index]
    text, markers = split_edit_markers(line)
    if not markers and not _looks_like_heading(lines, index, chrome_at):
        return None
    indent = len(line) - len(line.lstrip())
    text_start = line.find(text, indent) if text else indent
    return Heading(
        text=text,
        raw=line.strip(),
        level=2,
        span=_trimmed_span(lines, index),
        text_span=Span(index + 1, text_start + 1, index + 1, text_start + len(text) + 1),
        markers=[Marker(m.text, Span(index + 1, m.start + 1, index + 1, m.end + 1)) for m in markers],
    )


def _looks_like_heading(lines: list[str], index: int, chrome_at: dict[int, tuple[str, int]]) -> bool:
    text = lines[index].strip()
    words = text.split()
    if not (0 < len(words) <= 8 and len(text) <= 80):
        return False
    if not (text[0].isupper() or text[0].isdigit()) or text.endswith(_SENTENCE_END):
        return False
    if _LIST_ITEM.match(text) or find_label(text) is not None:
        return False
    following = _next_content_line(lines, index + 1)
    return following is not None and following not in chrome_at


def _next_content_line(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def _block(lines: list[str], index: int, chrome_at: dict[int, tuple[str, int]]) -> tuple[Block, int]:
    """One paragraph (a line), or a run of list items; returns the block and the next index."""
    if _LIST_ITEM.match(lines[index]):
        last = index
        while last + 1 < len(lines) and last + 1 not in chrome_at and _LIST_ITEM.match(lines[last + 1]):
            last += 1
        text = "\n".join(line.strip() for line in lines[index : last + 1])
        return Block("list", text, Span.of_lines(lines, index + 1, last + 1)), last + 1
    return labelled_paragraph(lines[index].strip(), _trimmed_span(lines, index)), index + 1
