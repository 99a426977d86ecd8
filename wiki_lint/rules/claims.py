"""WL501-WL505: claims and language in the article text.

Each rule reads the article's prose (see :mod:`wiki_lint.prose`: the lead and the
sections, without disclaimer, credits, license, references and appendix sections) one
sentence at a time, and points at the offending words, not at the paragraph.
Patterns are English; rule options add phrases for other wordings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from wiki_lint import safe_regex
from wiki_lint.document import Block
from wiki_lint.findings import Severity
from wiki_lint.prefilter import Guarded, Lazy, fold
from wiki_lint.prose import (
    article_passages,
    citation_markers_unknown,
    mask_references,
    memoized,
    page_may_match,
    sentence_cited,
    sentences_of_masked,
    span_in,
)
from wiki_lint.rules import options
from wiki_lint.rules.base import Context, Rule


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a block: its text (references masked), its offsets, and whether
    a citation supports it (see :func:`wiki_lint.prose.sentence_cited`)."""

    block: Block
    start: int
    end: int
    text: str
    has_citation: bool
    lower: str  # the text folded for needle checks (wiki_lint.prefilter.fold)

    def cited(self) -> bool:
        return self.has_citation


def sentences_that_may_match(ctx: Context, pattern: Guarded) -> Iterator[Sentence]:
    """The article's sentences, in source order, that may hold a match of ``pattern``:
    the others cannot (none of its needles is in them), so a page or a block without a
    needle is not even split into sentences."""
    if not page_may_match(ctx, pattern):  # the prose's blocks are among the page's
        return
    for passage in article_passages(ctx):
        if _block_may_match(ctx, passage.block, pattern):
            yield from (sentence for sentence in _block_sentences(ctx, passage.block) if pattern.may_match(sentence.lower))


def _block_may_match(ctx: Context, block: Block, pattern: Guarded) -> bool:
    """Whether ``pattern`` may match a sentence of ``block`` (reference masking only
    blanks text out, so a needle in a sentence of the block is in it too): asked of
    the block's lowercased text when it is ASCII, else of its folded text."""
    lowered = memoized(ctx, ("block-lowered", id(block)), block.text.lower)
    if lowered.isascii():
        return pattern.may_match_lowered(lowered)
    return pattern.may_match(memoized(ctx, ("block-folded", id(block)), lambda: fold(block.text)))


def _block_sentences(ctx: Context, block: Block) -> list[Sentence]:
    """The sentences of one prose block (once per page and block)."""

    def compute() -> list[Sentence]:
        out = []
        masked = mask_references(block.text)
        bounds = sentences_of_masked(block.text, masked, each_line=block.kind == "list")
        for index, (start, end) in enumerate(bounds):
            next_start = bounds[index + 1][0] if index + 1 < len(bounds) else None
            cited = sentence_cited(ctx, block, start, end, next_start)
            text = masked[start:end]
            out.append(Sentence(block, start, end, text, cited, fold(text)))
        return out

    return memoized(ctx, ("block-sentences", id(block)), compute)  # type: ignore[no-any-return]


def _report_match(ctx: Context, rule: type[Rule], sentence: Sentence, match: re.Match[str], message: str, hint: str) -> None:
    start, end = sentence.start + match.start(), sentence.start + match.end()
    ctx.report(rule, span_in(sentence.block, start, end), message, hint=hint)


def _report_matches(
    ctx: Context, rule: type[Rule], sentence: Sentence, matches: list[re.Match[str]], what: str, expected: str, hint: str
) -> None:
    """One finding for all ``matches`` in one sentence, spanning the first to the last."""
    start, end = sentence.start + matches[0].start(), sentence.start + matches[-1].end()
    quoted = ", ".join(f"'{m.group(0)}'" for m in matches)
    ctx.report(rule, span_in(sentence.block, start, end), f"{what} {quoted}: {expected}", hint=hint)


# --- unsourced statistics ----------------------------------------------------------

