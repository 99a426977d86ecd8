"""Read rendered MediaWiki pages (``.html``, ``.htm``): whole pages or article fragments.

BeautifulSoup (with Python's own ``html.parser``, which records where every tag
starts) finds the structure; each block's readable text is then taken from the exact
source slice of its element by a small tokenizer that keeps, for every character, its
offset in the file.  So every span points at the text in the raw HTML, entities and
all.

What is content and what is not:

* the article body is ``#mw-content-text .mw-parser-output`` (or ``.mw-parser-output``,
  ``#mw-content-text``, ``#bodyContent``, ``<body>``, or the whole fragment);
* ``<h1>``-``<h6>`` open sections, without their ``[edit]`` links (``.mw-editsection``,
  the older ``.editsection``); MediaWiki 1.43+ wraps them in ``div.mw-heading``;
* paragraphs, lists, tables, preformatted text, quotes and figures become blocks;
  an infobox table is also recorded as a ``Template`` named ``Infobox`` with one
  parameter per row; reference lists (``ol.references``) are ``references`` blocks and
  their items ``Document.refs``;
* the site's header, sidebar, footer, the table of contents, navigation boxes,
  maintenance notices and the page notices a site adds around every article are
  recorded as ``Document.chrome`` with ``in_content=False`` (where they belong on a
  rendered page; not chrome glued into the entry);
* a box titled "Medical disclaimer" (or "Disclaimer") becomes a paragraph labelled so,
  and a box titled "Medical editor" (or "Credits", "Authors") likewise, so the schema
  finds the disclaimer and credits parts wherever the site puts them;
* the footer's license line ("Content is available under CC BY-SA 4.0 ...") is
  ``metadata['license']``, "This page was last edited on ..." ``metadata['last_edited']``
  (ISO date when it can be read), ``#catlinks`` the ``categories``;
* the title is ``#firstHeading``, else ``<title>`` without the site name, else the
  file stem; the language is ``<html lang>`` (or the body's ``lang``).
"""

from __future__ import annotations

import os
import re
import warnings
from array import array
from collections.abc import Iterable, Iterator
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag

from wiki_lint.artifacts import labelled_paragraph
from wiki_lint.document import (
    Block,
    Category,
    Chrome,
    Document,
    Heading,
    ReaderProblem,
    Reference,
    Section,
    Span,
    Template,
    TemplateParam,
    template_key,
)
from wiki_lint.readers import html_guard
from wiki_lint.readers.positions import LineIndex, Locate, TextMap
from wiki_lint.sources import Source, split_lines

_MAX_DEPTH = 150
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "meta", "link", "title"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "dl",
        "table",
        "pre",
        "blockquote",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "main",
        "center",
        "header",
        "footer",
        "nav",
        "aside",
        "hr",
        "form",
        "fieldset",
        "details",
        "gallery",
        "figcaption",
        "address",
    }
)
_CONTAINERS = frozenset(
    {
        "div",
        "section",
        "article",
        "main",
        "center",
        "body",
        "html",
        "span",
        "font",
        "details",
        "form",
        "fieldset",
        "aside",
    }
)
# Classes whose elements render no text of the entry (edit links, citation markers).
_SKIP_CLASSES = frozenset(
    {
        "mw-editsection",
        "editsection",
        "reference",
        "mw-cite-backlink",
        "noprint",
        "mw-empty-elt",
        "sortkey",
        "mw-headline-number",
        "tocnumber",
    }
)

