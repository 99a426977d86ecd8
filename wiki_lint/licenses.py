"""Content licenses: find license statements in a page and resolve them to SPDX ids.

Wiki pages name their license in prose ("Content is available under CC BY-SA 4.0",
"Creative Commons Attribution-ShareAlike 3.0 Unported License", "GNU Free Documentation
License, Version 1.3 or any later version") or as an SPDX expression in front matter
(``license: CC-BY-SA-4.0 OR GFDL-1.3-or-later``).  :func:`mentions` finds the licenses a
text names; each is turned into an SPDX license key and checked against the SPDX license
list with the ``license-expression`` library, which also parses and normalises front
matter expressions.  A mention with no version ("CC BY SA", "Creative Commons") resolves
to nothing: it is vague, and ``vague-license`` reports it.

Public domain has no SPDX id; it resolves to ``LicenseRef-public-domain`` (the SPDX
convention for a license outside the list), the status of US-government text such as
the National Library of Medicine's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from wiki_lint import spdx_keys
from wiki_lint.needles import WordGuarded, any_word_start, lowered

PUBLIC_DOMAIN = "LicenseRef-public-domain"

_SEP = r"[\s\-‐–]+"
_VERSION = r"(?:v(?:ersion)?\.?\s*)?(?P<version>[1-4]\.[05])\b"
_CC_SHORT = WordGuarded(
    rf"\bCC{_SEP}?(?P<kinds>BY(?:{_SEP}(?:SA|NC|ND)){{0,2}})(?![\w])(?:(?:{_SEP}|\s*,\s*|\s+license\s+){_VERSION})?",
    re.IGNORECASE,
    needles=("cc",),
)
_CC_LONG = WordGuarded(
    r"\bCreative\s+Commons\s+(?P<kinds>Attribution(?:[\s\-‐–]+(?:Share[\s\-‐–]?Alike|Non[\s\-‐–]?Commercial|No[\s\-‐–]?Deriv(?:ative)?s?)){0,2})"
    r"(?:\s+(?:International|Unported|Generic))?(?:\s+(?:Public\s+)?Licen[sc]e)?(?:,?\s+" + _VERSION + r")?",
    re.IGNORECASE,
    needles=("creative",),
)
_CC_BARE = WordGuarded(r"\bCreative\s+Commons\b(?!\s+(?:Attribution|Zero|CC0))", re.IGNORECASE, needles=("creative",))
_CC0 = WordGuarded(
    r"\b(?:CC0|CC[\s\-]?Zero|Creative\s+Commons\s+(?:Zero|CC0))(?:[\s\-]+(?:v(?:ersion)?\s*)?1\.0)?\b",
    re.IGNORECASE,
    needles=("cc", "creative"),
)
_GFDL = WordGuarded(
    r"\b(?:GFDL|GNU\s+Free\s+Documentation\s+Licen[sc]e)(?:(?:[\s\-,]+|\s+version\s+|,\s*version\s+)(?:v\.?\s*)?(?P<version>1\.[123]))?"
    r"(?P<later>\+|-or-later|\s+or\s+(?:any\s+)?later(?:\s+version)?)?(?P<only>-only)?",
    re.IGNORECASE,
    needles=("gfdl", "gnu"),
)
_PUBLIC_DOMAIN = WordGuarded(
    r"\bpublic[\s\-]domain\b|\bdominio\s+p[úu]blico\b|\bdomaine\s+public\b|\bgemeinfrei\b",
    re.IGNORECASE,
    needles=("public", "dominio", "domaine", "gemeinfrei"),
)
_SPDX_TOKEN = WordGuarded(
    r"\b(?:CC-BY(?:-NC)?(?:-SA|-ND)?-[1-4]\.[05]|CC0-1\.0|GFDL-1\.[123](?:-only|-or-later)?)\b", re.IGNORECASE, needles=("cc", "gfdl")
)

_KIND_WORDS = {"sa": "SA", "sharealike": "SA", "nc": "NC", "noncommercial": "NC", "nd": "ND", "noderivs": "ND", "noderivatives": "ND"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A license named in a text: the words, their offsets, and the SPDX key (``None``
    when the words name no specific license, e.g. no version)."""

    text: str
    start: int
    end: int
    spdx: str | None


def _library() -> Any:
    """The license-expression package (imported on first use: most pages name no license)."""
    import license_expression  # type: ignore[import-untyped,import-not-found,unused-ignore]

    return license_expression


@lru_cache(maxsize=1)
def licensing() -> Any:
    """The SPDX licensing (license list and expression parser) of license-expression."""
    return _library().get_spdx_licensing()


@lru_cache(maxsize=1024)
def spdx_key(candidate: str) -> str | None:
    """The canonical SPDX key of ``candidate`` (any case; ``GFDL-1.3+`` etc.), or None
    (answers are kept: pages name the same few licenses)."""
    known = spdx_keys.known(candidate)
    if known is not None:
        return known
    try:
        parsed = licensing().parse(candidate, validate=True, strict=True)
    except _library().ExpressionError:  # ExpressionParseError is one too
        return None
    return str(parsed) if parsed is not None else None