_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,.]*)"
_STATISTIC = Guarded(
    rf"""
    (?<![\w.])\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b)(?!\s*(?:w/v|w/w|v/v|cream|gel|ointment|solution|dextrose|saline|lidocaine|glucose|alcohol|ethanol|sodium|chlorhexidine|povidone|bupivacaine|strength|concentration|CI\b|confidence))
  | \b{_NUMBER_WORD}\s+(?:in|out\s+of)\s+(?:every\s+)?{_NUMBER_WORD}\s+(?:people|persons|patients|adults|children|women|men|infants|newborns|births|cases|individuals|americans|deaths)\b
  | \b\d[\d,.]*\s+(?:per|in)\s+(?:1,000,000|100,000|10,000|1,000|100000|10000|1000|100|million)\b
  | \b\d[\d,.]*\s*(?:million|billion)\s+(?:people|persons|patients|adults|children|women|men|cases|deaths|americans)\b
  | \b\d+(?:[.,]\d+)?[-\s]fold\s+(?:higher|lower|greater|increase|increased|decrease|reduced|risk)\b
  | \b(?:twice|thrice|half|\d+(?:\.\d+)?\s+times|(?:two|three|four|five|ten)\s+times)\s+(?:more|less|as)\s+likely\b
    """,
    re.IGNORECASE | re.VERBOSE,
    needles=("%", "cent", "100", ",000", "million", "billion", "fold", "likely"),
    # "1 in 10 people": the words around it are common alone, the figure is not
    gate=r"in (?:every )?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d)|out of (?:every )?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d)",
)


# Words that make a number a claim about people or outcomes (a "0.5%" after a drug
# name is a concentration, "50% of patients" is a statistic).
_STATISTIC_CUE = Lazy(
    r"\b(?:of|in|among|risk|rates?|mortality|survival|sensitivity|specificity|efficacy|effective|chance|"
    r"likelihood|incidence|prevalence|patients|people|cases|population|reduc\w*|increas\w*|decreas\w*|"
    r"success\w*|fail\w*|die|dies|died|deaths?|occurs?|develops?|affects?|approximately|about|around|"
    r"nearly|almost|over|more\s+than|less\s+than|fewer\s+than|up\s+to|will|have|has)\b|[~<>≈]",
    re.IGNORECASE,
)


class UnsourcedStatistic(Rule):
    """What it does: reports a sentence that states a statistic (a percentage, "1 in
    10 people", "5 per 100,000", "2 million patients", "3-fold higher risk", "twice as
    likely") with no citation marker in the sentence or right after it.  Percentages
    that are concentrations ("1% cream", "5% dextrose", "ropivacaine 0.5%": no word
    about people, rates or outcomes in the sentence) and confidence levels are not
    statistics.

    Why it matters: numbers carry authority; an unsourced rate or risk figure cannot be
    checked and is often outdated or invented (HONcode justifiability, JAMA attribution).

    Example: "About 30% of patients develop the disease within ten years."

    How to fix: cite the review or registry the figure comes from, right after the
    sentence.
    """

    code = "WL501"
    name = "unsourced-statistic"
    severity = Severity.WARNING
    summary = "A statistic is stated without a citation."

    def check(self, ctx: Context) -> None:
        if citation_markers_unknown(ctx):
            return
        for sentence in sentences_that_may_match(ctx, _STATISTIC):
            match = _STATISTIC.search(sentence.text, sentence.lower)
            if match is None or sentence.cited() or not _STATISTIC_CUE.search(sentence.text):
                continue
            _report_match(
                ctx,
                UnsourcedStatistic,
                sentence,
                match,
                f"statistic '{match.group(0).strip()}' has no citation: expected a source for the figure",
                "cite the review, guideline or registry the figure comes from, right after the sentence",
            )


# --- absolute claims ---------------------------------------------------------------

