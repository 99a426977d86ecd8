"""WL0xx: problems with the input itself, found while reading it."""

from __future__ import annotations

from wiki_lint.findings import Severity
from wiki_lint.rules.base import Rule


class InvalidEncoding(Rule):
    """What it does: reports a page that is not valid UTF-8 (or UTF-16 with a byte
    order mark) when it was read with ``--encoding-errors replace``: the undecodable
    bytes were replaced with U+FFFD, and the finding says how many and where the first
    one was (byte offset, line and column).  Without that option such a file is not
    checked at all and the run exits 2.

    Why it matters: every replaced byte is a character lost from the page, usually a
    name, a dose or a unit written in another encoding (Latin-1, Windows-1252); the
    rest of the page is still checked so one bad byte does not hide every other finding.

    Example: a page saved as Windows-1252 containing ``0.5 \\xb5g`` (a lone byte 0xB5).

    How to fix: re-save the file as UTF-8 in your editor (or ``iconv -f cp1252 -t
    utf-8``), then check that the characters at the position given are right.
    """

    code = "WL010"
    name = "invalid-encoding"
    severity = Severity.ERROR
    summary = "The file is not valid UTF-8; undecodable bytes were replaced."
    origin = "reader"
