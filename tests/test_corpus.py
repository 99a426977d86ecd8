"""Real pages from public medical wikis (``../shared/corpus``, see its README): every
one is read and checked without error, and a handful are pinned: their sections and
the parts found, as a careful editor would list them.  Skipped only when the shared
folder is absent; the pages are never copied into the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiki_lint import readers
from wiki_lint.check import Settings, check_file
from wiki_lint.document import Document
from wiki_lint.extract import Entry, extract
from wiki_lint.readers import format_for, read
from wiki_lint.schema import load_schema
from wiki_lint.sources import read_source

from support import SHARED, TODAY

CORPUS = SHARED / "corpus"
# the pages are in sub-folders by source; the folder's own README is not a page
PAGES = sorted(p for p in CORPUS.glob("*/*") if p.is_file() and p.suffix.lower() in readers.extensions()) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not present")


def page(relative: str) -> tuple[Document, Entry]:
    path = CORPUS / relative
    doc = read(read_source(str(path)), format_for(str(path)))
    return doc, extract(doc, load_schema(None))


def found(entry: Entry) -> dict[str, str]:
    return {name: part.via for name, part in entry.found.items()}


@needs_corpus
def test_the_corpus_has_pages_of_every_kind() -> None:
    assert {p.parent.name for p in PAGES} == {"wikitext", "html-wikimd", "html-wikem"}
    assert len(PAGES) >= 40


@needs_corpus
@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_page_is_read_and_checked(path: Path) -> None:
    result = check_file(str(path), Settings(today=TODAY))
    assert result.error is None
    lines = read_source(str(path)).text.splitlines() or [""]
    for finding in result.findings:
        assert 1 <= finding.line <= finding.end_line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding
        assert finding.code != "WL602", "a rendered page's own furniture is not chrome in the content"


@needs_corpus
def test_spanish_drug_page() -> None:
    doc, entry = page("wikitext/penciclovir.es.wiki")
    assert (doc.title, doc.lang) == ("penciclovir", "es")
    assert [(s.heading.text, s.heading.level) for s in doc.sections] == [
        ("Referencias", 2),
        ("Enlaces externos", 2),
    ]
    assert [b.kind for b in doc.lead] == ["template", "paragraph", "paragraph", "paragraph"]
    assert doc.lead[1].text.startswith("El penciclovir, comercializado bajo la marca Denavir entre otras, es un medicamento")
    assert doc.templates[0].key == "Ficha de medicamento"
    assert doc.templates[0].param("tradename").value == "Denavir, others"
    assert [c.name for c in doc.categories] == ["Medicina", "Translated from MDWiki"]
    assert found(entry) == {"definition": "lead", "references": "heading", "credits": "template"}
    assert entry.found["credits"].value.startswith("mdwiki Penciclovir")
    # the translation tool left rendered <cite> copies inside citations, which makes
    # AHFS2021 and CED2018 defined twice with different content
    problems = [(p.rule, p.span.line) for p in doc.problems]
    assert problems.count(("rendered-html-in-wikitext", 15)) == 1
    assert problems.count(("rendered-html-in-wikitext", 17)) == 2
    assert ("conflicting-reference", 15) in problems and ("conflicting-reference", 17) in problems
    assert len(problems) == 5


@needs_corpus
def test_english_pathogen_page() -> None:
    doc, entry = page("wikitext/encephalitozoon-intestinalis.en.wiki")
    assert [(s.heading.text, s.heading.level) for s in doc.sections] == [
        ("Genome", 2),
        ("Disease", 2),
        ("Detection", 3),
        ("Treatment", 3),
        ("References", 2),
    ]
    assert len(doc.lead) == 5 and doc.lead[1].text.startswith("Encephalitozoon intestinalis is a parasite.")
    assert "Taxobox" in [t.key for t in doc.templates]
    assert [c.name for c in doc.categories] == [
        "Parasitic fungi",
        "Microsporidia",
        "Fungus species",
    ]
    assert found(entry) == {
        "definition": "lead",
        "clinical_significance": "heading",
        "references": "heading",
    }
    # Doed1998 is cited but never defined: MediaWiki shows a "Cite error" there
    assert [(p.rule, p.span.line) for p in doc.problems] == [("undefined-reference", 18)]


@needs_corpus
def test_translated_pages_with_local_reference_headings() -> None:
    armenian, entry = page("wikitext/fatty-liver.hy.wiki")
    assert [s.heading.text for s in armenian.sections] == ["Հղումներ"]
    assert "references" in entry.found and armenian.lang == "hy"
    odia, entry = page("wikitext/omaveloxolone.or.wiki")
    assert [s.heading.text for s in odia.sections] == ["ଆଧାର"]
    assert found(entry) == {"definition": "lead", "references": "heading"}


@needs_corpus
def test_wikimd_disease_page() -> None:
    doc, entry = page("html-wikimd/Diabetic_retinopathy.html")
    assert (doc.title, doc.lang) == ("Diabetic retinopathy", "en")
    assert [s.heading.text for s in doc.sections] == [
        "Introduction",
        "Symptoms",
        "Causes",
        "Treatment",
        "Prevention",
        "See also",
    ]
    assert found(entry) == {
        "definition": "lead",
        "disclaimer": "label",
        "credits": "label",
        "license": "metadata",
        "see_also": "heading",
    }
    assert entry.found["credits"].value.startswith("Prab R. Tumpati, MD")
    assert entry.found["license"].value == "CC BY-SA 4.0"
    assert doc.metadata["last_edited"] == "2025-04-05"
    assert doc.metadata["categories"] == [
        "Diabetes",
        "Eye diseases",
        "Endocrinology",
        "Medical stubs",
    ]
    infobox = next(t for t in doc.templates if t.key == "Infobox")
    assert infobox.param("Deaths").value == "N/A"
    assert {"header", "sidebar", "footer", "categories"} <= {c.kind for c in doc.chrome}


@needs_corpus
def test_wikimd_drug_page() -> None:
    doc, entry = page("html-wikimd/Insulin.html")
    assert doc.title == "Insulin" and doc.lead == []  # the page opens with a heading
    assert doc.sections[0].heading.text == "Information about Insulin"
    assert found(entry) == {"function": "heading", "disclaimer": "label", "license": "metadata"}
    assert entry.found["function"].section.heading.text == "Role of insulin"


@needs_corpus
def test_wikem_fragment() -> None:
    doc, entry = page("html-wikem/heparin.html")
    assert doc.title == "heparin"
    assert [s.heading.text for s in doc.sections] == [
        "Common Indications",
        "Bleeding Risk Factors",
        "Treatment",
        "Source",
    ]
    assert [b.kind for b in doc.sections[1].blocks] == ["list", "paragraph"]
    assert found(entry) == {"references": "heading"}
    assert entry.found["references"].value == "1/22/06; DONALDSON (addapted from Lampe)"
    assert [c.kind for c in doc.chrome] == ["toc"]
