"""The Finding: what wiki-lint reports, in every output format.

Fields (a public contract; extend, never rename): ``code`` (``WL`` + 3 digits), ``name``
(kebab-case), ``severity`` (``error``, ``warning``, ``info``), ``message`` (what is
expected), ``path``, ``line``, ``column``, ``end_line``, ``end_column`` (1-based, end
column exclusive), ``part`` (the schema part concerned, or ``None``), ``hint`` (how to fix it) and ``fix``
(the edits that fix it, with their applicability, or ``None``; see :class:`Fix`).
Findings sort by path, then position, then code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How bad a finding is; only ``error`` fails a run (exit code 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class Applicability(str, Enum):
    """Whether a fix may be applied without review.

    ``safe`` fixes only remove artifacts or normalise form and never drop a word of
    content (``--fix``); ``unsafe`` fixes add or replace content the editor must review
    (``--unsafe-fixes``).
    """

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace the text from (``line``, ``column``) to (``end_line``, ``end_column``)
    with ``content``: 1-based, end column exclusive, like a finding's span.  An empty
    range inserts; empty ``content`` deletes.  ``end_line`` may be one past the last
    line (column 1) to reach the end of the file.  Newlines in ``content`` are ``\n``
    and are written in the file's own line ending."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column, "content": self.content}


@dataclass(frozen=True, slots=True)
class Fix:
    """How to fix one finding: a message, its applicability and the edits, applied
    all together or not at all."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    def to_dict(self) -> dict[str, Any]:
        return {"applicability": self.applicability.value, "message": self.message, "edits": [edit.to_dict() for edit in self.edits]}


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place in one file."""

    path: str
    line: int
    column: int
    code: str
    end_line: int
    end_column: int
    name: str
    severity: Severity
    message: str
    part: str | None = None
    hint: str | None = None
    fix: Fix | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this finding (field order as documented)."""
        data = asdict(self)
        data["severity"] = self.severity.value
        data["fix"] = self.fix.to_dict() if self.fix is not None else None
        keys = ("code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "part", "hint", "fix")
        return {key: data[key] for key in keys}
