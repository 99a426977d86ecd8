"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run: ``tool.driver`` names wiki-lint with its version and lists every rule
(``id`` = code, ``name``, short and full description, ``helpUri`` into
``docs/rules.md``, the rule's documentation as ``help``, and the default level).
Each finding is a result with ``ruleId``, ``ruleIndex``, ``level``, ``message`` and
one location: the path relative to the working directory (``%SRCROOT%``) with forward
slashes, and the region in code-point columns (``columnKind: unicodeCodePoints``; the
end column is exclusive as in SARIF); a fixable finding carries its fix as SARIF
``fixes`` (replacements in the same coordinates).  Files that could not be read are
``toolExecutionNotifications`` of the invocation.  Results are streamed; the document
is complete only after :meth:`Reporter.finish`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from wiki_lint import __version__
from wiki_lint.findings import Severity
from wiki_lint.report.common import Fingerprints, is_outside, report_path
from wiki_lint.ruledocs import all_docs, help_uri, render_markdown

if TYPE_CHECKING:
    from wiki_lint.check import FileResult
    from wiki_lint.findings import Finding
    from wiki_lint.report import Totals

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/wiki-lint/wiki-lint"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def driver() -> dict[str, Any]:
    """``tool.driver``: wiki-lint and its rule catalogue."""
    rules = []
    for doc in all_docs():
        rules.append(
            {
                "id": doc.code,
                "name": doc.name,
                "shortDescription": {"text": doc.summary},
                "fullDescription": {"text": doc.what},
                "helpUri": help_uri(doc.code),
                "help": {
                    "text": "\n\n".join(f"{heading}: {text}" for heading, text in doc.sections.items()),
                    "markdown": render_markdown(doc, heading_level=2),
                },
                "defaultConfiguration": {"level": LEVELS[Severity(doc.severity)]},
                "properties": {"fixable": doc.fixable, "tags": [doc.origin]},
            }
        )
    return {
        "name": "wiki-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }


def artifact_location(path: str) -> dict[str, str]:
    """Where ``path`` is, as a SARIF artifactLocation: relative to ``%SRCROOT%`` when it
    lies under the working directory, else an absolute ``file:`` URI."""
    shown = report_path(path)
    if is_outside(shown):
        absolute = Path(os.path.abspath(path))
        return {"uri": absolute.as_uri()}
    return {"uri": quote(shown, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}  # a name that is not UTF-8: its bytes


def sarif_fix(f: Finding) -> dict[str, Any]:
    """A finding's fix as a SARIF ``fix``: one artifact change with a replacement per edit
    (an empty ``deletedRegion`` inserts); whether it is safe is in the result's
    ``properties.fixApplicability``."""
    assert f.fix is not None
    replacements = []
    for edit in f.fix.edits:
        replacement: dict[str, Any] = {
            "deletedRegion": {
                "startLine": edit.line,
                "startColumn": edit.column,
                "endLine": edit.end_line,
                "endColumn": edit.end_column,
            }
        }
        if edit.content:
            replacement["insertedContent"] = {"text": edit.content}
        replacements.append(replacement)
    return {
        "description": {"text": f"{f.fix.message} ({f.fix.applicability})"},
        "artifactChanges": [
            {"artifactLocation": artifact_location(f.path), "replacements": replacements}
        ],
    }


class Reporter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.driver = driver()
        self.index = {rule["id"]: i for i, rule in enumerate(self.driver["rules"])}
        self.fingerprints = Fingerprints()
        self.notifications: list[dict[str, Any]] = []
        self.count = 0
        run_head = {
            "tool": {"driver": self.driver},
            "originalUriBaseIds": {SRCROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
        }
        head = json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0"}, ensure_ascii=False)[:-1]
        run = json.dumps(run_head, ensure_ascii=False, indent=None)[:-1]
        self.out.write(f'{head}, "runs": [{run}, "results": [')

    def file(self, result: FileResult) -> None:
        self.fingerprints.next_file(result.path)
        if result.error is not None:
            self.notifications.append(self.notification(result))
        for finding in result.findings:
            self.out.write(",\n  " if self.count else "\n  ")
            self.out.write(json.dumps(self.result(finding), ensure_ascii=False))
            self.count += 1

    def result(self, f: Finding) -> dict[str, Any]:
        properties: dict[str, Any] = {"name": f.name, "severity": str(f.severity)}
        if f.part:
            properties["part"] = f.part
        if f.hint:
            properties["hint"] = f.hint
        result: dict[str, Any] = {"ruleId": f.code}
        if f.code in self.index:  # always, for registered rules
            result["ruleIndex"] = self.index[f.code]
        if f.fix is not None:
            properties["fixApplicability"] = str(f.fix.applicability)
            result["fixes"] = [sarif_fix(f)]
        return result | {
            "level": LEVELS[f.severity],
            "message": {"text": f"{f.message}" + (f" (hint: {f.hint})" if f.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(f.path),
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"wikiLintFinding/v1": self.fingerprints.of(f)},
            "properties": properties,
        }

    def notification(self, result: FileResult) -> dict[str, Any]:
        return {
            "level": "error",
            "message": {"text": str(result.error)},
            "descriptor": {"id": "unreadable-file"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
        }

    def finish(self, totals: Totals) -> None:
        invocation = {
            "executionSuccessful": not self.notifications,
            "toolExecutionNotifications": self.notifications,
        }
        self.out.write("\n  " if self.count else "")
        self.out.write(f'], "invocations": [{json.dumps(invocation, ensure_ascii=False)}]}}]}}\n')
