"""WL402-WL407: references present, cited where it matters, well formed and current.

``missing-references`` (WL401, in ``sources.py``) reports a page with no references
part at all; the rules here look inside the references and the citations: an empty
list, clinical sections without citations, malformed PMIDs/PMCIDs/DOIs, a list of
outdated sources, and broken citation output left in the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from wiki_lint.citations import (
    IDENTIFIER_WORDS,
    INLINE_WORDS,
    Reference,
    identifiers_of_lines,
    inline_entries,
    list_entries,
    named_refs,
    publication_years,
)
from wiki_lint.document import Block, Section, Span
from wiki_lint.findings import Severity
from wiki_lint.needles import WordGuarded, occurrences, page_texts, register_page_words, word_finder
from wiki_lint.prefilter import Guarded, Lazy, fold
from wiki_lint.prose import (
    CITATION_MARKER,
    TEXT_KINDS,
    article_passages,
    citation_markers_unknown,
    citations_in_block,
    memoized,
    page_may_match,
    reader_citation_starts,
    span_in,
    word_count,
)
from wiki_lint.rules import options
from wiki_lint.rules.base import Context, Rule
from wiki_lint.schema import EntrySchema, normalize_name

register_page_words((*INLINE_WORDS, "<ref", "error"))  # asked of every page (reference entries, broken citations)
_PLACEHOLDER_ONLY = Lazy(r"^\s*(?:none|n/?a|tbd|tba|todo|to do|-+|–|—|\.+|\?+|coming soon|\(none\))\s*\.?\s*$", re.IGNORECASE)


def references_section_blocks(ctx: Context) -> list[Block]:
    """The blocks of the references part when it is a section or labelled paragraph."""
    found = ctx.entry.found.get("references")
    if found is None or found.via == "front matter":
        return []
    return list(found.blocks)


def reference_entries(ctx: Context) -> list[Reference]:
    """Every reference entry of the page: the references list, inline references, and
    those the reader recorded (computed once per page)."""
    return memoized(ctx, "reference-entries", lambda: _reference_entries(ctx))  # type: ignore[no-any-return]


def _reference_entries(ctx: Context) -> list[Reference]:
    entries = [entry for block in references_section_blocks(ctx) for entry in list_entries(block)]
    listed = {id(block) for block in references_section_blocks(ctx)}
    blocks, texts = page_texts(ctx.document)
    inline_blocks = set().union(*(texts.texts_with(word) for word in INLINE_WORDS))
    for index, block in enumerate(blocks[: len(blocks) - len(ctx.document.chrome)]):
        if block.kind == "comment":
            continue
        inline = inline_entries(block) if index in inline_blocks else []
        if id(block) in listed:
            # a {{Reflist|refs=...}} may hold <ref> definitions: keep them, drop the
            # list entries they overlap
            spans = [(ref.start, ref.end) for ref in inline]
            entries = [e for e in entries if e.block is not block or not any(s <= e.start < t for s, t in spans)]
        entries.extend(inline)
    entries.extend(_reader_entries(ctx))
    return entries


def _reader_entries(ctx: Context) -> list[Reference]:
    """References a reader recorded apart from the text (``Document.refs``, wikitext and
    HTML readers): their text, positioned at the reference itself."""
    out = []
    for ref in getattr(ctx.document, "refs", None) or []:
        text = getattr(ref, "text", "") or ""
        if getattr(ref, "kind", None) == "defined" and text.strip():
            out.append(Reference(text, Block("reference", text, ref.span), 0, len(text), fixed_span=ref.span))
    return out


def _inline_marker_count(ctx: Context) -> int:
    return sum(citations_in_block(ctx, p.block) for p in article_passages(ctx))


class EmptyReferences(Rule):
    """What it does: reports a references part that lists no source: a References
    heading with nothing under it, or with only a placeholder ("None", "TBD", "-"), or
    only a ``{{reflist}}``/``<references/>`` on a page that has no ``<ref>`` to fill it.

    Why it matters: an empty References section looks like sourcing at a glance, but
    nothing on the page can be verified (reliable-medical-sources guideline; JAMA
    attribution benchmark).  An empty heading is reported here rather than as
    ``empty-section`` (the built-in schema routes its ``minLength`` to this rule).

    Example: ``## References`` directly followed by ``## See also``.

    How to fix: list the reviews, guidelines or textbooks the page rests on, with PMID
    or DOI, or cite them inline with ``<ref>`` or footnotes.
    """

    code = "WL402"
    name = "empty-references"
    severity = Severity.WARNING
    summary = "The References section lists no source."

    def check(self, ctx: Context) -> None:
        found = ctx.entry.found.get("references")
        if found is None or not found.value.strip():
            return  # absent: missing-references; empty heading: schema (minLength)
        entries = reference_entries(ctx)
        if entries and not all(_PLACEHOLDER_ONLY.match(e.text) for e in entries):
            return
        where = f"section '{found.section.heading.text}'" if found.section else "the references"
        ctx.report(
            EmptyReferences,
            found.value_span if found.via != "heading" else found.span,
            f"{where} lists no source: expected at least one reference entry or inline <ref>",
            hint="list the sources (reviews, guidelines, textbooks) with PMID or DOI",
            part="references",
        )


_CLINICAL_SECTIONS = (
    "Clinical significance",
    "Clinical relevance",
    "Clinical importance",
    "Clinical aspects",
    "Medical significance",
    "Role in disease",
    "Associated diseases",
    "Disease associations",
    "Clinical use",
    "Medical uses",
    "Medical use",
    "Uses",
    "Indications",
    "Treatment",
    "Treatments",
    "Management",
    "Therapy",
    "Diagnosis",
    "Signs and symptoms",
    "Symptoms",
    "Adverse effects",
    "Side effects",
    "Contraindications",
    "Overdose",
    "Interactions",
    "Drug interactions",
    "Dosage",
    "Dosing",
    "Prognosis",
    "Epidemiology",
    "Prevention",
    "Screening",
    "Complications",
    "Toxicity",
    "Pregnancy",
)


class SparseCitations(Rule):
    """What it does: reports a clinical section (Clinical significance, Treatment,
    Diagnosis, Adverse effects, ... and the schema's clinical-significance headings)
    whose text carries fewer citation markers than the configured density.  Markers
    counted: ``[1]``, ``[^1]``, ``<ref>``, ``{{sfn}}``-style templates and author-year
    citations such as ``(Smith et al., 2019)``.  ``[citation needed]`` is no citation.

    Options: ``min_per_100_words`` (default 1.0), ``min_words`` (sections shorter than
    this are not measured, default 25), ``sections`` (the headings that count as
    clinical; a heading also matches when it starts with one of them, e.g. "Treatment
    of X").  Not reported on a page with no references at all and no marker anywhere:
    ``missing-references`` already says so; nor when the page's reader recorded a
    reference list but could not see where the citations stand (see
    ``docs/content-rules.md``).

    Why it matters: clinical claims (what a drug treats, what a test shows, what harms
    follow) are the ones readers act on; the reliable-medical-sources guideline and
    HONcode's justifiability principle ask for each to be backed by a source.

    Example: a 120-word Treatment section without a single ``[n]`` or ``<ref>``.

    How to fix: cite a review or guideline after each clinical claim.
    """

    code = "WL403"
    name = "sparse-citations"
    severity = Severity.WARNING
    summary = "A clinical section has too few citations for its length."

    def check(self, ctx: Context) -> None:
        per_100 = options.number(ctx, SparseCitations, "min_per_100_words", 1.0, minimum=0)
        min_words = options.integer(ctx, SparseCitations, "min_words", 25)
        names, prefixes = _clinical_names(ctx)
        if "references" not in ctx.entry.found and _inline_marker_count(ctx) == 0:
            return
        if citation_markers_unknown(ctx):
            return
        # whether the reader recorded citations in the text (none without Document.refs)
        recorded = bool(getattr(ctx.document, "refs", None)) and bool(reader_citation_starts(ctx))
        for section, blocks in _sections_with_blocks(ctx):
            if not _is_clinical(section.heading.text, names, prefixes):
                continue
            text = "\n".join(block.text for block in blocks)
            count = word_count(text)
            if count < min_words:
                continue
            if recorded:
                markers = sum(citations_in_block(ctx, block) for block in blocks)
            else:
                markers = sum(len(CITATION_MARKER.findall(block.text)) for block in blocks)
            expected = per_100 * count / 100
            if markers >= expected:
                continue
            part = next((n for n, p in ctx.entry.found.items() if p.section is section), None)
            density = 100 * markers / count
            ctx.report(
                SparseCitations,
                section.heading.text_span,
                f"section '{section.heading.text}' has {markers} citation marker(s) in {count} words "
                f"({density:.1f} per 100 words): expected at least {per_100:g} per 100 words",
                hint="cite a review, guideline or textbook after each clinical claim",
                part=part,
            )


# (schema id, lang, configured sections) -> (schema, clinical names, their prefixes):
# the same few schemas and options serve every page.
_CLINICAL: dict[tuple[int, str | None, tuple[str, ...] | None], tuple[EntrySchema, frozenset[str], tuple[str, ...]]] = {}


def _clinical_names(ctx: Context) -> tuple[frozenset[str], tuple[str, ...]]:
    """The normalized clinical headings (option ``sections``, else the built-in ones
    and the schema's clinical-significance headings), and each followed by a space (a
    heading that starts with one is clinical too)."""
    configured = options.text_list(ctx, SparseCitations, "sections")
    key = (id(ctx.schema), ctx.entry.lang, configured)
    cached = _CLINICAL.get(key)
    if cached is not None and cached[0] is ctx.schema:
        return cached[1], cached[2]
    names = list(configured) if configured else list(_CLINICAL_SECTIONS)
    spec = ctx.schema.parts.get("clinical_significance")
    if spec is not None and not configured:
        names.extend(spec.heading_names(ctx.entry.lang))
    normalized = frozenset(normalize_name(name) for name in names)
    prefixes = tuple(name + " " for name in normalized)
    _CLINICAL[key] = (ctx.schema, normalized, prefixes)
    return normalized, prefixes


def _is_clinical(heading: str, names: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    name = normalize_name(heading)
    return name in names or name.startswith(prefixes)


def _sections_with_blocks(ctx: Context) -> Iterator[tuple[Section, list[Block]]]:
    by_section: dict[int, tuple[Section, list[Block]]] = {}
    for passage in article_passages(ctx):
        if passage.section is not None:
            by_section.setdefault(id(passage.section), (passage.section, []))[1].append(passage.block)
    yield from by_section.values()


class InvalidIdentifier(Rule):
    """What it does: checks the syntax of every PMID, PMCID and DOI on the page
    (after a ``PMID``/``PMCID``/``doi`` label, in ``|pmid=``/``|pmc=``/``|doi=`` template
    parameters, and in PubMed, PMC and doi.org links) and reports each malformed one.
    PMID: 1-8 digits; PMCID: ``PMC`` + 1-8 digits (``|pmc=`` holds the digits alone);
    DOI: ``10.`` + 4-9 digit registrant code + ``/`` + suffix.

    Why it matters: identifiers are how editors and readers reach the source; a
    mistyped one leads nowhere or, worse, to an unrelated paper.

    Example: ``doi:10.1038`` (no suffix), ``PMID: 2519007x``, ``PMC: 4176007`` is fine
    but ``PMCID: 4176007`` lacks its ``PMC`` prefix.

    How to fix: copy the identifier from PubMed or the publisher's page.
    """

    code = "WL404"
    name = "invalid-identifier"
    severity = Severity.ERROR
    summary = "A PMID, PMCID or DOI is malformed."

    def check(self, ctx: Context) -> None:
        numbered = _source_lines(ctx)
        for (number, _), found in zip(numbered, identifiers_of_lines([line for _, line in numbered], invalid_only=True), strict=True):
            for ident in found:
                label = {"pmid": "PMID", "pmcid": "PMCID", "doi": "DOI"}[ident.scheme]
                ctx.report(
                    InvalidIdentifier,
                    Span(number, ident.start + 1, number, ident.end + 1),
                    f"malformed {label} '{ident.value}': expected {ident.expected}",
                    hint=f"correct the {label} (copy it from PubMed or the publisher's page)",
                    part="references",
                )


def _source_lines(ctx: Context) -> list[tuple[int, str]]:
    """The page's source lines that may hold an identifier, with their numbers, without
    code blocks and comments.

    Identifiers are looked for in the source, not in block text: readers that give
    readable text (wikitext, HTML) leave citations, and so their identifiers, out of it.
    Every identifier holds one of :data:`IDENTIFIER_WORDS`: lines without any are
    skipped, found in the whole page at once.
    """
    lines = ctx.document.lines
    numbers = _lines_with(lines, IDENTIFIER_WORDS)
    if not numbers:
        return []
    skipped: set[int] = set()
    for block in ctx.document.blocks():
        if block.kind in ("code", "comment"):
            skipped.update(range(block.span.line, block.span.end_line + 1))
    return [(n, lines[n - 1]) for n in numbers if n not in skipped]


def _lines_with(lines: list[str], needles: tuple[str, ...]) -> list[int]:
    """The numbers (1-based, ascending) of the lines whose folded text holds a needle."""
    page = "\n".join(lines)
    if not page.isascii():
        folded = [fold(line) for line in lines]
        return [n for n, lower in enumerate(folded, 1) if any(needle in lower for needle in needles)]
    lower = page.lower()
    numbers: list[int] = []
    number, previous = 1, 0
    finder = word_finder(needles)
    if finder is not None:
        # one pass for every needle; no needle holds a line break, so a match that
        # hides an overlapping one stands on the same line
        offsets = [start for _, start, _ in finder.find_matches_as_indexes(lower)]
    else:
        offsets = sorted({offset for needle in needles for offset in occurrences(lower, needle)})
    for offset in offsets:
        number += page.count("\n", previous, offset)
        previous = offset
        if not numbers or numbers[-1] != number:
            numbers.append(number)
    return numbers


class StaleSources(Rule):
    """What it does: extracts the publication year of each reference (a ``|date=`` or
    ``|year=`` parameter, else the first year in the entry, ignoring access dates,
    URLs and identifiers) and reports the page when at least ``max_stale_share`` of the
    dated references are older than ``max_age_years`` (measured against today's date).

    Options: ``max_age_years`` (default 5, the reliable-medical-sources guideline's
    "last five years or so"), ``max_stale_share`` (default 0.8: "all or most"),
    ``min_dated`` (fewer dated references than this are not judged, default 2).

    Why it matters: medical knowledge moves; a page resting only on old studies may
    state superseded treatment advice.

    Example: four references from 2004, 2008, 2009 and 2011 checked in 2026.

    How to fix: add current reviews or guidelines and update the claims they change.
    """

    code = "WL405"
    name = "stale-sources"
    severity = Severity.WARNING
    summary = "All or most references are older than the age limit."

    def check(self, ctx: Context) -> None:
        max_age = options.integer(ctx, StaleSources, "max_age_years", 5)
        share = options.number(ctx, StaleSources, "max_stale_share", 0.8, minimum=0, maximum=1)
        min_dated = options.integer(ctx, StaleSources, "min_dated", 2, minimum=1)
        distinct = _distinct(reference_entries(ctx))
        years = publication_years([ref.text for ref in distinct], ctx.today)
        dated = [(ref, year) for ref, year in zip(distinct, years, strict=True) if year is not None]
        if len(dated) < max(min_dated, 1):
            return
        limit = ctx.today.year - max_age
        stale = [year for _, year in dated if year < limit]
        if len(stale) / len(dated) < share:
            return
        newest = max(year for _, year in dated)
        found = ctx.entry.found.get("references")
        span = found.span if found is not None else dated[0][0].span
        ctx.report(
            StaleSources,
            span,
            f"{len(stale)} of {len(dated)} dated references are older than {max_age} years (before {limit}); "
            f"the newest is from {newest}: expected current sources",
            hint=f"add reviews or guidelines published since {limit} and update the claims they change",
            part="references",
        )


_NON_WORDS = Lazy(r"\W+")
# Byte table: ASCII word characters (\w) kept, every other byte made a space.
_ASCII_NON_WORDS = bytes(code if chr(code).isascii() and (chr(code).isalnum() or chr(code) == "_") else 32 for code in range(256))


# As _ASCII_NON_WORDS, but line breaks kept (they separate the texts joined).
_ASCII_NON_WORDS_LINES = bytes(10 if code == 10 else byte for code, byte in enumerate(_ASCII_NON_WORDS))


def _comparables(texts: list[str]) -> list[str]:
    """:func:`_comparable` of each text: one translation of all of them when they are
    ASCII and each one line."""
    joined = "\n".join(texts)
    if not joined.isascii() or joined.count("\n") != len(texts) - 1 or not texts:
        return [_comparable(text) for text in texts]
    lines = joined.encode("ascii").translate(_ASCII_NON_WORDS_LINES).decode("ascii").lower().split("\n")
    return [" ".join(line.split()) for line in lines]


def _comparable(text: str) -> str:
    """``re.sub(r"\\W+", " ", text).strip().lower()``: the words of ``text``, lowercased,
    one space apart (by translation on ASCII text, the common case)."""
    if not text.isascii():
        spaced: str = _NON_WORDS.sub(" ", text)
        return spaced.strip().lower()
    return " ".join(text.encode("ascii").translate(_ASCII_NON_WORDS).decode("ascii").split()).lower()


def _distinct(entries: list[Reference]) -> list[Reference]:
    seen: set[str] = set()
    out = []
    for entry, key in zip(entries, _comparables([entry.text for entry in entries]), strict=True):
        if key and key not in seen:
            seen.add(key)
            out.append(entry)
    return out


_RENDER_ERROR = WordGuarded(
    r"(?:Cite error|Script error|Lua error)\b:?[^\n]*?(?:\.(?=\s|$)|$)", re.IGNORECASE | re.MULTILINE, needles=("error",)
)


class BrokenCitation(Rule):
    """What it does: reports citation machinery that failed: rendered error messages
    (``Cite error: ...``, ``Script error: No such module ...``, ``Lua error``) and
    wikitext ``<ref name=x/>`` reuses whose name is defined nowhere on the page (when
    the page's reader records citations itself, as the wikitext reader does, it reports
    those as ``undefined-reference`` and this rule leaves them to it).

    Why it matters: the reader sees an error message instead of a source, and the claim
    it should support is left unsourced.

    Example: ``Cite error: The named reference Smith2019 was invoked but never defined``.

    How to fix: define the named reference once (``<ref name=Smith2019>...</ref>``),
    or repair the template or module the error names.
    """

    code = "WL406"
    name = "broken-citation"
    severity = Severity.ERROR
    summary = "A citation failed to render or refers to an undefined reference."

    def check(self, ctx: Context) -> None:
        blocks, texts = page_texts(ctx.document)
        with_refs = texts.texts_with("<ref")
        with_errors = texts.texts_with("error", word_start=True)
        defined: set[str] = set()
        uses: list[tuple[Block, str, int, int]] = []
        for index, block in enumerate(blocks[: len(blocks) - len(ctx.document.chrome)]):
            if block.kind in ("code", "comment") or not (index in with_refs or index in with_errors):
                continue
            names, block_uses = named_refs(block.text) if index in with_refs else (set(), [])
            defined |= names
            uses.extend((block, name, start, end) for name, start, end in block_uses)
            for match in _RENDER_ERROR.pattern.finditer(block.text) if index in with_errors else ():
                text = match.group(0).strip()
                ctx.report(
                    BrokenCitation,
                    span_in(block, match.start(), match.start() + len(text)),
                    f"rendered citation error in the text: '{_shorten(text)}': expected the citation it stands for",
                    hint="repair the reference or template that produced this error, then remove the message",
                    part="references",
                )
        if getattr(ctx.document, "refs", None):
            return  # the reader recorded the citations and reports undefined ones itself (WL003)
        for block, name, start, end in uses:
            if name not in defined:
                ctx.report(
                    BrokenCitation,
                    span_in(block, start, end),
                    f"the named reference '{name}' is used but defined nowhere on the page: expected one <ref name=\"{name}\">...</ref> with the source",
                    hint=f'define the reference once as <ref name="{name}">author, title, journal, year, PMID/DOI</ref>',
                    part="references",
                )


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CITATION_NEEDED = Guarded(
    r"\[\s*(?:citation|cita|source|reference|medical citation) needed\s*\]|\[\s*cita requerida\s*\]"
    r"|\{\{\s*(?:cn|fact|citation needed|cita requerida|medical citation needed|better source needed|unreliable medical source)\s*(?:\|[^{}]*)?\}\}",
    re.IGNORECASE,
    needles=("needed", "requerida", "{{"),
)


#: Template names (as MediaWiki compares them, case-folded) that tag a claim as unsourced,
#: for readers that record templates apart from the text (``Document.templates``).
_CITATION_NEEDED_TEMPLATES = frozenset(
    name.casefold()
    for name in (
        "Citation needed",
        "Cn",
        "Fact",
        "Medical citation needed",
        "Better source needed",
        "Unreliable medical source",
        "Cita requerida",
        "Citation needed span",
        "Refnec",
    )
)


class CitationNeeded(Rule):
    """What it does: reports each claim an editor has already tagged as unsourced:
    ``[citation needed]`` in rendered text, ``{{cn}}``, ``{{citation needed}}``,
    ``{{medical citation needed}}``, ``{{better source needed}}`` in wikitext (and their
    Spanish ``cita requerida``).

    Why it matters: the tag marks a claim that readers cannot verify; a medical page
    should not be published with open tags.

    Example: ``... can lead to multinucleated host cells.{{cn|date=July 2022}}``

    How to fix: cite a reliable secondary source for the claim, or remove the claim.
    """

    code = "WL407"
    name = "citation-needed"
    severity = Severity.WARNING
    summary = "A claim is tagged as needing a citation."

    def check(self, ctx: Context) -> None:
        for template in getattr(ctx.document, "templates", None) or []:
            if str(getattr(template, "key", "")).casefold() in _CITATION_NEEDED_TEMPLATES:
                ctx.report(
                    CitationNeeded,
                    template.span,
                    f"claim tagged '{{{{{template.name}}}}}': expected a citation to a reliable source",
                    hint="cite a review or guideline for this claim, or remove the claim",
                )
        if not page_may_match(ctx, _CITATION_NEEDED):
            return  # no tag can stand in any block of the page
        for passage in article_passages(ctx, TEXT_KINDS):
            for match in _CITATION_NEEDED.pattern.finditer(passage.block.text):
                ctx.report(
                    CitationNeeded,
                    span_in(passage.block, match.start(), match.end()),
                    f"claim tagged '{match.group(0)}': expected a citation to a reliable source",
                    hint="cite a review or guideline for this claim, or remove the claim",
                )
