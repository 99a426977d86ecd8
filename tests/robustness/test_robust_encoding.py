"""Decoding: what bytes become text, what is refused, and where problems are reported."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from robust_helpers import FORMATS, extension

from wiki_lint.check import Settings, check_file
from wiki_lint.errors import InputError
from wiki_lint.findings import Finding
from wiki_lint.sources import decode, read_source

from support import COMPLETE_MD, run_cli

PAGE = COMPLETE_MD


def write(tmp_path: Path, data: bytes, name: str = "page.md") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_empty_file_decodes_to_an_empty_page() -> None:
    assert decode(b"", "empty.md").text == ""


def test_binary_file_is_refused_with_the_offset_of_its_first_nul() -> None:
    with pytest.raises(InputError, match=r"binary file \(NUL byte at offset 4\)"):
        decode(b"\x89PNG\x00\x00\x00\rIHDR", "image.md")


def test_nul_bytes_after_the_first_8_kib_are_read_as_text(tmp_path: Path) -> None:
    data = PAGE.encode() + b" " * 9000 + b"\x00tail\n"
    result = check_file(write(tmp_path, data), Settings())
    assert result.error is None


def test_invalid_utf8_is_an_error_naming_byte_offset_and_line() -> None:
    data = b"# Title\n\nA line\nwith \xb5g here\n"
    with pytest.raises(InputError) as caught:
        decode(data, "latin1.md")
    message = str(caught.value)
    assert "byte 0xb5 at offset 21 (line 4)" in message
    assert "--encoding-errors replace" in message


def test_invalid_utf8_offset_counts_lone_cr_line_endings() -> None:
    with pytest.raises(InputError, match=r"offset 6 \(line 3\)"):
        decode(b"a\rb\r\nc\xff", "cr.md")


def test_replace_decodes_and_reports_count_offset_line_and_column() -> None:
    source = decode(b"# Title\n\nDose: 5 " + b"\xb5g or 10 \xb5g\xff\n", "page.md", errors="replace")
    assert source.text.count("\ufffd") == 3
    [problem] = source.problems
    assert problem.rule == "invalid-encoding"
    assert "3 byte sequences replaced" in problem.message
    assert "byte offset 17 (line 3, column 9)" in problem.message
    assert (problem.span.line, problem.span.column) == (3, 9)


def test_replace_does_not_count_genuine_replacement_characters() -> None:
    source = decode("already \ufffd here ".encode() + b"\xff", "page.md", errors="replace")
    assert "1 byte sequence replaced" in source.problems[0].message


def test_replace_column_counts_characters_not_bytes() -> None:
    source = decode("é€😀".encode() + b"\xff", "page.md", errors="replace")
    assert source.problems[0].span.column == 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_replace_gives_an_invalid_encoding_finding_and_checks_the_rest(fmt: str, tmp_path: Path) -> None:
    path = write(tmp_path, PAGE.encode() + b"\n\nBroken \xc3\x28 byte.\n", "page" + extension(fmt))
    strict = check_file(path, Settings(input_format=fmt))
    assert strict.error is not None and "not valid UTF-8" in strict.error
    replaced = check_file(path, Settings(input_format=fmt, encoding_errors="replace"))
    assert replaced.error is None
    [finding] = [f for f in replaced.findings if f.name == "invalid-encoding"]
    assert finding.code == "WL010" and finding.severity == "error"
    assert finding.line == len(PAGE.splitlines()) + 3


def test_replace_records_where_the_decoder_put_each_replacement_character() -> None:
    source = decode(codecs.BOM_UTF8 + "a \ufffd b ".encode() + b"\xff\xfe c \xc3\x28", "page.md", errors="replace")
    assert source.text == "a \ufffd b \ufffd\ufffd c \ufffd("
    assert source.replaced == (6, 7, 11)  # not 2: that U+FFFD is in the file
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le")
    u16 = decode(data, "u16.md", errors="replace")
    assert u16.text == "ok\ufffdx" and u16.replaced == (2,)


def test_replace_keeps_a_noncharacter_the_file_holds() -> None:
    """The decoder's replacements are told apart with a noncharacter the file lacks."""
    source = decode("\ufdd0 \ufdd1 ".encode() + b"\xff", "page.md", errors="replace")
    assert source.text == "\ufdd0 \ufdd1 \ufffd" and source.replaced == (4,)


