"""Wikitext ``<ref>`` elements found in linear time.

A pattern such as ``<ref\\b[^<>]*>.*?</ref\\s*>`` costs a read to the end of the text for
every ``<ref>`` that is never closed, so a page of thousands of unclosed citations
takes quadratic time.  :func:`ref_matches` gives exactly the matches of
``pattern.finditer(text)`` for such a pattern, without that read: the paired form can
only match before the end of the last ``</ref>``, and after it only self-closing
``<ref ... />`` can.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
_SELF_CLOSING = re.compile(r"<ref\b[^<>]*/>", re.IGNORECASE)


def ref_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a ``<ref>`` pattern whose alternatives are a
    self-closing ``<ref\\b[^<>]*/>`` and a paired ``<ref\\b[^<>]*>...</ref\\s*>``."""
    end = 0
    for close in _CLOSE.finditer(text):
        end = close.end()
    yield from pattern.finditer(text, 0, end)
    for candidate in _SELF_CLOSING.finditer(text, end):
        match = pattern.match(text, candidate.start())
        if match is not None:
            yield match


def sub_refs(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str) -> str:
    """``pattern.sub(replace, text)`` with the matches of :func:`ref_matches`."""
    parts: list[str] = []
    position = 0
    for match in ref_matches(pattern, text):
        parts.append(text[position : match.start()])
        parts.append(replace(match))
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)
