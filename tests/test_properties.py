"""Properties that must hold for every input, checked with hypothesis.

* readers never raise on arbitrary text, and every position they give lies in the file;
* every finding's position lies in the file;
* removing any one required part from a complete entry yields exactly one new
  ``missing-part``, for that part.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.document import Document, Span
from wiki_lint.readers import FORMATS, read
from wiki_lint.sources import Source

from support import lint

# Text that looks like wiki pages often enough to reach the interesting code paths.
PAGE_ALPHABET = st.sampled_from(list("abcXYZ019 :.-*#=[]|()<>!\"'\t\r\n") + ["\u00e9", "\u00a0", "\u2028", "\ufeff", "\x00", "日"])
FRAGMENTS = st.sampled_from(
    [
        "# Title\n",
        "## Function [edit]\n",
        "## See also\n",
        "Medical Disclaimer: not a substitute for professional medical advice.\n",
        "Credits:Most images are CC BY SA or similar.\n",
        "Translate this page: Deutsch\n",
        "---\n",
        "title: x\n",
        "key: [\n",
        "```\n",
        "* item\n",
        "1. item\n",
        "Heading\n=======\n",
        "[edit] References\n",
        "    code\n",
        "> quote\n",
        "| a | b |\n|---|---|\n",
        "<!-- c -->\n",
        "\n",
    ]
)
PAGES = st.one_of(st.text(PAGE_ALPHABET, max_size=400), st.lists(FRAGMENTS | st.text(PAGE_ALPHABET, max_size=30), max_size=30).map("".join))


def assert_inside(span: Span, lines: list[str]) -> None:
    count = max(len(lines), 1)
    assert 1 <= span.line <= span.end_line <= count, span
    assert span.column >= 1 and span.end_column >= 1, span
    assert span.column <= len(lines[span.line - 1]) + 1 if lines else span.column == 1, span
    assert span.end_column <= len(lines[span.end_line - 1]) + 1 if lines else True, span
    assert (span.line, span.column) <= (span.end_line, span.end_column), span


def every_span(doc: Document) -> list[Span]:
    spans = [s for s in [doc.title_span] if s is not None]
    spans += list(doc.front_matter_spans.values())
    for block in doc.blocks():
        spans.append(block.span)
    for section in doc.sections:
        spans += [section.heading.span, section.heading.text_span] + [m.span for m in section.heading.markers]
    spans += [chrome.span for chrome in doc.chrome]
    spans += [problem.span for problem in doc.problems]
    return spans


@given(text=PAGES, fmt=st.sampled_from(sorted(FORMATS)))
def test_readers_never_raise_and_positions_stay_inside(text: str, fmt: str) -> None:
    doc = read(Source("page", text), fmt)
    for span in every_span(doc):
        assert_inside(span, doc.lines)


@given(text=PAGES, fmt=st.sampled_from(sorted(FORMATS)))
def test_every_finding_lies_inside_the_file(text: str, fmt: str) -> None:
    doc = read(Source("page", text), fmt)
    for finding in lint(text, fmt):
        assert_inside(Span(finding.line, finding.column, finding.end_line, finding.end_column), doc.lines)


# --- complete entries, one required part removed ---------------------------------------

SENTENCES = st.sampled_from(
    [
        "It is secreted by macrophages and T cells in response to infection.",
        "The protein binds a receptor on the surface of monocytes and regulates their survival.",
        "Raised levels are found in rheumatoid arthritis and in several cancers.",
        "Antibodies against its receptor are used to treat inflammatory disease.",
        "Its gene lies on the long arm of chromosome 16 and has several exons.",
    ]
)
BODIES = st.lists(SENTENCES, min_size=1, max_size=3).map(" ".join)
DISCLAIMER = "This page is for information only and is not a substitute for professional medical advice."
CREDITS = "Written by A. Example and reviewed by B. Example."
LICENSE = "Text is available under CC BY-SA 4.0."


@st.composite
def complete_entries(draw: st.DrawFn) -> tuple[str, dict[str, str], str]:
    """A complete Markdown or plain-text entry, as (format, {part: page fragment}, title)."""
    fmt = draw(st.sampled_from(["markdown", "plaintext"]))
    title = "Interleukin 34"
    function_heading = draw(st.sampled_from(["Function", "Biological function", "Role", "Physiology"]))
    clinical_heading = draw(st.sampled_from(["Clinical significance", "Clinical relevance", "Role in disease"]))
    as_label = draw(st.booleans())
    h = "## " if fmt == "markdown" else ""
    sep = "\n\n" if fmt == "markdown" else "\n"
    parts = {
        "definition": f"{title} (IL-34) is a protein that in humans is encoded by the IL34 gene.",
        "function": f"{h}{function_heading}{sep}{draw(BODIES)}",
        "clinical_significance": f"{h}{clinical_heading}{sep}{draw(BODIES)}",
        "disclaimer": f"Medical Disclaimer: {DISCLAIMER}" if as_label else f"{h}Disclaimer{sep}{DISCLAIMER}",
        "credits": f"Credits: {CREDITS}" if as_label else f"{h}Credits{sep}{CREDITS}",
        "license": f"License: {LICENSE}" if as_label else f"{h}License{sep}{LICENSE}",
    }
    return fmt, parts, title


def render(fmt: str, title: str, parts: dict[str, str]) -> str:
    head = f"# {title}\n\n" if fmt == "markdown" else f"{title}\n"
    sep = "\n\n" if fmt == "markdown" else "\n"
    return head + sep.join(parts.values()) + "\n"


@given(
    entry=complete_entries(),
    removed=st.sampled_from(["definition", "function", "clinical_significance", "disclaimer", "credits", "license"]),
)
def test_removing_one_required_part_gives_exactly_one_missing_part(entry: tuple[str, dict[str, str], str], removed: str) -> None:
    fmt, parts, title = entry
    before = lint(render(fmt, title, parts), fmt)
    assert [f for f in before if f.name == "missing-part"] == []
    after = lint(render(fmt, title, {k: v for k, v in parts.items() if k != removed}), fmt)
    missing = [f.part for f in after if f.name == "missing-part"]
    assert missing == [removed]
