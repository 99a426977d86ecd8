"""Validate entries without jsonschema, for schemas written with a few keywords.

Importing jsonschema (with ``referencing``, ``attrs``, ``rpds`` and the optional
format-checker libraries it pulls in) costs more than checking a whole page, and a
pre-commit run checks one page.  The built-in schemas, and most schemas that extend
them, use only these keywords: ``type``, ``minLength``, ``pattern``, ``required``,
``properties``, ``allOf``, ``not`` and ``$ref`` to another schema file by its name.
For such a schema, :class:`LiteValidator` gives exactly the errors jsonschema's Draft
2020-12 validator (as :mod:`wiki_lint.schema` extends it) gives: the same errors in the
same order, with the same ``validator`` (keyword), ``validator_value``, ``instance``,
``path`` and ``message``.  ``tests/test_schema_lite.py`` compares the two on generated
entries for every built-in schema.

That includes a jsonschema behaviour worth knowing: the root schema's ``pattern``
keywords run with RE2 (:mod:`wiki_lint.safe_regex`), but once validation enters a
subschema that declares ``$schema`` (a ``$ref``'d schema file usually does),
jsonschema switches to its own Draft 2020-12 class, whose ``pattern`` is Python's
``re``.  The lite validator follows the same rule.

:func:`unsupported` says why a schema needs jsonschema (``None``: it does not): any
other validation keyword, a ``$ref`` that is not a plain file name, ``$id``/``$anchor``
(they change what references mean), a dialect other than 2020-12, boolean subschemas.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Mapping
from numbers import Number
from typing import Any
from urllib.parse import urljoin

from wiki_lint import safe_regex

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# Every keyword jsonschema's Draft202012Validator acts on (a test compares this with
# ``Draft202012Validator.VALIDATORS``); all other keys are annotations it ignores.
VALIDATION_KEYWORDS = frozenset(
    {
        "$dynamicRef", "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains", "dependentRequired",
        "dependentSchemas", "enum", "exclusiveMaximum", "exclusiveMinimum", "format", "if", "items", "maxItems",
        "maxLength", "maxProperties", "maximum", "minItems", "minLength", "minProperties", "minimum", "multipleOf",
        "not", "oneOf", "pattern", "patternProperties", "prefixItems", "properties", "propertyNames", "required",
        "type", "unevaluatedItems", "unevaluatedProperties", "uniqueItems",
    }
)  # fmt: skip
SUPPORTED = frozenset({"type", "minLength", "pattern", "required", "properties", "allOf", "not", "$ref"})
# Keys that give a schema (or a part of one) a name references can point at.
_NAMING = ("$id", "$anchor", "$dynamicAnchor", "$recursiveAnchor")
_TYPES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})
_PLAIN_REF = re.compile(r"[^:#?\\/][^:#?\\]*")  # a relative file reference, no fragment


class LiteError:
    """One validation error, with the attributes of jsonschema's ``ValidationError``
    that wiki-lint reads."""

    __slots__ = ("instance", "message", "path", "validator", "validator_value")

    def __init__(self, message: str, validator: str, validator_value: Any, instance: Any) -> None:
        self.message = message
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        self.path: deque[str | int] = deque()

    @property
    def relative_path(self) -> deque[str | int]:
        return self.path

    def __repr__(self) -> str:
        return f"<LiteError: {self.message!r}>"


class LiteValidator:
    """Validate instances against ``document`` (whose ``$id`` is ``base``);
    ``documents`` maps the URI of every schema file it references to its contents."""

    def __init__(self, document: dict[str, Any], base: str, documents: Mapping[str, dict[str, Any]]) -> None:
        self.document = document
        self.base = base
        self.documents = documents

    def iter_errors(self, instance: Any) -> Iterator[LiteError]:
        return self._errors(instance, self.document, self.base, True)

    def is_valid(self, instance: Any) -> bool:
        return next(self.iter_errors(instance), None) is None

    def _descend(self, instance: Any, schema: dict[str, Any], base: str, safe: bool) -> Iterator[LiteError]:
        # jsonschema "evolves" into the class its $schema names: the plain 2020-12 one
        return self._errors(instance, schema, base, safe and "$schema" not in schema)

    def _errors(self, instance: Any, schema: dict[str, Any], base: str, safe: bool) -> Iterator[LiteError]:
        for keyword, value in schema.items():
            if keyword == "type":
                types = [value] if isinstance(value, str) else value
                if not any(is_type(instance, name) for name in types):
                    yield LiteError(f"{instance!r} is not of type {', '.join(repr(name) for name in types)}", keyword, value, instance)
            elif keyword == "minLength":
                if isinstance(instance, str) and len(instance) < value:
                    problem = "should be non-empty" if value == 1 else "is too short"
                    yield LiteError(f"{instance!r} {problem}", keyword, value, instance)
            elif keyword == "pattern":
                if isinstance(instance, str) and not _matches(value, instance, safe):
                    yield LiteError(f"{instance!r} does not match {value!r}", keyword, value, instance)
            elif keyword == "required":
                if isinstance(instance, dict):
                    for name in value:
                        if name not in instance:
                            yield LiteError(f"{name!r} is a required property", keyword, value, instance)
            elif keyword == "properties":
                if isinstance(instance, dict):
                    for name, subschema in value.items():
                        if name in instance:
                            for error in self._descend(instance[name], subschema, base, safe):
                                error.path.appendleft(name)
                                yield error
            elif keyword == "allOf":
                for subschema in value:
                    yield from self._descend(instance, subschema, base, safe)
            elif keyword == "not":
                if next(self._descend(instance, value, base, safe), None) is None:
                    yield LiteError(f"{instance!r} should not be valid under {value!r}", keyword, value, instance)
            elif keyword == "$ref":
                uri = urljoin(base, value)
                yield from self._descend(instance, self.documents[uri], uri, safe)


def _matches(pattern: str, text: str, safe: bool) -> bool:
    if safe:
        return safe_regex.search(pattern, text) is not None
    return re.search(pattern, text) is not None


def is_type(instance: Any, name: str) -> bool:
    """jsonschema's Draft 2020-12 type checker."""
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "null":
        return instance is None
    if isinstance(instance, bool):
        return False
    if name == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    return isinstance(instance, Number)  # "number"


