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
        for finding in result.findings:
            self.out.write(",\n  " if self.count else "\n  ")
            self.out.write(json.dumps(finding.to_dict(), ensure_ascii=False))
            self.count += 1

    def finish(self, totals: Totals) -> None:
        self.out.write("\n]\n" if self.count else "]\n")
