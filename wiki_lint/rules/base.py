"""The Rule base class and the Context through which rules report findings.

A rule is a class with a ``code`` (``WL`` + 3 digits), a kebab-case ``name``, a default
``severity``, a one-line ``summary`` and a docstring with the sections *What it does*,
*Why it matters*, *Example* and *How to fix*.  Rules whose ``origin`` is ``"code"``
implement :meth:`Rule.check`; rules with origin ``"schema"`` are reported when a schema
keyword fails, and ``"reader"`` rules when a reader meets input it cannot make sense of;
``"suppression"`` rules report on the page's inline suppression comments.
Rules never build a Finding by hand: they call :meth:`Context.report`, passing a
:class:`~wiki_lint.findings.Fix` when they know how to repair what they report; such
rules set ``fixable = True``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal

from wiki_lint.document import Document, Span
from wiki_lint.extract import Entry
from wiki_lint.findings import Finding, Fix, Severity
from wiki_lint.schema import EntrySchema

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "How to fix")


class Rule:
    """Base of every rule (see the module docstring for what a rule declares)."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    origin: ClassVar[Literal["code", "schema", "reader", "suppression"]] = "code"
    default_enabled: ClassVar[bool] = True  # False: reports only when selected by exact code or name
    fixable: ClassVar[bool] = False  # True when `wiki-lint check --fix` can repair it

    def check(self, ctx: Context) -> None:
        """Report findings for ``ctx.document`` (only rules of origin ``code``)."""


@dataclass(slots=True)
class Context:
    """What a rule sees: the document, the entry, the schema, its options, today's date;
    and where it reports."""

    document: Document
    entry: Entry
    schema: EntrySchema
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    findings: list[Finding] = field(default_factory=list)

    def option(self, rule: type[Rule], key: str, default: Any) -> Any:
        """The configured value of ``key`` for ``rule`` (by rule name), else ``default``.
        Option names are snake_case; a kebab-case name (as a library caller may pass
        it) means the same option."""
        given = self.options.get(rule.name)
        if not given:
            return default
        if key in given:
            return given[key]
        return given.get(key.replace("_", "-"), default)

    def report(
        self,
        rule: type[Rule],
        span: Span,
        message: str,
        *,
        hint: str | None = None,
        part: str | None = None,
        fix: Fix | None = None,
    ) -> None:
        """Record a finding of ``rule`` at ``span``, clamped to lie inside the file.

        ``fix`` (edits in the page's own coordinates) is kept as given, not clamped.
        Message and hint are made one line: they quote page text (a title from front
        matter may hold a line break), and line-based outputs must stay parseable.
        """
        span = clamp(span, self.document.lines)
        message = one_line(message)
        hint = one_line(hint) if hint is not None else None
        self.findings.append(
            Finding(
                path=self.document.path,
                line=span.line,
                column=span.column,
                code=rule.code,
                end_line=span.end_line,
                end_column=span.end_column,
                name=rule.name,
                severity=rule.severity,
                message=message,
                part=part,
                hint=hint,
                fix=fix,
            )
        )


_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` with every kind of line break (as ``str.splitlines`` knows them) made a space."""
    if text.isprintable():
        return text  # no line break is printable: nothing to replace
    return _LINE_BREAKS.sub(" ", text)


def clamp(span: Span, lines: list[str]) -> Span:
    """Keep a span inside the file: lines in 1..len(lines), columns within each line."""
    line, column, end_line, end_column = span.line, span.column, span.end_line, span.end_column
    if (
        0 < line <= end_line <= len(lines)
        and 0 < column <= len(lines[line - 1]) + 1
        and 0 < end_column <= len(lines[end_line - 1]) + 1
        and (line < end_line or column <= end_column)
    ):
        return span  # inside the file already (the common case): the span clamped is itself
    count = max(len(lines), 1)

    def point(line: int, column: int) -> tuple[int, int]:
        line = min(max(line, 1), count)
        width = len(lines[line - 1]) if lines else 0
        return line, min(max(column, 1), width + 1)

    start = point(span.line, span.column)
    end = max(point(span.end_line, span.end_column), start)
    return Span(start[0], start[1], end[0], end[1])