def plain_ref(ref: Any) -> bool:
    """Whether ``ref`` names another schema file plainly (no scheme, no fragment)."""
    return isinstance(ref, str) and _PLAIN_REF.fullmatch(ref) is not None


def unsupported(document: dict[str, Any], base: str, documents: Mapping[str, dict[str, Any]]) -> str | None:
    """Why ``document`` (whose file's URI is ``base``) and the files it references
    (``documents``: URI -> contents) need jsonschema, or None."""
    if document.get("$id") != base:
        return "the schema names itself with $id"
    seen: set[int] = set()
    for uri, node in [(base, document), *documents.items()]:
        if uri != base and any(key in node for key in _NAMING):
            return f"{uri} names itself with $id or $anchor"
        if node.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
            return f"{uri} is not a Draft 2020-12 schema"
        why = _unsupported_schema(node, uri, documents, seen, root=True)
        if why:
            return why
    return None


def _unsupported_schema(node: Any, base: str, documents: Mapping[str, dict[str, Any]], seen: set[int], root: bool = False) -> str | None:
    if not isinstance(node, dict):
        return "a boolean subschema"
    if id(node) in seen:
        return None
    seen.add(id(node))
    if not root and any(key in node for key in _NAMING):
        return "a subschema with $id or $anchor"
    if not root and node.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
        return "a subschema of another dialect"
    for keyword, value in node.items():
        if keyword not in VALIDATION_KEYWORDS:
            continue
        if keyword not in SUPPORTED:
            return f"the keyword {keyword!r}"
        why = _unsupported_value(keyword, value, base, documents)
        if why:
            return why
        children = value.values() if keyword == "properties" else value if keyword == "allOf" else [value] if keyword == "not" else []
        for child in children:
            why = _unsupported_schema(child, base, documents, seen)
            if why:
                return why
    return None


def _unsupported_value(keyword: str, value: Any, base: str, documents: Mapping[str, dict[str, Any]]) -> str | None:
    """Values the meta-schema allows but the lite validator does not take (or that
    jsonschema itself would refuse while validating)."""
    if keyword == "type":
        names = [value] if isinstance(value, str) else value
        ok = isinstance(names, list) and all(isinstance(name, str) and name in _TYPES for name in names)
    elif keyword == "minLength":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif keyword == "pattern":
        ok = isinstance(value, str)
    elif keyword == "required":
        ok = isinstance(value, list) and all(isinstance(name, str) for name in value)
    elif keyword == "properties":
        ok = isinstance(value, dict)
    elif keyword == "allOf":
        ok = isinstance(value, list)
    elif keyword == "not":
        ok = isinstance(value, dict)
    else:  # $ref
        ok = plain_ref(value) and urljoin(base, value) in documents and urljoin(base, value) != base
    return None if ok else f"the {keyword!r} value {value!r}"
