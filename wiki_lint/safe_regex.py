"""Regular expressions written by users, run without catastrophic backtracking.

Schemas are untrusted input: their ``pattern`` keywords and ``x-wiki-lint`` ``within``
patterns run against every page.  Python's ``re`` backtracks, so a pattern such as
``(a+)+$`` takes exponential time on a line of ``a``s; RE2 (``google-re2``) matches in
time linear in the text, whatever the pattern.  Every schema pattern, built-in or
user-written, is therefore compiled once with RE2 when the schema is loaded:

* a pattern that is not a valid regular expression, or uses a feature RE2 lacks
  (look-around ``(?=``/``(?<=``, backreferences ``\\1``, possessive quantifiers, ``\\Z``),
  raises :class:`~wiki_lint.errors.SchemaError` naming the file and the key, with a
  hint on how to rewrite it;
* a pattern too large for RE2's memory budget (huge counted repetitions) is refused
  the same way.

RE2 differs from ``re`` in one way schema authors may notice: ``\\s``, ``\\w``, ``\\d``
and ``\\b`` are ASCII-only (use ``\\pZ``, ``\\pL``, ``\\pN`` for other scripts).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import re2  # type: ignore[import-untyped]

from wiki_lint.errors import SchemaError

MAX_PATTERN_MEMORY = 8 << 20  # RE2's own default: 8 MiB of compiled program per pattern

# What RE2 refuses that `re` accepts, and how to say it to a schema author.
_UNSUPPORTED_HINTS = (
    ("invalid perl operator: (?=", "look-ahead (?=...) is not supported: match the text instead, e.g. (?:\\s|$)"),
    ("invalid perl operator: (?!", "negative look-ahead (?!...) is not supported: use a JSON Schema 'not' with a pattern instead"),
    ("invalid perl operator: (?<", "look-behind is not supported: match the preceding text instead"),
    ("invalid escape sequence: \\Z", "\\Z is written \\z in RE2"),
    ("invalid escape sequence: \\", "backreferences (\\1) and some escapes are not supported by RE2"),
    ("bad repetition operator", "possessive quantifiers (a++) are not supported; a plain quantifier is already safe in RE2"),
    ("invalid repetition size", "counted repetitions are limited to {1000}"),
    ("pattern too large", "the pattern is too large; simplify nested counted repetitions"),
)


class SafeMatch:
    """A match whose groups are addressed by number or name, like ``re.Match``."""

    __slots__ = ("_match", "_names")

    def __init__(self, match: Any, names: dict[str, int]) -> None:
        self._match, self._names = match, names

    def _index(self, group: int | str) -> int:
        return self._names[group] if isinstance(group, str) else group

    def group(self, group: int | str = 0) -> str | None:
        result: str | None = self._match.group(self._index(group))
        return result

    def span(self, group: int | str = 0) -> tuple[int, int]:
        start, end = self._match.span(self._index(group))
        return start, end

    def start(self, group: int | str = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self.span(group)[1]


class SafePattern:
    """A compiled RE2 pattern with the part of ``re.Pattern``'s interface wiki-lint uses."""

    __slots__ = ("_regexp", "groupindex", "pattern")

    def __init__(self, pattern: str, regexp: Any) -> None:
        self.pattern = pattern
        self._regexp = regexp
        self.groupindex: dict[str, int] = dict(regexp.groupindex)

    def search(self, text: str) -> SafeMatch | None:
        match = self._regexp.search(text)
        return SafeMatch(match, self.groupindex) if match is not None else None

    def finditer(self, text: str) -> Iterator[SafeMatch]:
        for match in self._regexp.finditer(text):
            yield SafeMatch(match, self.groupindex)

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r})"


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False  # RE2 would print parse errors to stderr itself
    options.max_mem = MAX_PATTERN_MEMORY
    return options


@lru_cache(maxsize=512)
def _compile(pattern: str) -> SafePattern | str:
    """The compiled pattern, or RE2's reason for refusing it (cached both ways)."""
    try:
        return SafePattern(pattern, re2.compile(pattern, _options()))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "invalid pattern"
        return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
    except (TypeError, ValueError) as exc:
        return str(exc)


def compile_pattern(pattern: str, path: str, key: str) -> SafePattern:
    """Compile a schema pattern with RE2, or raise SchemaError naming ``path`` and ``key``."""
    compiled = _compile(pattern)
    if isinstance(compiled, SafePattern):
        return compiled
    raise SchemaError(path, f"pattern {pattern!r} cannot be used: {compiled}{_hint(compiled)}", key=key)


def user_pattern(pattern: str) -> SafePattern | str:
    """A user's pattern (from a configuration) compiled with RE2, or why RE2 refuses it
    (with a hint on how to rewrite it)."""
    compiled = _compile(pattern)
    return compiled if isinstance(compiled, SafePattern) else compiled + _hint(compiled).replace("schema patterns", "user patterns")


def search(pattern: str, text: str) -> SafeMatch | None:
    """Search with an already-checked pattern (see :func:`compile_pattern`)."""
    compiled = _compile(pattern)
    if not isinstance(compiled, SafePattern):
        raise LookupError(f"pattern {pattern!r} was not checked when its schema was loaded: {compiled}")
    return compiled.search(text)


def _hint(reason: str) -> str:
    for needle, hint in _UNSUPPORTED_HINTS:
        if needle in reason:
            return f" ({hint}; wiki-lint runs schema patterns with RE2 so no pattern can hang a run)"
    return ""


# Keywords whose value is a subschema, a list of subschemas, or a map of subschemas.
_SUBSCHEMA = (
    "not",
    "items",
    "contains",
    "additionalProperties",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
    "additionalItems",
)
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def schema_patterns(node: Any, where: str = "$") -> Iterator[tuple[str, str]]:
    """Every (pattern, JSON path) a schema document holds: ``pattern`` keywords and
    ``x-wiki-lint`` ``within`` patterns.  (``patternProperties`` keys are matched only
    against part names, which come from the schema itself, so ``re`` is safe there.)"""
    if not isinstance(node, dict):
        return
    if isinstance(node.get("pattern"), str):
        yield node["pattern"], f"{where}.pattern"
    annotation = node.get("x-wiki-lint")
    if isinstance(annotation, dict):
        for index, within in enumerate(annotation.get("within") or ()):
            if isinstance(within, dict) and isinstance(within.get("pattern"), str):
                yield within["pattern"], f"{where}.x-wiki-lint.within[{index}].pattern"
    for key in _SUBSCHEMA:
        yield from schema_patterns(node.get(key), f"{where}.{key}")
    for key in _SUBSCHEMA_LISTS:
        items = node.get(key)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            yield from schema_patterns(item, f"{where}.{key}[{index}]")
    for key in _SUBSCHEMA_MAPS:
        members = node.get(key)
        for name, member in members.items() if isinstance(members, dict) else ():
            yield from schema_patterns(member, f"{where}.{key}.{name}")


def check_schema_patterns(document: dict[str, Any], path: str) -> None:
    """Compile every pattern of a schema document now, so none fails while checking."""
    for pattern, key in schema_patterns(document):
        compiled = compile_pattern(pattern, path, key)
        if ".within[" in key and "value" not in compiled.groupindex:
            raise SchemaError(path, f"pattern {pattern!r} has no (?P<value>...) group for the part's text", key=key)
