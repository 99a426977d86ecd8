"""Read Markdown pages (``.md``, ``.markdown``) with optional YAML front matter.

Parsing is markdown-it-py's CommonMark block parser (plus tables and the front matter
plugin); inline parsing is switched off because no rule needs emphasis or links, and
block structure is what decides headings, so ``#`` lines inside fenced code are never
headings.  The title is front matter ``title`` or else the first level-1 heading; that
heading then opens the page rather than a section.  Labelled paragraphs may carry the
label in bold (``**Medical disclaimer:** ...``).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from wiki_lint.artifacts import chrome_kind, labelled_paragraph, split_edit_markers
from wiki_lint.document import Block, Chrome, Document, Heading, Marker, Section, Span
from wiki_lint.readers import frontmatter
from wiki_lint.sources import Source, split_lines

_BLOCK_KINDS = {
    "paragraph_open": "paragraph",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "blockquote_open": "quote",
    "table_open": "table",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
}
_HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"maxNesting": 200}).use(front_matter_plugin).enable("table")
    md.disable("inline")
    return md


_BLANK = " \t"  # what Markdown counts as indentation (not NBSP or other Unicode spaces)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building the token list.

    markdown-it allocates several objects per block and none of them form cycles, so
    the collector only re-scans a growing heap; on heading-dense pages that made
    reading superlinear (3x slower at 250 KB).  Reference counting still frees
    everything, and the collector runs again as soon as reading is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read(source: Source) -> Document:
    """Read a Markdown page into a Document."""
    with _collector_paused():
        return _read(source)


def _read(source: Source) -> Document:
    lines = split_lines(source.text)
    doc = Document(path=source.path, format="markdown", lines=lines)
    tokens = _parser().parse("\n".join(lines))
    section: Section | None = None
    title_heading_allowed = True
    previous_was_chrome = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "front_matter" and token.map:
            _front_matter(doc, token)
        elif token.type == "heading_open" and token.map:
            heading = _heading(lines, token, tokens[index + 1])
            if title_heading_allowed and heading.level == 1 and doc.title is None and not doc.lead:
                doc.title, doc.title_span = heading.text, heading.text_span
            else:
                section = Section(heading)
                doc.sections.append(section)
            title_heading_allowed = previous_was_chrome = False
            index += 3
            continue
        elif token.level == 0 and token.type in _BLOCK_KINDS and token.map:
            block = _block(lines, token)
            if not _add_chrome(doc, block, previous_was_chrome):
                (section.blocks if section else doc.lead).append(block)
            previous_was_chrome = bool(doc.chrome) and doc.chrome[-1].span.end_line == block.span.end_line
        index += 1
    _title_from_front_matter(doc)
    return doc


def _add_chrome(doc: Document, block: Block, extend_previous: bool) -> bool:
    """Record ``block`` as site chrome if its first line is chrome; adjacent chrome merges."""
    if block.kind not in ("paragraph", "list", "html"):
        return False
    kind = chrome_kind(block.text.split("\n", 1)[0])
    if kind is None:
        return False
    if extend_previous:
        last = doc.chrome[-1]
        doc.chrome[-1] = Chrome(last.kind, f"{last.text}\n{block.text}", last.span.cover(block.span))
    else:
        doc.chrome.append(Chrome(kind, block.text, block.span))
    return True


def _front_matter(doc: Document, token: Token) -> None:
    assert token.map is not None
    loaded = frontmatter.load(token.content, token.map[0] + 2, doc.lines)
    doc.front_matter, doc.front_matter_spans = loaded.data, loaded.spans
    doc.problems.extend(loaded.problems)


def _title_from_front_matter(doc: Document) -> None:
    """Front matter ``title`` wins over the first heading when both exist."""
    if not doc.front_matter:
        return
    title = doc.front_matter.get("title")
    if isinstance(title, str) and title.strip():
        doc.title = title.strip()
        doc.title_span = doc.front_matter_spans.get("title", doc.title_span)


def _heading(lines: list[str], token: Token, inline: Token) -> Heading:
    assert token.map is not None
    line_index = token.map[0]
    line = lines[line_index]
    content = inline.content
    raw = content.strip()
    text, markers = split_edit_markers(raw)
    row = line_index + 1
    last_row = token.map[1]  # setext headings span the underline too
    indent = len(line) - len(line.lstrip(_BLANK))
    at = _raw_positions(lines, line_index, content)
    base = max(content.find(raw), 0) if raw else 0

    def where(offset: int) -> tuple[int, int]:
        return at(base + offset)

    text_start = max(raw.find(text), 0)
    return Heading(
        text=text,
        raw=raw,
        level=int(token.tag[1]),
        span=Span(row, indent + 1, last_row, max(len(lines[last_row - 1].rstrip(_BLANK)) + 1, indent + 1 if last_row == row else 1)),
        text_span=Span(*where(text_start), *where(text_start + len(text))),
        markers=[Marker(m.text, Span(*where(m.start), *where(m.end))) for m in markers],
    )


def _raw_positions(lines: list[str], first: int, raw: str) -> Callable[[int], tuple[int, int]]:
    """Map an offset in a heading's ``raw`` text (which may span several source lines,
    as a setext heading can) to a 1-based (line, column) in the source.  Each line of
    ``raw`` is looked up in the source from ``first`` on, since the parser may have
    dropped blank-looking lines (e.g. a line holding only a no-break space)."""
    if "\n" not in raw and first < len(lines) and "\x00" not in lines[first] and raw in lines[first]:
        return _single_line_positions(lines, first, raw)
    starts: list[tuple[int, int, int]] = []  # (offset in raw, source row, column of that raw line)
    offset, row = 0, first
    for part in raw.split("\n"):
        probe = row
        while probe < len(lines) and part and part not in _as_parsed(lines[probe]):
            probe += 1
        if probe < len(lines):
            row = probe
        source = _as_parsed(lines[row]) if row < len(lines) else ""
        column = source.find(part) if part and part in source else len(source.rstrip(_BLANK))
        starts.append((offset, min(row, len(lines) - 1) + 1, column))
        offset += len(part) + 1
        row += 1

    def position(at: int) -> tuple[int, int]:
        base, line, column = next(item for item in reversed(starts) if item[0] <= at)
        width = len(lines[line - 1]) if lines else 0
        return line, min(column + (at - base), width) + 1

    return position


def _single_line_positions(lines: list[str], first: int, raw: str) -> Callable[[int], tuple[int, int]]:
    """:func:`_raw_positions` for the common case: a heading on one line, its text found
    as written on that line (the same positions, without the general bookkeeping)."""
    source = lines[first]
    column = source.find(raw) if raw else len(source.rstrip(_BLANK))
    line, width = first + 1, len(source)
    return lambda at: (line, min(column + at, width) + 1)


def _as_parsed(line: str) -> str:
    """``line`` as the parser sees it (it replaces NUL with U+FFFD), same length."""
    return line.replace("\x00", "\ufffd")


def _block(lines: list[str], token: Token) -> Block:
    assert token.map is not None
    first, last = token.map[0], token.map[1] - 1
    while last > first and not lines[last].strip():
        last -= 1
    text = "\n".join(lines[first : last + 1]).strip()
    indent = len(lines[first]) - len(lines[first].lstrip(_BLANK))
    end_column = len(lines[last].rstrip(_BLANK)) + 1
    span = Span(first + 1, indent + 1, last + 1, max(end_column, indent + 1) if last == first else end_column)
    kind = _BLOCK_KINDS[token.type]
    if kind == "html" and _HTML_COMMENT.match(text):
        return Block("comment", text, span)
    if kind != "paragraph":
        return Block(kind, text, span)
    return labelled_paragraph(text, span)
