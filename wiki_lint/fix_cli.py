"""The fixing side of ``wiki-lint check``: ``--fix``, ``--unsafe-fixes``, ``--diff``,
``--fix-only``.

Kept apart from :mod:`wiki_lint.cli` so the check command stays small:

* ``--fix`` / ``--unsafe-fixes``: :func:`fixed_results` feeds the check command's own
  reporting (every output format, ``--output-file``, ``--statistics``, exit codes) with
  the findings that *remain* after each file was fixed and written atomically; a file
  that could not be written is an error (exit 2) reported with its findings as they
  stand;
* ``--diff`` (:func:`run`): a unified diff per file that would change, nothing written;
  exit 1 if anything would change, else 0 (2 if a file could not be read);
* ``--fix-only`` (:func:`run`): files fixed, only the count printed; exit 0 unless a
  file could not be read or written (2).

The count of fixes (``wiki-lint: fixed N findings in M files``) goes to standard error,
so a JSON report on standard output stays valid.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from wiki_lint.check import FileResult, Settings
from wiki_lint.errors import SchemaError, UsageError
from wiki_lint.fix import FileFix, fix_paths, unified_diff

if TYPE_CHECKING:
    from wiki_lint.config import ConfigResolver

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(slots=True)
class Tally:
    """How many findings were fixed, in how many files written."""

    fixed: int = 0
    files: int = 0

    def add(self, item: FileFix) -> None:
        if item.written and item.outcome is not None:
            self.fixed += len(item.outcome.fixed)
            self.files += 1

    def line(self) -> str:
        findings = "finding" if self.fixed == 1 else "findings"
        files = "file" if self.files == 1 else "files"
        return f"wiki-lint: fixed {self.fixed} {findings} in {self.files} {files}"


def fixed_results(
    paths: list[str], settings: Settings, unsafe: bool, tally: Tally, configs: ConfigResolver | None = None
) -> Iterator[FileResult]:
    """Fix and write every file; yield what remains of each, counting into ``tally``."""
    for item in fix_paths(paths, settings, unsafe=unsafe, write=True, configs=configs):
        tally.add(item)
        yield item.result


def run(args: argparse.Namespace, out: TextIO, err: TextIO, settings: Settings, configs: ConfigResolver | None = None) -> int:
    """``--diff`` or ``--fix-only``: the modes that report no findings."""
    try:
        if args.diff:
            return _diff(fix_paths(args.paths, settings, unsafe=args.unsafe_fixes, write=False, configs=configs), out, err)
        return _fix_only(fix_paths(args.paths, settings, unsafe=args.unsafe_fixes, write=True, configs=configs), err)
    except SchemaError as exc:
        print(f"wiki-lint: error: schema {exc}", file=err)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"wiki-lint: error: {exc}", file=err)
        return EXIT_ERROR


def _diff(results: Iterator[FileFix], out: TextIO, err: TextIO) -> int:
    changed = errors = 0
    for item in results:
        if item.result.error is not None:
            errors += 1
            print(f"wiki-lint: error: {item.result.error}", file=err)
            continue
        if item.outcome is not None and item.outcome.changed:
            changed += 1
            out.write(unified_diff(item.result.path, item.outcome.original, item.outcome.text))
    files = "file" if changed == 1 else "files"
    print(f"wiki-lint: {changed} {files} would change (--diff writes nothing)", file=err)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if changed else EXIT_OK


def _fix_only(results: Iterator[FileFix], err: TextIO) -> int:
    tally = Tally()
    errors = 0
    for item in results:
        tally.add(item)
        if item.result.error is not None:
            errors += 1
            print(f"wiki-lint: error: {item.result.error}", file=err)
    print(tally.line(), file=err)
    return EXIT_ERROR if errors else EXIT_OK
