"""The article's prose, seen by the content rules: which blocks are article text,
sentences with their offsets, citation markers, and spans of words inside a block.

Content rules (claims, citations, language) read only *article text*: the lead and the
sections, without the boilerplate parts (disclaimer, credits, license), without the
appendix sections (References, See also, External links, ...), without code and
comments, and without site chrome (which readers keep apart already).  Positions are
offsets into ``Block.text`` (the source text of the block, markup included), turned
into spans with :func:`span_in`, so a finding points at the offending words.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wiki_lint.document import Block, Section, Span
from wiki_lint.needles import matches_at_starts, starts_of
from wiki_lint.prefilter import Guarded, fold
from wiki_lint.refmarkup import sub_refs
from wiki_lint.schema import normalize_name

if TYPE_CHECKING:
    from wiki_lint.rules.base import Context

#: Parts whose sections and labelled paragraphs are not article text.
BOILERPLATE_PARTS = ("disclaimer", "credits", "license", "references", "see_also")

#: Appendix headings that are never article text, whatever the schema says.
APPENDIX_HEADINGS = frozenset(
    normalize_name(name)
    for name in (
        "See also",
        "Notes",
        "References",
        "Further reading",
        "External links",
        "Bibliography",
        "Sources",
        "Source",
        "Citations",
        "Footnotes",
        "Notes and references",
        "Contents",
    )
)

_PROSE_KINDS = frozenset({"paragraph", "list", "quote"})

#: Every kind of block that holds article text (prose, tables, templates): the blocks
#: behind :func:`page_folded`.
TEXT_KINDS = frozenset({"paragraph", "list", "quote", "table", "template"})

# One citation marker: [1] [1,2] [1-3]; Markdown footnote [^1]; wikitext <ref ...> or
# <ref name=x/>; short-citation templates {{sfn|...}} {{harvnb|...}} {{r|...}};
# author-year "(Smith, 2019)", "(Smith et al. 2019; Jones 2020)", "(Smith & Jones, 2019)".
CITATION_MARKER = re.compile(
    r"""
    \[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]
  | \[\^[^\]\s]+\]
  | <ref\b[^>]*>
  | \{\{\s*(?:sfn|sfnp|harvnb|harv|harvp|r|rp|refn|efn)\s*\|
  | \((?:see\s+|e\.g\.,?\s+)?[A-Z][\w'’-]+(?:\s+(?:et\s+al\.?|and\s+[A-Z][\w'’-]+|&\s+[A-Z][\w'’-]+))?,?\s+(?:19|20)\d{2}[a-z]?(?:[;,][^()]{0,120})?\)
    """,
    re.VERBOSE,
)

# Spans of wikitext references (<ref>...</ref>, <ref .../>) treated as one unit when
# splitting sentences: their content is a citation, not part of the sentence.
_REF_ELEMENT = re.compile(r"<ref\b[^<>]*/>|<ref\b[^<>]*>.*?</ref\s*>", re.DOTALL | re.IGNORECASE)
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "et",
        "al",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "vs",
        "approx",
        "fig",
        "no",
        "vol",
        "ca",
        "cf",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "resp",
        "incl",
        "max",
        "min",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Passage:
    """One block of article text and the section it stands in (``None``: the lead)."""

    block: Block
    section: Section | None


def article_passages(ctx: Context, kinds: frozenset[str] = _PROSE_KINDS) -> list[Passage]:
    """The article's prose blocks (paragraphs, lists, quotes by default) in source order.

    Several rules ask for the same page in a row, so the last page's answers are kept
    (one page only, by identity of its Context)."""
    key = ("passages", kinds)
    cached = _cached(ctx, key)
    if cached is None:
        cached = _store(ctx, key, list(_article_passages(ctx, kinds)))
    return cached  # type: ignore[no-any-return]


_CACHE = threading.local()  # per thread: the last Context and its computed values


def _values(ctx: Context) -> dict[object, Any]:
    if getattr(_CACHE, "ctx", None) is not ctx:
        _CACHE.ctx, _CACHE.values = ctx, {}
    values: dict[object, Any] = _CACHE.values
    return values


def _cached(ctx: Context, key: object) -> Any:
    return _values(ctx).get(key)


def _store(ctx: Context, key: object, value: Any) -> Any:
    _values(ctx)[key] = value
    return value


def memoized(ctx: Context, key: object, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per page (Context) and ``key``."""
    value = _cached(ctx, key)
    return value if value is not None else _store(ctx, key, compute())


def article_folded(ctx: Context, kinds: frozenset[str] = _PROSE_KINDS) -> str:
    """The article's prose blocks joined and folded (:func:`wiki_lint.prefilter.fold`),
    once per page: a rule whose guarded pattern finds no needle in it has nothing to
    look for on this page."""
    return memoized(  # type: ignore[no-any-return]
        ctx, ("folded", kinds), lambda: fold("\n".join(p.block.text for p in article_passages(ctx, kinds)))
    )


def page_folded(ctx: Context) -> str:
    """:func:`article_folded` of every block of article text (:data:`TEXT_KINDS`), once
    per page: the text of any subset of those blocks, folded, is in it (each block's
    folded text stands in it whole), so a needle or gate it lacks is in none of them.
    Rules that only ask "can anything match on this page?" share this one text (and
    so one needle scan, :class:`wiki_lint.prefilter.NeedleIndex`)."""
    return article_folded(ctx, TEXT_KINDS)


def page_may_match(ctx: Context, guarded: Guarded) -> bool:
    """``guarded.may_match(page_folded(ctx))``, or true where that is: an ASCII page is
    asked in its lowercased text (:meth:`wiki_lint.prefilter.Guarded.may_match_lowered`),
    which costs less than folding it."""
    lowered = memoized(ctx, "page-lowered", lambda: "\n".join(p.block.text for p in article_passages(ctx, TEXT_KINDS)).lower())
    if lowered.isascii():
        return guarded.may_match_lowered(lowered)  # type: ignore[no-any-return]
    return guarded.may_match(page_folded(ctx))  # type: ignore[no-any-return]


# (schema id, lang) -> (schema, headings that are not article text), computed once.
_EXCLUDED: dict[tuple[int, str | None], tuple[Any, frozenset[str]]] = {}


def _excluded_headings(schema: Any, lang: str | None) -> frozenset[str]:
    """The normalized appendix and boilerplate headings of ``schema`` in ``lang``."""
    cached = _EXCLUDED.get((id(schema), lang))
    if cached is not None and cached[0] is schema:
        return cached[1]
    excluded = set(APPENDIX_HEADINGS)
    for part in BOILERPLATE_PARTS:
        spec = schema.parts.get(part)
        if spec is not None:
            excluded.update(normalize_name(name) for name in spec.heading_names(lang))
    _EXCLUDED[(id(schema), lang)] = (schema, frozenset(excluded))
    return frozenset(excluded)


def _article_passages(ctx: Context, kinds: frozenset[str]) -> Iterator[Passage]:
    doc, entry = ctx.document, ctx.entry
    excluded_headings = _excluded_headings(ctx.schema, entry.lang)
    for block in doc.lead:
        if block.kind in kinds and not entry.is_claimed(block):
            yield Passage(block, None)
    skip_below: int | None = None
    for section in doc.sections:
        level = section.heading.level
        if skip_below is not None and level > skip_below:
            continue
        skip_below = None
        if normalize_name(section.heading.text) in excluded_headings:
            skip_below = level
            continue
        for block in section.blocks:
            if block.kind in kinds and not entry.is_claimed(block):
                yield Passage(block, section)


def span_in(block: Block, start: int, end: int) -> Span:
    """The span of ``block.text[start:end]``."""
    line, column = block.position(start)
    end_line, end_column = block.position(end)
    return Span(line, column, end_line, end_column)


def mask_references(text: str) -> str:
    """``text`` with every wikitext ``<ref>...</ref>`` replaced by ``#`` of equal length
    (newlines kept), so offsets stay valid and reference content cannot end a sentence."""

    def blank(match: re.Match[str]) -> str:
        return "".join("\n" if ch == "\n" else "#" for ch in match.group(0))

    return sub_refs(_REF_ELEMENT, blank, text)  # linear even with thousands of unclosed <ref>


def sentences(text: str, *, each_line: bool = False) -> list[tuple[int, int]]:
    """Sentence boundaries in ``text`` as (start, end) offsets.

    A sentence ends at ``.``, ``!`` or ``?`` followed by white space (after any closing
    quotes, brackets and citation markers, which stay with the sentence they close), or
    at a line break that starts a list item or a blank line (at every line break when
    ``each_line``: the items of a list whose markers the reader removed).
    Abbreviations (e.g., et al., Dr.), initials and decimal numbers do not end sentences.
    """
    return sentences_of_masked(text, mask_references(text), each_line=each_line)


# Where a sentence may end: the loop below looks only at these characters.
_CANDIDATE_END = re.compile(r"[.!?\n]")


def sentences_of_masked(text: str, masked: str, *, each_line: bool = False) -> list[tuple[int, int]]:
    """:func:`sentences` of ``text`` whose references are already masked (``masked``
    is ``mask_references(text)``)."""
    out: list[tuple[int, int]] = []
    start = 0
    resume = 0  # a sentence ended here: candidates before it are inside its closers
    n = len(masked)
    for candidate in _CANDIDATE_END.finditer(masked):
        i = candidate.start()
        if i < resume:
            continue
        if masked[i] == "\n":
            if each_line or i + 1 >= n or masked[i + 1] == "\n" or _list_item_at(masked, i + 1):
                _add(out, text, start, i)
                start = i + 1
        elif not _abbreviation_before(masked, i):
            end = _after_closers(masked, i + 1)
            if end >= n or masked[end] in " \t\n":
                _add(out, text, start, end)
                start = resume = end
    _add(out, text, start, n)
    return out


_LIST_START = re.compile(r"[ \t]*(?:[-*+•·#]+|\d{1,3}[.)])[ \t]")
_CLOSERS = re.compile(r"(?:[\"'”’)\]»]|\#+|" + CITATION_MARKER.pattern + r")*", re.VERBOSE)


def _list_item_at(text: str, index: int) -> bool:
    return bool(_LIST_START.match(text, index))


def _after_closers(text: str, index: int) -> int:
    match = _CLOSERS.match(text, index)
    return match.end() if match else index


_TOKEN_BEFORE = re.compile(r"([\w.]+)$")


def _abbreviation_before(text: str, index: int) -> bool:
    if text[index] != ".":
        return False
    if index + 1 < len(text) and text[index + 1].isdigit():
        return True  # 2.25
    token = _word_before(text, index).lower()
    if not token:
        return False
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha() and text[index - 1].isupper())


def _word_before(text: str, index: int) -> str:
    r"""The run of word characters and dots that ends ``text[:index]`` (or ends just
    before its final line break): what ``re.search(r"([\w.]+)$", text[:index])``
    finds, scanning back from ``index`` instead of forward through the whole text."""
    end = index - 1 if index > 0 and text[index - 1] == "\n" else index
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    return text[start:end]


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def words(text: str) -> list[re.Match[str]]:
    """The words of ``text`` (letters first; numbers and markup are not words)."""
    return list(_WORD.finditer(strip_markup_keep_offsets(text)))


def word_count(text: str) -> int:
    """``len(words(text))``, computed without match objects: on ASCII text, markup is
    looked for only where it can start and the words are counted by translation (each
    run of word characters, apostrophes and hyphens holding a letter is one word)."""
    if not text.isascii():
        return len(_WORD.findall(strip_markup_keep_offsets(text)))
    lower = text.lower()
    spans = (_reference_spans(text) if "<ref" in lower else []) + (_template_spans(text) if "{{" in text else [])
    if spans:
        text = _blank(text, spans)
        lower = text.lower()
    pieces = []
    position = 0
    for match in matches_at_starts(_MARKUP, text, starts_of(lower, _MARKUP_STARTS)):
        pieces.append(text[position : match.start()])
        position = match.end()
    pieces.append(text[position:])
    letters = " ".join(pieces).encode("ascii").translate(_LETTERS, _WORD_CONTINUATIONS)
    return letters.count(b" a") + letters.startswith(b"a")


# Every markup match starts with one of these (folded).
_MARKUP_STARTS = ("<", "[", "]", "''", "http")
# Bytes: ASCII letters (which start a word) -> "a", the rest -> " "; the other
# characters that continue a word (digits, "_", "'", "-") are deleted first, so each
# word is one run of "a".
_LETTERS = bytes(ord("a") if chr(code).isascii() and chr(code).isalpha() else ord(" ") for code in range(256))
_WORD_CONTINUATIONS = b"0123456789_'-"


def has_citation(text: str) -> bool:
    """Whether ``text`` carries a citation marker."""
    return bool(CITATION_MARKER.search(text))


# Markup blanked out of prose.  Every alternative is bounded or stops at the next
# bracket, so one pass costs time linear in the text even on hostile input (a line of
# 100,000 "[" made the former unbounded ``[^\]|]*`` quadratic).  References and
# templates, which may be long or nested, are found by the scanners below.
_MARKUP = re.compile(
    r"<[^<>\n]{1,500}>|\[\[(?:[^\[\]|\n]{0,300}\|)?|\]\]|'{2,}|https?://\S+|\[\^[^\[\]\n]{1,100}\]|\[\d[^\[\]\n]{0,100}\]",
    re.IGNORECASE,
)
_REF_OPEN = re.compile(r"<ref\b[^<>]{0,500}?(/?)>", re.IGNORECASE)
_REF_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
_TEMPLATE_BRACES = re.compile(r"\{\{|\}\}")


def strip_markup_keep_offsets(text: str) -> str:
    """``text`` with markup (tags, references, templates, link brackets, URLs, bold
    quotes, citation markers) replaced by spaces of equal length, so offsets still
    point into the original.  Linear in the length of ``text``."""
    text = _blank(text, _reference_spans(text) + _template_spans(text))
    return _MARKUP.sub(lambda m: _spaces(m.group(0)), text)


def _spaces(text: str) -> str:
    """``text`` with every character but line breaks made a space."""
    return re.sub(r"[^\n]", " ", text)


def _reference_spans(text: str) -> list[tuple[int, int]]:
    """``<ref .../>`` and ``<ref ...>...</ref>`` elements (an unclosed ``<ref>`` is
    left to the tag pattern).  Each opening finds its closing by bisection."""
    closes = [(m.start(), m.end()) for m in _REF_CLOSE.finditer(text)]
    spans: list[tuple[int, int]] = []
    done = 0
    for opening in _REF_OPEN.finditer(text):
        if opening.start() < done:
            continue
        if opening.group(1):  # <ref name="x"/>
            spans.append((opening.start(), opening.end()))
            done = opening.end()
            continue
        index = bisect.bisect_left(closes, (opening.end(), -1))
        if index < len(closes):
            spans.append((opening.start(), closes[index][1]))
            done = closes[index][1]
    return spans


def _template_spans(text: str) -> list[tuple[int, int]]:
    """Every ``{{...}}`` with balanced nesting (unclosed openings are left as text)."""
    openings: list[int] = []
    spans: list[tuple[int, int]] = []
    for brace in _TEMPLATE_BRACES.finditer(text):
        if brace.group(0) == "{{":
            openings.append(brace.start())
        elif openings:
            spans.append((openings.pop(), brace.end()))
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the union of ``spans`` made spaces (line breaks kept)."""
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for span_start, end in sorted(spans):
        start = max(span_start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(_spaces(text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def plain_text(text: str) -> str:
    """``text`` without markup, white space collapsed (for language detection)."""
    return re.sub(r"\s+", " ", strip_markup_keep_offsets(text)).strip()


# --- citations a reader recorded apart from the text ------------------------------------
#
# The Markdown and plain-text readers keep a block's text verbatim, so citation markers
# ([1], <ref>, [^1]) are in it.  Readers that give the readable text instead (wikitext,
# rendered HTML) leave citations out of the text and may record them on the document
# (``Document.refs``: objects with ``kind`` "defined"/"reused" and a source ``span``).
# These helpers count both, so a rule asks "is this passage cited?" once.


def reader_citation_starts(ctx: Context) -> list[tuple[int, int]]:
    """Source positions (line, column) of the citations the reader recorded inside the
    article text, sorted (empty when the reader records none)."""

    def compute() -> list[tuple[int, int]]:
        refs = getattr(ctx.document, "refs", None) or []
        starts = sorted(
            (ref.span.line, ref.span.column)
            for ref in refs
            if getattr(ref, "kind", None) in ("defined", "reused") and getattr(ref, "span", None) is not None
        )
        ranges = sorted(_source_range(p.block) for p in article_passages(ctx))
        return [start for start in starts if any(lo <= start < hi for lo, hi in ranges)]

    return memoized(ctx, "reader-citations", compute)  # type: ignore[no-any-return]


def _source_range(block: Block) -> tuple[tuple[int, int], tuple[int, int]]:
    return (block.span.line, block.span.column), (block.span.end_line, block.span.end_column + 1)


def reader_citations_between(ctx: Context, start: tuple[int, int], end: tuple[int, int]) -> int:
    """How many reader-recorded citations start at or after ``start`` and before ``end``."""
    starts = reader_citation_starts(ctx)
    return bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)


def citations_in_block(ctx: Context, block: Block) -> int:
    """Citation markers of a block: in its text, and those the reader recorded in it."""
    lo, hi = _source_range(block)
    return len(CITATION_MARKER.findall(block.text)) + reader_citations_between(ctx, lo, hi)


def sentence_cited(ctx: Context, block: Block, start: int, end: int, next_start: int | None) -> bool:
    """Whether the sentence ``block.text[start:end]`` carries a citation: a marker in its
    text, or a reader-recorded citation between its start and the next sentence's start
    (the end of the block for the last one), where a citation after the full stop stands."""
    if CITATION_MARKER.search(block.text[start:end]):
        return True
    if not reader_citation_starts(ctx):
        return False
    lo = block.position(start)
    hi = block.position(next_start) if next_start is not None else _source_range(block)[1]
    return reader_citations_between(ctx, lo, hi) > 0


def citation_markers_unknown(ctx: Context) -> bool:
    """Whether the page's inline citations cannot be seen: the reader recorded a
    reference list (``Document.refs``) but no citation inside the article text, and the
    text has no marker either, as when a rendered-HTML reader drops the ``[1]``
    superscripts.  Rules that judge whether claims are cited then stay silent rather
    than report every claim."""

    def compute() -> bool:
        if not (getattr(ctx.document, "refs", None) or []) or reader_citation_starts(ctx):
            return False
        return not any(CITATION_MARKER.search(p.block.text) for p in article_passages(ctx))

    return bool(memoized(ctx, "markers-unknown", compute))
