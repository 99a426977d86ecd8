"""The HTML reader: article body, headings without edit links, positions in the raw
HTML, page furniture as chrome, the disclaimer box, footer metadata, categories."""

from __future__ import annotations

from pathlib import Path

from wiki_lint.document import Document, Span
from wiki_lint.extract import extract
from wiki_lint.readers import format_for, read
from wiki_lint.schema import load_schema
from wiki_lint.sources import Source

from support import SAMPLES, by_name, lint, names

EQUIVALENCE = Path(__file__).parent / "pages" / "equivalence"
COMPLETE_HTML = (EQUIVALENCE / "complete" / "Interleukin_6.html").read_text(encoding="utf-8")


def html(text: str, path: str = "page.html") -> Document:
    return read(Source(path, text), "html")


def source_at(text: str, span: Span) -> str:
    lines = text.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    return "\n".join(
        [
            lines[span.line - 1][span.column - 1 :],
            *lines[span.line : span.end_line - 1],
            lines[span.end_line - 1][: span.end_column - 1],
        ]
    )


def test_extensions_select_the_html_reader() -> None:
    assert format_for("a.html") == format_for("b.HTM") == "html"


def test_title_lang_and_sections_of_a_full_page() -> None:
    doc = html(COMPLETE_HTML)
    assert (doc.title, doc.lang) == ("Interleukin 6", "en")
    assert source_at(COMPLETE_HTML, doc.title_span) == "Interleukin 6"
    assert [s.heading.text for s in doc.sections] == [
        "Function",
        "Clinical significance",
        "See also",
        "References",
        "Disclaimer",
        "Credits",
        "License",
    ]
    assert all(s.heading.level == 2 for s in doc.sections)


def test_heading_spans_point_at_the_heading_text_not_the_edit_link() -> None:
    doc = html(COMPLETE_HTML)
    function = doc.sections[0].heading
    assert source_at(COMPLETE_HTML, function.span) == "Function"
    assert function.markers == []  # a rendered page's edit link is not an artifact
    assert not any("edit" in s.heading.text.split() or "[" in s.heading.text for s in doc.sections)


def test_block_text_and_positions_in_the_raw_html() -> None:
    doc = html(COMPLETE_HTML)
    kinds = [b.kind for b in doc.lead]
    assert kinds == ["table", "paragraph"]  # the infobox, then the definition
    lead = doc.lead[1]
    assert lead.text.startswith("Interleukin 6 (IL-6) is a protein that in humans is encoded by the IL6 gene. It acts")
    assert "[1]" not in lead.text  # citation markers are not text
    line, column = lead.position(lead.text.index("protein"))
    assert COMPLETE_HTML.split("\n")[line - 1][column - 1 :].startswith("protein</a>")
    assert source_at(COMPLETE_HTML, lead.span).startswith("<b>Interleukin 6</b>") is False
    assert source_at(COMPLETE_HTML, lead.span).startswith("Interleukin 6</b>")


def test_entities_are_decoded_and_positions_still_exact() -> None:
    text = "<p>A &amp; B&#160;are &lt;linked&gt; here.</p>\n"
    block = html(text).lead[0]
    assert block.text == "A & B are <linked> here."
    assert block.position(block.text.index("B")) == (1, 12)
    assert block.position(block.text.index("<")) == (1, 23)  # the "&lt;" it came from
    assert block.position(block.text.index("here")) == (1, 38)


def test_references_list_infobox_and_navbox() -> None:
    doc = html(COMPLETE_HTML)
    (references,) = [s for s in doc.sections if s.heading.text == "References"]
    assert [b.kind for b in references.blocks] == ["references"]
    assert [r.text[:40] for r in doc.refs] == [
        "Aliyu M, Zohora FT, Anka AU, et al. Inte",
        "Trovato M, Sciacchitano S, Facciolà A, e",
    ]
    assert all(r.kind == "defined" and r.text.endswith(".4940") or r.text.endswith(".109130") for r in doc.refs)
    infobox = next(t for t in doc.templates if t.key == "Infobox")
    assert [(p.name, p.value) for p in infobox.params] == [
        ("Name", "Interleukin 6"),
        ("Symbol", "IL6"),
    ]
    assert source_at(COMPLETE_HTML, infobox.param("Symbol").span) == "IL6"
    assert "Navbox" in [t.key for t in doc.templates]


def test_page_furniture_is_chrome_outside_the_content() -> None:
    doc = html(COMPLETE_HTML)
    kinds = {c.kind for c in doc.chrome}
    assert {"sidebar", "toc", "navbox", "categories", "footer"} <= kinds
    assert all(not c.in_content for c in doc.chrome)
    texts = " ".join(b.text for b in doc.blocks())
    assert "Random article" not in texts and "Contents" not in texts and "IL-1" not in texts
    assert not by_name(lint(COMPLETE_HTML, "html", path="Interleukin_6.html"), "site-chrome")


