"""The seed page, exactly as scraped, gives exactly the findings issue 2 names."""

from __future__ import annotations

import pytest

from support import SAMPLES, SEED, lint, run_cli

EXPECTED = [
    # (line, name, part); issue 5 adds the absent date and the disclaimer's missing emergency element
    (1, "missing-date", None),
    (1, "missing-references", "references"),
    (3, "edit-marker", None),
    (5, "edit-marker", None),
    (7, "edit-marker", None),
    (9, "empty-section", "see_also"),
    (9, "edit-marker", None),
    (10, "disclaimer-missing-elements", "disclaimer"),
    (11, "vague-license", "license"),
    (12, "site-chrome", None),
]


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():  # the sample is the seed verbatim, so the test never depends on shared/
        return (SAMPLES / "interleukin-34.txt").read_text(encoding="utf-8")
    return SEED.read_text(encoding="utf-8")


def test_sample_is_the_seed_verbatim(seed_text: str) -> None:
    assert (SAMPLES / "interleukin-34.txt").read_text(encoding="utf-8") == seed_text


def test_seed_gives_exactly_the_expected_findings(seed_text: str) -> None:
    findings = lint(seed_text, "plaintext", path="interleukin-34.txt")
    assert [(f.line, f.name, f.part) for f in findings] == EXPECTED


def test_seed_has_no_missing_part(seed_text: str) -> None:
    findings = lint(seed_text, "plaintext")
    assert not [f for f in findings if f.name == "missing-part"]


def test_seed_edit_markers_point_at_the_marker(seed_text: str) -> None:
    lines = seed_text.splitlines()
    for finding in lint(seed_text, "plaintext"):
        if finding.name == "edit-marker":
            assert finding.end_line == finding.line
            marked = lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]
            assert marked.strip() in ("[edit]", "[edit | edit source]")


def test_seed_license_finding_points_at_the_vague_license(seed_text: str) -> None:
    (finding,) = [f for f in lint(seed_text, "plaintext") if f.name == "vague-license"]
    line = seed_text.splitlines()[finding.line - 1]
    assert "CC BY SA or similar" in line[finding.column - 1 : finding.end_column - 1]
    assert finding.severity == "error"


def test_seed_chrome_block_spans_the_translation_list(seed_text: str) -> None:
    (finding,) = [f for f in lint(seed_text, "plaintext") if f.name == "site-chrome"]
    assert (finding.line, finding.end_line) == (12, 60)
    assert "Translate this page" in finding.message


def test_seed_through_the_cli_exits_1() -> None:
    result = run_cli("check", str(SAMPLES / "interleukin-34.txt"))
    assert result.returncode == 1, result.stderr
    assert "interleukin-34.txt:3:9: WL601" in result.stdout


def test_markdown_version_has_the_same_verdict(seed_text: str) -> None:
    md = lint((SAMPLES / "interleukin-34.md").read_text(encoding="utf-8"), "markdown")
    txt = lint(seed_text, "plaintext")
    assert sorted((f.name, f.part) for f in md) == sorted((f.name, f.part) for f in txt)
