"""Edit markers, labels and site chrome recognisers."""

from __future__ import annotations

import pytest

from wiki_lint.artifacts import chrome_kind, chrome_runs, find_label, split_edit_markers


@pytest.mark.parametrize(
    ("heading", "text", "markers"),
    [
        ("Function[edit]", "Function", ["[edit]"]),
        ("Function [edit]", "Function", ["[edit]"]),
        ("Function[edit | edit source]", "Function", ["[edit | edit source]"]),
        ("[edit] Function", "Function", ["[edit]"]),
        ("Referencias[editar]", "Referencias", ["[editar]"]),
        ("Références[modifier | modifier le code]", "Références", ["[modifier | modifier le code]"]),
        (r"Function \[edit\]", "Function", [r"\[edit\]"]),
        ("Function", "Function", []),
        ("[edit]", "[edit]", []),  # a heading that is only a marker keeps its text
        ("Editing guidelines", "Editing guidelines", []),
    ],
)
def test_split_edit_markers(heading: str, text: str, markers: list[str]) -> None:
    clean, found = split_edit_markers(heading)
    assert clean == text
    assert [m.text for m in found] == markers
    for marker in found:
        assert heading[marker.start : marker.end] == marker.text


@pytest.mark.parametrize(
    ("paragraph", "label", "glued"),
    [
        ("Medical Disclaimer: WikiMD is for informational purposes only.", "Medical Disclaimer", False),
        ("Credits:Most images are courtesy of Wikimedia commons.", "Credits", True),
        ("Written by: Jane Doe", "Written by", False),
    ],
)
def test_find_label(paragraph: str, label: str, glued: bool) -> None:
    found = find_label(paragraph)
    assert found is not None
    assert (found.label, found.glued) == (label, glued)


@pytest.mark.parametrize(
    "paragraph",
    [
        "See https://example.org for more.",
        "http://example.org is a site",
        "The meeting starts at 10:30 today.",
        "no capital: here",
        "Credits:",
    ],
)
def test_not_a_label(paragraph: str) -> None:
    assert find_label(paragraph) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Translate this page: - East Asian", "translation"),
        ("Retrieved from https://www.wikimd.org/index.php?title=IL34", "retrieved-from"),
        ("This page was last edited on 20 February 2025, at 01:51.", "last-edited"),
        ("This page has been accessed 1,234 times.", "page-views"),
        ("Categories: Cytokines | Genes on human chromosome 16", "categories"),
        ("Jump to content", "navigation"),
        ("IL-34 is a cytokine.", None),
        ("Search strategies for systematic reviews differ.", None),
    ],
)
def test_chrome_kind(line: str, kind: str | None) -> None:
    assert chrome_kind(line) == kind


def test_translation_list_runs_to_its_last_language() -> None:
    lines = ["Credits: x.", "Translate this page: - East Asian", "中文,", "European", "Deutsch,", "Italian", "", "A sentence follows."]
    assert chrome_runs(lines) == [("translation", 1, 5)]


def test_translation_list_stops_at_a_sentence() -> None:
    lines = ["Translate this page:", "Deutsch,", "This sentence is content."]
    assert chrome_runs(lines) == [("translation", 0, 1)]
