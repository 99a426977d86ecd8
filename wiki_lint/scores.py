"""Per-page scores: the JAMA benchmark score and the completeness score.

Both go into ``FileResult.scores`` (``check.py`` calls :func:`compute_scores` once per
page, after every rule has run):

``jama`` (0-4)
    One point for each of the four benchmarks of Silberg, Lundberg and Musacchio
    ("Assessing, controlling, and assuring the quality of medical information on the
    Internet", JAMA 1997;277:1244-5), as found on the page (see
    :func:`jama_benchmarks` for exactly what counts):

    * **authorship**: the page names who wrote, edited or reviewed it;
    * **attribution**: it lists its sources (a non-empty references part) *and* states
      its copyright or license;
    * **disclosure**: it states ownership, sponsorship, funding or conflicts of
      interest, or links to a disclosure policy;
    * **currency**: it gives the date it was posted, updated or reviewed.

``completeness`` (0-100)
    The percentage of the schema's required parts that are present and well formed:
    found on the page, and with no finding about that part from the schema's checks
    (``missing-part``, ``empty-section``, ``short-part``, ``malformed-part``, and the
    rules a schema routes its keywords to, such as ``vague-license``) or from
    ``definition-missing-subject``.  A schema without required parts scores 100.

Scores are page measures, not findings: they never change the exit code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from wiki_lint.findings import Finding
from wiki_lint.needles import lowered
from wiki_lint.prefilter import Guarded, Lazy
from wiki_lint.rules import REGISTRY
from wiki_lint.rules.base import Context
from wiki_lint.schema import normalize_name

JAMA = "jama"
COMPLETENESS = "completeness"

_AUTHOR_KEYS = ("authors", "author", "editors", "editor", "reviewed_by", "reviewer", "reviewers", "contributors", "written_by")
_AUTHOR_NAMES = frozenset(
    normalize_name(name)
    for name in (
        "Authors",
        "Author",
        "Authorship",
        "Written by",
        "Contributors",
        "Contributor",
        "Medical editor",
        "Editor",
        "Editors",
        "Reviewed by",
        "Medical reviewer",
        "Reviewer",
        "Medically reviewed by",
    )
)
_AUTHOR_TEXT = Lazy(
    r"\b(?:written|authored|edited|reviewed|compiled)\s+by\s+\S|\b(?:authors?|editors?|contributors?|reviewers?)\s*:\s*\S", re.IGNORECASE
)

_DISCLOSURE_KEYS = (
    "disclosure",
    "disclosures",
    "conflicts_of_interest",
    "conflict_of_interest",
    "competing_interests",
    "funding",
    "sponsor",
    "sponsors",
    "sponsorship",
    "ownership",
)
_DISCLOSURE_NAMES = frozenset(
    normalize_name(name)
    for name in (
        "Disclosure",
        "Disclosures",
        "Financial disclosure",
        "Conflict of interest",
        "Conflicts of interest",
        "Competing interests",
        "Declaration of interests",
        "Funding",
        "Sponsorship",
        "Ownership",
        "Advertising policy",
    )
)
_DISCLOSURE_TEXT = Guarded(
    r"\b(?:conflicts?\s+of\s+interests?|competing\s+interests?|financial\s+disclosures?|disclosure\s+policy|"
    r"sponsored\s+by|funded\s+by|funding\s*:|no\s+(?:financial\s+)?(?:relationships|ties|interests)\s+to\s+disclose|"
    r"declares?\s+no\b|owned\s+(?:and\s+operated\s+)?by)\b",
    re.IGNORECASE,
    needles=("conflict", "competing", "disclos", "sponsored", "funded", "funding", "declare", "owned"),
)

_DATE_KEYS = (
    "last_reviewed",
    "last_updated",
    "last_modified",
    "last_edited",
    "reviewed",
    "updated",
    "modified",
    "date",
    "published",
    "created",
    "date_published",
    "date_modified",
    "review_date",
)  # front matter keys, and page metadata keys a reader records (HTML: last_edited)
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}})"
_CURRENCY_TEXT = Guarded(
    rf"\b(?:(?:last\s+)?(?:edited|updated|reviewed|revised|modified|revision)(?:\s+on)?|last\s+revision|"
    rf"date\s+(?:of\s+)?(?:last\s+)?(?:review|update|publication)|(?:published|posted)\s+on)\s*:?\s*{_DATE}\b",
    re.IGNORECASE,
    needles=("edited", "date", "reviewed", "revised", "modified", "revision", "published", "posted"),
)


def compute_scores(ctx: Context, findings: Iterable[Finding]) -> dict[str, float]:
    """The page's scores: ``jama`` (0-4) and ``completeness`` (0-100)."""
    benchmarks = jama_benchmarks(ctx)
    return {
        JAMA: float(sum(benchmarks.values())),
        COMPLETENESS: completeness(ctx, findings),
    }


def jama_benchmarks(ctx: Context) -> dict[str, bool]:
    """Which of the four JAMA benchmarks the page meets."""
    return {
        "authorship": has_authorship(ctx),
        "attribution": has_attribution(ctx),
        "disclosure": has_disclosure(ctx),
        "currency": has_currency(ctx),
    }


