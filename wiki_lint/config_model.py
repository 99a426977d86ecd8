"""The pydantic model of a configuration table, and its errors as plain messages.

Imported only when a configuration file is found (pydantic costs import time that a
run without configuration must not pay).  Keys are kebab-case in TOML; unknown keys
and bad values are errors that name the key and say what is allowed.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wiki_lint.selection import resolve_selector


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class ConfigModel(BaseModel):
    """``[tool.wiki-lint]`` in ``pyproject.toml``, or the top level of ``.wiki-lint.toml``."""

    model_config = ConfigDict(extra="forbid", strict=True, alias_generator=_kebab, populate_by_name=False)

    select: list[str] | None = None
    extend_select: list[str] = []
    ignore: list[str] = []
    per_file_ignores: dict[str, list[str]] = {}
    severity: dict[str, Literal["error", "warning", "info"]] = {}
    schema_: str | None = Field(default=None, alias="schema")
    schemas: dict[str, str] = {}
    exclude: list[str] = []
    extend_exclude: list[str] = []
    lang: str | None = None
    rules: dict[str, dict[str, Any]] = {}

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _selectors(cls, values: list[str] | None) -> list[str] | None:
        return None if values is None else [resolve_selector(value) for value in values]

    @field_validator("per_file_ignores")
    @classmethod
    def _per_file(cls, table: dict[str, list[str]]) -> dict[str, list[str]]:
        return {pattern: [resolve_selector(code) for code in codes] for pattern, codes in table.items()}

    @field_validator("severity")
    @classmethod
    def _severity_keys(cls, table: dict[str, str]) -> dict[str, str]:
        return {resolve_selector(code): level for code, level in table.items()}

    @field_validator("lang")
    @classmethod
    def _lang(cls, value: str | None) -> str | None:
        if value is not None and not value.replace("-", "").isalnum():
            raise ValueError(f"expected a language code such as 'en' or 'pt-BR', got {value!r}")
        return value

    @field_validator("rules")
    @classmethod
    def _rule_names(cls, table: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        from wiki_lint.rules import BY_CODE

        from wiki_lint.rules.options import unknown_option_problem

        out = {}
        problems = []
        for key, options in table.items():
            code = resolve_selector(key, allow_prefix=False)
            name = BY_CODE[code].name
            # option names as rules read them: kebab-case like every other key, or snake_case
            out[name] = {str(option).replace("-", "_"): value for option, value in options.items()}
            for option in out[name]:
                problem = unknown_option_problem(name, option)
                if problem:
                    problems.append(problem)
        if problems:
            raise ValueError("; ".join(problems))
        return out


KEYS = tuple(field.alias or name for name, field in ConfigModel.model_fields.items())


def parse(table: dict[str, Any]) -> ConfigModel | list[str]:
    """The validated model, or one message per problem (``key: what is wrong``)."""
    try:
        return ConfigModel.model_validate(table)
    except ValidationError as exc:
        return [_message(error) for error in exc.errors(include_url=False)]


def _message(error: Any) -> str:
    """One pydantic error as ``key 'a.b': problem; what is allowed``."""
    loc = [str(part) for part in error["loc"]]
    key = _key_path(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(loc[-1], KEYS, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        return f"unknown key {key!r}{hint} (allowed keys: {', '.join(KEYS)})"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "dict_type" and loc and loc[0] == "rules" and len(loc) == 2:
        message = "expected a table of options for the rule, e.g. [tool.wiki-lint.rules.NAME]"
    elif kind in ("list_type", "string_type", "dict_type"):
        message = f"{message} (got {type(error['input']).__name__} {error['input']!r})"
    return f"key {key!r}: {message}"


def _key_path(loc: list[str]) -> str:
    """``['select', '0']`` -> ``select[0]``; ``['rules', 'x']`` -> ``rules.x``."""
    out = ""
    for part in loc:
        if part.isdigit():
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
