"""Inline suppressions: HTML comments in the page that silence findings.

``<!-- wiki-lint-disable-next-line WL601 -->``  findings starting on the next line;
``<!-- wiki-lint-disable WL602 -->`` ... ``<!-- wiki-lint-enable WL602 -->``  a range
(to the end of the file when never closed); ``<!-- wiki-lint-disable-file WL401 -->``
the whole file.  Codes (``WL601``) or names (``edit-marker``) are accepted, separated
by spaces or commas; no code means every rule; a reason may follow `` -- ``
(``<!-- wiki-lint-disable-next-line WL601 -- kept from the export -->``).  The same
comment works in Markdown, wikitext and plain-text exports; comments inside code
blocks are examples, not directives, and are left alone.

After the rules have run, :func:`apply_suppressions` drops the findings the comments
cover and reports ``unused-suppression`` (WL901) for each comment or code that covered
nothing and ``invalid-suppression`` (WL902) for comments it cannot apply.  Those two are
themselves suppressed only by a comment that names them explicitly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from wiki_lint.document import Document, Span
from wiki_lint.findings import Finding
from wiki_lint.rules import BY_CODE, BY_NAME
from wiki_lint.rules.base import Context
from wiki_lint.rules.suppressions import InvalidSuppression, UnusedSuppression

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DIRECTIVE = re.compile(r"\s*wiki-lint-(disable-next-line|disable-file|disable|enable)(?![\w-])", re.IGNORECASE)
_MENTION = re.compile(r"\s*wiki-lint\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,]+")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")  # codes -- why they are disabled
ALL = "*"
META = frozenset({UnusedSuppression.code, InvalidSuppression.code})


@dataclass(slots=True)
class Directive:
    """One suppression comment: what it disables and where, and what it was used for.

    ``codes`` maps each code to where the comment names it (empty: every rule);
    ``last_line`` maps each code (or ``*``) to the last line it covers, so one
    ``wiki-lint-enable`` can end the range of one code of a comment and not the others.
    """

    kind: str
    span: Span
    codes: dict[str, Span]
    first_line: int
    last_line: dict[str, float]
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding, explicit_only: bool = False) -> str | None:
        """The key (a code, or ``*``) under which this directive suppresses ``finding``."""
        if finding.code in self.codes:
            key = finding.code
        elif not self.codes and not explicit_only:
            key = ALL
        else:
            return None
        return key if self.first_line <= finding.line <= self.last_line[key] else None


@dataclass(slots=True)
class _Parsed:
    directives: list[Directive] = field(default_factory=list)
    problems: list[tuple[Span, str, str]] = field(default_factory=list)  # span, message, hint


class _Positions:
    """Offsets in the joined text -> 1-based (line, column)."""

    def __init__(self, lines: list[str]) -> None:
        self.starts = [0]
        for line in lines:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.at(start)
        end_line, end_column = self.at(end)
        return Span(line, column, end_line, end_column)


def parse_directives(doc: Document) -> _Parsed:
    """Every ``wiki-lint`` comment of ``doc`` outside code blocks, in source order."""
    parsed = _Parsed()
    text = "\n".join(doc.lines)
    if "wiki-lint" not in text.lower():
        return parsed
    positions = _Positions(doc.lines)
    code_lines = {n for block in doc.blocks() if block.kind == "code" for n in range(block.span.line, block.span.end_line + 1)}
    open_ranges: dict[str, Directive] = {}
    end_of_file = float(len(doc.lines))
    for comment in _COMMENT.finditer(text):
        span = positions.span(comment.start(), comment.end())
        if span.line in code_lines or not _MENTION.match(comment.group(1)):
            continue
        directive = _DIRECTIVE.match(comment.group(1))
        if directive is None:
            parsed.problems.append(
                (
                    span,
                    "unknown suppression directive: expected wiki-lint-disable-next-line, wiki-lint-disable, wiki-lint-enable or wiki-lint-disable-file",
                    "correct the directive's spelling",
                )
            )
            continue
        kind = directive.group(1).lower()
        body_start = comment.start(1) + directive.end()
        body = _REASON.split(comment.group(1)[directive.end() :], maxsplit=1)[0]
        codes = _codes(body, body_start, positions, parsed)
        if not codes and body.strip():
            continue  # only unknown codes (reported): never widen a typo to every rule
        if kind == "enable":
            _close(open_ranges, codes, span, parsed)
            continue
        first, last = {
            "disable-next-line": (span.end_line + 1, float(span.end_line + 1)),
            "disable-file": (1, end_of_file),
            "disable": (span.line, end_of_file),
        }[kind]
        made = Directive(kind, span, codes, first, dict.fromkeys(codes or (ALL,), last))
        parsed.directives.append(made)
        if kind == "disable":
            for key in codes or (ALL,):
                open_ranges[key] = made
    return parsed


def _codes(body: str, offset: int, positions: _Positions, parsed: _Parsed) -> dict[str, Span]:
    """The rule codes a comment names (names resolved); unknown ones become problems."""
    codes: dict[str, Span] = {}
    for token in _TOKEN.finditer(body):
        word = token.group(0)
        span = positions.span(offset + token.start(), offset + token.end())
        rule = BY_NAME.get(word) or BY_CODE.get(word.upper())
        if rule is None:
            near = _near(word)
            parsed.problems.append(
                (span, f"unknown rule {word!r} in suppression: expected a rule code such as WL601 or a name such as edit-marker", near)
            )
            continue
        codes.setdefault(rule.code, span)
    return codes


def _near(word: str) -> str:
    import difflib

    candidates = [*BY_NAME, *BY_CODE]
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6) or difflib.get_close_matches(
        word.upper(), candidates, n=1, cutoff=0.6
    )
    if match:
        return f"did you mean {match[0]!r}? (`wiki-lint rules` lists every rule)"
    return "use a full rule code or name; `wiki-lint rules` lists them"


def _close(open_ranges: dict[str, Directive], codes: dict[str, Span], span: Span, parsed: _Parsed) -> None:
    """End the ranges an ``enable`` names (no codes: every open range)."""
    if not codes:
        if not open_ranges:
            parsed.problems.append((span, "wiki-lint-enable without an open wiki-lint-disable", "delete this comment"))
        for key, opened in open_ranges.items():
            opened.last_line[key] = span.line
        open_ranges.clear()
        return
    for code, code_span in codes.items():
        directive = open_ranges.pop(code, None)
        if directive is None:
            parsed.problems.append(
                (
                    code_span,
                    f"wiki-lint-enable {code} has no open wiki-lint-disable naming {code}",
                    f"delete {code} from this comment, or disable {code} above it",
                )
            )
            continue
        directive.last_line[code] = span.line


def apply_suppressions(ctx: Context) -> None:
    """Drop the findings the page's comments suppress; report unused and invalid ones."""
    parsed = parse_directives(ctx.document)
    if not parsed.directives and not parsed.problems:
        return
    rule_findings = [f for f in ctx.findings if f.code not in META]
    kept = _suppress(rule_findings, parsed.directives, explicit_only=False)
    ctx.findings = [f for f in ctx.findings if f.code in META]
    for span, message, hint in parsed.problems:
        ctx.report(InvalidSuppression, span, message, hint=hint)
    _report_unused(ctx, parsed.directives, exclude=META)
    meta = _suppress(ctx.findings, parsed.directives, explicit_only=True)
    ctx.findings = kept + meta
    _report_unused(ctx, parsed.directives, only=META)


