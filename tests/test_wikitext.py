"""The wikitext reader: structure, readable text, exact source positions, templates,
references, categories and the reader problems it reports."""

from __future__ import annotations

from wiki_lint.document import Document, Span, template_key
from wiki_lint.readers import format_for, read
from wiki_lint.sources import Source

from support import SAMPLES, by_name, lint, names


def wiki(text: str, path: str = "Interleukin_6.wiki") -> Document:
    return read(Source(path, text), "wikitext")


def source_at(text: str, span: Span) -> str:
    """The source text a one-line span covers."""
    assert span.line == span.end_line
    return text.split("\n")[span.line - 1][span.column - 1 : span.end_column - 1]


PAGE = """{{Infobox protein
| name   = Interleukin 6
| symbol = IL6
}}
'''Interleukin 6''' (IL-6) is a [[protein]] encoded by the ''IL6'' [[gene]].<ref name="t">Tanaka 2014.</ref>

A second lead paragraph
that spans two lines.<ref name="t" />

== Function ==
<!--T:1-->
It stimulates the [[acute-phase response|acute phase]] &amp; fever.

=== Signalling {{anchor|sig}} ===
* first item
* second [[item]]

== References ==
{{Reflist}}

[[Category:Cytokines]]
[[Category:Human proteins|IL6]]
"""


def test_extensions_select_the_wikitext_reader() -> None:
    assert {format_for(f"p{ext}") for ext in (".wiki", ".wikitext", ".mediawiki", ".WIKI")} == {"wikitext"}


def test_sections_levels_and_exact_heading_spans() -> None:
    doc = wiki(PAGE)
    assert [(s.heading.text, s.heading.level) for s in doc.sections] == [
        ("Function", 2),
        ("Signalling", 3),
        ("References", 2),
    ]
    function, signalling, _ = doc.sections
    assert function.heading.span == Span(10, 1, 10, 15)
    assert source_at(PAGE, function.heading.text_span) == "Function"
    assert source_at(PAGE, signalling.heading.text_span) == "Signalling"  # the nested template is not text
    assert signalling.heading.raw == "Signalling {{anchor|sig}}"


def test_lead_blocks_are_readable_text_mapped_to_the_source() -> None:
    doc = wiki(PAGE)
    infobox, first, second = doc.lead
    assert infobox.kind == "template" and infobox.span == Span(1, 1, 4, 3)
    assert first.text == "Interleukin 6 (IL-6) is a protein encoded by the IL6 gene."
    assert first.span == Span.of_line(doc.lines, 5)  # the citation is part of the paragraph's source
    assert first.position(first.text.index("protein")) == (
        5,
        PAGE.split("\n")[4].index("protein") + 1,
    )
    assert second.text == "A second lead paragraph that spans two lines."
    assert second.position(second.text.index("that")) == (8, 1)


def test_links_entities_lists_and_markers() -> None:
    doc = wiki(PAGE)
    function, signalling, references = doc.sections
    assert [b.kind for b in function.blocks] == ["paragraph"]  # the translation marker is no block
    assert function.blocks[0].text == "It stimulates the acute phase & fever."
    assert doc.metadata["translation_markers"] == 1
    assert signalling.blocks[0].kind == "list"
    assert signalling.blocks[0].text == "first item\nsecond item"
    assert [b.kind for b in references.blocks] == ["template"]


def test_templates_with_parameter_spans() -> None:
    doc = wiki(PAGE)
    assert [t.key for t in doc.templates] == ["Infobox protein", "Anchor", "Reflist"]
    infobox = doc.templates[0]
    assert [(p.name, p.value) for p in infobox.params] == [
        ("name", "Interleukin 6"),
        ("symbol", "IL6"),
    ]
    assert infobox.param("Symbol").span == Span(3, 12, 3, 15)
    assert source_at(PAGE, infobox.param("name").span) == "Interleukin 6"
    assert doc.templates[1].params[0].name == "1"


