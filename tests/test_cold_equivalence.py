"""Rewritten matchers of the cold-run speed work equal what they replace, on generated
text and on every page of the project and the shared corpus."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import wiki_lint.rules  # noqa: F401  (every pattern exists)
from tests.support import ROOT, SHARED
from wiki_lint import citations

_IDENTIFIER_PIECES = st.sampled_from(
    [
        "PMID",
        "pmid",
        "PMCID",
        "PMC",
        "doi",
        "DOI",
        "|pmid=",
        "| pmc = ",
        "|doi=",
        "|",
        "pubmed.ncbi.nlm.nih.gov/",
        "ncbi.nlm.nih.gov/pmc/articles/",
        "doi.org/",
        "10.1000/xyz",
        "12345",
        "0123",
        "PMC123",
        ": ",
        " ",
        "\t",
        "\n",
        "/",
        ".",
        ")",
        "x",
        "é",
    ]
)


def _lines(text: str) -> list[str]:
    return text.split("\n")


@settings(max_examples=600, deadline=None)
@given(text=st.lists(_IDENTIFIER_PIECES, max_size=16).map("".join))
def test_identifiers_of_lines_equal_identifiers_of_each_line(text: str) -> None:
    lines = _lines(text)
    expected = [citations.identifiers(line) for line in lines]
    assert citations.identifiers_of_lines(lines) == expected
    assert citations.identifiers_of_lines(lines, invalid_only=True) == [[i for i in found if not i.valid] for found in expected]


def test_identifiers_of_lines_on_real_pages() -> None:
    roots = [ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            expected = [citations.identifiers(line) for line in lines]
            assert citations.identifiers_of_lines(lines) == expected, path
            assert citations.identifiers_of_lines(lines, invalid_only=True) == [
                [i for i in found if not i.valid] for found in expected
            ], path


def test_a_match_across_lines_is_looked_at_line_by_line() -> None:
    lines = ["see PMID", "12345 and |", "pmid=1x"]
    assert citations.identifiers_of_lines(lines) == [citations.identifiers(line) for line in lines]
    assert citations.identifiers_of_lines([]) == []
