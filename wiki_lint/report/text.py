"""The default human-readable format, with the offending source under each finding.

Per finding: ``path:line:col: CODE severity: message [name]``, then an indented ``hint:``
line (these two lines are a stable contract), then the source lines of its span with a
caret underline (see :mod:`wiki_lint.report.snippet`), then, when the finding can be
fixed, a ``fix (safe|unsafe, OPTION)`` line saying what the fix does; at the end a
summary line with the counts.  Unreadable files are
reported on standard error as ``wiki-lint: error: path: problem``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from wiki_lint.findings import Severity
from wiki_lint.report import snippet

if TYPE_CHECKING:
    from wiki_lint.check import FileResult
    from wiki_lint.findings import Finding
    from wiki_lint.report import Totals


class Reporter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err

    def file(self, result: FileResult) -> None:
        if result.error is not None:
            self.err.write(f"wiki-lint: error: {result.error}\n")
        self.emit(self.render(result), len(result.findings))

    def render(self, result: FileResult) -> str:
        """What :meth:`file` writes to ``out`` for ``result`` (the result cache keeps it,
        so a warm run writes it again without rebuilding a finding)."""
        parts: list[str] = []
        lines = result.lines or []
        for f in result.findings:
            parts.append(headline(f) + "\n")
            if f.hint:
                parts.append(f"    hint: {f.hint}\n")
            for line in snippet.render(lines, f.line, f.column, f.end_line, f.end_column):
                parts.append(f"    {line}\n")
            if f.fix is not None:
                option = "--fix" if f.fix.safe else "--unsafe-fixes"
                what = "" if f.fix.message == f.hint else f": {f.fix.message}"
                parts.append(f"    fix ({f.fix.applicability}, {option}){what}\n")
        return "".join(parts)

    def emit(self, text: str, findings: int) -> None:
        """Write a file's rendered text (``findings``: how many findings it shows)."""
        if text:
            self.out.write(text)

    def finish(self, totals: Totals) -> None:
        self.out.write(summary(totals) + "\n")


def headline(f: Finding) -> str:
    """``path:line:col: CODE severity: message [name]``: the first line of a finding."""
    return f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity}: {f.message} [{f.name}]"


def summary(totals: Totals) -> str:
    """'Found 8 findings (1 error, 7 warnings) in 1 of 1 file checked.'"""
    counts = ", ".join(_plural(totals.by_severity[s], str(s)) for s in Severity if totals.by_severity[s])
    found = f"Found {_plural(totals.findings, 'finding')}" + (f" ({counts})" if counts else "")
    line = f"{found} in {totals.files_with_findings} of {_plural(totals.files, 'file')} checked."
    if totals.unreadable:
        line += f" {_plural(totals.unreadable, 'file')} could not be read."
    return line


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