def test_refs_and_categories() -> None:
    doc = wiki(PAGE)
    assert [(r.name, r.kind, r.text) for r in doc.refs] == [
        ("t", "defined", "Tanaka 2014."),
        ("t", "reused", ""),
    ]
    assert source_at(PAGE, doc.refs[1].span) == '<ref name="t" />'
    assert [c.name for c in doc.categories] == ["Cytokines", "Human proteins"]
    assert doc.categories[1].span == Span(22, 1, 22, 32)
    assert doc.problems == []


def test_template_names_compare_as_mediawiki_does() -> None:
    assert template_key("medical_disclaimer") == "Medical disclaimer"
    assert template_key("  Template:cite   web ") == "Cite web"


def test_title_from_file_stem_language_suffix_and_displaytitle() -> None:
    assert wiki("Text.", path="wiki/Interleukin_6.wiki").title == "Interleukin 6"
    spanish = wiki("Texto.", path="penciclovir.es.wiki")
    assert (spanish.title, spanish.lang) == ("penciclovir", "es")
    assert wiki("Text.", path="draft.old.wiki").title == "draft.old"
    assert wiki("Text.", path="x.pt-br.wiki").lang == "pt-br"
    shown = wiki("{{DISPLAYTITLE:''Interleukin'' 6}}\nText.", path="x.wiki")
    assert shown.title == "Interleukin 6" and shown.title_span == Span(1, 1, 1, 35)


def test_translate_wrappers_keep_their_headings() -> None:
    doc = wiki("<languages/>\n<translate>\n== Function ==\nIt works.\n</translate>\n")
    assert [s.heading.text for s in doc.sections] == ["Function"]
    assert doc.sections[0].heading.span == Span(3, 1, 3, 15)
    assert doc.sections[0].blocks[0].text == "It works."


def test_headings_inside_a_div_wrapper_are_headings() -> None:
    doc = wiki('<div class="box">\n== Disclaimer ==\nNot a substitute for medical advice.\n</div>\n')
    assert [s.heading.text for s in doc.sections] == ["Disclaimer"]
    assert doc.sections[0].blocks[0].text == "Not a substitute for medical advice."


def test_comment_only_block_and_magic_words_are_not_content() -> None:
    doc = wiki("Lead text here.\n\n== See also ==\n<!-- to do -->\n\n{{DEFAULTSORT:X}}\n__NOTOC__\n")
    assert [b.kind for b in doc.sections[0].blocks] == ["comment"]
    findings = lint("It is.\n\n== See also ==\n<!-- to do -->\n", "wikitext", path="T.wiki")
    assert "empty-section" in names(findings)


def test_unbalanced_markup_is_reported_once_per_kind_at_its_place() -> None:
    text = "Lead {{cite web|title=x\n\nMore [[link and <ref>open\n"
    doc = wiki(text)
    problems = {p.message.split(":")[1].strip().split(" ")[0]: p.span for p in doc.problems}
    assert problems["'{{'"] == Span(1, 6, 1, 8)
    assert problems["'[['"] == Span(3, 6, 3, 8)
    assert problems["'<ref>'"] == Span(3, 17, 3, 22)
    findings = lint(text, "wikitext", path="T.wiki")
    assert {f.code for f in by_name(findings, "unbalanced-markup")} == {"WL002"}


def test_undefined_reused_reference_is_a_finding() -> None:
    text = "It is a parasite.<ref name=Doed1998/> Defined.<ref name=ok>Book.</ref><ref name=ok/>\n"
    found = by_name(lint(text, "wikitext", path="T.wiki"), "undefined-reference")
    assert [(f.code, f.line, f.column, f.end_column) for f in found] == [("WL003", 1, 18, 38)]
    assert "Doed1998" in found[0].message


def test_list_defined_references_count_as_defined() -> None:
    text = "Claim.<ref name=a/>\n\n== References ==\n{{Reflist|refs=\n<ref name=a>Book.</ref>\n}}\n"
    assert not by_name(lint(text, "wikitext", path="T.wiki"), "undefined-reference")


def test_infobox_then_text_without_blank_line_are_two_blocks() -> None:
    doc = wiki("{{Infobox disease\n|name=X\n}}\n'''X''' is a disease of the liver.\n")
    assert [b.kind for b in doc.lead] == ["template", "paragraph"]
    assert doc.lead[1].span.line == 4


