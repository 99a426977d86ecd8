"""Entry types: the protein, disease and drug schemas, how a page's schema is chosen,
and the section-order rule."""

from __future__ import annotations

import bisect
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.check import Settings, check_paths
from wiki_lint.document import Block, Document, Span
from wiki_lint.entry_types import choose_schema, detect_type, first_sentence
from wiki_lint.errors import SchemaError, UsageError
from wiki_lint.readers import read
from wiki_lint.schema import load_schema
from wiki_lint.sources import Source

from support import COMPLETE_MD, SEED, by_name, lint, names, run_cli


def doc_with_lead(lead: str, front_matter: dict[str, object] | None = None) -> Document:
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in (front_matter or {}).items()) + "---\n" if front_matter else ""
    return read(Source("page.md", text + f"# Subject\n\n{lead}\n\n## Function\n\nText.\n"), "markdown")


# --- the schemas --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "added"),
    [("protein", ()), ("disease", ("signs_and_symptoms", "treatment")), ("drug", ("adverse_effects",))],
)
def test_type_schemas_extend_the_medical_entry(name: str, added: tuple[str, ...]) -> None:
    base = load_schema(None)
    schema = load_schema(name)
    assert schema.entry_type == name
    assert schema.required == base.required + added
    assert set(base.parts) <= set(schema.parts)
    assert schema.order[-5:] == ("see_also", "notes", "references", "further_reading", "external_links")


def test_protein_order_follows_the_style_guide() -> None:
    assert load_schema("protein").order[:7] == (
        "gene",
        "protein",
        "tissue_distribution",
        "function",
        "interactions",
        "clinical_significance",
        "history",
    )


def test_disease_function_is_found_as_causes_or_pathophysiology() -> None:
    page = "# Cystic fibrosis\n\nCystic fibrosis is a rare genetic disorder that affects mostly the lungs.\n\n## Causes\n\nCystic fibrosis is caused by mutations in both copies of the CFTR gene.\n"
    found = names(lint(page, schema="disease"))
    assert "missing-part" in found
    missing = {f.part for f in by_name(lint(page, schema="disease"), "missing-part")}
    assert "function" not in missing
    assert {"signs_and_symptoms", "treatment"} <= missing


def test_an_order_naming_no_part_is_a_schema_error(tmp_path: Path) -> None:
    schema = {"allOf": [{"$ref": "medical-entry.schema.json"}], "x-wiki-lint": {"order": ["function", "no_such_part"]}}
    path = tmp_path / "bad.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(SchemaError, match="no_such_part"):
        load_schema(str(path))


def test_meta_schema_rejects_unknown_schema_annotation_keys(tmp_path: Path) -> None:
    schema = {"allOf": [{"$ref": "medical-entry.schema.json"}], "x-wiki-lint": {"ordr": ["function"]}}
    path = tmp_path / "typo.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(SchemaError):
        load_schema(str(path))


# --- choosing the schema ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Interleukin 34 (IL-34) is a protein that in humans is encoded by the IL34 gene.", "protein"),
        ("Penciclovir is an antiviral medication used for the treatment of herpes.", "drug"),
        ("Omaveloxolone, sold under the brand name Skyclarys, is a medication used to treat Friedreich's ataxia.", "drug"),
        ("Cystic fibrosis is a rare genetic disorder that affects mostly the lungs.", "disease"),
        ("Diabetic retinopathy is a diabetes-related eye condition that affects the retina.", "disease"),
        ("Hypertrophic cardiomyopathy is a type of heart disease. It is a protein disorder.", "disease"),
        ("Bevacizumab is a cancer drug that blocks VEGF.", "drug"),
        ("El penciclovir es un medicamento antiviral.", "drug"),
        ("Insulin is a pancreatic hormone that regulates blood glucose.", None),
        ("IL-6 is a cytokine that is involved in disease and inflammation.", None),
        ("Aspirin is used to treat pain.", None),
    ],
)
def test_type_detection_from_the_first_sentence_of_the_lead(lead: str, expected: str | None) -> None:
    detected = detect_type(doc_with_lead(lead))
    assert (detected[0].name if detected else None) == expected


def test_only_the_first_sentence_counts() -> None:
    doc = doc_with_lead("Examplin is a small molecule. It is a drug used to treat gout.")
    assert first_sentence(doc) == "Examplin is a small molecule."
    assert detect_type(doc) is None


def test_infobox_templates_mark_the_type() -> None:
    doc = Document("page.wiki", "wikitext", ["{{Infobox drug", "| name = X", "}}", "X is something."])
    doc.lead = [
        Block("template", "{{Infobox drug\n| name = X\n}}", Span(1, 1, 3, 3)),
        Block("paragraph", "X is something.", Span(4, 1, 4, 16)),
    ]
    assert choose_schema(doc).entry_type == "drug"
    doc = Document("page.html", "html", ["x"], metadata={"infobox": "Ficha de medicamento"})
    assert choose_schema(doc).entry_type == "drug"


def test_precedence_schema_then_type_then_front_matter_then_detection() -> None:
    doc = doc_with_lead("Examplin is a medication used to treat gout.", {"type": "gene"})
    assert choose_schema(doc).entry_type == "protein"  # front matter beats detection
    assert choose_schema(doc, entry_type="disease").entry_type == "disease"  # --type beats front matter
    chosen = choose_schema(doc, schema="my.schema.json", entry_type="disease")
    assert (chosen.schema, chosen.entry_type) == ("my.schema.json", None)  # --schema beats all
    assert choose_schema(doc_with_lead("Examplin is a medication.", {"type": "article"})).entry_type == "drug"
    assert choose_schema(doc_with_lead("Examplin exists.")).schema is None  # the default schema


