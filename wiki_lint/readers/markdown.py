"""Read Markdown pages (``.md``, ``.markdown``) with optional YAML front matter.

Parsing is markdown-it-py's CommonMark block parser (plus tables and the front matter
plugin); inline parsing is switched off because no rule needs emphasis or links, and
block structure is what decides headings, so ``#`` lines inside fenced code are never
headings.  The title is front matter ``title`` or else the first level-1 heading; that
heading then opens the page rather than a section.  Labelled paragraphs may carry the
label in bold (``**Medical disclaimer:** ...``).
"""

from __future__ import annotations

import re
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


def read(source: Source) -> Document:
    """Read a Markdown page into a Document."""
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
    raw = inline.content.strip()
    text, markers = split_edit_markers(raw)
    raw_start = max(line.find(raw), 0) if raw else len(line)
    text_start = raw_start + max(raw.find(text), 0)
    row = line_index + 1
    last_row = token.map[1]  # setext headings span the underline too
    indent = len(line) - len(line.lstrip())
    return Heading(
        text=text,
        raw=raw,
        level=int(token.tag[1]),
        span=Span(row, indent + 1, last_row, len(lines[last_row - 1].rstrip()) + 1),
        text_span=Span(row, text_start + 1, row, text_start + len(text) + 1),
        markers=[Marker(m.text, Span(row, raw_start + m.start + 1, row, raw_start + m.end + 1)) for m in markers],
    )


def _block(lines: list[str], token: Token) -> Block:
    assert token.map is not None
    first, last = token.map[0], token.map[1] - 1
    while last > first and not lines[last].strip():
        last -= 1
    text = "\n".join(lines[first : last + 1]).strip()
    indent = len(lines[first]) - len(lines[first].lstrip())
    span = Span(first + 1, indent + 1, last + 1, len(lines[last].rstrip()) + 1)
    kind = _BLOCK_KINDS[token.type]
    if kind == "html" and _HTML_COMMENT.match(text):
        return Block("comment", text, span)
    if kind != "paragraph":
        return Block(kind, text, span)
    return labelled_paragraph(text, span)
