"""WL620-WL622: defects of the text itself: placeholders, mojibake, text cut off.

These are left behind by unfinished editing, wrong decoding, or truncating scrapers;
they are artifacts (6xx) rather than claims.  Mojibake is recognised with ``ftfy``'s
badness heuristics (the sequences that UTF-8 read as Windows-1252 or MacRoman leaves),
plus the replacement character U+FFFD, which marks bytes lost for good.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache

from wiki_lint.document import Block
from wiki_lint.findings import Severity
from wiki_lint.prefilter import Guarded, Lazy, fold
from wiki_lint.prose import TEXT_KINDS, article_passages, page_may_match, span_in, words
from wiki_lint.rules import options
from wiki_lint.rules.base import Context, Rule

# A value that is only a placeholder: a table cell, an infobox value, a list item or a
# "Label: value" line holding nothing but N/A, ?, TODO, TBD ...  A lone "?" value is
# announced by no word: the gate finds a "?" that ends a line or a table cell (in the
# folded text, where every run of white space is one space: a "?" before a space, a
# "|" or the end).
_PLACEHOLDER_VALUE = Guarded(
    r"(?:^|(?<=[|=:\t])|(?<=^[-*+•] )|(?<=:\s))[ \t]*(?P<value>N/A|n/a|\?{1,3}|TODO|TBD|TBA|FIXME|XXX|Lorem ipsum\b[^\n|]*)[ \t]*(?=$|\|)",
    re.MULTILINE,
    needles=("n/a", "todo", "tbd", "tba", "fixme", "xxx", "lorem ipsum"),
    gate=r"\?(?:[ |]|$)",
)
# Placeholders that are wrong anywhere in the text.
_PLACEHOLDER_INLINE = Guarded(
    r"\b(?:TODO|FIXME|TBD)\b(?=[:\s.)]|$)"
    r"|\bLorem ipsum\b(?:\s+dolor\s+sit\s+amet)?"
    r"|\bThis (?:article|page|section|entry) is a stub\b[^.\n]*\.?"
    r"|\bYou can help [\w' ]+ by expanding it\b\.?"
    r"|\{\{\s*(?:[\w-]+-)?stub\s*(?:\|[^{}]*)?\}\}"
    r"|\bplaceholder text\b"
    r"|\[(?:insert|add|your)\s[^\]\n]{1,40}\]",
    needles=("todo", "fixme", "tbd", "lorem ipsum", "stub", "by expanding it", "placeholder text", "[insert", "[add", "[your"),
)


# A template parameter (an infobox field) whose whole value is a placeholder, for
# readers that record templates apart from the text (``Document.templates``).
_PLACEHOLDER_PARAM = Lazy(r"^\s*(?:N/A|n/a|\?{1,3}|TODO|TBD|TBA|FIXME|XXX)\s*$")

#: The blocks whose text may hold a placeholder.
_TEXT_KINDS = TEXT_KINDS


class Placeholder(Rule):
    """What it does: reports placeholders left in the page: infobox or table values
    that are only ``N/A``, ``?``, ``TODO``, ``TBD``; ``TODO``/``FIXME``/``TBD`` in text;
    "Lorem ipsum"; stub notices ("This article is a stub", ``{{stub}}``, "You can help
    ... by expanding it"); bracketed fill-ins like ``[insert dose]``.  Empty wikitext
    template parameters (``| image =``) are not reported: MediaWiki hides them.

    Why it matters: a placeholder tells readers the entry is unfinished, and an infobox
    "N/A" for Deaths or Specialty reads as a fact ("not applicable") that is false.

    Example: an infobox row ``Specialty: N/A``; "Treatment: TODO".

    How to fix: fill in the value from a reliable source, or remove the field or line.
    """

    code = "WL620"
    name = "placeholder"
    severity = Severity.WARNING
    summary = "A placeholder (N/A, ?, TODO, Lorem ipsum, stub notice) is left in the page."

    def check(self, ctx: Context) -> None:
        for template in getattr(ctx.document, "templates", None) or []:
            for param in getattr(template, "params", []):
                if _PLACEHOLDER_PARAM.match(param.value or ""):
                    ctx.report(
                        Placeholder,
                        param.span,
                        f"placeholder '{param.value.strip()}' for '{param.name}' in {{{{{template.name}}}}}: expected real content",
                        hint="fill in the value from a reliable source, or remove the field",
                    )
        # asked of every block of article text at once (the blocks below among them)
        if not (page_may_match(ctx, _PLACEHOLDER_VALUE) or page_may_match(ctx, _PLACEHOLDER_INLINE)):
            return  # no placeholder can stand in any block of the page
        blocks = _text_blocks(ctx)
        for block in blocks:
            reported: set[int] = set()
            lower = fold(block.text)
            for match in _PLACEHOLDER_VALUE.finditer(block.text, lower):
                start, end = match.span("value")
                reported.add(start)
                self._report(ctx, block, start, end, match.group("value").strip())
            for match in _PLACEHOLDER_INLINE.finditer(block.text, lower):
                if match.start() in reported:
                    continue
                self._report(ctx, block, match.start(), match.end(), match.group(0).strip())

    @staticmethod
    def _report(ctx: Context, block: Block, start: int, end: int, text: str) -> None:
        ctx.report(
            Placeholder,
            span_in(block, start, end),
            f"placeholder '{text}' left in the page: expected real content",
            hint="fill in the value from a reliable source, or remove the field or line",
        )


def _text_blocks(ctx: Context) -> list[Block]:
    return [p.block for p in article_passages(ctx, _TEXT_KINDS)]


@lru_cache(maxsize=1)
def _badness() -> re.Pattern[str]:
    from ftfy.badness import BADNESS_RE

    return BADNESS_RE


class Mojibake(Rule):
    """What it does: reports text garbled by a wrong character decoding ("mojibake"):
    ``â€™`` for ``’``, ``‚Ä¢`` for ``•``, ``Ã©`` for ``é``, found with ftfy's
    badness heuristics, and the replacement character ``�`` (U+FFFD) where bytes were
    lost.  The message gives ftfy's repair when it has one.  Whole page: every block,
    boilerplate included.

    Why it matters: mojibake makes names, units and doses unreadable ("5 Âµg") and
    shows the text went through a broken export.

    Example: ``Patientsâ€™ blood glucose`` (should be ``Patients’``).

    How to fix: re-export the page as UTF-8, or repair it with ``ftfy.fix_text``; the
    message shows the repaired text.
    """

    code = "WL621"
    name = "mojibake"
    severity = Severity.ERROR
    summary = "Text garbled by a wrong character decoding."

    def check(self, ctx: Context) -> None:
        for block in ctx.document.blocks():
            if block.kind in ("code", "comment") or block.text.isascii():
                continue  # mojibake is made of non-ASCII characters: no need to load ftfy
            for start, end in _runs(_without_decoder_replacements(block, ctx.document.replaced_characters), _badness()):
                word_start, word_end = _widen(block.text, start, end)
                garbled = block.text[word_start:word_end]
                repaired = _repair(garbled)
                fix = f"; ftfy repairs it as '{repaired}'" if repaired != garbled else ""
                ctx.report(
                    Mojibake,
                    span_in(block, word_start, word_end),
                    f"garbled characters '{garbled}' (mojibake from a wrong decoding){fix}: expected readable text",
                    hint="re-export the page as UTF-8 or repair the text with ftfy.fix_text",
                )


def _without_decoder_replacements(block: Block, replaced: frozenset[tuple[int, int]]) -> str:
    """``block.text`` with each U+FFFD that decoding put in place of bad bytes as a space
    (same length): ``invalid-encoding`` reports those once; a U+FFFD the file really
    holds stays, and may be mojibake."""
    text = block.text
    if not replaced or "\ufffd" not in text:
        return text
    chars = list(text)
    for offset, position in _replacement_positions(block):
        if position in replaced:
            chars[offset] = " "
    return "".join(chars)


def _replacement_positions(block: Block) -> Iterator[tuple[int, tuple[int, int]]]:
    """Each U+FFFD of ``block.text`` with its (line, column), as ``Block.position`` gives
    it, in one pass over the text."""
    text = block.text
    line, last_newline, counted = block.span.line, -1, 0
    for match in re.finditer("\ufffd", text):
        offset = match.start()
        if block.locate is not None:
            yield offset, block.position(offset)
            continue
        newlines = text.count("\n", counted, offset)
        if newlines:
            line += newlines
            last_newline = text.rfind("\n", counted, offset)
        counted = offset
        yield offset, (line, block.span.column + offset) if last_newline < 0 else (line, offset - last_newline)


def _runs(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = [m.span() for m in pattern.finditer(text)]
    spans += [(m.start(), m.end()) for m in re.finditer("\ufffd+", text)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a garbled run to the whole word it sits in (no white space)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _repair(text: str) -> str:
    from ftfy import fix_text

    return fix_text(text)


#: Words a sentence cannot end with: articles, prepositions, conjunctions, auxiliaries.
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "without",
        "into",
        "onto",
        "than",
        "as",
        "and",
        "or",
        "but",
        "nor",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "their",
        "its",
        "his",
        "her",
        "our",
        "your",
        "this",
        "these",
        "those",
        "such",
        "very",
        "more",
        "most",
    ]
)
#: Characters a complete paragraph may end with (its text stripped of trailing white
#: space): sentence punctuation, closing brackets and quotes, emphasis and markup.
_END_CHARACTERS = frozenset(".!?:;…)]}\"'”’»*_`>|")
_PARAGRAPHS = frozenset({"paragraph"})


class TruncatedText(Rule):
    """What it does: reports prose cut off at the end of a section or of the page: a
    paragraph of at least ``min_words`` words (default 8) that ends without sentence
    punctuation *and* with a hyphen, a word that a sentence cannot end with ("the",
    "of", "and", "is" ...), or the beginning of a word that occurs complete elsewhere
    in the page and nowhere else ("metasta" where "metastasis" appears; not when the
    longer word is the same word with a common ending, "cancer"/"cancers").  Only the last paragraph of a
    section (or of the lead) is checked: that is where scrapers and length limits cut.

    Why it matters: a sentence cut mid-word or mid-clause loses its meaning, sometimes
    the very qualifier ("... not recommended in") a reader needs.

    Example: "In cancer, IL-34 can promote tumor growth and metasta"

    How to fix: restore the missing text from the source page, or end the sentence.
    """

    code = "WL622"
    name = "truncated-text"
    severity = Severity.WARNING
    summary = "Text cut off mid-word or mid-sentence."

    def check(self, ctx: Context) -> None:
        min_words = options.integer(ctx, TruncatedText, "min_words", 8, minimum=1)
        last_blocks: dict[int, Block] = {}
        for passage in article_passages(ctx, _PARAGRAPHS):
            last_blocks[id(passage.section)] = passage.block
        counts: Counter[str] | None = None

        def page_counts() -> Counter[str]:
            """How often each word occurs in the page (counted only when a paragraph
            ends in a word that may be cut off)."""
            nonlocal counts
            if counts is None:
                counts = Counter(m.group(0).lower() for b in ctx.document.blocks() for m in words(b.text))
            return counts

        for block in last_blocks.values():
            text = block.text.rstrip()
            if not text or text[-1] in _END_CHARACTERS:
                continue  # ends with sentence punctuation (or is empty): complete
            block_words = words(text)
            if len(block_words) < min_words:
                continue
            last = block_words[-1]
            if last.end() != len(text) and not text.endswith("-"):
                continue  # ends in a number, a symbol or markup: not judged
            word = last.group(0).lower()
            reason = _truncation(word, text, page_counts)
            if reason is None:
                continue
            start = last.start()
            ctx.report(
                TruncatedText,
                span_in(block, start, len(text)),
                f"the text ends cut off at '{text[start:]}' ({reason}): expected a complete sentence",
                hint="restore the missing text from the source, or finish the sentence",
            )


_SUFFIXES = (
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "er",
    "ers",
    "ous",
    "al",
    "ally",
    "ic",
    "ly",
    "ity",
    "ive",
    "ion",
    "ions",
    "ation",
    "ations",
    "ment",
    "ness",
    "ism",
    "ist",
    "ists",
    "ize",
    "ise",
)


def _truncation(word: str, text: str, page_counts: Callable[[], Counter[str]]) -> str | None:
    if text.endswith("-"):
        return "a word broken at a hyphen"
    if word in _DANGLING:
        return f"a sentence cannot end with '{word}'"
    if len(word) < 3:
        return None
    counts = page_counts()
    if counts[word] > 1:
        return None
    longer = sorted(o for o in counts if o.startswith(word) and len(o) >= len(word) + 2)
    if longer and not any(o[len(word) :] in _SUFFIXES for o in longer):
        return f"the start of '{longer[0]}'"
    return None