def test_footer_metadata_and_categories() -> None:
    doc = html(COMPLETE_HTML)
    assert doc.metadata["license"] == "CC BY-SA 4.0"
    assert doc.metadata["last_edited"] == "2025-09-14"
    assert doc.metadata["categories"] == ["Cytokines"]
    assert source_at(COMPLETE_HTML, doc.metadata_spans["license"]).startswith("Content is available under")
    assert source_at(COMPLETE_HTML, doc.categories[0].span) == "Cytokines"


def test_footer_license_is_the_license_part_when_the_page_states_none() -> None:
    page = COMPLETE_HTML.replace(
        '<div class="mw-heading mw-heading2"><h2 id="License">License</h2></div>\n<p>Text is available under <a class="external text" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.\n</p>\n',
        "",
    )
    doc = html(page)
    found = extract(doc, load_schema(None)).found["license"]
    assert (found.via, found.value) == ("metadata", "CC BY-SA 4.0")
    assert "license" not in {f.part for f in lint(page, "html", path="Interleukin_6.html")}


DISCLAIMER_BOX = """<html lang="en"><body><h1 id="firstHeading">Retinopathy</h1>
<div id="mw-content-text"><div class="mw-parser-output">
<div class="editor-card"><div class="label">MEDICAL EDITOR</div>
<p><b>A. Example, MD</b> — Editor-in-Chief</p></div>
<p><b>Retinopathy</b> is damage to the retina of the eye.</p>
<h2>See also</h2><ul><li>Retina</li></ul>
</div>
<div class="page-footer"><center><div>Medical disclaimer</div></center>
<p>This site gives general information. It is not a substitute for professional medical advice.</p></div>
</div></body></html>
"""


def test_disclaimer_and_editor_boxes_are_labelled_parts() -> None:
    doc = html(DISCLAIMER_BOX)
    editor = doc.lead[0]
    assert (editor.label, editor.body) == ("Medical editor", "A. Example, MD — Editor-in-Chief")
    assert [b.text for b in doc.lead[1:]] == ["Retinopathy is damage to the retina of the eye."]  # the box title is gone
    disclaimer = doc.sections[-1].blocks[-1]
    assert disclaimer.label == "Medical disclaimer"
    assert disclaimer.body.startswith("This site gives general information.")
    assert disclaimer.position(disclaimer.text.index("This")) == (9, 4)
    entry = extract(doc, load_schema(None))
    assert entry.found["disclaimer"].via == "label" and entry.found["credits"].via == "label"
    findings = lint(DISCLAIMER_BOX, "html", path="Retinopathy.html")
    # the box is found and states the key sentence; only the elements it lacks are reported
    assert {f.name for f in findings if f.part == "disclaimer"} == {"disclaimer-missing-elements"}
    assert not by_name(findings, "empty-section")  # the disclaimer box is not See also's content, the list is


def test_fragment_without_page_skeleton() -> None:
    text = (
        '<h2><span class="editsection">[<a href="/e">edit</a>]</span> <span class="mw-headline" id="Diagnosis">Diagnosis</span></h2>\n'
        "<p>Ideal:\n</p>\n<ol><li>LDL- &lt;100mg/dl\n</li><li>HDL- &gt;35mg/dl\n</li></ol>\n"
        '<table id="toc" class="toc"><tr><td><div id="toctitle"><h2>Contents</h2></div></td></tr></table>\n'
    )
    doc = html(text, path="wikem/cholesterol_(ldl).html")
    assert doc.title == "cholesterol (ldl)"
    assert [s.heading.text for s in doc.sections] == ["Diagnosis"]
    column = text.index(">Diagnosis<") + 2
    assert doc.sections[0].heading.span == Span(1, column, 1, column + len("Diagnosis"))
    assert [(b.kind, b.text) for b in doc.sections[0].blocks] == [
        ("paragraph", "Ideal:"),
        ("list", "LDL- <100mg/dl\nHDL- >35mg/dl"),
    ]
    assert [c.kind for c in doc.chrome] == ["toc"]


def test_title_falls_back_to_the_title_element_without_site_name() -> None:
    doc = html("<html><head><title>Heparin – WikEM</title></head><body><p>Heparin is an anticoagulant.</p></body></html>")
    assert doc.title == "Heparin"
    assert [b.text for b in doc.lead] == ["Heparin is an anticoagulant."]


def test_loose_text_and_inline_elements_form_a_paragraph() -> None:
    text = "<div>Loose <b>bold</b> text<p>Para.</p>tail words</div>"
    doc = html(text)
    assert [b.text for b in doc.lead] == ["Loose bold text", "Para.", "tail words"]
    tail = doc.lead[2]
    assert tail.position(0) == (1, 40)