# Site furniture: kind -> the ids, classes and tag names that mark it.  Everything
# matched is chrome, not content.  (One pass over the tree; CSS selectors were too slow
# for megabyte pages.)
_PAGE_CHROME: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "header": (
        frozenset({"mw-navbar", "mw-head", "mw-head-base", "mw-page-base", "siteNotice", "mw-indicators", "vector-sticky-header"}),
        frozenset({"vector-header-container", "mw-indicators", "vector-sticky-header"}),
        frozenset({"header"}),
    ),
    "sidebar": (
        frozenset({"mw-navigation", "mw-panel", "column-one", "p-navigation", "mw-sidebar", "vector-main-menu", "vector-page-tools"}),
        frozenset({"vector-main-menu-container", "vector-column-end", "vector-page-tools-landmark"}),
        frozenset(),
    ),
    "navigation": (
        frozenset({"jump-to-nav", "siteSub", "contentSub", "contentSub2", "mw-content-subtitle", "p-lang-btn"}),
        frozenset({"mw-jump-link", "vector-page-toolbar", "mw-portlet-lang"}),
        frozenset(),
    ),
    "toc": (frozenset({"vector-toc", "mw-panel-toc"}), frozenset({"vector-toc", "vector-toc-landmark"}), frozenset()),
    "retrieved-from": (frozenset(), frozenset({"printfooter"}), frozenset()),
    "categories": (frozenset({"catlinks"}), frozenset(), frozenset()),
    "footer": (frozenset({"footer"}), frozenset({"mw-footer"}), frozenset({"footer"})),
}
# Inside the article: furniture MediaWiki or the site puts among the content.
_CONTENT_CHROME: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "toc": (
        frozenset({"toc", "toctitle"}),
        frozenset({"toc", "mw-table-of-contents"}),
        frozenset(),
    ),
    "navbox": (
        frozenset(),
        frozenset(
            {
                "navbox",
                "navbox-styles",
                "vertical-navbox",
                "sister-project",
                "portal",
                "authority-control",
                "mw-authority-control",
                "sistersitebox",
            }
        ),
        frozenset(),
    ),
    "notice": (
        frozenset({"top-notice-ns", "bottom-notice-ns"}),
        frozenset(
            {
                "ambox",
                "mbox",
                "metadata",
                "stub",
                "hatnote",
                "dablink",
                "noprint",
                "ext-pagenotice-top-notice-ns",
                "ext-pagenotice-bottom-notice-ns",
                "mw-pagenotice",
            }
        ),
        frozenset(),
    ),
    "edit-link": (frozenset(), frozenset({"mw-editsection", "editsection"}), frozenset()),
}
# MediaWiki's error output: cite errors, Lua errors, parser function errors.
_ERROR_CLASSES = frozenset({"error", "mw-ext-cite-error", "cite-error", "scribunto-error", "mw-parser-error"})
# Wikitext shown as text: an unrendered template or link.
_UNRENDERED = re.compile(r"\{\{[^{}\n]{1,80}?(?:\||\}\})|\[\[[^\[\]\n]{1,80}?\]\]|<ref[ >]|</ref>")
_TEMPLATE_CLASSES = {
    "navbox": "Navbox",
    "stub": "Stub",
    "ambox": "Ambox",
    "hatnote": "Hatnote",
    "infobox": "Infobox",
    "reflist": "Reflist",
}

_BOX_TITLE = re.compile(
    r"^\s*(?P<label>(?:medical|health)\s+disclaimer|disclaimer|medical\s+editors?|editors?|credits|authors?|reviewed\s+by|licen[cs]e)\s*:?\s*$",
    re.IGNORECASE,
)
_LICENSE_LINE = re.compile(
    r"\b(?:available|licen[cs]ed)\s+under\s+(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?(?P<value>.+?)\s*(?:,?\s+unless otherwise noted|;|\.\s|\.?$)",
    re.IGNORECASE,
)
_LAST_EDITED = re.compile(r"last (?:edited|modified) on\s+(?P<date>.+?)(?:,\s*at\s+[\d:]+)?\.?\s*$", re.IGNORECASE)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})")
_MONTH_DAY_YEAR = re.compile(r"(?P<month>[A-Za-z]+)\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})")


def read(source: Source) -> Document:
    """Read a rendered MediaWiki page (or an article fragment) into a Document."""
    doc = Document(path=source.path, format="html", lines=split_lines(source.text))
    text, unterminated = _without_unterminated_tags(source.text)
    # "<![x" makes html.parser reject the whole page: read it as text, as browsers do
    text = html_guard.neutralise(text, html_guard.unparseable_marked_sections(text))
    with warnings.catch_warnings():  # a page that looks like a file name or URL is still a page
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    page = _Page(doc, LineIndex(text), soup)
    page.read()
    if unterminated:
        doc.problems.append(_too_many_unterminated(unterminated, LineIndex(source.text)))
    return doc


