"""Read MediaWiki wikitext (``.wiki``, ``.wikitext``, ``.mediawiki``) with mwparserfromhell.

mwparserfromhell gives a lossless node tree (``str(tree) == source``), so every node's
source offset is the length of everything before it; this reader walks the tree once
with those offsets and builds the Document:

* ``== Heading ==`` nodes open sections (level = number of ``=``); everything before
  the first heading is the lead.  Headings inside ``<translate>``/``<onlyinclude>``
  wrappers count too;
* between headings, lines are grouped as MediaWiki renders them: a blank line ends a
  paragraph, ``*``/``#``/``:``/``;`` lines form one list block, ``{| ... |}`` is a
  table, a paragraph made only of templates is a ``template`` block (an infobox, a
  navbox, ``{{Reflist}}``), ``<references />`` is a ``references`` block, and lines of
  comments only are ``comment`` blocks;
* a block's ``text`` is its readable text: link labels kept, templates, ``<ref>``
  citations, comments, files and categories dropped, entities decoded, white space
  collapsed; ``Block.locate`` maps every character back to the source;
* every template (nested ones too) is recorded in ``Document.templates`` with its
  parameters and their spans; ``<ref>`` tags in ``Document.refs`` (``defined`` or
  ``reused``); ``[[Category:...]]`` links in ``Document.categories``;
  ``<!--T:n-->`` translation markers are counted in ``metadata`` and never content;
* paragraphs that are a rendered page's furniture pasted into the source ("Retrieved
  from ...", "This page was last edited on ...") are ``Document.chrome``, as in the
  Markdown reader;
* the title is ``{{DISPLAYTITLE:...}}`` if present, else the file name's stem with
  underscores as spaces; a language suffix (``penciclovir.es.wiki``) is dropped from
  the title and becomes ``Document.lang``.

Reader problems: markup the parser could not balance (``{{`` without ``}}``, an
unclosed ``<ref>`` or comment) is reported as ``unbalanced-markup``; a reused
``<ref name=x />`` whose name is never defined as ``undefined-reference``.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    HTMLEntity,
    Node,
    Tag,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes import (
    Heading as HeadingNode,
)
from mwparserfromhell.nodes import (
    Template as TemplateNode,
)
from mwparserfromhell.wikicode import Wikicode

from wiki_lint.artifacts import chrome_kind, labelled_paragraph, split_edit_markers
from wiki_lint.document import (
    Block,
    Category,
    Chrome,
    Document,
    Heading,
    Marker,
    ReaderProblem,
    Reference,
    Section,
    Span,
    Template,
    TemplateParam,
    template_key,
)
from wiki_lint.readers import wikitext_guard
from wiki_lint.readers.positions import LineIndex, Locate, SourceLocate, TextMap
from wiki_lint.sources import Source, split_lines

# Tags whose contents MediaWiki renders in place, headings included.
_TRANSPARENT_TAGS = frozenset({"translate", "onlyinclude", "includeonly", "noinclude", "section", "div", "center"})
# Tags that render no readable text of the entry itself.
_HIDDEN_TAGS = frozenset(
    {
        "ref",
        "references",
        "gallery",
        "style",
        "script",
        "templatestyles",
        "timeline",
        "graph",
        "mapframe",
        "maplink",
        "score",
        "languages",
        "indicator",
    }
)
# Tags whose contents are literal text (no markup inside).
_LITERAL_TAGS = frozenset({"nowiki", "pre", "math", "chem", "ce", "syntaxhighlight", "source", "code"})
_LIST_MARKUP = frozenset({"*", "#", ":", ";"})
# Namespaces of links that are not text: files and categories, in the wikis' languages.
_FILE_NAMESPACES = frozenset(
    {
        "file",
        "image",
        "archivo",
        "imagen",
        "fichier",
        "datei",
        "bild",
        "immagine",
        "ficheiro",
        "arquivo",
        "plik",
        "файл",
        "изображение",
        "ملف",
        "پرونده",
        "चित्र",
        "ファイル",
        "文件",
        "파일",
        "bestand",
        "fitxer",
        "dosya",
        "soubor",
        "tiedosto",
        "fil",
        "media",
    }
)
_CATEGORY_NAMESPACES = frozenset(
    {
        "category",
        "categoría",
        "categoria",
        "catégorie",
        "kategorie",
        "kategori",
        "kategoria",
        "kategorija",
        "категория",
        "категорія",
        "تصنيف",
        "رده",
        "श्रेणी",
        "カテゴリ",
        "分类",
        "분류",
        "categorie",
        "kategória",
        "luokka",
        "կատեգորիա",
        "ଶ୍ରେଣୀ",
        "বিষয়শ্রেণী",
        "వర్గం",
        "பகுப்பு",
        "קטגוריה",
    }
)
_MAGIC_TEMPLATE = re.compile(r"^\s*(?:DISPLAYTITLE|DEFAULTSORT|DEFAULTSORTKEY|DEFAULTCATEGORYSORT)\s*:", re.IGNORECASE)
_BEHAVIOUR_SWITCH = re.compile(r"__[A-Z]+__")
_TRANSLATION_MARKER = re.compile(r"^T:\d+$")
# "page.es.wiki": a two-letter language code (with a region), or a three-letter code
# that wikis use as a language edition; "page.old.wiki" or "page.bak.wiki" are not.
_LANG_SUFFIX = re.compile(r"^[a-z]{2}(?:-[a-z0-9]{2,8})*$")
_THREE_LETTER_LANGS = frozenset(
    {
        "ast",
        "azb",
        "bcl",
        "ceb",
        "ckb",
        "fil",
        "hak",
        "kab",
        "nds",
        "pam",
        "sco",
        "war",
        "yue",
        "arz",
        "mdf",
        "mzn",
    }
)
_UNBALANCED = re.compile(r"\{\{|\}\}|\[\[|<ref\b[^>]*(?<!/)>|<!--", re.IGNORECASE)


@dataclass(slots=True)
class _Item:
    """One piece of a top-level line: a node, or a slice of a Text node (``node`` is a str)."""

    node: Node | str
    start: int
    end: int


_LONE_CR = re.compile(r"\r(?!\n)")


def read(source: Source) -> Document:
    """Read a wikitext page into a Document."""
    # mwparserfromhell knows only LF as a line break; a lone CR (old Mac files) becomes
    # LF, which keeps every offset, so positions still point into the file as written
    text = _LONE_CR.sub("\n", source.text)
    doc = Document(path=source.path, format="wikitext", lines=split_lines(text))
    index = LineIndex(text)
    code, guarded = parse_bounded(text)
    if guarded is not None:
        doc.problems.append(_too_unbalanced(guarded, index))
    table: dict[int, int] = {}
    # the sizes must add up to the page; if they ever do not, measure by rendering
    _sizes.table = table if _measure(code, table) == len(text) else None
    try:
        reader = _Reader(doc, index)
        reader.scan(code)
        reader.layout(code)
        reader.check_refs()
    finally:
        _sizes.table = None
    _title(doc, reader.display_title)
    return doc


def parse(text: str) -> Wikicode:
    """The node tree of ``text`` (see :func:`parse_bounded`)."""
    return parse_bounded(text)[0]


def parse_bounded(text: str) -> tuple[Wikicode, wikitext_guard.Scan | None]:
    """The node tree of ``text``, in time linear in its length, and the scan of its
    unpaired markup if there was so much that it had to be neutralised first.

    mwparserfromhell uses NUL internally and drops it from the input, so NUL is read
    as U+FFFD (same length, offsets unchanged).  Its tokenizer reads ahead to the end
    of the page for every opener that is never closed; :mod:`wikitext_guard` finds
    pages where that would cost more than linear time and has those openers read as
    the text they end up as anyway."""
    text = text.replace("\x00", "\ufffd")
    found = wikitext_guard.scan(text)
    mapping = wikitext_guard.stand_ins(text) if found.too_much(len(text)) else None
    if mapping is None:
        return mwparserfromhell.parse(text, skip_style_tags=False), None
    code = mwparserfromhell.parse(wikitext_guard.neutralise(text, found.unpaired, mapping), skip_style_tags=False)
    wikitext_guard.restore(code, mapping)
    return code, found


_OPENER = re.compile(r"<!--|<[^\s<>]{1,20}>?|\{\{|\[\[|\{\||\[[^\s\]]{0,20}")


def _too_unbalanced(found: wikitext_guard.Scan, index: LineIndex) -> ReaderProblem:
    start, width = found.unpaired[0]
    opener = _OPENER.match(index.text, start)
    opener_text = opener.group(0) if opener else index.text[start : start + width]
    return ReaderProblem(
        "markup-too-unbalanced",
        f"{len(found.unpaired):,} wikitext openers are never closed (the first is '{opener_text}'); "
        "there are too many to parse them all as markup, so they were read as plain text",
        index.span(start, start + width),
        hint="close the markup where it should end, or delete the stray openers",
    )


class _Reader:
    def __init__(self, doc: Document, index: LineIndex) -> None:
        self.doc = doc
        self.index = index
        self.display_title: tuple[str, Span] | None = None
        self.translation_markers = 0
        self.unbalanced: dict[str, Span] = {}
        self.ref_sources: dict[str, list[tuple[str, Span]]] = {}
        self.rendered_until = 0

    # --- templates, refs, categories, problems: one walk over the whole tree --------

    def scan(self, code: Wikicode) -> None:
        for node, offset in _walk(code, 0):
            if isinstance(node, TemplateNode):
                self._template(node, offset)
            elif isinstance(node, Tag):
                if _tag_name(node) == "ref":
                    self._ref(node, offset)
                if node.wiki_markup is None and offset >= self.rendered_until:
                    self._rendered_html(node, offset)
            elif isinstance(node, Wikilink):
                self._category(node, offset)
            elif isinstance(node, Comment):
                if _TRANSLATION_MARKER.match(node.contents.strip()):
                    self.translation_markers += 1
            elif isinstance(node, Text):
                self._unbalanced(node.value, offset)
        if self.translation_markers:
            self.doc.metadata["translation_markers"] = self.translation_markers
        for what, span in self.unbalanced.items():
            self.doc.problems.append(
                ReaderProblem(
                    "unbalanced-markup",
                    f"unbalanced wikitext: {what}; MediaWiki renders the rest of the line (or page) as raw text",
                    span,
                    hint="close the markup or delete the stray characters",
                )
            )

    def _template(self, node: TemplateNode, offset: int) -> None:
        name = _strip_comments(str(node.name)).strip()
        if not name or name.startswith("#"):  # parser functions are not templates
            return
        end = offset + _size(node)
        if _MAGIC_TEMPLATE.match(name):
            keyword, _, value = name.partition(":")
            if keyword.strip().upper() == "DISPLAYTITLE" and value.strip() and self.display_title is None:
                plain = _plain_string(mwparserfromhell.parse(value)).strip()
                self.display_title = (plain or value.strip(), self.index.span(offset, end))
            return
        params = []
        cursor = offset + 2 + _size(node.name)
        for number, param in enumerate(node.params, start=1):
            cursor += 1  # the "|"
            value_start = cursor + (_size(param.name) + 1 if param.showkey else 0)
            value = str(param.value)
            name_text = str(param.name).strip() if param.showkey else str(param.name).strip() or str(number)
            params.append(
                TemplateParam(
                    name_text,
                    value.strip(),
                    self.index.trimmed_span(value_start, value_start + len(value)),
                )
            )
            cursor += _size(param)
        self.doc.templates.append(Template(name, template_key(name), self.index.span(offset, end), params))

    def _ref(self, node: Tag, offset: int) -> None:
        name = _attribute(node, "name")
        contents = "" if node.self_closing or node.contents is None else str(node.contents)
        kind = "defined" if contents.strip() else "reused"
        span = self.index.span(offset, offset + _size(node))
        text = ""
        if kind == "defined":  # the readable text, or the citation template as written
            text = _plain_string(node.contents).strip() or " ".join(contents.split())
            if name:
                self.ref_sources.setdefault(name, []).append((" ".join(contents.split()), span))
        self.doc.refs.append(Reference(name, kind, text, span))

    def _rendered_html(self, node: Tag, offset: int) -> None:
        """An element of MediaWiki's rendered output pasted into the source."""
        marks = _rendered_marks(node)
        if not marks:
            return
        end = offset + _size(node)
        self.rendered_until = end
        opening = str(node)[: _tag_inner_offset(node)] if not node.self_closing else str(node)
        opening = " ".join(opening.split())
        if len(opening) > 80:
            opening = opening[:77] + "..."
        self.doc.problems.append(
            ReaderProblem(
                "rendered-html-in-wikitext",
                f"rendered HTML pasted into the wikitext: {opening} ({', '.join(marks)}) is what MediaWiki "
                "outputs, not source; it shows up twice or as raw markup",
                self.index.span(offset, end),
                hint="delete the element; keep the template or markup that renders it",
            )
        )

    def _category(self, node: Wikilink, offset: int) -> None:
        title = str(node.title).strip()
        namespace, sep, rest = title.partition(":")
        if sep and namespace.strip().casefold() in _CATEGORY_NAMESPACES and rest.strip():
            name = template_key(rest.split("#")[0])
            self.doc.categories.append(Category(name, self.index.span(offset, offset + _size(node))))

    def _unbalanced(self, value: str, offset: int) -> None:
        for match in _UNBALANCED.finditer(value):
            token = match.group(0)
            what = {
                "{{": "'{{' opens a template that is never closed",
                "}}": "'}}' closes a template that was never opened",
                "[[": "'[[' opens a link that is never closed",
                "<!--": "'<!--' opens a comment that is never closed",
            }.get(token, f"'{token}' opens a citation that is never closed")
            if what not in self.unbalanced:
                start = offset + match.start()
                self.unbalanced[what] = self.index.span(start, start + len(token))

    def check_refs(self) -> None:
        for name, definitions in self.ref_sources.items():
            first_source, first_span = definitions[0]
            for source, span in definitions[1:]:
                if source != first_source:
                    self.doc.problems.append(
                        ReaderProblem(
                            "conflicting-reference",
                            f"reference '{name}' is defined again with different content (first on line "
                            f"{first_span.line}); MediaWiki shows a cite error",
                            span,
                            hint=f'define <ref name="{name}"> once and reuse it as <ref name="{name}" />',
                        )
                    )
                    break
        defined = {ref.name for ref in self.doc.refs if ref.kind == "defined" and ref.name}
        reported: set[str] = set()
        for ref in self.doc.refs:
            if ref.kind == "reused" and ref.name and ref.name not in defined and ref.name not in reported:
                reported.add(ref.name)
                self.doc.problems.append(
                    ReaderProblem(
                        "undefined-reference",
                        f"citation <ref name={ref.name} /> reuses a reference that is never defined on the page",
                        ref.span,
                        hint=f"define it once as <ref name={ref.name}>full citation</ref>, or fix the name",
                    )
                )

    # --- headings and blocks ---------------------------------------------------------

    def layout(self, code: Wikicode) -> None:
        section: Section | None = None
        pending: list[_Item] = []
        for node, offset in _top_nodes(code, 0):
            if isinstance(node, HeadingNode):
                self._blocks(pending, section)
                pending = []
                section = Section(self._heading(node, offset))
                self.doc.sections.append(section)
            elif isinstance(node, Text):
                pending.extend(_split_text(node.value, offset))
            else:
                pending.append(_Item(node, offset, offset + _size(node)))
        self._blocks(pending, section)

    def _heading(self, node: HeadingNode, offset: int) -> Heading:
        raw_node = str(node)
        title_offset = offset + node.level
        tm = TextMap()
        _plain(node.title, title_offset, tm)
        plain, offsets = tm.finish(keep_newlines=False)
        text, markers = split_edit_markers(plain)
        locate = Locate(self.index, offsets, len(plain))
        text_start = plain.find(text) if text else 0
        if text:
            line, column = locate(text_start)
            end_line, end_column = locate(text_start + len(text))
            text_span = Span(line, column, end_line, end_column)
        else:
            text_span = self.index.span(title_offset, title_offset)
        return Heading(
            text=text,
            raw=str(node.title).strip(),
            level=node.level,
            span=self.index.span(offset, offset + len(raw_node)),
            text_span=text_span,
            markers=[Marker(m.text, Span(*locate(m.start), *locate(m.end))) for m in markers],
        )

    def _blocks(self, items: list[_Item], section: Section | None) -> None:
        target = section.blocks if section else self.doc.lead
        for kind, group in _group_lines(_lines(items)):
            block = self._block(kind, group)
            if block is None:
                continue
            chrome = chrome_kind(block.text.split("\n", 1)[0]) if block.kind in ("paragraph", "list") else None
            if chrome is not None:  # a rendered page's furniture pasted into the source
                self.doc.chrome.append(Chrome(chrome, block.text, block.span))
            else:
                target.append(block)

    def _block(self, kind: str, lines: list[list[_Item]]) -> Block | None:
        items = [item for line in lines for item in line]
        start, end = items[0].start, items[-1].end
        span = self.index.trimmed_span(start, end)
        if kind == "comment":
            return self._verbatim("comment", span)
        tm = TextMap()
        for number, line in enumerate(lines):
            if number:
                tm.add_at("\n", line[0].start)
            for item in line:
                if isinstance(item.node, str):
                    tm.add(item.node, item.start)
                else:
                    _plain(item.node, item.start, tm)
        text, offsets = tm.finish(keep_newlines=kind in ("list", "table"))
        if kind == "table":
            if not text:
                return self._verbatim("table", span)
            return Block("table", text, span, locate=Locate(self.index, offsets, len(text)))
        if not text:
            return self._textless_block(items, span)
        if kind == "list":
            return Block("list", text, span, locate=Locate(self.index, offsets, len(text)))
        block = labelled_paragraph(text, span)
        block.locate = Locate(self.index, offsets, len(text))
        return block

    def _textless_block(self, items: list[_Item], span: Span) -> Block | None:
        """A paragraph without readable text: templates, a reference list, media, or nothing."""
        nodes = [item.node for item in items if not isinstance(item.node, str)]
        if any(isinstance(n, Tag) and _tag_name(n) == "references" for n in nodes):
            return self._verbatim("references", span)
        templates = [n for n in nodes if isinstance(n, TemplateNode) and not _MAGIC_TEMPLATE.match(str(n.name))]
        if templates:
            return self._verbatim("template", span)
        if any(isinstance(n, Wikilink) and _namespace(n) in _FILE_NAMESPACES for n in nodes) or any(
            isinstance(n, Tag) and _tag_name(n) == "gallery" for n in nodes
        ):
            return self._verbatim("media", span)
        return None

    def _verbatim(self, kind: str, span: Span) -> Block:
        """A block whose text is its source as written (it has no readable text)."""
        start = self.index.offset(span.line, span.column)
        source = self.index.text[start : self.index.offset(span.end_line, span.end_column)]
        return Block(kind, source, span, locate=SourceLocate(self.index, start))


