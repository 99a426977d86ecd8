"""Property tests: fixes never lose a word, are idempotent, and leave nothing to fix.

Pages are composed from real-looking sentences, headings (canonical or aliases) with
and without edit markers, the disclaimer and credits paragraphs (labels glued or not),
and site chrome between the blocks and at the end, in plain text and in Markdown.  The
generator knows which lines are content and what each must look like after the safe
fixes, independently of the code under test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st
from support import TODAY, every_rule, names

from wiki_lint import readers
from wiki_lint.check import Settings, check_source
from wiki_lint.convert import to_markdown
from wiki_lint.fix import fix_text
from wiki_lint.schema import load_schema
from wiki_lint.sources import Source

SAFE_KINDS = {"edit-marker", "site-chrome", "glued-label", "non-canonical-heading"}

TITLES = ["Interleukin 34", "Ferritin", "Tumor necrosis factor", "Hepcidin", "Insulin receptor"]
SUBJECTS = [
    "The protein",
    "This cytokine",
    "The receptor",
    "Its expression",
    "The gene",
    "Serum concentration",
    "The enzyme",
]
VERBS = [
    "regulates",
    "is associated with",
    "promotes",
    "inhibits",
    "is measured in",
    "contributes to",
    "is reduced in",
]
OBJECTS = [
    "the survival of macrophages",
    "chronic inflammation of the joints",
    "iron absorption in the duodenum",
    "the differentiation of osteoclasts",
    "patients with rheumatoid arthritis",
    "tumour growth and metastasis",
    "the response to infection",
]
TAILS = [
    "",
    " in humans",
    " in several cohort studies",
    ", according to recent reviews",
    " (see below)",
    " by about 20%",
]
# concept -> (headings as written, heading after the fix)
CONCEPTS = {
    "function": (["Function", "Biological function", "Role"], "Function"),
    "clinical": (
        ["Clinical significance", "Clinical relevance", "Role in disease"],
        "Clinical significance",
    ),
    "research": (["Research"], "Research"),
    "history": (["History"], "History"),
    "structure": (["Structure"], "Structure"),
}
MARKERS = ["", "", "[edit]", " [edit]", "[edit | edit source]", " [editar]", "LEAD"]
CHROME_LINES = [
    "Retrieved from https://www.wikimd.com/wiki/Interleukin_34",
    "This page has been accessed 12,345 times.",
    "Jump to navigation Jump to search",
    "This page was last edited on 3 March 2024, at 10:00.",
]
TRANSLATION = [
    "Translate this page: - East Asian",
    "中文,",
    "日本語,",
    "European",
    "español,",
    "Deutsch,",
    "Other",
    "Ukrainian",
]


@dataclass
class Line:
    """One generated line: as written, as it must read after the safe fixes, and
    whether it is site chrome (which the fix removes)."""

    text: str
    expected: str
    chrome: bool = False


sentence = st.builds(
    lambda s, v, o, t: f"{s} {v} {o}{t}.",
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
    st.sampled_from(TAILS),
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def heading(draw: st.DrawFn, concept: str) -> tuple[str, str]:
    written, canonical = CONCEPTS[concept]
    text = draw(st.sampled_from(written))
    marker = draw(st.sampled_from(MARKERS))
    if marker == "LEAD":
        return f"[edit] {text}", canonical
    return f"{text}{marker}", canonical


@st.composite
def pages(
    draw: st.DrawFn, formats: tuple[str, ...] = ("plaintext", "markdown")
) -> tuple[str, str, list[Line]]:
    fmt = draw(st.sampled_from(formats))
    title = draw(st.sampled_from(TITLES))
    concepts = draw(
        st.lists(st.sampled_from(sorted(CONCEPTS)), min_size=1, max_size=4, unique=True)
    )
    blocks: list[list[Line]] = []
    first = draw(sentence)
    lead = f"{title} is a protein that {first[0].lower()}{first[1:]}"
    blocks.append([Line(lead, lead)])
    for concept in concepts:
        written, canonical = draw(heading(concept))
        prefix = "## " if fmt == "markdown" else ""
        blocks.append([Line(prefix + written, prefix + canonical)])
        for _ in range(draw(st.integers(1, 2))):
            if draw(st.booleans()) and draw(st.booleans()):
                chrome = draw(st.sampled_from(CHROME_LINES))
                blocks.append([Line(chrome, "", chrome=True)])
            text = draw(paragraph)
            blocks.append([Line(text, text)])
    disclaimer = "Medical Disclaimer: This page is for information only and is not a substitute for professional medical advice."
    blocks.append([Line(disclaimer, disclaimer)])
    glued = draw(st.booleans())
    credits_body = "Most images are courtesy of Wikimedia commons, licensed under CC BY-SA 4.0."
    blocks.append(
        [
            Line(
                f"Credits:{credits_body}" if glued else f"Credits: {credits_body}",
                f"Credits: {credits_body}",
            )
        ]
    )
    if draw(st.booleans()):
        blocks.append([Line(line, "", chrome=True) for line in TRANSLATION])
    separator = "\n\n" if fmt == "markdown" else "\n"
    body = separator.join("\n".join(line.text for line in block) for block in blocks)
    head = f"---\ntitle: {title}\n---\n\n" if fmt == "markdown" else f"{title}\n"
    final = draw(st.sampled_from(["\n", ""]))
    lines = [line for block in blocks for line in block]
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return fmt, (head + body + final).replace("\n", newline), lines


def fix(fmt: str, text: str, unsafe: bool = False) -> str:
    path = "page.md" if fmt == "markdown" else "page.txt"
    return fix_text(Source(path, text), Settings(today=TODAY, selection=every_rule()), fmt, unsafe=unsafe).text


def check(fmt: str, text: str) -> list[str]:
    path = "page.md" if fmt == "markdown" else "page.txt"
    return names(check_source(Source(path, text), Settings(today=TODAY, selection=every_rule()), fmt))


def newline_kinds(text: str) -> set[str]:
    """Which line endings a text uses."""
    crlf = text.count("\r\n")
    kinds = {"crlf"} if crlf else set()
    if text.count("\n") > crlf:
        kinds.add("lf")
    if text.count("\r") > crlf:
        kinds.add("cr")
    return kinds


def is_subsequence(expected: list[str], actual: list[str]) -> bool:
    remaining = iter(actual)
    return all(any(line == candidate for candidate in remaining) for line in expected)


@given(pages())
def test_every_content_line_survives_a_safe_fix(page: tuple[str, str, list[Line]]) -> None:
    fmt, text, lines = page
    fixed = fix(fmt, text)
    expected = [line.expected for line in lines if not line.chrome]
    actual = [line.strip() for line in fixed.splitlines() if line.strip()]
    assert is_subsequence(expected, actual), fixed
    for line in lines:
        if line.chrome:
            assert line.text not in actual


@given(pages())
def test_a_safe_fix_is_idempotent_and_leaves_nothing_of_its_kinds(
    page: tuple[str, str, list[Line]],
) -> None:
    fmt, text, _ = page
    once = fix(fmt, text)
    assert fix(fmt, once) == once
    assert not SAFE_KINDS & set(check(fmt, once))


@given(pages())
def test_a_fix_keeps_line_endings_and_the_final_newline_or_its_absence(
    page: tuple[str, str, list[Line]],
) -> None:
    fmt, text, _ = page
    fixed = fix(fmt, text)
    assert fixed.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))
    assert newline_kinds(fixed) <= newline_kinds(text)


@given(pages(), st.sampled_from(["", "disclaimer", "credits"]))
def test_unsafe_fixes_are_idempotent_and_add_the_missing_parts(
    page: tuple[str, str, list[Line]], drop: str
) -> None:
    fmt, text, _ = page
    if drop == "disclaimer":
        text = text.replace(
            "Medical Disclaimer: This page is for information only and is not a substitute for professional medical advice.",
            "Some trailing remark here.",
        )
    elif drop == "credits":
        text = text.replace("Credits:", "Thanks to").replace("Credits: ", "Thanks to ")
    once = fix(fmt, text, unsafe=True)
    assert fix(fmt, once, unsafe=True) == once
    remaining = check(fmt, once)
    assert "missing-part" not in remaining and not SAFE_KINDS & set(remaining)


TRICKY_LINES = [
    "",
    " ",
    "# T",
    "## Function[edit]",
    "Function[edit]",
    "[edit] Role",
    "Credits:Most people",
    "License: CC BY SA or similar",
    "license: CC BY or other",
    "---",
    "title: X",
    "Translate this page: - East Asian",
    "中文,",
    "Retrieved from http://x",
    "Medical Disclaimer:Not a substitute for professional medical advice.",
    "Some sentence here.",
    "- item",
    "1. item",
    "```",
    "    code",
    "> quote",
    "Clinical relevance",
    "See also [edit]",
    "Categories: A | B",
    "<!-- c -->",
    "Credits",
    "Authors: A",
    "=====",
    "| a | b |",
    "Jump to navigation",
    "Biological function[edit]",
]


@given(
    st.lists(st.sampled_from(TRICKY_LINES), max_size=25),
    st.sampled_from(["markdown", "plaintext"]),
    st.booleans(),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_fixing_any_arrangement_of_tricky_lines_is_idempotent(
    lines: list[str], fmt: str, unsafe: bool, newline: str, final: bool
) -> None:
    """Unclosed fences, setext underlines, front matter fragments, empty pages: a fix
    that would not remove its finding is not applied, so a second run changes nothing."""
    text = newline.join(lines) + (newline if final else "")
    once = fix(fmt, text, unsafe)
    assert fix(fmt, once, unsafe) == once


@given(pages(formats=("plaintext",)))
def test_convert_keeps_every_content_line_and_leaves_no_artifacts(
    page: tuple[str, str, list[Line]],
) -> None:
    _, text, lines = page
    doc = readers.read(Source("page.txt", text), "plaintext")
    markdown = to_markdown(doc, load_schema(None))
    for line in lines:
        if line.chrome:
            assert line.text not in markdown
            continue
        written = re.sub(
            r"\s*\[(?:edit|editar)(?: \| edit source)?\]$|^\[edit\] ", "", line.text
        )  # headings keep their words
        body = re.sub(r"^(?:Medical Disclaimer|Credits):\s*", "", written)  # labels become headings
        assert body.replace(" ", "") in markdown.replace(" ", "").replace("\\", "")
    assert not (SAFE_KINDS - {"non-canonical-heading"}) & set(check("markdown", markdown))