def _without_unterminated_tags(text: str) -> tuple[str, list[int]]:
    """``text``, and no unterminated markup unless there is too much of it (see
    :mod:`html_guard`): then each of its ``<`` is a space, and their offsets are returned."""
    found, work = html_guard.unterminated(text)
    if not html_guard.too_much(work, len(text)):
        return text, []
    return html_guard.neutralise(text, found), found


def _too_many_unterminated(unterminated: list[int], index: LineIndex) -> ReaderProblem:
    start = unterminated[0]
    opening = re.match(r"<!--|<[^\s<>]{1,20}", index.text[start : start + 21])
    return ReaderProblem(
        "markup-too-unbalanced",
        f"{len(unterminated):,} HTML tags, comments or declarations never end (the first is "
        f"'{opening.group(0) if opening else '<'}'); there are too many to parse them all as markup, "
        "so they were read as plain text",
        index.span(start, start + 1),
        hint="end each tag with '>' (and each comment with '-->'), or delete the stray '<'",
    )


class _Page:
    def __init__(self, doc: Document, index: LineIndex, soup: BeautifulSoup) -> None:
        self.doc = doc
        self.index = index
        self.soup = soup
        self.section: Section | None = None
        self.chrome_ids: set[int] = set()
        self.box_titles: set[int] = set()
        self.by_id: dict[str, Tag] = {}
        self.tags: list[Tag] = []
        for tag in soup.find_all(True):
            self.tags.append(tag)
            tag_id = tag.get("id")
            if isinstance(tag_id, str):
                self.by_id.setdefault(tag_id, tag)
        self.box_bodies: dict[int, tuple[str, Tag]] = {}
        self.placed_boxes: set[int] = set()
        self.error_ids: set[int] = set()
        # html.parser counts lines by "\n" alone (a lone "\r" is not a break for it)
        self.parser_lines = [0] + [m.end() for m in re.finditer("\n", index.text)]

    # --- the whole page --------------------------------------------------------------

    def read(self) -> None:
        self._lang()
        self._title()
        root = self._content_root()
        self._page_chrome(root)
        self._content_chrome(root)
        self._find_boxes()
        self._blocks(root)
        self._unplaced_boxes()
        self._metadata()
        self._categories()
        self._rendering_errors(root)

    def _lang(self) -> None:
        for tag in (self.soup.find("html"), self.soup.find("body")):
            if isinstance(tag, Tag):
                lang = str(tag.get("lang") or "").strip()
                if lang:
                    self.doc.lang = lang.lower()
                    return

    def _title(self) -> None:
        first = self.by_id.get("firstHeading")
        if isinstance(first, Tag):
            text, span = self._text_of(first)
            if text:
                self.doc.title, self.doc.title_span = text, span
                self.chrome_ids.add(id(first))
                return
        title = self.soup.find("title")
        if isinstance(title, Tag) and title.get_text(strip=True):
            text = " ".join(unescape(title.get_text()).split())
            start = self._start(title)
            inner = self.index.text.find(">", start) + 1
            close = self.index.text.lower().find("</title", inner)
            span = self.index.trimmed_span(inner, close if close >= 0 else self._end(title, start))
            # "Insulin - WikiMD's WELLNESSPEDIA": the page name comes before the site name
            self.doc.title = re.split(r"\s+[-–—|]\s+", text)[0].strip() or text
            self.doc.title_span = span
            return
        stem = os.path.splitext(os.path.basename(self.doc.path))[0]
        if stem and stem not in ("<stdin>", "-"):
            self.doc.title = " ".join(stem.replace("_", " ").split())

    def _content_root(self) -> Tag:
        outputs = [tag for tag in self.tags if "mw-parser-output" in (tag.get("class") or [])]
        text = self.by_id.get("mw-content-text")
        if text is not None:
            inside = [tag for tag in outputs if _is_inside(text, tag)]
            if inside:
                return inside[0]
        if outputs:
            return outputs[0]
        for tag_id in ("mw-content-text", "bodyContent", "content"):
            if tag_id in self.by_id:
                return self.by_id[tag_id]
        body = self.soup.find("body")
        return body if isinstance(body, Tag) else self.soup

    def _page_chrome(self, root: Tag) -> None:
        """Header, sidebar, footer ...: recorded where they are, outside the content."""
        for tag in self.tags:
            kind = _chrome_kind(tag, _PAGE_CHROME)
            if kind is None or _is_inside(root, tag) or self._is_chrome(tag) or _contains(tag, root):
                continue
            self._add_chrome(kind, tag)

    def _content_chrome(self, root: Tag) -> None:
        for tag in root.find_all(True):
            kind = _chrome_kind(tag, _CONTENT_CHROME)
            if kind is None or self._is_chrome(tag):
                continue
            if kind == "edit-link":
                self.chrome_ids.add(id(tag))
                continue
            self._add_chrome(kind, tag)
            for css, name in _TEMPLATE_CLASSES.items():
                if css in (tag.get("class") or []):
                    self._record_template(name, tag)

    def _is_chrome(self, tag: Tag) -> bool:
        return any(id(t) in self.chrome_ids for t in _self_and_parents(tag))

    def _add_chrome(self, kind: str, tag: Tag) -> None:
        self.chrome_ids.add(id(tag))
        text = " ".join(tag.get_text(" ").split())
        if not text:
            return
        start = self._start(tag)
        self.doc.chrome.append(Chrome(kind, text, self.index.trimmed_span(start, self._end(tag, start)), in_content=False))

    # --- positions -------------------------------------------------------------------

    def _start(self, tag: Tag) -> int:
        if tag.sourceline is None:
            return 0
        line = min(max(tag.sourceline, 1), len(self.parser_lines))
        return min(self.parser_lines[line - 1] + (tag.sourcepos or 0), len(self.index.text))

    def _end(self, tag: Tag, start: int) -> int:
        """Where ``tag``'s source ends: after its matching end tag, or where the next
        element starts when the end tag is missing."""
        text = self.index.text
        open_end = text.find(">", start)
        if open_end < 0:
            return len(text)
        if tag.name in _VOID or text[open_end - 1] == "/":
            return open_end + 1
        pattern = _tag_pattern(tag.name)
        depth = 1
        limit = self._next_start(tag)
        for match in pattern.finditer(text, open_end + 1, limit if limit is not None else len(text)):
            if match.group(1):
                depth -= 1
                if depth == 0:
                    return match.end()
            elif not match.group(0).endswith("/>"):
                depth += 1
        return limit if limit is not None else len(text)

    def _next_start(self, tag: Tag) -> int | None:
        """The start of the first element after ``tag`` and all it contains."""
        node: Tag | None = tag
        while node is not None:
            sibling = node.next_sibling
            while sibling is not None and not (isinstance(sibling, Tag) and sibling.sourceline is not None):
                sibling = sibling.next_sibling
            if isinstance(sibling, Tag):
                return self._start(sibling)
            parent = node.parent
            node = parent if isinstance(parent, Tag) and parent is not self.soup else None
        return None

    def _text_map(self, start: int, end: int, breaks: bool) -> tuple[str, array[int]]:
        tm = TextMap()
        _Extractor(tm, self.index.text, start, end, breaks).run()
        return tm.finish(keep_newlines=True)

    def _text_of(self, tag: Tag, breaks: bool = False) -> tuple[str, Span]:
        """The readable text of ``tag`` and the span of that text in the source."""
        start = self._start(tag)
        end = self._end(tag, start)
        text, offsets = self._text_map(start, end, breaks)
        if not text:
            return "", self.index.trimmed_span(start, end)
        return text, self.index.span(offsets[0], offsets[-1] + 1)

    # --- content ---------------------------------------------------------------------

    def _blocks(self, container: Tag, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:  # absurdly nested markup: the rest is one paragraph
            start = self._start(container)
            self._add_paragraph(start, self._end(container, start))
            return
        inline: list[NavigableString | Tag] = []
        for child in list(container.children):
            if isinstance(child, Comment) or (
                isinstance(child, NavigableString) and not isinstance(child, Tag) and type(child) is not NavigableString
            ):
                continue  # comments, doctype, CDATA
            if isinstance(child, NavigableString) and not isinstance(child, Tag):
                if child.strip():
                    inline.append(child)
                continue
            if not isinstance(child, Tag) or self._is_chrome(child) or child.name in _INVISIBLE or id(child) in self.box_titles:
                continue
            if id(child) in self.box_bodies:
                self._flush_inline(inline, child)
                inline = []
                self._add_box(*self.box_bodies[id(child)])
                continue
            if not _is_block(child):
                inline.append(child)
                continue
            self._flush_inline(inline, child)
            inline = []
            self._block(child, depth + 1)
        self._flush_inline(inline, None)

    def _flush_inline(self, items: list[NavigableString | Tag], following: Tag | None) -> None:
        """Loose text and inline elements between blocks form one paragraph."""
        tags = [item for item in items if isinstance(item, Tag) and item.sourceline is not None]
        if not items or not "".join(item.get_text() if isinstance(item, Tag) else str(item) for item in items).strip():
            return
        first = items[0]
        if isinstance(first, Tag) and first.sourceline is not None:
            start = self._start(first)
        else:
            start = self._text_start_before(first, tags[0] if tags else following)
        end = self._start(following) if following is not None else self._end_of_parent(items[-1])
        self._add_paragraph(start, end)

    def _text_start_before(self, string: NavigableString | Tag, anchor: Tag | None) -> int:
        """Where a loose string starts: found in the source before the next tag."""
        text = self.index.text
        limit = self._start(anchor) if anchor is not None else len(text)
        previous = string.previous_sibling
        while previous is not None and not (isinstance(previous, Tag) and previous.sourceline is not None):
            previous = previous.previous_sibling
        floor = self._end(previous, self._start(previous)) if isinstance(previous, Tag) else self._parent_content_start(string)
        probe = str(string).strip()[:20]
        found = text.find(probe, floor, limit) if probe else -1
        return found if found >= 0 else floor

    def _parent_content_start(self, node: NavigableString | Tag) -> int:
        parent = node.parent
        if isinstance(parent, Tag) and parent.sourceline is not None:
            start = self._start(parent)
            close = self.index.text.find(">", start)
            return close + 1 if close >= 0 else start
        return 0

    def _end_of_parent(self, node: NavigableString | Tag) -> int:
        if isinstance(node, Tag) and node.sourceline is not None:
            return self._end(node, self._start(node))
        parent = node.parent
        if isinstance(parent, Tag) and parent.sourceline is not None:
            end = self._end(parent, self._start(parent))
            close = self.index.text.rfind("<", 0, end)
            return close if close > self._start(parent) else end
        return len(self.index.text)

    def _block(self, tag: Tag, depth: int) -> None:
        name = tag.name
        classes = tag.get("class") or []
        if name in _HEADINGS:
            self._heading(tag)
        elif "mw-heading" in classes:
            self._blocks(tag, depth)
        elif name == "ol" and "references" in classes or "reflist" in classes or "mw-references-wrap" in classes:
            self._references(tag)
        elif name == "p":
            if _has_block_within(tag):
                self._blocks(tag, depth)
            else:
                start = self._start(tag)
                self._add_paragraph(start, self._end(tag, start))
        elif name in ("ul", "ol", "dl"):
            self._add_block("list", tag)
        elif name == "table":
            if "infobox" in classes:
                self._infobox(tag)
            self._add_block("table", tag)
        elif name == "pre":
            self._add_block("code", tag)
        elif name == "blockquote":
            self._add_block("quote", tag)
        elif name in ("figure", "gallery") or "thumb" in classes or "gallery" in classes:
            self._add_block("media", tag)
        elif name in ("hr", "form"):
            return
        elif name in _CONTAINERS or _has_block_within(tag):
            self._blocks(tag, depth)
        else:
            start = self._start(tag)
            self._add_paragraph(start, self._end(tag, start))

    def _target(self) -> list[Block]:
        return self.section.blocks if self.section else self.doc.lead

    def _add_paragraph(self, start: int, end: int) -> None:
        text, offsets = self._text_map(start, end, breaks=False)
        if not text:
            return
        locate = Locate(self.index, offsets, len(text))
        span = Span(*locate(0), *locate(len(text)))
        block = labelled_paragraph(text, span)
        block.locate = locate
        self._target().append(block)

    def _add_block(self, kind: str, tag: Tag) -> Block | None:
        start = self._start(tag)
        end = self._end(tag, start)
        text, offsets = self._text_map(start, end, breaks=True)
        if not text and kind != "media":
            return None
        if text:
            locate = Locate(self.index, offsets, len(text))
            block = Block(kind, text, Span(*locate(0), *locate(len(text))), locate=locate)
        else:
            block = Block(kind, text, self.index.trimmed_span(start, end))
        self._target().append(block)
        return block

    def _heading(self, tag: Tag) -> None:
        text, span = self._text_of(tag)
        if not text:
            return
        heading = Heading(text=text, raw=text, level=_HEADINGS[tag.name], span=span, text_span=span)
        if heading.level == 1 and self.doc.title is None and not self.doc.sections and not self.doc.lead:
            self.doc.title, self.doc.title_span = text, span
            return
        self.section = Section(heading)
        self.doc.sections.append(self.section)

    def _references(self, tag: Tag) -> None:
        self._add_block("references", tag)
        for item in tag.find_all("li"):
            text, span = self._text_of(item)
            if text:
                self.doc.refs.append(Reference(str(item.get("id") or "") or None, "defined", text, span))

    def _infobox(self, table: Tag) -> None:
        params: list[TemplateParam] = []
        for row in table.find_all("tr"):
            cells = list(row.find_all(["th", "td"], recursive=False))
            if len(cells) != 2:
                continue
            name, _ = self._text_of(cells[0])
            value, span = self._text_of(cells[1])
            if name:
                params.append(TemplateParam(name, value, span))
        start = self._start(table)
        self.doc.templates.append(
            Template(
                "Infobox",
                "Infobox",
                self.index.trimmed_span(start, self._end(table, start)),
                params,
            )
        )

    def _record_template(self, name: str, tag: Tag) -> None:
        start = self._start(tag)
        self.doc.templates.append(Template(name, template_key(name), self.index.trimmed_span(start, self._end(tag, start))))

    # --- boxes, metadata, categories -------------------------------------------------

    def _rendering_errors(self, root: Tag) -> None:
        """MediaWiki's error messages and wikitext that did not render, in the content."""
        for tag in root.find_all(True):
            classes = set(tag.get("class") or [])
            if (
                not classes & _ERROR_CLASSES
                or self._is_chrome(tag)
                or any(id(parent) in self.error_ids for parent in _self_and_parents(tag))
            ):
                continue
            self.error_ids.add(id(tag))
            text, span = self._text_of(tag)
            if text:
                shown = text if len(text) <= 100 else text[:97] + "..."
                self.doc.problems.append(
                    ReaderProblem(
                        "rendering-error",
                        f"the rendered page shows a MediaWiki error: '{shown}'",
                        span,
                        hint="fix the wikitext the error names (a citation, a template parameter) and re-render the page",
                    )
                )
        for block in self.doc.blocks():
            if block.kind in ("code",):
                continue
            for match in _UNRENDERED.finditer(block.text):
                line, column = block.position(match.start())
                end_line, end_column = block.position(match.end())
                self.doc.problems.append(
                    ReaderProblem(
                        "rendering-error",
                        f"the rendered page shows wikitext that did not render: '{match.group(0)}'",
                        Span(line, column, end_line, end_column),
                        hint="fix the template or link in the page source (a missing '}}' or ']]' is the usual cause)",
                    )
                )
                break  # one per block is enough to send the editor there

    def _find_boxes(self) -> None:
        """Titled boxes ("Medical disclaimer", "Medical editor") anywhere but the site's
        navigation: the title is dropped, the body becomes a labelled paragraph."""
        for string in self.soup.find_all(string=_BOX_TITLE):
            tag = string.parent
            if not isinstance(tag, Tag) or id(tag) in self.box_titles or tag.name not in ("div", "center", "p", "b", "strong", "span"):
                continue
            title = " ".join(str(string).split())
            match = _BOX_TITLE.match(title)
            if not match or tag.find_parent(["nav", "li", "a", "ul", "ol", "table", *_HEADINGS]) or self._in_page_chrome(tag):
                continue
            holder = tag
            while isinstance(holder.parent, Tag) and " ".join(holder.parent.get_text(" ").split()) == title:
                holder = holder.parent
            if holder.name not in ("div", "center", "p") or "mw-heading" in (holder.get("class") or []) or holder.find(list(_HEADINGS)):
                continue
            body = holder.find_next_sibling(_has_text)
            if not isinstance(body, Tag) or body.name not in (
                "p",
                "div",
                "center",
                "blockquote",
                "ul",
                "ol",
                "dl",
            ):
                continue
            if len(body.get_text(strip=True)) < 20 or _BOX_TITLE.match(body.get_text(" ", strip=True)) or body.find(list(_HEADINGS)):
                continue
            self.box_titles.update(id(t) for t in _self_and_parents(tag) if _is_inside(holder, t))
            self.box_bodies[id(body)] = (match.group("label"), body)

    def _unplaced_boxes(self) -> None:
        """Boxes outside the walked content (a site's page notice) join the last section."""
        for label, body in self.box_bodies.values():
            if id(body) not in self.placed_boxes:
                self._add_box(
                    label,
                    body,
                    self.doc.sections[-1].blocks if self.doc.sections else self.doc.lead,
                )

    def _in_page_chrome(self, tag: Tag) -> bool:
        for parent in _self_and_parents(tag):
            if parent.get("id") in (
                "mw-navigation",
                "mw-panel",
                "mw-navbar",
                "footer",
                "mw-head",
                "catlinks",
                "toc",
            ):
                return True
            if parent.name in ("nav", "header", "footer"):
                return True
        return False

    def _add_box(self, label: str, body: Tag, target: list[Block] | None = None) -> None:
        self.placed_boxes.add(id(body))
        start = self._start(body)
        end = self._end(body, start)
        text, offsets = self._text_map(start, end, breaks=False)
        if not text:
            return
        label = " ".join(label.split())
        label = label[:1].upper() + label[1:].lower()
        locate = Locate(self.index, offsets, len(text))
        span = Span(*locate(0), *locate(len(text)))
        block = Block(
            "paragraph",
            f"{label}: {text}",
            span,
            label=label,
            body=text,
            locate=_Shifted(locate, len(label) + 2),
        )
        (target if target is not None else self._target()).append(block)

    def _metadata(self) -> None:
        lastmod = self.by_id.get("footer-info-lastmod")
        if isinstance(lastmod, Tag):
            text, span = self._text_of(lastmod)
            match = _LAST_EDITED.search(text)
            if match:
                self.doc.metadata["last_edited"] = _iso_date(match.group("date")) or match.group("date")
                self.doc.metadata["last_edited_text"] = text
                self.doc.metadata_spans["last_edited"] = span
        for tag in self._license_candidates():
            text, span = self._text_of(tag)
            match = _LICENSE_LINE.search(text)
            if match:
                self.doc.metadata["license"] = match.group("value").strip().rstrip(".")
                self.doc.metadata["license_text"] = text
                self.doc.metadata_spans["license"] = span
                break
        views = self.by_id.get("footer-info-viewcount")
        if isinstance(views, Tag):
            digits = re.sub(r"\D", "", views.get_text())
            if digits:
                self.doc.metadata["page_views"] = int(digits)

    def _license_candidates(self) -> Iterator[Tag]:
        for tag_id in ("footer-info-copyright", "f-copyright"):
            if tag_id in self.by_id:
                yield self.by_id[tag_id]
        for string in self.soup.find_all(string=re.compile(r"available\s+under|licen[cs]ed\s+under", re.IGNORECASE)):
            parent = string.parent
            while isinstance(parent, Tag) and parent.name not in ("p", "li", "div", "td"):
                parent = parent.parent
            if isinstance(parent, Tag):
                yield parent

    def _categories(self) -> None:
        holder = self.by_id.get("mw-normal-catlinks")
        links = [a for li in holder.find_all("li") for a in li.find_all("a")] if holder is not None else []
        names = []
        for link in links:
            text, span = self._text_of(link)
            if text and text not in names:
                names.append(text)
                self.doc.categories.append(Category(template_key(text), span))
        if names:
            self.doc.metadata["categories"] = names
            self.doc.metadata_spans["categories"] = self.doc.categories[0].span


# --- helpers -------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _tag_pattern(name: str) -> re.Pattern[str]:
    """Start and end tags named ``name``."""
    return re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE)


