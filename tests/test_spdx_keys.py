"""The SPDX key table answers exactly as license-expression does, and only when it was
made from the installed library (wiki_lint/spdx_keys.py)."""

from __future__ import annotations

from collections.abc import Iterator

import license_expression
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiki_lint import _spdx_table, licenses, spdx_keys

LICENSING = license_expression.get_spdx_licensing()
TABLE_IS_CURRENT = spdx_keys.installed_fingerprint() == _spdx_table.FINGERPRINT


def library_strict(token: str) -> str | None:
    try:
        return str(LICENSING.parse(token, validate=True, strict=True))
    except license_expression.ExpressionError:
        return None


def library_expression(value: str) -> list[str] | None:
    try:
        parsed = LICENSING.parse(value, validate=True)
    except license_expression.ExpressionError:
        return None
    return None if parsed is None else sorted({str(s) for s in LICENSING.license_symbols(parsed)})


def index_names() -> Iterator[str]:
    for entry in license_expression.get_license_index():
        if entry.get("spdx_license_key"):
            yield entry["spdx_license_key"]
            yield from entry.get("other_spdx_license_keys", [])


NAMES = sorted(set(index_names()))


@pytest.fixture
def fresh_table() -> Iterator[None]:
    spdx_keys._table.cache_clear()
    licenses.spdx_key.cache_clear()
    licenses._resolve.cache_clear()
    yield
    spdx_keys._table.cache_clear()
    licenses.spdx_key.cache_clear()
    licenses._resolve.cache_clear()


def test_the_shipped_table_is_in_use_exactly_when_it_matches_the_installed_library() -> None:
    if TABLE_IS_CURRENT:
        assert spdx_keys.main([]) == 0
        assert _spdx_table.KEYS == spdx_keys.generate()
        assert spdx_keys.known("cc-by-sa-4.0") == "CC-BY-SA-4.0"
    else:  # another license-expression: every answer comes from the library
        assert all(spdx_keys.known(name) is None for name in NAMES)


def test_every_key_and_alias_in_any_case_resolves_as_the_library_resolves_it() -> None:
    for name in NAMES:
        for variant in (name, name.lower(), name.upper(), name.title()):
            assert licenses.spdx_key(variant) == library_strict(variant), variant
            assert licenses.parse_expression(variant) == library_expression(variant), variant


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES), st.data())
def test_mixed_case_tokens_resolve_as_the_library_resolves_them(name: str, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    variant = "".join(c.upper() if flip else c.lower() for c, flip in zip(name, flips))
    assert licenses.spdx_key(variant) == library_strict(variant)
    assert licenses.parse_expression(variant) == library_expression(variant)


@pytest.mark.parametrize(
    "value",
    ["CC-BY-SA-4.0 OR GFDL-1.3-or-later", " MIT ", "GPL-2.0+", "Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", "CC-BY-SA-9.9", "MIT AND"],
)
def test_anything_but_one_plain_key_goes_to_the_library(value: str) -> None:
    assert licenses.parse_expression(value) == library_expression(value)
    assert licenses.spdx_key(value) == library_strict(value)


def test_a_table_from_another_library_is_not_used(fresh_table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_spdx_table, "FINGERPRINT", "made from another license-expression")
    assert spdx_keys.known("MIT") is None
    assert licenses.parse_expression("MIT") == ["MIT"]  # from the library
    assert licenses.spdx_key("cc-by-sa-4.0") == "CC-BY-SA-4.0"


def test_a_library_that_cannot_be_found_disables_the_table(fresh_table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spdx_keys, "LIBRARY_FILES", ("no-such-file.py",))
    assert spdx_keys.installed_fingerprint() is None
    assert spdx_keys.known("MIT") is None
