"""wiki-lint: check medical wiki pages against a schema of their required parts."""

from __future__ import annotations

__version__ = "0.1.0"
