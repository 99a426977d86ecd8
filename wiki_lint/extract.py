"""Extract an entry's parts from a Document, as the schema's parts define them.

The result is an :class:`Entry`: a JSON-able dict of part name -> text (what JSON Schema
validates) plus, for each part found, where it stands in the source (so every schema
error gets a file:line:col).  A part is looked for, in this order, in front matter
keys, section headings, labelled paragraphs, templates (wikitext), categories, page
metadata (an HTML footer's license line), the lead paragraph, and finally inside
another part's text (``within``: a license named in the credits line).  The first place
that holds it wins.

Labelled paragraphs that belong to a part ("Medical Disclaimer: ...") are *claimed*:
they are not content of the section they happen to follow, so a "See also" heading
followed only by the disclaimer paragraph is an empty section.  Template blocks that
are a part (``{{Medical disclaimer}}``) are claimed the same way.

The page's language is, first, the one the caller gives (``--lang``), then front
matter ``lang``, then what the page says about itself (HTML ``<html lang>``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wiki_lint.document import Block, Document, Section, Span, template_key
from wiki_lint.schema import EntrySchema, PartSpec, normalize_name

_NON_CONTENT = frozenset({"comment"})
_NO_SPAN: Any = object()  # a key without a recorded span (file_start() made only then)


@dataclass(slots=True)
class FoundPart:
    """Where one part was found: its text, the span that holds it, and how."""

    name: str
    value: str
    span: Span
    value_span: Span
    via: str
    section: Section | None = None
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Entry:
    """The Document seen through a schema."""

    title: str | None
    lang: str | None
    found: dict[str, FoundPart] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)

    def data(self) -> dict[str, Any]:
        """What JSON Schema validates: the title and each found part's text."""
        data: dict[str, Any] = {name: part.value for name, part in self.found.items()}
        if self.title is not None:
            data.setdefault("title", self.title)
        return data

    def is_claimed(self, block: Block) -> bool:
        return id(block) in self.claimed


class _Names:
    """A part's names as pages are compared with them (for one language), computed
    once per schema and language instead of once per page."""

    __slots__ = ("headings", "labels", "templates", "categories")

    def __init__(self, headings: frozenset[str], labels: frozenset[str], templates: frozenset[str], categories: frozenset[str]) -> None:
        self.headings, self.labels, self.templates, self.categories = headings, labels, templates, categories


class _SchemaNames:
    """Every part's :class:`_Names`, and all their labels (labelled blocks that are claimed)."""

    __slots__ = ("parts", "labels", "heading_owners")

    def __init__(self, parts: dict[str, _Names]) -> None:
        self.parts = parts
        self.labels = frozenset(label for names in parts.values() for label in names.labels)
        owners: dict[str, list[str]] = {}
        for part, names in parts.items():
            for heading in names.headings:
                owners.setdefault(heading, []).append(part)
        self.heading_owners = {heading: tuple(owner) for heading, owner in owners.items()}  # heading -> parts it names


def _schema_names(schema: EntrySchema, lang: str | None) -> _SchemaNames:
    key = ("extract-names", lang)
    cached = schema.memo.get(key)
    if cached is None:
        parts = {
            name: _Names(
                frozenset(normalize_name(heading) for heading in spec.heading_names(lang)),
                frozenset(normalize_name(label) for label in spec.labels),
                frozenset(template_names(spec.templates)),
                frozenset(template_names(spec.categories)),
            )
            for name, spec in schema.parts.items()
        }
        cached = schema.remember(key, _SchemaNames(parts))
    return cached  # type: ignore[no-any-return]


class _Page:
    """What every part's search reads from the page, computed once: each section's
    heading keys (and the first section of each part), and the labelled blocks."""

    __slots__ = ("doc", "names", "_heading_keys", "_part_sections", "_labelled")

    def __init__(self, doc: Document, names: _SchemaNames) -> None:
        self.doc = doc
        self.names = names
        self._heading_keys: list[set[str]] | None = None
        self._part_sections: dict[str, int] | None = None
        self._labelled: list[tuple[str, Block]] | None = None

    def heading_keys(self, title: str | None) -> list[set[str]]:
        if self._heading_keys is None:
            self._heading_keys = [_heading_key(section.heading.text, title) for section in self.doc.sections]
        return self._heading_keys

    def first_section(self, part: str, title: str | None) -> int | None:
        """The index of the first section whose heading keys hold one of the part's
        heading names (found for every part in one pass over the sections)."""
        if self._part_sections is None:
            owners = self.names.heading_owners
            first: dict[str, int] = {}
            for index, keys in enumerate(self.heading_keys(title)):
                for key in keys:
                    for owner in owners.get(key, ()):
                        first.setdefault(owner, index)
            self._part_sections = first
        return self._part_sections.get(part)

    def labelled(self) -> list[tuple[str, Block]]:
        """Every labelled block in source order, with its label normalised."""
        if self._labelled is None:
            self._labelled = [(normalize_name(b.label), b) for b in self.doc.blocks() if b.label is not None]
        return self._labelled


