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

# Formats whose output for a file depends only on that file's result (and the working
# folder): their reporters have ``render``/``emit``, and the result cache keeps each
# file's rendered text, so a warm run writes it without rebuilding a finding.
RENDERED = frozenset({"text", "concise", "json", "json-lines", "github"})
RENDER_FORMAT = 1  # bump when what a rendering depends on changes


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

    def add_counts(self, counts: tuple[int, ...]) -> None:
        """Count a checked file (never an unreadable one) from its findings per
        severity, in :class:`Severity` order (see :func:`severity_counts`)."""
        self.files += 1
        if any(counts):
            self.files_with_findings += 1
            for severity, count in zip(Severity, counts):
                self.by_severity[severity] += count

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


def severity_counts(result: FileResult) -> tuple[int, ...]:
    """How many findings of each severity ``result`` holds, in :class:`Severity` order."""
    counts = dict.fromkeys(Severity, 0)
    for finding in result.findings:
        counts[finding.severity] += 1
    return tuple(counts.values())


def render_key(fmt: str) -> str | None:
    """What a file's rendering in ``fmt`` depends on beside its result (and the code,
    which the run key covers): the format and the working folder, which CI formats
    make paths relative to.  None for formats that are not rendered per file."""
    import os

    if fmt not in RENDERED:
        return None
    return f"{RENDER_FORMAT}:{fmt}:{os.getcwd()}"


class Reporter(Protocol):
    """What every output format implements."""

    def file(self, result: FileResult) -> None: ...

    def finish(self, totals: Totals) -> None: ...


class RenderingReporter(Reporter, Protocol):
    """A reporter of a :data:`RENDERED` format: :meth:`file` is ``emit(render(result))``
    for a readable file."""

    def render(self, result: FileResult) -> str: ...

    def emit(self, text: str, findings: int) -> None: ...


def reporter(fmt: str, out: TextIO, err: TextIO) -> Reporter:
    """The reporter for output format ``fmt`` writing findings to ``out``.

    ``err`` receives what is not findings (unreadable files) for formats whose
    output must hold nothing else.
    """
    module = importlib.import_module(FORMATS[fmt])
    made: Reporter = module.Reporter(out, err)
    return made
