"""WL107: sections in the order the entry type's style guide recommends.

The order is data: the schema-level ``x-wiki-lint.order`` of the schema that checks the
page (the gene/protein, disease and drug schemas each declare their style guide's order,
the base schema the appendix order).  Only top-level sections whose heading names a part
in that order take part; other sections may stand anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from wiki_lint.document import Section
from wiki_lint.findings import Severity
from wiki_lint.rules.base import Context, Rule
from wiki_lint.schema import EntrySchema, normalize_name


@dataclass(frozen=True, slots=True)
class Ranked:
    """A top-level section and its position in the recommended order."""

    section: Section
    rank: int
    part: str


class SectionOrder(Rule):
    """What it does: reports a section that stands out of the recommended order of
    its entry type, and names where it belongs: after which section and before which
    one of those present on the page.  The fewest sections that need moving are
    reported (the longest run already in order stays put).

    Why it matters: readers of medical entries expect the same sections in the same
    place (WikiProject Molecular Biology style guide for genes and proteins, the
    Manual of Style for medicine-related articles for diseases and drugs); appendix
    sections (See also, Notes, References, Further reading, External links) close the
    page in that order.

    Example: a drug page with sections Uses, Pharmacology, Adverse effects reports
    "'Adverse effects' should come after 'Uses' and before 'Pharmacology'".

    How to fix: move the section to the position the message names, or choose the
    schema of another entry type (front matter ``type``, ``--type``) if the page is
    not of the detected type.
    """

    code = "WL107"
    name = "section-order"
    severity = Severity.WARNING
    summary = "A section stands out of the entry type's recommended order."

    def check(self, ctx: Context) -> None:
        ranked = ranked_sections(ctx)
        kept = longest_ordered(ranked)
        if len(kept) == len(ranked):
            return  # every ranked section is in order
        ordered = [ranked[i] for i in sorted(kept)]
        for index, item in enumerate(ranked):
            if index in kept:
                continue
            after = max((k for k in ordered if k.rank < item.rank), key=lambda k: k.rank, default=None)
            before = min((k for k in ordered if k.rank > item.rank), key=lambda k: k.rank, default=None)
            heading = item.section.heading
            ctx.report(
                SectionOrder,
                heading.span,
                f"'{heading.text}' should come {_position(after, before)} (recommended order {_order_text(ctx)})",
                hint=f"move the '{heading.text}' section {_position(after, before)}",
                part=item.part,
            )


def ranked_sections(ctx: Context) -> list[Ranked]:
    """The top-level sections that name a part of the schema's order, with their rank."""
    order = ctx.schema.order
    sections = ctx.document.sections
    if not order or not sections:
        return []
    rank_of = _ranks(ctx.schema, ctx.entry.lang)
    title = normalize_name(ctx.document.title or "")
    headings = [normalize_name(s.heading.text) for s in sections]
    levels = [s.heading.level for s, heading in zip(sections, headings) if heading != title] or [s.heading.level for s in sections]
    top = min(levels)  # a heading repeating the page title (an HTML h1) is not a section
    ranked = []
    for section, heading in zip(sections, headings):
        if section.heading.level != top:
            continue
        rank = rank_of.get(heading)
        if rank is not None:
            ranked.append(Ranked(section, rank, order[rank]))
    return ranked


def _ranks(schema: EntrySchema, lang: str | None) -> dict[str, int]:
    """Each normalised heading of the order's parts -> the first rank that names it
    (computed once per schema and language)."""
    key = ("section-order-ranks", lang)
    ranks = schema.memo.get(key)
    if ranks is None:
        ranks = {}
        for rank, part in enumerate(schema.order):
            for heading in schema.parts[part].heading_names(lang):
                ranks.setdefault(normalize_name(heading), rank)
        schema.remember(key, ranks)
    return ranks  # type: ignore[no-any-return]


def longest_ordered(ranked: list[Ranked]) -> set[int]:
    """Indexes of a longest run (not necessarily contiguous) in non-decreasing rank.

    Among equally long runs the one keeping earlier sections wins, so the section
    reported is the one that came later than it should.
    """
    if not ranked:
        return set()
    length = [1] * len(ranked)
    previous: list[int | None] = [None] * len(ranked)
    for i, item in enumerate(ranked):
        for j in range(i):
            if ranked[j].rank <= item.rank and length[j] + 1 > length[i]:
                length[i], previous[i] = length[j] + 1, j
    end: int | None = max(range(len(ranked)), key=lambda i: (length[i], -i))
    kept = set()
    while end is not None:
        kept.add(end)
        end = previous[end]
    return kept


def _position(after: Ranked | None, before: Ranked | None) -> str:
    if after and before:
        return f"after '{after.section.heading.text}' and before '{before.section.heading.text}'"
    if after:
        return f"after '{after.section.heading.text}'"
    if before:
        return f"before '{before.section.heading.text}'"
    return "elsewhere"


def _order_text(ctx: Context) -> str:
    schema = ctx.schema
    text = schema.memo.get("section-order-text")
    if text is None:
        titles = [schema.parts[part].title for part in schema.order]
        kind = f"a {schema.entry_type} entry" if schema.entry_type and schema.entry_type != "medical-entry" else "an entry"
        text = schema.remember("section-order-text", f"for {kind}: " + ", ".join(titles))
    return text  # type: ignore[no-any-return]
