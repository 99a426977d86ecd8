"""Find the files to check and read them into text, or say precisely why not.

:func:`discover` expands the paths a user gave into files (folders recursively, in a
stable order, without following symlinked folders).  :func:`read_source` decodes one
file: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else raises
:class:`~wiki_lint.errors.InputError` naming the file and the byte offset, unless the
caller asks for ``errors="replace"``: then undecodable bytes become U+FFFD and the
Source carries a :class:`~wiki_lint.document.ReaderProblem` (rule ``invalid-encoding``)
saying how many bytes were replaced and where the first one was.

Walking folders never leaves the tree: symlinked folders are not entered, and
symlinked files are yielded only when their target lies inside the folder walked
(links pointing outside, broken links and link loops are skipped).  A folder that
cannot be listed is yielded as it is, so that reading it reports the problem.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wiki_lint.document import ReaderProblem, Span
from wiki_lint.errors import InputError

STDIN = "-"
_NEWLINE = re.compile(r"\r\n|\r|\n")
_NEWLINE_BYTES = re.compile(rb"\r\n|\r|\n")
_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".wiki-lint-cache", ".venv", ".tox"})
ENCODING_ERRORS = ("strict", "replace")


@dataclass(frozen=True, slots=True)
class Source:
    """One input text and where it came from (``path`` is what reports show)."""

    path: str
    text: str
    newline: str = "\n"
    encoding: str = "utf-8"
    problems: tuple[ReaderProblem, ...] = ()
    # offsets in ``text`` of the U+FFFD that decoding put in place of undecodable bytes
    # (``errors="replace"``); a U+FFFD that the file really holds is not among them
    replaced: tuple[int, ...] = ()


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
    folders are not followed, symlinked files only when they point inside the folder
    walked, and the order is sorted so reports are deterministic.  A folder inside the
    tree that cannot be listed (permission denied) is yielded itself, so reading it
    reports the problem instead of its files silently missing.
    """
    wanted = {ext.lower() for ext in extensions}
    for given in paths:
        if given == STDIN or not os.path.isdir(given):
            yield given
            continue
        yield from _walk(given, wanted)


def _walk(top: str, wanted: set[str]) -> Iterator[str]:
    root_real = os.path.realpath(top)
    unlistable: list[str] = []
    for root, dirs, files in os.walk(top, followlinks=False, onerror=lambda exc: unlistable.append(exc.filename)):
        yield from _drain(unlistable)
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if os.path.splitext(name)[1].lower() in wanted and _inside(path, root_real):
                yield path
    yield from _drain(unlistable)


def _drain(unlistable: list[str]) -> Iterator[str]:
    while unlistable:
        yield unlistable.pop(0)


def _inside(path: str, root_real: str) -> bool:
    """Whether ``path`` is a regular file whose real location lies under ``root_real``
    (false for symlinks pointing outside, broken symlinks and symlink loops)."""
    if not os.path.islink(path):
        return True
    target = os.path.realpath(path)
    if not os.path.isfile(target):
        return False
    return os.path.commonpath([target, root_real]) == root_real


READ_ATTEMPTS = 3


