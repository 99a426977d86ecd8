"""Two wiki-lint processes on the same tree at once never corrupt a page or the cache.

The installed CLI runs twice at the same moment on one tree of pages with safe fixes
(edit markers, site chrome, in every format): ``check`` (with the result cache) beside
``check --fix``, and two ``check --fix`` side by side, several rounds each.  After each
round:

* every page holds, byte for byte, either its original content or its fixed content
  (what a lone ``--fix`` writes), never a truncated or interleaved mix;
* no process crashed or failed: exit code 0 or 1, no traceback, no error.  (A ``--fix``
  that finds a page changed on disk since it read it refuses to write it, unless the
  page now holds exactly the bytes it was going to write: the other ``--fix`` got there
  first.  Without that, one of two ``--fix`` runs exited 2 in most rounds.);
* what ``check`` printed for each page is what a lone run prints for the original or for
  the fixed page;
* the cache is intact: a following cached run reports exactly what ``--no-cache``
  reports.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support import wiki_lint_command

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "pages"
FIXABLE = ("edit-marker.md", "site-chrome.txt")
ROUNDS = 4


def _fixable_pages() -> dict[str, bytes]:
    """Pages with safe fixes, copied under several names and in the line endings a
    fixer must keep, so each run has files to race on."""
    pages: dict[str, bytes] = {}
    for name in FIXABLE:
        data = (PAGES / name).read_bytes()
        stem, suffix = name.rsplit(".", 1)
        for copy in range(4):
            pages[f"{stem}-{copy}.{suffix}"] = data
        pages[f"{stem}-crlf.{suffix}"] = data.replace(b"\n", b"\r\n")
    wiki = b"'''Interleukin 6''' is a cytokine.\n\n== Function [edit] ==\nIt takes part in inflammation.\n"
    pages["wikitext-0.wiki"] = wiki
    pages["complete.md"] = (PAGES / "complete.md").read_bytes()  # nothing to fix
    return pages


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*wiki_lint_command(), *args], cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


def _start(folder: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*wiki_lint_command(), *args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _lay_out(folder: Path, pages: dict[str, bytes]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "pages").mkdir(parents=True)
    (folder / ".git").mkdir()  # the project root, where the cache lives
    for name, data in pages.items():
        (folder / "pages" / name).write_bytes(data)


def _findings_by_file(output: str) -> dict[str, list[dict[str, object]]]:
    by_file: dict[str, list[dict[str, object]]] = {}
    for finding in json.loads(output):
        by_file.setdefault(Path(str(finding["path"])).name, []).append(finding)
    return by_file


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Each page's content and lone-run findings, before and after a lone ``--fix``."""
    pages = _fixable_pages()
    folder = tmp_path_factory.mktemp("expected") / "tree"
    _lay_out(folder, pages)
    before = _run(folder, "check", "--no-cache", "--output-format", "json", "pages")
    fixed_run = _run(folder, "check", "--no-cache", "--fix", "pages")
    assert fixed_run.returncode in (0, 1), fixed_run.stderr
    fixed = {name: (folder / "pages" / name).read_bytes() for name in pages}
    after = _run(folder, "check", "--no-cache", "--output-format", "json", "pages")
    again = _run(folder, "check", "--no-cache", "--fix", "pages")  # fixing is idempotent
    assert {name: (folder / "pages" / name).read_bytes() for name in pages} == fixed, again.stderr
    changed = [name for name in pages if fixed[name] != pages[name]]
    assert len(changed) >= 10, changed  # enough files really change to race on
    return {
        "original": pages,
        "fixed": fixed,
        "findings_before": _findings_by_file(before.stdout),
        "findings_after": _findings_by_file(after.stdout),
    }


def _assert_no_crash(process: subprocess.Popen[str], err: str) -> None:
    assert "Traceback" not in err and "error" not in err, err
    assert process.returncode in (0, 1), (process.returncode, err)


def _assert_pages_intact(folder: Path, expected: dict[str, object]) -> None:
    original: dict[str, bytes] = expected["original"]  # type: ignore[assignment]
    fixed: dict[str, bytes] = expected["fixed"]  # type: ignore[assignment]
    for name in original:
        data = (folder / "pages" / name).read_bytes()
        assert data in (original[name], fixed[name]), f"{name} is neither the original nor the fixed page: {data[:200]!r}"
    leftovers = [p.name for p in (folder / "pages").iterdir() if p.name not in original]
    assert not leftovers, f"temporary files left behind: {leftovers}"


def _assert_cache_intact(folder: Path) -> None:
    cached = _run(folder, "check", "--output-format", "json", "pages")
    fresh = _run(folder, "check", "--no-cache", "--output-format", "json", "pages")
    assert cached.returncode == fresh.returncode, cached.stderr
    assert "Traceback" not in cached.stderr, cached.stderr
    assert json.loads(cached.stdout) == json.loads(fresh.stdout)


def _without_volatile(findings: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(f["code"], f["line"], f["column"], f["message"]) for f in findings]


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_check_with_cache_beside_fix(round_number: int, tmp_path: Path, expected: dict[str, object]) -> None:
    folder = tmp_path / "tree"
    _lay_out(folder, expected["original"])  # type: ignore[arg-type]
    if round_number % 2:  # half the rounds start from a warm cache of the original pages
        assert _run(folder, "check", "pages").returncode in (0, 1)
    checking = _start(folder, "check", "--output-format", "json", "pages")
    fixing = _start(folder, "check", "--fix", "pages")
    check_out, check_err = checking.communicate(timeout=300)
    fix_out, fix_err = fixing.communicate(timeout=300)
    _assert_no_crash(checking, check_err)
    _assert_no_crash(fixing, fix_err)
    _assert_pages_intact(folder, expected)
    before: dict[str, list[dict[str, object]]] = expected["findings_before"]  # type: ignore[assignment]
    after: dict[str, list[dict[str, object]]] = expected["findings_after"]  # type: ignore[assignment]
    for name, findings in _findings_by_file(check_out).items():
        seen = _without_volatile(findings)
        assert seen in (_without_volatile(before.get(name, [])), _without_volatile(after.get(name, []))), name
    _assert_cache_intact(folder)


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_fixes_at_once(round_number: int, tmp_path: Path, expected: dict[str, object]) -> None:
    folder = tmp_path / "tree"
    _lay_out(folder, expected["original"])  # type: ignore[arg-type]
    cache = () if round_number % 2 else ("--no-cache",)
    first = _start(folder, "check", "--fix", *cache, "pages")
    second = _start(folder, "check", "--fix", *cache, "pages")
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        _assert_no_crash(process, err)
    _assert_pages_intact(folder, expected)
    _assert_cache_intact(folder)
    settle = _run(folder, "check", "--fix", "pages")  # whatever one of them left, a next run finishes
    assert settle.returncode in (0, 1), settle.stderr
    fixed: dict[str, bytes] = expected["fixed"]  # type: ignore[assignment]
    assert {name: (folder / "pages" / name).read_bytes() for name in fixed} == fixed
