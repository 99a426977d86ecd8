"""WL202-WL206: who wrote the page and when it was last reviewed (the JAMA authorship
and currency benchmarks, HONcode's attribution principle).

Dates come from :mod:`wiki_lint.dates`; ages are measured against ``ctx.today``
(``Settings.today``; tests inject it, never the clock).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wiki_lint.dates import FRONT_MATTER_KEYS, stated_dates
from wiki_lint.document import Document
from wiki_lint.findings import Severity
from wiki_lint.prefilter import Lazy
from wiki_lint.rules import options
from wiki_lint.rules.base import Context, Rule
from wiki_lint.schema import normalize_name

AUTHOR_KEYS = ("authors", "author", "editors", "editor", "reviewed_by", "reviewer", "reviewers", "contributors", "medical_editor")
AUTHOR_METADATA_KEYS = ("authors", "author", "editors", "editor", "medical_editor")
AUTHOR_LABELS = (
    "medical editor",
    "editor",
    "editors",
    "editor-in-chief",
    "author",
    "authors",
    "written by",
    "reviewed by",
    "medically reviewed by",
    "contributors",
    "contributor",
    "credits",
    "by",
)
_AUTHOR_PHRASE = Lazy(
    r"\b(?:written|authored|edited|(?:medically\s+)?reviewed|compiled|prepared)\s+by\s+(?:Dr\.?\s+|Prof\.?\s+)?[A-Z][\w.'’-]*"
    r"|\b(?i:medical\s+editor|editor-in-chief)\b\s*:?\s*(?:Dr\.?\s+)?[A-Z]",
)
_SENTENCE_START = Lazy(r"(?:^|[.!?:;]\s+|\n)\s*[\"'(\[]*$")
_PROPER = Lazy(r"\b[A-Z][\w'’.-]*")
_CREDENTIAL = Lazy(
    r"\b(?:Dr|Prof|MD|PhD|RN|PharmD|MBBS|FRCP|DO|MPH)\b\.?|\b(?:Inc|Ltd|LLC|Foundation|Institute|Institutes|University|Library|Society|Association|College|Hospital|Clinic|Agency|Organi[sz]ation|Department|Ministry|Team)\b"
)
_NOT_NAMES = frozenset({"I", "CC", "BY", "SA", "NC", "ND", "GFDL", "CC0", "OR", "AND", "THE", "A"})
DEFAULT_MAX_AGE_YEARS = 5
DEFAULT_SKIP_FORMATS = ("wikitext",)


class MissingAuthor(Rule):
    """What it does: reports a page that identifies no author or editor: no front
    matter ``authors``/``author``/``editors``/``reviewed_by``, no credits that name a
    person or an organisation, no "Medical editor:", "Written by ..." or "Reviewed by
    ..." line, and no editor card (``Document.metadata['editors']`` from an HTML
    reader).  When the schema requires credits and they are missing altogether,
    ``missing-part`` already says so and this rule stays quiet.

    Why it matters: authorship is the first JAMA benchmark (Silberg et al., 1997):
    readers judge medical content by who stands behind it, with their credentials
    and affiliations.

    Example: ``Credits: images and templates from various sources.``

    How to fix: name the authors and the medical editor: front matter ``authors: [A.
    Example]`` or a line "Written by A. Example, MD; reviewed by B. Example (medical
    editor)".
    """

    code = "WL202"
    name = "missing-author"
    severity = Severity.WARNING
    summary = "The page names no author or editor."

    def check(self, ctx: Context) -> None:
        credits = ctx.entry.found.get("credits")
        if credits is None and "credits" in ctx.schema.required:
            return
        if identifies_author(ctx):
            return
        span = credits.value_span if credits is not None else ctx.document.file_start()
        ctx.report(
            MissingAuthor,
            span,
            "the page names no author or editor: expected front matter 'authors', or credits naming the people or organisation who wrote and reviewed it",
            hint="add front matter 'authors: [...]' or a line 'Written by ...; reviewed by ... (medical editor)'",
            part="credits",
        )


class MissingDate(Rule):
    """What it does: reports a page that states no date of its last review or edit:
    no front matter ``last_reviewed``/``updated``/``date`` (and the like), no footer date
    from the reader, and no line such as "This page was last edited on 5 May 2023",
    "Reviewed August 2015" or "Last Revision: 2019-04-02".

    Why it matters: currency is a JAMA benchmark and a HONcode principle; medical
    knowledge changes, and a reader must be able to tell a page reviewed last year from
    one untouched for a decade.

    Wikitext sources are not checked by default (option ``skip_formats``, default
    ``["wikitext"]``): MediaWiki adds the "last edited" date when it renders the page,
    so the source never carries it; check the rendered HTML instead.

    Example: the IL-34 seed page, which carries no date anywhere.

    How to fix: add front matter ``last_reviewed: 2025-09-14`` or a line "Last
    reviewed: 14 September 2025".
    """

    code = "WL203"
    name = "missing-date"
    severity = Severity.WARNING
    summary = "The page states no date of its last review or edit."

    def check(self, ctx: Context) -> None:
        skip = options.text_list(ctx, MissingDate, "skip_formats")
        if ctx.document.format in (DEFAULT_SKIP_FORMATS if skip is None else skip):
            return
        found, bad = stated_dates(ctx.document)
        if found or bad:
            return  # a front matter date that is no date is invalid-date's
        ctx.report(
            MissingDate,
            ctx.document.file_start(),
            "the page states no date of its last review or edit: expected front matter 'last_reviewed' or a line such as 'Last reviewed: 14 September 2025'",
            hint="add front matter 'last_reviewed: YYYY-MM-DD' or a 'Last reviewed: <date>' line",
        )


class StalePage(Rule):
    """What it does: reports a page whose most recent stated review or edit date is
    older than the age limit: option ``max_age_years`` (default 5), measured against
    today's date (``Settings.today``).

    Why it matters: the reliable-medical-sources guideline asks for evidence from the
    last five years or so; a page not reviewed in that time likely misses current
    treatment and guidance.

    Example: "Reviewed August 2015" on a page checked in 2026.

    How to fix: review the page against current sources and update its date, or raise
    ``max_age_years`` for topics that change slowly.
    """

    code = "WL204"
    name = "stale-page"
    severity = Severity.WARNING
    summary = "The page's last review or edit is older than the age limit."

    def check(self, ctx: Context) -> None:
        limit = options.number(ctx, StalePage, "max_age_years", DEFAULT_MAX_AGE_YEARS, minimum=0.1)
        found, _ = stated_dates(ctx.document)
        past = [d for d in found if d.when <= ctx.today]
        if not past:
            return
        latest = max(past, key=lambda d: d.when)
        if latest.when >= years_before(ctx.today, limit):
            return
        age = _age_years(latest.when, ctx.today)
        ctx.report(
            StalePage,
            latest.span,
            f"the page was last reviewed or edited on {latest.when.isoformat()} ({latest.source}), {age} years before "
            f"{ctx.today.isoformat()}: expected a review within {_years(limit)}",
            hint="review the page against current sources and update its review date",
        )


class FutureDate(Rule):
    """What it does: reports a stated review or edit date that lies after today's date
    (``Settings.today``).

    Why it matters: a date in the future is a typo (2052 for 2025) or a placeholder,
    and it hides how old the page really is from the ``stale-page`` check.

    Example: front matter ``last_reviewed: 2052-03-01``.

    How to fix: correct the date.
    """

    code = "WL205"
    name = "future-date"
    severity = Severity.WARNING
    summary = "A stated review or edit date lies in the future."

    def check(self, ctx: Context) -> None:
        found, _ = stated_dates(ctx.document)
        for dated in found:
            if dated.when > ctx.today:
                ctx.report(
                    FutureDate,
                    dated.span,
                    f"{dated.source} gives {dated.when.isoformat()}, after today ({ctx.today.isoformat()}): expected the date of the last review or edit",
                    hint="correct the date",
                )


class InvalidDate(Rule):
    """What it does: reports a front matter date key (``last_reviewed``, ``updated``,
    ``date`` ...) whose value is not a date wiki-lint can read: not a YAML date, nor
    "2025-09-14", "14 September 2025", "September 14, 2025", "September 2025" or a year.

    Why it matters: the date is how readers and ``stale-page`` judge the page's
    currency; a value like "soon" or "2025-13-01" says nothing and hides the page's age.

    Example: ``last_reviewed: soon``.

    How to fix: write the date as ``YYYY-MM-DD``.
    """

    code = "WL206"
    name = "invalid-date"
    severity = Severity.WARNING
    summary = "A front matter date is not a date."

    def check(self, ctx: Context) -> None:
        _, bad = stated_dates(ctx.document)
        for item in bad:
            ctx.report(
                InvalidDate,
                item.span,
                f"front matter '{item.key}' is not a date ('{item.value}'): expected a date such as 2025-09-14",
                hint=f"write '{item.key}: YYYY-MM-DD'",
            )


def identifies_author(ctx: Context) -> bool:
    """Whether the page names who wrote or edited it (see MissingAuthor)."""
    doc = ctx.document
    if any(_non_empty(value) for key, value in (doc.front_matter or {}).items() if key in AUTHOR_KEYS):
        return True
    if any(_non_empty(doc.metadata.get(key)) for key in AUTHOR_METADATA_KEYS):
        return True
    credits = ctx.entry.found.get("credits")
    if credits is not None and names_someone(credits.value):
        return True
    return _labelled_author(doc)


def _labelled_author(doc: Document) -> bool:
    labels = {normalize_name(label) for label in AUTHOR_LABELS}
    for block in doc.blocks():
        if block.label is not None and normalize_name(block.label) in labels and names_someone(block.body):
            return True
        if _AUTHOR_PHRASE.search(block.text):
            return True
    return False


def names_someone(text: str) -> bool:
    """Whether ``text`` names a person or an organisation: a credential or an
    organisation word, or a capitalised word that does not merely start a sentence."""
    if _CREDENTIAL.search(text):
        return True
    for match in _PROPER.finditer(text):
        word = match.group(0).rstrip(".")
        before = text[: match.start()]
        if word in _NOT_NAMES or (_SENTENCE_START.search(before) and not _INITIAL_BEFORE.search(before)):
            continue
        return True
    return False


_INITIAL_BEFORE = Lazy(r"\b[A-Z]\.\s+$")  # "A. Example": the period ends an initial, not a sentence


def _non_empty(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return any(_non_empty(v) for v in (value.values() if isinstance(value, dict) else value))
    return value is not None and value is not False


def years_before(today: date, years: float) -> date:
    """The date ``years`` years before ``today`` (fractions of a year in days)."""
    whole = int(years)
    try:
        start = today.replace(year=today.year - whole)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - whole, day=28)
    return date.fromordinal(start.toordinal() - round((years - whole) * 365.25))


def _age_years(then: date, today: date) -> int:
    return today.year - then.year - ((today.month, today.day) < (then.month, then.day))


def _years(limit: float) -> str:
    return f"{limit:g} year" + ("" if limit == 1 else "s")


__all__ = ["FRONT_MATTER_KEYS", "FutureDate", "InvalidDate", "MissingAuthor", "MissingDate", "StalePage"]
