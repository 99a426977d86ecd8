"""Warm runs write exactly what cold runs write, in every format, and rebuild nothing.

The cache keeps each file's report text for the formats rendered per file
(``wiki_lint.rendered``); these tests hold the output of ``--no-cache``, of the run that
fills the cache and of the warm run byte for byte equal (standard output, standard
error, exit code), with ``--output-file``, from another working folder and with
absolute paths (CI formats make paths relative to the working folder), and check that
a warm run really streams the cached text.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pages_for_runs import write_pages
from support import ROOT, wiki_lint_command

import wiki_lint.batch
import wiki_lint.cache
import wiki_lint.rendered
from wiki_lint import cli
from wiki_lint.check import Settings
from wiki_lint.report import FORMATS, RENDERED

Run = tuple[int, bytes, bytes]


def _project(tmp_path: Path, own: bool = True) -> Path:
    """A project (``.git`` marks its root) with generated pages (unreadable ones too)
    and the project's own test pages (fixes, non-ASCII, tabs, every kind of finding)."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    pages = write_pages(project / "pages", 14)
    if own:
        folder = project / "pages" / "own"
        folder.mkdir()
        for page in sorted((ROOT / "tests" / "pages").iterdir()):
            if page.is_file() and page.suffix in (".md", ".txt", ".wiki", ".html"):
                shutil.copyfile(page, folder / page.name)
                pages.append(folder / page.name)
    for page in pages:  # written a minute ago: their stat signatures are trusted
        when = page.stat().st_mtime_ns - 60 * 1_000_000_000
        os.utime(page, ns=(when, when))
    return project


def _run(cwd: Path, *args: str) -> Run:
    done = subprocess.run([*wiki_lint_command(), *args], cwd=cwd, capture_output=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cold_first_and_warm_runs_write_the_same_bytes(tmp_path: Path, fmt: str) -> None:
    project = _project(tmp_path)
    check = ("check", "--output-format", fmt)
    cold = _run(project, *check, "--no-cache", "pages")
    assert cold[0] == 2 and cold[1]  # findings, and two unreadable pages
    assert _run(project, *check, "--jobs", "2", "pages") == cold  # fills the cache
    assert _run(project, *check, "pages") == cold  # warm
    report = tmp_path / "out" / "report"
    code, out, err = _run(project, *check, "--output-file", str(report), "pages")
    assert (code, report.read_bytes(), err) == cold
    assert out == b""

    inside = project / "pages" / "part-1"  # another working folder, the same cache
    cold_inside = _run(inside, *check, "--no-cache", "..")
    assert _run(inside, *check, "..") == cold_inside
    assert _run(inside, *check, "..") == cold_inside
    if fmt in RENDERED:
        with sqlite3.connect(project / wiki_lint.cache.CACHE_DIR / wiki_lint.cache.DATABASE) as db:
            keys = {row[0] for row in db.execute("SELECT DISTINCT render FROM renders")}
        assert len(keys) == 2  # one per working folder


@pytest.mark.parametrize("fmt", ["github", "text"])
def test_absolute_paths_from_two_working_folders(tmp_path: Path, fmt: str) -> None:
    """The same files (same cached results) reported from two folders: formats that
    make paths relative to the working folder must not serve one folder's text in the
    other."""
    project = _project(tmp_path)
    target = str(project / "pages")
    for cwd in (project, project / "pages" / "part-0", project, project / "pages" / "part-0"):
        cold = _run(cwd, "check", "--no-cache", "--output-format", fmt, target)
        assert _run(cwd, "check", "--output-format", fmt, target) == cold



def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return code, out, err


UNREADABLE = ("009-binary.md", "010-latin1.md", "invalid-encoding.md")  # errors are never cached: checked every run


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_long_tree_is_checked_in_segments_and_walked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], checks: list[str], jobs: str
) -> None:
    """More files than a segment, and a plan too long to keep: first, warm and partly
    changed runs report what --no-cache reports, a segment at a time."""
    monkeypatch.setattr(wiki_lint.rendered, "SEGMENT", 4)
    monkeypatch.setattr(wiki_lint.rendered, "WINDOW", 3)
    monkeypatch.setattr(wiki_lint.batch, "KEEP_PLANNED_CACHED", 5)
    monkeypatch.setattr(wiki_lint.batch, "SERIAL_BELOW", 2)  # a segment's files go to a pool with --jobs 2
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    segments: list[int] = []
    two_passes = wiki_lint.rendered.RenderCache._two_passes

    def counting(self: wiki_lint.rendered.RenderCache, planned: list[tuple[str, Settings]], *args: object) -> Iterator[object]:
        segments.append(len(planned))
        return two_passes(self, planned, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(wiki_lint.rendered.RenderCache, "_two_passes", counting)
    cold = _main(capsys, "--no-cache", "pages")
    assert _main(capsys, "--jobs", jobs, "pages") == cold  # fills the cache
    assert len(segments) > 3 and max(segments) <= 4
    checks.clear()
    assert _main(capsys, "--jobs", jobs, "pages") == cold  # warm: the unreadable pages are checked again
    if jobs == "1":
        assert sorted(checks) == sorted(UNREADABLE)
    changed = sorted((project / "pages").rglob("*.md"))[::3]
    for page in changed:
        page.write_bytes(page.read_bytes() + b"\nOne more line.\n")
    cold = _main(capsys, "--no-cache", "pages")
    checks.clear()
    assert _main(capsys, "--jobs", jobs, "pages") == cold
    if jobs == "1":
        assert set(checks) >= {page.name for page in changed} and set(checks) <= {page.name for page in changed} | set(UNREADABLE)


@pytest.mark.parametrize("fmt", sorted(RENDERED))
def test_a_warm_run_streams_the_cached_text_and_rebuilds_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], checks: list[str], fmt: str
) -> None:
    monkeypatch.chdir(_project(tmp_path))
    cold = _main(capsys, "--no-cache", "--output-format", fmt, "pages")
    assert _main(capsys, "--output-format", fmt, "pages") == cold
    checks.clear()

    def no_rebuilding(path: str, entry: object) -> None:
        raise AssertionError(f"{path}: a finding was rebuilt")

    monkeypatch.setattr(wiki_lint.cache, "_result_from_entry", no_rebuilding)
    assert _main(capsys, "--output-format", fmt, "pages") == cold
    assert sorted(checks) == sorted(UNREADABLE)


def test_a_changed_page_is_checked_and_rendered_again(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, checks: list[str]) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    _main(capsys, "pages")
    page = project / "pages" / "part-0" / "000-complete.md"
    page.write_bytes(page.read_bytes().replace(b"## Function", b"## Function[edit]", 1))
    cold = _main(capsys, "--no-cache", "pages")
    checks.clear()
    assert _main(capsys, "pages") == cold
    assert "000-complete.md:" in cold[1] and "edit-marker" in cold[1]
    assert sorted(checks) == sorted([*UNREADABLE, "000-complete.md"])
    checks.clear()
    assert _main(capsys, "pages") == cold
    assert sorted(checks) == sorted(UNREADABLE)


def test_touched_pages_are_rehashed_and_still_served(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, checks: list[str]) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    cold = _main(capsys, "--no-cache", "pages")
    _main(capsys, "pages")
    for page in (project / "pages").rglob("*.md"):
        os.utime(page)  # as a checkout does: new times, same bytes
    checks.clear()
    assert _main(capsys, "pages") == cold
    assert sorted(checks) == sorted(UNREADABLE)


