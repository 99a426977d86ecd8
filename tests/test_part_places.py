"""Parts found as templates, categories and page metadata (the schema annotations the
wikitext and HTML readers added), and headings per language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiki_lint.errors import SchemaError
from wiki_lint.extract import extract
from wiki_lint.readers import read
from wiki_lint.schema import PartSpec, load_schema
from wiki_lint.sources import Source

from support import by_name, lint


def user_schema(folder: Path, parts: dict[str, object], required: list[str]) -> str:
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [{"$ref": "medical-entry.schema.json"}],
        "properties": parts,
        "required": required,
    }
    path = folder / "drug.schema.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


PAGE = """'''Penciclovir''' is an antiviral medication used for cold sores.

== Mechanism of action ==
It is a nucleoside analogue that stops viral DNA synthesis in infected cells.

[[Category:Antiviral drugs]]
"""


def test_a_part_found_as_a_category(tmp_path: Path) -> None:
    schema = user_schema(
        tmp_path,
        {
            "drug_class": {
                "type": "string",
                "title": "Drug class",
                "pattern": "drugs$",
                "x-wiki-lint": {"categories": ["Antiviral_drugs", "Antibiotics"]},
            }
        },
        ["drug_class"],
    )
    doc = read(Source("Penciclovir.wiki", PAGE), "wikitext")
    found = extract(doc, load_schema(schema)).found["drug_class"]
    assert (found.via, found.value, found.span.line) == ("category", "Antiviral drugs", 6)
    assert "drug_class" not in {f.part for f in lint(PAGE, "wikitext", schema=schema, path="Penciclovir.wiki")}
    missing = lint(
        PAGE.replace("Antiviral drugs", "Vaccines"),
        "wikitext",
        schema=schema,
        path="Penciclovir.wiki",
    )
    assert "a category 'Antiviral_drugs' or 'Antibiotics'" in by_name(missing, "missing-part")[-1].message


def test_template_names_compare_as_mediawiki_does(tmp_path: Path) -> None:
    schema = user_schema(
        tmp_path,
        {"boxed_warning": {"type": "string", "x-wiki-lint": {"templates": ["boxed_warning"]}}},
        ["boxed_warning"],
    )
    for written in (
        "{{Boxed warning}}",
        "{{boxed_warning|liver}}",
        "{{ Template:Boxed  warning }}",
    ):
        found = extract(read(Source("P.wiki", PAGE + written + "\n"), "wikitext"), load_schema(schema)).found
        assert found["boxed_warning"].via == "template", written
    assert "boxed_warning" not in extract(read(Source("P.wiki", PAGE + "{{Boxed warnings}}\n"), "wikitext"), load_schema(schema)).found


def test_a_template_part_is_present_whatever_its_hidden_text(tmp_path: Path) -> None:
    text = PAGE + "{{Medical disclaimer}}\n"
    findings = lint(text, "wikitext", path="Penciclovir.wiki")
    assert "disclaimer" not in {f.part for f in findings}  # no disclaimer-missing-statement either


def test_metadata_part_from_the_html_footer() -> None:
    page = (
        "<html><body><div class='mw-parser-output'><p>X is a drug.</p></div>"
        "<div id='footer'><ul><li id='footer-info-copyright'>Content is available under "
        "<a href='/c'>CC BY-SA 3.0</a> unless otherwise noted.</li></ul></div></body></html>"
    )
    found = extract(read(Source("X.html", page), "html"), load_schema(None)).found["license"]
    assert (found.via, found.value) == ("metadata", "CC BY-SA 3.0")
    assert found.span.column == page.index("Content") + 1


def test_misspelt_annotation_is_a_schema_error(tmp_path: Path) -> None:
    schema = user_schema(tmp_path, {"x": {"type": "string", "x-wiki-lint": {"tempaltes": ["X"]}}}, [])
    with pytest.raises(SchemaError, match="tempaltes"):
        load_schema(schema)


def test_language_headings_with_regional_codes() -> None:
    spec = PartSpec(
        name="references",
        title="References",
        headings=("References",),
        headings_by_lang={"es": ("Referencias",), "pt-BR": ("Referências",)},
    )
    assert spec.heading_names("es-MX") == ("Referencias", "References")
    assert spec.heading_names("PT_br") == ("Referências", "References")
    assert spec.heading_names("de") == ("References",)


def test_messages_name_only_the_places_a_format_has() -> None:
    spec = load_schema(None).parts["license"]
    assert "template" not in spec.describe_sources("en", "markdown")
    assert "template" in spec.describe_sources("en", "wikitext") and "metadata" not in spec.describe_sources("en", "wikitext")
    assert "page metadata 'license'" in spec.describe_sources("en", "html")
