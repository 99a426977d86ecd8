"""JUnit XML: one test suite, one test case per checked file, one failure per finding.

A file without findings is a passing test case; a file that could not be read is a
test case with an ``<error>``.  The suite's counts follow JUnit's meaning: ``tests``
is the number of files, ``failures`` the number of files with findings (each holding
one ``<failure>`` per finding, ``type`` = severity) and ``errors`` the files that could
not be read.  Characters XML 1.0 cannot hold are written as ``\\xNN``, so the report
always parses.  Test cases are spooled (to a temporary file beyond 1 MiB) because the
suite's counts come first.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape, quoteattr

from wiki_lint.report.common import xml_safe

if TYPE_CHECKING:
    from wiki_lint.check import FileResult
    from wiki_lint.findings import Finding
    from wiki_lint.report import Totals

SUITE_NAME = "wiki-lint"


def attr(value: object) -> str:
    """A quoted, escaped, XML-safe attribute value."""
    return quoteattr(xml_safe(str(value)), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def text(value: str) -> str:
    return escape(xml_safe(value))


def failure(f: Finding) -> str:
    body = f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity}: {f.message} [{f.name}]"
    if f.hint:
        body += f"\nhint: {f.hint}"
    return f"      <failure type={attr(f.severity)} message={attr(f'{f.code} {f.name}: {f.message}')}>{text(body)}</failure>\n"


class Reporter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        # closed in finish(): the spool lives across file() calls
        self.cases = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115
        self.failed = 0

    def file(self, result: FileResult) -> None:
        self.cases.write(f"    <testcase name={attr(result.path)} classname={attr(SUITE_NAME)} file={attr(result.path)}")
        if result.error is None and not result.findings:
            self.cases.write("/>\n")
            return
        self.cases.write(">\n")
        if result.error is not None:
            self.cases.write(f'      <error type="unreadable" message={attr(result.error)}>{text(result.error)}</error>\n')
        elif result.findings:
            self.failed += 1
        for finding in result.findings:
            self.cases.write(failure(finding))
        self.cases.write("    </testcase>\n")

    def finish(self, totals: Totals) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        counts = f'tests="{totals.files}" failures="{self.failed}" errors="{totals.unreadable}" skipped="0"'
        self.out.write(f"<testsuites name={attr(SUITE_NAME)} {counts}>\n")
        self.out.write(f"  <testsuite name={attr(SUITE_NAME)} {counts}>\n")
        self.cases.seek(0)
        shutil.copyfileobj(self.cases, self.out)
        self.cases.close()
        self.out.write("  </testsuite>\n</testsuites>\n")
