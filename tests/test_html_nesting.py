"""The HTML reader's walk over the elements inside an element: the same elements, in
the same order, as Beautiful Soup's ``find_all(True)``, but lazily and without a walk
to the last descendant first (on deeply nested pages each of the reader's 150 levels
walked the whole rest of the page)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from wiki_lint.document import Span
from wiki_lint.readers import read
from wiki_lint.readers.html import _MAX_DEPTH, _has_block_within, _is_block, _tags_within
from wiki_lint.sources import Source

NAMES = ["p", "div", "span", "ul", "li", "table", "tr", "td", "b", "section", "h2", "blockquote"]


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    """Random, often unbalanced, nested markup with text between the tags."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "open", "close", "nested"] if depth < 6 else ["text", "open", "close"]))
        name = draw(st.sampled_from(NAMES))
        if kind == "text":
            parts.append(draw(st.sampled_from(["x", " ", "some words", "<!-- c -->"])))
        elif kind == "open":
            parts.append(f"<{name}>")
        elif kind == "close":
            parts.append(f"</{name}>")
        else:
            parts.append(f"<{name}>{draw(markup(depth + 1))}</{name}>")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(markup(), st.integers(1, 6))
def test_the_elements_within_are_those_of_find_all(html: str, limit: int) -> None:
    soup = BeautifulSoup(f"<body>{html}</body>", "html.parser")
    for tag in [soup, *soup.find_all(True)]:
        assert list(_tags_within(tag)) == tag.find_all(True)
        assert list(_tags_within(tag, limit=limit)) == tag.find_all(True, limit=limit)
        expected = any(isinstance(d, Tag) and _is_block(d) for d in tag.find_all(True))
        assert _has_block_within(tag) is expected


def test_deeply_nested_paragraphs_are_read_as_before() -> None:
    """Each level a paragraph of its own up to the reader's depth limit, then the rest
    as one paragraph (as before the walk was made lazy)."""
    doc = read(Source("page.html", "<h1>Deep</h1>\n" + "<p>x" * 2_000 + "\n"), "html")
    [section] = doc.sections
    assert section.heading.text == "Deep"
    assert len(section.blocks) == _MAX_DEPTH + 1
    assert {block.kind for block in section.blocks} == {"paragraph"}
    assert {block.text for block in section.blocks[:-1]} == {"x"}
    assert section.blocks[0].span == Span(2, 4, 2, 5)
    rest = 2_000 - _MAX_DEPTH
    assert section.blocks[-1].text == " ".join(["x"] * rest)
    assert section.blocks[-1].span == Span(2, 4 * _MAX_DEPTH + 4, 2, 4 * 2_000 + 1)
