"""``check --fix/--diff/--unsafe-fixes/--fix-only`` as users run them, and safe writing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import SAMPLES, SEED, lint, names, run_cli, wiki_lint_command

from wiki_lint import readers
from wiki_lint.atomic import (
    PAUSE_ENV,
    TEMP_SUFFIX,
    WriteError,
    create_file,
    read_snapshot,
    replace_file,
)
from wiki_lint.sources import Source

SAMPLE_TXT = SAMPLES / "interleukin-34.txt"


def sentences(text: str) -> list[str]:
    """The sentences of a plain-text page's content lines (site chrome left out)."""
    doc = readers.read(Source("page.txt", text), "plaintext")
    chrome = {line for block in doc.chrome for line in range(block.span.line, block.span.end_line + 1)}
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if number in chrome:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
            if len(sentence.split()) >= 3:
                found.append(sentence)
    return found


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    source = SEED if SEED.exists() else SAMPLE_TXT
    copy = tmp_path / "interleukin-34.txt"
    copy.write_bytes(source.read_bytes())
    return copy


# --- the done-when ---------------------------------------------------------------


def test_fix_on_the_seed_removes_markers_and_chrome_and_keeps_every_sentence(
    seed_copy: Path,
) -> None:
    original = seed_copy.read_text(encoding="utf-8")
    result = run_cli("check", "--fix", str(seed_copy))
    assert result.returncode == 1, result.stderr  # the vague license (an error) remains
    fixed = seed_copy.read_text(encoding="utf-8")
    assert "[edit]" not in fixed
    assert "Translate this page" not in fixed and "Ukrainian" not in fixed
    kept = sentences(original)
    assert len(kept) >= 10
    for sentence in kept:
        assert sentence in fixed  # glued-label is opt-in: "Credits:Most" stays as it was
    remaining = names(lint(fixed, "plaintext"))
    assert not {"edit-marker", "site-chrome", "glued-label"} & set(remaining)
    # the report shows only what remains
    assert "edit-marker" not in result.stdout and "site-chrome" not in result.stdout
    assert "vague-license" in result.stdout and "fixed 5 findings in 1 file" in result.stderr
    # a second --fix changes nothing
    before = seed_copy.read_bytes()
    again = run_cli("check", "--fix", str(seed_copy))
    assert seed_copy.read_bytes() == before and "fixed 0 findings" in again.stderr


