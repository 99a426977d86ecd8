"""One line per finding, ``path:line:col: CODE severity: message [name]``, and a summary.

The text format without source snippets and hints: for editors' quickfix lists, grep
and narrow terminals.  Unreadable files go to standard error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from wiki_lint.report.text import headline, summary

if TYPE_CHECKING:
    from wiki_lint.check import FileResult
    from wiki_lint.report import Totals


class Reporter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err

    def file(self, result: FileResult) -> None:
        if result.error is not None:
            self.err.write(f"wiki-lint: error: {result.error}\n")
        self.emit(self.render(result), len(result.findings))

    def render(self, result: FileResult) -> str:
        """What :meth:`file` writes to ``out`` for ``result``."""
        return "".join(headline(finding) + "\n" for finding in result.findings)

    def emit(self, text: str, findings: int) -> None:
        if text:
            self.out.write(text)

    def finish(self, totals: Totals) -> None:
        self.out.write(summary(totals) + "\n")