def _title(doc: Document, display: tuple[str, Span] | None) -> None:
    """DISPLAYTITLE if given; else the file stem, underscores as spaces, language suffix off."""
    stem = os.path.splitext(os.path.basename(doc.path))[0]
    base, dot, suffix = stem.rpartition(".")
    if dot and base and (_LANG_SUFFIX.match(suffix) or suffix in _THREE_LETTER_LANGS):
        stem = base
        doc.lang = suffix
    if display is not None:
        doc.title, doc.title_span = display
    elif stem and stem not in ("<stdin>", "-"):
        doc.title = " ".join(stem.replace("_", " ").split())


# --- the tree with offsets ---------------------------------------------------------


def _walk(code: Wikicode | None, offset: int) -> Iterator[tuple[Node, int]]:
    """Every node under ``code`` in source order, with its source offset."""
    if code is None:
        return
    for node in code.nodes:
        yield node, offset
        for child, child_offset in _children(node, offset):
            yield from _walk(child, child_offset)
        offset += _size(node)


def _children(node: Node, offset: int) -> Iterator[tuple[Wikicode, int]]:
    """The Wikicode children of ``node`` with their source offsets."""
    if isinstance(node, TemplateNode):
        yield node.name, offset + 2
        cursor = offset + 2 + _size(node.name)
        for param in node.params:
            cursor += 1
            if param.showkey:
                yield param.name, cursor
                yield param.value, cursor + _size(param.name) + 1
            else:
                yield param.value, cursor
            cursor += _size(param)
    elif isinstance(node, Tag):
        if node.contents is not None and not node.self_closing and _tag_name(node) not in _LITERAL_TAGS:
            yield node.contents, offset + _tag_inner_offset(node)
    elif isinstance(node, Wikilink):
        yield node.title, offset + 2
        if node.text is not None:
            yield node.text, offset + 3 + _size(node.title)
    elif isinstance(node, ExternalLink):
        if node.brackets:
            yield node.url, offset + 1
            if node.title is not None:
                yield node.title, offset + _size(node) - 1 - _size(node.title)
    elif isinstance(node, HeadingNode):
        yield node.title, offset + node.level
    elif isinstance(node, Argument):
        yield node.name, offset + 3


