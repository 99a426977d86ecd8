"""Fixes that add or replace content from the schema: all of them unsafe.

* a missing part that has an ``x-wiki-lint.template`` (the disclaimer, the credits,
  the license) is inserted from it, where the template says;
* a missing required part that has headings and no template gets an empty section,
  its canonical heading and a visible ``TODO`` line, at its canonical position: after
  the section of the nearest earlier part in schema order (right after the lead when
  that part is the lead), else before the nearest later one, else after the lead;
* a vague license is replaced by the configured default license (rule option
  ``default-license`` (or ``default_license``) of ``vague-license`` or ``missing-part``; default
  :data:`DEFAULT_LICENSE`).

They are unsafe because the editor must review what was added: the template is
generic, and the default license may not be the page's real license.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wiki_lint.document import Document, Span
from wiki_lint.edits import insert_block_after, insert_block_before, replace_span
from wiki_lint.extract import FoundPart
from wiki_lint.findings import Applicability, Edit, Fix
from wiki_lint.schema import PartSpec, PartTemplate

if TYPE_CHECKING:
    from wiki_lint.rules.base import Context

DEFAULT_LICENSE = "CC-BY-SA-4.0"
TODO_TEXT = "TODO: write this section."
_DEFAULT_SECTION_LEVEL = 2
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


def canonical_heading(spec: PartSpec, lang: str | None = None) -> str | None:
    """The heading a part's section should carry: the first heading the schema lists
    for the page's language, else its first heading (``None``: no headings)."""
    names = spec.heading_names(lang)
    return names[0] if names else None


