"""Find what makes a schema contradict itself or fail silently, without any page.

A schema can load cleanly and still be useless: a part that is required and forbidden
at once is reported on every page whatever its author writes; a heading alias that no
reader can produce never finds its part.  :func:`check_schema_consistency` reports
these as :class:`SchemaIssue` objects (error: no page can pass; warning: part of the
schema has no effect).  It never raises for a loaded schema, and it is the function
behind ``wiki-lint schema check``.

What it looks at (every layer of a part counts: the schema's own ``properties`` and
those reached through ``allOf`` and ``$ref``):

* a part that is required but forbidden: a ``false`` subschema, ``not: {}``/``not:
  true``, ``maxLength: 0``, a top-level ``not: {required: [part]}``;
* a part no value can satisfy: ``minLength`` above ``maxLength``, a ``type``,
  ``enum`` or ``const`` that excludes strings (extracted parts are always text);
* a required part with nowhere to be found (no lead, heading, label, front matter
  key or ``within`` pattern);
* aliases that match nothing: a heading or label that normalises to nothing, holds a
  line break, or that the readers' own recognisers can never produce (an edit marker
  inside a heading alias, a label too long to be recognised), and ``within`` entries
  naming parts the schema does not have;
* (:func:`shared_aliases`, separately) the same heading or label claimed by two parts;
* a schema with no parts at all (every page passes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wiki_lint.artifacts import find_label, labelled_paragraph, split_edit_markers
from wiki_lint.document import Span
from wiki_lint.findings import Severity
from wiki_lint.schema import ANNOTATION, EntrySchema, PartSpec, normalize_name


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One problem of a schema: where (file and JSON path), what, and how bad."""

    path: str
    key: str
    message: str
    severity: Severity
    part: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.key}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class _Layer:
    """A part's subschema as written in one place."""

    schema: Any
    key: str


def check_schema_consistency(schema: EntrySchema) -> list[SchemaIssue]:
    """Every contradiction and dead alias in ``schema``, errors first, in schema order."""
    layers, forbidden_required = _walk(schema)
    issues: list[SchemaIssue] = []
    if not schema.parts and not schema.required:
        issues.append(SchemaIssue(schema.path, "$.properties", "the schema defines no parts: every page passes", Severity.WARNING))
    for name in schema.required:
        for key in forbidden_required.get(name, ()):
            issues.append(
                SchemaIssue(
                    schema.path,
                    key,
                    f"part {name!r} is required here but also forbidden by a top-level 'not: {{required: [...]}}': no page can pass",
                    Severity.ERROR,
                    name,
                )
            )
    for name, part_layers in layers.items():
        issues.extend(_constraint_issues(schema, name, part_layers))
    for spec in schema.parts.values():
        issues.extend(_alias_issues(schema, spec))
    issues.sort(key=lambda issue: issue.severity != Severity.ERROR)
    return issues


def _walk(schema: EntrySchema) -> tuple[dict[str, list[_Layer]], dict[str, list[str]]]:
    """Each part's layers, and parts a top-level ``not: {required: [...]}`` forbids."""
    from referencing.exceptions import Unresolvable

    layers: dict[str, list[_Layer]] = {}
    forbidden: dict[str, list[str]] = {}
    seen: dict[int, Any] = {}  # holding each node keeps its id from being reused
    stack: list[tuple[dict[str, Any], Any, str]] = [(schema.document, schema.registry.resolver(base_uri=schema.document["$id"]), "$")]
    while stack:
        node, resolver, where = stack.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        if isinstance(node.get("$ref"), str):
            try:
                resolved = resolver.lookup(node["$ref"])
            except Unresolvable:
                resolved = None  # load_schema already refused unresolvable references
            if resolved is not None and isinstance(resolved.contents, dict):
                stack.append((resolved.contents, resolved.resolver, f"{node['$ref']}#"))
        for index, sub in enumerate(node.get("allOf") or ()):
            if isinstance(sub, dict):
                stack.append((sub, resolver, f"{where}.allOf[{index}]"))
        for name, prop in (node.get("properties") or {}).items():
            layers.setdefault(name, []).append(_Layer(prop, f"{where}.properties.{name}"))
        negated = node.get("not")
        if isinstance(negated, dict) and isinstance(negated.get("required"), list) and len(negated["required"]) == 1:
            forbidden.setdefault(str(negated["required"][0]), []).append(f"{where}.not.required")
    return layers, forbidden


