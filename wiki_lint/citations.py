"""References as data: the entries of a page's reference list, the identifiers they
carry (PMID, PMCID, DOI) and the year each was published.

Where references are found:

* the items of the references part (a References/Sources section: list items and
  paragraphs, one entry each; a ``{{Reflist|refs=...}}`` list inside it too);
* wikitext ``<ref>...</ref>`` elements anywhere in the page (``<ref name=x/>`` reuses
  are not new entries);
* Markdown footnote definitions ``[^1]: ...``.

Identifier syntax (checked by regular expressions, see ``docs/content-rules.md`` for
why not a library):

* **PMID**: a positive integer of 1 to 8 digits without a leading zero (PubMed's ids
  are sequential and passed 40 million in 2025);
* **PMCID**: ``PMC`` followed by 1 to 8 digits without a leading zero; a wikitext
  ``|pmc=`` parameter holds the digits alone, as Citation Style 1 requires;
* **DOI**: ``10.`` + a registrant code of 4 to 9 digits (optionally with ``.``-separated
  sub-codes), ``/``, and a non-empty suffix of printable characters (the DOI Handbook's
  syntax; Crossref's recommended pattern for the registrant code).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import overload

from wiki_lint.document import Block, Span
from wiki_lint.needles import lowered, matches_at_starts, starts_of
from wiki_lint.prefilter import Guarded, Lazy
from wiki_lint.prose import span_in
from wiki_lint.refmarkup import ref_matches

_REF_ELEMENT = Guarded(r"<ref\b(?P<attrs>[^<>]*?)(?:/>|>(?P<body>.*?)</ref\s*>)", re.DOTALL | re.IGNORECASE, needles=("<ref",))
_FOOTNOTE_DEF = Guarded(r"^\[\^[^\]\s]+\]:\s*(?P<body>.+)$", re.MULTILINE, needles=("[^",))
#: Every inline reference (``<ref>`` element, footnote definition) holds one of these.
INLINE_WORDS = ("<ref", "[^")
_LIST_ITEM = Lazy(r"^[ \t]*(?:[-*+•#]+|\d{1,3}[.)])[ \t]+(?P<body>.+)$", re.MULTILINE)
_REFLIST_ONLY = Lazy(
    r"^\s*(?:\{\{\s*(?:reflist|references|listaref|referencias|refbegin|refend)[^{}]*\}\}|<references\s*/?>|</references>)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference entry: its text, the block it is in, and its offsets there."""

    text: str
    block: Block
    start: int
    end: int
    fixed_span: Span | None = None  # where a reader recorded it, when not in a block

    @property
    def span(self) -> Span:
        return self.fixed_span or span_in(self.block, self.start, self.end)


def list_entries(block: Block) -> list[Reference]:
    """The reference entries of one block of a References section: each list item, or
    the whole paragraph; reflist templates and ``<references/>`` alone are no entry."""
    text = block.text
    if block.kind == "references" and not _REFLIST_ONLY.match(text):
        return _rendered_list_entries(block)
    items = list(_LIST_ITEM.finditer(text))
    if items:
        return [Reference(m.group("body"), block, m.start("body"), m.end("body")) for m in items]
    if _REFLIST_ONLY.match(text):
        return []
    stripped = text.strip()
    if not stripped:
        return []
    start = text.find(stripped)
    return [Reference(stripped, block, start, start + len(stripped))]


def _rendered_list_entries(block: Block) -> list[Reference]:
    """A rendered reference list (the HTML reader's ``references`` block): one entry per
    line, the list's numbers already gone."""
    out = []
    offset = 0
    for line in block.text.split("\n"):
        body = line.strip()
        if body:
            start = offset + line.index(body)
            out.append(Reference(body, block, start, start + len(body)))
        offset += len(line) + 1
    return out


def inline_entries(block: Block) -> list[Reference]:
    """Wikitext ``<ref>`` elements with content, and Markdown footnote definitions."""
    out = []
    for match in ref_matches(_REF_ELEMENT.pattern, block.text):
        body = match.group("body")
        if body is not None and body.strip():
            out.append(Reference(body, block, match.start("body"), match.end("body")))
    for match in _FOOTNOTE_DEF.finditer(block.text):
        out.append(Reference(match.group("body"), block, match.start("body"), match.end("body")))
    return out


def named_refs(text: str) -> tuple[set[str], list[tuple[str, int, int]]]:
    """Named ``<ref>`` elements: the names defined (with content) and every reuse
    ``<ref name=x/>`` as (name, start, end)."""
    defined: set[str] = set()
    uses: list[tuple[str, int, int]] = []
    for match in ref_matches(_REF_ELEMENT.pattern, text):
        name = _ref_name(match.group("attrs"))
        if name is None:
            continue
        if match.group("body") is not None and match.group("body").strip():
            defined.add(name)
        elif match.group("body") is None:
            uses.append((name, match.start(), match.end()))
    return defined, uses


