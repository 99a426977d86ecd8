"""Plainly valid configuration tables read without pydantic mean exactly what the
pydantic model makes of them; everything else is left to the model."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.config_fast import KEYS, PlainModel, parse_plain
from wiki_lint.config_model import KEYS as MODEL_KEYS
from wiki_lint.config_model import parse

FIELDS = list(PlainModel.__dataclass_fields__)

_SELECTORS = st.sampled_from(
    ["WL601", "wl6", "WL1", "ALL", "all", "edit-marker", "missing-part", " WL602 ", "WL", "WL9", "WL999", "nope", "", "WL6x"]
)
_OPTION_NAMES = st.sampled_from(["skip-formats", "max_age_years", "max-age-years", "min-words", "min_words", "threshold"])
_OTHER = st.one_of(st.integers(), st.booleans(), st.floats(allow_nan=False), st.none(), st.text(max_size=5))
_STRINGS = st.lists(st.one_of(_SELECTORS, _SELECTORS, st.text(max_size=6)), max_size=4)
_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "select": _STRINGS,
    "extend-select": _STRINGS,
    "ignore": _STRINGS,
    "per-file-ignores": st.dictionaries(st.sampled_from(["drafts/*.md", "*.txt", "a/"]), _STRINGS, max_size=2),
    "severity": st.dictionaries(_SELECTORS, st.sampled_from(["error", "warning", "info", "Error", "fatal"]), max_size=3),
    "schema": st.sampled_from(["protein", "x.schema.json", ""]),
    "schemas": st.dictionaries(st.sampled_from(["*.md", "drugs/"]), st.sampled_from(["drug", "protein"]), max_size=2),
    "exclude": st.lists(st.sampled_from(["drafts/", "*.txt", "!keep.md"]), max_size=3),
    "extend-exclude": st.lists(st.sampled_from(["old/"]), max_size=2),
    "lang": st.sampled_from(["en", "pt-BR", "es_MX", "", "e n"]),
    "rules": st.dictionaries(
        st.sampled_from(["missing-date", "WL203", "stale-page", "sparse-citations", "truncated-text", "WL6", "edit-marker", "nope"]),
        st.one_of(st.dictionaries(_OPTION_NAMES, _OTHER, max_size=2), _OTHER),
        max_size=2,
    ),
}


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from([*KEYS, *KEYS, "extend_select", "selec"]), max_size=5, unique=True))
    table: dict[str, Any] = {}
    for key in keys:
        strategy = _VALUES.get(key, _OTHER)
        table[key] = draw(st.one_of(strategy, strategy, strategy, _OTHER))
    return table


def model_fields(model: Any) -> dict[str, Any]:
    return {name: getattr(model, name) for name in FIELDS}


def test_keys_are_the_models() -> None:
    assert KEYS == MODEL_KEYS


@given(tables())
def test_plain_tables_mean_what_the_model_makes_of_them(table: dict[str, Any]) -> None:
    plain = parse_plain(table)
    if plain is None:
        return
    model = parse(table)
    assert not isinstance(model, list), model
    assert model_fields(plain) == model_fields(model)


def test_generated_tables_reach_both_readers() -> None:
    outcomes = set()

    @given(tables())
    def count(table: dict[str, Any]) -> None:
        outcomes.add(parse_plain(table) is None)

    count()
    assert outcomes == {True, False}


def test_the_documented_examples_are_read_without_pydantic() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    for block in re.findall(r"```toml\n(.*?)```", docs, re.DOTALL):
        document = tomllib.loads(block)
        table = document["tool"]["wiki-lint"] if "tool" in document else document
        plain = parse_plain(table)
        assert plain is not None, block
        assert model_fields(plain) == model_fields(parse(table))


_RULE_KEYS = st.sampled_from(["missing-date", "WL203", "stale-page", "sparse-citations", "truncated-text", "WL6", "edit-marker", "nope"])


@given(st.dictionaries(_RULE_KEYS, st.dictionaries(_OPTION_NAMES, _OTHER, max_size=2), max_size=3))
def test_rule_option_tables_are_read_alike(rules: dict[str, Any]) -> None:
    """Here the plain reader takes every valid table and refuses every invalid one."""
    table = {"rules": rules}
    plain, model = parse_plain(table), parse(table)
    assert (plain is None) == isinstance(model, list), (table, model)
    if plain is not None:
        assert model_fields(plain) == model_fields(model)