def read_stable(path: str) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and its status from before they were read.

    A file that another program writes while it is being read (its size or
    modification time differ before and after the read, or the read returns fewer
    bytes than the size, or it was replaced by another file) is read again, up to READ_ATTEMPTS times; if it is still
    changing, InputError says so instead of checking a torn mix of old and new bytes.
    OSError (missing, a folder, permission denied) is left to the caller."""
    for _ in range(READ_ATTEMPTS):
        before = _status(path)
        data = Path(path).read_bytes()
        after = _status(path)
        if _stamp(before) == _stamp(after) and len(data) == after.st_size:
            return data, before
    raise InputError(path, "changed while it was being read (is another program writing it?); the file was skipped, run again")


def _status(path: str) -> os.stat_result:
    return os.stat(path)


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ino


def read_source(path: str, errors: str = "strict") -> Source:
    """Read and decode ``path`` (``-`` is standard input); ``errors`` as in :func:`decode`."""
    if path == STDIN:
        return decode(sys.stdin.buffer.read(), "<stdin>", errors)
    try:
        data, _ = read_stable(path)
    except FileNotFoundError:
        raise InputError(path, "no such file or folder (was it deleted or moved during the run?)") from None
    except IsADirectoryError:
        raise InputError(path, _folder_problem(path)) from None
    except PermissionError:
        raise InputError(path, "permission denied; the file was skipped") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc}); the file was skipped") from None
    return decode(data, path, errors)


def _folder_problem(path: str) -> str:
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        return f"is a folder that cannot be read ({reason}); its files were skipped"
    return "is a folder, not a file"


def decode(data: bytes, path: str, errors: str = "strict") -> Source:
    """Decode bytes to a Source, or raise InputError saying what is wrong and where.

    With ``errors="replace"`` bytes that are not valid UTF-8 (or UTF-16) become U+FFFD
    and the Source records an ``invalid-encoding`` problem instead of raising.  A file
    with a NUL byte in its first 8 KiB is binary and refused either way.
    """
    if errors not in ENCODING_ERRORS:
        raise ValueError(f"errors must be one of {ENCODING_ERRORS}, not {errors!r}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, path, errors)
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        raise InputError(path, f"is a binary file (NUL byte at offset {nul}), not a text page")
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        if errors == "replace":
            return _replaced(data, path, encoding, exc.start)
        raise InputError(
            path,
            f"is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line}); "
            "save the file as UTF-8, or pass --encoding-errors replace",
        ) from None
    return Source(path, text, _detect_newline(text), encoding)


def _decode_utf16(data: bytes, path: str, errors: str) -> Source:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        if errors != "replace":
            raise InputError(
                path, f"is not valid UTF-16: bad bytes at offset {exc.start}; save the file as UTF-8, or pass --encoding-errors replace"
            ) from None
        text, replaced = _decode_replacing(data, "utf-16")
        problem = _encoding_problem(text, "UTF-16", exc.start, len(replaced))
        return Source(path, text, _detect_newline(text), "utf-16", (problem,), replaced)
    return Source(path, text, _detect_newline(text), "utf-16")


def _replaced(data: bytes, path: str, encoding: str, first_bad: int) -> Source:
    text, replaced = _decode_replacing(data, encoding)
    problem = _encoding_problem(text, "UTF-8", first_bad, len(replaced), data)
    return Source(path, text, _detect_newline(text), encoding, (problem,), replaced)


_MARKING = "wiki-lint-mark"
_marker = threading.local()


def _mark(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _marker.char, error.end


codecs.register_error(_MARKING, _mark)


def _decode_replacing(data: bytes, encoding: str) -> tuple[str, tuple[int, ...]]:
    """``data.decode(encoding, errors="replace")`` and the offsets of the U+FFFD that
    stand for undecodable bytes.  Each undecodable sequence is first decoded as a
    noncharacter the file does not hold, so it can be told apart from a U+FFFD that the
    file really contains."""
    present = set(data.decode(encoding, errors="ignore"))
    _marker.char = next((chr(code) for code in range(0xFDD0, 0xFDF0) if chr(code) not in present), "\ufffd")
    marked = data.decode(encoding, errors=_MARKING)
    replaced = tuple(match.start() for match in re.finditer(re.escape(_marker.char), marked))
    return marked.replace(_marker.char, "\ufffd"), replaced


def _encoding_problem(text: str, name: str, first_bad: int, count: int, data: bytes | None = None) -> ReaderProblem:
    """The invalid-encoding problem, placed at the first replaced byte (UTF-8) or line 1."""
    if data is not None:
        line = _line_of(data, first_bad)
        line_start = _line_start(data, first_bad)
        column = len(data[line_start:first_bad].decode("utf-8", errors="replace")) + 1
    else:
        line, column = 1, 1
    where = f"first at byte offset {first_bad}"
    many = "1 byte sequence" if count == 1 else f"{count} byte sequences"
    return ReaderProblem(
        "invalid-encoding",
        f"the file is not valid {name}: {many} replaced with U+FFFD, {where} (line {line}, column {column})",
        Span(line, column, line, column + 1),
        "save the file as UTF-8; the replaced characters are lost until then",
    )


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line of byte ``offset`` counting LF, CRLF and lone CR as line ends."""
    return len(_NEWLINE_BYTES.findall(data, 0, offset)) + 1


def _line_start(data: bytes, offset: int) -> int:
    """The byte offset where the line holding ``offset`` starts."""
    start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset))
    return start + 1


def _detect_newline(text: str) -> str:
    """The newline the file uses first (LF when it has none)."""
    match = _NEWLINE.search(text)
    return match.group(0) if match else "\n"