def _chrome_kind(tag: Tag, table: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]) -> str | None:
    tag_id = tag.get("id")
    classes = set(tag.get("class") or [])
    for kind, (ids, css, names) in table.items():
        if (isinstance(tag_id, str) and tag_id in ids) or classes & css or tag.name in names:
            return kind
    return None


def _is_block(tag: Tag) -> bool:
    if tag.name in _BLOCK_TAGS:
        return True
    return tag.name in _CONTAINERS and any(d.name in _BLOCK_TAGS for d in _tags_within(tag, limit=50))


def _has_block_within(tag: Tag) -> bool:
    """Whether an element inside ``tag`` is a block (stopping at the first found)."""
    return any(_is_block(d) for d in _tags_within(tag))


def _tags_within(tag: Tag, limit: int | None = None) -> Iterator[Tag]:
    """The elements inside ``tag``, in document order, at most ``limit`` of them.

    As ``tag.find_all(True, limit=limit)``, but lazy, and without the walk to the last
    descendant that Beautiful Soup does before it starts: on markup nested thousands
    deep, every level the reader descends (up to ``_MAX_DEPTH``) would otherwise walk
    the whole rest of the page.
    """
    count = 0
    stack = [iter(tag.contents)]
    while stack:
        for child in stack[-1]:
            if isinstance(child, Tag):
                yield child
                count += 1
                if limit is not None and count >= limit:
                    return
                stack.append(iter(child.contents))
                break
        else:
            stack.pop()