def _top_nodes(code: Wikicode, offset: int) -> Iterator[tuple[Node, int]]:
    """Top-level nodes with offsets, transparent wrappers (``<translate>``) opened."""
    for node in code.nodes:
        if isinstance(node, Tag) and _tag_name(node) in _TRANSPARENT_TAGS and node.contents is not None and not node.self_closing:
            yield from _top_nodes(node.contents, offset + _tag_inner_offset(node))
        else:
            yield node, offset
        offset += _size(node)


def _tag_inner_offset(node: Tag) -> int:
    """Where a tag's contents start, relative to the tag (as ``Tag.__str__`` lays it out)."""
    attributes = sum(_size(attribute) for attribute in node.attributes)
    if node.wiki_markup:
        return len(node.wiki_markup) + attributes + len(node.padding or "") + len(node.wiki_style_separator or "")
    return (2 if node.invalid else 1) + _size(node.tag) + attributes + len(node.padding or "") + 1


# --- sizes: every node's length in the source, computed once -------------------------

_sizes = threading.local()


def _size(thing: object) -> int:
    """``len(str(thing))``, from the per-read table when there is one."""
    table: dict[int, int] | None = getattr(_sizes, "table", None)
    if table is not None:
        size = table.get(id(thing))
        if size is not None:
            return size
    return len(str(thing))


