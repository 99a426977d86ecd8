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
        """Whether the pattern may match a text whose folded form (:func:`fold`) is ``lower``.

        The answer comes from one RE2 scan of ``lower`` for the needles and gates of
        every guarded pattern at once (:class:`NeedleIndex`), shared by all the patterns
        asked about the same text; it equals :meth:`may_match_directly`."""
        entry = INDEX.entry(self)
        if entry is None:
            return self.may_match_directly(lower)
        found = INDEX.hits(lower)
        if found is None:
            return self.may_match_directly(lower)
        hits, is_ascii = found
        if not entry.needle_ids.isdisjoint(hits):
            return True
        if self.gate is None:
            return False
        if entry.gate_id is not None and (is_ascii or not entry.gate_ascii_only):
            return entry.gate_id in hits
        return self._gate_search(lower)

    def may_match_lowered(self, lower: str) -> bool:
        """:meth:`may_match` of ``fold(lower)`` (true at least whenever that is), for
        ``lower`` a lowercased text whose white space is not collapsed: an ASCII text
        is asked of the loose set (:class:`NeedleIndex`) without folding it, which is
        what the check of a page or a block then mostly costs."""
        if not lower.isascii():
            return self.may_match(fold(lower))
        entry = INDEX.entry(self)
        if entry is None or not entry.loose or len(lower) > _MAX_INDEXED:
            return self.may_match(fold(lower))
        return not entry.loose_ids.isdisjoint(INDEX.loose_hits(lower))

    def may_match_directly(self, lower: str) -> bool:
        """:meth:`may_match` without the shared index: ``in`` per needle, or one
        regex finding any needle, then the gate."""
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
        return self._gate_search(lower)

    def _gate_search(self, lower: str) -> bool:
        if self._gate is None:
            self._gate = re.compile(self.gate)  # type: ignore[arg-type]
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


# --- one scan for the needles of every guarded pattern ---------------------------------

# Every character Python's ``re`` matches with ``\s`` in a str pattern (those for which
# ``str.isspace`` is true; tests/test_needle_index.py checks the list), for RE2, whose
# own ``\s`` is only ``[\t\n\f\r ]``.
_SPACE_CLASS = r"\t\n\x{0b}\f\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"


def re2_gate(gate: str) -> tuple[str, bool] | None:
    """``gate`` (a Python pattern) written for RE2, and whether it uses ``\\d``: the RE2
    pattern then matches ``[0-9]`` only, so its answer stands for ASCII texts alone
    (Python's ``\\d`` is every Unicode decimal digit).  ``None`` when the gate uses
    something this translation does not know (look-around, ``\\b``, ``\\w``, flags)."""
    out: list[str] = []
    uses_digits = False
    in_class = False
    index = 0
    while index < len(gate):
        char = gate[index]
        if char == "\\":
            escaped = gate[index + 1 : index + 2]
            if escaped == "d":
                out.append("0-9" if in_class else "[0-9]")
                uses_digits = True
            elif escaped == "s":
                out.append(_SPACE_CLASS if in_class else f"[{_SPACE_CLASS}]")
            elif escaped and not escaped.isalnum() and escaped.isascii():
                out.append(f"\\x{{{ord(escaped):02x}}}")
            else:
                return None
            index += 2
            continue
        if in_class:
            if char == "[":
                return None  # a nested set or a POSIX class: not written the same in RE2
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if gate[index + 1 : index + 2] == "^":
                return None  # a negated class would match line breaks differently
        elif char == "(" and gate[index + 1 : index + 2] == "?" and gate[index + 2 : index + 3] != ":":
            return None  # look-around, named groups, inline flags
        elif char == "$":
            out.append(r"(?:\n?\z)")  # Python's $: the end, or before a final line break
        elif char == "^":
            out.append(r"\A")
        elif char == ".":
            return None
        else:
            out.append(char)
        index += 1
    return "".join(out), uses_digits


def _re2_literal(needle: str) -> str:
    """``needle`` as an RE2 pattern matching exactly that string."""
    if needle.isascii():
        return needle.translate(_ASCII_ESCAPES)
    return "".join(char if char.isalnum() else f"\\x{{{ord(char):x}}}" for char in needle)


# Every ASCII character but letters and digits, written as an RE2 hex escape.
_ASCII_ESCAPES = {code: f"\\x{{{code:x}}}" for code in range(128) if not chr(code).isalnum()}


# --- the same, on lowercased ASCII text whose white space is not collapsed ---------------

