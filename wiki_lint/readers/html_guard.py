"""Keep html.parser linear: find markup that starts and never ends.

html.parser reads ahead from every ``<`` that starts markup for the end of it: a start
tag's ``>`` (past quoted attribute values, so ``title="x>y"`` does not end it), a
comment's ``-->``, the ``>`` of an end tag, a declaration (``<!x``, ``<![CDATA[``) or
a processing instruction (``<?x``).  When there is none it reads the ``<`` as text and
starts again at the next one, so thousands of them cost time that grows with the
square of the page.

:func:`unterminated` finds them in one linear pass and adds up how far html.parser
would read for each.  Above the same budget as the wikitext reader's
(:mod:`wikitext_guard`), :func:`neutralise` turns each of their ``<`` into a space
(same length: every offset stays exact), which html.parser reads as the text it would
have ended up with anyway.
"""

from __future__ import annotations

import re

from wiki_lint.readers.wikitext_guard import WORK_FLOOR, WORK_PER_CHARACTER

_MARKUP_START = re.compile(r"<(?:[a-zA-Z]|/|!|\?)")
# The rest of a start tag up to its '>', quoted values skipped; possessive, so a tag
# that never ends fails in time linear in its length.
_START_TAG_REST = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")


class _Next:
    """``text.find(needle, start)`` for increasing ``start``, in linear time overall."""

    def __init__(self, text: str, needle: str) -> None:
        self.text, self.needle, self.found = text, needle, -2

    def __call__(self, start: int) -> int:
        if self.found != -1 and self.found < start:
            self.found = self.text.find(self.needle, start)
        return self.found


def unterminated(text: str) -> tuple[list[int], int]:
    """The offsets of the ``<`` that start markup which never ends, and the total
    read-ahead html.parser would spend on them."""
    starts = [match.start() for match in _MARKUP_START.finditer(text)]
    next_gt = _Next(text, ">")
    next_comment_end = _Next(text, "-->")
    found: list[int] = []
    work = 0
    resume = 0  # markup inside a comment is not markup
    for number, start in enumerate(starts):
        if start < resume:
            continue
        following = starts[number + 1] if number + 1 < len(starts) else len(text)
        second = text[start + 1]
        if text.startswith("<!--", start):
            end = next_comment_end(start + 4)
            if end != -1:
                resume = end + 3
                continue
        elif second.isalpha():
            if _START_TAG_REST.match(text, start + 2, following) is not None:
                continue
        elif next_gt(start + 1) != -1:
            continue
        found.append(start)
        work += len(text) - start
    return found, work


# html.parser raises AssertionError (so BeautifulSoup raises ParserRejectedMarkup) on a
# marked section "<![" that is not followed by one of these names; browsers read it as a
# bogus comment.  Found by fuzzing.
_MARKED_SECTION = re.compile(r"<!\[(?P<name>[a-zA-Z][-_.a-zA-Z0-9]*)?")
_MARKED_SECTION_NAMES = frozenset({"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"})


def unparseable_marked_sections(text: str) -> list[int]:
    """The offsets of ``<![`` that html.parser refuses (it would reject the whole page)."""
    return [
        match.start()
        for match in _MARKED_SECTION.finditer(text)
        if match.group("name") is None or match.group("name").lower() not in _MARKED_SECTION_NAMES
    ]


def too_much(work: int, size: int) -> bool:
    """Whether that read-ahead costs more than linear time."""
    return work > WORK_PER_CHARACTER * size + WORK_FLOOR


def neutralise(text: str, offsets: list[int]) -> str:
    """``text`` with the ``<`` at each of ``offsets`` as a space."""
    chars = list(text)
    for offset in offsets:
        chars[offset] = " "
    return "".join(chars)