def _constraint_issues(schema: EntrySchema, name: str, layers: list[_Layer]) -> list[SchemaIssue]:
    required = name in schema.required
    issues: list[SchemaIssue] = []
    min_length, max_length = 0, None
    for layer in layers:
        for sub, key in _conjuncts(layer.schema, layer.key):
            if sub is False or (isinstance(sub, dict) and sub.get("not") in ({}, True)):
                what = "forbidden (a false subschema)" if sub is False else "forbidden ('not' of an empty schema)"
                issues.append(_issue(schema, key, name, required, f"part {name!r} is {what}"))
                continue
            if not isinstance(sub, dict):
                continue
            if isinstance(sub.get("minLength"), int):
                min_length = max(min_length, sub["minLength"])
            if isinstance(sub.get("maxLength"), int):
                max_length = sub["maxLength"] if max_length is None else min(max_length, sub["maxLength"])
                if sub["maxLength"] == 0 and required:
                    issues.append(
                        SchemaIssue(
                            schema.path,
                            f"{key}.maxLength",
                            f"part {name!r} is required but 'maxLength: 0' forbids any text in it",
                            Severity.ERROR,
                            name,
                        )
                    )
            if not _allows_text(sub):
                issues.append(
                    _issue(
                        schema,
                        key,
                        name,
                        required,
                        f"part {name!r} can never be valid: its 'type', 'enum' or 'const' excludes text, and parts are always text",
                    )
                )
    if max_length is not None and min_length > max_length:
        issues.append(
            _issue(schema, layers[-1].key, name, required, f"part {name!r} needs at least {min_length} characters but at most {max_length}")
        )
    spec = schema.parts.get(name)
    if required and name != "title" and (spec is None or not _findable(spec)):
        issues.append(
            SchemaIssue(
                schema.path,
                f"{layers[0].key}.{ANNOTATION}",
                f"required part {name!r} says nowhere to "
                "find it (no lead, headings, labels, front_matter or within): every page reports it missing",
                Severity.ERROR,
                name,
            )
        )
    return issues


def _conjuncts(sub: Any, key: str) -> list[tuple[Any, str]]:
    """The subschema and those of its ``allOf``, each with its JSON path."""
    found = [(sub, key)]
    if isinstance(sub, dict):
        for index, inner in enumerate(sub.get("allOf") or ()):
            found.extend(_conjuncts(inner, f"{key}.allOf[{index}]"))
    return found


def _allows_text(sub: dict[str, Any]) -> bool:
    kind = sub.get("type")
    if isinstance(kind, str) and kind != "string":
        return False
    if isinstance(kind, list) and "string" not in kind:
        return False
    if "const" in sub and not isinstance(sub["const"], str):
        return False
    enum = sub.get("enum")
    return not (isinstance(enum, list) and not any(isinstance(value, str) for value in enum))


def _issue(schema: EntrySchema, key: str, name: str, required: bool, message: str) -> SchemaIssue:
    """Fatal when the part is required (no page passes), else a part no page can have."""
    if required:
        return SchemaIssue(schema.path, key, f"{message}, yet it is required: no page can pass", Severity.ERROR, name)
    return SchemaIssue(schema.path, key, f"{message}: any page that has it fails", Severity.WARNING, name)


def _findable(spec: PartSpec) -> bool:
    return bool(spec.lead or spec.headings or spec.headings_by_lang or spec.labels or spec.front_matter or spec.within)


def _alias_issues(schema: EntrySchema, spec: PartSpec) -> list[SchemaIssue]:
    where = f"$.properties.{spec.name}.{ANNOTATION}"
    issues: list[SchemaIssue] = []
    headings = [("headings", h) for h in spec.headings]
    headings += [(f"headings_by_lang.{lang}", h) for lang, names in spec.headings_by_lang.items() for h in names]
    for field, heading in headings:
        reason = _dead_heading(heading)
        if reason:
            issues.append(
                SchemaIssue(
                    schema.path, f"{where}.{field}", f"heading alias {heading!r} matches nothing: {reason}", Severity.WARNING, spec.name
                )
            )
    for label in spec.labels:
        reason = _dead_label(label)
        if reason:
            issues.append(
                SchemaIssue(schema.path, f"{where}.labels", f"label alias {label!r} matches nothing: {reason}", Severity.WARNING, spec.name)
            )
    for key in spec.front_matter:
        if not key.strip():
            issues.append(
                SchemaIssue(schema.path, f"{where}.front_matter", "an empty front matter key matches nothing", Severity.WARNING, spec.name)
            )
    for within in spec.within:
        for host in within.parts:
            if host not in schema.parts:
                issues.append(
                    SchemaIssue(
                        schema.path,
                        f"{where}.within",
                        f"'within' names part {host!r}, which the schema does not define: the pattern is never searched there",
                        Severity.WARNING,
                        spec.name,
                    )
                )
            elif host == spec.name:
                issues.append(
                    SchemaIssue(
                        schema.path,
                        f"{where}.within",
                        f"'within' names the part {host!r} itself: it can only be searched once the part is already found",
                        Severity.WARNING,
                        spec.name,
                    )
                )
    return issues


def _dead_heading(heading: str) -> str | None:
    if "\n" in heading or "\r" in heading:
        return "a heading is one line"
    if not normalize_name(heading):
        return "it is empty once case, spaces and punctuation are ignored"
    text, markers = split_edit_markers(heading)
    if markers and normalize_name(text) != normalize_name(heading):
        return "readers strip edit markers such as '[edit]' from headings, so write it without one"
    return None


def _dead_label(label: str) -> str | None:
    if "\n" in label or "\r" in label:
        return "a label is on one line"
    if not normalize_name(label):
        return "it is empty once case, spaces and punctuation are ignored"
    wanted = normalize_name(label)
    plain = find_label(f"{label}: text")
    if plain is not None and normalize_name(plain.label) == wanted:
        return None
    emphasised = labelled_paragraph(f"**{label}:** text", Span(1, 1, 1, 1))
    if emphasised.label is not None and normalize_name(emphasised.label) == wanted:
        return None
    return (
        "readers recognise a label of one to four words starting with a capital letter ('Credits:'), "
        "or up to 60 characters in bold ('**Reviewed by:**') without * _ or '"
    )


def shared_aliases(schema: EntrySchema) -> list[SchemaIssue]:
    """Headings or labels claimed by two parts (warnings).  Not part of
    :func:`check_schema_consistency`: entry-type schemas share aliases on purpose (a
    disease's 'Causes' section serves as its 'function' part too)."""
    issues: list[SchemaIssue] = []
    for kind in ("heading", "label"):
        owner: dict[str, str] = {}
        for spec in schema.parts.values():
            for alias in spec.heading_names() if kind == "heading" else spec.labels:
                key = normalize_name(alias)
                first = owner.setdefault(key, spec.name)
                if key and first != spec.name:
                    issues.append(
                        SchemaIssue(
                            schema.path,
                            f"$.properties.{spec.name}.{ANNOTATION}",
                            f"{kind} alias {alias!r} belongs to both {first!r} and {spec.name!r}: one section would count as both parts",
                            Severity.WARNING,
                            spec.name,
                        )
                    )
    return issues
