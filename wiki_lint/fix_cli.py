"""``wiki-lint check --fix / --unsafe-fixes / --diff / --fix-only``: the fixing run.

Kept apart from :mod:`wiki_lint.cli` so the check command stays small; like the CLI,
it prints and returns an exit code:

* ``--diff``: a unified diff per file that would change, nothing written; exit 1 if
  anything would change, else 0 (2 if a file could not be read);
* ``--fix`` / ``--unsafe-fixes``: files written atomically, then the findings that
  remain reported as ``check`` reports them, with its exit codes; a file that could not
  be written is an error (exit 2) and its findings are reported as they stand;
* ``--fix-only``: as ``--fix``, but only the count of fixes is printed; exit 0 unless
  a file could not be read or written (2).

The count of fixes goes to standard error, so JSON output stays valid.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from wiki_lint.check import Settings
from wiki_lint.errors import SchemaError, UsageError
from wiki_lint.findings import Severity
from wiki_lint.fix import fix_paths, unified_diff
from wiki_lint.report import Totals, reporter

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = Settings(schema=args.schema, input_format=args.input_format, lang=args.lang, stdin_filename=args.stdin_filename)
    write = not args.diff
    try:
        results = fix_paths(args.paths, settings, unsafe=args.unsafe_fixes, write=write)
        if args.diff:
            return _diff(results, out, err)
        return _fix(results, args, out, err)
    except SchemaError as exc:
        print(f"wiki-lint: error: schema {exc}", file=err)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"wiki-lint: error: {exc}", file=err)
        return EXIT_ERROR


def _diff(results, out: TextIO, err: TextIO) -> int:  # type: ignore[no-untyped-def]
    changed = errors = 0
    for item in results:
        if item.result.error is not None:
            errors += 1
            print(f"wiki-lint: error: {item.result.error}", file=err)
            continue
        if item.outcome is not None and item.outcome.changed:
            changed += 1
            out.write(unified_diff(item.result.path, item.outcome.original, item.outcome.text))
    fixes = "fix" if changed == 1 else "fixes"
    print(f"wiki-lint: {changed} file{'s' if changed != 1 else ''} would change ({fixes} not applied: --diff writes nothing)", file=err)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if changed else EXIT_OK


def _fix(results, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # type: ignore[no-untyped-def]
    totals = Totals()
    report = None if args.fix_only else reporter(args.output_format, out, err)
    fixed = files = 0
    for item in results:
        totals.add(item.result)
        if item.written and item.outcome is not None:
            fixed += len(item.outcome.fixed)
            files += 1
        if report is not None:
            report.file(item.result)
        elif item.result.error is not None:
            print(f"wiki-lint: error: {item.result.error}", file=err)
    if report is not None:
        report.finish(totals)
    print(f"wiki-lint: fixed {fixed} finding{'s' if fixed != 1 else ''} in {files} file{'s' if files != 1 else ''}", file=err)
    if totals.unreadable:
        return EXIT_ERROR
    if args.fix_only or args.exit_zero or not totals.by_severity[Severity.ERROR]:
        return EXIT_OK
    return EXIT_FINDINGS
