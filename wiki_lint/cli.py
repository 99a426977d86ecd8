"""The ``wiki-lint`` command line; the only module that prints and exits.

Exit codes: 0 no error-severity findings; 1 error-severity findings; 2 a usage error, a
broken schema, or a file that could not be read or checked (the other files are still
checked and reported).  No traceback is printed for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wiki_lint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    from wiki_lint.readers import FORMATS as INPUT_FORMATS
    from wiki_lint.report import FORMATS as OUTPUT_FORMATS

    parser = argparse.ArgumentParser(
        prog="wiki-lint",
        description="Check medical wiki pages against a schema of their required parts.",
    )
    parser.add_argument("--version", action="version", version=f"wiki-lint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check pages and report what is missing or malformed",
        description="Check pages (files, folders, or - for standard input) and report every finding.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check; - reads standard input")
    check.add_argument("--output-format", choices=list(OUTPUT_FORMATS), default="text", help="how to report (default: text)")
    check.add_argument("--input-format", choices=list(INPUT_FORMATS), help="read every file as this format instead of guessing from its extension")
    check.add_argument("--schema", metavar="PATH", help="entry schema: a JSON Schema file or a built-in name (default: medical-entry)")
    check.add_argument("--lang", metavar="CODE", help="language of the pages, for language-specific headings (default: front matter 'lang')")
    check.add_argument("--stdin-filename", metavar="NAME", help="the name to report for standard input (its extension picks the format)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are error findings")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return _run_check(args)
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away (e.g. `| head`)
        return EXIT_FINDINGS


def _run_check(args: argparse.Namespace) -> int:
    from wiki_lint.check import Settings, check_paths
    from wiki_lint.errors import SchemaError, UsageError
    from wiki_lint.findings import Severity
    from wiki_lint.report import Totals, reporter

    settings = Settings(schema=args.schema, input_format=args.input_format, lang=args.lang, stdin_filename=args.stdin_filename)
    totals = Totals()
    try:
        results = check_paths(args.paths, settings)
        out = reporter(args.output_format, sys.stdout, sys.stderr)
        for result in results:
            totals.add(result)
            out.file(result)
        out.finish(totals)
    except SchemaError as exc:
        print(f"wiki-lint: error: schema {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"wiki-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if totals.unreadable:
        return EXIT_ERROR
    if totals.by_severity[Severity.ERROR] and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
