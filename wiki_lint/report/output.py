"""``--output-file``: write the report to a file, all or nothing.

The report is written to a temporary file beside the target and moved into place when
the run completes, so a CI job never uploads half a report, and an earlier report is
kept if the run stops with an error.  Missing parent folders are created.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import TextIO


class OutputFile:
    """A context manager giving a text stream that becomes ``path`` on success."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self._stream: TextIO | None = None
        self._temp = ""

    def __enter__(self) -> TextIO:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.is_dir():
            raise IsADirectoryError(21, "is a folder", str(self.path))
        import tempfile  # only when writing a report file: it costs a few ms to import

        fd, self._temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._stream = open(fd, "w", encoding="utf-8", newline="")
        return self._stream

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self._stream is not None
        self._stream.close()
        if kind is None:
            os.replace(self._temp, self.path)
        else:
            os.unlink(self._temp)
