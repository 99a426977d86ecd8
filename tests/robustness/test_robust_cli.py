"""The command line on a folder of hostile files: every file reported, no traceback,
every output format still well-formed, exit code 2 because some files are unreadable."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from wiki_lint.report import FORMATS as OUTPUT_FORMATS

from support import COMPLETE_MD, run_cli

HOSTILE: dict[str, bytes] = {
    "empty.md": b"",
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.md": "# Título\n\nDosis: 5 µg.\n".encode("latin-1"),
    "utf16.md": codecs.BOM_UTF16_LE + COMPLETE_MD.encode("utf-16-le"),
    "crlf.txt": COMPLETE_MD.replace("\n", "\r\n").encode(),
    "cr.md": COMPLETE_MD.replace("\n", "\r").encode(),
    "yaml-bomb.md": b"---\na: &a [x,x,x,x,x,x,x,x,x]\n"
    + b"".join(b"b%d: &b%d [" % (i, i) + b",".join([b"*" + (b"a" if i == 0 else b"b%d" % (i - 1))] * 9) + b"]\n" for i in range(8))
    + b"---\n\nText.\n",
    "python-tag.md": b"---\nx: !!python/object/apply:os.system ['false']\n---\n\nText.\n",
    "brackets.md": b"[" * 100_000 + b"]" * 100_000,
    "deep-quote.md": b">" * 100_000 + b" x\n",
    "controls.txt": bytes(range(1, 32)) * 100,
}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in HOSTILE.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("output_format", list(OUTPUT_FORMATS))
def test_every_hostile_file_is_reported_without_a_traceback(output_format: str, hostile_folder: Path) -> None:
    done = run_cli("check", "--output-format", output_format, str(hostile_folder))
    assert done.returncode == 2, done.stderr  # binary.md and latin1.md cannot be read
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr + done.stdout
    reported = done.stderr + done.stdout  # some formats (SARIF) carry unreadable files in their output
    assert "binary.md: is a binary file" in reported or "binary.md" in reported and "is a binary file" in reported
    assert "is not valid UTF-8: byte 0xed at offset 3 (line 1)" in reported
    if output_format == "json":
        findings = json.loads(done.stdout)
        paths = {Path(f["path"]).name for f in findings}
        assert paths >= {"empty.md", "crlf.txt", "yaml-bomb.md", "python-tag.md", "brackets.md"}  # complete pages have none
        messages = " ".join(f["message"] for f in findings)
        assert "alias bomb" in messages and "!!python/object/apply:os.system" in messages


def test_with_replace_only_the_binary_file_is_unreadable(hostile_folder: Path) -> None:
    done = run_cli("check", "--encoding-errors", "replace", "--output-format", "json", str(hostile_folder))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "binary.md" in done.stderr and "latin1.md" not in done.stderr
    assert any(f["code"] == "WL010" and f["path"].endswith("latin1.md") for f in json.loads(done.stdout))


def test_an_unknown_encoding_errors_value_is_a_usage_error() -> None:
    done = run_cli("check", "--encoding-errors", "ignore", "x.md")
    assert done.returncode == 2 and "invalid choice" in done.stderr
