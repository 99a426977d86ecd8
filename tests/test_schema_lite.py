"""The lite validator gives exactly jsonschema's errors, and the shipped digests of the
built-in schemas are those of schemas that pass both meta-schema checks."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from wiki_lint import readers, schema_digests
from wiki_lint.entry_types import choose_schema
from wiki_lint.extract import extract
from wiki_lint.safe_regex import check_schema_patterns
from wiki_lint.schema import EntrySchema, _safe_validator_class, builtin_dir, builtin_names, check_meta, load_schema, sha256_hex
from wiki_lint.schema_lite import VALIDATION_KEYWORDS, LiteValidator, unsupported
from wiki_lint.sources import read_source

from support import ROOT, SAMPLES, SHARED

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def jsonschema_validator(schema: EntrySchema) -> Any:
    """What the schema is validated with when the lite validator is not used."""
    return _safe_validator_class()(schema.document, registry=schema.registry)


def errors(validator: Any, instance: Any) -> list[tuple[Any, ...]]:
    return [(e.validator, e.validator_value, e.instance, list(e.path), e.message) for e in validator.iter_errors(instance)]


def same_errors(schema: EntrySchema, instance: Any) -> None:
    assert isinstance(schema.validator, LiteValidator)
    assert errors(schema.validator, instance) == errors(jsonschema_validator(schema), instance)


def text_digest(path: Path) -> str:
    return hashlib.sha256(path.read_text(encoding="utf-8").encode("utf-8")).hexdigest()


def test_validation_keywords_are_jsonschemas() -> None:
    assert set(Draft202012Validator.VALIDATORS) == VALIDATION_KEYWORDS


def test_shipped_digests_are_the_builtin_schemas_which_pass_the_meta_schemas() -> None:
    digests = {text_digest(builtin_dir() / name) for name in builtin_names()}
    meta = text_digest(builtin_dir() / "wiki-lint.meta.schema.json")
    wanted = "\n".join(f'        "{digest}",' for digest in sorted(digests))
    assert digests == schema_digests.BUILTIN_SHA256 and meta == schema_digests.META_SCHEMA_SHA256, (
        "a built-in schema or the meta-schema changed: once this test's meta-schema check passes, set in "
        f"wiki_lint/schema_digests.py META_SCHEMA_SHA256 = {meta!r} and BUILTIN_SHA256 to\n{wanted}"
    )
    for name in builtin_names():
        document = json.loads((builtin_dir() / name).read_text(encoding="utf-8"))
        check_schema_patterns(document, name)
        check_meta(document, name)


@given(st.binary(max_size=300))
def test_sha256_hex_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_every_builtin_schema_is_validated_without_jsonschema() -> None:
    for name in [None, *builtin_names()]:
        schema = load_schema(name)
        assert schema.documents is not None, unsupported(schema.document, schema.document["$id"], {})
        assert isinstance(schema.validator, LiteValidator)


def test_an_edited_builtin_schema_is_meta_checked(tmp_path: Path) -> None:
    """A copy of a built-in schema is trusted only byte for byte."""
    from wiki_lint.errors import SchemaError

    text = (builtin_dir() / "medical-entry.schema.json").read_text(encoding="utf-8")
    broken = json.loads(text)
    broken["properties"]["definition"]["x-wiki-lint"]["headingz"] = ["Definition"]
    path = tmp_path / "medical-entry.schema.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(SchemaError, match="headingz"):
        load_schema(str(path))


# -- generated entries ---------------------------------------------------------------

_PHRASES = [
    "not a substitute for professional medical advice",
    "does not replace the advice of a doctor",
    "CC BY-SA 4.0",
    "CC0",
    "public domain",
    "CC BY SA or similar",
    "GFDL 1.3 etc",
    "licensed under CC BY-SA 3.0 and/or GFDL",
    "Interleukin 34 is a protein that in humans is encoded by the IL34 gene.",
    "ésubstitute for advice",
    "",
    " ",
]
_TEXT = st.one_of(st.sampled_from(_PHRASES), st.text(max_size=60), st.lists(st.sampled_from(_PHRASES), max_size=4).map(" ".join))
_SCALAR = st.one_of(_TEXT, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(), st.just(3.0))
_VALUE = st.recursive(
    _SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)), max_leaves=6
)


def entries(schema: EntrySchema) -> st.SearchStrategy[dict[str, Any]]:
    names = sorted({*schema.parts, "title", "unknown_part"})
    return st.dictionaries(st.sampled_from(names), st.one_of(_TEXT, _TEXT, _VALUE), max_size=len(names))


@pytest.mark.parametrize("name", [None, "protein", "disease", "drug"])
def test_lite_errors_are_jsonschemas_on_generated_entries(name: str | None) -> None:
    schema = load_schema(name)

    @given(entries(schema))
    def check(instance: dict[str, Any]) -> None:
        same_errors(schema, instance)

    check()


def test_lite_errors_are_jsonschemas_on_real_pages() -> None:
    pages = [*sorted(SAMPLES.glob("*.*")), *sorted((ROOT / "tests" / "pages").glob("*.*")), *sorted((SHARED / "corpus").rglob("*.*"))]
    checked = 0
    for page in pages:
        try:
            fmt = readers.format_for(str(page))
        except Exception:
            continue
        document = readers.read(read_source(str(page), "replace"), fmt)
        for name in [None, *builtin_names(), choose_schema(document, None, None).schema]:
            schema = load_schema(name)
            same_errors(schema, extract(document, schema).data())
            checked += 1
    assert checked > 20


# -- user schemas ----------------------------------------------------------------------


def write(folder: Path, name: str, document: dict[str, Any]) -> str:
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_dialect_switch_is_followed(tmp_path: Path) -> None:
    """jsonschema runs ``pattern`` with RE2 in the root schema but with Python's ``re``
    inside a referenced schema that declares ``$schema``; RE2's ``\\b`` is ASCII-only,
    so 'éfoo' matches ``\\bfoo`` only with RE2."""
    part = {"type": "string", "pattern": "\\bfoo", "not": {"pattern": "\\bbar"}, "x-wiki-lint": {"labels": ["Foo"]}}
    write(tmp_path, "base.schema.json", {"$schema": DRAFT, "properties": {"foo": part, "bar": {"allOf": [part]}}})
    plain_base = write(tmp_path, "plain.schema.json", {"properties": {"foo": part}})
    top = write(tmp_path, "top.schema.json", {"$schema": DRAFT, "allOf": [{"$ref": "base.schema.json"}], "properties": {"baz": part}})
    other = write(tmp_path, "other.schema.json", {"allOf": [{"$ref": "plain.schema.json"}, {"$ref": "base.schema.json"}]})
    instances = [{"foo": "éfoo", "bar": "ébar", "baz": "éfoo ébar"}, {"foo": "foo", "bar": "a bar", "baz": "x"}, {"foo": 3}]
    for path in (top, other, plain_base):
        schema = load_schema(path)
        for instance in instances:
            same_errors(schema, instance)
    outcomes = {tuple(map(str, errors(load_schema(top).validator, instance))) for instance in instances}
    assert len(outcomes) == len(instances)


def test_schemas_beyond_the_lite_keywords_use_jsonschema(tmp_path: Path) -> None:
    base = {"$schema": DRAFT, "allOf": [{"$ref": "medical-entry.schema.json"}]}
    cases = {
        "enum.schema.json": {**base, "properties": {"notes": {"enum": ["a", "b"]}}},
        "fragment.schema.json": {"$schema": DRAFT, "allOf": [{"$ref": "medical-entry.schema.json#"}]},
        "id.schema.json": {**base, "$id": (tmp_path / "named.schema.json").as_uri()},
        "anchor.schema.json": {**base, "properties": {"notes": {"$anchor": "notes", "type": "string"}}},
        "boolean.schema.json": {**base, "properties": {"notes": {"allOf": [True]}}},
    }
    for name, document in cases.items():
        path = write(tmp_path, name, document)
        schema = load_schema(path)
        assert not isinstance(schema.validator, LiteValidator), name
        assert [e.validator for e in schema.validator.iter_errors({"notes": "c"})]


def test_a_lite_user_schema_validates_like_jsonschema(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.schema.json",
        {
            "$schema": DRAFT,
            "allOf": [{"$ref": "protein.schema.json"}],
            "required": ["notes"],
            "properties": {"notes": {"type": ["string", "null"], "minLength": 1, "x-wiki-lint": {"headings": ["Notes"]}}},
        },
    )
    schema = load_schema(path)
    for instance in [
        {},
        {"notes": ""},
        {"notes": None},
        {"notes": 1.5, "license": "CC BY-SA 4.0 or similar"},
        {"notes": "ok", "definition": 7},
    ]:
        same_errors(schema, instance)
    assert {Path(file).name for file in schema.files} == {"mine.schema.json", "protein.schema.json", "medical-entry.schema.json"}
