"""The installed ``wiki-lint`` entry point, run in a subprocess as users run it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from wiki_lint import __version__

from support import SAMPLES, run_cli

FINDING_KEYS = ["code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "part", "hint", "fix"]
TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>WL\d{3}) (?P<sev>error|warning|info): .+ \[[a-z0-9-]+\]$")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder with a defective page, a complete page, a nested page and a non-page."""
    shutil.copy(SAMPLES / "interleukin-34.md", tmp_path / "il34.md")
    shutil.copy(SAMPLES / "interleukin-6.md", tmp_path / "il6.md")
    (tmp_path / "sub").mkdir()
    shutil.copy(SAMPLES / "interleukin-34.txt", tmp_path / "sub" / "il34.txt")
    (tmp_path / "notes.rst").write_text("not a page wiki-lint reads\n", encoding="utf-8")
    return tmp_path


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"wiki-lint {__version__}"


def test_no_command_is_a_usage_error() -> None:
    assert run_cli().returncode == 2


def test_unknown_option_is_a_usage_error() -> None:
    result = run_cli("check", "--no-such-flag", "x.md")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_complete_entry_exits_0() -> None:
    result = run_cli("check", str(SAMPLES / "interleukin-6.md"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("Found 0 findings")


def test_defective_entry_exits_1_with_text_lines_and_summary(pages: Path) -> None:
    result = run_cli("check", str(pages / "il34.md"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    finding_lines = [line for line in lines if TEXT_LINE.match(line)]
    assert len(finding_lines) == 10  # the core 8, the absent date and the disclaimer's missing element
    assert all(line.startswith(str(pages / "il34.md") + ":") for line in finding_lines)
    assert all(next_line.startswith("    hint: ") for line, next_line in zip(lines, lines[1:], strict=False) if TEXT_LINE.match(line))
    assert lines[-1] == "Found 10 findings (1 error, 9 warnings) in 1 of 1 file checked."


def test_folder_recursion_in_stable_order(pages: Path) -> None:
    result = run_cli("check", "--output-format", "json", str(pages))
    assert result.returncode == 1
    paths = [finding["path"] for finding in json.loads(result.stdout)]
    assert sorted(set(paths)) == [str(pages / "il34.md"), str(pages / "sub" / "il34.txt")]
    assert paths == sorted(paths)
    assert not any("notes.rst" in path for path in paths)


def test_json_output_is_an_array_of_finding_objects(pages: Path) -> None:
    result = run_cli("check", "--output-format", "json", str(pages / "il34.md"), str(pages / "il6.md"))
    findings = json.loads(result.stdout)  # nothing but the array on stdout
    assert isinstance(findings, list) and len(findings) == 10
    for finding in findings:
        assert list(finding) == FINDING_KEYS
        assert re.fullmatch(r"WL\d{3}", finding["code"]) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", finding["name"])
        assert finding["severity"] in ("error", "warning", "info")
        assert 1 <= finding["line"] <= finding["end_line"] and finding["column"] >= 1
    assert result.stderr == ""


def test_json_output_for_a_clean_run_is_an_empty_array() -> None:
    result = run_cli("check", "--output-format", "json", str(SAMPLES / "interleukin-6.md"))
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_exit_zero(pages: Path) -> None:
    result = run_cli("check", "--exit-zero", str(pages / "il34.md"))
    assert result.returncode == 0 and "WL311" in result.stdout


def test_stdin_with_filename() -> None:
    text = (SAMPLES / "interleukin-34.txt").read_text(encoding="utf-8")
    result = run_cli("check", "-", "--stdin-filename", "pages/il34.txt", "--output-format", "json", stdin=text)
    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert {f["path"] for f in findings} == {"pages/il34.txt"}
    assert [f["line"] for f in findings if f["name"] == "edit-marker"] == [3, 5, 7, 9]


def test_stdin_defaults_to_markdown() -> None:
    result = run_cli("check", "-", stdin=(SAMPLES / "interleukin-6.md").read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout


def test_input_format_override(tmp_path: Path) -> None:
    page = tmp_path / "il34.export"
    shutil.copy(SAMPLES / "interleukin-34.txt", page)
    result = run_cli("check", "--input-format", "plaintext", "--output-format", "json", str(page))
    assert [f["line"] for f in json.loads(result.stdout) if f["name"] == "edit-marker"] == [3, 5, 7, 9]


def test_unknown_extension_named_explicitly_is_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "page.docx"
    page.write_bytes(b"PK\x03\x04")
    result = run_cli("check", str(page))
    assert result.returncode == 2 and "page.docx" in result.stderr and "Traceback" not in result.stderr


def test_bad_files_are_exit_2_and_the_others_are_still_reported(pages: Path) -> None:
    (pages / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (pages / "latin1.md").write_bytes("# Caf\xe9\n\nCaf\xe9 is a word.\n".encode("latin-1"))
    missing = pages / "missing.md"
    result = run_cli(
        "check", str(missing), str(pages / "binary.md"), str(pages / "latin1.md"), str(pages / "il34.md"), str(pages / "il6.md")
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 3, result.stderr
    assert any("missing.md" in line and "no such file" in line.lower() for line in errors)
    assert any("binary.md" in line and "binary" in line for line in errors)
    assert any("latin1.md" in line and "UTF-8" in line and "byte" in line for line in errors)
    assert "Traceback" not in result.stderr
    assert "il34.md:26:108: WL311" in result.stdout  # the readable files are still checked


def test_bad_files_with_json_keep_stdout_a_json_array(pages: Path) -> None:
    (pages / "binary.md").write_bytes(b"\x00\x01\x02")
    result = run_cli("check", "--output-format", "json", str(pages / "binary.md"), str(pages / "il34.md"))
    assert result.returncode == 2
    assert len(json.loads(result.stdout)) == 10
    assert "binary.md" in result.stderr


def test_utf8_bom_and_crlf_are_read(tmp_path: Path) -> None:
    text = (SAMPLES / "interleukin-6.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    page = tmp_path / "bom.md"
    page.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_cli("check", str(page))
    assert result.returncode == 0, result.stdout + result.stderr


def test_output_to_a_closed_pipe_does_not_trace(pages: Path) -> None:
    import subprocess

    from support import wiki_lint_command

    command = " ".join(wiki_lint_command()) + f" check {pages} | head -c 10"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr
