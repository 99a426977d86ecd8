"""The Markdown and plain-text readers: structure and exact positions."""

from __future__ import annotations

from wiki_lint.document import Span
from wiki_lint.readers import format_for, read
from wiki_lint.sources import Source, split_lines

from support import SEED


def read_text(text: str, fmt: str) -> object:
    return read(Source("page", text), fmt)


def test_split_lines_handles_every_newline_and_final_newline() -> None:
    assert split_lines("a\r\nb\rc\nd\n") == ["a", "b", "c", "d"]
    assert split_lines("a\u2028b") == ["a\u2028b"]  # not a line break for editors
    assert split_lines("") == [""]


def test_format_by_extension() -> None:
    assert format_for("x/page.MD") == "markdown"
    assert format_for("page.txt") == "plaintext"
    assert format_for("page.unknown", "markdown") == "markdown"


# --- plain-text exports --------------------------------------------------------------


def test_seed_structure() -> None:
    doc = read(Source(str(SEED), SEED.read_text(encoding="utf-8")), "plaintext")
    assert doc.title == "Interleukin 34"
    assert [s.heading.text for s in doc.sections] == ["Function", "Clinical significance", "Research", "See also"]
    assert [s.heading.span.line for s in doc.sections] == [3, 5, 7, 9]
    assert doc.sections[0].heading.markers[0].span == Span(3, 9, 3, 15)
    assert len(doc.lead) == 1 and doc.lead[0].span.line == 2
    see_also = doc.sections[3]
    assert [(b.label, b.label_glued) for b in see_also.blocks] == [("Medical Disclaimer", False), ("Credits", True)]
    assert [(c.kind, c.span.line, c.span.end_line) for c in doc.chrome] == [("translation", 12, 60)]


def test_plaintext_heading_needs_following_content() -> None:
    doc = read_text("Title\nLead sentence of the page.\nShort line\n", "plaintext")
    assert doc.sections == []  # a trailing short line is a paragraph, not a heading
    assert [b.text for b in doc.lead] == ["Lead sentence of the page.", "Short line"]


def test_plaintext_sentences_are_not_headings() -> None:
    doc = read_text("Title\nIt binds CSF-1R.\nHeading Here\nBody text of the section.\n", "plaintext")
    assert [s.heading.text for s in doc.sections] == ["Heading Here"]


def test_plaintext_list_items_form_one_block() -> None:
    doc = read_text("Title\nIntro line.\n- one\n- two\n", "plaintext")
    assert [(b.kind, b.span.line, b.span.end_line) for b in doc.lead] == [("paragraph", 2, 2), ("list", 3, 4)]


# --- Markdown -------------------------------------------------------------------------

PAGE = """---
title: Interleukin 34
authors: [A, B]
---
# Interleukin 34

Lead paragraph that
spans two lines.

Setext heading
--------------

```
# not a heading
```

## Function [edit] ##

**Medical disclaimer:** not a substitute for professional medical advice.

<!-- a comment -->
"""


def test_markdown_structure_and_positions() -> None:
    doc = read_text(PAGE, "markdown")
    assert doc.title == "Interleukin 34"
    assert doc.front_matter == {"title": "Interleukin 34", "authors": ["A", "B"]}
    assert doc.front_matter_spans["authors"] == Span(3, 1, 3, 8)
    assert [b.span for b in doc.lead] == [Span(7, 1, 8, 17)]
    assert [(s.heading.text, s.heading.level, s.heading.span.line) for s in doc.sections] == [
        ("Setext heading", 2, 10),
        ("Function", 2, 17),
    ]
    setext, function = doc.sections
    assert setext.heading.span == Span(10, 1, 11, 15)
    assert [b.kind for b in setext.blocks] == ["code"]  # '# not a heading' stays code
    assert function.heading.text_span == Span(17, 4, 17, 12)
    assert function.heading.markers[0].span == Span(17, 13, 17, 19)
    labelled, comment = function.blocks
    assert (labelled.label, labelled.body) == ("Medical disclaimer", "not a substitute for professional medical advice.")
    assert comment.kind == "comment"


def test_markdown_title_from_first_h1_only_at_the_top() -> None:
    doc = read_text("Intro first.\n\n# Later H1\n\ntext\n", "markdown")
    assert doc.title is None
    assert [s.heading.text for s in doc.sections] == ["Later H1"]


def test_markdown_chrome_paragraphs_merge_into_one_block() -> None:
    doc = read_text("# T\n\nText.\n\nRetrieved from https://x.org/a\n\nCategories: A | B\n", "markdown")
    assert [(c.kind, c.span.line, c.span.end_line) for c in doc.chrome] == [("retrieved-from", 5, 7)]
    assert [b.text for b in doc.lead] == ["Text."]


def test_block_position_maps_offsets_to_source() -> None:
    doc = read_text("# T\n\n  First line\nsecond line\n", "markdown")
    block = doc.lead[0]
    assert block.position(0) == (3, 3)
    assert block.position(block.text.index("second")) == (4, 1)


def test_front_matter_problems_are_reported_not_raised() -> None:
    doc = read_text("---\ntitle: a: b\n---\n# T\n", "markdown")
    assert [p.rule for p in doc.problems] == ["front-matter-invalid"]
    assert doc.problems[0].span.line == 2
    dup = read_text("---\ntitle: A\ntitle: B\n---\n", "markdown")
    assert "duplicate front matter key 'title'" in dup.problems[0].message
    assert dup.problems[0].span.line == 3
    listy = read_text("---\n- a\n- b\n---\n", "markdown")
    assert "must be a mapping" in listy.problems[0].message


def test_front_matter_alias_bomb_is_refused() -> None:
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(12))
        + "---\n"
    )
    doc = read_text(bomb, "markdown")
    assert doc.front_matter is None
    assert "alias" in doc.problems[0].message


def test_front_matter_with_a_control_character_is_a_finding() -> None:
    doc = read_text("---\n\x1f\n---\n# T\n", "markdown")
    assert [p.rule for p in doc.problems] == ["front-matter-invalid"]