def test_disclaimer_template_is_the_disclaimer_part() -> None:
    text = (
        "'''Interleukin 6''' is a protein encoded by the IL6 gene in humans.\n\n"
        "== See also ==\n* [[Interleukin 34]]\n{{Medical_disclaimer}}\n\n"
        "== References ==\n{{reflist}}\n"
    )
    findings = lint(text, "wikitext", path="Interleukin_6.wiki")
    parts = {f.part for f in findings if f.name == "missing-part"}
    assert "disclaimer" not in parts
    assert not by_name(findings, "disclaimer-missing-statement")
    assert not by_name(findings, "empty-section")  # {{reflist}} is the References section's content
    assert not by_name(findings, "missing-references")


def test_heading_matching_ignores_case_and_unicode_form() -> None:
    text = "'''X''' is a protein that does things.\n\n== ＦＵＮＣＴＩＯＮ ==\nIt binds a receptor and signals through the JAK pathway.\n"
    findings = lint(text, "wikitext", path="X.wiki")
    assert "function" not in {f.part for f in by_name(findings, "missing-part")}


def test_language_headings_from_file_suffix_or_option() -> None:
    text = "'''El penciclovir''' es un medicamento antiviral.\n\n== Referencias ==\n<references />\n"
    spanish = lint(text, "wikitext", path="penciclovir.es.wiki")
    assert not by_name(spanish, "missing-references")
    unknown = lint(text, "wikitext", path="penciclovir.wiki")
    assert by_name(unknown, "missing-references")
    assert not by_name(lint(text, "wikitext", path="penciclovir.wiki", lang="es-MX"), "missing-references")


def test_pasted_site_chrome_is_chrome_not_content() -> None:
    text = "It is a protein.\n\n== See also ==\n* [[X]]\n\nRetrieved from https://wiki.example.org/X\n"
    doc = wiki(text)
    assert [(c.kind, c.span.line, c.in_content) for c in doc.chrome] == [("retrieved-from", 6, True)]
    assert [b.kind for b in doc.sections[0].blocks] == ["list"]
    assert by_name(lint(text, "wikitext", path="X.wiki"), "site-chrome")


def test_sample_page_is_a_complete_entry() -> None:
    path = SAMPLES / "interleukin-6.wiki"
    doc = read(Source(str(path), path.read_text(encoding="utf-8")), "wikitext")
    assert doc.title == "Interleukin 6"
    assert [s.heading.text for s in doc.sections][:3] == [
        "Function",
        "In muscle",
        "Clinical significance",
    ]
    assert lint(path.read_text(encoding="utf-8"), "wikitext", path=str(path)) == []


def test_named_reference_defined_twice_differently() -> None:
    text = (
        "A.<ref name=a>Book one.</ref> B.<ref name=a>Book one.</ref> C.<ref name=a>Book two.</ref>\n"
        "D.<ref name=b>Same.</ref> E.<ref name=b> Same. </ref>\n"
    )
    found = by_name(lint(text, "wikitext", path="T.wiki"), "conflicting-reference")
    assert [(f.code, f.line, f.column) for f in found] == [("WL004", 1, 63)]
    assert "first on line 1" in found[0].message


def test_rendered_html_pasted_into_wikitext() -> None:
    text = (
        'Claim.<ref>{{cite web|title=T}}<cite class="citation web cs1" data-ve-ignore="true">'
        '"T" <span class="cs1-format">(PDF)</span></cite></ref>\n'
        '<span typeof="mw:Transclusion" data-mw="{}">x</span> <span class="plainlinks">ok</span>\n'
    )
    doc = wiki(text)
    rendered = [p for p in doc.problems if p.rule == "rendered-html-in-wikitext"]
    assert [(p.span.line, p.span.column) for p in rendered] == [
        (1, 32),
        (2, 1),
    ]  # the nested span is not reported again
    assert "data-ve-ignore" in rendered[0].message
    assert doc.refs[0].text == '"T" (PDF)'  # the readable text still comes through
    assert {f.code for f in by_name(lint(text, "wikitext", path="T.wiki"), "rendered-html-in-wikitext")} == {"WL610"}
