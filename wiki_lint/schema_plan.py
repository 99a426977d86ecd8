"""A schema compiled once into a plan that finds the errors jsonschema finds, faster.

jsonschema walks the schema anew for every page: it builds a validator per subschema,
resolves each ``$ref`` through the registry and wraps every keyword in generators;
for an entry schema of a dozen parts that is a quarter of a millisecond per page,
although the checks themselves are a few ``len`` and ``in`` tests.  A :class:`Plan` does
that walk once per schema: every ``$ref`` resolved, every subschema bound to the
validator class jsonschema would use for it (a referenced file's ``$schema`` selects the
standard Draft 2020-12 class, whose ``pattern`` is Python's ``re``; the entry schema
itself uses wiki-lint's RE2 ``pattern``), and each keyword turned into its check.

The plan yields :class:`PlanError` records with the fields :mod:`wiki_lint.validate`
reads (``validator``, ``validator_value``, ``instance``, ``path``) in jsonschema's order
(keywords in the order the schema writes them, properties in the order of
``properties``).  It reproduces ``type``, ``minLength``, ``maxLength``, ``pattern``,
``required``, ``properties``, ``allOf``, ``$ref``, ``not``, ``enum``, ``const``,
``format`` (an annotation here: the validator has no format checker), boolean schemas,
and every keyword jsonschema ignores.

Two compilers build it.  The native one knows those keywords' Draft 2020-12 meaning
itself (for string and object instances, the only ones pages give), so a run whose
schema passes needs no jsonschema import at all (the single-file pre-commit case).
A schema it does not know (another ``$schema``, a number type, a ``$ref`` to a
meta-schema) is compiled against jsonschema, each keyword recognised by the function
jsonschema would call.  A schema with any other keyword (``anyOf``, ``if``,
``additionalProperties`` ...), a nested ``$id``, a ``$ref`` cycle or an unresolvable
``$ref`` gets no plan, and jsonschema validates it as before.  Messages are not
rebuilt: when a finding needs jsonschema's message, the page is validated by jsonschema.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from wiki_lint import safe_regex
from wiki_lint.errors import SchemaError


class Unsupported(Exception):
    """The schema uses something the plan does not reproduce exactly."""


class PlanError:
    """One error, as jsonschema's ``ValidationError`` would describe it (no message)."""

    __slots__ = ("validator", "validator_value", "instance", "path")

    def __init__(self, validator: str | None, validator_value: Any, instance: Any, path: tuple[str, ...]) -> None:
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        self.path = path

    def __repr__(self) -> str:
        return f"PlanError({self.validator!r}, {self.validator_value!r}, {self.instance!r}, {self.path!r})"


# A compiled subschema: appends the errors of ``instance`` at ``path`` to ``out``.
Check = Callable[[Any, tuple[str, ...], list[PlanError]], None]


class Plan:
    """The compiled root schema."""

    __slots__ = ("check",)

    def __init__(self, check: Check) -> None:
        self.check = check

    def errors(self, instance: Any) -> list[PlanError] | None:
        """The errors of ``instance``, in jsonschema's order (``None``: an instance the
        plan cannot judge; jsonschema must)."""
        out: list[PlanError] = []
        try:
            self.check(instance, (), out)
        except _Undecided:
            return None
        return out


class _Undecided(Exception):
    """An instance the plan cannot judge exactly as jsonschema would."""


def compile_plan(
    document: dict[str, Any], registry: Any, validator: Callable[[], Any], safe_pattern: Callable[[], Any], *, native: bool = True
) -> Plan | None:
    """The plan of the schema ``document`` (resolving ``$ref`` through ``registry``), or
    ``None`` when it uses what the plan does not reproduce.

    The plan is compiled first without jsonschema (whose import costs more than checking
    a small page): the built-in schemas use only keywords whose Draft 2020-12 meaning
    is fixed here.  A schema that needs more is compiled against jsonschema itself:
    ``validator()`` gives wiki-lint's validator, ``safe_pattern()`` its RE2 ``pattern``
    keyword function.  ``native=False`` skips the first attempt (for tests)."""
    if native:
        try:
            compiler = _NativeCompiler()
            return Plan(compiler.node(document, _SAFE, compiler.root_resolver(document, registry), root=True))
        except Exception:  # Unsupported, a $ref cycle, or a schema shape not foreseen: jsonschema's class decides
            pass
    try:
        built = validator()
        compiler = _JsonschemaCompiler(built, safe_pattern())
        cls = compiler.check_class(type(built))
        return Plan(compiler.node(built.schema, cls, built._resolver, root=True))
    except Exception:  # the plan cannot be built: jsonschema validates, as it always did
        return None


