"""Reporters: turn FileResults into an output format, streaming file by file.

A reporter gets :meth:`Reporter.file` once per checked file, in order, and
:meth:`Reporter.finish` once at the end with the run's totals.  Reporter modules are
imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

from wiki_lint.findings import Severity

if TYPE_CHECKING:
    from wiki_lint.check import FileResult

FORMATS: dict[str, str] = {
    "text": "wiki_lint.report.text",
    "concise": "wiki_lint.report.concise",
    "json": "wiki_lint.report.json",
    "json-lines": "wiki_lint.report.json_lines",
    "sarif": "wiki_lint.report.sarif",
    "github": "wiki_lint.report.github",
    "junit": "wiki_lint.report.junit",
    "gitlab": "wiki_lint.report.gitlab",
}

# Formats read by people: ``--statistics`` follows the report in the same stream.  The
# others are documents for machines, so the statistics go to standard error instead.
INLINE_STATISTICS = frozenset({"text", "concise"})


@dataclass(slots=True)
class Totals:
    """Counts over a whole run."""

    files: int = 0
    files_with_findings: int = 0
    unreadable: int = 0
    by_severity: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error is not None:
            self.unreadable += 1
        if result.findings:
            self.files_with_findings += 1
        for finding in result.findings:
            self.by_severity[finding.severity] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


class Reporter(Protocol):
    """What every output format implements."""

    def file(self, result: FileResult) -> None: ...

    def finish(self, totals: Totals) -> None: ...


def reporter(fmt: str, out: TextIO, err: TextIO) -> Reporter:
    """The reporter for output format ``fmt`` writing findings to ``out``.

    ``err`` receives what is not findings (unreadable files) for formats whose
    output must hold nothing else.
    """
    module = importlib.import_module(FORMATS[fmt])
    made: Reporter = module.Reporter(out, err)
    return made
