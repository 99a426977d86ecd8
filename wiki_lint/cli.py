"""The ``wiki-lint`` command line; the only module that prints and exits.

Exit codes: 0 no error-severity findings; 1 error-severity findings; 2 a usage error, a
broken schema, or a file that could not be read or checked (the other files are still
checked and reported).  No traceback is printed for bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from wiki_lint import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from wiki_lint.check import Settings
    from wiki_lint.config import ConfigResolver
    from wiki_lint.rendered import RenderCache, Rendered
    from wiki_lint.report import RenderingReporter

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized as argparse sizes it (``COLUMNS``, else the
    terminal, else 80 columns) without importing :mod:`shutil` for that: argparse
    builds a formatter for every argument it adds, and shutil (with bz2, lzma and
    fnmatch) costs a one-page run a few milliseconds."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


def _terminal_columns() -> int:
    """What ``shutil.get_terminal_size().columns`` answers."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser (and, through ``add_subparsers``, every sub-parser) with
    :class:`_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser; ``only="check"`` leaves out the other commands (a check
    run cannot use them, and building them costs start-up time)."""
    others = only != "check"
    from wiki_lint.readers import FORMATS as INPUT_FORMATS
    from wiki_lint.report import FORMATS as OUTPUT_FORMATS

    parser = _Parser(
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
    check.add_argument(
        "--input-format", choices=list(INPUT_FORMATS), help="read every file as this format instead of guessing from its extension"
    )
    check.add_argument("--schema", metavar="PATH", help="entry schema: a JSON Schema file or a built-in name (default: medical-entry)")
    check.add_argument(
        "--type",
        dest="entry_type",
        metavar="TYPE",
        help="entry type of the pages (protein, disease, drug): overrides front matter 'type' and detection; --schema wins over it",
    )
    check.add_argument(
        "--lang",
        metavar="CODE",
        help="language of the pages, for language-specific headings (default: front matter 'lang', else what the page says: <html lang>, a page.LANG.wiki file name)",
    )
    check.add_argument("--stdin-filename", metavar="NAME", help="the name to report for standard input (its extension picks the format)")
    check.add_argument(
        "--encoding-errors",
        choices=["strict", "replace"],
        default="strict",
        help="a file that is not valid UTF-8: 'strict' (default) reports it as an error and skips it; "
        "'replace' checks it with the bad bytes replaced and reports an invalid-encoding finding",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are error findings")
    check.add_argument("--output-file", metavar="PATH", help="write the report to PATH instead of standard output")
    check.add_argument("--statistics", action="store_true", help="also print how often each rule fired (and page score ranges)")
    check.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="worker processes for many files (default: all CPUs; 1 checks in this process)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache (.wiki-lint-cache/ under the project root)")
    if others:
        commands.add_parser(
            "clean",
            help="remove the result cache",
            description="Remove the result cache (.wiki-lint-cache/ under the project root: the nearest folder with pyproject.toml, .wiki-lint.toml or .git).",
        )
        _add_rule_commands(commands)
    check.add_argument(
        "--config", metavar="PATH", help="use this configuration file (.wiki-lint.toml or pyproject.toml) instead of looking for one"
    )
    check.add_argument("--select", metavar="RULES", help="only these rules: codes, names or prefixes, comma-separated (replaces 'select')")
    check.add_argument("--extend-select", metavar="RULES", help="these rules as well (adds to 'select')")
    check.add_argument("--ignore", metavar="RULES", help="not these rules (adds to 'ignore')")
    check.add_argument(
        "--force-exclude", action="store_true", help="apply 'exclude' to files named on the command line too (for pre-commit)"
    )
    if others:
        from wiki_lint.schema_tools import add_schema_command

        add_schema_command(commands)
    fixing = check.add_argument_group("fixes", "repair what can be repaired (see docs/fixes.md)")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes in place; report what remains")
    fixing.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes (content to review); implies --fix unless --diff")
    fixing.add_argument("--diff", action="store_true", help="print a unified diff of the fixes and write nothing (exit 1 if anything would change)")
    fixing.add_argument("--fix-only", action="store_true", help="apply fixes and report nothing else")
    if others:
        _add_convert_command(commands)
    return parser


def _add_convert_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    convert = commands.add_parser(
        "convert",
        help="turn a plain-text export into a Markdown page beside it",
        description="Write PAGE.md beside each plain-text PAGE.txt: front matter title, headings, "
        "the disclaimer, credits and license as sections, without edit markers or site chrome. "
        "An existing file is never overwritten.",
    )
    convert.add_argument("paths", nargs="+", metavar="PATH", help="plain-text exports (.txt) to convert")
    convert.add_argument("--output", metavar="PATH", help="where to write the Markdown page (one input only)")
    convert.add_argument("--schema", metavar="PATH", help="entry schema: a JSON Schema file or a built-in name (default: medical-entry)")
    convert.add_argument("--lang", metavar="CODE", help="language of the pages, for language-specific headings")


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, got {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more processes, got {jobs}")
    return jobs


def _add_rule_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = commands.add_parser("rules", help="list every rule", description="List every rule: code, name, default severity, fixable.")
    rules.add_argument("--output-format", choices=["text", "json"], default="text", help="how to list (default: text)")
    rule = commands.add_parser(
        "rule", help="show one rule's documentation", description="Show a rule's documentation, by code (WL101) or name (missing-part)."
    )
    rule.add_argument("rule", metavar="CODE_OR_NAME", help="a rule code such as WL101 or a name such as missing-part")
    rule.add_argument("--output-format", choices=["text", "json"], default="text", help="Markdown text or a JSON object (default: text)")


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    command = next((word for word in words if not word.startswith("-")), None)  # top-level options take no value
    parser = build_parser("check" if command == "check" else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    if args.command == "clean":
        return _run_clean()
    try:
        if args.command == "rules":
            return _run_rules(args)
        if args.command == "rule":
            return _run_rule(args)
        if args.command == "schema":
            from wiki_lint.schema_tools import run_schema_command

            return run_schema_command(args, sys.stdout, sys.stderr)
        if args.command == "convert":
            from wiki_lint.convert import run as run_convert

            return run_convert(args.paths, args.output, args.schema, args.lang, sys.stdout, sys.stderr)
        if args.command == "check" and (args.diff or args.fix_only):
            from wiki_lint.fix_cli import run as run_fix

            settings = _settings(args)
            return run_fix(args, sys.stdout, sys.stderr, settings, _config_resolver(args, settings))
        return _run_check(args)
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away (e.g. `| head`)
        return EXIT_FINDINGS


def _run_clean() -> int:
    from wiki_lint.cache import CACHE_DIR, clean, project_root

    root = project_root()
    removed = clean(root)
    print(f"removed {removed}" if removed else f"no cache to remove ({root / CACHE_DIR} does not exist)", file=sys.stderr)
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    import itertools

    from wiki_lint.batch import default_jobs
    from wiki_lint.check import FileResult, check_paths
    from wiki_lint.errors import SchemaError, UsageError
    from wiki_lint.findings import Severity
    from wiki_lint.report import INLINE_STATISTICS, Totals, reporter, severity_counts
    from wiki_lint.report.output import OutputFile
    from wiki_lint.report.statistics import Statistics

    settings = _settings(args)
    totals = Totals()
    statistics = Statistics()
    render: RenderCache | None = None
    try:
        fixing = args.fix or args.unsafe_fixes
        configs = _config_resolver(args, settings)
        if fixing:  # report what remains after fixing (docs/fixes.md)
            from wiki_lint.fix_cli import Tally, fixed_results

            tally = Tally()
            results: Iterator[FileResult | Rendered] = iter(fixed_results(args.paths, settings, args.unsafe_fixes, tally, configs))
        else:
            render = None if args.no_cache else _render_cache(args.output_format, args.statistics)
            cache_root = None if args.no_cache else _project_root()
            results = iter(check_paths(args.paths, settings, configs, jobs=args.jobs or default_jobs(), cache_root=cache_root, render=render))
        first = next(results, None)  # a broken schema stops the run before any output
        with OutputFile(args.output_file) if args.output_file else _Stdout() as stream:
            out = reporter(args.output_format, stream, sys.stderr)
            for result in itertools.chain([first] if first else [], results):
                if not isinstance(result, FileResult):  # a cached rendering (wiki_lint.rendered)
                    totals.add_counts(result.counts)
                    if result.stats is not None:
                        statistics.add_counted(*result.stats)
                    cast("RenderingReporter", out).emit(result.text, result.findings)
                    continue
                totals.add(result)
                if args.statistics:  # it keeps every page's scores
                    statistics.add(result)
                if render is not None and result.error is None:
                    rendering = cast("RenderingReporter", out)  # render is only given for such formats
                    text = rendering.render(result)
                    rendering.emit(text, len(result.findings))
                    render.remember(result, text, severity_counts(result))
                else:
                    out.file(result)
            out.finish(totals)
            if args.statistics:
                if args.output_format in INLINE_STATISTICS:
                    stream.write("\n" + statistics.render())
                else:
                    sys.stderr.write(statistics.render())
    except SchemaError as exc:
        print(f"wiki-lint: error: schema {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"wiki-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        print(f"wiki-lint: error: cannot write {args.output_file or 'the report'}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    if fixing:
        print(tally.line(), file=sys.stderr)
    if totals.unreadable:
        return EXIT_ERROR
    if totals.by_severity[Severity.ERROR] and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _render_cache(fmt: str, statistics: bool) -> RenderCache | None:
    """The cache of report texts for ``fmt``, when its output is rendered per file
    (with each file's statistics for ``--statistics``)."""
    from wiki_lint.report import render_key

    key = render_key(fmt)
    if key is None:
        return None
    from wiki_lint.rendered import RenderCache

    return RenderCache(key, statistics)


def _project_root() -> Path:
    from wiki_lint.cache import project_root  # only runs that use the cache import it

    return project_root()


class _Stdout:
    """Standard output as a context manager that does not close it."""

    def __enter__(self) -> TextIO:
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()


def _run_rules(args: argparse.Namespace) -> int:
    import json

    from wiki_lint.ruledocs import all_docs

    docs = all_docs()
    if args.output_format == "json":
        print(json.dumps([doc.to_dict() for doc in docs], indent=2, ensure_ascii=False))
        return EXIT_OK
    name_width = max(len("NAME"), *(len(doc.name) for doc in docs))
    print(f"{'CODE':<6} {'NAME':<{name_width}} {'SEVERITY':<8} {'FIXABLE':<7} SUMMARY")
    for doc in docs:
        fixable = "yes" if doc.fixable else "no"
        print(f"{doc.code:<6} {doc.name:<{name_width}} {doc.severity:<8} {fixable:<7} {doc.summary}")
    return EXIT_OK


def _run_rule(args: argparse.Namespace) -> int:
    import json

    from wiki_lint.ruledocs import find_rule, render_markdown, rule_doc, suggestions

    rule = find_rule(args.rule)
    if rule is None:
        close = suggestions(args.rule)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        print(
            f"wiki-lint: error: unknown rule '{args.rule}': expected a code such as WL101 or a name such as "
            f"missing-part{hint} ('wiki-lint rules' lists them all)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    doc = rule_doc(rule)
    if args.output_format == "json":
        print(json.dumps(doc.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_markdown(doc), end="")
    return EXIT_OK


def _settings(args: argparse.Namespace) -> Settings:
    """The run's settings from the command line (configuration files refine them per file)."""
    from wiki_lint.check import Settings

    return Settings(
        schema=args.schema,
        input_format=args.input_format,
        lang=args.lang,
        stdin_filename=args.stdin_filename,
        entry_type=getattr(args, "entry_type", None),
        encoding_errors=args.encoding_errors,
    )


def _config_resolver(args: argparse.Namespace, settings: Settings) -> ConfigResolver:
    """Configuration discovery with the command line's selection flags on top."""
    from wiki_lint.config import ConfigResolver, Overrides
    from wiki_lint.selection import split_cli_list

    overrides = Overrides(
        select=split_cli_list(args.select, "--select") if args.select is not None else None,
        extend_select=split_cli_list(args.extend_select, "--extend-select") if args.extend_select else (),
        ignore=split_cli_list(args.ignore, "--ignore") if args.ignore else (),
        force_exclude=args.force_exclude,
    )
    return ConfigResolver(settings, overrides, args.config)


if __name__ == "__main__":
    sys.exit(main())
