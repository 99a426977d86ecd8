"""Pages with thousands of unclosed openers are read in linear time, and say so.

mwparserfromhell's tokenizer (wikitext) and html.parser (HTML) read ahead to the end of
the page for every opener that is never closed.  The readers pre-scan the page and,
above a linear budget, read those openers as text (``markup-too-unbalanced``, WL011).
These tests pin down that normal pages never take that path (so their findings are
exactly what a plain parse gives), that the neutralised parse still renders back to the
page character for character, and that the finding says what happened.  How long the
pathological pages take is measured in ``test_robust_sizes.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mwparserfromhell.nodes import Text
from support import SHARED, by_name, lint

from wiki_lint.readers import html_guard, wikitext_guard
from wiki_lint.readers.wikitext import parse_bounded

ROOT = Path(__file__).resolve().parents[2]
WIKITEXT_PAGES = sorted(
    path
    for path in [*ROOT.glob("tests/pages/**/*.wiki"), *ROOT.glob("samples/*.wiki"), *(SHARED / "corpus").glob("wikitext/*.wiki")]
    if not path.name.startswith("markup-too-unbalanced")  # the page written to trigger it
)
HTML_PAGES = sorted(
    path
    for path in [*ROOT.glob("tests/pages/**/*.htm*"), *ROOT.glob("samples/*.html"), *(SHARED / "corpus").glob("html-*/*.htm*")]
    if not path.name.startswith("markup-too-unbalanced")
)
UNBALANCED_PAGES = {
    "unclosed divs": "<div>" * 3000,
    "unclosed templates with parameters": "{{a|\n" * 3000,
    "unclosed links with labels": "[[a|" * 3000,
    "unclosed tables": "{|\n|-\n" * 3000,
    "unclosed refs": '<ref name="a">x\n' * 3000,
    "unclosed comments": "<!-- a " * 3000,
    "unterminated tag openings": "<a b <" * 3000,
    "tags inside a template": "{{a|" + "<div>" * 3000 + "}}",
    "mixed": "<div>{{a|[[b|<ref>{|\n" * 1000,
}


@pytest.mark.parametrize("path", WIKITEXT_PAGES, ids=lambda p: p.name)
def test_normal_pages_are_parsed_as_written(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = wikitext_guard.scan(text)
    assert not found.too_much(len(text)), f"{path.name}: {len(found.unpaired)} unpaired, work {found.work:,}"
    assert parse_bounded(text)[1] is None


@pytest.mark.parametrize("path", HTML_PAGES, ids=lambda p: p.name)
def test_normal_html_pages_are_parsed_as_written(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found, work = html_guard.unterminated(text)
    assert not html_guard.too_much(work, len(text)), f"{path.name}: {len(found)} unterminated, work {work:,}"


@pytest.mark.parametrize("text", UNBALANCED_PAGES.values(), ids=UNBALANCED_PAGES.keys())
def test_neutralised_parse_renders_back_to_the_page(text: str) -> None:
    code, found = parse_bounded(text)
    assert found is not None and found.unpaired
    assert str(code) == text
    stand_ins = set(wikitext_guard.stand_ins(text).values())  # type: ignore[union-attr]
    assert not any(set(node.value) & stand_ins for node in code.ifilter(recursive=True, forcetype=Text))


def test_a_few_stray_openers_keep_the_full_parse() -> None:
    page = "{{Infobox drug\n| name = X\n" + "Lead <div> text [[link and {{cn|date=2025.\n" * 20 + "\n== Uses ==\nText.\n"
    assert parse_bounded(page)[1] is None


def test_the_reader_reports_how_many_openers_it_read_as_text() -> None:
    page = "'''X''' is a drug.\n\n== Uses ==\n" + "<span>" * 2000 + "\nText.\n"
    findings = by_name(lint(page, fmt="wikitext"), "markup-too-unbalanced")
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.line, finding.column, finding.code) == (4, 1, "WL011")
    assert "2,000 wikitext openers are never closed (the first is '<span>')" in finding.message


def test_headings_after_the_unclosed_markup_are_still_found() -> None:
    page = "Lead.\n\n" + "<div>\n" * 3000 + "\n== Uses ==\nUsed for pain.\n"
    doc_findings = lint(page, fmt="wikitext")
    assert by_name(doc_findings, "markup-too-unbalanced")
    from wiki_lint.readers import read
    from wiki_lint.sources import Source

    doc = read(Source("page.wiki", page, "\n", "utf-8"), "wikitext")
    assert [section.heading.text for section in doc.sections] == ["Uses"]
    assert doc.sections[0].blocks[0].text == "Used for pain."


def test_the_html_reader_reads_unterminated_start_tags_as_text() -> None:
    page = "<html><body><h1>X</h1><p>Lead " + '<span title="x' * 2000 + "</p><h2>Uses</h2><p>Text.</p></body></html>"
    findings = by_name(lint(page, fmt="html"), "markup-too-unbalanced")
    assert len(findings) == 1
    assert "2,000 HTML tags, comments or declarations never end (the first is '<span')" in findings[0].message


PIECES = st.sampled_from(
    ["<div>", "</div>", "<ref>", "</ref>", "{{a|", "}}", "[[b|", "]]", "{|\n", "|}\n", "<!--", "-->", "[http://x ", "]"]
    + ["<a b ", "<", "<<", "\n", "text ", "{{{", "}}}", "<nowiki>", "</NOWIKI>", "\ue000", "\u2000", "'''", "== H ==\n", "İ"]
)


@given(st.lists(PIECES, max_size=60), st.integers(min_value=0, max_value=3000))
def test_any_markup_renders_back_with_or_without_the_guard(pieces: list[str], repeat: int) -> None:
    """Whatever the mix (stand-in characters already in the page included), the tree
    renders back to the page, guarded or not."""
    text = "".join(pieces) + "<div>" * repeat
    code, _ = parse_bounded(text)
    assert str(code) == text
