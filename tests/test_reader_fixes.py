"""Fixes on wikitext and HTML pages: wikitext gets wikitext, rendered HTML is never
edited by content fixes (its source is the wikitext it was rendered from)."""

from __future__ import annotations

from pathlib import Path

from wiki_lint.check import Settings
from wiki_lint.fix import fix_text
from wiki_lint.sources import Source

from support import TODAY

DEFECTIVE = Path(__file__).parent / "pages" / "equivalence" / "defective"


def fixed(name: str, fmt: str) -> tuple[str, str]:
    path = DEFECTIVE / name
    source = Source(str(path), path.read_text(encoding="utf-8"))
    outcome = fix_text(source, Settings(today=TODAY), fmt, unsafe=True)
    return source.text, outcome.text


def test_wikitext_gets_wikitext_sections_and_the_default_license() -> None:
    before, after = fixed("Interleukin_34.wiki", "wikitext")
    assert "== Clinical significance ==\nTODO: write this section." in after
    assert "'''License:''' CC-BY-SA-4.0" in after
    assert "##" not in after
    assert (
        after.replace("\n\n== Clinical significance ==\nTODO: write this section.", "").replace("CC-BY-SA-4.0", "CC BY SA or similar.")
        == before
    )


def test_rendered_html_is_not_edited_by_content_fixes() -> None:
    before, after = fixed("Interleukin_34.html", "html")
    assert after == before


def test_wikitext_edit_marker_fix_keeps_the_heading() -> None:
    source = Source(
        "T.wiki", "'''T''' is a thing that exists in the body.\n\n== Function [edit] ==\nIt does things in the body every day.\n"
    )
    outcome = fix_text(source, Settings(today=TODAY), "wikitext")
    assert "== Function ==" in outcome.text
