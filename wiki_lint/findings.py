"""The Finding: what wiki-lint reports, in every output format.

Fields (a public contract; extend, never rename): ``code`` (``WL`` + 3 digits), ``name``
(kebab-case), ``severity`` (``error``, ``warning``, ``info``), ``message`` (what is
expected), ``path``, ``line``, ``column``, ``end_line``, ``end_column`` (1-based, end
column exclusive), ``part`` (the schema part concerned, or ``None``) and ``hint`` (how to
fix it).  Findings sort by path, then position, then code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How bad a finding is; only ``error`` fails a run (exit code 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


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

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this finding (field order as documented)."""
        data = asdict(self)
        data["severity"] = self.severity.value
        keys = ("code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "part", "hint")
        return {key: data[key] for key in keys}
