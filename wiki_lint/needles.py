"""Guarded patterns whose needles start a word (see :mod:`wiki_lint.prefilter`).

A needle such as "last" also occurs inside "fibroblasts", so a plain substring check
lets most pages of a medical corpus through to a pattern that starts with ``\\blast``.
A :class:`WordGuarded` pattern promises more: every match holds one of its needles at
the *start of a word* (the character before it is no word character, or there is
none).  When the folded text is ASCII (folding then keeps every character that is not
white space, lowercased, and word characters stay word characters), the check looks
for such an occurrence; otherwise it falls back to the plain substring check, which
is implied.
``tests/test_prefilter.py`` checks the claim of every guarded pattern, these included.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Any

from wiki_lint.document import Block, Document
from wiki_lint.prefilter import Guarded, fold

# As in prefilter.fold: characters re.IGNORECASE matches to an ASCII letter although
# str.lower does not make them that letter (dotless i, long s, a combining dot).
_ODD = {0x131: "i", 0x17F: "s", 0x307: None}


def lowered(text: str) -> str:
    """``text`` folded as :func:`wiki_lint.prefilter.fold` folds it, but with its white
    space kept: cheaper, and the same answer for needles without white space (all the
    needles of the patterns checked on it)."""
    lower = text.lower()
    if lower.isascii() or not ("\u0131" in lower or "\u017f" in lower or "\u0307" in lower):
        return lower
    return lower.translate(_ODD)


def starts_word(lower: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``lower`` at the start of a word."""
    index = lower.find(needle)
    while index >= 0:
        if index == 0:
            return True
        before = lower[index - 1]
        if not (before.isalnum() or before == "_"):
            return True
        index = lower.find(needle, index + 1)
    return False


class WordGuarded(Guarded):
    """A guarded pattern every match of which holds a needle at the start of a word."""

    __slots__ = ()

    def may_match(self, lower: str) -> bool:
        """Whether the pattern may match a text whose folded form is ``lower``."""
        if any_word_start(lower, self.needles):
            return True
        return self.gate is not None and super().may_match(lower)


def occurrences(lower: str, needle: str, *, word_start: bool = False) -> Iterator[int]:
    """The offsets of ``needle`` in ``lower`` (only those that start a word, if asked)."""
    index = lower.find(needle)
    while index >= 0:
        if not word_start or index == 0 or not (lower[index - 1].isalnum() or lower[index - 1] == "_"):
            yield index
        index = lower.find(needle, index + 1)


