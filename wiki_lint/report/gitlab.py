"""GitLab Code Quality: a JSON array of issues in the Code Climate subset GitLab reads.

Each finding is ``{"type": "issue", "check_name": CODE name, "description": message,
"severity", "fingerprint", "location": {"path", "lines": {"begin",
"end"}}}``.  Severity: error -> ``major``, warning -> ``minor``, info -> ``info``.
The fingerprint hashes path, code and part (or the message without its numbers), not
the line, so a finding keeps its identity when lines above it change, and repeats get
an occurrence number so fingerprints are unique in a report.  Paths are relative to
the working directory (the project root in CI).  The array is streamed; unreadable files
go to standard error.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from wiki_lint.findings import Severity
from wiki_lint.report.common import Fingerprints, report_path

if TYPE_CHECKING:
    from wiki_lint.check import FileResult
    from wiki_lint.findings import Finding
    from wiki_lint.report import Totals

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(f: Finding, fingerprint: str) -> dict[str, Any]:
    description = f.message + (f" (hint: {f.hint})" if f.hint else "")
    return {
        "type": "issue",
        "check_name": f"{f.code} {f.name}",
        "description": description,
        "severity": SEVERITIES[f.severity],
        "fingerprint": fingerprint,
        "location": {"path": report_path(f.path), "lines": {"begin": f.line, "end": f.end_line}},
    }


class Reporter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.fingerprints = Fingerprints()
        self.count = 0
        self.out.write("[")

    def file(self, result: FileResult) -> None:
        self.fingerprints.next_file(result.path)
        if result.error is not None:
            self.err.write(f"wiki-lint: error: {result.error}\n")
        for finding in result.findings:
            self.out.write(",\n  " if self.count else "\n  ")
            self.out.write(json.dumps(issue(finding, self.fingerprints.of(finding)), ensure_ascii=False))
            self.count += 1

    def finish(self, totals: Totals) -> None:
        self.out.write("\n]\n" if self.count else "]\n")
