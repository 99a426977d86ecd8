"""JSON Lines: one finding object per line (the objects of the ``json`` format).

Nothing else goes to standard output, so ``wiki-lint check --output-format json-lines``
pipes into ``jq -c`` or a log shipper and each line is complete as soon as it is
written.  Unreadable files go to standard error.
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

    def file(self, result: FileResult) -> None:
        if result.error is not None:
            self.err.write(f"wiki-lint: error: {result.error}\n")
        self.emit(self.render(result), len(result.findings))

    def render(self, result: FileResult) -> str:
        """What :meth:`file` writes to ``out`` for ``result``."""
        return "".join(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n" for finding in result.findings)

    def emit(self, text: str, findings: int) -> None:
        if text:
            self.out.write(text)

    def finish(self, totals: Totals) -> None:
        pass
