"""Keep the wikitext parse linear: find markup that is opened and never closed.

mwparserfromhell's tokenizer tries every opener (``<div>``, ``<a b="``, ``{{x|``,
``[[x|``, ``{|``, ``<!--``, ``[http://...``) as the start of its construct and reads
ahead until the closer; when there is none it backtracks and reads the opener as
text.  One unclosed opener costs a read to the end of the page (or of the construct
around it), so a page of *n* unclosed openers costs about *n* times its size: 50,000
``<div>`` take over a minute.

:func:`scan` is a single linear pass that pairs openers with closers the way the
tokenizer nests them (one stack for every kind of markup, so a ``}}`` ends a ``<div>``
opened inside the template) and adds up how far the tokenizer would read for each
opener left unpaired.  A normal page, even one with a few stray ``{{`` or ``<ref>``,
stays far below :data:`WORK_PER_CHARACTER` times its size.  When a page goes above it,
:func:`neutralise` replaces the first characters of every unpaired opener with
private-use characters of the same length (so every offset stays exact), the tokenizer
reads them as text straight away, as it would have after backtracking, and
:func:`restore` puts the original characters back into the tree's text nodes.  The
reader reports that it did so (``markup-too-unbalanced``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Text
from mwparserfromhell.wikicode import Wikicode

# Above this many characters read ahead per character of the page (plus the floor), a
# page is read with its unpaired openers neutralised.  Normal pages, with a handful
# of stray openers, read a small fraction of this.
WORK_PER_CHARACTER = 32
WORK_FLOOR = 100_000

# Tags that never take a closing tag, or whose closing tag is optional: mwparserfromhell
# does not read ahead for their end (definitions.SINGLE).
_SINGLE_TAGS = frozenset({"br", "wbr", "hr", "meta", "link", "img", "li", "dt", "dd", "th", "td", "tr"})
# Tags whose contents are not parsed (definitions.PARSER_BLACKLIST): their contents are skipped.
_LITERAL_TAGS = frozenset(
    {
        "categorytree",
        "ce",
        "chem",
        "gallery",
        "graph",
        "hiero",
        "imagemap",
        "inputbox",
        "math",
        "nowiki",
        "pre",
        "score",
        "section",
        "source",
        "syntaxhighlight",
        "templatedata",
        "timeline",
    }
)

_TOKEN = re.compile(
    r"""
    (?P<comment><!--)
  | (?P<braces>\{\{+)
  | (?P<close_braces>\}\}+)
  | (?P<table>^[ \t:]*\{\|)
  | (?P<close_table>^[ \t]*\|\})
  | (?P<link>\[\[)
  | (?P<close_link>\]\])
  | (?P<external>\[(?=//|[A-Za-z][A-Za-z0-9+.\-]*:))
  | (?P<close_external>\])
  | </(?P<close_tag>[^\s{}\[\]<>|=&'"\#*;:/\-!][^\s/<>"'\\]*)
  | <(?P<tag>[^\s{}\[\]<>|=&'"\#*;:/\-!][^\s/<>"'\\]*)
    """,
    re.VERBOSE | re.MULTILINE,
)

# Same-length stand-ins for the first characters of an unpaired opener.  ``{`` and ``[``
# become private-use characters (never markup to the tokenizer).  ``<`` becomes a space
# character that is not a line break: a ``<`` just before it must not start a tag
# named after the stand-in (``<<div>`` would become ``<?div>``), and a tag never starts
# with a space.
_PRIVATE_USE = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
_SPACES = (*range(0x2000, 0x200B), 0x205F, 0x3000, 0x1680)


@dataclass(slots=True)
class _Open:
    """An opener on the stack: its kind (``{{``, ``[[``, ``{|`` or ``<name``), where it
    starts, and how many of its characters to neutralise if it stays unpaired."""

    key: str
    start: int
    width: int


@dataclass(slots=True)
class Scan:
    """What :func:`scan` found: the estimated read-ahead and the unpaired openers."""

    work: int = 0
    unpaired: list[tuple[int, int]] = field(default_factory=list)  # (start, width), in page order

    def too_much(self, size: int) -> bool:
        """Whether parsing the page as it is would cost more than linear time."""
        return self.work > WORK_PER_CHARACTER * size + WORK_FLOOR


class _NextFinder:
    """``text.find(needle, start)`` (or where ``needle``, a compiled pattern, next
    matches) for increasing ``start``, in linear time overall."""

    def __init__(self, text: str, needle: str | re.Pattern[str]) -> None:
        self.text = text
        self.needle = needle
        self.found = -2  # not searched yet

    def __call__(self, start: int) -> int:
        if self.found == -1 or start <= self.found:
            return self.found
        if isinstance(self.needle, str):
            self.found = self.text.find(self.needle, start)
        else:
            match = self.needle.search(self.text, start)
            self.found = match.start() if match else -1
        return self.found


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.result = Scan()
        self.stack: list[_Open] = []
        self.open_count: dict[str, int] = {}
        self.external: list[int] = []  # "[http..." openers on the current line
        self.external_line_end = -1
        self.next_gt = _NextFinder(text, ">")
        self.next_lt = _NextFinder(text, "<")
        self.next_comment_end = _NextFinder(text, "-->")
        self.next_newline = _NextFinder(text, "\n")
        self.closers: dict[str, _NextFinder] = {}

    def unpaired(self, start: int, width: int, read_until: int) -> None:
        self.result.work += max(read_until - start, 0)
        self.result.unpaired.append((start, width))

    def push(self, key: str, start: int, width: int) -> None:
        self.stack.append(_Open(key, start, width))
        self.open_count[key] = self.open_count.get(key, 0) + 1

    def pop(self) -> _Open:
        opener = self.stack.pop()
        self.open_count[opener.key] -= 1
        return opener

    def close(self, key: str, at: int) -> _Open | None:
        """Close the innermost ``key`` opener; openers inside it were never closed."""
        if not self.open_count.get(key):
            return None  # a stray closer: text
        while self.stack[-1].key != key:
            inner = self.pop()
            self.unpaired(inner.start, inner.width, at)
        return self.stack[-1]

    def end_externals(self, position: int) -> None:
        """External links end at the line's end: openers before it are unpaired."""
        if self.external and position > self.external_line_end:
            for start in self.external:
                self.unpaired(start, 1, self.external_line_end)
            self.external = []

    def run(self) -> Scan:
        text = self.text
        position = 0
        while True:
            match = _TOKEN.search(text, position)
            if match is None:
                break
            self.end_externals(match.start())
            position = self.token(match)
        self.end_externals(len(text) + 1)
        for opener in self.stack:
            self.unpaired(opener.start, opener.width, len(text))
        self.result.unpaired.sort()
        return self.result

    def token(self, match: re.Match[str]) -> int:
        """Handle one token; return where to search for the next one."""
        kind = match.lastgroup
        start, end = match.start(), match.end()
        if kind == "comment":
            close = self.next_comment_end(end)
            if close == -1:
                self.unpaired(start, 1, len(self.text))
                return end
            return close + 3
        if kind == "braces":
            self.push("{{", start, end - start)
        elif kind == "close_braces":
            self.close_braces(end - start, start)
        elif kind == "table":
            brace = end - 2
            self.push("{|", brace, 1)
        elif kind in ("close_table", "close_link"):
            key = "{|" if kind == "close_table" else "[["
            if self.close(key, start) is not None:
                self.pop()
        elif kind == "link":
            self.push("[[", start, 2)
        elif kind == "external":
            if not self.external:
                newline = self.next_newline(start)
                self.external_line_end = newline if newline != -1 else len(self.text)
            self.external.append(start)
        elif kind == "close_external":
            if self.external:
                self.external.pop()
        elif kind == "close_tag":
            key = "<" + match.group("close_tag").lower()
            if self.close(key, start) is not None:
                self.pop()
        else:
            return self.open_tag(match.group("tag").lower(), start, end)
        return end

    def close_braces(self, count: int, at: int) -> None:
        while count >= 2:
            opener = self.close("{{", at)
            if opener is None:
                return
            used = min(count, opener.width)
            opener.width -= used
            count -= used
            if opener.width < 2:  # a single "{" left over is text
                self.pop()

    def open_tag(self, name: str, start: int, after_name: int) -> int:
        gt = self.next_gt(after_name)
        lt = self.next_lt(after_name)
        if gt == -1 or lt != -1 and lt < gt:  # the opening tag itself never ends
            self.unpaired(start, 1, len(self.text))
            return after_name
        if self.text[gt - 1] == "/" or name in _SINGLE_TAGS:
            return gt + 1
        if name in _LITERAL_TAGS:  # contents are not markup: skip to the closing tag
            finder = self.closers.get(name)
            if finder is None:
                finder = self.closers[name] = _NextFinder(self.text, re.compile("</" + re.escape(name), re.IGNORECASE))
            close = finder(gt + 1)
            if close == -1:
                self.unpaired(start, 1, len(self.text))
                return gt + 1
            return close + 2 + len(name)
        self.push("<" + name, start, 1)
        return gt + 1


def scan(text: str) -> Scan:
    """Pair the markup of ``text`` and estimate the tokenizer's read-ahead, in linear time."""
    return _Scanner(text).run()


def stand_ins(text: str) -> dict[str, str] | None:
    """Stand-ins for ``<``, ``{`` and ``[`` that ``text`` does not contain (None only for
    a text that holds nearly every candidate)."""
    present = set(text)
    space = next((chr(code) for code in _SPACES if chr(code) not in present), None)
    free = (chr(code) for block in _PRIVATE_USE for code in block if chr(code) not in present)
    chosen = [char for _, char in zip(range(2), free, strict=False)]
    if space is None or len(chosen) < 2:
        return None
    return {"<": space, "{": chosen[0], "[": chosen[1]}


def neutralise(text: str, unpaired: list[tuple[int, int]], mapping: dict[str, str]) -> str:
    """``text`` with the first characters of each unpaired opener replaced by stand-ins."""
    parts: list[str] = []
    position = 0
    for start, width in unpaired:
        if start < position:
            continue
        parts.append(text[position:start])
        parts.append("".join(mapping.get(char, char) for char in text[start : start + width]))
        position = start + width
    parts.append(text[position:])
    return "".join(parts)


def restore(code: Wikicode, mapping: dict[str, str]) -> None:
    """Put the original characters back into every text node of ``code``."""
    back = str.maketrans({stand_in: char for char, stand_in in mapping.items()})
    stand_in_chars = set(mapping.values())
    for node in code.ifilter(recursive=True, forcetype=Text):
        if any(char in stand_in_chars for char in node.value):
            node.value = node.value.translate(back)