def test_html_lang_selects_language_headings() -> None:
    page = '<html lang="es"><body><p><b>Penciclovir</b> es un medicamento antiviral.</p><h2>Referencias</h2><ol class="references"><li>BNF 81.</li></ol></body></html>'
    assert not by_name(lint(page, "html", path="penciclovir.html"), "missing-references")
    assert "missing-references" in names(lint(page.replace('lang="es"', ""), "html", path="penciclovir.html"))


def test_sample_page_is_a_complete_entry() -> None:
    path = SAMPLES / "interleukin-6.html"
    text = path.read_text(encoding="utf-8")
    entry = extract(html(text, str(path)), load_schema(None))
    assert {name: part.via for name, part in entry.found.items()} == {
        "definition": "lead",
        "function": "heading",
        "clinical_significance": "heading",
        "disclaimer": "label",
        "credits": "label",
        "license": "metadata",
        "references": "heading",
        "see_also": "heading",
    }
    assert lint(text, "html", path=str(path)) == []


def test_positions_with_any_line_breaks() -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["<html><body>", "<h2>Function</h2>", "<p>It binds a &amp; b.</p>", "</body></html>"])
        doc = html(text)
        assert doc.sections[0].heading.span == Span(2, 5, 2, 13), repr(newline)
        block = doc.sections[0].blocks[0]
        assert block.span == Span(3, 4, 3, 23) and block.position(block.text.index("b.")) == (3, 21)


def test_rendering_errors_and_unrendered_wikitext() -> None:
    text = (
        "<div class='mw-parser-output'><p>Insulin is a hormone.<sup class='reference'>"
        "<span class='error mw-ext-cite-error'>Cite error: no text for ref a</span></sup></p>\n"
        "<p>{{Infobox drug | name = Insulin</p>\n<p>See [[Glucagon]] and [[Diabetes]].</p>\n"
        "<pre>{{code is fine here}}</pre></div>"
    )
    doc = html(text)
    problems = [(p.rule, p.span.line, p.span.column, p.message.split(": ", 1)[1]) for p in doc.problems]
    assert problems == [
        ("rendering-error", 1, 116, "'Cite error: no text for ref a'"),
        ("rendering-error", 2, 4, "'{{Infobox drug |'"),
        ("rendering-error", 3, 8, "'[[Glucagon]]'"),
    ]
    assert doc.lead[0].text == "Insulin is a hormone."


VECTOR_2022 = """<!DOCTYPE html>
<html lang="en"><head><title>Heparin - Wikipedia</title></head><body>
<div class="vector-header-container"><header class="vector-header"><a href="/">Main page</a></header></div>
<div class="vector-column-start"><div id="vector-toc" class="vector-toc"><a href="#Medical_uses">Medical uses</a></div></div>
<main id="content" class="mw-body">
<div class="vector-page-titlebar"><h1 id="firstHeading" class="firstHeading"><span class="mw-page-title-main">Heparin</span></h1></div>
<div id="bodyContent" class="vector-body"><div id="mw-content-text" class="mw-body-content"><div class="mw-content-ltr mw-parser-output" lang="en">
<div class="shortdescription nomobile noexcerpt noprint searchaux" style="display:none">Anticoagulant medication</div>
<div role="note" class="hatnote navigation-not-searchable">For the class of molecules, see heparan sulfate.</div>
<p><b>Heparin</b> is an anticoagulant used to treat and prevent thrombosis.<sup class="noprint Inline-Template"><i>[citation needed]</i></sup></p>
<div class="mw-heading mw-heading2"><h2 id="Medical_uses">Medical uses</h2><span class="mw-editsection"><a href="/e">edit</a></span></div>
<p>It treats deep vein thrombosis.</p>
<div class="navbox-styles"><style>.x{}</style></div><div role="navigation" class="navbox authority-control"><a href="/a">Authority control</a></div>
</div></div></div></main>
<div class="vector-column-end"><nav class="vector-page-tools-landmark">Tools</nav></div>
<footer id="footer" class="mw-footer"><ul id="footer-info"><li id="footer-info-lastmod"> This page was last edited on March 3, 2025, at 10:00<span class="anonymous-show">&#160;(UTC)</span>.</li>
<li id="footer-info-copyright">Text is available under the <a href="/cc">Creative Commons Attribution-ShareAlike 4.0 License</a>; additional terms may apply.</li></ul></footer>
</body></html>
"""


def test_a_current_wikipedia_layout() -> None:
    doc = html(VECTOR_2022)
    assert doc.title == "Heparin"
    assert [b.text for b in doc.lead] == ["Heparin is an anticoagulant used to treat and prevent thrombosis."]
    assert [s.heading.text for s in doc.sections] == ["Medical uses"]
    assert [b.text for b in doc.sections[0].blocks] == ["It treats deep vein thrombosis."]
    assert {"header", "toc", "sidebar", "notice", "navbox", "footer"} <= {c.kind for c in doc.chrome}
    assert doc.metadata["last_edited"] == "2025-03-03"
    assert doc.metadata["license"] == "Creative Commons Attribution-ShareAlike 4.0 License"
