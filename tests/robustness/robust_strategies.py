"""Hypothesis strategies for hostile page text: markup fragments of every supported
format (Markdown, wikitext, HTML, plain-text exports, YAML front matter) mixed with
random text, odd line endings and odd characters."""

from __future__ import annotations

from hypothesis import strategies as st

FRAGMENTS = (
    # line structure
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    " ",
    "\u2028",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\xa0",
    "\x00",
    # Markdown
    "# ",
    "## ",
    "###### ",
    "####### ",
    "=\n",
    "---\n",
    "***",
    "**",
    "*",
    "_",
    "__",
    "`",
    "```",
    "~~~",
    "> ",
    ">",
    "- ",
    "* ",
    "1. ",
    "1) ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "<",
    ">",
    "|",
    "|-|",
    "\\",
    "&amp;",
    "&#0;",
    "<!--",
    "-->",
    "[^1]",
    "<div>",
    "</div>",
    "<br/>",
    "<script>",
    "<table>",
    "<tr><td>",
    "<h2>",
    "</h2>",
    # front matter
    "---\ntitle: ",
    "\n---\n",
    "key: value\n",
    ": ",
    "&a ",
    "*a ",
    "!!python/object:os.system ",
    "!!binary ",
    "{",
    "}",
    "- [",
    "? ",
    "<<: *a\n",
    "%YAML 1.1\n",
    # wikitext
    "{{",
    "}}",
    "{{Infobox|",
    "[[",
    "]]",
    "'''",
    "''",
    "== ",
    " ==",
    "=== ",
    "{|",
    "|}",
    "|-",
    "<ref>",
    "</ref>",
    "<nowiki>",
    "__NOTOC__",
    "~~~~",
    # plain-text exports and the schema's names
    "[edit]",
    "[edit | edit source]",
    "Function",
    "Clinical significance",
    "References",
    "See also",
    "Credits:",
    "Credits:Most",
    "Medical Disclaimer:",
    "License:",
    "CC BY-SA 4.0",
    "not a substitute for professional medical advice",
    "Translate this page:",
    "Retrieved from https://x",
    "This page was last edited on 1 May 2020",
    "Categories: A | B",
    "Interleukin 34 (IL-34) is a protein.",
    "Text is available under the terms of CC BY 4.0.",
    # characters
    "é",
    "ß",
    "İ",
    "ﬁ",
    "😀",
    "\u200b",
    "\u200f",
    "\u0301",
    "\ufeff",
    "\ufffd",
    "\U0010ffff",
    "\ud7ff",
)

fragment = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
page_text = st.lists(fragment, max_size=60).map("".join)


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    """Bytes as files hold them: mostly encoded page text, sometimes with invalid
    UTF-8 spliced in, sometimes UTF-16 with a BOM, sometimes raw binary."""
    kind = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "broken-utf-8", "utf-16", "binary"]))
    if kind == "binary":
        return draw(st.binary(max_size=400))
    text = draw(page_text)
    if kind == "utf-16":
        return text.encode("utf-16", errors="surrogatepass")
    data = text.encode("utf-8", errors="surrogatepass")
    if kind == "broken-utf-8":
        junk = draw(st.binary(min_size=1, max_size=6))
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + junk + data[at:]
    return data
