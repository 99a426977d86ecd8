"""When a page was last reviewed or edited: the dates a page states about itself.

Places, in the order they are looked at:

* front matter ``last_reviewed``, ``reviewed``, ``last_updated``, ``updated``,
  ``last_modified``, ``modified``, ``lastmod``, ``date`` (YAML dates or strings);
* ``Document.metadata`` from a reader (``last_edited``, ``last_modified``, ``updated``,
  ``date``), e.g. an HTML footer's "last edited on" date;
* statements in the text or site chrome: "This page was last edited on 5 May 2023, at
  01:51.", "Reviewed August 2015", "Last Revision: 2019-04-02", "Last updated: May 3,
  2021", "Page last reviewed: 12 March 2024", "reviewed by X (medical editor),
  September 2025", and the Spanish, French and German forms of "last edited/updated".

Only dates the page states *about itself* count: a year in a sentence ("first described
in 1998") is not a review date.  Dates are parsed with the standard library from the
forms above (ISO, "5 May 2023", "May 5, 2023", "August 2015"); month names in English,
Spanish, French, German and Portuguese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from wiki_lint.document import Block, Document, Span
from wiki_lint.needles import FoldedTexts, WordGuarded, page_texts, words_starting
from wiki_lint.prefilter import Lazy

FRONT_MATTER_KEYS = ("last_reviewed", "reviewed", "last_updated", "updated", "last_modified", "modified", "lastmod", "last_edited", "date")
METADATA_KEYS = ("last_edited", "last_modified", "updated", "last_reviewed", "date")

_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
        )
    },
    **{m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)},
    "sept": 9,
    **{
        m: i
        for i, m in enumerate(
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"], 1
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"], 1
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"], 1
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"], 1
        )
    },
}
_MONTH = "(?:" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_DATE = (
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_MONTH}\s+(?:de\s+)?\d{{4}}"
    r"|\d{4}(?![\d-])(?=\s*(?:[.,;:)]|$)))"
)
# Each statement pattern with the words every match of it starts (in the folded text,
# see wiki_lint.needles): a block holding none of a pattern's words is not searched
# with it, and a page holding none of any is not searched at all.
_STATEMENTS: tuple[WordGuarded, ...] = tuple(
    WordGuarded(pattern + _DATE, re.IGNORECASE, needles=needles)
    for pattern, needles in (
        (
            r"\b(?:this\s+page\s+was\s+|page\s+)?last\s+(?:edited|modified|updated|reviewed|revised|changed)(?:\s+(?:on|at))?\s*:?\s*(?:the\s+)?",
            ("last",),
        ),
        (r"\blast\s+(?:revision|review|update|edit|modification|reviewed\s+date)\s*(?:on|date)?\s*:?\s*", ("last",)),
        (
            r"(?:^|(?<=[.;|•·]\s)|(?<=\n))\s*(?:medically\s+)?(?:reviewed|updated|revised|modified)(?:\s+on)?\s*:?\s*",
            ("reviewed", "updated", "revised", "modified"),
        ),
        (r"\b(?:date\s+(?:of\s+)?(?:last\s+)?(?:review|revision|update)|review\s+date)\s*:?\s*", ("date",)),
        (r"\breviewed\s+by\s+(?:[^.\n]|(?<=\b[A-Z])\.){1,80}?,\s*(?:on\s+)?", ("reviewed",)),
        (
            r"\b(?:esta\s+p[áa]gina\s+se\s+edit[óo]\s+por\s+[úu]ltima\s+vez\s+el|[úu]ltima\s+(?:revisi[óo]n|actualizaci[óo]n|modificaci[óo]n|edici[óo]n))\s*:?\s*(?:el\s+)?",
            ("ultima", "última"),
        ),
        (
            r"\b(?:la\s+derni[èe]re\s+modification\s+de\s+cette\s+page\s+a\s+[ée]t[ée]\s+faite\s+le|derni[èe]re\s+(?:mise\s+[àa]\s+jour|modification|r[ée]vision))\s*:?\s*(?:le\s+)?",
            ("derni",),
        ),
        (
            r"\b(?:diese\s+seite\s+wurde\s+zuletzt\s+am|zuletzt\s+(?:bearbeitet|aktualisiert|ge[äa]ndert|gepr[üu]ft)(?:\s+am)?|stand)\s*:?\s*",
            ("zuletzt", "stand"),
        ),
        (
            r"\b(?:esta\s+p[áa]gina\s+foi\s+editada\s+pela\s+[úu]ltima\s+vez\s+(?:[àa]s\s+[\d:h]+\s+)?(?:de|em)|[úu]ltima\s+atualiza[çc][ãa]o)\s*:?\s*",
            ("ultima", "última"),
        ),
    )
)


@dataclass(frozen=True, slots=True)
class Dated:
    """A date the page states about itself: when, where, and how reports name it."""

    when: date
    span: Span
    source: str


@dataclass(frozen=True, slots=True)
class BadDate:
    """A front matter date key whose value is not a date."""

    key: str
    value: str
    span: Span


_ORDINAL = Lazy(r"(?<=\d)(?:st|nd|rd|th)\b")
_FILLER = Lazy(r"\b(?:de|the)\b\s*", re.IGNORECASE)
_ISO = Lazy(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def parse_date(text: str) -> date | None:
    """A date from one of the supported forms; a missing day is the 1st, a missing
    month January.  None if ``text`` is not such a date."""
    if text.isascii() and text.isdigit() and len(text) == 4:  # a bare year, the commonest
        year = int(text)
        return _make(year, 1, 1) if 1900 <= year <= 2999 else None
    if len(text) == 10 and text.isascii() and text[4] == "-" and text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdigit():
        return _make(int(text[:4]), int(text[5:7]), int(text[8:]))  # YYYY-MM-DD, as _ISO reads it
    text = " ".join(text.strip().replace(",", " ").split())
    text = _ORDINAL.sub("", text)
    text = _FILLER.sub("", text).strip()
    iso = _ISO.fullmatch(text)
    if iso:
        return _make(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    words = text.replace(".", " ").split()
    numbers = [int(w) for w in words if w.isascii() and w.isdigit()]
    months = [_MONTHS[w.casefold()] for w in words if w.casefold() in _MONTHS]
    years = [n for n in numbers if 1900 <= n <= 2999]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(years) != 1 or len(words) > 3:
        return None
    if not months:
        return _make(years[0], 1, 1) if len(words) == 1 else None
    return _make(years[0], months[0], days[0] if days else 1)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# The last document asked about and its answer (a one-slot cache; see stated_dates).
_memo: list[tuple[Document, tuple[list[Dated], list[BadDate]]]] = []


def stated_dates(doc: Document) -> tuple[list[Dated], list[BadDate]]:
    """Every date the page states about itself, and front matter dates that are not dates.

    Several rules ask about the same document in a row, so the last answer is kept."""
    for cached, answer in _memo[-1:]:
        if cached is doc:
            return answer
    result = _stated_dates(doc)
    _memo[:] = [(doc, result)]
    return result


def _stated_dates(doc: Document) -> tuple[list[Dated], list[BadDate]]:
    found: list[Dated] = []
    bad: list[BadDate] = []
    for key in FRONT_MATTER_KEYS:
        if key not in (doc.front_matter or {}):
            continue
        value = (doc.front_matter or {})[key]
        span = doc.front_matter_spans.get(key, doc.file_start())
        when = _as_date(value)
        if when is None:
            bad.append(BadDate(key, str(value), span))
        else:
            found.append(Dated(when, span, f"front matter '{key}'"))
    for key in METADATA_KEYS:
        value = doc.metadata.get(key)
        when = _as_date(value) if value is not None else None
        if when is not None:
            found.append(Dated(when, _line_of(doc, doc.metadata.get(f"{key}_text") or str(value)), "the page footer"))
    _statement_dates(*page_texts(doc), found)
    return found, bad


_STATEMENT_WORDS = tuple(sorted({word for pattern in _STATEMENTS for word in pattern.needles}))


def _statement_dates(blocks: list[Block], texts: FoldedTexts, found: list[Dated]) -> None:
    """Add the dates that statements in ``blocks`` (folded: ``texts``) give (block by
    block, each block pattern by pattern, as found in the text)."""
    dated = texts.with_digits(4)  # every statement's date has a year (\d{4})
    if not dated:
        return
    # the statement words in each block, each looked for once (as may_match would)
    present = {index: words_starting(texts.folded[index], _STATEMENT_WORDS) for index in dated}
    plan = []
    for pattern in _STATEMENTS:
        holding = {index for index in dated if not present[index].isdisjoint(pattern.needles)}
        if holding:
            plan.append((pattern, holding))
    if not plan:
        return
    for index, block in enumerate(blocks):
        for pattern, holding in plan:
            if index not in holding:
                continue
            for match in pattern.pattern.finditer(block.text):
                when = parse_date(match.group("date"))
                if when is None:
                    continue
                line, column = block.position(match.start())
                end_line, end_column = block.position(match.end())
                span = Span(line, column, end_line, end_column)
                if not any(d.span.line == span.line and d.when == when for d in found):
                    found.append(Dated(when, span, f"'{' '.join(match.group(0).split())}'"))


def _line_of(doc: Document, text: str) -> Span:
    """Where a reader's metadata text stands in the source (the file start if nowhere)."""
    probe = " ".join(text.split())[:60]
    for number, line in enumerate(doc.lines, start=1):
        column = line.find(probe) if probe else -1
        if column >= 0:
            return Span(number, column + 1, number, column + 1 + len(probe))
    return doc.file_start()


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int) and 1900 <= value <= 2999:
        return date(value, 1, 1)
    if isinstance(value, str):
        return parse_date(value)
    return None