def test_damaged_renderings_are_a_miss(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, checks: list[str]) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    cold = _main(capsys, "--no-cache", "pages")
    _main(capsys, "pages")
    with sqlite3.connect(project / wiki_lint.cache.CACHE_DIR / wiki_lint.cache.DATABASE) as db:
        paths = [row[0] for row in db.execute("SELECT path FROM renders ORDER BY path")]
        db.execute("UPDATE renders SET counts = 'x,1' WHERE path = ?", (paths[0],))
        db.execute("UPDATE renders SET counts = '1,2' WHERE path = ?", (paths[1],))
        db.execute("UPDATE renders SET digest = 'another content' WHERE path = ?", (paths[2],))
        db.execute("UPDATE renders SET body = 5, counts = 5 WHERE path = ?", (paths[3],))
    checks.clear()
    assert _main(capsys, "pages") == cold
    damaged = {Path(path).name for path in paths[:4]}
    assert set(checks) - set(UNREADABLE) <= damaged  # rebuilt from the result when it is intact, else checked
    checks.clear()
    assert _main(capsys, "pages") == cold
    assert sorted(checks) == sorted(UNREADABLE)


def test_a_rendering_replaced_between_the_two_passes_is_checked_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, checks: list[str]
) -> None:
    """The first page changed: the run looks up every rendering first (to hand the
    changed pages to the pool at once), then fetches the texts; one that vanished
    meanwhile (another run replaced it) is rebuilt from its result."""
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    _main(capsys, "pages")
    first = project / "pages" / "part-0" / "000-complete.md"
    first.write_bytes(first.read_bytes() + b"\nOne more line.\n")
    cold = _main(capsys, "--no-cache", "pages")
    monkeypatch.setattr(wiki_lint.cache.Cache, "rendered", lambda self, render, wanted, stats=False: {})
    checks.clear()
    assert _main(capsys, "pages") == cold
    assert sorted(checks) == sorted([*UNREADABLE, first.name])  # the others' results were still cached


@pytest.mark.parametrize("changed", ["part-0/000-complete.md", "part-1/007-duplicate.md", "own/section-order.md"])
def test_one_changed_page_anywhere_in_the_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, checks: list[str], changed: str
) -> None:
    """Pages before the first changed one are streamed as found, the rest in two passes."""
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    for fmt in ("text", "json"):
        _main(capsys, "--output-format", fmt, "pages")
    page = project / "pages" / changed
    page.write_bytes(page.read_bytes() + b"\n## See also\n\nA [link](https://example.org).\n")
    for fmt in ("text", "json"):
        cold = _main(capsys, "--no-cache", "--output-format", fmt, "pages")
        checks.clear()
        assert _main(capsys, "--output-format", fmt, "pages") == cold
        assert sorted(checks) == sorted([*UNREADABLE, page.name] if fmt == "text" else UNREADABLE)


def test_unrendered_formats_use_the_results(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, checks: list[str]) -> None:
    monkeypatch.chdir(_project(tmp_path))
    for args in (["--output-format", "sarif"], ["--output-format", "junit"], ["--output-format", "gitlab"]):
        cold = _main(capsys, "--no-cache", *args, "pages")
        assert _main(capsys, *args, "pages") == cold
        checks.clear()
        assert _main(capsys, *args, "pages") == cold
        assert sorted(checks) == sorted(UNREADABLE)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_statistics_come_from_the_cache_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, checks: list[str], fmt: str
) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    args = ("--statistics", "--output-format", fmt, "pages")
    cold = _main(capsys, "--no-cache", *args)
    assert "Count" in cold[1] + cold[2] and "completeness" in cold[1] + cold[2]
    _main(capsys, "--output-format", fmt, "pages")  # renderings stored by a run without --statistics
    checks.clear()
    real = wiki_lint.cache._result_from_entry
    monkeypatch.setattr(wiki_lint.cache, "_result_from_entry", lambda path, entry: pytest.fail(f"{path}: rebuilt"))
    assert _main(capsys, *args) == cold
    assert sorted(checks) == sorted(UNREADABLE)
    with sqlite3.connect(project / wiki_lint.cache.CACHE_DIR / wiki_lint.cache.DATABASE) as db:
        damaged = [row[0] for row in db.execute("SELECT path FROM renders ORDER BY path LIMIT 3")]
        db.execute("UPDATE renders SET stats = 'no' WHERE path = ?", (damaged[0],))
        db.execute("UPDATE renders SET stats = '[[[\"WL101\", \"missing-part\", 0]], {}]' WHERE path = ?", (damaged[1],))
        db.execute("UPDATE renders SET stats = '[[], {\"jama\": \"high\"}]' WHERE path = ?", (damaged[2],))
    monkeypatch.setattr(wiki_lint.cache, "_result_from_entry", real)
    assert _main(capsys, *args) == cold
    assert _main(capsys, "--output-format", fmt, "pages") == _main(capsys, "--no-cache", "--output-format", fmt, "pages")