# Every ASCII character str.isspace knows (\t \n \v \f \r, \x1c-\x1f, the space), for RE2.
_ASCII_SPACE = r"[\x{09}-\x{0d}\x{1c}-\x{20}]"
_ASCII_SPACE_RUN = f"(?:{_ASCII_SPACE}+)"


def re2_loose_literal(needle: str) -> str:
    """A folded ``needle`` as an RE2 pattern for lowercased ASCII text whose white space
    is not collapsed: each of its spaces stands for a run of white space, as it does
    in the folded text."""
    return _ASCII_SPACE_RUN.join(_re2_literal(part) for part in needle.split(" "))


def re2_loose_gate(gate: str) -> str | None:
    """``gate`` (a Python pattern for folded text) written for RE2 on lowercased ASCII
    text whose white space is not collapsed: what matches one space of the folded text
    (a space, ``\\s``, a class holding either) matches a run of white space, ``$`` and
    ``^`` allow the white space the folding strips from the ends.  On such a text the
    result matches wherever the gate matches the folded text (and possibly elsewhere:
    the check stays a necessary condition).  ``None`` when the gate uses something this
    translation does not know."""
    out: list[str] = []
    index = 0
    while index < len(gate):
        char = gate[index]
        if char == "\\":
            escaped = gate[index + 1 : index + 2]
            if escaped == "d":
                out.append("[0-9]")
            elif escaped == "s":
                out.append(_ASCII_SPACE_RUN)
            elif escaped and not escaped.isalnum() and escaped.isascii():
                out.append(f"\\x{{{ord(escaped):02x}}}")
            else:
                return None
            index += 2
            continue
        if char == "[":
            end = gate.find("]", index + 2)
            members = gate[index + 1 : end] if end > 0 else ""
            if not members or members.startswith("^") or "[" in members or members.endswith("\\"):
                return None
            spaced = "\\s" in members or " " in members
            rest = members.replace("\\s", "").replace(" ", "")
            if "\\" in rest.replace("\\d", "").replace("\\.", "").replace("\\-", ""):
                return None
            rest = rest.replace("\\d", "0-9")
            if spaced:
                out.append(f"(?:{_ASCII_SPACE_RUN}|[{rest}])" if rest else _ASCII_SPACE_RUN)
            else:
                out.append(f"[{rest}]")
            index = end + 1
            continue
        if char == "(" and gate[index + 1 : index + 2] == "?" and gate[index + 2 : index + 3] != ":":
            return None  # look-around, named groups, inline flags
        if char == "$":
            out.append(f"(?:{_ASCII_SPACE}*\\z)")
        elif char == "^":
            out.append(f"(?:\\A{_ASCII_SPACE}*)")
        elif char == ".":
            return None
        elif char == " ":
            out.append(_ASCII_SPACE_RUN)
        else:
            out.append(char)
        index += 1
    return "".join(out)


class _Entry:
    """Where one guarded pattern's needles and gate are in the shared sets (the set for
    folded text, and the loose set for lowercased ASCII text; ``loose`` is false when
    the gate cannot be written for the latter)."""

    __slots__ = ("guarded", "needle_ids", "gate_id", "gate_ascii_only", "loose", "loose_ids")

    def __init__(self, guarded: Guarded, needle_ids: frozenset[int], gate_id: int | None, gate_ascii_only: bool) -> None:
        self.guarded = guarded  # held, so its id is not reused while the entry exists
        self.needle_ids = needle_ids
        self.gate_id = gate_id
        self.gate_ascii_only = gate_ascii_only
        self.loose = False
        self.loose_ids: frozenset[int] = frozenset()


# Longer texts are checked pattern by pattern: RE2 reports a set's matches from a DFA
# whose memory is bounded, and a page of millions of characters is no place to find out
# whether it ever gives up (a set that gave up would look like a text without needles).
_MAX_INDEXED = 1 << 21


