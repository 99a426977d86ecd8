"""Property-based fuzzing: every reader, and the whole pipeline into every output format.

Readers come from ``readers.FORMATS`` and output formats from ``report.FORMATS``, so
formats added later are fuzzed without touching this file.  An output format is parsed
back with the parser registered in OUTPUT_PARSERS (JSON loads, SARIF validates against
the SARIF 2.1.0 schema in shared/schemas, JUnit XML parses, each line of line-based
formats has its documented shape); a format
with no parser registered still has to render without an exception.

The example count comes from the hypothesis profile (tests/conftest.py): bounded in CI,
``HYPOTHESIS_PROFILE=fuzz`` for long runs.  ``fuzz/fuzz_readers.py`` is the atheris
harness for coverage-guided runs.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given
from robust_helpers import FORMATS, extension
from robust_strategies import page_bytes, page_text

from wiki_lint import readers
from wiki_lint.check import FileResult, Settings, check_source
from wiki_lint.document import Document, Span
from wiki_lint.errors import InputError
from wiki_lint.findings import Finding
from wiki_lint.readers import frontmatter
from wiki_lint.report import FORMATS as OUTPUT_FORMATS
from wiki_lint.report import Totals, reporter
from wiki_lint.sources import Source, decode, split_lines

from support import SHARED

SETTINGS = Settings()


def document_spans(doc: Document) -> list[Span]:
    spans = [s for s in (doc.title_span,) if s is not None]
    spans += list(doc.front_matter_spans.values())
    spans += [b.span for b in doc.blocks()]
    for section in doc.sections:
        spans += [section.heading.span, section.heading.text_span] + [m.span for m in section.heading.markers]
    spans += [c.span for c in doc.chrome] + [p.span for p in doc.problems]
    return spans


def assert_span_sane(span: Span, lines: list[str]) -> None:
    assert 1 <= span.line <= max(len(lines), 1) and 1 <= span.end_line <= max(len(lines), 1), span
    assert span.column >= 1 and span.end_column >= 1, span
    assert (span.line, span.column) <= (span.end_line, span.end_column), span


def assert_finding_sane(finding: Finding, lines: list[str]) -> None:
    assert re.fullmatch(r"WL\d{3}", finding.code) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", finding.name)
    assert_span_sane(Span(finding.line, finding.column, finding.end_line, finding.end_column), lines)
    width = len(lines[finding.line - 1]) if lines else 0
    assert finding.column <= width + 1
    for text in (finding.message, finding.hint or ""):
        assert len(text.splitlines()) <= 1, text  # one line by every definition of a line break


@pytest.mark.parametrize("fmt", FORMATS)
@given(text=page_text)
def test_reader_never_crashes_and_spans_stay_in_the_page(fmt: str, text: str) -> None:
    doc = readers.read(Source("page" + extension(fmt), text), fmt)
    assert doc.lines == split_lines(text)
    for span in document_spans(doc):
        assert_span_sane(span, doc.lines)


@given(text=page_text)
def test_front_matter_loader_never_raises(text: str) -> None:
    loaded = frontmatter.load(text, 2, split_lines("---\n" + text + "\n---\n"))
    assert (loaded.data is None) or isinstance(loaded.data, dict)
    json.dumps(loaded.data, allow_nan=False)  # what reaches the schema is strict JSON


_HEADLINE = re.compile(r"^.+:\d+:\d+: WL\d{3} (error|warning|info): .* \[[a-z0-9-]+\]$")


def _lines(output: str) -> list[str]:
    lines = output.split("\n")  # what line-based consumers split on (not str.splitlines)
    assert lines.pop() == "", "output ends with a line break"
    return lines


def _parse_text(output: str) -> Any:
    lines = _lines(output)
    assert lines and lines[-1].startswith("Found ")
    for line in lines[:-1]:
        assert _HEADLINE.match(line) or line.startswith("    "), line  # a finding, or its indented details
    return lines


def _parse_concise(output: str) -> Any:
    lines = _lines(output)
    assert lines and lines[-1].startswith("Found ")
    assert all(_HEADLINE.match(line) for line in lines[:-1])
    return lines


def _parse_github(output: str) -> Any:
    lines = _lines(output)
    assert all(re.match(r"^::(error|warning|notice) file=[^:]*::", line) for line in lines if line), lines
    return lines


def _parse_json_lines(output: str) -> Any:
    return [json.loads(line) for line in _lines(output)]


@functools.cache
def _sarif_validator() -> Any:
    import jsonschema

    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _parse_sarif(output: str) -> Any:
    document = json.loads(output)
    _sarif_validator().validate(document)
    return document


OUTPUT_PARSERS: dict[str, Callable[[str], Any]] = {
    "text": _parse_text,
    "concise": _parse_concise,
    "json": json.loads,
    "json-lines": _parse_json_lines,
    "sarif": _parse_sarif,
    "github": _parse_github,
    "junit": ElementTree.fromstring,
    "gitlab": json.loads,
    "checkstyle": ElementTree.fromstring,
}


def render(fmt: str, result: FileResult) -> str:
    out, err = io.StringIO(), io.StringIO()
    totals = Totals()
    made = reporter(fmt, out, err)
    totals.add(result)
    made.file(result)
    made.finish(totals)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
@given(data=page_bytes())
def test_pipeline_from_bytes_to_every_output_format(fmt: str, data: bytes) -> None:
    path = "page" + extension(fmt)
    try:
        source = decode(data, path, errors="replace")
    except InputError as exc:  # binary input: refused with a message, never a crash
        result = FileResult(path, error=str(exc))
        assert "binary" in exc.problem
    else:
        findings = check_source(source, SETTINGS, fmt)
        lines = split_lines(source.text)
        for finding in findings:
            assert_finding_sane(finding, lines)
        assert findings == sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code))
        result = FileResult(path, findings)
    for output_format in OUTPUT_FORMATS:
        output = render(output_format, result)
        parse = OUTPUT_PARSERS.get(output_format)
        if parse is not None:
            parsed = parse(output)
            if output_format == "json":
                assert parsed == [f.to_dict() for f in result.findings]


# Inputs the atheris runs (fuzz/fuzz_readers.py) crashed on, cut down to what matters.
FOUND_BY_ATHERIS = {
    # html.parser asserts on a marked section "<![" without a known keyword, so
    # BeautifulSoup rejected the whole page (an internal error, page not checked)
    "html-marked-section-unknown-keyword": ("html", b'<div id="mw-content-text"><<![C=w-parser-outp\xff\xff_ut" lang="en">\n<p>x</p>'),
    "html-marked-section-without-name": ("html", b"<p>Text <![ x and more.</p>"),
    "html-marked-section-at-the-end": ("html", b"<p>Text.</p><!["),
}


@pytest.mark.parametrize(("fmt", "data"), FOUND_BY_ATHERIS.values(), ids=FOUND_BY_ATHERIS.keys())
def test_inputs_found_by_atheris_are_checked(fmt: str, data: bytes) -> None:
    source = decode(data, "page" + extension(fmt), errors="replace")
    doc = readers.read(source, fmt)
    for span in document_spans(doc):
        assert_span_sane(span, doc.lines)
    findings = check_source(source, SETTINGS, fmt)
    for finding in findings:
        assert_finding_sane(finding, split_lines(source.text))