def _has_text(tag: object) -> bool:
    return isinstance(tag, Tag) and tag.name not in _INVISIBLE and bool(tag.get_text(strip=True))


def _self_and_parents(tag: Tag) -> Iterable[Tag]:
    node: Tag | None = tag
    while isinstance(node, Tag):
        yield node
        node = node.parent


def _is_inside(outer: Tag, tag: Tag) -> bool:
    return any(parent is outer for parent in _self_and_parents(tag))


def _contains(tag: Tag, inner: Tag) -> bool:
    return _is_inside(tag, inner)


class _Shifted:
    """A locator for ``"Label: " + body`` where ``locate`` maps the body alone."""

    __slots__ = ("locate", "shift")

    def __init__(self, locate: Locate, shift: int) -> None:
        self.locate = locate
        self.shift = shift

    def __call__(self, offset: int) -> tuple[int, int]:
        return self.locate(max(offset - self.shift, 0))


def _iso_date(text: str) -> str | None:
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match and match.group("month").lower() in _MONTHS:
            day, month, year = (
                int(match.group("day")),
                _MONTHS[match.group("month").lower()],
                int(match.group("year")),
            )
            if 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


class _Extractor(HTMLParser):
    """Readable text of one element's source slice, each character with its offset.

    Skips what renders no entry text (scripts, styles, edit links, citation markers);
    turns ``<br>``, list items and table rows into line breaks when ``breaks``.
    """

    def __init__(self, tm: TextMap, text: str, start: int, end: int, breaks: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.tm = tm
        self.slice = text[start:end]
        self.base = start
        self.breaks = breaks
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.slice)]
        self.stack: list[tuple[str, bool]] = []
        self.skipping = 0

    def run(self) -> None:
        try:
            self.feed(self.slice)
            self.close()
        except (AssertionError, ValueError):  # html.parser on hopeless input: keep what we have
            pass

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.base + self.line_starts[min(line, len(self.line_starts)) - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        skip = tag in _INVISIBLE or bool(classes & _SKIP_CLASSES)
        if tag in ("br", "li", "tr", "dt", "dd", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6") and not self.skipping:
            self.tm.add_at("\n" if self.breaks or tag == "br" else " ", self._offset())
        elif tag in ("td", "th") and not self.skipping:
            self.tm.add_at(" ", self._offset())
        if tag in _VOID:
            return
        self.stack.append((tag, skip))
        self.skipping += skip

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skipping:
            self.tm.add_at("\n", self._offset())

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                for _, skip in self.stack[depth:]:
                    self.skipping -= skip
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        self.tm.add("".join(" " if c in "\r\n\t\f" else c for c in data), self._offset())

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.tm.add_at(unescape(f"&{name};"), self._offset())

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.tm.add_at(unescape(f"&#{name};"), self._offset())
