"""WL312-WL315: the license resolves to a real license, one license for the page, and
reused text carries its attribution (Creative Commons TASL).

``vague-license`` (WL311, schema) reports a license with no version or "or similar";
the rules here take over once a license is specific: it must be a license the SPDX list
knows (:mod:`wiki_lint.licenses`), every statement of it on the page must agree, and
text the page says it reused must be attributed (:mod:`wiki_lint.attribution`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiki_lint.attribution import CLAIM_WORDS, Claim, claims, names_source, starts_with_label, tasl_missing
from wiki_lint.document import Block, Document, Span
from wiki_lint.extract import section_content
from wiki_lint.findings import Severity
from wiki_lint.licenses import PUBLIC_DOMAIN, display, mentions, resolve
from wiki_lint.needles import WordGuarded, page_texts, register_page_words
from wiki_lint.prefilter import Lazy
from wiki_lint.prose import memoized
from wiki_lint.rules.base import Context, Rule
from wiki_lint.schema import EntrySchema, normalize_name

LICENSE_KEYS = ("license", "licence")
# Document.metadata keys an HTML reader may fill with the footer's license line.
FOOTER_KEYS = ("license", "footer_license", "content_license", "copyright")
_STATEMENT_WORDS = ("licen", "available", "released", "published", "distributed", "provided", "offered")
_STATEMENT = WordGuarded(
    r"\b(?:(?:dual[\s-])?licen[cs]ed|available|released|published|distributed|provided|offered)\s+(?:\w+\s+){0,2}?under\b|^\s*licen[cs]e\s*:|\blicen[cs]e\s*:",
    re.IGNORECASE | re.MULTILINE,
    needles=_STATEMENT_WORDS,
)
register_page_words((*_STATEMENT_WORDS, *CLAIM_WORDS))  # asked of every page (statements, page_claims)
_MEDIA = Lazy(
    r"\b(?:images?|photos?|photographs?|pictures?|figures?|media|icons?|illustrations?|logos?|videos?|templates?)\b", re.IGNORECASE
)
_TEXT = Lazy(r"\b(?:text|content|article|page|entry|material|wiki)\b", re.IGNORECASE)
_APPENDIX_PARTS = ("references", "further_reading", "external_links", "notes")
_TAGLINE = Lazy(r"\bFrom\s+Wikipedia,\s+the\s+free\s+encyclopedia\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Statement:
    """A license statement: where it is, how reports name that place, what it names."""

    where: str
    span: Span
    keys: frozenset[str]


class UnknownLicense(Rule):
    """What it does: reports a license that is specific (it has a version, or is an
    SPDX expression in front matter) but is no license in the SPDX license list, such
    as ``license: CC-BY-SA-4`` or "License: Open Content License 2.0".

    Why it matters: reusers must be able to look the license up; a misspelt or invented
    license is as good as none, and tools that read front matter expect SPDX ids.

    Example: front matter ``license: CC-BY-SA-5.0`` (there is no version 5.0).

    How to fix: use the SPDX id (``CC-BY-SA-4.0``, ``CC-BY-4.0``, ``CC0-1.0``,
    ``GFDL-1.3-or-later``) or the license's usual name with its version ("CC BY-SA 4.0").
    """

    code = "WL312"
    name = "unknown-license"
    severity = Severity.WARNING
    summary = "The license names no license in the SPDX list."

    def check(self, ctx: Context) -> None:
        found = ctx.entry.found.get("license")
        if found is None or not found.value.strip():
            return
        value = found.value.strip()
        if not _specific(value) or resolve(value):
            return  # vague-license reports what is not specific
        ctx.report(
            UnknownLicense,
            found.value_span,
            f"the license '{_short(value)}' is not a license of the SPDX list: expected e.g. CC BY-SA 4.0 (SPDX CC-BY-SA-4.0)",
            hint="name the license by its SPDX id (CC-BY-SA-4.0, CC-BY-4.0, CC0-1.0, GFDL-1.3-or-later) or its usual name with version",
            part="license",
        )


class ConflictingLicense(Rule):
    """What it does: reports license statements on one page that disagree: front
    matter ``license``, the License section or line, the credits, text such as "Content
    is available under ...", and the footer an HTML reader captures.  Statements about
    images or templates only, and the license of reused text named in an attribution
    line, are not compared.  A statement naming several licenses (dual licensing)
    agrees with any statement sharing one of them.

    Why it matters: a reuser cannot comply with two licenses that disagree (CC BY-SA 3.0
    in the credits, 4.0 in the footer; CC BY in front matter, CC BY-SA on the page);
    it is usually a stale template or a copied footer.

    Example: front matter ``license: CC-BY-4.0`` and a footer "Content is available
    under CC BY-SA 4.0 unless otherwise noted."

    How to fix: decide the page's license and state it the same way everywhere, or say
    which part of the page each license covers.
    """

    code = "WL313"
    name = "conflicting-license"
    severity = Severity.ERROR
    summary = "Two license statements on the page disagree."

    def check(self, ctx: Context) -> None:
        found = [s for s in statements(ctx) if s.keys]
        if len(found) < 2:
            return
        first = found[0]
        for other in found[1:]:
            if other.keys & first.keys:
                continue
            ctx.report(
                ConflictingLicense,
                other.span,
                f"{other.where} says {_names(other.keys)} but {first.where} (line {first.span.line}) says {_names(first.keys)}: expected one license for the page's text",
                hint="state the same license everywhere, or say which part of the page each license covers",
                part="license",
            )


class MissingAttribution(Rule):
    """What it does: reports text that says it comes from Wikipedia or the US National
    Library of Medicine (MedlinePlus, NCBI Gene and RefSeq, Genetics Home Reference)
    when no attribution line names that source together with its license or public
    domain status.  Claims are statements such as "adapted from MedlinePlus", "uses
    material from the Wikipedia article ...", "From Wikipedia, the free encyclopedia",
    "[provided by RefSeq, Jul 2008]"; site-wide image credits are not claims.
    Wikipedia's tagline "From Wikipedia, the free encyclopedia" on a page whose license
    is CC BY-SA or GFDL is Wikipedia's own page (or a mirror under its license) and is
    not reported.

    Why it matters: Wikipedia text is CC BY-SA (4.0 since 2023, 3.0 before), which
    requires attribution with the license; NLM text is public domain but is attributed
    by convention, and readers should know where medical text came from.

    Example: "Most of this text is adapted from MedlinePlus." and no other mention.

    How to fix: add the attribution line: "This article incorporates text from the
    United States National Library of Medicine, which is in the public domain." or
    "This article uses material from the Wikipedia article 'X' (https://...), by
    Wikipedia contributors, released under CC BY-SA 4.0."
    """

    code = "WL314"
    name = "missing-attribution"
    severity = Severity.WARNING
    summary = "Reused text lacks its attribution line."

    def check(self, ctx: Context) -> None:
        found = page_claims(ctx.document)
        attributed = {claim.source for _, claim in found if claim.attributed}
        attributed |= _front_matter_attributions(ctx.document)
        share_alike = any(key.startswith(("CC-BY-SA-", "GFDL-")) for s in statements(ctx) for key in s.keys)
        reported: set[str] = set()
        for block, claim in found:
            if not claim.source or claim.source in attributed or claim.source in reported:
                continue
            if _TAGLINE.search(claim.sentence) and share_alike:
                continue  # Wikipedia's own page (or a mirror) under Wikipedia's license
            reported.add(claim.source)
            ctx.report(
                MissingAttribution,
                _claim_span(block, claim),
                f"the text says it comes from {claim.source} but the page has no attribution line naming {claim.source} and its license",
                hint=_attribution_hint(claim.source),
                part="credits",
            )


class IncompleteAttribution(Rule):
    """What it does: reports an attribution line for reused Creative Commons material
    that lacks one of the TASL elements: Title (a quoted title, link text or "the
    article X"), Author ("by ...", "contributors", "authors"; a link to the source also
    counts, as the source's history names the authors), Source (a link, DOI, or a named
    source such as Wikipedia) and License.  Public-domain attributions need only the
    source and are not checked.

    Why it matters: Creative Commons licenses require attribution with title, author,
    source and license (the TASL rule of thumb); a line that names only the license
    does not meet the license's terms.

    Example: "This article uses material from Wikipedia, released under CC BY-SA 4.0."
    (no title, no author).

    How to fix: name the work, its authors, where it is and the license: "Adapted from
    'Interleukin 34' (https://en.wikipedia.org/wiki/Interleukin_34) by Wikipedia
    contributors, CC BY-SA 4.0."
    """

    code = "WL315"
    name = "incomplete-attribution"
    severity = Severity.WARNING
    summary = "An attribution line lacks title, author, source or license (TASL)."

    def check(self, ctx: Context) -> None:
        for block, claim in page_claims(ctx.document):
            if not claim.attributed or claim.public_domain:
                continue
            missing = tasl_missing(claim)
            if not missing:
                continue
            ctx.report(
                IncompleteAttribution,
                _claim_span(block, claim),
                f"the attribution lacks its {' and '.join(missing)}: expected title, author, source and license (TASL)",
                hint="name the work's title, its author(s), a link to the source and the license, e.g. \"'X' by Y (https://...), CC BY-SA 4.0\"",
                part="credits",
            )


def statements(ctx: Context) -> list[Statement]:
    """The page's license statements in reading order: front matter, then the body
    and chrome, then the footer metadata (computed once per page)."""
    return memoized(ctx, "license-statements", lambda: _statements(ctx))  # type: ignore[no-any-return]


def _statements(ctx: Context) -> list[Statement]:
    doc = ctx.document
    found: list[Statement] = []
    for key in LICENSE_KEYS:
        value = (doc.front_matter or {}).get(key)
        if isinstance(value, str) and value.strip():
            span = doc.front_matter_spans.get(key, doc.file_start())
            found.append(Statement(f"front matter '{key}'", span, frozenset(resolve(value))))
    license_part = ctx.entry.found.get("license")
    license_blocks = {id(b) for b in license_part.blocks} if license_part and license_part.via == "heading" else set()
    blocks, texts = page_texts(doc)
    stating = set().union(*(texts.texts_with(word, word_start=True) for word in _STATEMENT_WORDS))
    for index in _body_indices(ctx, blocks):
        block = blocks[index]
        is_license_section = id(block) in license_blocks
        if not (is_license_section or (index in stating and _STATEMENT.pattern.search(block.text))) or _about_media_only(block.text):
            continue
        lower = texts.folded[index]
        if not is_license_section and claims(block.text, lower):
            continue  # an attribution line names the reused text's license, not the page's
        keys = frozenset(m.spdx for m in mentions(block.text, lower) if m.spdx)
        if keys:
            found.append(Statement(_where(ctx, block), block.span, keys))
    for key in FOOTER_KEYS:
        value = doc.metadata.get(key)
        if isinstance(value, str) and value.strip():
            keys = frozenset(resolve(value))
            if keys and not any(s.keys == keys and s.where == "the footer" for s in found):
                found.append(Statement("the footer", _line_of(doc, doc.metadata.get(f"{key}_text") or value), keys))
    return found


# The last document asked about and its claims (a one-slot cache; see page_claims).
_memo: list[tuple[Document, list[tuple[Block, Claim]]]] = []


def page_claims(doc: Document) -> list[tuple[Block, Claim]]:
    """Every reuse claim on the page with the block that holds it (the last page's
    answer is kept: two rules ask in a row)."""
    for cached, answer in _memo[-1:]:
        if cached is doc:
            return answer
    blocks, texts = page_texts(doc)
    candidates = set().union(*(texts.texts_with(word, word_start=True) for word in CLAIM_WORDS))
    candidates.update(index for index, lower in enumerate(texts.folded) if starts_with_label(lower))
    out = [(blocks[index], claim) for index in sorted(candidates) for claim in claims(blocks[index].text, texts.folded[index])]
    _memo[:] = [(doc, out)]
    return out


# (schema id, lang) -> (schema, its appendix headings normalized): the same few
# schemas serve every page.
_APPENDIX: dict[tuple[int, str | None], tuple[EntrySchema, frozenset[str]]] = {}


def _appendix_headings(schema: EntrySchema, lang: str | None) -> frozenset[str]:
    """The normalized headings of the schema's appendix parts (in ``lang``)."""
    cached = _APPENDIX.get((id(schema), lang))
    if cached is not None and cached[0] is schema:
        return cached[1]
    names: set[str] = set()
    for part in _APPENDIX_PARTS:
        spec = schema.parts.get(part)
        if spec:
            names.update(normalize_name(h) for h in spec.heading_names(lang))
    _APPENDIX[(id(schema), lang)] = (schema, frozenset(names))
    return frozenset(names)


def _body_indices(ctx: Context, blocks: list[Block]) -> list[int]:
    """The indices of the body and chrome ``blocks`` outside the appendix sections (a
    citation's "CC BY 4.0" is the cited work's license)."""
    doc = ctx.document
    appendix = _appendix_headings(ctx.schema, ctx.entry.lang)
    skip: set[int] = set()
    for index, section in enumerate(doc.sections):
        if normalize_name(section.heading.text) in appendix:
            skip.update(id(b) for b in section_content(doc, index, ctx.entry))
    return [index for index, block in enumerate(blocks) if id(block) not in skip]


def _about_media_only(text: str) -> bool:
    """A statement about images or templates, not the page's text: its subject (the
    words before "licensed under") names media before it names any text ("Images on
    this page are ..." is about media, "Text and images are ..." is not)."""
    statement = _STATEMENT.pattern.search(text)
    subject = text[: statement.start()] if statement else text
    sentence_start = max(subject.rfind(". "), subject.rfind("\n"))
    subject = subject[sentence_start + 1 :]
    media, words = _MEDIA.search(subject), _TEXT.search(subject)
    return media is not None and (words is None or media.start() < words.start())


def _specific(value: str) -> bool:
    return bool(re.search(r"\d\.\d|\bcc0\b|public[\s-]domain", value, re.IGNORECASE)) and not re.search(
        r"\bor\s+(?:similar|(?:an)?other|equivalent)\b|\betc\b", value, re.IGNORECASE
    )


def _where(ctx: Context, block: Block) -> str:
    for name, part in ctx.entry.found.items():
        if any(b is block for b in part.blocks):
            title = ctx.schema.parts[name].title if name in ctx.schema.parts else name
            return f"the {title.lower()}" if name in ("credits", "disclaimer") else f"the {title} part"
    return f"the text on line {block.span.line}"


def _line_of(doc: Document, text: str) -> Span:
    """Where a metadata value stands in the source lines (the file start if nowhere)."""
    probe = text.strip()[:60]
    for number, line in enumerate(doc.lines, start=1):
        column = line.find(probe)
        if column >= 0:
            return Span(number, column + 1, number, column + 1 + len(probe))
    return doc.file_start()


def _front_matter_attributions(doc: Document) -> set[str]:
    """Sources attributed in front matter (``source``/``attribution`` with a license)."""
    found = set()
    for key in ("attribution", "source", "sources"):
        value = (doc.front_matter or {}).get(key)
        text = " ".join(map(str, value)) if isinstance(value, list) else str(value or "")
        for claim_source in ("Wikipedia", "the US National Library of Medicine"):
            if text and names_source(text, claim_source) and mentions(text):
                found.add(claim_source)
    return found


def _claim_span(block: Block, claim: Claim) -> Span:
    line, column = block.position(claim.start)
    end_line, end_column = block.position(claim.end)
    return Span(line, column, end_line, end_column)


def _attribution_hint(source: str) -> str:
    if source == "Wikipedia":
        return "add: 'This article uses material from the Wikipedia article \"X\" (link) by Wikipedia contributors, released under CC BY-SA 4.0.'"
    return "add: 'This article incorporates text from the United States National Library of Medicine, which is in the public domain.'"


def _names(keys: frozenset[str]) -> str:
    return " or ".join(display(k) for k in sorted(keys))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["PUBLIC_DOMAIN", "ConflictingLicense", "IncompleteAttribution", "MissingAttribution", "UnknownLicense"]
