"""A one-page run (the pre-commit case) imports only what it needs.

Each case runs ``wiki-lint check`` in a fresh interpreter and lists the modules it
imported: jsonschema, referencing, pydantic, PyYAML and tomllib cost more to import
than checking a page, so they must stay out unless the run needs them (a schema or a
configuration beyond the lite readers, front matter beyond plain ``key: value``).
Correctness only: no timing is asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PAGE = """---
title: Interleukin 99
type: protein
lang: en
authors: [A. Example, B. Example]
last_reviewed: 2025-09-14
license: CC-BY-SA-4.0
---
# Interleukin 99

Interleukin 99 (IL-99) is a protein that in humans is encoded by the IL99 gene.

## Function

IL-99 is a cytokine that promotes the survival of monocytes and macrophages in tissue.

## Clinical significance

Raised levels of IL-99 have been reported in several inflammatory diseases of the joints.
"""

# Imported only when a run needs them.
LAZY = {
    "jsonschema",
    "referencing",
    "pydantic",
    "yaml",
    "tomllib",
    "wiki_lint.config_model",
    "wiki_lint.schema_tools",
    "wiki_lint.readers.html",
    "wiki_lint.readers.wikitext",
    "wiki_lint.readers.plaintext",
    "wiki_lint.fix",
    "wiki_lint.convert",
    "license_expression",  # a plain SPDX key is answered by wiki_lint/_spdx_table.py
}

_RUN = """
import contextlib, io, json, sys
from wiki_lint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}))
"""


def imported(folder: Path, *args: str) -> set[str]:
    """The modules a ``wiki-lint`` run with ``args`` in ``folder`` imported."""
    result = subprocess.run([sys.executable, "-c", _RUN, *args], cwd=folder, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["exit"] in (0, 1), result.stderr
    return set(report["modules"])


def project(tmp_path: Path, page: str = PAGE) -> Path:
    (tmp_path / ".git").mkdir()  # the project root: the cache goes here, no configuration above it counts
    (tmp_path / "page.md").write_text(page, encoding="utf-8")
    return tmp_path


def test_one_page_imports_no_heavy_library(tmp_path: Path) -> None:
    modules = imported(project(tmp_path), "check", "--no-cache", "page.md")
    assert {"wiki_lint.rules", "markdown_it"} <= modules  # the page was really checked
    assert not LAZY & modules
    assert not {"wiki_lint.cache", "hashlib"} & modules  # no cache, no OpenSSL


def test_a_plain_configuration_needs_no_pydantic(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / ".wiki-lint.toml").write_text('select = ["WL1", "edit-marker"]\nignore = ["WL105"]\n', encoding="utf-8")
    modules = imported(folder, "check", "--no-cache", "page.md")
    assert "tomllib" in modules and "wiki_lint.rules" in modules
    assert not (LAZY - {"tomllib"}) & modules


def test_cache_present_and_page_changed_imports_no_heavy_library(tmp_path: Path) -> None:
    folder = project(tmp_path)
    imported(folder, "check", "page.md")
    assert (folder / ".wiki-lint-cache").is_dir()
    (folder / "page.md").write_text(PAGE + "\nMore text about IL-99 in the blood.\n", encoding="utf-8")
    modules = imported(folder, "check", "page.md")
    assert "wiki_lint.rules" in modules
    assert not LAZY & modules


def test_a_cached_page_needs_neither_rules_nor_parser(tmp_path: Path) -> None:
    folder = project(tmp_path)
    imported(folder, "check", "page.md")
    modules = imported(folder, "check", "page.md")
    assert not {"wiki_lint.rules", "wiki_lint.extract", "markdown_it"} & modules
    assert not LAZY & modules


def test_what_is_needed_is_still_imported(tmp_path: Path) -> None:
    """The lazy paths give way: quoted front matter needs PyYAML, a schema keyword
    beyond the lite validator needs jsonschema."""
    folder = project(tmp_path, PAGE.replace("title: Interleukin 99", "title: 'Interleukin 99'"))
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [{"$ref": "medical-entry.schema.json"}],
        "properties": {"notes": {"enum": ["a", "b"]}},
    }
    (folder / "mine.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    modules = imported(folder, "check", "--no-cache", "--schema", "mine.schema.json", "page.md")
    assert {"yaml", "jsonschema"} <= modules
    assert "pydantic" not in modules