_NEGATION_BEFORE = Lazy(
    r"\b(?:no|not|never|nothing|cannot|can't|isn't|aren't|doesn't|don't|without|neither|nor)\b(?:\s+\w+){0,3}\s*$", re.IGNORECASE
)
_ABSOLUTE = Guarded(
    r"""
    \b(?:completely|permanently|totally|fully|definitely|instantly|always)\s+(?:cures?|reverses?|eliminates?|eradicates?|heals?|prevents?)\b
  | \b(?:can|will|does|that|which|it)\s+cure\b
  | \bcures\b(?!\s+(?:rate|rates))
  | \b(?:is|are|as)\s+(?:a|the)\s+(?:permanent\s+|definitive\s+|natural\s+)?cure\s+for\b
  | \bguarantee(?:d|s)?\b
  | \b100\s?(?:%|percent|per\s?cent)\s+(?:effective|safe|cure[ds]?|curable|success(?:ful)?|natural|reversible|guaranteed|protection)\b
  | \bup\s+to\s+\d+\s?(?:%|percent|per\s?cent)\s+(?:reversible|curable|effective|cured|success(?:ful)?|improvement|reduction|remission)\b
  | \b(?:miracle|magic)\s+(?:cure|drug|pill|treatment|remedy)\b
  | \bno\s+side[\s-]effects?\b
  | \b(?:completely|totally|perfectly|absolutely)\s+(?:safe|harmless|risk[\s-]free)\b
  | \brisk[\s-]free\b
  | \bproven\s+to\s+(?:cure|reverse|prevent|eliminate|heal)\b
  | \bnever\s+fails?\b
  | \bworks\s+for\s+everyone\b
    """,
    re.IGNORECASE | re.VERBOSE,
    needles=(
        *(
            f"{adverb} {verb}"
            for adverb in ("completely", "permanently", "totally", "fully", "definitely", "instantly", "always")
            for verb in ("cure", "revers", "eliminat", "eradicat", "heal", "prevent")
        ),
        "cure", "guarantee", "100", "miracle", "magic", "no side", "harmless", "risk free", "risk-free", "proven",
        "never fail", "works for everyone",
        *(f"{adverb} safe" for adverb in ("completely", "totally", "perfectly", "absolutely")),
    ),
    gate=r"up to \d+ ?(?:%|percent|per ?cent)",  # "up to 90% reversible"
)


class AbsoluteClaim(Rule):
    """What it does: reports absolute therapeutic claims: "cures", "can cure",
    "guaranteed", "100% effective", "up to 90 percent reversible", "miracle cure", "no
    side effects", "completely safe", "proven to cure", "never fails".  Negated uses
    ("there is no cure", "does not cure") are not reported.  One finding per sentence.

    Why it matters: no treatment works for everyone; absolute claims are the mark of
    advertising, not of an encyclopedia (HONcode justifiability), and they mislead
    patients into stopping proven care.

    Example: "This diet completely reverses type 2 diabetes and is up to 90 percent
    reversible."

    How to fix: state what the evidence shows, with its limits and a citation ("in a
    2021 trial, 46% of participants were in remission after one year [3]").
    """

    code = "WL502"
    name = "absolute-claim"
    severity = Severity.WARNING
    summary = "An absolute claim ('cures', 'guaranteed', '100% effective')."

    def check(self, ctx: Context) -> None:
        for sentence in sentences_that_may_match(ctx, _ABSOLUTE):
            matches = [m for m in _ABSOLUTE.finditer(sentence.text, sentence.lower) if not _NEGATION_BEFORE.search(sentence.text[: m.start()])]
            if matches:
                _report_matches(
                    ctx,
                    AbsoluteClaim,
                    sentence,
                    matches,
                    "absolute claim" + ("s" if len(matches) > 1 else ""),
                    "expected what the evidence shows, with its limits and a source",
                    "rephrase without absolutes and cite the evidence (effect size, population, source)",
                )


# --- dosing instructions -----------------------------------------------------------

