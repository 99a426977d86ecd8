"""The format-neutral Document every reader produces and every rule reads.

A reader turns one source text (Markdown, plain-text export, wikitext, HTML) into a
:class:`Document`: the title, front matter, the lead blocks before the first heading,
the sections, the site chrome it recognised, and the raw lines.  Every position is
1-based; an end column points just past the last character (SARIF's convention), so a
span of one whole line ``L`` of length ``n`` is ``Span(L, 1, L, n + 1)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A region of the source: 1-based lines and columns, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of_line(cls, lines: list[str], line: int) -> Span:
        """The whole of 1-based ``line`` (an empty line spans one column)."""
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return cls(line, 1, line, len(text) + 1)

    @classmethod
    def of_lines(cls, lines: list[str], first: int, last: int) -> Span:
        """From the start of ``first`` to the end of ``last`` (both 1-based)."""
        text = lines[last - 1] if 0 < last <= len(lines) else ""
        return cls(first, 1, last, len(text) + 1)

    def cover(self, other: Span) -> Span:
        """The smallest span holding both spans."""
        start = min((self.line, self.column), (other.line, other.column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])


@dataclass(slots=True)
class Marker:
    """An artifact inside a line, such as an ``[edit]`` link glued to a heading."""

    text: str
    span: Span


@dataclass(slots=True)
class Block:
    """One block of body content.

    ``kind`` is ``paragraph``, ``list``, ``code``, ``table``, ``quote``, ``template`` or
    ``html``.  ``label`` is set on a labelled paragraph ("Credits: ...") and ``body`` then
    holds the text after the label; otherwise ``body`` equals ``text``.
    """

    kind: str
    text: str
    span: Span
    label: str | None = None
    body: str = ""
    label_glued: bool = False
    locate: Callable[[int], tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.body and self.label is None:
            self.body = self.text

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of character ``offset`` of ``text``.

        Readers keep a block's lines verbatim after the first line's indentation, so
        the first line counts from the block's column and later lines from column 1.
        Readers whose ``text`` is not the source verbatim (wikitext and HTML give the
        readable text without markup) set ``locate``, which maps an offset of ``text``
        to its place in the source.
        """
        offset = max(0, min(offset, len(self.text)))
        if self.locate is not None:
            return self.locate(offset)
        before = self.text[:offset]
        newlines = before.count("\n")
        if newlines == 0:
            return self.span.line, self.span.column + offset
        return self.span.line + newlines, offset - before.rfind("\n")

    def body_span(self) -> Span:
        """The span of ``body`` (the text after a label; the whole block otherwise)."""
        start = self.text.find(self.body) if self.body else -1
        if start < 0:
            return self.span
        line, column = self.position(start)
        end_line, end_column = self.position(start + len(self.body))
        return Span(line, column, end_line, end_column)


@dataclass(slots=True)
class Heading:
    """A heading: ``text`` is clean (artifacts stripped), ``raw`` is as written."""

    text: str
    raw: str
    level: int
    span: Span
    text_span: Span
    markers: list[Marker] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A heading and the blocks up to the next heading of any level."""

    heading: Heading
    blocks: list[Block] = field(default_factory=list)

    @property
    def span(self) -> Span:
        span = self.heading.span
        for block in self.blocks:
            span = span.cover(block.span)
        return span


@dataclass(slots=True)
class Chrome:
    """Site chrome a reader recognised: navigation, translation lists, footers.

    ``in_content`` is false for the furniture of a rendered page that stands where it
    belongs (an HTML page's header, sidebar, table of contents, footer): it is kept
    for rules that inspect it, but it is not chrome glued into the entry's text.
    """

    kind: str
    text: str
    span: Span
    in_content: bool = True


@dataclass(slots=True)
class TemplateParam:
    """One parameter of a wikitext template: its name (``1``, ``2`` ... when unnamed),
    its value as written (stripped), and the span of the value."""

    name: str
    value: str
    span: Span


@dataclass(slots=True)
class Template:
    """A template used on the page (``{{Infobox drug|...}}``, ``{{Reflist}}``).

    ``name`` is as written (stripped, comments removed); ``key`` is the name as
    MediaWiki compares it: underscores as spaces, white space collapsed, first letter
    upper-case (see :func:`template_key`).  HTML pages record the templates whose
    rendering they recognise (a navbox, a stub notice) with their CSS class as name.
    """

    name: str
    key: str
    span: Span
    params: list[TemplateParam] = field(default_factory=list)

    def param(self, name: str) -> TemplateParam | None:
        """The parameter called ``name`` (compared stripped and case-insensitively)."""
        wanted = name.strip().casefold()
        for param in self.params:
            if param.name.strip().casefold() == wanted:
                return param
        return None


def template_key(name: str) -> str:
    """A template or category name as MediaWiki compares it: underscores are spaces,
    white space is collapsed, a ``Template:`` prefix is dropped, and the first letter
    is upper-case (``{{medical_disclaimer}}`` is ``Medical disclaimer``)."""
    text = " ".join(name.replace("_", " ").split())
    if text[:9].casefold() == "template:":
        text = text[9:].lstrip()
    return text[:1].upper() + text[1:]


@dataclass(slots=True)
class Reference:
    """A citation: ``<ref>...</ref>`` (``defined``), ``<ref name=x />`` (``reused``).

    HTML pages record the rendered reference list's entries as ``defined``.
    """

    name: str | None
    kind: str
    text: str
    span: Span


@dataclass(slots=True)
class Category:
    """A category the page is in (``[[Category:Drugs]]``, or an HTML ``#catlinks`` entry)."""

    name: str
    span: Span


@dataclass(slots=True)
class ReaderProblem:
    """Something the reader could not make sense of, reported as a finding.

    ``rule`` names the rule (e.g. ``front-matter-invalid``) so the check step turns it
    into a finding with that rule's code and severity.
    """

    rule: str
    message: str
    span: Span
    hint: str | None = None


@dataclass(slots=True)
class Document:
    """One page, read: the same shape whatever format it came from.

    ``templates``, ``refs`` and ``categories`` are filled by the wikitext and HTML
    readers; ``lang`` is the language the page declares about itself (HTML
    ``<html lang>``, a wikitext file named ``page.es.wiki``), used when neither the
    caller nor front matter names one.
    """

    path: str
    format: str
    lines: list[str]
    title: str | None = None
    title_span: Span | None = None
    front_matter: dict[str, Any] | None = None
    front_matter_spans: dict[str, Span] = field(default_factory=dict)
    lead: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    chrome: list[Chrome] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    metadata_spans: dict[str, Span] = field(default_factory=dict)
    problems: list[ReaderProblem] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    lang: str | None = None
    # (line, column) of each U+FFFD that decoding put in place of undecodable bytes
    # (``--encoding-errors replace``); ``invalid-encoding`` reports them, once
    replaced_characters: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    def blocks(self) -> list[Block]:
        """Every body block in source order: the lead, then each section's blocks."""
        out = list(self.lead)
        for section in self.sections:
            out.extend(section.blocks)
        return out

    def file_start(self) -> Span:
        """Where file-level findings point: the first line."""
        return Span.of_line(self.lines, 1) if self.lines else Span(1, 1, 1, 1)
