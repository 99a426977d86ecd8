"""Typed errors the library raises; only the CLI turns them into messages and exit 2."""

from __future__ import annotations


class WikiLintError(Exception):
    """Base of every error wiki-lint raises on purpose."""


class InputError(WikiLintError):
    """A file that cannot be read or decoded; the run goes on with the other files."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class SchemaError(WikiLintError):
    """A schema file that is missing, not JSON, or breaks the meta-schema."""

    def __init__(self, path: str, problem: str, key: str | None = None) -> None:
        where = f" at {key}" if key else ""
        super().__init__(f"{path}{where}: {problem}")
        self.path = path
        self.problem = problem
        self.key = key


class UsageError(WikiLintError):
    """A command line that cannot be carried out (unknown format, bad option value)."""
