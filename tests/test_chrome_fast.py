"""Recognising chrome with one combined pattern gives what trying each pattern in turn gives."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from wiki_lint import artifacts

_WORDS = ["Translate this page", "Navigation", "Main menu", "Jump to navigation", "Jump to search", "Retrieved from https://x",
          "This page was last edited on 1 May", "This page has been accessed 1,234 times.", "Category: Cytokines",
          "Categories: A | B", "categories: a", "Share this page", "Print/export", "Advertise with us", "Search", "Search WikiMD…",
          "Privacy policy | About", "Powered by MediaWiki", "Mobile view", "About WikiMD", "Disclaimers", "Interleukin", "JUMP TO CONTENT"]


def _one_by_one(line: str) -> str | None:
    for kind, pattern in artifacts._CHROME_LINES:
        if pattern.match(line):
            return kind
    return None


@given(st.sampled_from(["", " ", "\t", "\u00a0"]), st.sampled_from(_WORDS), st.text(max_size=30))
@example("", "Search", "")
@example(" ", "Category: x", " | y")
def test_combined_pattern_equals_trying_each_kind(indent: str, words: str, tail: str) -> None:
    line = indent + words + tail
    assert artifacts.chrome_kind(line) == _one_by_one(line)


@given(st.text(max_size=60))
def test_combined_pattern_equals_trying_each_kind_on_any_text(line: str) -> None:
    assert artifacts.chrome_kind(line) == _one_by_one(line)