def _measure(code: Wikicode, table: dict[int, int]) -> int:
    """Fill ``table`` with the size of ``code`` and of every node and part under it,
    bottom-up, so nothing is rendered to a string more than once."""
    total = 0
    for node in code.nodes:
        total += _measure_node(node, table)
    table[id(code)] = total
    return total


def _measure_node(node: Node, table: dict[int, int]) -> int:
    if isinstance(node, Text):
        size = len(node.value)
    elif isinstance(node, TemplateNode):
        size = 4 + _measure(node.name, table)
        for param in node.params:
            value = _measure(param.value, table)
            part = _measure(param.name, table) + 1 + value if param.showkey else value
            if not param.showkey:
                _measure(param.name, table)
            table[id(param)] = part
            size += 1 + part
    elif isinstance(node, Wikilink):
        size = 4 + _measure(node.title, table)
        if node.text is not None:
            size += 1 + _measure(node.text, table)
    elif isinstance(node, HeadingNode):
        size = 2 * node.level + _measure(node.title, table)
    elif isinstance(node, Tag):
        for attribute in node.attributes:
            table[id(attribute)] = len(str(attribute))
        inner = 0 if node.contents is None else _measure(node.contents, table)
        table[id(node.tag)] = len(str(node.tag))
        closing = 0
        if node.wiki_markup:
            closing = len(node.closing_wiki_markup or "") if not node.self_closing else 0
        elif not node.self_closing:
            closing = 3 + len(str(node.closing_tag))
        if node.self_closing and not node.wiki_markup:
            size = len(str(node))
        else:
            size = _tag_inner_offset_measured(node, table) + (0 if node.self_closing else inner) + closing
    elif isinstance(node, ExternalLink):
        _measure(node.url, table)
        if node.title is not None:
            _measure(node.title, table)
        size = len(str(node))  # small; the parts above are what offsets need
    elif isinstance(node, Argument):
        _measure(node.name, table)
        if node.default is not None:
            _measure(node.default, table)
        size = len(str(node))
    else:
        size = len(str(node))
    table[id(node)] = size
    return size


