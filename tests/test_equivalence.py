"""Same entry, same verdict: one entry written as Markdown, wikitext, plain text and
HTML gives the same parts and the same part-level findings in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiki_lint.extract import extract
from wiki_lint.readers import format_for, read
from wiki_lint.schema import load_schema
from wiki_lint.sources import read_source

from support import lint

PAGES = Path(__file__).parent / "pages" / "equivalence"
FORMATS = {".md": "markdown", ".wiki": "wikitext", ".txt": "plaintext", ".html": "html"}


def entry_pages(name: str) -> list[Path]:
    pages = sorted(p for p in (PAGES / name).iterdir() if p.suffix in FORMATS)
    assert {p.suffix for p in pages} == set(FORMATS), f"{name}: one page per format"
    return pages


def verdict(path: Path) -> tuple[list[str], set[tuple[str, str]]]:
    """The parts found, and the (rule, part) of every finding about a part."""
    source = read_source(str(path))
    fmt = format_for(str(path))
    assert fmt == FORMATS[path.suffix]
    entry = extract(read(source, fmt), load_schema(None))
    findings = lint(source.text, fmt, path=str(path))
    return sorted(entry.found), {(f.name, f.part) for f in findings if f.part}


COMPLETE_PARTS = [
    "clinical_significance",
    "credits",
    "definition",
    "disclaimer",
    "function",
    "license",
    "references",
    "see_also",
]
DEFECTIVE_FINDINGS = {
    ("disclaimer-missing-elements", "disclaimer"),
    ("definition-missing-subject", "definition"),
    ("short-part", "function"),
    ("missing-part", "clinical_significance"),
    ("disclaimer-missing-statement", "disclaimer"),
    ("vague-license", "license"),
    ("empty-section", "see_also"),
    ("missing-references", "references"),
}


@pytest.mark.parametrize("page", entry_pages("complete"), ids=lambda p: p.suffix)
def test_complete_entry_in_every_format(page: Path) -> None:
    parts, findings = verdict(page)
    assert parts == COMPLETE_PARTS
    assert findings == set()


@pytest.mark.parametrize("page", entry_pages("defective"), ids=lambda p: p.suffix)
def test_defective_entry_in_every_format(page: Path) -> None:
    parts, findings = verdict(page)
    assert parts == ["credits", "definition", "disclaimer", "function", "license", "see_also"]
    assert findings == DEFECTIVE_FINDINGS


@pytest.mark.parametrize("page", entry_pages("boxed"), ids=lambda p: p.suffix)
def test_parts_found_the_way_each_format_states_them(page: Path) -> None:
    """Disclaimer, credits and license as each format's sites state them: a bold label
    and front matter (Markdown), templates (wikitext), labels (text), a disclaimer box,
    an editor card and the footer license line (HTML); sections headed "Mechanism of
    action of <title>" as template-built wikis write them."""
    parts, findings = verdict(page)
    assert parts == COMPLETE_PARTS
    assert findings == set()
    entry = extract(read(read_source(str(page)), format_for(str(page))), load_schema(None))
    how = tuple(entry.found[part].via for part in ("disclaimer", "credits", "license"))
    assert how == BOXED_VIA[page.suffix]
    assert entry.found["function"].section.heading.text == "Mechanism of action of Interleukin 6"


BOXED_VIA = {
    ".md": ("label", "front matter", "front matter"),
    ".wiki": ("template", "template", "template"),
    ".txt": ("label", "label", "label"),
    ".html": ("label", "label", "metadata"),
}


@pytest.mark.parametrize("name", ["complete", "defective", "boxed"])
def test_all_formats_agree(name: str) -> None:
    verdicts = {page.suffix: verdict(page) for page in entry_pages(name)}
    assert len({(tuple(parts), frozenset(found)) for parts, found in verdicts.values()}) == 1, verdicts


@pytest.mark.parametrize("name", ["complete", "defective", "boxed"])
def test_findings_point_inside_each_file(name: str) -> None:
    for page in entry_pages(name):
        source = read_source(str(page))
        lines = source.text.splitlines()
        for finding in lint(source.text, format_for(str(page)), path=str(page)):
            assert 1 <= finding.line <= finding.end_line <= len(lines)
            assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
