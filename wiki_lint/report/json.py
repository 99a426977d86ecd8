"""JSON: one array of finding objects on standard output and nothing else.

Each object has the fields of :class:`~wiki_lint.findings.Finding` (``code``, ``name``,
``severity``, ``message``, ``path``, ``line``, ``column``, ``end_line``, ``end_column``,
``part``, ``hint``).  The array is streamed file by file; unreadable files go to
standard error.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from wiki_lint.check import FileResult
    from wiki_lint.report import Totals


class Reporter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.count = 0
        self.out.write("[")

    def file(self, result: FileResult) -> None:
        if result.error is not None:
            self.err.write(f"wiki-lint: error: {result.error}\n")
        self.emit(self.render(result), len(result.findings))

    def render(self, result: FileResult) -> str:
        """The file's objects, one per line (the separator before the first depends on
        the files before it, so :meth:`emit` writes it)."""
        return SEPARATOR.join(json.dumps(finding.to_dict(), ensure_ascii=False) for finding in result.findings)

    def emit(self, text: str, findings: int) -> None:
        if findings:
            self.out.write(SEPARATOR if self.count else "\n  ")
            self.out.write(text)
            self.count += findings

    def finish(self, totals: Totals) -> None:
        self.out.write("\n]\n" if self.count else "]\n")


SEPARATOR = ",\n  "
