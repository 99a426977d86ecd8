"""Apply the fixes of findings to a page's text, and fix a page until it is stable.

:func:`apply_fixes` applies, in one pass, every fix allowed (safe ones, and unsafe ones
when asked) to the original text:

* edits address the text by line and column exactly as findings do, counted on the
  text as read (LF, CRLF and lone CR all end a line), so the lines no edit touches keep
  their own line endings byte for byte; newlines inside inserted content are written
  in the file's line ending;
* fixes are taken in order of their first edit (then rule code, then position); a fix
  whose edits overlap an edit already taken is dropped *whole* and stays a finding
  (earliest wins, so the result never depends on anything but the findings);
* two insertions at the same place are both applied, in that order;
* a fix whose finding is still reported after it is applied is undone and kept as a
  finding (see :func:`fix_text`).

:func:`fix_text` checks, applies, and checks again until nothing more applies (at most
:data:`MAX_PASSES` passes), because one fix can make another possible (a license block
that goes where site chrome was).  The findings it returns are those of the final text:
what remains.  :func:`fix_file` and :func:`fix_paths` read files, fix them in memory
and, when asked, write them back through :mod:`wiki_lint.atomic`.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wiki_lint import readers
from wiki_lint.atomic import WriteError, encode, read_snapshot, replace_file
from wiki_lint.check import FileResult, Settings, check_source
from wiki_lint.errors import InputError, UsageError
from wiki_lint.findings import Edit, Finding
from wiki_lint.schema import load_schema
from wiki_lint.sources import STDIN, Source, decode, discover, read_source, split_lines

if TYPE_CHECKING:
    from wiki_lint.config import ConfigResolver

MAX_PASSES = 5
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Applied:
    """The text after one pass, the findings fixed and those whose fix was dropped."""

    text: str
    fixed: list[Finding] = field(default_factory=list)
    dropped: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class FixOutcome:
    """A page fixed until stable: the final text, what was fixed, what remains."""

    original: str
    text: str
    fixed: list[Finding]
    remaining: list[Finding]
    passes: int

    @property
    def changed(self) -> bool:
        return self.text != self.original


class _Positions:
    """Offsets of 1-based (line, column) positions in a text, as findings count them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []
        for match in _NEWLINE.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        if len(self.starts) > 1 and self.starts[-1] == len(text):
            self.starts.pop()  # a final newline does not start another line
            self.ends.pop()

    def offset(self, line: int, column: int) -> int | None:
        """The offset of (``line``, ``column``); one line past the end means the end of
        the text.  ``None`` for a position outside the text."""
        if line == len(self.starts) + 1 and column == 1:
            return len(self.text)
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        start, end = self.starts[line - 1], self.ends[line - 1]
        if start + column - 1 > end:
            return None
        return start + column - 1


def apply_fixes(
    text: str, findings: list[Finding], *, unsafe: bool = False, newline: str = "\n"
) -> Applied:
    """Apply the allowed fixes of ``findings`` to ``text`` in one pass."""
    positions = _Positions(text)
    candidates: list[tuple[tuple[int, str, int, int], Finding, list[tuple[int, int, str]]]] = []
    result = Applied(text)
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits or (not fix.safe and not unsafe):
            continue
        ranges = _ranges(positions, fix.edits, newline)
        if ranges is None:
            result.dropped.append(finding)
            continue
        candidates.append(
            (
                (min(r[0] for r in ranges), finding.code, finding.line, finding.column),
                finding,
                ranges,
            )
        )
    taken: list[tuple[int, int, str]] = []
    for _, finding, ranges in sorted(candidates, key=lambda c: c[0]):
        if any(_overlap(new, old) for new in ranges for old in taken) or _self_overlap(ranges):
            result.dropped.append(finding)
            continue
        taken.extend(ranges)
        result.fixed.append(finding)
    result.text = _splice(text, taken)
    return result