def _tag_inner_offset_measured(node: Tag, table: dict[int, int]) -> int:
    attributes = sum(table[id(attribute)] for attribute in node.attributes)
    if node.wiki_markup:
        return len(node.wiki_markup) + attributes + len(node.padding or "") + len(node.wiki_style_separator or "")
    return (2 if node.invalid else 1) + table[id(node.tag)] + attributes + len(node.padding or "") + 1


_RENDERED_ATTRIBUTES = frozenset({"data-ve-ignore", "data-mw", "data-parsoid", "data-cx", "data-ve-attributes"})
_RENDERED_CLASSES = frozenset(
    {
        "cs1",
        "citation",
        "reference-text",
        "mw-reference-text",
        "mw-editsection",
        "mw-headline",
        "mw-cite-backlink",
        "mw-parser-output",
        "mw-ref",
        "cite-bracket",
        "reference",
    }
)


def _rendered_marks(node: Tag) -> list[str]:
    """The attributes that show ``node`` was copied from rendered output, if any."""
    marks = []
    for attribute in node.attributes:
        name = str(attribute.name).strip().lower()
        value = str(attribute.value).strip().strip("\"'") if attribute.value is not None else ""
        if name in _RENDERED_ATTRIBUTES:
            marks.append(name)
        elif name == "typeof" and value.startswith("mw:"):
            marks.append(f"typeof={value}")
        elif name == "about" and value.startswith("#mwt"):
            marks.append("about=#mwt")
        elif name == "class" and set(value.split()) & _RENDERED_CLASSES:
            marks.append("class=" + " ".join(sorted(set(value.split()) & _RENDERED_CLASSES)))
        elif name == "id" and value.startswith(("cite_note-", "cite_ref-")):
            marks.append(f"id={value}")
    return marks