_DOSE = Guarded(
    r"\b\d+(?:[.,]\d+)?(?:\s?[-–]\s?\d+(?:[.,]\d+)?)?\s?(?:mg|g|mcg|µg|μg|ug|ml|mL|IU|units?|mEq|mmol|tablets?|capsules?|puffs?|drops?)\b(?!\s*/\s*(?:kg|m2|m²|dL|L|ml|mL))",
    gate=r"\d ?(?:mg|g|mcg|µg|μg|ug|ml|iu|unit|meq|mmol|tablet|capsule|puff|drop)",  # a figure and its unit
)
_FREQUENCY = Lazy(
    r"\b(?:once|twice|thrice|(?:one|two|three|four|\d)\s+times)\s+(?:a\s+|per\s+|each\s+)?(?:day|daily|week|weekly|month)\b"
    r"|\b(?:daily|nightly|weekly|qd|qid|tid|bid|q\d+h|prn|stat|at\s+bedtime|before\s+meals|after\s+meals|with\s+meals)\b"
    r"|\bevery\s+\d+(?:\s?[-–]\s?\d+)?\s+(?:hours?|hrs?|days?|weeks?)\b|\bper\s+day\b|\ba\s+day\b|/\s?(?:day|d|hr|h)\b"
    r"|(?<!stage )(?<!grade )(?<!class )(?<!type )\b(?:IV|IM|PO|SC|SQ|orally|by\s+mouth|intravenously|intramuscularly|subcutaneously)\b"
    r"|^\s*(?:take|give|administer|inject|start(?:\s+with)?|use)\b",
    re.IGNORECASE,
)
_DOSING_CONTEXT = Lazy(
    r"\b(?:consult|prescrib\w*|physician|doctor|pharmacist|healthcare|health\s+care|clinician|guidelines?|label(?:l?ed|ing)?|"
    r"recommended|recommendation|typical(?:ly)?|usual(?:ly)?|standard|approved|FDA|EMA|studies|study|trials?|"
    r"adults?|children|child|pediatric|paediatric|infants?|neonates?|adolescents?|elderly|older\s+people|"
    r"renal|hepatic|kidney|weight|body\s+surface|according\s+to|maximum|max(?:imum)?\s+dose|range|ranges|between)\b"
    r"|/\s?(?:kg|m2|m²)\b",
    re.IGNORECASE,
)


class DosingInstruction(Rule):
    """What it does: reports a dosing instruction without context: a dose ("500 mg",
    "2 tablets") with a frequency or route ("twice daily", "every 6 hours", "IV", "take
    ...") in a sentence or list item that names no population (adults, children,
    weight-based "/kg"), no source of the regimen (guideline, label, approved,
    studies) and no advice to consult a professional.  One finding per block (a
    list of regimens is one finding, at its first line, with the count).

    Why it matters: an encyclopedic medical entry describes treatments; it does not
    prescribe them (Manual of Style for medicine: no dosing instructions).  A bare
    regimen invites self-medication with a dose that may be wrong for the reader.

    Example: "Take 500 mg twice daily with food."

    How to fix: remove the regimen, or give it as information with its population and
    source ("The usual adult dose is 500 mg twice daily [4]; your doctor decides ...").
    """

    code = "WL503"
    name = "dosing-instruction"
    severity = Severity.WARNING
    summary = "A dosing instruction without population or professional context."

    def check(self, ctx: Context) -> None:
        by_block: dict[int, list[tuple[Sentence, int, int]]] = {}
        for sentence in sentences_that_may_match(ctx, _DOSE):
            dose = _DOSE.search(sentence.text, sentence.lower)
            if dose is None or _DOSING_CONTEXT.search(sentence.text):
                continue
            frequencies = list(_FREQUENCY.finditer(sentence.text))
            if not frequencies:
                continue
            start = min(dose.start(), frequencies[0].start())
            end = max(dose.end(), frequencies[-1].end())
            by_block.setdefault(id(sentence.block), []).append((sentence, start, end))
        for found in by_block.values():
            sentence, start, end = found[0]
            text = sentence.text[start:end]
            more = f" (and {len(found) - 1} more in this block)" if len(found) > 1 else ""
            ctx.report(
                DosingInstruction,
                span_in(sentence.block, sentence.start + start, sentence.start + end),
                f"dosing instruction without context: '{_shorten(text)}'{more}: expected no regimen, or its population, source and advice to consult a professional",
                hint="remove the regimen or state who it applies to and cite the guideline or label it comes from",
            )


# --- promotion ---------------------------------------------------------------------