def _ranges(
    positions: _Positions, edits: tuple[Edit, ...], newline: str
) -> list[tuple[int, int, str]] | None:
    ranges = []
    for edit in edits:
        start = positions.offset(edit.line, edit.column)
        end = positions.offset(edit.end_line, edit.end_column)
        if start is None or end is None or end < start:
            return None
        ranges.append((start, end, edit.content.replace("\n", newline)))
    return ranges


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two edits touch the same text (an insertion inside a replaced range counts)."""
    return a[0] < b[1] and b[0] < a[1]


def _self_overlap(ranges: list[tuple[int, int, str]]) -> bool:
    ordered = sorted(ranges)
    return any(_overlap(x, y) for x, y in itertools.pairwise(ordered))


def _splice(text: str, ranges: list[tuple[int, int, str]]) -> str:
    """Build the new text from non-overlapping edits (insertions before replacements)."""
    out: list[str] = []
    position = 0
    for start, end, content in sorted(ranges, key=lambda r: (r[0], r[1])):
        out.append(text[position:start])
        out.append(content)
        position = max(position, end)
    out.append(text[position:])
    return "".join(out)


def fix_text(source: Source, settings: Settings, fmt: str, *, unsafe: bool = False) -> FixOutcome:
    """Fix ``source`` until no allowed fix applies; return the final text and findings.

    A fix must make its finding go away: when the re-check still reports it (an
    insertion that lands inside an unclosed code fence, say), the pass is redone
    without that fix and the finding remains.  So a fixed page re-checks clean of the
    fixed findings, and fixing it again changes nothing.
    """
    text = source.text
    fixed: list[Finding] = []
    findings = _check(source, text, settings, fmt)
    for passes in range(1, MAX_PASSES + 1):
        applied, after = _verified_pass(source, text, findings, settings, fmt, unsafe)
        if not applied.fixed or applied.text == text:
            return FixOutcome(source.text, text, fixed, findings, passes)
        fixed.extend(applied.fixed)
        text, findings = applied.text, after
    return FixOutcome(source.text, text, fixed, findings, MAX_PASSES)


def _check(source: Source, text: str, settings: Settings, fmt: str) -> list[Finding]:
    return check_source(Source(source.path, text, source.newline, source.encoding), settings, fmt)


def _newline_of(text: str, default: str) -> str:
    """The line ending the text uses first (inserted lines are written with it)."""
    match = _NEWLINE.search(text)
    return match.group(0) if match else default


def _key(finding: Finding) -> tuple[str, str | None, str]:
    return (finding.code, finding.part, finding.message)


def _verified_pass(
    source: Source,
    text: str,
    findings: list[Finding],
    settings: Settings,
    fmt: str,
    unsafe: bool,
) -> tuple[Applied, list[Finding]]:
    """One pass whose every applied fix removed its finding: a fix that did not is
    left out and the pass redone (a later pass, on the changed text, may try it again)."""
    blocked: set[tuple[str, str | None, str]] = set()
    while True:
        allowed = [f for f in findings if _key(f) not in blocked]
        applied = apply_fixes(
            text, allowed, unsafe=unsafe, newline=_newline_of(text, source.newline)
        )
        if not applied.fixed:
            return applied, findings
        after = _check(source, applied.text, settings, fmt)
        ineffective = _ineffective(findings, applied.fixed, after)
        if not ineffective:
            return applied, after
        blocked |= ineffective


def _ineffective(
    before: list[Finding], fixed: list[Finding], after: list[Finding]
) -> set[tuple[str, str | None, str]]:
    """Keys of fixed findings still reported as often as if they had not been fixed."""
    count_before = Counter(_key(f) for f in before)
    count_fixed = Counter(_key(f) for f in fixed)
    count_after = Counter(_key(f) for f in after)
    return {key for key, n in count_fixed.items() if count_after[key] > count_before[key] - n}


@dataclass(slots=True)
class FileFix:
    """One file fixed (or not): the findings that remain, the outcome, if it was written."""

    result: FileResult
    outcome: FixOutcome | None = None
    written: bool = False


def fix_file(
    path: str, settings: Settings, *, unsafe: bool = False, write: bool = False
) -> FileFix:
    """Fix one file in memory and, if ``write``, replace it atomically.

    Problems (unreadable, changed on disk, a symbolic link) become the result's
    ``error``; the findings are then those of the file as it is on disk.
    """
    try:
        fmt = _format(path, settings)
        if path == STDIN:
            if write:
                raise UsageError(
                    "standard input cannot be fixed in place; use --diff to see the fixes"
                )
            source = read_source(path)
            source = Source(
                settings.stdin_filename or source.path, source.text, source.newline, source.encoding
            )
            outcome = fix_text(source, settings, fmt, unsafe=unsafe)
            return FileFix(_result(source.path, outcome.remaining, outcome.text), outcome)
        snapshot = read_snapshot(path)
        source = decode(snapshot.data, path)
        outcome = fix_text(source, settings, fmt, unsafe=unsafe)
    except (InputError, UsageError) as exc:
        return FileFix(FileResult(path, error=str(exc)))
    except RecursionError:
        return FileFix(FileResult(path, error=f"{path}: too deeply nested to fix"))
    except Exception as exc:  # noqa: BLE001  # a bug of ours must not stop the other files
        return FileFix(
            FileResult(
                path,
                error=f"{path}: internal error while fixing ({type(exc).__name__}: {exc}); please report it",
            )
        )
    if not (write and outcome.changed):
        return FileFix(_result(path, outcome.remaining, outcome.text), outcome)
    try:
        replace_file(path, encode(outcome.text, snapshot.data, source.encoding), snapshot)
    except WriteError as exc:
        before = check_source(source, settings, fmt)
        return FileFix(_result(path, before, source.text, error=str(exc)), outcome)
    return FileFix(_result(path, outcome.remaining, outcome.text), outcome, written=True)


def _result(path: str, findings: list[Finding], text: str, error: str | None = None) -> FileResult:
    """A FileResult whose lines are those the findings point into."""
    return FileResult(path, findings, error=error, lines=split_lines(text))


def _format(path: str, settings: Settings) -> str:
    if path == STDIN:
        if settings.stdin_filename or settings.input_format:
            return readers.format_for(settings.stdin_filename or STDIN, settings.input_format)
        return "markdown"
    return readers.format_for(path, settings.input_format)


def fix_paths(
    paths: Iterable[str], settings: Settings, *, unsafe: bool = False, write: bool = False, configs: ConfigResolver | None = None
) -> Iterator[FileFix]:
    """Fix every file under ``paths`` (see :func:`fix_file`), one result per file; with
    ``configs``, each file with the settings of its configuration, excluded files left out."""
    if configs is None:
        load_schema(settings.schema)  # a broken schema stops the run before any file
        for path in discover(paths, readers.extensions()):
            yield fix_file(path, settings, unsafe=unsafe, write=write)
        return
    planned = list(configs.plan(paths, readers.extensions()))
    for schema in dict.fromkeys([settings.schema, *(file_settings.schema for _, file_settings in planned)]):
        load_schema(schema)
    for path, file_settings in planned:
        yield fix_file(path, file_settings, unsafe=unsafe, write=write)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of a page's text (lines compared without their line endings)."""
    old, new = split_lines(before), split_lines(after)
    lines = difflib.unified_diff(old, new, fromfile=path, tofile=path, lineterm="")
    return "".join(f"{line}\n" for line in lines)