_NAME_ATTR = Lazy(r"""\bname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s/>"']+))""", re.IGNORECASE)


def _ref_name(attrs: str) -> str | None:
    match = _NAME_ATTR.search(attrs or "")
    if not match:
        return None
    name = next(group for group in match.groups() if group is not None)
    return name.strip() or None


# --- identifiers -------------------------------------------------------------------

PMID_SYNTAX = Lazy(r"[1-9]\d{0,7}")
PMCID_SYNTAX = Lazy(r"PMC[1-9]\d{0,7}")
PMC_PARAM_SYNTAX = Lazy(r"[1-9]\d{0,7}")
DOI_SYNTAX = Lazy(r"10\.\d{4,9}(?:\.\d+)*/\S+")

_VALUE = r"[^\s|}\]<>\"]*"
#: Every identifier (label, parameter or link) holds one of these (folded).
IDENTIFIER_WORDS = ("pmid", "pmc", "doi", "ncbi")
_IDENTIFIER = Guarded(
    r"\|\s*(?P<param>pmid|pmc|doi)\s*=\s*(?P<pvalue>" + _VALUE + ")"
    r"|(?<![\w/.])(?P<label>PMID|PMCID|PMC|doi)(?:\s*:\s*|\s+)(?=\S)(?P<lvalue>" + _VALUE + ")"
    r"|(?P<url>pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/|ncbi\.nlm\.nih\.gov/pmc/articles/"
    r"|pmc\.ncbi\.nlm\.nih\.gov/articles/|doi\.org/)(?P<uvalue>" + _VALUE + ")",
    re.IGNORECASE,
    needles=IDENTIFIER_WORDS,
)


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier as written: its scheme, value, offsets in the block, and whether
    its syntax is valid."""

    scheme: str  # "pmid", "pmcid", "doi"
    value: str
    start: int
    end: int
    valid: bool
    expected: str


def identifiers(text: str) -> list[Identifier]:
    """Every PMID, PMCID and DOI written in ``text`` (labels, URLs, template parameters)."""
    out = []
    for match in identifier_matches(text):
        found = _identifier(match, 0)
        if found is not None:
            out.append(found)
    return out


def identifiers_of_lines(lines: list[str], *, invalid_only: bool = False) -> list[list[Identifier]]:
    """:func:`identifiers` of each of ``lines`` (texts without line breaks).  ASCII lines
    are searched together, joined by line breaks: no match can start at a line break
    nor see past one without holding it (a value stops at white space, a label's
    look-behind and look-ahead see a line break as they see the ends of a line), so
    when no match holds a line break the matches are those of each line; when one
    does, each line is searched alone.  With ``invalid_only``, only the identifiers
    whose syntax is not valid."""
    joined = "\n".join(lines)
    if not joined.isascii() or joined.count("\n") != len(lines) - 1 or not lines:
        return [_invalid(identifiers(line), invalid_only) for line in lines]
    matches = list(matches_at_starts(_IDENTIFIER.pattern, joined, starts_of(joined.lower(), _IDENTIFIER_STARTS)))
    if any("\n" in match.group(0) for match in matches):
        return [_invalid(identifiers(line), invalid_only) for line in lines]
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out: list[list[Identifier]] = [[] for _ in lines]
    for match in matches:
        index = bisect.bisect_right(starts, match.start()) - 1
        found = _identifier(match, starts[index], invalid_only)
        if found is not None:
            out[index].append(found)
    return out


def _invalid(found: list[Identifier], invalid_only: bool) -> list[Identifier]:
    return [ident for ident in found if not ident.valid] if invalid_only else found


def _identifier(match: re.Match[str], offset: int, invalid_only: bool = False) -> Identifier | None:
    """The identifier an ``_IDENTIFIER`` match holds (``None``: an empty parameter, or
    "doi" as an ordinary word, or a valid one when ``invalid_only``), its offsets less
    ``offset``."""
    group = "pvalue" if match.group("param") else ("lvalue" if match.group("label") else "uvalue")
    value = _trim(match.group(group))
    start = match.start(group) - offset
    if match.group("param"):
        param = match.group("param").lower()
        if not value:
            return None  # an empty template parameter is no identifier
        if param == "pmc":
            expected = "the PubMed Central number alone, e.g. pmc=1234567"
            return _check("pmcid", value, start, PMC_PARAM_SYNTAX, expected, invalid_only=invalid_only)
        return _check_scheme(param, value, start, invalid_only)
    if match.group("label"):
        label = match.group("label").lower()
        scheme = {"pmid": "pmid", "pmcid": "pmcid", "pmc": "pmcid", "doi": "doi"}[label]
        if scheme == "pmcid" and label == "pmc" and value.isdigit():
            value_for_check = "PMC" + value  # "PMC 1234567"
            return _check("pmcid", value_for_check, start, PMCID_SYNTAX, "", shown=value, invalid_only=invalid_only)
        if not value or (scheme == "doi" and not value[:1].isdecimal()):  # re.match(r"\d|10", value)
            return None  # "doi" as an ordinary word
        return _check_scheme(scheme, value, start, invalid_only)
    url = match.group("url").lower()
    if not value:
        return None
    scheme = "doi" if url.startswith("doi") else ("pmcid" if "pmc" in url else "pmid")
    return _check_scheme(scheme, value.rstrip("/"), start, invalid_only)


# Every identifier match starts with one of these (folded): a parameter's "|", a
# label, or a link's host.
_IDENTIFIER_STARTS = ("|", "pmid", "pmc", "doi", "pubmed", "ncbi")


def identifier_matches(text: str) -> Iterator[re.Match[str]]:
    """``_IDENTIFIER.finditer(text)``; on ASCII text the pattern is tried only where a
    match can start (see :func:`wiki_lint.needles.matches_at_starts`)."""
    if not text.isascii():
        return _IDENTIFIER.finditer(text)
    return matches_at_starts(_IDENTIFIER.pattern, text, starts_of(text.lower(), _IDENTIFIER_STARTS))


def _check_scheme(scheme: str, value: str, start: int, invalid_only: bool = False) -> Identifier | None:
    if scheme == "pmid":
        return _check("pmid", value, start, PMID_SYNTAX, "1 to 8 digits, e.g. PMID 25190079", invalid_only=invalid_only)
    if scheme == "pmcid":
        return _check("pmcid", value, start, PMCID_SYNTAX, "'PMC' and 1 to 8 digits, e.g. PMC4176007", invalid_only=invalid_only)
    return _check(
        "doi", value, start, DOI_SYNTAX, "'10.' + registrant code + '/' + suffix, e.g. 10.1101/cshperspect.a016295", invalid_only=invalid_only
    )


def _check(
    scheme: str, value: str, start: int, syntax: Lazy, expected: str, shown: str | None = None, *, invalid_only: bool = False
) -> Identifier | None:
    """The identifier, with whether its syntax is valid (``None`` for a valid one when
    ``invalid_only``: no object is made for what will not be reported)."""
    valid = syntax.fullmatch(value) is not None
    if valid and invalid_only:
        return None
    shown = value if shown is None else shown
    return Identifier(scheme, shown, start, start + len(shown), valid, expected or "'PMC' and 1 to 8 digits, e.g. PMC4176007")


def _trim(value: str) -> str:
    """An identifier without the sentence punctuation that follows it in prose."""
    value = value.rstrip(".,;:")
    while value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1].rstrip(".,;:")
    return value


# --- years -------------------------------------------------------------------------

_ACCESS = Guarded(
    r"\|\s*(?:access-?date|accessdate|fechaacceso|archive-?date|fechaarchivo|zugriff|consulté le)\s*=[^|}]*"
    r"|\b(?:retrieved|accessed|archived|consultado|abgerufen)\b(?:\s+(?:on|el|am|from|at))?\s*:?\s*[^.;|]*",
    re.IGNORECASE,
    needles=("access", "archive", "fechaacceso", "fechaarchivo", "zugriff", "consult", "retrieved", "abgerufen"),
)
_URL_OR_ID = Guarded(
    r"https?://\S+|\b10\.\d{4,9}/\S+|\b(?:PMID|PMCID|PMC|ISBN|ISSN)\s*:?\s*[\w-]+",
    re.IGNORECASE,
    needles=("http", "10.", "pmid", "pmc", "isbn", "issn"),
)
_DATE_PARAM = Guarded(r"\|\s*(?:date|year|fecha|año|datum|publication-date)\s*=\s*([^|}]*)", re.IGNORECASE, needles=("|",))
# A year 1800-2099 not inside a longer number, date or path: "(?<![\d/.-])" checked
# after the first digit, so the pattern starts with a digit and the engine skips to
# the next 1 or 2 (the same matches as the lookbehind first).
_YEAR = Lazy(r"(1(?<![\d/.-]1)[89]\d{2}|2(?<![\d/.-]2)0\d{2})(?![\d/])")


def publication_year(text: str, today: date) -> int | None:
    """The year a reference was published: its ``|date=``/``|year=`` parameter if it
    has one, else the first year-like number (1800..this year) outside URLs,
    identifiers and access dates; ``None`` when it states none."""
    return _publication_year(text, today, params=True, access=True)


def publication_years(texts: list[str], today: date) -> list[int | None]:
    """:func:`publication_year` of each of ``texts``; whether any of them has a
    template parameter or an access date is looked at once for all."""
    joined = "\n".join(texts)
    together = lowered(joined)
    params = "|" in together
    access = _ACCESS.may_match(together)
    if not (params or access) and joined.isascii() and joined.count("\n") == len(texts) - 1:
        years = _years_of_lines(joined, len(texts), today)
        if years is not None:
            return years
    return [_publication_year(text, today, params=params, access=access) for text in texts]


def _years_of_lines(joined: str, count: int, today: date) -> list[int | None] | None:
    """The first year outside URLs and identifiers of each of the ``count`` lines of
    ``joined`` (ASCII, no parameters, no access dates), all lines at once; ``None``
    when a URL or identifier match runs from one line into the next (looked at line by
    line, it would not)."""
    cleaned = _without_urls_and_ids(joined, single_lines=True)
    if cleaned is None:
        return None
    starts = [0]
    index = cleaned.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = cleaned.find("\n", index + 1)
    starts.append(len(cleaned) + 1)
    years: list[int | None] = [None] * count
    # as _year_matches, each line's runs of four digits in turn ("\n" ends a line as
    # the end of its text would), until the line has its year
    marked = b" " + cleaned.encode("ascii").translate(_DIGITS) + b" "
    match = _YEAR.match
    index = marked.find(b" 0000 ")
    while index >= 0:
        found = match(cleaned, index)
        if found is not None and 1800 <= (year := int(found.group(1))) <= today.year:
            line = bisect.bisect_right(starts, index) - 1
            years[line] = year
            index = marked.find(b" 0000 ", starts[line + 1])
        else:
            index = marked.find(b" 0000 ", index + 5)
    return years


def _publication_year(text: str, today: date, *, params: bool, access: bool) -> int | None:
    """:func:`publication_year`, told whether the text may have a ``|`` parameter and
    an access date (when not, they are not looked for)."""
    lower = lowered(text) if params or access else ""  # the needles here hold no white space
    if params:
        for match in _DATE_PARAM.finditer(text, lower):
            year = _first_year(match.group(1), today)
            if year is not None:
                return year
    cleaned = _without_urls_and_ids(_ACCESS.sub(" ", text, lower) if access else text)
    return _first_year(cleaned, today)


# Every URL or identifier match starts with one of these (folded).
_URL_OR_ID_STARTS = ("http", "10.", "pmid", "pmc", "isbn", "issn")


@overload
def _without_urls_and_ids(text: str) -> str: ...
@overload
def _without_urls_and_ids(text: str, *, single_lines: bool) -> str | None: ...


def _without_urls_and_ids(text: str, *, single_lines: bool = False) -> str | None:
    """``_URL_OR_ID.sub(" ", text)``; on ASCII text the pattern is tried only where a
    match can start (offsets in ``text.lower()``, which are those of ``text``).  With
    ``single_lines``, ``None`` when a match holds a line break."""
    if not text.isascii():
        return _URL_OR_ID.sub(" ", text)
    starts = starts_of(text.lower(), _URL_OR_ID_STARTS)
    if not starts:
        return text
    pieces = []
    position = 0
    for match in matches_at_starts(_URL_OR_ID.pattern, text, starts):
        if single_lines and "\n" in match.group(0):
            return None
        pieces.append(text[position : match.start()])
        pieces.append(" ")
        position = match.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _first_year(text: str, today: date) -> int | None:
    """The first match of ``_YEAR`` in ``text`` that is a year from 1800 to today's."""
    for match in _year_matches(text):
        year = int(match.group(1))
        if 1800 <= year <= today.year:
            return year
    return None


# Bytes: ASCII digits -> "0", everything else -> " ".
_DIGITS = bytes(ord("0") if chr(code) in "0123456789" else ord(" ") for code in range(256))


def _year_matches(text: str) -> Iterator[re.Match[str]]:
    """``_YEAR.finditer(text)``: on ASCII text the pattern is tried only where a run of
    exactly four digits starts (every match is one: no digit before it, none after)."""
    if not text.isascii():
        yield from _YEAR.finditer(text)
        return
    marked = b" " + text.encode("ascii").translate(_DIGITS) + b" "
    index = marked.find(b" 0000 ")  # the run starts at text[index]
    while index >= 0:
        match = _YEAR.match(text, index)
        if match is not None:
            yield match
        index = marked.find(b" 0000 ", index + 5)
