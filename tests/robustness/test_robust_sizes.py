"""Any bytes in, a report out, in time and memory proportional to the input.

Every case runs through every reader (``readers.FORMATS``, so readers added later are
covered without touching this file) and the whole pipeline (read, extract, validate,
rules).  Each must finish without an internal error, in at most FACTOR times the time
and added memory of a plain page of the same size (one-sentence paragraphs) read by the
same reader in the same run.  A quadratic step on a quarter megabyte blows far past
that; linear work does not, even for inputs that cost more per byte than prose
(tables, front matter, a heading every few bytes).

Each run happens in a forked child (see ``robust_helpers.measure``), so peak memory is the
child's own and one case cannot inflate the next.  The two largest cases (a 50 MB
page, a 5 MB line) are in ``test_robust_large_inputs.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from robust_helpers import (
    FORMATS,
    PARAGRAPH,
    Cost,
    assert_clean,
    baseline,
    check_bytes,
    measure,
    plain_page,
)

# A quadratic step at SIZE costs hundreds to thousands of plain pages; linear cases that
# are costlier per byte than prose stay well below 50 (the costliest, headings on every
# line read as wikitext lists, is ~28x: mwparserfromhell builds a tag per line).  The
# bound was 30 until the rules got faster, which made the plain page cheaper, not the
# cases dearer.
FACTOR = 50
SIZE = 128 * 1024
MEMORY_FLOOR = 8 << 20  # RSS moves by a few MB with the allocator's mood; below this is noise


def fill(unit: bytes, head: bytes = b"", tail: bytes = b"") -> bytes:
    """``head``, then ``unit`` repeated, then ``tail``: about SIZE bytes in all."""
    return head + unit * max(1, (SIZE - len(head) - len(tail)) // len(unit)) + tail


def nested(prefix: bytes, text: bytes, depth: int) -> bytes:
    """Lines nested ``depth`` deep, repeated to SIZE: ``prefix`` once more on each line."""
    block = b"".join(prefix * level + text for level in range(depth))
    return block * max(1, SIZE // len(block))


def nul_page() -> bytes:
    page = bytearray(plain_page(SIZE))
    for offset in range(9000, len(page), 4096):  # after the first 8 KiB, which decide "binary"
        page[offset] = 0
    return bytes(page)


CASES: dict[str, Callable[[], bytes]] = {
    "crlf-line-endings": lambda: plain_page(SIZE).replace(b"\n", b"\r\n"),
    "lone-cr-line-endings": lambda: plain_page(SIZE).replace(b"\n", b"\r"),
    "mixed-line-endings": lambda: fill(PARAGRAPH[:-2] + b"\r\n\r" + PARAGRAPH[:-2] + b"\n\r\n"),
    "10000-headings": lambda: b"".join(b"## Heading %d\n\nSome text.\n\n" % i for i in range(10_000)),
    "10000-plain-headings-with-edit-markers": lambda: b"".join(b"Heading %d[edit]\n" % i for i in range(10_000)),
    "heading-levels-sawtooth": lambda: fill(b"# A\n## B\n### C\n#### D\n##### E\n###### F\ntext\n"),
    "one-heading-of-256kb": lambda: b"# " + b"a " * (SIZE // 2),
    "lists-nested-1000-deep": lambda: nested(b" ", b"- item\n", 1000),
    "ordered-lists-nested-deep": lambda: nested(b"   ", b"1. item\n", 300),
    "blockquotes-nested-1000-deep": lambda: nested(b">", b" quoted\n", 1000),
    "blockquote-markers-on-one-line": lambda: b">" * SIZE + b" text\n",
    "emphasis-bomb": lambda: fill(b"*a **b "),
    "underscore-emphasis-bomb": lambda: fill(b"_a __b "),
    "link-bracket-bomb": lambda: b"[" * (SIZE // 2) + b"a" + b"]" * (SIZE // 2),
    "link-opener-bomb": lambda: fill(b"[a]("),
    "backtick-bomb": lambda: fill(b"`a``b"),
    "html-comment-unclosed": lambda: b"<!--" + b"x" * SIZE,
    "100000-unclosed-templates": lambda: b"{{" * 100_000 + b"text",
    "100000-unclosed-html-tags": lambda: b"<div>" * 100_000,
    # HTML cannot nest a <p> in a <p>, but html.parser does: 64,000 levels deep
    "64000-nested-paragraphs": lambda: b"<p>x" * 64_000,
    # the same family, each of which mwparserfromhell's tokenizer reads ahead for to the
    # end of the page (or line) before giving up: quadratic unless the reader bounds it
    "unclosed-templates-with-parameters": lambda: fill(b"{{a|\n"),
    "unclosed-template-arguments": lambda: fill(b"{{{a|"),
    "unclosed-links-with-labels": lambda: fill(b"[[a|"),
    "unclosed-file-links": lambda: fill(b"[[File:a.png|thumb|"),
    "unclosed-external-links-on-one-line": lambda: fill(b"[http://a.example "),
    "unclosed-tables": lambda: fill(b"{|\n|-\n|cell\n"),
    "unclosed-refs": lambda: fill(b'<ref name="a">text\n'),
    "unclosed-comments": lambda: fill(b"<!-- a "),
    "unclosed-nowiki": lambda: fill(b"<nowiki>"),
    "unterminated-tag-attributes": lambda: fill(b'<span title="a\n'),
    "unterminated-tag-openings": lambda: fill(b"<a b <"),
    "unclosed-tags-in-a-list": lambda: fill(b"* <div>\n"),
    "unclosed-tags-in-table-cells": lambda: fill(b"|<div>\n", head=b"{|\n", tail=b"|}\n"),
    "unclosed-tags-in-a-template": lambda: fill(b"<div>", head=b"{{a|", tail=b"}}"),
    "unclosed-mixed-markup": lambda: fill(b"<div>{{a|[[b|<ref>{|\n"),
    "unclosed-mixed-markup-between-paragraphs": lambda: fill(b"<span>\n\n{{x|\n\n[[y|\n\n"),
    # html.parser reads ahead the same way for markup that never ends
    "unterminated-tags-with-quoted-gt": lambda: fill(b'<a title="x>y" '),
    "unterminated-end-tags": lambda: fill(b"</a <"),
    "unterminated-declarations": lambda: fill(b"<!x <![CDATA[ "),
    "unterminated-processing-instructions": lambda: fill(b"<?x "),
    "table-rows": lambda: fill(b"|x|y|\n", head=b"|a|b|\n|-|-|\n"),
    "front-matter-many-keys": lambda: b"---\n" + b"".join(b"key%d: value\n" % i for i in range(20_000)) + b"---\n\nText.\n",
    "labels-everywhere": lambda: fill(b"Credits: someone wrote this\n\n"),
    "site-chrome-everywhere": lambda: fill(b"Deutsch,\n", head=b"Translate this page:\n"),
    "only-newlines": lambda: b"\n" * SIZE,
    "only-spaces": lambda: b" " * SIZE,
    "nul-bytes-after-8kib": nul_page,
    "combining-marks": lambda: fill(("a" + "\u0301" * 50 + " ").encode()),
    "astral-and-zero-width": lambda: fill("\U0001f9ec\u200b\u200f\ufeff".encode()),
}


# Cases a reader is known to fail, with the reason; each is reported as xfail (not run,
# as it would take minutes) until the reader is fixed, then the entry must go.
KNOWN_SLOW: dict[tuple[str, str], str] = {}


def _params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        for fmt in FORMATS:
            reason = KNOWN_SLOW.get((case, fmt))
            marks = [pytest.mark.xfail(run=False, strict=True, reason=reason)] if reason else []
            params.append(pytest.param(case, fmt, marks=marks, id=f"{case}-{fmt}"))
    return params


@pytest.mark.parametrize(("case", "fmt"), _params())
def test_case_finishes_in_bounded_time_and_memory(case: str, fmt: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    data = CASES[case]()
    folder = tmp_path_factory.getbasetemp()
    base = baseline(fmt, SIZE, str(folder))
    scale = max(len(data) / SIZE, 1.0)  # a case a little larger than SIZE gets proportionally more
    time_bound = FACTOR * scale * base.seconds
    memory_bound = FACTOR * scale * max(base.peak_bytes, MEMORY_FLOOR)
    give_up = 10 * time_bound + 30  # wall seconds on a busy machine; far beyond this it hangs
    cost = measure(lambda: check_bytes(data, fmt, folder, name=case), give_up)
    if math.isfinite(cost.seconds) and (cost.seconds > time_bound or cost.peak_bytes > memory_bound):  # once more before failing
        again = measure(lambda: check_bytes(data, fmt, folder, name=case), give_up)
        cost = Cost(min(cost.seconds, again.seconds), min(cost.peak_bytes, again.peak_bytes), cost.error)
    assert_clean(cost)
    assert cost.seconds <= time_bound, f"{case} as {fmt}: {cost.seconds:.2f}s CPU vs plain page {base.seconds:.2f}s"
    assert cost.peak_bytes <= memory_bound, f"{case} as {fmt}: {cost.peak_bytes:,} B vs plain page {base.peak_bytes:,} B"


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_file_is_checked(fmt: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    result = check_bytes(b"", fmt, tmp_path_factory.getbasetemp(), name="empty")
    assert result.error is None
    assert "missing-part" in {f.name for f in result.findings}
    assert all(f.line == 1 and f.column == 1 for f in result.findings)
