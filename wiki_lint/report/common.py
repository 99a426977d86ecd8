"""Helpers shared by the CI reporters: report paths, stable fingerprints, safe text.

CI services (GitHub, GitLab, code scanning) resolve the paths in a report against the
repository root, so :func:`report_path` turns what the user typed into a path relative to
the working directory with forward slashes.  :class:`Fingerprints` gives each finding an
identity that survives edits elsewhere in the file, so a finding that merely moved is
not reported as fixed-and-new.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wiki_lint.findings import Finding

_NUMBERS = re.compile(r"\d+")


def report_path(path: str, cwd: str | None = None) -> str:
    """``path`` relative to ``cwd`` (default: the working directory), with ``/`` separators.

    A path outside ``cwd`` stays as the user gave it (absolute, or with ``..``), only
    with forward slashes; ``-`` and other names that are not paths pass through.
    """
    return _report_path(path, cwd or os.getcwd())


@lru_cache(maxsize=4096)  # asked for every finding of a file, and most reports name few folders
def _report_path(path: str, cwd: str) -> str:
    if os.path.isabs(path):
        relative = os.path.relpath(path, cwd)
        if not relative.startswith(os.pardir):
            path = relative
    else:
        path = os.path.normpath(path) if path not in ("-", "") else path
    return path.replace(os.sep, "/").replace("\\", "/")


def is_outside(path: str) -> bool:
    """True for a report path that does not lie under the working directory."""
    return os.path.isabs(path) or path == os.pardir or path.startswith(os.pardir + "/")


class Fingerprints:
    """Stable, report-unique fingerprints for the findings of one file at a time.

    The fingerprint hashes the path, the rule code and the part (or, for findings about
    no part, the message with its numbers blanked out, since messages may quote line
    numbers), never the line itself.  Two findings with the same key in one file (two
    edit markers on identical headings) get an occurrence number, so fingerprints are
    unique within a report (a path checked twice counts its visits).  Call
    :meth:`next_file` before each file's findings.
    """

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()
        self._visits: Counter[str] = Counter()
        self._visit = 0

    def next_file(self, path: str) -> None:
        self._seen.clear()
        self._visit = self._visits[path]
        self._visits[path] += 1

    def of(self, finding: Finding) -> str:
        parts = [
            report_path(finding.path),
            finding.code,
            finding.part or _NUMBERS.sub("#", finding.message),
        ]
        if self._visit:
            parts.append(f"visit {self._visit}")
        key = "\0".join(parts)
        occurrence = self._seen[key]
        self._seen[key] += 1
        return hashlib.sha256(f"{key}\0{occurrence}".encode("utf-8", "surrogateescape")).hexdigest()  # names that are not UTF-8 too


# Characters XML 1.0 cannot hold at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with characters that XML 1.0 forbids shown as ``\\xNN`` (or ``\\uNNNN``)."""
    return _NOT_XML.sub(lambda m: _escaped(m.group(0)), text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
