"""The content rules on the real pages of ``../shared/corpus`` (reference data, read in
place, never copied): the problems domain.md lists are caught where they occur, and
nothing else of the content rules' kind is reported.

The wikitext and HTML readers belong to another part of the project; until they are
merged, these tests give the rules the corpus text through a small stdlib conversion
to Markdown (headings, paragraphs, list items, table rows), or call the rule functions
on the text directly.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wiki_lint.citations import identifiers, named_refs, publication_year
from wiki_lint.prose import plain_text
from wiki_lint.rules.language import detect
from wiki_lint.rules.references import _CITATION_NEEDED

from support import SHARED, lint

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")

CONTENT_RULES = {
    "empty-references",
    "sparse-citations",
    "invalid-identifier",
    "stale-sources",
    "broken-citation",
    "citation-needed",
    "unsourced-statistic",
    "absolute-claim",
    "dosing-instruction",
    "promotional-content",
    "spun-phrase",
    "wrong-language",
    "placeholder",
    "mojibake",
    "truncated-text",
}


class _ToMarkdown(HTMLParser):
    """Article HTML to Markdown: headings, paragraphs, list items, table rows."""

    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in ("script", "style") or "editsection" in classes or dict(attrs).get("id") == "toc":
            self.skip += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self.prefix = "#" * min(int(tag[1]) + 0, 6) + " "
        elif tag in ("p", "div", "br", "ul", "ol", "table"):
            self._flush()
        elif tag == "li":
            self._flush()
            self.prefix = "- "
        elif tag == "tr":
            self._flush()
            self.prefix = "| "
        elif tag in ("td", "th") and self.current:
            self.current.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") or (self.skip and tag in ("span", "table")):
            self.skip = max(0, self.skip - 1)
        elif re.fullmatch(r"h[1-6]|p|li|tr|div", tag):
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.out.append(self.prefix + text + (" |" if self.prefix == "| " else ""))
        self.current, self.prefix = [], ""


def html_to_markdown(html: str, title: str) -> str:
    parser = _ToMarkdown()
    parser.feed(html)
    parser.close()
    parser._flush()
    lines: list[str] = []
    for line in parser.out:
        if line.startswith("| ") and lines and lines[-1].startswith("| ") and not lines[-1].startswith("| ---"):
            if len(lines) < 2 or not lines[-2].startswith("| "):
                lines.append("| --- | --- |")
            lines.append(line)
        else:
            lines += ["", line]
    return f"# {title}\n" + "\n".join(lines) + "\n"


def content_findings(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        start = text.find('id="mw-content-text"')
        page = html_to_markdown(text[start:] if start >= 0 else text, path.stem.replace("_", " "))
    else:
        page = f"# {path.name.split('.')[0]}\n\n" + re.sub(
            r"^(=+)\s*(.*?)\s*\1\s*$", lambda m: "#" * len(m.group(1)) + " " + m.group(2), text, flags=re.M
        )
    return [(f.name, f.message) for f in lint(page, path=path.name + ".md") if f.name in CONTENT_RULES]


# --- wikitext --------------------------------------------------------------------------


def test_english_wikitext_broken_ref_citation_needed_and_stale_sources() -> None:
    text = (CORPUS / "wikitext" / "encephalitozoon-intestinalis.en.wiki").read_text(encoding="utf-8")
    defined, uses = named_refs(text)
    assert sorted({name for name, _, _ in uses} - defined) == ["Doed1998"]
    assert [m.group(0) for m in _CITATION_NEEDED.finditer(text)] == ["{{cn|date=July 2022}}"]
    found = dict(content_findings(CORPUS / "wikitext" / "encephalitozoon-intestinalis.en.wiki"))
    assert set(found) == {"broken-citation", "citation-needed", "stale-sources"}
    assert "'Doed1998'" in found["broken-citation"]
    assert "the newest is from 2019" in found["stale-sources"]


@pytest.mark.parametrize(
    ("name", "language"),
    [("penciclovir.es.wiki", "es"), ("fatty-liver.hy.wiki", "Armenian"), ("omaveloxolone.or.wiki", "Odia")],
)
def test_translated_pages_are_another_language_than_english(name: str, language: str) -> None:
    text = plain_text((CORPUS / "wikitext" / name).read_text(encoding="utf-8"))
    result = detect(text[:4000], "en")
    assert result is not None and result[0] == language
    assert ("wrong-language") in [rule for rule, _ in content_findings(CORPUS / "wikitext" / name)]


def test_translated_page_in_its_own_language_is_fine() -> None:
    text = plain_text((CORPUS / "wikitext" / "penciclovir.es.wiki").read_text(encoding="utf-8"))
    assert detect(text[:4000], "es") is None
    assert detect(plain_text((CORPUS / "wikitext" / "encephalitozoon-intestinalis.en.wiki").read_text(encoding="utf-8")), "en") is None


def test_corpus_identifiers_are_well_formed_and_years_found() -> None:
    text = (CORPUS / "wikitext" / "encephalitozoon-intestinalis.en.wiki").read_text(encoding="utf-8")
    found = identifiers(text)
    assert found and all(ident.valid for ident in found)
    refs = re.findall(r"<ref name=\w+>(.*?)</ref>", text, flags=re.S)
    assert {publication_year(ref, __import__("datetime").date(2026, 11, 26)) for ref in refs} >= {2009, 2010}


# --- rendered HTML, the seed's site ----------------------------------------------------


def test_insulin_page_spun_text_and_owner_promotion() -> None:
    found = content_findings(CORPUS / "html-wikimd" / "Insulin.html")
    rules = [rule for rule, _ in found]
    assert rules.count("spun-phrase") == 1 and rules.count("promotional-content") == 1
    messages = " ".join(message for _, message in found).lower()
    assert "body-fluid glucose" in messages and "founder of w8md" in messages
    assert set(rules) <= {"spun-phrase", "promotional-content"}


def test_diabetic_retinopathy_infobox_placeholders() -> None:
    found = content_findings(CORPUS / "html-wikimd" / "Diabetic_retinopathy.html")
    placeholders = [message for rule, message in found if rule == "placeholder"]
    assert len(placeholders) == 3 and all("'N/A'" in m for m in placeholders)  # Pronounce, Specialty, Deaths
    assert {rule for rule, _ in found} == {"placeholder"}


# --- rendered HTML, clinical notes -------------------------------------------------------


def test_wikem_notes_give_no_claims_language_or_defect_noise() -> None:
    unexpected = {
        "absolute-claim",
        "promotional-content",
        "spun-phrase",
        "wrong-language",
        "mojibake",
        "placeholder",
        "invalid-identifier",
        "broken-citation",
    }
    for path in sorted((CORPUS / "html-wikem").glob("*.html")):
        noisy = [(rule, message) for rule, message in content_findings(path) if rule in unexpected]
        assert noisy == [], path.name


def test_wikem_regimens_and_unsourced_figures_are_found() -> None:
    found = content_findings(CORPUS / "html-wikem" / "ulcerative_stds.html")
    assert "dosing-instruction" in [rule for rule, _ in found]
    found = content_findings(CORPUS / "html-wikem" / "thoracotomy.html")
    assert "unsourced-statistic" in [rule for rule, _ in found]
