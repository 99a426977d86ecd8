"""Golden reports: each sample's ``--output-format json`` report, reviewed and checked in.

Regenerate only with ``python -m pytest tests/test_golden.py --update-golden`` and review
the diff before committing: a golden file is a statement of what wiki-lint should say.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wiki_lint.check import Settings, check_paths

from support import ROOT, SAMPLES, TODAY

GOLDEN = SAMPLES / "golden"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file() and not p.name.startswith("."))


def report(sample: Path) -> list[dict[str, object]]:
    """The JSON report for ``sample``, with the path as given from the repository root."""
    relative = sample.relative_to(ROOT).as_posix()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        (result,) = check_paths([relative], Settings(today=TODAY))
    finally:
        os.chdir(cwd)
    assert result.error is None, result.error
    return [finding.to_dict() for finding in result.findings]


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_matches_its_golden_report(sample: Path, update_golden: bool) -> None:
    golden = GOLDEN / f"{sample.name}.json"
    actual = report(sample)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden report for {sample.name}: run with --update-golden and review it"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_golden_report_has_its_sample() -> None:
    samples = {p.name for p in SAMPLE_FILES}
    assert {p.name.removesuffix(".json") for p in GOLDEN.glob("*.json")} <= samples


def test_golden_reports_match_the_cli(tmp_path: Path) -> None:
    from support import run_cli

    result = run_cli("check", "--output-format", "json", "samples/interleukin-34.md")
    assert json.loads(result.stdout) == json.loads((GOLDEN / "interleukin-34.md.json").read_text(encoding="utf-8"))