def parse_expression(value: str) -> list[str] | None:
    """The SPDX keys of an SPDX expression (``CC-BY-SA-4.0 OR GFDL-1.3-or-later``), or
    None if ``value`` is not a valid expression of known licenses."""
    if re.fullmatch(r"\s*public[\s\-]domain\s*", value, re.IGNORECASE):
        return [PUBLIC_DOMAIN]
    known = spdx_keys.known(value)
    if known is not None:
        return [known]
    try:
        parsed = licensing().parse(value, validate=True)
    except _library().ExpressionError:  # ExpressionParseError is one too
        return None
    if parsed is None:
        return None
    return sorted({str(symbol) for symbol in licensing().license_symbols(parsed)})


#: Words one of which starts every license mention (each pattern's needles).
LICENSE_WORDS = ("cc", "creative", "gfdl", "gnu", "public", "dominio", "domaine", "gemeinfrei")


def may_mention(lower: str) -> bool:
    """Whether a text whose folded form is ``lower`` may name a license (when not,
    :func:`mentions` finds none)."""
    return any_word_start(lower, LICENSE_WORDS)


def mentions(text: str, lower: str | None = None) -> list[Mention]:
    """Every license ``text`` names, in order; overlapping matches keep the longest.
    ``lower`` is ``needles.lowered(text)`` (or ``prefilter.fold(text)``) when the caller
    has it."""
    lower = lowered(text) if lower is None else lower
    if not may_mention(lower):
        return []
    return list(_mentions(text, lower))


@lru_cache(maxsize=512)
def _mentions(text: str, lower: str) -> tuple[Mention, ...]:
    """:func:`mentions` of a text that may name a license, kept per text: a site's
    license line is the same on every page."""
    found: list[Mention] = []
    for match in _SPDX_TOKEN.finditer(text, lower):
        found.append(Mention(match.group(0), match.start(), match.end(), spdx_key(match.group(0))))
    for pattern in (_CC_SHORT, _CC_LONG):
        for match in pattern.finditer(text, lower):
            found.append(Mention(match.group(0).strip(), match.start(), match.end(), _cc_key(match.group("kinds"), match.group("version"))))
    for match in _CC0.finditer(text, lower):
        found.append(Mention(match.group(0), match.start(), match.end(), "CC0-1.0"))
    for match in _GFDL.finditer(text, lower):
        found.append(Mention(match.group(0).strip(), match.start(), match.end(), _gfdl_key(match)))
    for match in _PUBLIC_DOMAIN.finditer(text, lower):
        found.append(Mention(match.group(0), match.start(), match.end(), PUBLIC_DOMAIN))
    for match in _CC_BARE.finditer(text, lower):
        found.append(Mention(match.group(0), match.start(), match.end(), None))
    return tuple(_longest(found))


def _longest(found: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer (or equally long, earlier-found resolved) one."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start), m.spdx is None))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            if mention.end - mention.start > kept[-1].end - kept[-1].start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def _cc_key(kinds: str, version: str | None) -> str | None:
    if not version:
        return None
    words = [w.lower() for w in re.split(r"[\s\-‐–]+", kinds)]
    words = [
        "".join(words[i : i + 2]) if words[i] in ("share", "non", "no") and i + 1 < len(words) else words[i] for i in range(len(words))
    ]
    parts = {_KIND_WORDS[w] for w in words if w in _KIND_WORDS}
    key = "CC-BY" + "".join(f"-{kind}" for kind in ("NC", "SA", "ND") if kind in parts) + f"-{version}"
    return spdx_key(key)


def _gfdl_key(match: re.Match[str]) -> str | None:
    version = match.group("version")
    if not version:
        return None
    suffix = "-or-later" if match.group("later") else "-only"
    return spdx_key(f"GFDL-{version}{suffix}")


def resolve(text: str) -> list[str]:
    """The SPDX keys a license text names, as a sorted list (empty: none specific).

    ``text`` may be an SPDX expression (front matter) or prose."""
    return list(_resolve(text))


@lru_cache(maxsize=1024)
def _resolve(text: str) -> tuple[str, ...]:
    """:func:`resolve`, kept per text (pages state the same few licenses)."""
    return tuple(_resolve_uncached(text))


def _resolve_uncached(text: str) -> list[str]:
    keys = parse_expression(text) if _looks_like_expression(text) else None
    if keys:
        return keys
    return sorted({m.spdx for m in mentions(text) if m.spdx})


def _looks_like_expression(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[\w.+\-]+(?:\s+(?:AND|OR|WITH|and|or|with)\s+[\w.+\-]+)*\s*", text))


def display(key: str) -> str:
    """How messages name a license: the SPDX key, public domain in words."""
    return "public domain" if key == PUBLIC_DOMAIN else key
