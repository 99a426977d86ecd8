"""``wiki-lint convert``: turn a plain-text export into a Markdown page.

The Markdown page has:

* YAML front matter with the ``title`` (the export's first line) and a level-1 heading;
* the lead paragraphs, then every section under a ``##`` heading, edit markers removed;
* each labelled paragraph that holds a schema part (``Medical Disclaimer: ...``,
  ``Credits: ...``, ``License: ...``) as a section of its own under the part's
  canonical heading (``## Disclaimer``, ``## Credits``), its text without the label;
* no site chrome (translation lists, navigation, footers): it is not content.

Paragraphs whose first character would be Markdown syntax (``#``, ``>``, ``-``, ``1.``
...) are escaped with a backslash, so the text reads the same.  Lines keep their order:
a paragraph that followed a labelled part stays after it, so it ends up in that part's
section.  The page is written beside the export (``page.txt`` -> ``page.md``) or to
``--output``, in UTF-8 with the export's line ending; an existing file is never
overwritten (exit 2).
"""

from __future__ import annotations

import os
import re
from typing import TextIO

import yaml

from wiki_lint import readers
from wiki_lint.atomic import WriteError, create_file
from wiki_lint.document import Block, Document
from wiki_lint.errors import InputError, SchemaError, UsageError
from wiki_lint.extract import Entry, extract
from wiki_lint.schema import EntrySchema, PartSpec, load_schema, normalize_name
from wiki_lint.sources import read_source
from wiki_lint.templates import canonical_heading

EXIT_OK, EXIT_ERROR = 0, 2
_BULLET = re.compile(r"^[•·▪◦]\s+")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(\s|$)")
_MARKDOWN_START = set("#>+-*=|<`~_[!")


def to_markdown(
    doc: Document, schema: EntrySchema, lang: str | None = None, fallback_title: str = ""
) -> str:
    """The Markdown page for ``doc`` (lines joined with ``\\n``, ending in one)."""
    entry = extract(doc, schema, lang)
    title = doc.title or fallback_title
    out: list[str] = []
    if title:
        front = yaml.safe_dump(
            {"title": title}, allow_unicode=True, sort_keys=False, width=10_000
        ).strip()
        out += ["---", front, "---", "", f"# {_escape_inline_heading(title)}", ""]
    for block in doc.lead:
        out += _block(block, schema, entry, lang)
    for section in doc.sections:
        level = min(max(section.heading.level, 2), 6)
        out += [f"{'#' * level} {_escape_inline_heading(section.heading.text)}", ""]
        for block in section.blocks:
            out += _block(block, schema, entry, lang)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _block(block: Block, schema: EntrySchema, entry: Entry, lang: str | None) -> list[str]:
    spec = _labelled_part(block, schema) if entry.is_claimed(block) else None
    if spec is not None:
        heading = canonical_heading(spec, lang) or spec.title
        return [f"## {heading}", "", _escape(block.body), ""]
    if block.kind == "list":
        return ["\n".join(_BULLET.sub("- ", line) for line in block.text.split("\n")), ""]
    return [_escape(block.text), ""]


def _labelled_part(block: Block, schema: EntrySchema) -> PartSpec | None:
    if block.label is None:
        return None
    label = normalize_name(block.label)
    for spec in schema.parts.values():
        if spec.headings and any(normalize_name(name) == label for name in spec.labels):
            return spec
    return None


def _escape(text: str) -> str:
    """Escape each line's first character when Markdown would read it as syntax."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        ordered = _ORDERED.match(line)
        if ordered:
            line = f"{ordered.group(1)}\\{line[len(ordered.group(1)) :]}"
        elif line[:1] in _MARKDOWN_START:
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def _escape_inline_heading(text: str) -> str:
    """A heading's text with a trailing run of ``#`` escaped (it would close the heading)."""
    return re.sub(r"(\s)(#+)$", lambda m: m.group(1) + "\\" + m.group(2), text.strip())


def target_for(path: str) -> str:
    """``page.txt`` -> ``page.md`` (beside it)."""
    return os.path.splitext(path)[0] + ".md"


def convert_file(path: str, output: str | None, schema: EntrySchema, lang: str | None) -> str:
    """Convert one export; returns the path written.  Raises InputError, UsageError or
    WriteError."""
    if readers.format_for(path) != "plaintext":
        raise UsageError(f"{path}: only plain-text exports (.txt) can be converted")
    source = read_source(path)
    doc = readers.read(source, "plaintext")
    stem = os.path.splitext(os.path.basename(path))[0]
    markdown = to_markdown(doc, schema, lang, fallback_title=stem)
    target = output or target_for(path)
    create_file(target, markdown.replace("\n", source.newline).encode("utf-8"))
    return target


def run(
    paths: list[str],
    output: str | None,
    schema_name: str | None,
    lang: str | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """The ``convert`` command: convert every path, report each, exit 0 or 2."""
    if output and len(paths) > 1:
        print("wiki-lint: error: --output takes one input file", file=err)
        return EXIT_ERROR
    try:
        schema = load_schema(schema_name)
    except SchemaError as exc:
        print(f"wiki-lint: error: schema {exc}", file=err)
        return EXIT_ERROR
    status = EXIT_OK
    for path in paths:
        try:
            target = convert_file(path, output, schema, lang)
        except (InputError, UsageError, WriteError) as exc:
            print(f"wiki-lint: error: {exc}", file=err)
            status = EXIT_ERROR
            continue
        print(f"{path} -> {target}", file=out)
    return status
