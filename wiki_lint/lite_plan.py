""":class:`~wiki_lint.schema_lite.LiteValidator` compiled once per schema into checks.

The lite validator walks the schema anew for every page with nested generators: a
few microseconds per keyword, tens per page.  :func:`compile_lite` does the walk once:
each keyword becomes a small function, each ``$ref`` is resolved, and each subschema
knows whether its ``pattern`` runs with RE2 or ``re`` (the lite validator decides
that while descending: RE2 until a subschema declares ``$schema``).  The errors are the
lite validator's own (:class:`~wiki_lint.schema_lite.LiteError`, same messages, same
order, same paths); ``tests/test_perf_equivalence.py`` compares the two.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from wiki_lint import safe_regex
from wiki_lint.schema_lite import LiteError, LiteValidator, is_type

# A compiled subschema: appends the errors of ``instance`` (at ``path``) to ``out``.
Check = Callable[[Any, tuple[str, ...], list[LiteError]], None]


class _Cycle(Exception):
    """A ``$ref`` leads back to a schema being compiled: leave it to the lite validator."""


def compile_lite(validator: LiteValidator) -> Callable[[Any], list[LiteError]] | None:
    """A function giving ``list(validator.iter_errors(instance))``, or ``None`` when
    the schema's references form a cycle (the lite validator then validates)."""
    try:
        root = _Compiler(validator.documents).node(validator.document, validator.base, True)
    except (_Cycle, RecursionError):
        return None

    def errors(instance: Any) -> list[LiteError]:
        out: list[LiteError] = []
        root(instance, (), out)
        return out

    return errors


def _error(message: str, keyword: str, value: Any, instance: Any, path: tuple[str, ...]) -> LiteError:
    error = LiteError(message, keyword, value, instance)
    if path:
        error.path = deque(path)
    return error


class _Compiler:
    def __init__(self, documents: Mapping[str, dict[str, Any]]) -> None:
        self.documents = documents
        self.active: set[tuple[int, bool]] = set()

    def node(self, schema: dict[str, Any], base: str, safe: bool) -> Check:
        key = (id(schema), safe)
        if key in self.active:
            raise _Cycle
        self.active.add(key)
        try:
            checks = [check for keyword, value in schema.items() if (check := self.keyword(keyword, value, base, safe)) is not None]
        finally:
            self.active.discard(key)

        def all_checks(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
            for check in checks:
                check(instance, path, out)

        return checks[0] if len(checks) == 1 else all_checks

    def descend(self, schema: dict[str, Any], base: str, safe: bool) -> Check:
        return self.node(schema, base, safe and "$schema" not in schema)

    def keyword(self, keyword: str, value: Any, base: str, safe: bool) -> Check | None:
        if keyword == "type":
            return _type(value)
        if keyword == "minLength":
            return _min_length(value)
        if keyword == "pattern":
            return _pattern(value, safe)
        if keyword == "required":
            return _required(value)
        if keyword == "properties":
            return _properties(tuple((name, self.descend(sub, base, safe)) for name, sub in value.items()))
        if keyword == "allOf":
            return _all_of(tuple(self.descend(sub, base, safe) for sub in value))
        if keyword == "not":
            return _not(value, self.descend(value, base, safe))
        if keyword == "$ref":
            uri = urljoin(base, value)
            return self.descend(self.documents[uri], uri, safe)
        return None  # an annotation: the lite validator ignores every other key


def _type(value: Any) -> Check:
    types = [value] if isinstance(value, str) else value
    message_types = ", ".join(repr(name) for name in types)

    def check(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
        if not any(is_type(instance, name) for name in types):
            out.append(_error(f"{instance!r} is not of type {message_types}", "type", value, instance, path))

    return check


def _min_length(value: Any) -> Check:
    problem = "should be non-empty" if value == 1 else "is too short"

    def check(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
        if isinstance(instance, str) and len(instance) < value:
            out.append(_error(f"{instance!r} {problem}", "minLength", value, instance, path))

    return check


def _pattern(value: str, safe: bool) -> Check:
    matches = _safe_matches if safe else _re_matches

    def check(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
        if isinstance(instance, str) and not matches(value, instance):
            out.append(_error(f"{instance!r} does not match {value!r}", "pattern", value, instance, path))

    return check


# Pages repeat the same license and disclaimer texts: each answer is kept.
@lru_cache(maxsize=1024)
def _safe_matches(pattern: str, text: str) -> bool:
    return safe_regex.search(pattern, text) is not None


@lru_cache(maxsize=1024)
def _re_matches(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def _required(value: list[str]) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
        if isinstance(instance, dict):
            for name in value:
                if name not in instance:
                    out.append(_error(f"{name!r} is a required property", "required", value, instance, path))

    return check


def _properties(members: tuple[tuple[str, Check], ...]) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
        if isinstance(instance, dict):
            for name, child in members:
                if name in instance:
                    child(instance[name], (*path, name), out)

    return check


def _all_of(children: tuple[Check, ...]) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
        for child in children:
            child(instance, path, out)

    return check


def _not(value: Any, child: Check) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[LiteError]) -> None:
        inner: list[LiteError] = []
        child(instance, path, inner)
        if not inner:
            out.append(_error(f"{instance!r} should not be valid under {value!r}", "not", value, instance, path))

    return check
