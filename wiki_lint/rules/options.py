"""Typed, checked access to rule options (``[tool.wiki-lint.rules.NAME]`` in the
configuration, ``Settings.rule_options`` in the library).

The configuration checks that each options table names a known rule and only options
that rule reads (:data:`OPTIONS`; a misspelt option is an error, not silently ignored);
the rule checks the values.  A value of the wrong type or out of range is a usage error
naming the rule and the option (exit code 2), never a crash in the middle of a rule.
Option names are snake_case; the configuration may write them kebab-case.
"""

from __future__ import annotations

import re
from typing import Any

from wiki_lint import safe_regex
from wiki_lint.errors import UsageError
from wiki_lint.rules.base import Context, Rule


#: The options each rule reads, by rule name (``tests/test_rule_options.py`` checks this
#: against every option the code reads).
OPTIONS: dict[str, tuple[str, ...]] = {
    "disclaimer-missing-elements": ("required",),
    "missing-date": ("skip_formats",),
    "missing-part": ("default_license",),
    "sparse-citations": ("min_per_100_words", "min_words", "sections"),
    "spun-phrase": ("phrases",),
    "stale-page": ("max_age_years",),
    "stale-sources": ("max_age_years", "max_stale_share", "min_dated"),
    "truncated-text": ("min_words",),
    "vague-license": ("default_license",),
    "wrong-language": ("candidates", "expected", "max_chars", "min_confidence", "min_words"),
}


def unknown_option_problem(rule_name: str, option: str) -> str | None:
    """Why ``option`` is not an option of ``rule_name`` (``None`` when it is one)."""
    import difflib

    known = OPTIONS.get(rule_name, ())
    if option in known:
        return None
    if not known:
        return f"rule {rule_name} takes no options (got {option!r})"
    near = difflib.get_close_matches(option, known, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown option {option!r} for rule {rule_name}{hint} (it takes: {', '.join(known)})"


def _bad(rule: type[Rule], key: str, expected: str, value: Any) -> UsageError:
    return UsageError(f"rule option {rule.name}.{key}: expected {expected}, got {value!r}")


def number(
    ctx: Context,
    rule: type[Rule],
    key: str,
    default: float,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float:
    """A number option (``bool`` is not a number), within ``minimum``..``maximum``."""
    value = ctx.option(rule, key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(rule, key, "a number", value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = f"{minimum if minimum is not None else '-inf'}..{maximum if maximum is not None else 'inf'}"
        raise _bad(rule, key, f"a number in {bounds}", value)
    return float(value)


def integer(ctx: Context, rule: type[Rule], key: str, default: int, *, minimum: int = 0) -> int:
    """A whole-number option, at least ``minimum``."""
    value = ctx.option(rule, key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _bad(rule, key, f"a whole number >= {minimum}", value)
    return value


def text(ctx: Context, rule: type[Rule], key: str, default: str) -> str:
    """A non-empty string option."""
    value = ctx.option(rule, key, default)
    if not isinstance(value, str) or not value.strip():
        raise _bad(rule, key, "a non-empty string", value)
    return value.strip()


def text_list(ctx: Context, rule: type[Rule], key: str) -> tuple[str, ...] | None:
    """A list-of-strings option, or ``None`` when it is not set."""
    value = ctx.option(rule, key, None)
    if value is None:
        return None
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) and item.strip() for item in value):
        raise _bad(rule, key, "a list of non-empty strings", value)
    return tuple(item.strip() for item in value)


def pattern_map(ctx: Context, rule: type[Rule], key: str) -> dict[str, str]:
    """A table of regular expression -> text, each expression valid."""
    value = ctx.option(rule, key, None)
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise _bad(rule, key, "a table of regular expression = replaced word(s)", value)
    for expression in value:
        try:
            re.compile(expression)
        except re.error as exc:
            raise _bad(rule, key, f"valid regular expressions ({exc})", expression) from None
        refused = safe_regex.user_pattern(expression)  # they run with RE2: no pattern can hang a run
        if isinstance(refused, str):
            raise _bad(rule, key, f"regular expressions RE2 can run ({refused})", expression)
    return dict(value)
