"""Coverage-guided fuzzing of wiki-lint's readers and whole pipeline with atheris.

Each input is a file's bytes.  The harness decodes them as wiki-lint does (with
``errors="replace"``, so invalid UTF-8 is read, not refused), reads them with one reader,
checks the document against the built-in schema and renders every output format,
asserting what must always hold: no exception but a refused binary file, every span
inside the page, every finding on a real line and column with a one-line message and
hint, JSON output that loads back to the findings.  Any other exception is a crash and atheris stops with the input that
caused it.

Usage (atheris is the optional ``fuzz`` extra; it is not needed for the test suite)::

    pip install -e '.[fuzz]'
    python fuzz/fuzz_readers.py --target markdown -runs=100000
    python fuzz/fuzz_readers.py --target plaintext -max_total_time=600 /tmp/corpus-plaintext
    python fuzz/fuzz_readers.py --target frontmatter -runs=100000
    python fuzz/fuzz_readers.py --target all -runs=100000 -max_len=4096
    python fuzz/fuzz_readers.py --target wikitext -dict=fuzz/wikitext.dict -runs=100000
    python fuzz/fuzz_readers.py --target html -dict=fuzz/html.dict -runs=100000

``--reader-only`` stops after reading and checking the document's spans: no rules, no
output formats.  It runs about ten times as many inputs per second, for long runs
aimed at the readers themselves (the hypothesis tests cover the whole pipeline too).

``--target`` is a reader name from ``wiki_lint.readers.FORMATS`` (readers added later
are accepted automatically), ``frontmatter`` (the YAML loader alone) or ``all`` (the
reader is chosen by the input's first byte).  Every other argument goes to libFuzzer
(``-runs``, ``-max_total_time``, ``-max_len``, ``-jobs``, a corpus folder).  Seed a corpus
folder with pages from ``samples/`` to start from realistic input; never point it at
``samples/`` itself, as libFuzzer writes new inputs into the folder it is given.
"""

from __future__ import annotations

import argparse
import io
import json
import sys

import atheris

with atheris.instrument_imports():
    import importlib

    from wiki_lint import readers

    for _module, _extensions in readers.FORMATS.values():  # imported lazily otherwise: outside
        importlib.import_module(_module)  # this block, the readers would run uninstrumented
    from wiki_lint.check import FileResult, Settings, check_document
    from wiki_lint.document import Span
    from wiki_lint.errors import InputError
    from wiki_lint.readers import frontmatter
    from wiki_lint.report import FORMATS as OUTPUT_FORMATS
    from wiki_lint.report import Totals, reporter
    from wiki_lint.schema import load_schema
    from wiki_lint.sources import decode, split_lines

SCHEMA = load_schema()
SETTINGS = Settings()
TARGETS = (*readers.FORMATS, "frontmatter", "all")


def check_span(span: Span, lines: list[str]) -> None:
    last = max(len(lines), 1)
    if not (1 <= span.line <= last and 1 <= span.end_line <= last and span.column >= 1 and span.end_column >= 1):
        raise AssertionError(f"span outside the page: {span} (page has {len(lines)} lines)")
    if (span.line, span.column) > (span.end_line, span.end_column):
        raise AssertionError(f"span ends before it starts: {span}")


def fuzz_front_matter(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    loaded = frontmatter.load(text, 2, split_lines("---\n" + text + "\n---\n"))
    json.dumps(loaded.data, allow_nan=False)


def fuzz_reader(fmt: str, data: bytes, reader_only: bool = False) -> None:
    path = "page" + readers.FORMATS[fmt][1][0]
    try:
        source = decode(data, path, errors="replace")
    except InputError as exc:
        if "binary" not in exc.problem:
            raise
        return
    doc = readers.read(source, fmt)
    lines = doc.lines
    spans = [b.span for b in doc.blocks()] + [c.span for c in doc.chrome] + [p.span for p in doc.problems]
    spans += [s.heading.span for s in doc.sections] + list(doc.front_matter_spans.values())
    for span in spans:
        check_span(span, lines)
    if reader_only:
        return
    doc.problems.extend(source.problems)
    findings = check_document(doc, SCHEMA, SETTINGS)
    for finding in findings:
        check_span(Span(finding.line, finding.column, finding.end_line, finding.end_column), lines)
        if len(finding.message.splitlines()) > 1 or len((finding.hint or "").splitlines()) > 1:
            raise AssertionError(f"finding text spans lines: {finding.message!r}")
    result = FileResult(path, findings)
    for output_format in OUTPUT_FORMATS:
        out = io.StringIO()
        made = reporter(output_format, out, io.StringIO())
        totals = Totals()
        totals.add(result)
        made.file(result)
        made.finish(totals)
        if output_format == "json" and json.loads(out.getvalue()) != [f.to_dict() for f in findings]:
            raise AssertionError("JSON output does not load back to the findings")


def make_target(name: str, reader_only: bool = False):  # type: ignore[no-untyped-def]
    formats = list(readers.FORMATS)

    def one_input(data: bytes) -> None:
        if name == "frontmatter":
            fuzz_front_matter(data)
        elif name == "all":
            if data:
                fuzz_reader(formats[data[0] % len(formats)], data[1:], reader_only)
        else:
            fuzz_reader(name, data, reader_only)

    return one_input


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], add_help=False)
    parser.add_argument("--target", choices=TARGETS, default="all")
    parser.add_argument("--reader-only", action="store_true", help="stop after the reader and its span checks (about ten times faster)")
    args, fuzzer_args = parser.parse_known_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    atheris.Setup([sys.argv[0], *fuzzer_args], make_target(args.target, args.reader_only))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
