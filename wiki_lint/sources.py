"""Find the files to check and read them into text, or say precisely why not.

:func:`discover` expands the paths a user gave into files (folders recursively, in a
stable order, without following symlinked folders).  :func:`read_source` decodes one
file: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else raises
:class:`~wiki_lint.errors.InputError` naming the file and the byte offset.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wiki_lint.errors import InputError

STDIN = "-"
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".wiki-lint-cache", ".venv", ".tox"})


@dataclass(frozen=True, slots=True)
class Source:
    """One input text and where it came from (``path`` is what reports show)."""

    path: str
    text: str
    newline: str = "\n"
    encoding: str = "utf-8"


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and lone CR only (not on the other Unicode separators).

    A final newline does not start another line, matching how editors number lines.
    """
    lines = _NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def discover(paths: Iterable[str], extensions: Iterable[str]) -> Iterator[str]:
    """Yield the files to check: files as given, folders walked for known extensions.

    Files named explicitly are yielded whatever their extension (the caller decides if
    it can read them); folders yield only files whose extension is in ``extensions``.
    Hidden and tool folders (``.git``, ``node_modules``, ...) are skipped, symlinked
    folders are not followed, and the order is sorted so reports are deterministic.
    """
    wanted = {ext.lower() for ext in extensions}
    for given in paths:
        if given == STDIN or not os.path.isdir(given):
            yield given
            continue
        for root, dirs, files in os.walk(given, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
            for name in sorted(files):
                if os.path.splitext(name)[1].lower() in wanted:
                    yield os.path.join(root, name)


def read_source(path: str) -> Source:
    """Read and decode ``path`` (``-`` is standard input)."""
    if path == STDIN:
        return decode(sys.stdin.buffer.read(), "<stdin>")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return decode(data, path)


def decode(data: bytes, path: str) -> Source:
    """Decode bytes to a Source, or raise InputError saying what is wrong and where."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"is not valid UTF-16 (byte {exc.start})") from None
        return Source(path, text, _detect_newline(text), "utf-16")
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        raise InputError(path, f"is a binary file (NUL byte at offset {nul}), not a text page")
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            f"is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line}); save the file as UTF-8",
        ) from None
    return Source(path, text, _detect_newline(text), encoding)


def _detect_newline(text: str) -> str:
    """The newline the file uses first (LF when it has none)."""
    match = _NEWLINE.search(text)
    return match.group(0) if match else "\n"
