"""Reused text and its attribution: what a page says it took from where, and whether
it says so the way the source's license asks (Creative Commons TASL: Title, Author,
Source, License).

Two kinds of statement are recognised in a block of text:

* a **reuse claim**: the text says it comes from somewhere ("uses material from the
  Wikipedia article ...", "adapted from MedlinePlus", "From Wikipedia, the free
  encyclopedia", "[provided by RefSeq, Jul 2008]");
* an **attribution line**: a reuse claim that also names the license or the public
  domain status of what was reused ("... which is released under CC BY-SA 4.0", "...
  National Library of Medicine, which is in the public domain").

Only open sources whose reuse requires (or by convention receives) an attribution line
are named: Wikipedia (CC BY-SA) and the US National Library of Medicine (MedlinePlus,
NCBI Gene and RefSeq, Genetics Home Reference: public domain).  Site-wide credits for
images ("Most images are courtesy of Wikimedia commons") are not reuse claims for text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiki_lint.licenses import PUBLIC_DOMAIN, may_mention, mentions
from wiki_lint.needles import WordGuarded, any_word_start, lowered
from wiki_lint.prefilter import Lazy

# Source name -> words that name it.
SOURCES: dict[str, str] = {
    "Wikipedia": r"(?:the\s+)?(?:English\s+|Spanish\s+|French\s+|German\s+)?Wikipedia\b",
    "the US National Library of Medicine": (
        r"(?:the\s+)?(?:(?:U\.\s?S\.|US|United\s+States)\s+)?National\s+Library\s+of\s+Medicine\b|\bNLM\b|\bMedlinePlus\b"
        r"|\bGenetics\s+Home\s+Reference\b|\bNCBI(?:\s+Gene)?\b|\bRefSeq\b|\bLiverTox\b"
    ),
}
_ANY_SOURCE = "(?:" + "|".join(f"(?P<s{i}>{pattern})" for i, pattern in enumerate(SOURCES.values())) + ")"
_WORDS = r"(?:[\w'’\"“”-]+\s+){0,4}?"
# The labels a "Source: ..." line starts with (the text starts with one, folded).
_LABELS = ("source", "text", "content", "adapted", "attribution")

# Every reuse claim names a known source: one of these words starts a word of it.
_SOURCE_WORDS = ("wikipedia", "national", "nlm", "medlineplus", "genetics", "ncbi", "refseq", "livertox")

# The reuse patterns, each with the words one of which starts a word of every match
# (besides a source word); compiled on first use.
_REUSE: tuple[WordGuarded, ...] = tuple(
    WordGuarded(pattern, re.IGNORECASE, needles=needles)
    for pattern, needles in (
        (
            r"\b(?:uses|use|incorporates|incorporate|contains|includes|reproduces|reuses)\s+(?:some\s+|public\s+domain\s+)?(?:material|text|content|information|parts?|passages?)\s+"
            + _WORDS
            + r"from\s+"
            + _WORDS
            + _ANY_SOURCE,
            ("from",),
        ),
        (
            r"\b(?:adapted|derived|reproduced|excerpted|translated|taken|copied|modified|extracted|republished|imported|quoted)\s+(?:in\s+(?:part|full)\s+)?from\s+"
            + _WORDS
            + _ANY_SOURCE,
            ("from",),
        ),
        (
            r"\b(?:based\s+(?:in\s+part\s+)?on|originally\s+(?:published|written|appeared)\s+(?:on|in|at))\s+" + _WORDS + _ANY_SOURCE,
            ("based", "originally"),
        ),
        (r"^\s*(?:Source|Sources|Text|Content|Adapted\s+from|Attribution)\s*:\s*" + _WORDS + _ANY_SOURCE, _LABELS),
        (r"\bFrom\s+(?P<s0>Wikipedia),\s+the\s+free\s+encyclopedia\b", ("from",)),
        (r"\[\s*provided\s+by\s+(?P<s1>RefSeq)\b", ("provided",)),
    )
)
# A reuse claim naming no known source counts as an attribution only with a license.
_GENERIC_REUSE = WordGuarded(
    r"\b(?:uses\s+(?:material|text|content)|incorporates\s+(?:material|text|content)|adapted|derived|reproduced|excerpted|translated|copied|modified|republished|remixed)"
    r"\s+(?:in\s+(?:part|full)\s+)?from\b|^\s*(?:Attribution|Adapted\s+from)\s*:",
    re.IGNORECASE | re.MULTILINE,
    needles=("from", "attribution"),
)


@dataclass(frozen=True, slots=True)
class Claim:
    """A reuse claim in a text: which source, where (offsets), and what it states."""

    source: str  # a key of SOURCES, or "" for a source wiki-lint does not know
    start: int
    end: int
    sentence: str
    licenses: tuple[str | None, ...]  # SPDX keys named in the sentence (None: vague)

    @property
    def attributed(self) -> bool:
        """Whether the claim names the license (or public domain status) of the source."""
        return bool(self.licenses)

    @property
    def public_domain(self) -> bool:
        return PUBLIC_DOMAIN in self.licenses


#: Words one of which starts a word of every reuse claim (generic ones included),
#: besides the labels a text may start with (:func:`starts_with_label`).
CLAIM_WORDS = ("from", "based", "originally", "provided", "attribution")
_LABEL_START = Lazy(r"\s*(?:source|text|content|adapted|attribution)")


def starts_with_label(lower: str) -> bool:
    """Whether a folded text starts with a label of a "Source: ..." line."""
    first = lower[:1]
    if not first or (first not in "stca" and not first.isspace()):
        return False  # the label, or the white space before it, would start the text
    return _LABEL_START.match(lower) is not None


def claims(text: str, lower: str | None = None) -> list[Claim]:
    """Every reuse claim in ``text``, with the license its sentence names.
    ``lower`` is ``needles.lowered(text)`` (or ``prefilter.fold(text)``) when the caller
    has it."""
    lower = lowered(text) if lower is None else lower
    found: list[Claim] = []
    if any_word_start(lower, _SOURCE_WORDS):
        for pattern in _REUSE:
            if pattern.needles is _LABELS and not starts_with_label(lower):
                continue  # anchored at the start of the text
            for match in pattern.finditer(text, lower):
                source = _source_of(match)
                if source is None:
                    continue
                start, end = _sentence_bounds(text, match.start(), match.end())
                sentence = text[start:end]
                licenses = tuple(m.spdx for m in mentions(sentence))
                if not any(c.start == start and c.source == source for c in found):
                    found.append(Claim(source, start, end, sentence, licenses))
    if may_mention(lower):
        for match in _GENERIC_REUSE.finditer(text, lower):
            start, end = _sentence_bounds(text, match.start(), match.end())
            if any(c.start <= match.start() < c.end for c in found):
                continue
            licenses = tuple(m.spdx for m in mentions(text[start:end]))
            if licenses:
                found.append(Claim("", start, end, text[start:end], licenses))
    return sorted(found, key=lambda c: c.start)


def names_source(text: str, source: str) -> bool:
    """Whether ``text`` names ``source`` (a key of :data:`SOURCES`)."""
    return re.search(SOURCES[source], text, re.IGNORECASE) is not None


def _source_of(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for index, name in enumerate(SOURCES):
        if groups.get(f"s{index}"):
            return name
    return None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around [start, end): from the previous sentence end to
    the next one, where a sentence ends at '. ' or a line break."""
    before = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "! ", "? ")))
    begin = before + 1 if before >= 0 else 0
    stops = [i for i in (text.find("\n", end), *(text.find(p, end) for p in (". ", "! ", "? "))) if i >= 0]
    finish = min(stops) + 1 if stops else len(text)
    return begin + (len(text[begin:]) - len(text[begin:].lstrip())), finish