@pytest.mark.skipif(os.name != "posix" or os.uname().sysname == "Darwin", reason="needs file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_checked_every_run_and_never_breaks_the_cache(tmp_path: Path) -> None:
    project = _project(tmp_path)
    complete = (project / "pages" / "part-0" / "000-complete.md").read_bytes()
    odd = os.path.join(os.fsencode(project / "pages"), b"caf\xe9.md")
    with open(odd, "wb") as handle:
        handle.write(complete.replace(b"## Function", b"## Function[edit]", 1))
    for fmt in ("text", "json", "sarif", "gitlab"):
        cold = _run(project, "check", "--no-cache", "--output-format", fmt, "pages")
        assert b"caf\xe9.md" in cold[1] or b"caf%E9.md" in cold[1], fmt
        assert b"Traceback" not in cold[2]
        assert _run(project, "check", "--output-format", fmt, "pages") == cold
        assert _run(project, "check", "--output-format", fmt, "pages") == cold
    with sqlite3.connect(project / wiki_lint.cache.CACHE_DIR / wiki_lint.cache.DATABASE) as db:
        per_format = [row[0] for row in db.execute("SELECT count(*) FROM renders GROUP BY render")]
        paths = [row[0] for row in db.execute("SELECT path FROM renders")]
    assert len(per_format) == 2 and per_format[0] == per_format[1] > 40  # every other page is cached
    assert not [path for path in paths if "caf" in path]


def test_standard_input_among_cached_files_is_checked_every_run(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = (project / "pages" / "own" / "edit-marker.md").read_bytes()
    args = ("check", "pages/own/complete.md", "-", "pages/own/edit-marker.md")

    def run(*extra: str) -> Run:
        done = subprocess.run([*wiki_lint_command(), *args[:1], *extra, *args[1:]], cwd=project, input=page, capture_output=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    cold = run("--no-cache")
    assert cold[1].count(b"edit-marker") >= 2
    assert run() == cold
    assert run() == cold


EDITS = st.sampled_from(["marker", "text", "drop-disclaimer", "touch", "delete", "restore"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(EDITS, st.integers(0, 13), st.sampled_from(sorted(RENDERED))), min_size=1, max_size=5))
def test_any_sequence_of_edits_never_serves_a_stale_report(tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int, str]]) -> None:
    """Whatever happens to the pages between runs (edits, a touch, a page deleted or
    restored, another format), the cached run writes what ``--no-cache`` writes."""
    project = _project(tmp_path_factory.mktemp("edits"), own=False)
    pages = sorted((project / "pages").glob("part-*/*.md"))
    original = {page: page.read_bytes() for page in pages}
    for edit, number, fmt in steps:
        page = pages[number % len(pages)]
        if edit == "marker" and page.exists():
            page.write_bytes(page.read_bytes().replace(b"\n## ", b"\n## [edit] ", 1))
        elif edit == "text" and page.exists():
            page.write_bytes(page.read_bytes() + b"\nOur clinic offers the best treatment. Call now!\n")
        elif edit == "drop-disclaimer" and page.exists():
            page.write_bytes(page.read_bytes().split(b"## Disclaimer")[0])
        elif edit == "touch" and page.exists():
            os.utime(page)
        elif edit == "delete" and page.exists():
            page.unlink()
        elif edit == "restore":
            page.write_bytes(original[page])
        cold = _run(project, "check", "--no-cache", "--output-format", fmt, "pages")
        assert _run(project, "check", "--output-format", fmt, "pages") == cold, (edit, page.name, fmt)