def default_license(ctx: Context) -> str:
    """The configured default license (an SPDX identifier such as ``CC-BY-SA-4.0``)."""
    from wiki_lint.rules.legal import VagueLicense
    from wiki_lint.rules.structure import MissingPart

    for rule in (VagueLicense, MissingPart):
        value = ctx.option(rule, "default_license", None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return DEFAULT_LICENSE


# ---------------------------------------------------------------- missing parts


def missing_part_fix(ctx: Context, spec: PartSpec) -> Fix | None:
    """An unsafe fix inserting the missing part ``spec``, or ``None`` if there is none
    (never in a rendered HTML page: it is regenerated from its source, which is where
    the part belongs)."""
    if ctx.document.format == "html":
        return None
    if spec.template is not None:
        return _insert_template(ctx, spec, spec.template)
    heading = canonical_heading(spec, ctx.entry.lang)
    if heading is None or spec.lead:
        return None
    edit = _insert_section(ctx, spec, heading, TODO_TEXT)
    message = f"insert an empty '{heading}' section with a TODO line (write it)"
    return Fix(Applicability.UNSAFE, message, (edit,))


def _insert_template(ctx: Context, spec: PartSpec, template: PartTemplate) -> Fix | None:
    text = template.text.replace("{license}", default_license(ctx))
    if template.form == "section":
        heading = canonical_heading(spec, ctx.entry.lang) or spec.title
        edit = _insert_section(ctx, spec, heading, text, template)
        what = f"a '{heading}' section"
    else:
        if not spec.labels:
            return None
        block = f"{spec.labels[0]}: {text}"
        edit = _insert_label(ctx, block, template)
        what = f"'{spec.labels[0]}: ...'"
    return Fix(Applicability.UNSAFE, f"insert {what} from the schema's template (review it)", (edit,))


def _markdown(doc: Document) -> bool:
    """Whether blocks are separated by blank lines (Markdown, and wikitext alike)."""
    return doc.format != "plaintext"


def _insert_label(ctx: Context, block: str, template: PartTemplate) -> Edit:
    doc = ctx.document
    for name in template.after:
        last = _last_line(ctx, ctx.entry.found.get(name))
        if last is not None:
            return insert_block_after(doc.lines, last, block, _markdown(doc))
    for name in template.before:
        first = _first_line(ctx.entry.found.get(name))
        if first is not None:
            return insert_block_before(doc.lines, first, block, _markdown(doc))
    return insert_block_after(doc.lines, _fallback_line(doc, template.at), block, _markdown(doc))


def _insert_section(ctx: Context, spec: PartSpec, heading: str, text: str, template: PartTemplate | None = None) -> Edit:
    """Insert ``heading`` and ``text`` as a section at the part's canonical position."""
    doc = ctx.document
    after, before = _neighbours(ctx, spec, template)
    for name in after:
        found = ctx.entry.found.get(name)
        last = _last_line(ctx, found)
        if found is not None and found.section is not None and last is not None:
            block = _section_text(doc, heading, text, found.section.heading.level)
            return insert_block_after(doc.lines, last, block, _markdown(doc))
        if found is not None and found.via == "lead" and doc.sections:  # right after the lead
            block = _section_text(doc, heading, text, doc.sections[0].heading.level)
            return insert_block_before(doc.lines, doc.sections[0].heading.span.line, block, _markdown(doc))
    for name in before:
        found = ctx.entry.found.get(name)
        if found is not None and found.section is not None:
            block = _section_text(doc, heading, text, found.section.heading.level)
            return insert_block_before(doc.lines, found.section.heading.span.line, block, _markdown(doc))
    at = template.at if template else "start"
    level = doc.sections[0].heading.level if doc.sections else _DEFAULT_SECTION_LEVEL
    block = _section_text(doc, heading, text, level)
    if at == "start" and doc.sections:
        return insert_block_before(doc.lines, doc.sections[0].heading.span.line, block, _markdown(doc))
    return insert_block_after(doc.lines, _fallback_line(doc, at), block, _markdown(doc))


def _neighbours(ctx: Context, spec: PartSpec, template: PartTemplate | None) -> tuple[list[str], list[str]]:
    """Parts to insert after (nearest first) and before (nearest first)."""
    if template is not None and (template.after or template.before):
        return list(template.after), list(template.before)
    names = list(ctx.schema.parts)
    index = names.index(spec.name) if spec.name in names else len(names)
    return list(reversed(names[:index])), names[index + 1 :]


def _section_text(doc: Document, heading: str, text: str, level: int) -> str:
    if doc.format == "wikitext":
        marks = "=" * max(1, min(level, 6))
        return f"{marks} {heading} {marks}\n{text}"
    if _markdown(doc):
        return f"{'#' * max(1, min(level, 6))} {heading}\n\n{text}"
    return f"{heading}\n{text}"


def _last_line(ctx: Context, found: FoundPart | None) -> int | None:
    """The last line of a found part on the page (with its subsections), or ``None``
    when it is not written in the body."""
    if found is None or found.via == "front matter":
        return None
    doc = ctx.document
    if found.section is not None:
        index = next(i for i, s in enumerate(doc.sections) if s is found.section)
        last = found.section.span.end_line
        for section in doc.sections[index + 1 :]:
            if section.heading.level <= found.section.heading.level:
                break
            last = max(last, section.span.end_line)
        return last
    if found.blocks:
        return max(block.span.end_line for block in found.blocks)
    return found.span.end_line


def _first_line(found: FoundPart | None) -> int | None:
    if found is None or found.via == "front matter":
        return None
    if found.section is not None:
        return found.section.heading.span.line
    if found.blocks:
        return min(block.span.line for block in found.blocks)
    return found.span.line


def _fallback_line(doc: Document, at: str) -> int:
    """The line to insert after: the lead's end (``start``) or the last content line."""
    if at == "start" and doc.sections:
        return max(doc.sections[0].heading.span.line - 1, 0)
    content_end = [block.span.end_line for block in doc.blocks()]
    content_end += [section.heading.span.end_line for section in doc.sections]
    if doc.title_span is not None:
        content_end.append(doc.title_span.end_line)
    last = max(content_end) if content_end else len(doc.lines)
    if _markdown(doc) and last < len(doc.lines) and _SETEXT_UNDERLINE.match(doc.lines[last]):
        last += 1  # the title is a setext heading: its underline belongs to it
    return last


# ---------------------------------------------------------------- vague license


def vague_license_fix(ctx: Context, part: str) -> Fix | None:
    """Replace the vague license statement with the configured default license."""
    found = ctx.entry.found.get(part)
    if found is None or ctx.document.format == "html" or found.via in ("metadata", "template", "category"):
        return None
    span = _license_value_span(ctx.document, found)
    if span is None:
        return None
    license_id = default_license(ctx)
    message = f"replace the license with {license_id} (the configured default; check it is the page's license)"
    return Fix(Applicability.UNSAFE, message, (replace_span(span, license_id),))


def _license_value_span(doc: Document, found: FoundPart) -> Span | None:
    """Where the license's own words are: never the key, label or heading around them."""
    if found.via == "front matter":
        line = doc.lines[found.span.line - 1]
        match = re.match(r"^(\s*[\"']?[\w-]+[\"']?\s*:[ \t]*)(\S.*?)\s*$", line)
        if match is None or match.group(2)[0] in "|>[{&*!#":
            return None
        return Span(found.span.line, match.start(2) + 1, found.span.line, match.end(2) + 1)
    if found.via == "heading":
        if len(found.blocks) != 1 or found.blocks[0].kind != "paragraph":
            return None
        return found.blocks[0].span
    if found.via == "label" and found.blocks:
        return found.blocks[0].body_span()
    return found.value_span