def test_unknown_type_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown entry type 'vitamin'; choose one of disease, drug, protein"):
        list(check_paths([str(SEED)], Settings(entry_type="vitamin")))


def test_type_flag_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "examplin.md"
    page.write_text("# Examplin\n\nExamplin is a substance.\n", encoding="utf-8")
    as_drug = run_cli("check", "--type", "drug", "--output-format", "json", str(page))
    assert "adverse_effects" in as_drug.stdout
    plain = run_cli("check", "--output-format", "json", str(page))
    assert "adverse_effects" not in plain.stdout
    bad = run_cli("check", "--type", "vitamin", str(page))
    assert bad.returncode == 2 and "unknown entry type 'vitamin'" in bad.stderr


# --- section-order ------------------------------------------------------------------

DRUG = """---
type: drug
---
# Examplin

Examplin is a medication used to treat example disease.

## {0}

Examplin is used for the treatment of example disease in adults.

## {1}

Examplin binds the example receptor and blocks its signalling in the body.

## {2}

Common side effects include headache, nausea and injection site reactions.
"""


def test_section_order_names_the_expected_position() -> None:
    findings = by_name(lint(DRUG.format("Uses", "Pharmacology", "Adverse effects")), "section-order")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.message.startswith("'Adverse effects' should come after 'Uses' and before 'Pharmacology'")
    assert (finding.line, finding.column, finding.part) == (16, 1, "adverse_effects")
    assert finding.hint == "move the 'Adverse effects' section after 'Uses' and before 'Pharmacology'"


def test_sections_in_order_and_unknown_sections_are_not_reported() -> None:
    assert not by_name(lint(DRUG.format("Uses", "Adverse effects", "Pharmacology")), "section-order")
    assert not by_name(lint(DRUG.format("Uses", "Trivia", "Pharmacology")), "section-order")


def test_section_at_the_start_or_end_names_one_neighbour() -> None:
    first = by_name(lint(DRUG.format("Adverse effects", "Uses", "Pharmacology")), "section-order")
    assert [f.message.split(" (")[0] for f in first] == ["'Uses' should come before 'Adverse effects'"]
    page = DRUG.format("Pharmacology", "Uses", "Adverse effects").replace("## Pharmacology", "## References")
    last = by_name(lint(page), "section-order")
    assert [f.message.split(" (")[0] for f in last] == ["'References' should come after 'Adverse effects'"]


def test_subsections_are_not_ordered() -> None:
    page = (
        DRUG.format("Uses", "Adverse effects", "Pharmacology") + "\n### History\n\nFirst made in 1990.\n\n### Medical uses\n\nMore uses.\n"
    )
    assert not by_name(lint(page), "section-order")


def test_base_schema_orders_the_appendix() -> None:
    page = COMPLETE_MD.replace("## See also", "## External links\n\n- https://example.org\n\n## See also")
    findings = by_name(lint(page, schema="medical-entry"), "section-order")
    assert [f.message.split(" (")[0] for f in findings] == ["'External links' should come after 'References'"]


def test_seed_and_complete_sample_are_in_order() -> None:
    seed = lint(SEED.read_text(encoding="utf-8"), fmt="plaintext", path=str(SEED))
    assert "section-order" not in names(seed)
    assert not lint(COMPLETE_MD)


def test_type_flag_wins_over_the_configuration_schema_and_schema_flag_over_both(tmp_path: Path) -> None:
    (tmp_path / ".wiki-lint.toml").write_text('schema = "medical-entry"\n', encoding="utf-8")
    page = tmp_path / "examplin.md"
    page.write_text("---\ntype: drug\n---\n# Examplin\n\nExamplin is a substance.\n", encoding="utf-8")
    configured = run_cli("check", "--output-format", "json", "examplin.md", cwd=tmp_path)
    assert "adverse_effects" not in configured.stdout  # the configuration names the schema
    typed = run_cli("check", "--type", "drug", "--output-format", "json", "examplin.md", cwd=tmp_path)
    assert "adverse_effects" in typed.stdout
    explicit = run_cli("check", "--type", "drug", "--schema", "medical-entry", "--output-format", "json", "examplin.md", cwd=tmp_path)
    assert "adverse_effects" not in explicit.stdout


DRUG_SECTIONS = ["Medical uses", "Contraindications", "Adverse effects", "Overdose", "Interactions", "Pharmacology", "Chemistry", "History"]


def _longest_non_decreasing(ranks: list[int]) -> int:
    tails: list[int] = []
    for rank in ranks:
        index = bisect.bisect_right(tails, rank)
        tails[index : index + 1] = [rank]
    return len(tails)


@given(st.permutations(DRUG_SECTIONS).flatmap(lambda order: st.integers(1, len(order)).map(lambda n: order[:n])))
def test_section_order_reports_the_fewest_moves(headings: list[str]) -> None:
    body = "".join(f"## {heading}\n\nExamplin text about {heading.lower()} for this drug entry.\n\n" for heading in headings)
    found = by_name(lint(f"---\ntype: drug\n---\n# Examplin\n\nExamplin is a medication.\n\n{body}"), "section-order")
    ranks = [DRUG_SECTIONS.index(heading) for heading in headings]
    assert len(found) == len(headings) - _longest_non_decreasing(ranks)
    reported = {f.message.split("'")[1] for f in found}
    kept = [heading for heading in headings if heading not in reported]
    assert kept == sorted(kept, key=DRUG_SECTIONS.index)