class NeedleIndex:
    """The needles (and translatable gates) of every guarded pattern in one RE2 set, and
    again in a second set written for lowercased ASCII text that is not folded.

    A page's folded prose is asked about by a dozen guarded patterns, each of which
    looked for its own needles with its own scan.  RE2 finds every needle and gate of
    every pattern that occurs in the text in one pass of its automaton; the answer
    for a text is kept (by identity, for the last texts asked about), so each pattern
    then only intersects sets.  The answers equal :meth:`Guarded.may_match_directly`;
    the loose set's hold wherever those do (``tests/test_needle_index.py``)."""

    _KEEP = 64  # texts whose answers are kept

    def __init__(self) -> None:
        self._set: Any = None
        self._built_for = 0
        self._entries: dict[int, _Entry] = {}
        self._hits: dict[int, tuple[str, frozenset[int], bool]] = {}
        self._loose_set: Any = None
        self._loose_hits: dict[int, tuple[str, frozenset[int]]] = {}
        self.failed = False

    def _build(self) -> None:
        import re2  # type: ignore[import-untyped]

        patterns: dict[str, int] = {}
        loose_patterns: dict[str, int] = {}
        entries: dict[int, _Entry] = {}
        re2_set = re2.Set.SearchSet(re2.Options())
        loose_set = re2.Set.SearchSet(re2.Options())

        def add(pattern: str) -> int:
            if pattern not in patterns:
                patterns[pattern] = re2_set.Add(pattern)
            return patterns[pattern]

        def add_loose(pattern: str) -> int:
            if pattern not in loose_patterns:
                loose_patterns[pattern] = loose_set.Add(pattern)
            return loose_patterns[pattern]

        guarded = list(ALL)
        for each in guarded:
            needle_ids = frozenset(add(_re2_literal(needle)) for needle in each.needles)
            gate_id, ascii_only = None, False
            translated = re2_gate(each.gate) if each.gate is not None else None
            if translated is not None:
                gate_id, ascii_only = add(translated[0]), translated[1]
            entry = _Entry(each, needle_ids, gate_id, ascii_only)
            loose_gate = re2_loose_gate(each.gate) if each.gate is not None else None
            if each.gate is None or loose_gate is not None:
                entry.loose = True
                entry.loose_ids = frozenset(
                    [add_loose(re2_loose_literal(needle)) for needle in each.needles]
                    + ([add_loose(loose_gate)] if loose_gate is not None else [])
                )
            entries[id(each)] = entry
        re2_set.Compile()
        loose_set.Compile()
        self._set, self._loose_set, self._entries, self._built_for = re2_set, loose_set, entries, len(guarded)
        self._hits.clear()
        self._loose_hits.clear()

    def entry(self, guarded: Guarded) -> _Entry | None:
        """Where ``guarded`` is in the set (built, or rebuilt for patterns created
        since, on first use); ``None`` if RE2 could not take the patterns."""
        if self.failed:
            return None
        found = self._entries.get(id(guarded))
        if found is None and self._built_for != len(ALL):
            try:
                self._build()
            except Exception:  # noqa: BLE001  (RE2 refused a pattern: answer without the index)
                self.failed = True
                return None
            found = self._entries.get(id(guarded))
        return found

    def hits(self, lower: str) -> tuple[frozenset[int], bool] | None:
        """The ids of the needles and gates that occur in ``lower``, and whether it is
        ASCII; ``None`` if the text cannot be searched (a lone surrogate)."""
        kept = self._hits.get(id(lower))
        if kept is not None and kept[0] is lower:
            return kept[1], kept[2]
        if len(lower) > _MAX_INDEXED:
            return None
        try:
            data = lower.encode("utf-8")
        except UnicodeEncodeError:
            return None
        found = frozenset(self._set.Match(data) or ())
        is_ascii = len(data) == len(lower)
        if len(self._hits) >= self._KEEP:
            self._hits.clear()
        self._hits[id(lower)] = (lower, found, is_ascii)
        return found, is_ascii

    def loose_hits(self, lower: str) -> frozenset[int]:
        """The ids of the loose set's needles and gates that occur in ``lower`` (an
        ASCII text, lowercased, its white space as it was)."""
        kept = self._loose_hits.get(id(lower))
        if kept is not None and kept[0] is lower:
            return kept[1]
        found = frozenset(self._loose_set.Match(lower.encode("ascii")) or ())
        if len(self._loose_hits) >= self._KEEP:
            self._loose_hits.clear()
        self._loose_hits[id(lower)] = (lower, found)
        return found


#: The shared index every guarded pattern consults.
INDEX = NeedleIndex()


# The methods of a compiled pattern a Lazy binds once compiled.
_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class Lazy:
    """A pattern compiled on first use, for patterns without useful needles.

    The pattern's methods are bound to the instance when it is compiled, so a call
    after the first costs what a call of the compiled pattern costs (no ``__getattr__``
    on every use); other attributes are looked up on the compiled pattern."""

    __slots__ = ("source", "flags", "_compiled", *_PATTERN_METHODS)

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = object.__getattribute__(self, "_compiled")
        if compiled is None:
            compiled = re.compile(self.source, self.flags)
            self._compiled = compiled
            for method in _PATTERN_METHODS:
                object.__setattr__(self, method, getattr(compiled, method))
        return getattr(compiled, name)