MOJIBAKE_PAGES = {
    "markdown": "# Caf{bad}\n\nThe caf{bad} serves food{bad}{bad} to patients.\n\n{genuine} A real one{genuine}{genuine} here.\n",
    "plaintext": "Caf{bad}\n\nThe caf{bad} serves food{bad}{bad} to patients.\n\n{genuine} A real one{genuine}{genuine} here.\n",
    "wikitext": "'''Caf{bad}''' is a page.\n\nThe caf{bad} serves food{bad}{bad} to patients.\n\n"
    "{genuine} A real one{genuine}{genuine} here.\n",
    "html": "<html><body><h1>Caf{bad}</h1><p>The caf{bad} serves food{bad}{bad} to patients.</p>\n"
    "<p>{genuine} A real one{genuine}{genuine} here.</p></body></html>\n",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_decoder_replacement_is_reported_once_but_a_genuine_one_is_mojibake(fmt: str, tmp_path: Path) -> None:
    """With --encoding-errors replace, invalid-encoding (WL010) reports the bytes the
    decoder replaced; mojibake (WL621) must not report the same characters again.  A
    U+FFFD that the valid UTF-8 file holds is still mojibake."""
    template = MOJIBAKE_PAGES.get(fmt, MOJIBAKE_PAGES["plaintext"])
    bad = template.replace("{genuine}", "").encode().replace(b"{bad}", b"\xe9")
    result = check_file(write(tmp_path, bad, "bad" + extension(fmt)), Settings(input_format=fmt, encoding_errors="replace"))
    assert result.error is None
    assert [f.name for f in result.findings].count("invalid-encoding") == 1
    assert not [f for f in result.findings if f.name == "mojibake"], [f.message for f in result.findings]

    genuine = template.replace("{bad}", "é").replace("{genuine}", "\ufffd").encode()
    path = write(tmp_path, genuine, "genuine" + extension(fmt))
    for errors in ("strict", "replace"):
        result = check_file(path, Settings(input_format=fmt, encoding_errors=errors))
        mojibake = [f for f in result.findings if f.name == "mojibake"]
        assert "invalid-encoding" not in {f.name for f in result.findings}
        assert len(mojibake) == 2 and all("\ufffd" in f.message for f in mojibake), [f.message for f in mojibake]

    both = template.encode().replace(b"{bad}", b"\xe9").replace(b"{genuine}", "\ufffd".encode())
    result = check_file(write(tmp_path, both, "both" + extension(fmt)), Settings(input_format=fmt, encoding_errors="replace"))
    mojibake = [f for f in result.findings if f.name == "mojibake"]
    assert [f.name for f in result.findings].count("invalid-encoding") == 1
    assert len(mojibake) == 2 and len({f.line for f in mojibake}) == 1, [f.message for f in mojibake]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_with_bom_is_read_like_utf8(bom: bytes, tmp_path: Path) -> None:
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    utf16 = check_file(write(tmp_path, bom + PAGE.encode(codec), "u16.md"), Settings())
    utf8 = check_file(write(tmp_path, PAGE.encode(), "u8.md"), Settings())
    assert utf16.error is None
    assert [(f.code, f.line, f.column) for f in utf16.findings] == [(f.code, f.line, f.column) for f in utf8.findings]


def test_utf16_with_a_broken_surrogate_is_an_error_or_a_finding() -> None:
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le")
    with pytest.raises(InputError, match="not valid UTF-16"):
        decode(data, "u16.md")
    source = decode(data, "u16.md", errors="replace")
    assert source.problems and source.problems[0].rule == "invalid-encoding"


def test_utf8_bom_is_dropped() -> None:
    source = decode(codecs.BOM_UTF8 + b"# Title\n", "bom.md")
    assert source.text == "# Title\n" and source.encoding == "utf-8-sig"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_crlf_and_lone_cr_give_the_same_findings_as_lf(newline: str, fmt: str, tmp_path: Path) -> None:
    name = "page" + extension(fmt)
    lf = check_file(write(tmp_path, PAGE.encode(), "lf-" + name), Settings(input_format=fmt))
    other = check_file(write(tmp_path, PAGE.replace("\n", newline).encode(), "other-" + name), Settings(input_format=fmt))

    def key(f: Finding) -> tuple[str, int, int, int, int]:
        return (f.code, f.line, f.column, f.end_line, f.end_column)

    assert [key(f) for f in other.findings] == [key(f) for f in lf.findings]
    assert read_source(str(tmp_path / ("other-" + name))).newline == newline


def test_cli_encoding_errors_flag(tmp_path: Path) -> None:
    path = write(tmp_path, PAGE.encode() + b"\n\xff\n")
    strict = run_cli("check", path)
    assert strict.returncode == 2 and "offset" in strict.stderr and "Traceback" not in strict.stderr
    replaced = run_cli("check", "--encoding-errors", "replace", "--output-format", "json", path)
    assert replaced.returncode == 1 and "Traceback" not in replaced.stderr
    assert "WL010" in replaced.stdout


def test_cli_reads_invalid_bytes_on_stdin_with_replace() -> None:
    import subprocess

    from support import wiki_lint_command

    done = subprocess.run(
        [*wiki_lint_command(), "check", "--encoding-errors", "replace", "-"],
        input=PAGE.encode() + b"\n\xfe\n",
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and b"WL010" in done.stdout and b"Traceback" not in done.stderr