def matches_at_starts(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern none of whose matches is empty and each
    of which starts at one of the offsets ``starts`` (ascending): the pattern is tried
    only there (``pattern.match(text, pos)`` sees the text before ``pos`` for ``\\b``
    and lookbehinds), left to right and without overlaps, as ``finditer`` does."""
    match = pattern.match
    end = 0
    for start in starts:
        if start < end:
            continue
        found = match(text, start)
        if found is not None:
            yield found
            end = max(found.end(), start + 1)


def starts_of(lower: str, needles: tuple[str, ...]) -> list[int]:
    """The offsets, ascending, at which one of ``needles`` occurs in ``lower`` (an
    offset twice if two needles start there)."""
    found: list[int] = []
    find = lower.find
    for needle in needles:
        index = find(needle)
        while index >= 0:
            found.append(index)
            index = find(needle, index + 1)
    found.sort()
    return found


# --- words looked for in every page, found together ----------------------------------
#
# Several rules ask a page's folded texts (FoldedTexts) which of them hold a word ("licen",
# "from", "<ref", "last" ...): a dozen scans of the page with str.find.  The words they
# register here are found by one Aho-Corasick pass instead (ahocorasick-rs), every
# occurrence of every word, overlapping ones included; each question then looks at the
# occurrences of its word.  A word nobody registered is looked for with str.find.

_PAGE_WORDS: dict[str, int] = {}  # word -> its index in the automaton
_AUTOMATON: list[Any] = [None, 0]  # the automaton and how many words it was built with


def register_page_words(words: Iterable[str]) -> None:
    """Add ``words`` to those every page's texts are searched for in one pass."""
    for word in words:
        _PAGE_WORDS.setdefault(word, len(_PAGE_WORDS))


def _page_automaton() -> tuple[Any, int]:
    """The automaton of the registered words and how many it holds (``None`` when
    ahocorasick-rs is not installed: the words are then looked for one by one)."""
    automaton, size = _AUTOMATON
    if size != len(_PAGE_WORDS):
        try:
            import ahocorasick_rs
        except ImportError:  # pragma: no cover  (a declared dependency)
            return None, 0
        automaton = ahocorasick_rs.AhoCorasick(list(_PAGE_WORDS), matchkind=ahocorasick_rs.MatchKind.Standard)
        size = len(_PAGE_WORDS)
        _AUTOMATON[:] = [automaton, size]
    return automaton, size


def word_finder(words: tuple[str, ...]) -> Any:
    """An Aho-Corasick automaton of ``words`` (built once per tuple), or ``None`` when
    ahocorasick-rs is not installed."""
    found = _FINDERS.get(words)
    if found is None:
        try:
            import ahocorasick_rs
        except ImportError:  # pragma: no cover  (a declared dependency)
            return None
        found = _FINDERS[words] = ahocorasick_rs.AhoCorasick(list(words), matchkind=ahocorasick_rs.MatchKind.Standard)
    return found


_FINDERS: dict[tuple[str, ...], Any] = {}


# Bytes: ASCII digits -> "0", everything else -> " ".
_DIGITS = bytes(ord("0") if chr(code) in "0123456789" else ord(" ") for code in range(256))


class FoldedTexts:
    """Several texts (a page's blocks) folded (:func:`lowered`: for patterns whose
    needles hold no white space) and joined once, so a guarded pattern's needles are
    looked for in the page once rather than in every block.

    :meth:`holding` answers, for all texts at once, what ``guarded.may_match`` answers
    for each text (or a superset of it: a needle may only occur where the pattern may
    match)."""

    __slots__ = ("folded", "page", "starts", "ascii", "_found", "_occurrences", "_words")

    def __init__(self, texts: list[str]) -> None:
        self.folded = [lowered(text) for text in texts]
        self.page = "\n".join(self.folded)
        self.starts: list[int] = []
        offset = 0
        for text in self.folded:
            self.starts.append(offset)
            offset += len(text) + 1
        self.ascii = self.page.isascii()
        self._found: dict[tuple[str, bool], frozenset[int]] = {}
        self._occurrences: dict[str, list[int]] | None = None
        self._words = 0  # how many registered words the occurrences cover

    def with_digits(self, run: int) -> set[int]:
        """The indices of the texts that may hold ``run`` digits in a row (``\\d{run}``):
        on ASCII text, those that do; otherwise all of them."""
        if not self.ascii:
            return set(range(len(self.folded)))
        digits = self.page.encode("ascii").translate(_DIGITS)
        wanted = b"0" * run
        found: set[int] = set()
        index = digits.find(wanted)
        while index >= 0:
            text = bisect.bisect_right(self.starts, index) - 1
            found.add(text)
            following = self.starts[text + 1] if text + 1 < len(self.starts) else len(digits)
            index = digits.find(wanted, following)
        return found

    def holding(self, guarded: Guarded) -> set[int]:
        """The indices of the texts ``guarded`` may match."""
        if guarded.gate is not None or any(needle != "".join(needle.split()) for needle in guarded.needles):
            return {index for index, lower in enumerate(self.folded) if guarded.may_match(fold(lower))}
        word_start = self.ascii and isinstance(guarded, WordGuarded)
        found: set[int] = set()
        for needle in guarded.needles:
            found |= self.texts_with(needle, word_start=word_start)
        return found

    def texts_with(self, needle: str, *, word_start: bool = False) -> frozenset[int]:
        """The indices of the texts in which ``needle`` occurs (at the start of a word,
        if asked and the texts are ASCII), each needle looked for once."""
        word_start = word_start and self.ascii
        key = (needle, word_start)
        found = self._found.get(key)
        if found is None:
            found = frozenset(self._texts_with(needle, word_start))
            self._found[key] = found
        return found

    def occurrences_of(self, word: str) -> list[int] | None:
        """The offsets in :attr:`page`, ascending, at which ``word`` (a registered word)
        occurs, from the one pass of the page for every registered word; ``None`` for a
        word that pass does not look for."""
        if self._occurrences is None:
            automaton, self._words = _page_automaton()
            found: dict[str, list[int]] = {}
            if automaton is not None:
                words = list(_PAGE_WORDS)
                for index, start, _ in automaton.find_matches_as_indexes(self.page, overlapping=True):
                    found.setdefault(words[index], []).append(start)
                for offsets in found.values():
                    offsets.sort()
            self._occurrences = found
        index = _PAGE_WORDS.get(word)
        if index is None or index >= self._words:
            return None
        return self._occurrences.get(word, [])

    def _texts_with(self, needle: str, word_start: bool) -> set[int]:
        page, starts = self.page, self.starts
        offsets = self.occurrences_of(needle)
        if offsets is not None:
            found_in: set[int] = set()
            for index in offsets:
                if word_start and index > 0 and (page[index - 1].isalnum() or page[index - 1] == "_"):
                    continue
                found_in.add(bisect.bisect_right(starts, index) - 1)
            return found_in
        find = page.find
        found: set[int] = set()
        index = find(needle)
        while index >= 0:
            if word_start and index > 0 and (page[index - 1].isalnum() or page[index - 1] == "_"):
                index = find(needle, index + 1)
                continue
            text = bisect.bisect_right(starts, index) - 1
            found.add(text)
            index = find(needle, starts[text + 1]) if text + 1 < len(starts) else -1  # on to the next text
        return found


def words_starting(lower: str, needles: tuple[str, ...]) -> set[str]:
    """The needles that start a word of ``lower`` (that occur in it, when ``lower`` is
    not ASCII): for each needle, what :func:`any_word_start` answers, in one call."""
    if not lower.isascii():
        return {needle for needle in needles if needle in lower}
    found = set()
    find = lower.find
    for needle in needles:
        index = find(needle)
        while index >= 0:
            if index == 0 or not (lower[index - 1].isalnum() or lower[index - 1] == "_"):
                found.add(needle)
                break
            index = find(needle, index + 1)
    return found


def any_word_start(lower: str, needles: tuple[str, ...]) -> bool:
    """Whether one of ``needles`` starts a word of ``lower`` (occurs in it, when
    ``lower`` is not ASCII): what a :class:`WordGuarded` with these needles checks."""
    if not lower.isascii():
        return any(needle in lower for needle in needles)
    return any(starts_word(lower, needle) for needle in needles)


# The last document asked about, its blocks and chrome, and their folded texts.
_page: list[tuple[Document, list[Block], FoldedTexts]] = []


def page_texts(doc: Document) -> tuple[list[Block], FoldedTexts]:
    """The page's body blocks and chrome (as paragraph blocks), in source order, and
    their folded texts; the last page's answer is kept, as several rules ask in a row.
    Callers must not change the list."""
    for cached, blocks, texts in _page[-1:]:
        if cached is doc:
            return blocks, texts
    blocks = doc.blocks()
    blocks += [Block("paragraph", chrome.text, chrome.span) for chrome in doc.chrome]
    texts = FoldedTexts([block.text for block in blocks])
    _page[:] = [(doc, blocks, texts)]
    return blocks, texts
