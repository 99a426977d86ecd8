"""Valid configuration tables, read without pydantic.

Importing pydantic costs several times what checking one page does, and a pre-commit
hook in a configured repository pays it on every commit.  A table whose every key and
value is plainly valid is turned here into exactly what
:class:`wiki_lint.config_model.ConfigModel` (strict mode) makes of it: the same
fields, the same selectors resolved by the same validators.  Anything else (an
unknown key, a value of another type, a selector that does not resolve) is left to
the pydantic model, which reports it in its own words; ``tests/test_config_fast.py``
compares the two on generated tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# the table's keys (ConfigModel's aliases), in the model's field order
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "schema",
    "schemas",
    "exclude",
    "extend-exclude",
    "lang",
    "rules",
)
_LEVELS = ("error", "warning", "info")


@dataclass(slots=True)
class PlainModel:
    """The fields of ``ConfigModel`` that :func:`wiki_lint.config._resolve` reads."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    schema_: str | None = None
    schemas: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    lang: str | None = None
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)


class _Invalid(Exception):
    """Not plainly valid: the pydantic model decides."""


def parse_plain(table: dict[str, Any]) -> PlainModel | None:
    """The model of a plainly valid ``table``, or None (then use the pydantic model)."""
    if not isinstance(table, dict) or not all(key in KEYS for key in table):
        return None
    try:
        return _parse(table)
    except Exception:  # _Invalid, or a validator's error: pydantic reports it
        return None


def _parse(table: dict[str, Any]) -> PlainModel:
    from wiki_lint.selection import resolve_selector

    model = PlainModel()
    if "select" in table:
        model.select = [resolve_selector(value) for value in _strings(table["select"])]
    if "extend-select" in table:
        model.extend_select = [resolve_selector(value) for value in _strings(table["extend-select"])]
    if "ignore" in table:
        model.ignore = [resolve_selector(value) for value in _strings(table["ignore"])]
    if "per-file-ignores" in table:
        ignores = {pattern: _strings(codes) for pattern, codes in _table(table["per-file-ignores"]).items()}
        model.per_file_ignores = {pattern: [resolve_selector(code) for code in codes] for pattern, codes in ignores.items()}
    if "severity" in table:
        levels = {code: _level(level) for code, level in _table(table["severity"]).items()}
        model.severity = {resolve_selector(code): level for code, level in levels.items()}
    if "schema" in table:
        model.schema_ = _string(table["schema"])
    if "schemas" in table:
        model.schemas = {pattern: _string(value) for pattern, value in _table(table["schemas"]).items()}
    if "exclude" in table:
        model.exclude = _strings(table["exclude"])
    if "extend-exclude" in table:
        model.extend_exclude = _strings(table["extend-exclude"])
    if "lang" in table:
        model.lang = _lang(_string(table["lang"]))
    if "rules" in table:
        model.rules = _rules({name: dict(_table(options)) for name, options in _table(table["rules"]).items()})
    return model


def _string(value: Any) -> str:
    if type(value) is not str:
        raise _Invalid
    return value


def _strings(value: Any) -> list[str]:
    if type(value) is not list:
        raise _Invalid
    return [_string(item) for item in value]


def _table(value: Any) -> dict[str, Any]:
    if type(value) is not dict or not all(type(key) is str for key in value):
        raise _Invalid
    return value


def _level(value: Any) -> str:
    if _string(value) not in _LEVELS:
        raise _Invalid
    return value  # type: ignore[no-any-return]


def _lang(value: str) -> str:
    if not value.replace("-", "").isalnum():
        raise _Invalid
    return value


def _rules(table: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """ConfigModel's ``rules`` validator."""
    from wiki_lint.rules import BY_CODE
    from wiki_lint.rules.options import unknown_option_problem
    from wiki_lint.selection import resolve_selector

    out = {}
    for key, options in table.items():
        code = resolve_selector(key, allow_prefix=False)
        name = BY_CODE[code].name
        out[name] = {str(option).replace("-", "_"): value for option, value in options.items()}
        if any(unknown_option_problem(name, option) for option in out[name]):
            raise _Invalid
    return out
