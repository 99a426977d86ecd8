"""The file system is hostile too: links, permissions and files that vanish mid-run."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from wiki_lint import readers, sources
from wiki_lint.check import Settings, check_file, check_paths
from wiki_lint.sources import discover

from support import COMPLETE_MD, run_cli

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def tree(tmp_path: Path) -> Path:
    """checked/ with two pages and a subfolder page, and outside/ with a page."""
    checked = tmp_path / "checked"
    (checked / "sub").mkdir(parents=True)
    (checked / "a.md").write_text(COMPLETE_MD, encoding="utf-8")
    (checked / "b.md").write_text(COMPLETE_MD, encoding="utf-8")
    (checked / "sub" / "c.md").write_text(COMPLETE_MD, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text("# Secret\n\nNot part of the checked tree.\n", encoding="utf-8")
    return checked


def found(folder: Path) -> list[str]:
    return [os.path.relpath(p, folder) for p in discover([str(folder)], readers.extensions())]


def test_symlinked_file_pointing_outside_the_tree_is_not_followed(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    (checked / "leak.md").symlink_to(tmp_path / "outside" / "secret.md")
    assert found(checked) == ["a.md", "b.md", "sub/c.md"]


def test_symlinked_file_inside_the_tree_is_followed(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    (checked / "alias.md").symlink_to(checked / "sub" / "c.md")
    assert "alias.md" in found(checked)


def test_symlinked_folder_pointing_outside_is_not_entered(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    (checked / "elsewhere").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert found(checked) == ["a.md", "b.md", "sub/c.md"]


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    (checked / "sub" / "loop").symlink_to(checked, target_is_directory=True)  # folder loop
    (checked / "self.md").symlink_to(checked / "self.md")  # a link to itself
    (checked / "ping.md").symlink_to(checked / "pong.md")
    (checked / "pong.md").symlink_to(checked / "ping.md")
    (checked / "dangling.md").symlink_to(checked / "absent.md")
    assert found(checked) == ["a.md", "b.md", "sub/c.md"]


def test_cli_on_a_tree_with_loops_and_outside_links_checks_only_the_tree(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    (checked / "sub" / "loop").symlink_to(checked, target_is_directory=True)
    (checked / "leak.md").symlink_to(tmp_path / "outside" / "secret.md")
    done = run_cli("check", "--output-format", "json", str(checked))
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
    assert "secret" not in done.stdout.lower()


def test_unreadable_file_is_reported_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = tree(tmp_path)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    results = list(check_paths([str(checked)], Settings()))
    assert [os.path.basename(r.path) for r in results] == ["a.md", "b.md", "c.md"]
    assert results[0].error is not None and "permission denied" in results[0].error
    assert all(r.error is None for r in results[1:])


def test_unreadable_folder_is_reported_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.fspath(path).endswith("sub"):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    results = list(check_paths([str(checked)], Settings()))
    by_name = {os.path.basename(r.path): r for r in results}
    assert set(by_name) == {"a.md", "b.md", "sub"}
    assert "folder that cannot be read (permission denied)" in (by_name["sub"].error or "")


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode; the monkeypatched tests above cover this case")
def test_chmod_000_file_and_folder_are_reported_by_the_cli(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    (checked / "a.md").chmod(0)
    (checked / "sub").chmod(0)
    try:
        done = run_cli("check", str(checked))
    finally:
        (checked / "a.md").chmod(0o644)
        (checked / "sub").chmod(0o755)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "a.md: permission denied" in done.stderr and "sub: is a folder that cannot be read" in done.stderr


def test_file_deleted_between_discovery_and_reading(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    results = check_paths([str(checked)], Settings())
    first = next(results)
    (checked / "b.md").unlink()
    rest = list(results)
    assert first.error is None
    assert [os.path.basename(r.path) for r in rest] == ["b.md", "c.md"]
    assert "no such file" in (rest[0].error or "") and rest[1].error is None


def test_folder_replaced_by_a_file_during_the_run(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    results = check_paths([str(checked)], Settings())
    next(results)
    (checked / "b.md").unlink()
    (checked / "b.md").mkdir()
    rest = list(results)
    assert "is a folder, not a file" in (rest[0].error or "")


def test_missing_path_on_the_command_line_exits_2_and_checks_the_others(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    done = run_cli("check", str(tmp_path / "absent.md"), str(checked / "a.md"))
    assert done.returncode == 2 and "absent.md: no such file" in done.stderr and "Traceback" not in done.stderr
    assert "1 file could not be read" in done.stdout


def test_file_changed_between_discovery_and_reading_is_checked_as_it_now_is(tmp_path: Path) -> None:
    checked = tree(tmp_path)
    results = check_paths([str(checked)], Settings())
    next(results)
    (checked / "b.md").write_text(COMPLETE_MD + "\n## Overview [edit]\n\nMore.\n", encoding="utf-8")
    rest = list(results)
    assert rest[0].error is None
    assert "edit-marker" in {f.name for f in rest[0].findings}


class _GrowingFile:
    """The status of a file that another program keeps writing: a new size and time at
    each look (the first ``settle_after`` looks), then stable."""

    def __init__(self, settle_after: int) -> None:
        self.calls, self.settle_after = 0, settle_after

    def __call__(self, path: str) -> Any:
        self.calls += 1
        info = os.stat(path)
        if self.calls > self.settle_after:
            return info
        return SimpleNamespace(st_size=info.st_size + self.calls, st_mtime_ns=info.st_mtime_ns + self.calls, st_ino=info.st_ino)


def test_file_written_while_it_is_read_is_reported_not_checked_torn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.md"
    page.write_text(COMPLETE_MD, encoding="utf-8")
    monkeypatch.setattr(sources, "_status", _GrowingFile(settle_after=10**6))
    result = check_file(str(page), Settings())
    assert result.error is not None and "changed while it was being read" in result.error
    assert "internal error" not in result.error


def test_file_that_settles_on_a_second_read_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.md"
    page.write_text(COMPLETE_MD, encoding="utf-8")
    monkeypatch.setattr(sources, "_status", _GrowingFile(settle_after=2))
    data, _ = sources.read_stable(str(page))
    assert data == COMPLETE_MD.encode()
    assert check_file(str(page), Settings()).error is None


def test_fix_writes_only_inside_the_given_folder_and_never_through_a_link(tmp_path: Path) -> None:
    """--fix on a folder: pages inside are fixed; the page behind a link that points
    outside is not followed, so not written; links stay links (the in-tree target is
    fixed as itself); nothing outside the folder changes, byte for byte.  (A link named
    on the command line is refused: tests/test_fix_cli.py.)"""
    pages = Path(__file__).resolve().parents[1] / "pages"
    fixable = (pages / "edit-marker.md").read_bytes()
    checked = tmp_path / "checked"
    (checked / "sub").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (checked / "a.md").write_bytes(fixable)
    (checked / "sub" / "b.txt").write_bytes((pages / "site-chrome.txt").read_bytes())
    (tmp_path / "outside" / "o.md").write_bytes(fixable)
    (tmp_path / "beside.md").write_bytes(fixable)
    (checked / "out-link.md").symlink_to(tmp_path / "outside" / "o.md")
    (checked / "in-link.md").symlink_to(checked / "a.md")
    (checked / "out-folder").symlink_to(tmp_path / "outside", target_is_directory=True)
    outside_before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and checked not in p.parents}

    done = run_cli("check", "--fix", str(checked))

    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in outside_before} == outside_before
    assert b"[edit]" not in (checked / "a.md").read_bytes()
    assert (checked / "sub" / "b.txt").read_bytes() != (pages / "site-chrome.txt").read_bytes()
    assert all((checked / name).is_symlink() for name in ("out-link.md", "in-link.md", "out-folder"))
    assert sorted(p.name for p in tmp_path.rglob("*.wiki-lint-tmp")) == []
