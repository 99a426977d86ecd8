"""Write pages so a file is always either its old or its new version, never half.

:func:`replace_file` writes the new bytes to a temporary file in the same folder
(``.NAME.XXXX.wiki-lint-tmp``, an extension no reader picks up), flushes and fsyncs it,
gives it the original's permission bits, checks that the original still holds exactly
the bytes that were read, and then renames it over the original with ``os.replace``
(atomic on POSIX and Windows), and fsyncs the folder.  It refuses to write:

* through a symbolic link (the link is never followed for writing);
* a file that changed on disk since it was read (compared by content hash, size and
  modification time just before the rename), unless it now holds exactly the new
  bytes (a second ``--fix`` run on the same tree got there first): then there is
  nothing left to write;
* anything that is not a regular file, or a file without write permission (the rename
  would replace it anyway; its permission bits say it must not change).

A run killed before the rename leaves the original untouched (and possibly a stale
temporary file, which the next run ignores); killed after it, the new version.
Hard links to the original keep the old content (the rename gives a new inode).

:func:`create_file` writes a new file the same way but never replaces an existing one
(the temporary file is hard-linked to the target name, which fails if it exists).

:func:`encode` turns text back into bytes in the encoding it was read in, keeping a
UTF-8 BOM and the byte order of UTF-16.

For tests only: when the environment variable ``WIKI_LINT_TEST_PAUSE_BEFORE_REPLACE``
names a file, the writer creates that file (holding the temporary file's path) once the
temporary file is complete, and waits until the file is deleted before it goes on, so
a test can kill the process between the write and the rename, or change the page.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from wiki_lint.errors import InputError

PAUSE_ENV = "WIKI_LINT_TEST_PAUSE_BEFORE_REPLACE"
TEMP_SUFFIX = ".wiki-lint-tmp"


class WriteError(Exception):
    """A file could not (or must not) be written; the message names the file."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file's bytes and identity as read, to detect a change before writing."""

    path: str
    data: bytes
    digest: str
    size: int
    mtime_ns: int


def read_snapshot(path: str) -> Snapshot:
    """Read ``path``'s bytes and remember what they were."""
    try:
        data = Path(path).read_bytes()
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return Snapshot(path, data, hashlib.sha256(data).hexdigest(), info.st_size, info.st_mtime_ns)


def encode(text: str, original: bytes, encoding: str) -> bytes:
    """``text`` in the encoding ``original`` was read in (its BOM and byte order kept)."""
    if encoding == "utf-16":
        if original.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode("utf-8")


def replace_file(path: str, data: bytes, expected: Snapshot) -> None:
    """Atomically replace ``path`` with ``data`` if it still is what ``expected`` read."""
    info = _regular_file(path)
    folder = os.path.dirname(os.path.abspath(path))
    temp = _write_temp(folder, os.path.basename(path), data)
    try:
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        _pause_for_tests(temp)
        try:
            _check_unchanged(path, expected)
        except WriteError:
            if not _holds(path, data):
                raise
            _remove(temp)  # another run (a second --fix) already wrote exactly these bytes
            return
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise
    _fsync_folder(folder)


def create_file(path: str, data: bytes) -> None:
    """Write a new file ``path``; raise WriteError if it exists (never overwrite)."""
    if os.path.lexists(path):
        raise WriteError(path, "already exists; not overwritten")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise WriteError(path, "its folder does not exist")
    temp = _write_temp(folder, os.path.basename(path), data)
    try:
        _pause_for_tests(temp)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise WriteError(path, "already exists; not overwritten") from None
        except OSError:  # a file system without hard links: exclusive create instead
            _create_exclusive(path, data)
    finally:
        _remove(temp)
    _fsync_folder(folder)


def _regular_file(path: str) -> os.stat_result:
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise WriteError(path, f"cannot be written ({exc.strerror or exc})") from None
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(
            path, "is a symbolic link; not written (fix the file it points to instead)"
        )
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(path, "is not a regular file; not written")
    if not os.access(path, os.W_OK):  # the rename would succeed; the file says no
        raise WriteError(path, "is read-only; not written")
    return info


def _write_temp(folder: str, name: str, data: bytes) -> str:
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise WriteError(
            os.path.join(folder, name),
            f"cannot create a temporary file beside it ({exc.strerror or exc})",
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _remove(temp)
        raise
    return temp


def _create_exclusive(path: str, data: bytes) -> None:
    try:
        with open(path, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except FileExistsError:
        raise WriteError(path, "already exists; not overwritten") from None


def _check_unchanged(path: str, expected: Snapshot) -> None:
    """Raise WriteError if ``path`` no longer holds the bytes that were read."""
    _regular_file(path)
    try:
        data = Path(path).read_bytes()
        info = os.stat(path)
    except OSError as exc:
        raise WriteError(
            path, f"cannot be re-read before writing ({exc.strerror or exc})"
        ) from None
    if (
        hashlib.sha256(data).hexdigest() != expected.digest
        or info.st_size != expected.size
        or info.st_mtime_ns != expected.mtime_ns
    ):
        raise WriteError(path, "changed on disk while it was being fixed; not written (run again)")


def _holds(path: str, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data``."""
    try:
        return os.path.isfile(path) and not os.path.islink(path) and Path(path).read_bytes() == data
    except OSError:
        return False


def _pause_for_tests(temp: str) -> None:
    signal_file = os.environ.get(PAUSE_ENV)
    if not signal_file:
        return
    Path(signal_file).write_text(temp, encoding="utf-8")
    while os.path.exists(signal_file):  # the test deletes it to let the writer go on
        time.sleep(0.02)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: str) -> None:
    """Make the rename durable; not every platform can open a folder."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
