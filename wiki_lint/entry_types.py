"""Which schema checks a page: entry types (protein, disease, drug) and how a page's
type is found.

The built-in type schemas declare, in their schema-level ``x-wiki-lint`` annotation,
their ``entry_type``, the other ``type_names`` that select them (``gene`` selects
``protein``), and how a page of the type is recognised (``detect``: regular expressions
for the lead's first sentence, infobox template names).  The choice, first match wins:

1. an explicit schema (``--schema`` / ``Settings.schema``);
2. an explicit type (``--type`` / ``Settings.entry_type``);
3. the page's front matter ``type`` (or ``entry_type``), when it names a known type;
4. detection: an infobox template whose name a type lists, then the lead's first
   sentence ("... is a protein that in humans is encoded by ...", "... is a
   medication used to treat ...", "... is a disease ...");
5. the default schema (the base medical entry).

This module only chooses; loading and checking the schema is :mod:`wiki_lint.schema`'s.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from wiki_lint.document import Document
from wiki_lint.errors import UsageError
from wiki_lint.prefilter import Lazy
from wiki_lint.schema import ANNOTATION, DEFAULT_SCHEMA, builtin_dir, builtin_names, normalize_name

# compiled on first use: a page whose front matter names its type never needs them
_SENTENCE_END = Lazy(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])|\n\s*\n")
_INFOBOX = Lazy(r"^\s*\{\{\s*([^|}\n]+?)\s*(?:\||\}\}|\n|$)")
_MARKUP = Lazy(r"'{2,}|\*\*|__|\[\[(?:[^\[\]|\n]{0,300}\|)?|\]\]|<[^>]{0,200}>")  # bounded: linear on bracket bombs


@dataclass(frozen=True, slots=True)
class EntryType:
    """A built-in entry type: its schema file, the names that select it, its detectors."""

    name: str
    schema: str
    names: frozenset[str]
    lead: tuple[Lazy, ...]  # patterns for the lead's first sentence, compiled on first use
    infoboxes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Choice:
    """The schema chosen for a page, and why (for messages and ``--show-type``-like output)."""

    schema: str | None
    entry_type: str | None
    reason: str


@lru_cache(maxsize=1)
def entry_types() -> tuple[EntryType, ...]:
    """The entry types the built-in schemas declare (the base schema declares none)."""
    types = []
    for file_name in builtin_names():
        document = json.loads((builtin_dir() / file_name).read_text(encoding="utf-8"))
        annotation = document.get(ANNOTATION, {}) if isinstance(document, dict) else {}
        name = annotation.get("entry_type")
        if not name or file_name == DEFAULT_SCHEMA:
            continue
        detect = annotation.get("detect", {})
        types.append(
            EntryType(
                name=name,
                schema=file_name,
                names=frozenset(normalize_name(n) for n in [name, *annotation.get("type_names", [])]),
                lead=tuple(Lazy(pattern, re.IGNORECASE) for pattern in detect.get("lead", [])),
                infoboxes=frozenset(normalize_name(n) for n in detect.get("infobox", [])),
            )
        )
    return tuple(types)


def type_named(name: str) -> EntryType | None:
    """The entry type a front matter ``type`` or ``--type`` value names, if any."""
    wanted = normalize_name(name)
    return next((t for t in entry_types() if wanted in t.names), None)


def check_type_name(name: str | None) -> None:
    """Raise UsageError for a ``--type`` value that names no entry type."""
    if name and type_named(name) is None:
        known = ", ".join(sorted(t.name for t in entry_types()))
        raise UsageError(f"unknown entry type {name!r}; choose one of {known}")


def choose_schema(doc: Document, schema: str | None = None, entry_type: str | None = None) -> Choice:
    """The schema for ``doc``: explicit schema, explicit type, front matter, detection, default."""
    if schema:
        return Choice(schema, None, "--schema")
    if entry_type:
        check_type_name(entry_type)
        chosen = type_named(entry_type)
        assert chosen is not None
        return Choice(chosen.schema, chosen.name, "--type")
    declared = front_matter_type(doc)
    if declared is not None:
        return Choice(declared.schema, declared.name, "front matter 'type'")
    detected = detect_type(doc)
    if detected is not None:
        entry, reason = detected
        return Choice(entry.schema, entry.name, reason)
    return Choice(None, None, "default")


def front_matter_type(doc: Document) -> EntryType | None:
    """The type front matter ``type`` (or ``entry_type``) names, if it names a known one."""
    for key in ("type", "entry_type"):
        value = (doc.front_matter or {}).get(key)
        if isinstance(value, str) and value.strip():
            found = type_named(value)
            if found is not None:
                return found
    return None


def detect_type(doc: Document) -> tuple[EntryType, str] | None:
    """The type a page shows by its infobox or the first sentence of its lead."""
    for box in infobox_names(doc):
        for entry in entry_types():
            if normalize_name(box) in entry.infoboxes:
                return entry, f"infobox '{box}'"
    sentence = first_sentence(doc)
    best: tuple[int, EntryType] | None = None
    for entry in entry_types():
        for pattern in entry.lead:
            match = pattern.search(sentence)
            # "is a cancer drug": the head noun comes last, so the match ending last wins
            if match and (best is None or match.end() > best[0]):
                best = (match.end(), entry)
    return (best[1], "lead sentence") if best else None


def infobox_names(doc: Document) -> list[str]:
    """Template names on the page that may mark its type: the templates a reader
    recorded (``Document.templates``, from the wikitext and HTML readers), template
    blocks (``{{Infobox drug | ...}}``) and ``metadata['infobox']``."""
    names: list[str] = [str(getattr(t, "key", None) or getattr(t, "name", "")) for t in getattr(doc, "templates", None) or ()]
    for block in doc.blocks():
        if block.kind == "template":
            match = _INFOBOX.match(block.text)
            if match:
                names.append(match.group(1).replace("_", " "))
    for key in ("infobox", "infoboxes", "templates"):
        value = doc.metadata.get(key)
        if isinstance(value, str):
            names.append(value)
        elif isinstance(value, (list, tuple)):
            names.extend(str(v) for v in value if isinstance(v, str))
    return names


def first_sentence(doc: Document) -> str:
    """The first sentence of the lead's first paragraph, markup stripped."""
    for block in doc.lead:
        if block.kind == "paragraph" and block.label is None:
            text = _MARKUP.sub("", block.text)
            sentence: str = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
            return sentence
    return ""
