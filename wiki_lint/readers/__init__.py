"""Readers turn a Source into a Document; one module per input format.

The format is chosen by file extension unless the caller names one.  Reader modules
are imported only when a file of their format is read, so checking one Markdown file
never pays for the other parsers.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from wiki_lint.errors import UsageError

if TYPE_CHECKING:
    from wiki_lint.document import Document
    from wiki_lint.sources import Source

# format name -> (module, extensions)
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "markdown": ("wiki_lint.readers.markdown", (".md", ".markdown")),
    "plaintext": ("wiki_lint.readers.plaintext", (".txt",)),
    "wikitext": ("wiki_lint.readers.wikitext", (".wiki", ".wikitext", ".mediawiki")),
    "html": ("wiki_lint.readers.html", (".html", ".htm")),
}


def extensions() -> tuple[str, ...]:
    """Every file extension some reader handles (used when walking folders)."""
    return tuple(ext for _, exts in FORMATS.values() for ext in exts)


def format_for(path: str, override: str | None = None) -> str:
    """The format to read ``path`` as: ``override`` if given, else by extension."""
    if override:
        if override not in FORMATS:
            raise UsageError(f"unknown input format {override!r}; choose one of {', '.join(FORMATS)}")
        return override
    ext = os.path.splitext(path)[1].lower()
    for name, (_, exts) in FORMATS.items():
        if ext in exts:
            return name
    raise UsageError(f"{path}: cannot tell the format from the extension {ext or '(none)'!r}; use --input-format ({', '.join(FORMATS)})")


def read(source: Source, fmt: str) -> Document:
    """Read ``source`` as format ``fmt`` (a key of :data:`FORMATS`)."""
    module = importlib.import_module(FORMATS[fmt][0])
    reader: Callable[[Source], Document] = module.read
    return reader(source)