def _tag_name(node: Tag) -> str:
    return str(node.tag).strip().lower()


def _attribute(node: Tag, name: str) -> str | None:
    for attribute in node.attributes:
        if str(attribute.name).strip().lower() == name:
            value = str(attribute.value).strip().strip("\"'").strip() if attribute.value is not None else ""
            return value or None
    return None


def _namespace(node: Wikilink) -> str:
    namespace, sep, _ = str(node.title).strip().partition(":")
    return namespace.strip().casefold() if sep else ""


def _strip_comments(text: str) -> str:
    return re.sub(r"<!--.*?(?:-->|$)", "", text, flags=re.DOTALL)


# --- readable text -----------------------------------------------------------------


def _plain(node: Node | Wikicode | None, offset: int, tm: TextMap) -> None:
    """Append the readable text of ``node`` (at source ``offset``) to ``tm``."""
    if node is None:
        return
    if isinstance(node, Wikicode):
        for child in node.nodes:
            _plain(child, offset, tm)
            offset += _size(child)
        return
    if isinstance(node, Text):
        tm.add(_BEHAVIOUR_SWITCH.sub(lambda m: " " * len(m.group(0)), node.value), offset)
    elif isinstance(node, HTMLEntity):
        tm.add_at(node.normalize(), offset)
    elif isinstance(node, Wikilink):
        if _namespace(node) in _FILE_NAMESPACES or _namespace(node) in _CATEGORY_NAMESPACES:
            return
        if node.text is not None:
            _plain(node.text, offset + 3 + _size(node.title), tm)
        else:
            title = str(node.title)
            lead = len(title) - len(title.lstrip(":"))
            tm.add(title[lead:].split("#")[0] or title[lead:], offset + 2 + lead)
    elif isinstance(node, ExternalLink):
        if node.brackets and node.title is not None:
            _plain(node.title, offset + _size(node) - 1 - _size(node.title), tm)
        elif not node.brackets:
            tm.add(str(node.url), offset)
    elif isinstance(node, Tag):
        name = _tag_name(node)
        if name in _HIDDEN_TAGS or name == "table" and node.wiki_markup is None:
            return
        if name == "br":
            tm.add_at("\n", offset)
        elif name in _LITERAL_TAGS and node.contents is not None:
            tm.add(str(node.contents), offset + _tag_inner_offset(node))
        elif node.contents is not None and not node.self_closing:
            _plain(node.contents, offset + _tag_inner_offset(node), tm)
    # templates, comments, arguments and everything else render no text of the entry


