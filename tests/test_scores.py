"""Per-page scores: JAMA benchmarks (0-4) and completeness (0-100), on FileResult.scores."""

from __future__ import annotations

import json
import re

import pytest

from wiki_lint.check import PageFindings, Settings, check_file, check_source, scores_of
from wiki_lint.sources import Source

from support import COMPLETE_MD, SAMPLES, SEED, TODAY, run_cli


def scores(text: str, fmt: str = "markdown") -> dict[str, float]:
    name = "page.md" if fmt == "markdown" else "page.txt"
    findings = check_source(Source(name, text), Settings(today=TODAY), fmt)
    assert isinstance(findings, PageFindings)
    return scores_of(findings)


def without_section(text: str, heading: str) -> str:
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.M | re.S)
    assert pattern.search(text), heading
    return pattern.sub("", text)


def test_complete_sample_meets_three_benchmarks_and_every_part() -> None:
    # authorship (front matter authors), attribution (references + license), currency
    # (last_reviewed); no disclosure statement
    assert scores(COMPLETE_MD) == {"jama": 3.0, "completeness": 100.0}


def test_disclosure_statement_gives_the_fourth_point() -> None:
    page = COMPLETE_MD + "\n## Conflicts of interest\n\nThe authors declare no conflicts of interest.\n"
    assert scores(page)["jama"] == 4.0
    page = COMPLETE_MD.replace("lang: en\n", "lang: en\nfunding: none\n")
    assert scores(page)["jama"] == 4.0


def test_seed_scores_zero_and_five_of_six_parts() -> None:
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else (SAMPLES / "interleukin-34.txt").read_text(encoding="utf-8")
    # credits speak of images only, no references, no disclosure, no date; the vague
    # license is the one required part that is not well formed
    assert scores(text, "plaintext") == {"jama": 0.0, "completeness": 83.3}


@pytest.mark.parametrize(
    ("change", "lost"),
    [
        (lambda p: without_section(p, "References").replace("[1]", ""), "attribution"),
        (lambda p: without_section(p, "License").replace("license: CC-BY-SA-4.0\n", ""), "attribution"),
        (lambda p: p.replace("last_reviewed: 2025-09-14\n", ""), "currency"),
        (lambda p: without_section(p, "Credits").replace("authors: [A. Example, B. Example]\n", ""), "authorship"),
    ],
)
def test_each_benchmark_is_one_point(change, lost: str) -> None:  # type: ignore[no-untyped-def]
    assert scores(change(COMPLETE_MD))["jama"] == 2.0, lost


def test_credits_that_name_writers_count_as_authorship() -> None:
    page = COMPLETE_MD.replace("authors: [A. Example, B. Example]\n", "")
    assert scores(page)["jama"] == 3.0  # "Written by A. Example ..." in the Credits section


@pytest.mark.parametrize(
    "line",
    ["Reviewed August 2015.", "Last Revision: 2024-01-02", "This page was last edited on 20 February 2025, at 01:51."],
)
def test_currency_from_page_text_and_footer(line: str) -> None:
    page = COMPLETE_MD.replace("last_reviewed: 2025-09-14\n", "") + "\n" + line + "\n"
    assert scores(page)["jama"] == 3.0


def test_dates_inside_references_are_not_page_currency() -> None:
    page = COMPLETE_MD.replace("last_reviewed: 2025-09-14\n", "").replace("2014;6(10)", "Published on 3 May 2014;6(10)")
    assert scores(page)["jama"] == 2.0


def test_completeness_counts_missing_and_malformed_required_parts() -> None:
    assert scores(without_section(COMPLETE_MD, "Function"))["completeness"] == 83.3
    page = without_section(without_section(COMPLETE_MD, "Function"), "Disclaimer")
    assert scores(page)["completeness"] == 66.7
    page = COMPLETE_MD.replace("license: CC-BY-SA-4.0\n", "license: CC BY SA or similar\n")
    assert scores(page)["completeness"] == 83.3
    page = COMPLETE_MD.replace("Interleukin 6 (IL-6) is a protein", "It is a protein")
    assert scores(page)["completeness"] == 83.3  # definition-missing-subject


def test_recommended_parts_do_not_change_completeness() -> None:
    assert scores(without_section(COMPLETE_MD, "See also"))["completeness"] == 100.0


def test_check_file_carries_the_scores_and_errors_carry_none(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = check_file(str(SAMPLES / "interleukin-6.md"), Settings(today=TODAY))
    assert result.path == str(SAMPLES / "interleukin-6.md")
    assert result.scores == {"jama": 3.0, "completeness": 100.0}
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00broken")
    broken = check_file(str(bad), Settings(today=TODAY))
    assert broken.error and broken.scores == {}


def test_page_findings_are_a_plain_list_to_everyone_else() -> None:
    findings = PageFindings([], {"jama": 1.0})
    assert findings == [] and isinstance(findings, list) and scores_of(findings) == {"jama": 1.0}
    assert scores_of([]) == {}


def test_json_output_stays_a_bare_array() -> None:
    result = run_cli("check", "--output-format", "json", str(SAMPLES / "interleukin-34.md"))
    data = json.loads(result.stdout)
    assert isinstance(data, list) and all("code" in finding for finding in data)


def test_reader_metadata_gives_currency_and_license() -> None:
    from wiki_lint.check import check_document
    from wiki_lint.readers import markdown
    from wiki_lint.schema import load_schema

    page = COMPLETE_MD.replace("last_reviewed: 2025-09-14\n", "").replace("license: CC-BY-SA-4.0\n", "")
    page = without_section(page, "License")
    doc = markdown.read(Source("page.md", page))
    assert scores_of(check_document(doc, load_schema(None), Settings(today=TODAY)))["jama"] == 1.0  # authorship only
    doc.metadata.update({"last_edited": "2025-02-20", "license": "CC BY-SA 4.0"})
    assert scores_of(check_document(doc, load_schema(None), Settings(today=TODAY)))["jama"] == 3.0
