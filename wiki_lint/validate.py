"""Validate an Entry against its JSON Schema and turn every error into a finding.

jsonschema reports errors by keyword; each becomes a finding of a rule:

* ``required`` -> ``missing-part``, one per missing part (all of them, not the first);
* ``minLength`` on a section with no text -> ``empty-section``; otherwise ``short-part``;
* any other keyword -> ``malformed-part``,

unless the part's ``x-wiki-lint.rules`` names another rule for that keyword (the
built-in schema maps the license ``pattern`` to ``vague-license``).  Messages come from
the part's ``x-wiki-lint.messages`` so they say what is expected; the position is where
the part was found, so every schema error has a file:line:col.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wiki_lint.rules import BY_NAME, Context
from wiki_lint.rules.structure import MissingPart
from wiki_lint.schema import PartSpec
from wiki_lint.templates import missing_part_fix, vague_license_fix


def validate(ctx: Context) -> None:
    """Report every schema error of ``ctx.entry`` as a finding."""
    seen: set[tuple[str, str]] = set()
    for error in _errors(ctx, ctx.entry.data()):
        if error.validator == "required" and not error.path:
            for part in _missing(error.validator_value, error.instance):
                if ("missing-part", part) not in seen:
                    seen.add(("missing-part", part))
                    _report_missing(ctx, part)
        elif error.path and isinstance(error.path[0], str) and error.path[0] in ctx.entry.found:
            part = error.path[0]
            if ctx.entry.found[part].via == "template":
                continue  # a template's text is not on the page: present is all we can check
            rule = _rule_for(ctx, part, str(error.validator), error.instance)
            if (rule, part) not in seen:
                seen.add((rule, part))
                _report_malformed(ctx, part, rule, str(error.validator), error.message)


def _errors(ctx: Context, data: dict[str, Any]) -> Iterable[Any]:
    """The schema's errors for ``data``: the lite validator's compiled once per schema
    (:mod:`wiki_lint.lite_plan`, the same errors), else the validator's own."""
    from wiki_lint.schema_lite import LiteValidator

    validator = ctx.schema.validator
    if isinstance(validator, LiteValidator):
        compiled = ctx.schema.memo.get("lite-plan", False)
        if compiled is False:
            from wiki_lint.lite_plan import compile_lite

            compiled = ctx.schema.remember("lite-plan", compile_lite(validator))
        if compiled is not None:
            return compiled(data)  # type: ignore[no-any-return]
    return validator.iter_errors(data)


def _missing(required: Any, instance: Any) -> list[str]:
    if not isinstance(required, list) or not isinstance(instance, dict):
        return []
    return [name for name in required if isinstance(name, str) and name not in instance]


def _spec(ctx: Context, part: str) -> PartSpec:
    return ctx.schema.parts.get(part) or PartSpec(name=part, title=part.replace("_", " ").capitalize())


def _report_missing(ctx: Context, part: str) -> None:
    spec = _spec(ctx, part)
    where = spec.describe_sources(ctx.entry.lang, ctx.document.format)
    custom = spec.messages.get("required")
    message = f"{custom} (looked for {where})" if custom else f"the page has no {spec.title}: expected {where}"
    hint = spec.hint or f"add the {spec.title} part as {where}"
    ctx.report(MissingPart, ctx.document.file_start(), message, hint=hint, part=part, fix=missing_part_fix(ctx, spec))


def _rule_for(ctx: Context, part: str, keyword: str, instance: Any) -> str:
    named = _spec(ctx, part).rules.get(keyword)
    if named:
        return named
    if keyword == "minLength":
        empty = isinstance(instance, str) and not instance.strip()
        return "empty-section" if empty and ctx.entry.found[part].via == "heading" else "short-part"
    return "malformed-part"


def _report_malformed(ctx: Context, part: str, rule: str, keyword: str, detail: str) -> None:
    spec = _spec(ctx, part)
    found = ctx.entry.found[part]
    if rule == "empty-section":
        heading = found.section.heading.text if found.section else spec.title
        expected = spec.description.rstrip(".") if spec.description else f"the {spec.title}"
        message = f"section '{heading}' is empty: expected {expected[:1].lower()}{expected[1:]}"
        hint = spec.hint or f"write the '{heading}' section or delete its heading"
        ctx.report(BY_NAME[rule], found.value_span, message, hint=hint, part=part)
        return
    message = spec.messages.get(keyword) or f"the {spec.title} is malformed: {detail}"
    fix = vague_license_fix(ctx, part) if rule == "vague-license" else None
    ctx.report(BY_NAME[rule], found.value_span, message, hint=spec.hint, part=part, fix=fix)