def _plain_string(code: Wikicode | None) -> str:
    tm = TextMap()
    _plain(code, 0, tm)
    return tm.finish(keep_newlines=False)[0]


# --- lines and blocks --------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


def _split_text(value: str, offset: int) -> Iterator[_Item]:
    """A Text node as pieces, each line break its own ``"\\n"`` piece."""
    position = 0
    for match in _NEWLINE.finditer(value):
        if match.start() > position:
            yield _Item(value[position : match.start()], offset + position, offset + match.start())
        yield _Item("\n", offset + match.start(), offset + match.end())
        position = match.end()
    if position < len(value):
        yield _Item(value[position:], offset + position, offset + len(value))


def _lines(items: list[_Item]) -> list[list[_Item]]:
    """Split items into source lines (multi-line nodes such as templates stay whole)."""
    lines: list[list[_Item]] = [[]]
    for item in items:
        if item.node == "\n":
            lines.append([])
        else:
            lines[-1].append(item)
    return lines


def _line_kind(line: list[_Item]) -> str:
    """blank, list, table, comment, marker, meta (categories, magic words), template
    (a line of templates only, such as an infobox: a block of its own) or text."""
    nodes = [item.node for item in line if not (isinstance(item.node, str) and not item.node.strip())]
    if not nodes:
        return "blank"
    first = nodes[0]
    if isinstance(first, Tag) and first.wiki_markup in _LIST_MARKUP:
        return "list"
    if isinstance(first, Tag) and _tag_name(first) == "table" and len(nodes) == 1:
        return "table"
    comments = [n for n in nodes if isinstance(n, Comment)]
    if len(comments) == len(nodes):
        markers = all(_TRANSLATION_MARKER.match(n.contents.strip()) for n in comments)
        return "marker" if markers else "comment"
    if all(_is_meta(n) for n in nodes):
        return "meta"
    if all(_is_meta(n) or isinstance(n, TemplateNode) for n in nodes):
        return "template"
    return "text"


def _is_meta(node: Node | str) -> bool:
    """Nodes that render nothing on the page: comments, categories, magic words."""
    if isinstance(node, str):
        return not _BEHAVIOUR_SWITCH.sub("", node).strip()
    if isinstance(node, Comment):
        return True
    if isinstance(node, Wikilink):
        return _namespace(node) in _CATEGORY_NAMESPACES
    if isinstance(node, TemplateNode):
        return bool(_MAGIC_TEMPLATE.match(str(node.name)))
    return False


def _group_lines(lines: list[list[_Item]]) -> Iterator[tuple[str, list[list[_Item]]]]:
    """Group lines into blocks: (kind, lines) with kind paragraph/list/table/comment/template."""
    current: list[list[_Item]] = []
    current_kind = ""
    for line in lines:
        kind = _line_kind(line)
        block_kind = {
            "text": "paragraph",
            "list": "list",
            "table": "table",
            "comment": "comment",
            "template": "template",
        }.get(kind)
        if block_kind is None or block_kind != current_kind or block_kind == "table":
            if current:
                yield current_kind, current
            current, current_kind = [], ""
        if block_kind is not None:
            current.append(list(line))
            current_kind = block_kind
    if current:
        yield current_kind, current
