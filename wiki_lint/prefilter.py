"""Regular expressions that are compiled on first use and skipped when they cannot match.

Most content rules look for rare phrases ("call now", "square measure", "PMID") in every
sentence of every page.  Python's ``re`` tries each alternative of a large pattern at
every position of the text, so running a dozen such patterns over each sentence was
most of a cold check's time, although almost every sentence matches none of them.

A :class:`Guarded` pattern carries *needles*: lowercase strings of which every match
of the pattern contains at least one (and optionally a *gate*, a small pattern for
matches no fixed string announces, such as phone numbers: every match of the pattern
that holds no needle holds a match of the gate).  ``str.__contains__`` finds a needle far faster
than the pattern engine can fail, so a text none of whose needles occur in its
lowercased form is skipped without running the pattern at all.  The answers are the
same as running the pattern (``tests/test_prefilter.py`` checks the needle claim of
every guarded pattern with generated text); only the time differs.

Patterns are compiled on first use, not at import, so starting ``wiki-lint`` for one
file does not pay for the patterns of rules that never get to run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: Every guarded pattern created, for the tests that check their needles.
ALL: list[Guarded] = []

# Characters that ``re.IGNORECASE`` matches to an ASCII letter although ``str.lower``
# does not make them that letter: dotless i, long s (and the combining dot that
# ``"İ".lower()`` adds after its "i").
_FOLD = {0x131: "i", 0x17F: "s", 0x307: None}


def fold(text: str) -> str:
    """``text`` lowercased, with every run of white space made one space, for needle
    checks: every text a case-insensitive pattern matches with an ASCII needle in it
    holds that needle once folded (a needle's space stands for any ``\\s+``:
    ``str.split`` and ``re``'s ``\\s`` agree on what white space is)."""
    lower = " ".join(text.lower().split())
    if lower.isascii() or not ("\u0131" in lower or "\u017f" in lower or "\u0307" in lower):
        return lower
    return lower.translate(_FOLD)


_FEW_NEEDLES = 4  # up to this many, `in` per needle beats one regex over the text


def needle_finder(needles: tuple[str, ...]) -> re.Pattern[str]:
    """One case-sensitive pattern finding any of ``needles``: alternatives grouped by
    their first character, so ``re`` skips to those characters and tries only the
    needles that start there (several times faster than ``in`` per needle)."""
    by_first: dict[str, list[str]] = {}
    for needle in sorted(set(needles), key=len, reverse=True):
        by_first.setdefault(needle[0], []).append(re.escape(needle[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items()))


class Guarded:
    """A lazily compiled pattern with the needles that every match contains."""

    __slots__ = ("source", "flags", "needles", "gate", "_compiled", "_gate", "_needle_finder")

    def __init__(self, source: str, flags: int = 0, *, needles: tuple[str, ...] = (), gate: str | None = None) -> None:
        if not (needles or gate) or any(not needle or needle != fold(needle) for needle in needles):
            raise ValueError("needles must be non-empty folded strings (lowercase, single inner spaces, none at the ends)")
        self.source = source
        self.flags = flags
        self.needles = needles
        self.gate = gate
        self._compiled: re.Pattern[str] | None = None
        self._gate: re.Pattern[str] | None = None
        self._needle_finder: re.Pattern[str] | None = None
        ALL.append(self)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled on first use)."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def may_match(self, lower: str) -> bool:
        """Whether the pattern may match a text whose folded form (:func:`fold`) is ``lower``."""
        if not self.needles:
            pass
        elif len(self.needles) <= _FEW_NEEDLES:
            for needle in self.needles:
                if needle in lower:
                    return True
        else:
            if self._needle_finder is None:
                self._needle_finder = needle_finder(self.needles)
            if self._needle_finder.search(lower) is not None:
                return True
        if self.gate is None:
            return False
        if self._gate is None:
            self._gate = re.compile(self.gate)
        return self._gate.search(lower) is not None

    def search(self, text: str, lower: str | None = None, pos: int = 0) -> re.Match[str] | None:
        """``pattern.search(text, pos)``, skipped when no needle occurs in ``lower``
        (``fold(text)`` when not given)."""
        if not self.may_match(fold(text) if lower is None else lower):
            return None
        return self.pattern.search(text, pos)

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, nothing when no needle occurs."""
        if not self.may_match(fold(text) if lower is None else lower):
            return iter(())
        return self.pattern.finditer(text)

    def findall(self, text: str, lower: str | None = None) -> list[Any]:
        """``pattern.findall(text)``, empty when no needle occurs."""
        if not self.may_match(fold(text) if lower is None else lower):
            return []
        return self.pattern.findall(text)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """``pattern.match(text, pos)`` (no prefilter: anchored matches are cheap)."""
        return self.pattern.match(text, pos)

    def sub(self, repl: Any, text: str, lower: str | None = None) -> str:
        """``pattern.sub(repl, text)``, ``text`` itself when no needle occurs."""
        if not self.may_match(fold(text) if lower is None else lower):
            return text
        return self.pattern.sub(repl, text)

    def __repr__(self) -> str:
        return f"Guarded({self.source[:40]!r}..., needles={self.needles!r})"


class Lazy:
    """A pattern compiled on first use, for patterns without useful needles."""

    __slots__ = ("source", "flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = object.__getattribute__(self, "_compiled")
        if compiled is None:
            compiled = re.compile(self.source, self.flags)
            self._compiled = compiled
        return getattr(compiled, name)
