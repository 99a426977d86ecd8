"""Parallel runs (--jobs) give the same findings in the same order as serial runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pages_for_runs import write_pages
from support import TODAY, run_cli

import wiki_lint.batch
from wiki_lint.batch import SERIAL_BELOW, default_jobs
from wiki_lint.check import FileResult, Settings, check_paths

SETTINGS = Settings(today=TODAY)


def _run(folder: Path, jobs: int) -> list[FileResult]:
    return list(check_paths([str(folder)], SETTINGS, jobs=jobs))


def _as_data(results: list[FileResult]) -> list[tuple[object, ...]]:
    return [(r.path, r.error, [f.to_dict() for f in r.findings], r.scores, r.lines) for r in results]


def test_parallel_results_equal_serial_results_in_the_same_order(tmp_path: Path) -> None:
    write_pages(tmp_path, SERIAL_BELOW * 3)
    serial = _run(tmp_path, jobs=1)
    parallel = _run(tmp_path, jobs=2)
    assert len(serial) == SERIAL_BELOW * 3
    assert _as_data(parallel) == _as_data(serial)
    assert any(r.findings for r in serial) and any(r.error for r in serial)


def test_more_jobs_than_files_and_cpus_still_gives_the_serial_results(tmp_path: Path) -> None:
    write_pages(tmp_path, SERIAL_BELOW + 1)
    assert _as_data(_run(tmp_path, jobs=7)) == _as_data(_run(tmp_path, jobs=1))


def test_few_files_are_checked_the_same_with_any_jobs(tmp_path: Path) -> None:
    write_pages(tmp_path, 5)
    assert _as_data(_run(tmp_path, jobs=4)) == _as_data(_run(tmp_path, jobs=1))


def test_cli_output_is_byte_identical_for_jobs_1_and_2(tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", SERIAL_BELOW * 2)
    outputs = []
    for jobs in ("1", "2"):
        for fmt in ("text", "json"):
            done = run_cli("check", "--no-cache", "--jobs", jobs, "--output-format", fmt, "pages", cwd=tmp_path)
            assert done.returncode == 2, done.stderr  # the binary and latin-1 pages cannot be read
            outputs.append((fmt, done.stdout, done.stderr))
    assert outputs[:2] == outputs[2:]
    assert "binary file" in outputs[0][2]


def test_standard_input_keeps_its_place_among_the_files(tmp_path: Path) -> None:
    pages = write_pages(tmp_path, SERIAL_BELOW + 2)
    stdin_page = pages[1].read_text(encoding="utf-8")
    args = [str(pages[0]), "-", *(str(p) for p in pages[2:])]
    serial = run_cli("check", "--no-cache", "--jobs", "1", "--stdin-filename", "in.md", *args, stdin=stdin_page)
    parallel = run_cli("check", "--no-cache", "--jobs", "2", "--stdin-filename", "in.md", *args, stdin=stdin_page)
    assert serial.stdout == parallel.stdout
    lines = [line.split(":", 1)[0] for line in serial.stdout.splitlines() if not line.startswith((" ", "Found"))]
    assert "in.md" in lines


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_whole_number(value: str) -> None:
    done = run_cli("check", "--jobs", value, "samples/interleukin-6.md")
    assert done.returncode == 2
    assert "--jobs" in done.stderr


def test_default_jobs_is_the_usable_cpus() -> None:
    assert 1 <= default_jobs()


def test_results_carry_the_source_lines_their_findings_cover(tmp_path: Path) -> None:
    write_pages(tmp_path, 9)
    for result in _run(tmp_path, jobs=1):
        if result.error:
            assert result.lines is None
            continue
        text_lines = Path(result.path).read_text(encoding="utf-8").split("\n")
        assert result.lines is not None and len(result.lines) <= len(text_lines)
        covered = {n for f in result.findings for n in range(f.line, f.end_line + 1)}
        for number, line in enumerate(result.lines, start=1):
            assert line == (text_lines[number - 1] if number in covered else "")


def _dying_work(task: tuple[str, int]) -> object:
    """A worker that dies on one page, as one killed for memory would."""
    path, number = task
    if path.endswith("007-duplicate.md"):
        os._exit(3)
    return wiki_lint.batch._check_path(path, wiki_lint.batch._table[number], wiki_lint.batch._remember)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers inherit the patched function only when forked")
def test_a_dead_worker_does_not_hang_the_run_or_lose_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pages(tmp_path, SERIAL_BELOW * 2)
    serial = _run(tmp_path, jobs=1)
    monkeypatch.setattr(wiki_lint.batch, "_work", _dying_work)
    assert _as_data(_run(tmp_path, jobs=2)) == _as_data(serial)