_PROMOTION = Guarded(
    r"""
    (?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b
  | \b1-8\d\d-\w{3}-\w{4}\b
  | \bcall\s+(?:us\s+)?(?:now|today|for\s+an?\s+appointment)\b
  | \b(?:visit|contact|call|email|e-mail)\s+us\b
  | \b(?:(?:visit|contact|call|see|at)\s+)?our\s+(?:clinics?|cent(?:er|re)s?|practices?|office|offices|team|doctors|physicians|experts|specialists|products?|programs?|programmes?|services)\b
  | \b(?:book|schedule|make)\s+(?:an?\s+|your\s+)?(?:appointment|consultation|visit)\b
  | \bfree\s+(?:consultation|trial|evaluation|assessment)\b
  | \b(?:buy|order|shop|sign\s+up|enrol+)\s+(?:now|today|online)\b
  | \b(?:special|limited[\s-]time)\s+offer\b|\bdiscount\s+code\b|\bpromo(?:tion(?:al)?)?\s+code\b
  | \b(?:Dr|Doctor)\.?\s+(?-i:[A-Z])[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*){0,3}['’]s\s+(?:clinic|practice|cent(?:er|re)|office|program|programme|method|diet|protocol|products?)\b
  | \b(?:founder|owner|co-founder|CEO|medical\s+director)\s+of\s+(?:the\s+)?(?-i:[A-Z0-9])[\w&'-]*(?:\s+[\w&'-]+){0,5}?\s+(?:clinics?|cent(?:er|re)s?|practices?|medspa|spa|company|inc\.?|llc)\b
    """,
    re.VERBOSE | re.IGNORECASE,
    needles=(
        "1-8", "call us", "call now", "call today", "call for", "visit us", "contact us", "mail us",
        *(f"our {what}" for what in ("clinic", "cent", "practice", "office", "team", "doctor", "physician", "expert",
                                     "specialist", "product", "program", "service")),
        "appointment", "consultation", "free trial",
        *(f"{verb}{whose} visit" for verb in ("book", "schedule", "make") for whose in ("", " a", " an", " your")), "free evaluation", "free assessment",
        *(f"{verb} {when}" for verb in ("buy", "order", "shop", "up") for when in ("now", "today", "online")),
        "enrol",
        "offer", "discount code", "promo code", "promotion code", "promotional code", "founder of", "owner of", "ceo of", "director of",
        *(f"{mark}s {what}" for mark in "'’" for what in ("clinic", "practice", "cent", "office", "program", "method",
                                                            "diet", "protocol", "product")),
    ),
    gate=r"\d{3}[\s.-]\d{4}",  # a phone number holds none of the needles
)


class PromotionalContent(Rule):
    """What it does: reports promotion inside the article text: phone numbers, calls
    to action ("call now", "visit our clinic", "book an appointment", "free
    consultation", "buy now"), a doctor's own business ("Dr. X's clinic"), and a
    person introduced as founder or owner of a clinic or company.  One finding per
    sentence, naming every promotional phrase in it.

    Why it matters: HONcode asks that advertising be clearly separated from content;
    a medical entry that sells a practice or product is not neutral and readers cannot
    tell advice from marketing.

    Example: "According to Dr. A. Smith, founder of Smith weight loss centers of
    America, ..."; "Call 555-123-4567 to book an appointment."

    How to fix: remove the promotion; if the person's view matters, cite their
    published work instead of their business.
    """

    code = "WL504"
    name = "promotional-content"
    severity = Severity.WARNING
    summary = "The article text promotes a person or business."

    def check(self, ctx: Context) -> None:
        for sentence in sentences_that_may_match(ctx, _PROMOTION):
            matches = list(_PROMOTION.finditer(sentence.text, sentence.lower))
            if matches:
                _report_matches(
                    ctx,
                    PromotionalContent,
                    sentence,
                    matches,
                    "promotion in the article text:",
                    "expected neutral content without advertising",
                    "remove the promotion; cite the person's published work instead of their business",
                )


# --- spun phrases ------------------------------------------------------------------

#: Phrases that article spinners produce by replacing words with dictionary
#: "synonyms", and the words they replaced.
SPUN_PHRASES: dict[str, str] = {
    r"square\s+measures?": "are",
    r"(?:sort|kind)\s+(?:one|1|i)\s+(?:diabetes|polygenic\s+dis(?:ease|order))": "type 1 diabetes",
    r"(?:sort|kind)\s+(?:two|2|ii|a\s+pair\s+of)\s+(?:diabetes|polygenic\s+dis(?:ease|order))": "type 2 diabetes",
    r"type\s+a\s+pair\s+of\s+(?:diabetes|polygenic\s+dis(?:ease|order))": "type 2 diabetes",
    r"type\s+(?:1|one)\s+polygenic\s+dis(?:ease|order)": "type 1 diabetes",
    r"type\s+(?:2|two)\s+polygenic\s+dis(?:ease|order)": "type 2 diabetes",
    r"body[\s-]fluid\s+(?:glucose|sugar|pressure|stream|vessels?|cells?|test|levels?|clots?)": "blood (blood glucose, bloodstream ...)",
    r"malignant\s+neoplastic\s+diseases?": "cancer",
    r"conjointly": "also",
}