def has_authorship(ctx: Context) -> bool:
    """Front matter ``authors``/``author``/``editors``/``reviewed_by``...; a section or
    labelled paragraph headed Authors, Written by, Contributors, Medical editor,
    Reviewed by ...; or credits that say "written/edited/reviewed by" or "Author: ..."
    (credits that only speak of images and templates do not count)."""
    if _front_matter_has(ctx, _AUTHOR_KEYS):
        return True
    if _section_or_label(ctx, _AUTHOR_NAMES):
        return True
    credits = ctx.entry.found.get("credits")
    return credits is not None and bool(_AUTHOR_TEXT.search(credits.value))


def has_attribution(ctx: Context) -> bool:
    """A references part with at least one entry or inline reference, and a license or
    copyright statement (the schema's ``license`` part found, or a license the reader
    recorded as page metadata)."""
    from wiki_lint.rules.references import reference_entries

    found = ctx.entry.found.get("references")
    sources = bool(reference_entries(ctx)) or (found is not None and bool(found.value.strip()))
    return sources and ("license" in ctx.entry.found or _metadata_has(ctx, ("license",)))


def has_disclosure(ctx: Context) -> bool:
    """Front matter ``disclosure``/``funding``/``conflicts_of_interest``...; a Disclosure,
    Conflicts of interest, Competing interests or Funding section or label; or a
    statement such as "no conflicts of interest", "sponsored by", "funded by" or a
    "Disclosure policy" link anywhere in the page text."""
    if _front_matter_has(ctx, _DISCLOSURE_KEYS) or _section_or_label(ctx, _DISCLOSURE_NAMES):
        return True
    blocks = ctx.document.blocks()
    if not _may_match(_DISCLOSURE_TEXT, lowered("\n".join(block.text for block in blocks))):
        return False  # no block holds a word every statement of disclosure has
    return any(_DISCLOSURE_TEXT.pattern.search(block.text) for block in blocks)


def has_currency(ctx: Context) -> bool:
    """A date of posting, update or review: front matter ``last_reviewed``,
    ``last_updated``, ``date``, ``updated``... (or the same keys in the metadata a
    reader records, e.g. an HTML footer's ``last_edited``); a "This page was last
    edited on ..." footer (kept as chrome); or text such as "Reviewed August 2015", "Last revision:
    2024-01-02", "Updated 3 May 2023", "Posted on 4 June 2020" (not inside the
    references, where dates are the sources' own)."""
    if _front_matter_has(ctx, _DATE_KEYS) or _metadata_has(ctx, _DATE_KEYS):
        return True
    if any(chrome.kind == "last-edited" for chrome in ctx.document.chrome):
        return True
    from wiki_lint.prose import mask_references
    from wiki_lint.rules.references import references_section_blocks

    listed = {id(block) for block in references_section_blocks(ctx)}
    texts = [b.text for b in ctx.document.blocks() if id(b) not in listed]
    chrome = [chrome.text for chrome in ctx.document.chrome]
    if not _may_match(_CURRENCY_TEXT, lowered("\n".join(texts + chrome))):
        return False  # masking references only removes words: nothing can match
    texts = [mask_references(text) for text in texts] + chrome
    return any(_CURRENCY_TEXT.pattern.search(text) for text in texts)


def _may_match(guarded: Guarded, lower: str) -> bool:
    """``guarded.may_match(lower)``, its needles looked for with ``in`` one by one: for
    these few common-letter needles on a whole page that is faster than one pattern.
    ``lower`` is :func:`wiki_lint.needles.lowered` of the page (white space not
    collapsed: the same answer for these needles, which hold none)."""
    return any(needle in lower for needle in guarded.needles) or (guarded.gate is not None and guarded.may_match(lower))


def completeness(ctx: Context, findings: Iterable[Finding]) -> float:
    """The percentage of required parts present and well formed (see the module doc)."""
    required = list(ctx.schema.required)
    if not required:
        return 100.0
    judging = _judging_rules()
    faulty = {f.part for f in findings if f.part is not None and f.name in judging}
    good = [part for part in required if part in ctx.entry.found and part not in faulty]
    return round(100 * len(good) / len(required), 1)


@cache
def _judging_rules() -> frozenset[str]:
    """The rules whose findings make a part count as not well formed."""
    return frozenset({rule.name for rule in REGISTRY if rule.origin == "schema"} | {"empty-section", "definition-missing-subject"})


def _front_matter_has(ctx: Context, keys: tuple[str, ...]) -> bool:
    front = ctx.document.front_matter or {}
    for key in keys:
        value = front.get(key)
        if value not in (None, "", [], {}):
            return True
    return False


def _metadata_has(ctx: Context, keys: tuple[str, ...]) -> bool:
    """Whether the reader recorded one of ``keys`` as page metadata (an HTML footer's
    license or last-edited date)."""
    metadata = ctx.document.metadata or {}
    return any(metadata.get(key) not in (None, "", [], {}) for key in keys)


def _section_or_label(ctx: Context, names: frozenset[str]) -> bool:
    for section in ctx.document.sections:
        if normalize_name(section.heading.text) in names and any(block.text.strip() for block in section.blocks):
            return True
    return any(block.label is not None and normalize_name(block.label) in names and block.body.strip() for block in ctx.document.blocks())