# TASL: how each element shows in an attribution sentence.
_TITLE = Lazy(
    r"[\"“‘'][^\"”’'\n]{2,150}[\"”’']|\[[^\]\n]{2,150}\]\([^)\s]+\)|\[\[[^\]\n]{2,150}\]\]|\b(?:[Aa]rticle|[Pp]age|[Ee]ntry|[Cc]hapter)\s+(?:titled\s+|on\s+)?[A-Z][\w-]*|\bhttps?://\S+"
)
_AUTHOR = Lazy(
    r"\bby\s+(?:the\s+)?[A-Z\[]|\b(?:contributors|authors?|editors?|editorial\s+(?:team|board)|staff)\b|©|\bhttps?://\S+"
    r"|\b[A-Z][a-z]+\s+[A-Z]{1,2}\b[,.]|\b[A-Z]\.\s?[A-Z][a-z]+\b"
)
_SOURCE_LINK = Lazy(r"\bhttps?://\S+|\]\([^)\s]+\)|\bdoi:\s*10\.\d{4,}|\b10\.\d{4,}/\S+|\[\[[^\]\n]+\]\]", re.IGNORECASE)


def tasl_missing(claim: Claim) -> list[str]:
    """The TASL elements an attribution sentence lacks (title, author, source, license)."""
    sentence = claim.sentence
    missing = []
    if not _TITLE.search(sentence):
        missing.append("title")
    if not _AUTHOR.search(sentence):
        missing.append("author")
    if not (_SOURCE_LINK.search(sentence) or (claim.source and names_source(sentence, claim.source))):
        missing.append("source")
    if not claim.licenses:
        missing.append("license")
    return missing
