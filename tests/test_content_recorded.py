"""Content rules on documents whose reader records citations and templates apart from
the text (``Document.refs`` / ``Document.templates``, as the wikitext and HTML readers
do): a Markdown page is read, then given recorded citations and templates by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from types import SimpleNamespace
from typing import Any

from wiki_lint.check import Settings, check_document
from wiki_lint.document import Document, Span
from wiki_lint.readers import markdown
from wiki_lint.schema import load_schema
from wiki_lint.sources import Source

from support import COMPLETE_MD, TODAY


@dataclass
class RecordingDocument(Document):
    """A Document with the attributes citation-recording readers fill."""

    refs: list[Any] = field(default_factory=list)
    templates: list[Any] = field(default_factory=list)


UNCITED = (
    "Raised IL-6 levels are found in rheumatoid arthritis, giant cell arteritis, Castleman disease and the cytokine "
    "release syndrome that can follow CAR T-cell therapy. About 30% of patients do not respond to tocilizumab. "
    "Tocilizumab and sarilumab, antibodies against the IL-6 receptor, are approved for rheumatoid arthritis."
)


def page_with_clinical(text: str) -> str:
    return re.sub(r"(## Clinical significance\n\n).*?\n", lambda m: m.group(1) + text + "\n", COMPLETE_MD, count=1, flags=re.S)


def recorded(text: str, refs: list[Any] = (), templates: list[Any] = ()) -> list[str]:  # type: ignore[assignment]
    doc = markdown.read(Source("page.md", text))
    values = {f.name: getattr(doc, f.name) for f in fields(Document) if f.name not in ("refs", "templates")}
    rich = RecordingDocument(**values, refs=list(refs), templates=list(templates))
    return [f"{f.name}@{f.line}:{f.column}" for f in check_document(rich, load_schema(None), Settings(today=TODAY))]


def ref_at(text: str, needle: str, kind: str = "reused", body: str = "") -> SimpleNamespace:
    """A recorded citation placed right after ``needle`` in the page source."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            column = line.index(needle) + len(needle) + 1
            return SimpleNamespace(name=None, kind=kind, text=body, span=Span(number, column, number, column + 1))
    raise AssertionError(needle)


def test_uncited_section_without_recorded_citations_is_reported() -> None:
    page = page_with_clinical(UNCITED)
    assert any(name.startswith("sparse-citations") for name in recorded(page))
    assert any(name.startswith("unsourced-statistic") for name in recorded(page))


def test_recorded_citations_count_for_their_sentence_and_section() -> None:
    page = page_with_clinical(UNCITED)
    refs = [ref_at(page, "CAR T-cell therapy."), ref_at(page, "respond to tocilizumab.")]
    names = recorded(page, refs)
    assert not any(name.startswith(("sparse-citations", "unsourced-statistic")) for name in names)


def test_a_citation_after_the_next_sentence_does_not_cite_the_statistic() -> None:
    page = page_with_clinical(UNCITED)
    refs = [ref_at(page, "CAR T-cell therapy."), ref_at(page, "for rheumatoid arthritis.")]
    assert any(name.startswith("unsourced-statistic") for name in recorded(page, refs))


def test_reference_list_without_visible_markers_silences_citation_judgements() -> None:
    page = page_with_clinical(UNCITED)
    listed = ref_at(page, "1. Tanaka T", kind="defined", body="Tanaka T. Cold Spring Harb Perspect Biol. 2014.")
    names = recorded(
        page.replace("[1]", "").replace("[2]", "").replace("[3]", "").replace("[4]", "").replace("[5]", "").replace("[6]", ""), [listed]
    )
    assert not any(name.startswith(("sparse-citations", "unsourced-statistic")) for name in names)


def test_recorded_reference_texts_are_dated() -> None:
    page = re.sub(r"^\d\. .*\n", "", COMPLETE_MD, flags=re.M).replace("## References\n\n", "## References\n\n{{Reflist}}\n\n")
    refs = [ref_at(page, "plasma cells.", kind="defined", body=f"Author {year}. Journal. {year};1:1.") for year in (2001, 2004, 2009)]
    names = recorded(page, refs)
    assert any(name.startswith("stale-sources") for name in names)
    assert not any(name.startswith("empty-references") for name in names)


def test_recorded_templates_cn_and_placeholder_values() -> None:
    line = next(n for n, text in enumerate(COMPLETE_MD.splitlines(), 1) if text.startswith("IL-6 is secreted"))
    cn = SimpleNamespace(name="cn", key="Cn", span=Span(line, 5, line, 12), params=[])
    infobox = SimpleNamespace(
        name="Infobox protein",
        key="Infobox protein",
        span=Span(line, 1, line, 3),
        params=[
            SimpleNamespace(name="Specialty", value="N/A", span=Span(line, 20, line, 23)),
            SimpleNamespace(name="Gene", value="IL6", span=Span(line, 30, line, 33)),
        ],
    )
    names = recorded(COMPLETE_MD, templates=[cn, infobox])
    assert f"citation-needed@{line}:5" in names
    assert f"placeholder@{line}:20" in names
    assert len([n for n in names if n.startswith("placeholder")]) == 1


def test_undefined_named_refs_are_left_to_a_reader_that_records_citations() -> None:
    page = COMPLETE_MD.replace("fat oxidation.[3]", 'fat oxidation.[3]<ref name="Nowhere"/>')
    plain = check_document(markdown.read(Source("page.md", page)), load_schema(None), Settings(today=TODAY))
    assert [f.name for f in plain] == ["broken-citation"]
    reuse = ref_at(page, "fat oxidation.[3]", kind="reused")
    assert not any(name.startswith("broken-citation") for name in recorded(page, [reuse]))
    assert any(name.startswith("broken-citation") for name in recorded(page))  # nothing recorded: ours to report