def _suppress(findings: list[Finding], directives: list[Directive], explicit_only: bool) -> list[Finding]:
    """The findings no directive covers; mark each covering directive as used.

    The narrowest directive that covers a finding gets the credit (next line, then a
    range, then the file), so a redundant wider one is reported as unused.
    """
    order = {"disable-next-line": 0, "disable": 1, "disable-file": 2}
    ranked = sorted(directives, key=lambda d: order[d.kind])
    kept = []
    for finding in findings:
        for directive in ranked:
            key = directive.covers(finding, explicit_only)
            if key is not None:
                directive.used.add(key)
                break
        else:
            kept.append(finding)
    return kept


def _report_unused(
    ctx: Context, directives: list[Directive], exclude: frozenset[str] = frozenset(), only: frozenset[str] | None = None
) -> None:
    """One unused-suppression finding per directive code that suppressed nothing."""
    for directive in directives:
        keys = list(directive.codes) or [ALL]
        for key in keys:
            if key in exclude or (only is not None and key not in only) or key in directive.used:
                continue
            where = _where(directive)
            if key == ALL:
                message = f"unused suppression: no finding {where} to suppress"
                span, hint = directive.span, "delete this comment"
            else:
                rule = BY_CODE[key]
                message = f"unused suppression: no {key} ({rule.name}) finding {where} to suppress"
                span = directive.codes[key]
                hint = "delete this comment" if len(keys) == 1 else f"delete {key} from this comment"
            ctx.report(UnusedSuppression, span, message, hint=hint)


def _where(directive: Directive) -> str:
    if directive.kind == "disable-next-line":
        return f"on line {directive.first_line}"
    if directive.kind == "disable-file":
        return "in this file"
    return f"from line {directive.first_line}"