def extract(doc: Document, schema: EntrySchema, lang: str | None = None) -> Entry:
    """Find every part of ``schema`` in ``doc``."""
    lang = lang or _front_matter_lang(doc) or (doc.lang.strip().lower() if doc.lang and doc.lang.strip() else None)
    entry = Entry(title=doc.title, lang=lang)
    page = _Page(doc, _schema_names(schema, lang))
    _claim_labelled_blocks(page, entry)
    _claim_template_blocks(page, schema, entry)
    for spec in schema.parts.values():
        found = _find(page, spec, entry)
        if found is not None:
            entry.found[spec.name] = found
    for spec in schema.parts.values():
        if spec.name not in entry.found and spec.within:
            found = _from_within(page, schema, spec, entry)
            if found is not None:
                entry.found[spec.name] = found
    return entry


def _find(page: _Page, spec: PartSpec, entry: Entry) -> FoundPart | None:
    """The first place that holds the part: front matter, a heading, a label, a
    template, a category, page metadata, the lead (places the part does not name, or
    the page does not have, are not searched)."""
    doc, names = page.doc, page.names.parts[spec.name]
    found = None
    if spec.front_matter and doc.front_matter:
        found = _from_front_matter(doc, spec)
    if found is None and names.headings and doc.sections:
        found = _from_heading(page, spec, entry)
    if found is None and names.labels:
        found = _from_label(page, spec)
    if found is None and names.templates and doc.templates:
        found = _from_template(page, spec)
    if found is None and names.categories and doc.categories:
        found = _from_category(page, spec)
    if found is None and spec.metadata:
        found = _from_metadata(doc, spec)
    if found is None and spec.lead:
        found = _from_lead(doc, spec, entry)
    return found


def section_content(doc: Document, index: int, entry: Entry) -> list[Block]:
    """The content blocks of section ``index`` and its subsections (claimed blocks,
    comments and chrome excluded)."""
    sections = doc.sections
    level = sections[index].heading.level
    blocks = list(sections[index].blocks)
    for following in range(index + 1, len(sections)):  # no slice: that copy made this quadratic
        if sections[following].heading.level <= level:
            break
        blocks.extend(sections[following].blocks)
    return [b for b in blocks if b.kind not in _NON_CONTENT and not entry.is_claimed(b)]


def has_subsections(doc: Document, index: int) -> bool:
    """Whether the section at ``index`` is followed by deeper-level headings."""
    following = doc.sections[index + 1] if index + 1 < len(doc.sections) else None
    return following is not None and following.heading.level > doc.sections[index].heading.level


def _front_matter_lang(doc: Document) -> str | None:
    lang = (doc.front_matter or {}).get("lang")
    return lang.strip().lower() if isinstance(lang, str) and lang.strip() else None


def _claim_labelled_blocks(page: _Page, entry: Entry) -> None:
    labels = page.names.labels
    for label, block in page.labelled():
        if label in labels:
            entry.claimed.add(id(block))


def template_names(names: tuple[str, ...] | list[str]) -> set[str]:
    """Template or category names as MediaWiki compares them, case-folded for safety."""
    return {template_key(name).casefold() for name in names if name.strip()}


def _claim_template_blocks(page: _Page, schema: EntrySchema, entry: Entry) -> None:
    """Template blocks holding a part's template are that part, not content of the
    section they stand in; except in the part's own section (``== References ==``
    then ``{{Reflist}}``), where the template is the section's content."""
    doc = page.doc
    if not doc.templates:
        return
    for spec in schema.parts.values():
        names = page.names.parts[spec.name]
        wanted = names.templates
        if not wanted:
            continue
        starts = [(t.span.line, t.span.column) for t in doc.templates if t.key.casefold() in wanted]
        if not starts:
            continue
        own_headings = names.headings
        keys = page.heading_keys(entry.title)
        places: list[tuple[int | None, list[Block]]] = [(None, doc.lead)]
        places += [(index, section.blocks) for index, section in enumerate(doc.sections)]
        for index, blocks in places:
            if index is not None and keys[index] & own_headings:
                continue
            for block in blocks:
                if block.kind == "template" and any(_inside(point, block.span) for point in starts):
                    entry.claimed.add(id(block))


def _inside(point: tuple[int, int], span: Span) -> bool:
    return (span.line, span.column) <= point < (span.end_line, span.end_column)


def _from_template(page: _Page, spec: PartSpec) -> FoundPart | None:
    doc = page.doc
    wanted = page.names.parts[spec.name].templates
    if not wanted or not doc.templates:
        return None
    for template in doc.templates:
        if template.key.casefold() in wanted:
            text = " ".join(p.value for p in template.params if p.value) or template.name
            blocks = [b for b in doc.blocks() if b.kind == "template" and _inside((template.span.line, template.span.column), b.span)]
            return FoundPart(spec.name, text, template.span, template.span, "template", blocks=blocks)
    return None