class _Compiler:
    """Turns subschemas into checks; subclasses say which validator class applies to a
    subschema and what each keyword means for a class."""

    def __init__(self) -> None:
        self.active: set[int] = set()  # subschemas being compiled: a $ref cycle

    def node(self, schema: Any, cls: Any, resolver: Any, *, root: bool = False) -> Check:
        if schema is True:
            return _nothing
        if schema is False:
            return _false
        if not isinstance(schema, dict):
            raise Unsupported("a schema that is not an object")
        if "$id" in schema and not root:
            raise Unsupported("a nested $id")
        if id(schema) in self.active:
            raise Unsupported("a $ref cycle")
        self.active.add(id(schema))
        try:
            checks = [self.keyword(key, value, cls, resolver) for key, value in schema.items()]
        finally:
            self.active.discard(id(schema))
        checks = [check for check in checks if check is not _nothing]
        if not checks:
            return _nothing
        if len(checks) == 1:
            return checks[0]

        def all_checks(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
            for check in checks:
                check(instance, path, out)

        return all_checks

    def child(self, schema: Any, cls: Any, resolver: Any) -> Check:
        """A subschema reached by ``descend`` (properties, allOf) or ``evolve`` (not)."""
        return self.node(schema, self.subclass(schema, cls), resolver)

    def keyword(self, key: str, value: Any, cls: Any, resolver: Any) -> Check:
        kind = self.kind(key, cls)
        if kind is None:
            raise Unsupported(f"keyword {key!r}")
        if kind == "":
            return _nothing
        if kind == "type":
            types = [value] if isinstance(value, str) else value
            if not isinstance(types, list) or not all(isinstance(t, str) and self.known_type(t) for t in types):
                raise Unsupported("an unknown type")
            return self.type_check(key, value, types)
        if kind in ("minLength", "maxLength"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise Unsupported(f"a {key} that is not a number")
            return _length_check(key, value, shorter=kind == "minLength")
        if kind in ("re-pattern", "safe-pattern"):
            if not isinstance(value, str):
                raise Unsupported("a pattern that is not a string")
            return _pattern_check(key, value, safe=kind == "safe-pattern")
        if kind == "required":
            if not isinstance(value, list):
                raise Unsupported("required that is not a list")
            return _required_check(key, value)
        if kind == "properties":
            if not isinstance(value, dict):
                raise Unsupported("properties that is not an object")
            members = tuple((name, self.child(sub, cls, resolver)) for name, sub in value.items())
            return _properties_check(members)
        if kind == "allOf":
            if not isinstance(value, list):
                raise Unsupported("allOf that is not a list")
            return self._all_of(tuple(self.child(sub, cls, resolver) for sub in value))
        if kind == "$ref":
            return self._ref(value, cls, resolver)
        if kind == "not":
            return _not_check(key, value, self.child(value, cls, resolver))
        if kind in ("enum", "const"):
            if kind == "enum" and not isinstance(value, list):
                raise Unsupported("enum that is not a list")
            return self.equality_check(key, value, kind == "enum")
        raise Unsupported(f"keyword {key!r}")

    def _ref(self, ref: Any, cls: Any, resolver: Any) -> Check:
        from referencing.exceptions import Unresolvable

        if not isinstance(ref, str):
            raise Unsupported("a $ref that is not a string")
        try:
            resolved = resolver.lookup(ref)
        except (Unresolvable, SchemaError):
            raise Unsupported("an unresolvable $ref") from None
        contents = resolved.contents
        return self.node(contents, self.subclass(contents, cls), resolved.resolver, root=True)

    @staticmethod
    def _all_of(children: tuple[Check, ...]) -> Check:
        def all_of(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
            for child in children:
                child(instance, path, out)

        return all_of

    def subclass(self, schema: Any, cls: Any) -> Any:
        """The validator class jsonschema's ``evolve`` picks for ``schema``."""
        raise NotImplementedError

    def kind(self, key: str, cls: Any) -> str | None:
        """What ``key`` does under ``cls``: a kind below, ``""`` when jsonschema ignores
        it, ``None`` when the plan cannot reproduce it."""
        raise NotImplementedError

    def known_type(self, name: str) -> bool:
        raise NotImplementedError

    def type_check(self, key: str, value: Any, types: list[str]) -> Check:
        raise NotImplementedError

    def equality_check(self, key: str, value: Any, is_enum: bool) -> Check:
        raise NotImplementedError


# The validator classes the native compiler tells apart: wiki-lint's (RE2 ``pattern``)
# and jsonschema's own Draft 2020-12 class (``re``), which a subschema's ``$schema``
# selects (a referenced schema file declares it).
_SAFE = "wiki-lint"
_STANDARD = "draft2020-12"
_DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

#: Keywords Draft 2020-12 validation ignores (annotations, definitions, extensions);
#: ``format`` too, since wiki-lint's validator has no format checker.
NATIVE_IGNORED = frozenset(
    {
        "$schema",
        "$id",  # at a resource's root (a nested one is refused before keywords are read)
        "$comment",
        "$defs",
        "definitions",
        "$anchor",
        "$dynamicAnchor",
        "$vocabulary",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "contentEncoding",
        "contentMediaType",
        "format",
    }
)
#: Keywords the native compiler reproduces.
NATIVE_KEYWORDS = frozenset({"type", "minLength", "maxLength", "pattern", "required", "properties", "allOf", "$ref", "not", "enum", "const"})
_NATIVE_TYPES: dict[str, Any] = {"string": str, "object": dict, "array": list, "boolean": bool, "null": type(None)}


class _NativeCompiler(_Compiler):
    """Draft 2020-12 as jsonschema implements it, for the keywords above."""

    def root_resolver(self, document: dict[str, Any], registry: Any) -> Any:
        """The resolver jsonschema's validator starts from (it also knows the
        meta-schemas; a ``$ref`` to one is left to jsonschema: unresolvable here)."""
        from referencing.jsonschema import DRAFT202012

        return registry.resolver_with_root(DRAFT202012.create_resource(document))

    def subclass(self, schema: Any, cls: Any) -> Any:
        if not isinstance(schema, dict) or "$schema" not in schema:
            return cls
        dialect = schema["$schema"]
        if dialect in (_DRAFT_2020_12, _DRAFT_2020_12 + "#"):
            return _STANDARD
        raise Unsupported("another $schema")

    def kind(self, key: str, cls: Any) -> str | None:
        if key in NATIVE_IGNORED or key.startswith("x-"):
            return ""
        if key == "pattern":
            return "safe-pattern" if cls == _SAFE else "re-pattern"
        return key if key in NATIVE_KEYWORDS else None

    def known_type(self, name: str) -> bool:
        return name in _NATIVE_TYPES

    def type_check(self, key: str, value: Any, types: list[str]) -> Check:
        python_types = tuple(_NATIVE_TYPES[name] for name in types)
        # bool is an int, None has its own type: isinstance answers like jsonschema here
        def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
            if not isinstance(instance, python_types):
                out.append(PlanError(key, value, instance, path))

        return check

    def equality_check(self, key: str, value: Any, is_enum: bool) -> Check:
        def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
            if not isinstance(instance, str):
                raise _Undecided  # jsonschema's equality of numbers, lists and objects
            failed = all(not (isinstance(each, str) and each == instance) for each in value) if is_enum else not (
                isinstance(value, str) and value == instance
            )
            if failed:
                out.append(PlanError(key, value, instance, path))

        return check


class _JsonschemaCompiler(_Compiler):
    """Any schema jsonschema validates with Draft 2020-12 classes, for the keywords
    above, each keyword recognised by the very function jsonschema would call."""

    def __init__(self, validator: Any, safe_pattern: Callable[..., Any]) -> None:
        super().__init__()
        from jsonschema import Draft202012Validator, _keywords
        from jsonschema import _types as types

        if getattr(validator, "_ref_resolver", None) is not None or validator.format_checker is not None:
            raise Unsupported("a legacy resolver or a format checker")
        self.base = Draft202012Validator
        self.type_checker = types.draft202012_type_checker
        self.keywords: dict[Any, str] = {
            _keywords.type: "type",
            _keywords.minLength: "minLength",
            _keywords.maxLength: "maxLength",
            _keywords.pattern: "re-pattern",
            safe_pattern: "safe-pattern",
            _keywords.required: "required",
            _keywords.properties: "properties",
            _keywords.allOf: "allOf",
            _keywords.ref: "$ref",
            _keywords.not_: "not",
            _keywords.enum: "enum",
            _keywords.const: "const",
            _keywords.format: "",  # no format checker: an annotation
        }

    def kind(self, key: str, cls: Any) -> str | None:
        function = cls.VALIDATORS.get(key)
        return "" if function is None else self.keywords.get(function)

    def known_type(self, name: str) -> bool:
        from jsonschema.exceptions import UndefinedTypeCheck

        try:
            self.type_checker.is_type(None, name)
        except UndefinedTypeCheck:
            return False
        return True

    def type_check(self, key: str, value: Any, types: list[str]) -> Check:
        return _type_check(key, value, types, self.type_checker)

    def equality_check(self, key: str, value: Any, is_enum: bool) -> Check:
        from jsonschema._utils import equal

        return _equality_check(key, value, equal, is_enum)

    def check_class(self, cls: Any) -> Any:
        if cls.TYPE_CHECKER is not self.type_checker or cls._APPLICABLE_VALIDATORS is not self.base._APPLICABLE_VALIDATORS:
            raise Unsupported("another draft")
        return cls

    def subclass(self, schema: Any, cls: Any) -> Any:
        from jsonschema.validators import validator_for

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                chosen = validator_for(schema, default=cls)
            except Warning:
                raise Unsupported("an unknown $schema") from None
        return self.check_class(chosen)

def _nothing(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
    """True, ``{}`` and annotation-only schemas: no error."""


def _false(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
    out.append(PlanError(None, None, instance, path))


# Draft 2020-12's own test for these types (``jsonschema._types``), without the lookup.
_PYTHON_TYPES = {"string": str, "object": dict}


def _type_check(key: str, value: Any, types: list[str], checker: Any) -> Check:
    if len(types) == 1 and types[0] in _PYTHON_TYPES:
        python_type = _PYTHON_TYPES[types[0]]

        def check_one(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
            if not isinstance(instance, python_type):
                out.append(PlanError(key, value, instance, path))

        return check_one

    def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
        if not any(checker.is_type(instance, t) for t in types):
            out.append(PlanError(key, value, instance, path))

    return check


def _length_check(key: str, limit: float, *, shorter: bool) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
        if isinstance(instance, str) and (len(instance) < limit if shorter else len(instance) > limit):
            out.append(PlanError(key, limit, instance, path))

    return check


def _pattern_check(key: str, pattern: str, *, safe: bool) -> Check:
    fails = _safe_pattern_fails if safe else _re_pattern_fails

    def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
        if isinstance(instance, str) and fails(pattern, instance):
            out.append(PlanError(key, pattern, instance, path))

    return check


# The same license and disclaimer texts come back on many pages: each answer is kept.
@lru_cache(maxsize=1024)
def _safe_pattern_fails(pattern: str, text: str) -> bool:
    """wiki-lint's ``pattern`` keyword: RE2 finds no match."""
    return safe_regex.search(pattern, text) is None


@lru_cache(maxsize=1024)
def _re_pattern_fails(pattern: str, text: str) -> bool:
    """jsonschema's own ``pattern`` keyword: ``re`` finds no match."""
    return not re.search(pattern, text)


def _required_check(key: str, names: list[Any]) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
        if not isinstance(instance, dict):
            return
        for name in names:
            if name not in instance:
                out.append(PlanError(key, names, instance, path))

    return check


def _properties_check(members: tuple[tuple[str, Check], ...]) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
        if not isinstance(instance, dict):
            return
        for name, child in members:
            if name in instance:
                # jsonschema reports a false subschema at the object's path, not the member's
                child(instance[name], path if child is _false else (*path, name), out)

    return check


def _not_check(key: str, value: Any, child: Check) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
        inner: list[PlanError] = []
        child(instance, path, inner)
        if not inner:
            out.append(PlanError(key, value, instance, path))

    return check


def _equality_check(key: str, value: Any, equal: Callable[[Any, Any], bool], is_enum: bool) -> Check:
    def check(instance: Any, path: tuple[str, ...], out: list[PlanError]) -> None:
        failed = all(not equal(each, instance) for each in value) if is_enum else not equal(instance, value)
        if failed:
            out.append(PlanError(key, value, instance, path))

    return check
