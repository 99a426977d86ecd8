"""The built-in schemas known to pass the schema checks, by content.

Checking a schema against the JSON Schema 2020-12 meta-schema and
``wiki-lint.meta.schema.json`` needs jsonschema, whose import costs more than checking
a page, and compiling every ``pattern`` with RE2 up front costs milliseconds; the
built-in schemas do not change between runs, so they are checked by the test suite
(``tests/test_schema_lite.py``, which also says how to update this file) instead of in
every process (a pattern is still compiled when it is first used).  A schema text is trusted only when its SHA-256 is
listed here *and* the meta-schema is the one it was checked against; any other text
(a user's schema, an edited built-in one) is meta-checked when it is loaded.
"""

from __future__ import annotations

# sha256 of wiki-lint.meta.schema.json when the digests below were checked
META_SCHEMA_SHA256 = "17c918152ec380ab7c009a32b0e90c0ab76e385e75a10f873a6fa149286b7baa"

# sha256 of each built-in entry schema's text (disease, drug, medical-entry, protein)
BUILTIN_SHA256 = frozenset(
    {
        "767ed2427d9f8806b18ce48136fb327f7792071dc8ec6db40b4789f38b948623",
        "ad1bc838cb52f1e5e8c96a84e5b88d6381162ee73dd3253741a5a3b5886122cc",
        "131ede725191ef0a49094430d7cf7f5868461bf9df6f1cbd21b146342c35665f",
        "d99e740e9b7a6c1582ae5e725eaa88d7e5a7393e264f4de121c4e605be4181aa",
    }
)