def _from_category(page: _Page, spec: PartSpec) -> FoundPart | None:
    wanted = page.names.parts[spec.name].categories
    if not wanted:
        return None
    for category in page.doc.categories:
        if template_key(category.name).casefold() in wanted:
            return FoundPart(spec.name, category.name, category.span, category.span, "category")
    return None


def _from_metadata(doc: Document, spec: PartSpec) -> FoundPart | None:
    for key in spec.metadata:
        value = doc.metadata.get(key)
        if value is None or value == "" or value == []:
            continue
        span = doc.metadata_spans.get(key, _NO_SPAN)
        if span is _NO_SPAN:
            span = doc.file_start()
        return FoundPart(spec.name, _as_text(value), span, span, "metadata")
    return None


def _from_front_matter(doc: Document, spec: PartSpec) -> FoundPart | None:
    if not doc.front_matter:
        return None
    for key in spec.front_matter:
        if key in doc.front_matter:
            value = doc.front_matter[key]
            span = doc.front_matter_spans.get(key, _NO_SPAN)
            if span is _NO_SPAN:
                span = doc.file_start()
            line_end = Span.of_line(doc.lines, span.line)
            return FoundPart(spec.name, _as_text(value), span, Span(span.line, span.column, span.line, line_end.end_column), "front matter")
    return None


def _as_text(value: Any) -> str:
    """Front matter values as text: lists joined with commas, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value if v is not None)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_as_text(v)}" for k, v in value.items())
    return str(value).strip()


def _from_heading(page: _Page, spec: PartSpec, entry: Entry) -> FoundPart | None:
    if not page.names.parts[spec.name].headings or not page.doc.sections:
        return None
    index = page.first_section(spec.name, entry.title)
    if index is None:
        return None
    doc = page.doc
    section = doc.sections[index]
    blocks = section_content(doc, index, entry)
    text = "\n\n".join(block.text for block in blocks)
    heading = section.heading
    value_span = blocks[0].span.cover(blocks[-1].span) if blocks else heading.span
    return FoundPart(spec.name, text, heading.span, value_span, "heading", section=section, blocks=blocks)


def _heading_key(heading: str, title: str | None) -> set[str]:
    """A heading as compared with the schema's names: normalised, and also without a
    trailing "of/for/about <page title>" (wikis that build headings from templates
    write "Mechanism of action of Insulin", "Side effects of Insulin")."""
    key = normalize_name(heading)
    keys = {key}
    subject = normalize_name(title) if title else ""
    if subject:
        for joiner in (" of ", " for ", " about ", " in "):
            suffix = joiner + subject
            if key.endswith(suffix) and len(key) > len(suffix):
                keys.add(normalize_name(key[: -len(suffix)]))
    return keys


def _from_label(page: _Page, spec: PartSpec) -> FoundPart | None:
    labels = page.names.parts[spec.name].labels
    if not labels:
        return None
    for label, block in page.labelled():
        if label in labels:
            return FoundPart(spec.name, block.body, block.span, block.body_span(), "label", blocks=[block])
    return None


def _from_lead(doc: Document, spec: PartSpec, entry: Entry) -> FoundPart | None:
    if not spec.lead:
        return None
    for block in doc.lead:
        if block.kind == "paragraph" and not entry.is_claimed(block):
            return FoundPart(spec.name, block.text, block.span, block.span, "lead", blocks=[block])
    return None


def _from_within(page: _Page, schema: EntrySchema, spec: PartSpec, entry: Entry) -> FoundPart | None:
    for within in spec.within:
        for host_name in within.parts:
            for block in _host_blocks(page, schema, host_name, entry):
                match = within.pattern.search(block.text)
                if match is None:
                    continue
                start, end = match.span("value")
                line, column = block.position(start)
                end_line, end_column = block.position(end)
                span = Span(line, column, end_line, end_column)
                return FoundPart(spec.name, match.group("value").strip(), span, span, f"within {host_name}", blocks=[block])
    return None


def _host_blocks(page: _Page, schema: EntrySchema, host_name: str, entry: Entry) -> list[Block]:
    """The blocks where part ``host_name`` is written on the page: those it was found in,
    and its section or labelled paragraph even when front matter supplied its value."""
    blocks: list[Block] = []
    host = entry.found.get(host_name)
    if host is not None:
        blocks.extend(host.blocks)
    spec = schema.parts.get(host_name)
    if spec is not None and (host is None or host.via == "front matter"):
        for written in (_from_heading(page, spec, entry), _from_label(page, spec)):
            for block in written.blocks if written else ():
                if all(block is not seen for seen in blocks):
                    blocks.append(block)
    return blocks