def test_unsafe_fixes_add_the_configured_license_block_where_the_schema_says(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.txt"
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace(", licensed under CC BY SA or similar", "")
    page.write_text(text, encoding="utf-8")
    assert "missing-part" in names(lint(text, "plaintext"))
    result = run_cli("check", "--unsafe-fixes", str(page))
    lines = page.read_text(encoding="utf-8").splitlines()
    # the template says: after the credits (else the disclaimer), else at the end
    assert lines[-2].startswith("Credits:Most images") and lines[-1] == "License: CC-BY-SA-4.0"
    assert "missing-part" not in result.stdout


# --- --diff, --fix-only, JSON --------------------------------------------------------------


def test_diff_prints_a_unified_diff_and_writes_nothing(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    result = run_cli("check", "--diff", str(seed_copy))
    assert result.returncode == 1
    assert seed_copy.read_bytes() == before
    assert result.stdout.startswith(f"--- {seed_copy}\n+++ {seed_copy}\n@@ ")
    assert "-Function[edit]\n+Function\n" in result.stdout
    assert "-Translate this page: - East Asian\n" in result.stdout


def test_diff_exits_0_when_nothing_to_fix(tmp_path: Path) -> None:
    page = tmp_path / "clean.md"
    page.write_text((SAMPLES / "interleukin-6.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", "--diff", str(page))
    assert result.returncode == 0 and result.stdout == ""


def test_diff_with_unsafe_fixes_shows_them(seed_copy: Path) -> None:
    result = run_cli("check", "--diff", "--unsafe-fixes", str(seed_copy))
    assert (
        "+Credits:Most images are courtesy of Wikimedia commons, and templates, categories Wikipedia, licensed under CC-BY-SA-4.0."
        in result.stdout
    )


def test_fix_only_reports_nothing_else(seed_copy: Path) -> None:
    result = run_cli("check", "--fix-only", str(seed_copy))
    assert result.returncode == 0 and result.stdout == ""
    assert "fixed 5 findings in 1 file" in result.stderr
    assert "[edit]" not in seed_copy.read_text(encoding="utf-8")


def test_fix_with_json_output_stays_valid_json(seed_copy: Path) -> None:
    result = run_cli("check", "--fix", "--output-format", "json", str(seed_copy))
    findings = json.loads(result.stdout)
    assert [f["name"] for f in findings] == [
        "missing-date",
        "missing-references",
        "empty-section",
        "disclaimer-missing-elements",
        "vague-license",
    ]
    assert findings[4]["fix"]["applicability"] == "unsafe"


def test_fix_refuses_standard_input() -> None:
    result = run_cli("check", "--fix", "-", stdin="# Title\n\n## Function[edit]\n\nText.\n")
    assert result.returncode == 2 and "standard input cannot be fixed in place" in result.stderr


def test_diff_reads_standard_input() -> None:
    result = run_cli("check", "--diff", "-", stdin="# Title\n\n## Function[edit]\n\nText.\n")
    assert result.returncode == 1 and "+## Function\n" in result.stdout


def test_fix_on_a_folder_fixes_every_page_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SAMPLE_TXT.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_bytes((SAMPLES / "interleukin-34.md").read_bytes())
    result = run_cli("check", "--fix", str(tmp_path))
    assert "fixed" in result.stderr and "in 2 files" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.txt", "b.md"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_fix_never_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(SAMPLE_TXT.read_bytes())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = run_cli("check", "--fix", str(link))
    assert result.returncode == 2 and "is a symbolic link; not written" in result.stderr
    assert target.read_bytes() == SAMPLE_TXT.read_bytes() and link.is_symlink()
    assert "edit-marker" in result.stdout  # the findings are reported as they stand


def test_crlf_bom_file_keeps_its_encoding_and_line_endings(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("\n", "\r\n")
    page.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run_cli("check", "--fix", str(page))
    data = page.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert b"[edit]" not in data


# --- atomic writing ---------------------------------------------------------------------


def test_replace_file_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("old\n", encoding="utf-8")
    snapshot = read_snapshot(str(page))
    page.write_text("someone else's edit\n", encoding="utf-8")
    with pytest.raises(WriteError, match="changed on disk"):
        replace_file(str(page), b"new\n", snapshot)
    assert page.read_text(encoding="utf-8") == "someone else's edit\n"
    assert list(tmp_path.iterdir()) == [page]


def test_replace_file_accepts_a_file_another_run_already_fixed(tmp_path: Path) -> None:
    """Two --fix runs at once: the second finds the page changed, but into exactly the
    bytes it was going to write; nothing is left to do and it is not an error."""
    page = tmp_path / "page.md"
    page.write_text("old\n", encoding="utf-8")
    snapshot = read_snapshot(str(page))
    page.write_text("new\n", encoding="utf-8")
    replace_file(str(page), b"new\n", snapshot)
    assert page.read_text(encoding="utf-8") == "new\n"
    assert list(tmp_path.iterdir()) == [page]


def test_replace_file_keeps_permissions(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("old\n", encoding="utf-8")
    page.chmod(0o640)
    replace_file(str(page), b"new\n", read_snapshot(str(page)))
    assert page.read_bytes() == b"new\n" and (page.stat().st_mode & 0o777) == 0o640


def test_create_file_never_overwrites(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    create_file(str(page), b"first\n")
    with pytest.raises(WriteError, match="already exists"):
        create_file(str(page), b"second\n")
    assert page.read_bytes() == b"first\n" and list(tmp_path.iterdir()) == [page]


def _start_paused_fix(page: Path, signal_file: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, PAUSE_ENV: str(signal_file)}
    return subprocess.Popen(
        [*wiki_lint_command(), "check", "--fix", str(page)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_fix_killed_mid_write_leaves_the_old_version(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes())
    signal_file = tmp_path / "paused"
    process = _start_paused_fix(page, signal_file)
    try:
        deadline = time.monotonic() + 60
        while not signal_file.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert signal_file.exists(), "the writer never reached the pause point"
        temp = Path(signal_file.read_text(encoding="utf-8"))
        assert temp.parent == tmp_path and temp.name.endswith(TEMP_SUFFIX)
        assert b"[edit]" not in temp.read_bytes()  # the new version is complete in the temporary file
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert page.read_bytes() == SAMPLE_TXT.read_bytes()  # the old version, whole
    # the stale temporary file is not a page: a later run ignores it and fixes the page
    result = run_cli("check", "--fix", str(tmp_path))
    assert "fixed 5 findings in 1 file" in result.stderr
    assert b"[edit]" not in page.read_bytes()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.2, 0.4])
def test_a_fix_killed_at_any_moment_leaves_the_old_or_the_new_version(tmp_path: Path, delay: float) -> None:
    old = SAMPLE_TXT.read_bytes()
    reference = tmp_path / "reference.txt"
    reference.write_bytes(old)
    run_cli("check", "--fix", str(reference))
    new = reference.read_bytes()
    page = tmp_path / "page.txt"
    page.write_bytes(old)
    process = subprocess.Popen(
        [*wiki_lint_command(), "check", "--fix", str(page)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert page.read_bytes() in (old, new)


def test_a_page_edited_while_it_is_being_fixed_is_not_written(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes())
    signal_file = tmp_path / "paused"
    process = subprocess.Popen(
        [*wiki_lint_command(), "check", "--fix", str(page)],
        env={**os.environ, PAUSE_ENV: str(signal_file)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not signal_file.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert signal_file.exists(), "the writer never reached the pause point"
        page.write_text("An editor saved this meanwhile.\n", encoding="utf-8")
        signal_file.unlink()  # let the writer go on
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 2
    assert "changed on disk while it was being fixed; not written" in err
    assert page.read_text(encoding="utf-8") == "An editor saved this meanwhile.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]  # no temporary file left
    assert "edit-marker" in out  # the findings are reported as the page stood


def test_replace_file_refuses_a_read_only_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.md"
    page.write_text("old\n", encoding="utf-8")
    snapshot = read_snapshot(str(page))
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as for a read-only file, even as root
    with pytest.raises(WriteError, match="read-only"):
        replace_file(str(page), b"new\n", snapshot)
    assert page.read_text(encoding="utf-8") == "old\n"


def test_sarif_results_carry_the_fixes(seed_copy: Path) -> None:
    done = run_cli("check", "--output-format", "sarif", seed_copy.name, cwd=seed_copy.parent)
    results = json.loads(done.stdout)["runs"][0]["results"]
    marker = next(r for r in results if r["ruleId"] == "WL601")
    (change,) = marker["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 15}}]
    assert marker["properties"]["fixApplicability"] == "safe"
    license_result = next(r for r in results if r["ruleId"] == "WL311")
    assert license_result["properties"]["fixApplicability"] == "unsafe"
    assert license_result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "CC-BY-SA-4.0"}
    assert "fixes" not in next(r for r in results if r["ruleId"] == "WL401")
