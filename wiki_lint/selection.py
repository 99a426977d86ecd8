"""Which rules report, and how loudly: ``select``/``ignore``, per-file ignores, severities.

A :class:`Selection` is plain data (it is part of :class:`~wiki_lint.check.Settings`,
so a cache can key on it).  Selectors are rule codes (``WL601``), rule names
(``edit-marker``), code prefixes (``WL6``, ``WL60``) or ``ALL``; names are turned into
codes when the selection is built, so matching is by code prefix only.

Rules with ``default_enabled = False`` (opt-in rules) report only when selected by their
exact code or name.  As in ruff, the most specific selector decides: with ``select = ["WL6"]`` and
``ignore = ["WL601"]`` only WL602 of that family reports, and with
``select = ["WL601"]`` and ``ignore = ["WL6"]`` WL601 still does; on a tie ``ignore``
wins.  ``extend-select`` adds to ``select``.  Per-file ignores are gitignore-style
patterns relative to the folder of the configuration that declared them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from wiki_lint.errors import UsageError
from wiki_lint.findings import Finding, Severity

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

ALL = "ALL"
_PREFIX = re.compile(r"^WL\d{0,3}$")
_FAMILY = re.compile(r"^WL\d?$")


def _catalogue() -> tuple[dict[str, str], set[str]]:
    """Rule name -> code, and every known code (imported late: rules import a lot)."""
    from wiki_lint.rules import REGISTRY

    return {rule.name: rule.code for rule in REGISTRY}, {rule.code for rule in REGISTRY}


@lru_cache(maxsize=1)
def _opt_in_codes() -> frozenset[str]:
    """Codes of rules that report only when selected by their exact code or name."""
    from wiki_lint.rules import REGISTRY

    return frozenset(rule.code for rule in REGISTRY if not rule.default_enabled)


def resolve_selector(text: str, *, allow_prefix: bool = True) -> str:
    """The code prefix a selector stands for (``""`` for ``ALL``).

    Raises :class:`ValueError` with what is allowed (and a near miss) for an unknown one.
    """
    names, codes = _catalogue()
    value = text.strip()
    if value.upper() == ALL and allow_prefix:
        return ""
    if value in names:
        return names[value]
    upper = value.upper()
    if upper in codes:
        return upper
    if allow_prefix and _PREFIX.match(upper) and (_FAMILY.match(upper) or any(code.startswith(upper) for code in codes)):
        return upper
    import difflib

    allowed = "a rule code (e.g. WL601), a rule name (e.g. edit-marker)"
    allowed += ", a code prefix (e.g. WL6) or ALL" if allow_prefix else ""
    near = difflib.get_close_matches(value, [*names, *codes], n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    raise ValueError(f"unknown rule {text!r}: expected {allowed}{hint}")


def resolve_selectors(values: Iterable[str], *, allow_prefix: bool = True) -> tuple[str, ...]:
    """:func:`resolve_selector` for each value, in order, without duplicates."""
    out: list[str] = []
    for value in values:
        code = resolve_selector(value, allow_prefix=allow_prefix)
        if code not in out:
            out.append(code)
    return tuple(out)


def split_cli_list(value: str, flag: str) -> tuple[str, ...]:
    """A ``--select WL1,edit-marker`` value as resolved selectors, or a UsageError."""
    items = [item for item in re.split(r"[,\s]+", value) if item]
    try:
        return resolve_selectors(items)
    except ValueError as exc:
        raise UsageError(f"{flag}: {exc}") from None


def _best(code: str, selectors: Iterable[str]) -> int:
    """The length of the longest selector that matches ``code`` (-1: none)."""
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


@dataclass(frozen=True, slots=True)
class Selection:
    """The rules that report and their severities, for the files of one configuration."""

    select: tuple[str, ...] = ("",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    root: str = "."

    def enabled(self, code: str, extra_ignores: Sequence[str] = ()) -> bool:
        """Whether rule ``code`` reports (``extra_ignores``: a file's own ignores)."""
        chosen = _best(code, (*self.select, *self.extend_select))
        dropped = _best(code, (*self.ignore, *extra_ignores))
        if code in _opt_in_codes() and chosen < len(code):
            return False  # an opt-in rule needs its own code or name, not a prefix or ALL
        return chosen >= 0 and chosen > dropped

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """The codes ``per-file-ignores`` drops for ``path``."""
        if not self.per_file_ignores:
            return ()
        relative = _relative(path, self.root)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if _spec((pattern,)).match_file(relative):
                out.extend(codes)
        return tuple(out)

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The configured severity of ``code`` (the most specific entry), else ``default``."""
        best, level = -1, default
        for selector, severity in self.severity:
            if code.startswith(selector) and len(selector) > best:
                best, level = len(selector), severity
        return level

    def apply(self, findings: Iterable[Finding], path: str) -> list[Finding]:
        """Drop findings of rules not enabled for ``path`` and apply severity overrides."""
        extra = self.ignores_for(path)
        out = []
        for finding in findings:
            if not self.enabled(finding.code, extra):
                continue
            severity = self.severity_of(finding.code, finding.severity)
            out.append(finding if severity == finding.severity else replace(finding, severity=severity))
        return out

    def to_data(self) -> dict[str, object]:
        """A JSON-able form (for fingerprints and ``--show-settings``-style output)."""
        return {
            "select": list(self.select),
            "extend_select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per_file_ignores": [[pattern, list(codes)] for pattern, codes in self.per_file_ignores],
            "severity": [[code, level.value] for code, level in self.severity],
            "root": self.root,
        }


def _relative(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes (as gitignore patterns expect)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.path.abspath(root)) if not path.startswith("<") else path
    return relative.replace(os.sep, "/")


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    """A compiled gitignore-style pattern list."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def matches(patterns: Sequence[str], path: str, root: str) -> bool:
    """Whether gitignore-style ``patterns`` (relative to ``root``) match ``path``."""
    return bool(patterns) and _spec(tuple(patterns)).match_file(_relative(path, root))
