"""The wikitext and HTML readers on hostile input: unbalanced templates, unclosed
tags, nested templates in headings, entities, deep nesting, megabyte pages.  They never
raise, and every position they give lies inside the file."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from wiki_lint.check import Settings, check_document
from wiki_lint.document import Document, Span
from wiki_lint.readers import read
from wiki_lint.schema import load_schema
from wiki_lint.sources import Source

from support import TODAY

WIKI_PIECES = [
    "\x00",
    "{{",
    "}}",
    "[[",
    "]]",
    "|",
    "=",
    "==",
    "== H ==",
    "\n",
    "\r\n",
    "\r",
    " ",
    "x",
    "Word",
    "'''",
    "''",
    "<ref>",
    "</ref>",
    "<ref name=a/>",
    '<ref name="b">',
    "<!--",
    "-->",
    "<!--T:1-->",
    "&amp;",
    "&#x41;",
    "&bogus;",
    "*",
    "#",
    ":",
    ";",
    "{|",
    "|}",
    "|-",
    "<translate>",
    "</translate>",
    "<nowiki>",
    "</nowiki>",
    "[[Category:C]]",
    "[[File:a.png|thumb|cap]]",
    "{{DISPLAYTITLE:T}}",
    "{{Medical disclaimer}}",
    "__NOTOC__",
    "<br/>",
    "é",
    "\u2028",
    "\t",
    "[http://x.org t]",
    "{{{1}}}",
    "<div>",
    "</div>",
]
HTML_PIECES = [
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    '<h1 id="firstHeading">',
    "</h1>",
    '<div class="mw-parser-output">',
    "</div>",
    '<div class="mw-heading">',
    '<span class="mw-editsection">[edit]</span>',
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    '<table class="infobox">',
    "<tr>",
    "<th>",
    "<td>",
    "</table>",
    "<title>",
    "</title>",
    '<html lang="en">',
    "<b>",
    "</b>",
    "&amp;",
    "&#160;",
    "&#x1F600;",
    "&nope;",
    "<!--",
    "-->",
    "<br>",
    "<br/>",
    "\n",
    "\r\n",
    "\r",
    " ",
    "text",
    "Medical disclaimer",
    "Content is available under CC BY-SA 4.0.",
    "<script>",
    "</script>",
    "<",
    ">",
    '"',
    '<div id="footer">',
    '<li id="footer-info-lastmod">last edited on 1 May 2020',
    '<div id="catlinks">',
    '<ol class="references">',
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "é",
    "\u2028",
]


def markup(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.lists(st.sampled_from(pieces), max_size=60).map("".join), st.text(max_size=200))


def spans(doc: Document) -> list[Span]:
    out = [s for s in (doc.title_span,) if s is not None]
    for section in doc.sections:
        out += [
            section.heading.span,
            section.heading.text_span,
            *(m.span for m in section.heading.markers),
        ]
    for block in doc.blocks():
        out.append(block.span)
        out += [Span(*block.position(i), *block.position(i)) for i in (0, len(block.text) // 2, len(block.text))]
    out += [c.span for c in doc.chrome] + [r.span for r in doc.refs] + [c.span for c in doc.categories]
    out += [p.span for p in doc.problems] + list(doc.metadata_spans.values())
    for template in doc.templates:
        out += [template.span, *(p.span for p in template.params)]
    return out


def assert_inside(doc: Document) -> None:
    lines = doc.lines or [""]
    for span in spans(doc):
        assert 1 <= span.line <= span.end_line <= len(lines), span
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, span
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, span
        assert (span.line, span.column) <= (span.end_line, span.end_column), span


def read_and_check(text: str, fmt: str) -> Document:
    doc = read(Source(f"page.{'wiki' if fmt == 'wikitext' else 'html'}", text), fmt)
    assert_inside(doc)
    check_document(doc, load_schema(None), Settings(today=TODAY))
    return doc


@given(markup(WIKI_PIECES))
@example("[[File:a.png|thumb|cap]]\r\n[[File:a.png|thumb|cap]]")  # a verbatim block with CRLF
def test_wikitext_reader_never_raises_and_stays_inside_the_file(text: str) -> None:
    read_and_check(text, "wikitext")


@given(markup(HTML_PIECES))
@example("http://example.org/page.html")  # looks like a URL, is a (text-only) page
def test_html_reader_never_raises_and_stays_inside_the_file(text: str) -> None:
    read_and_check(text, "html")


def test_nested_templates_in_headings_and_unclosed_everything() -> None:
    text = "== A {{x|{{y|== z ==}}}} ==\nBody {{unclosed|\n== B [[link ==\n<ref>never closed\n<!-- nor this\n"
    doc = read_and_check(text, "wikitext")
    assert doc.sections[0].heading.text == "A"
    assert {p.rule for p in doc.problems} == {"unbalanced-markup"}


def test_deeply_nested_markup() -> None:
    read_and_check("{{a|" * 1000 + "x" + "}}" * 10, "wikitext")  # the parser is quadratic here; 1000 is plenty
    read_and_check("[[" * 3000, "wikitext")
    doc = read_and_check("<div>" * 3000 + "<p>deep text</p>" + "</div>" * 3000, "html")
    assert "deep text" in " ".join(b.text for b in doc.blocks())
    read_and_check("<b>" * 5000 + "bold", "html")


def test_megabyte_wikitext_page() -> None:
    section = (
        "== Section {n} ==\n'''Bold''' text with a [[link|label]] and a citation.<ref name=r{n}>Source {n}.</ref>\n\n* item\n* item\n\n"
    )
    text = "Lead paragraph of the page.\n\n" + "".join(section.format(n=n) for n in range(9000))
    assert len(text) > 1_000_000
    doc = read_and_check(text, "wikitext")
    assert len(doc.sections) == 9000 and len(doc.refs) == 9000
    last = doc.sections[-1].heading
    assert doc.lines[last.span.line - 1] == "== Section 8999 =="


def test_megabyte_html_page() -> None:
    section = '<h2><span class="mw-headline">Section {n}</span><span class="mw-editsection">[edit]</span></h2>\n<p>Text &amp; more text with <a href="/x">a link</a>.</p>\n<ul><li>item</li><li>item</li></ul>\n'
    text = (
        '<html><body><div class="mw-parser-output"><p>Lead.</p>\n'
        + "".join(section.format(n=n) for n in range(7000))
        + "</div></body></html>"
    )
    assert len(text) > 1_000_000
    doc = read_and_check(text, "html")
    assert len(doc.sections) == 7000
    last = doc.sections[-1].heading
    assert last.text == "Section 6999"
    assert doc.lines[last.span.line - 1][last.span.column - 1 : last.span.end_column - 1] == "Section 6999"


@given(markup(WIKI_PIECES))
def test_wikitext_sizes_match_the_rendered_source(text: str) -> None:
    """The reader measures every node once, bottom-up; each size must equal the node's
    rendered length, or offsets would drift."""
    from wiki_lint.readers.wikitext import _measure, _walk, parse

    code = parse(text)
    table: dict[int, int] = {}
    assert _measure(code, table) == len(text)
    for node, _offset in _walk(code, 0):
        assert table[id(node)] == len(str(node)), node
