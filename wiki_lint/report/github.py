"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message``
(``warning`` and ``notice`` for the other severities).  ``col``/``endColumn`` are given
only for a span on one line, as GitHub allows columns only then; the end column is
exclusive, as in every wiki-lint format.  Data is escaped as the runner expects
(``%`` ``\\r`` ``\\n``), property values also ``:`` and ``,``.  A file that could not be
read is an ``::error`` annotation on that file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from wiki_lint.findings import Severity
from wiki_lint.report.common import report_path

if TYPE_CHECKING:
    from wiki_lint.check import FileResult
    from wiki_lint.findings import Finding
    from wiki_lint.report import Totals

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``): data escaping plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Mapping[str, object], message: str) -> str:
    """``::name key=value,...::message`` with everything escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def annotation(f: Finding) -> str:
    """The workflow command for one finding."""
    properties: dict[str, object] = {"file": report_path(f.path), "line": f.line}
    if f.line == f.end_line:
        properties["col"] = f.column
    properties["endLine"] = f.end_line
    if f.line == f.end_line:
        properties["endColumn"] = f.end_column
    properties["title"] = f"{f.code} {f.name}"
    message = f.message + (f"\nhint: {f.hint}" if f.hint else "")
    return command(COMMANDS[f.severity], properties, message)


class Reporter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err

    def file(self, result: FileResult) -> None:
        self.emit(self.render(result), len(result.findings))

    def render(self, result: FileResult) -> str:
        """What :meth:`file` writes to ``out`` for ``result`` (paths relative to the
        working folder: the cache keys renderings on it)."""
        parts: list[str] = []
        if result.error is not None:
            properties = {"file": report_path(result.path), "title": "wiki-lint: file not checked"}
            parts.append(command("error", properties, result.error) + "\n")
        parts.extend(annotation(finding) + "\n" for finding in result.findings)
        return "".join(parts)

    def emit(self, text: str, findings: int) -> None:
        if text:
            self.out.write(text)

    def finish(self, totals: Totals) -> None:
        pass