class SpunPhrase(Rule):
    """What it does: reports phrases that automatic "article spinners" produce when
    they swap words for dictionary synonyms: "square measure" (for "are"), "sort two
    diabetes" (type 2 diabetes), "body-fluid glucose" (blood glucose), "malignant neoplastic disease"
    (cancer), "conjointly" (also) and more (``SPUN_PHRASES`` in ``claims.py``).  Option
    ``phrases``: extra regular expressions mapped to the word they replaced.  One
    finding per phrase, at its first occurrence, with the count of the others.

    Why it matters: spun text is copied content disguised by a machine; it garbles
    medical meaning ("sort two diabetes") and shows the page was never reviewed.

    Example: "Patients with sort two diabetes square measure at higher risk."

    How to fix: rewrite the passage from a reliable source in your own words; do not
    just replace the odd phrase.
    """

    code = "WL505"
    name = "spun-phrase"
    severity = Severity.WARNING
    summary = "A phrase typical of machine-spun (synonym-swapped) text."

    def check(self, ctx: Context) -> None:
        user = options.pattern_map(ctx, SpunPhrase, "phrases")
        if not user and not page_may_match(ctx, _BUILT_IN_SPUN):
            return  # no user phrases, and no built-in phrase can occur on this page
        phrases = {phrase: word for phrase, word in SPUN_PHRASES.items() if phrase not in user}
        pattern = _phrase_pattern(tuple(phrases))
        originals = [*phrases.values(), *user.values()]
        # a user's patterns run with RE2 (linear time), never with re: they cannot hang the run
        user_patterns = [safe_regex.user_pattern(rf"(?i)\b(?:{phrase})\b") for phrase in user]
        hits: dict[int, list[tuple[Block, re.Match[str] | safe_regex.SafeMatch]]] = {}
        for passage in article_passages(ctx, _SPUN_KINDS):
            for match in pattern.finditer(passage.block.text):
                index = int(next(name for name, value in match.groupdict().items() if value is not None)[1:])
                hits.setdefault(index, []).append((passage.block, match))
            for index, user_pattern in enumerate(user_patterns, start=len(phrases)):
                for found in user_pattern.finditer(passage.block.text) if isinstance(user_pattern, safe_regex.SafePattern) else ():
                    if found.end() > found.start():
                        hits.setdefault(index, []).append((passage.block, found))
        for index, found in hits.items():
            block, match = found[0]
            more = f" (and {len(found) - 1} more on the page)" if len(found) > 1 else ""
            ctx.report(
                SpunPhrase,
                span_in(block, match.start(), match.end()),
                f"spun phrase '{match.group(0)}' (a machine synonym for '{originals[index]}'){more}: expected text written by a person",
                hint="rewrite the passage from a reliable source; spun text is copied content",
            )


_SPUN_KINDS = frozenset({"paragraph", "list", "quote", "table"})


def _phrase_source(phrases: tuple[str, ...]) -> str:
    return "|".join(f"(?P<p{i}>\\b{p}\\b)" for i, p in enumerate(phrases))


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_phrase_source(phrases), re.IGNORECASE)


# The built-in phrases as one guarded pattern: its needles say when a page cannot hold
# any of them (tests/test_prefilter.py checks them like every guarded pattern's).
_BUILT_IN_SPUN = Guarded(
    _phrase_source(tuple(SPUN_PHRASES)),
    re.IGNORECASE,
    needles=("polygenic", "neoplastic", "conjointly"),
    # The other phrases, by words common alone but rare together; every alternative
    # starts with a lowercase letter, so Python's re skips to those letters quickly.
    gate=r"square\s+measure|body[\s-]fluid|sort\s+(?:one|1|i|two|2|ii|a\s+pair)|kind\s+(?:one|1|i|two|2|ii|a\s+pair)|pair\s+of",
)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
