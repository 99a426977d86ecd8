"""``wiki-lint convert``: a plain-text export becomes a Markdown page beside it."""

from __future__ import annotations

from pathlib import Path

from support import SAMPLES, lint, names, run_cli

from wiki_lint import readers
from wiki_lint.convert import to_markdown
from wiki_lint.schema import load_schema
from wiki_lint.sources import Source

SAMPLE_TXT = SAMPLES / "interleukin-34.txt"


def convert_text(text: str) -> str:
    doc = readers.read(Source("page.txt", text), "plaintext")
    return to_markdown(doc, load_schema(None))


def test_convert_writes_page_md_beside_the_export(tmp_path: Path) -> None:
    page = tmp_path / "interleukin-34.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes())
    result = run_cli("convert", str(page))
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "interleukin-34.md").read_text(encoding="utf-8")
    assert markdown.startswith(
        "---\ntitle: Interleukin 34\n---\n\n# Interleukin 34\n\nInterleukin 34 (IL-34) is a protein"
    )
    for heading in (
        "## Function",
        "## Clinical significance",
        "## Research",
        "## See also",
        "## Disclaimer",
        "## Credits",
    ):
        assert f"\n{heading}\n" in markdown
    assert "\n## Disclaimer\n\nWikiMD is for informational purposes only" in markdown
    assert "\n## Credits\n\nMost images are courtesy of Wikimedia commons" in markdown
    assert (
        "[edit]" not in markdown
        and "Translate this page" not in markdown
        and "Ukrainian" not in markdown
    )
    assert page.read_bytes() == SAMPLE_TXT.read_bytes()  # the export is left as it was


def test_converted_page_has_the_same_parts_and_no_artifacts() -> None:
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    markdown = convert_text(text)
    before = {(f.name, f.part) for f in lint(text, "plaintext")}
    after = {(f.name, f.part) for f in lint(markdown)}
    assert after == before - {("edit-marker", None), ("site-chrome", None), ("glued-label", None)}


def test_every_sentence_of_the_content_is_kept() -> None:
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    markdown = convert_text(text)
    for line in text.splitlines()[1:11]:
        body = (
            line.split(":", 1)[1] if line.startswith(("Medical Disclaimer:", "Credits:")) else line
        )
        assert body.replace("[edit]", "").strip() in markdown


def test_convert_never_overwrites(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes())
    existing = tmp_path / "page.md"
    existing.write_text("mine\n", encoding="utf-8")
    result = run_cli("convert", str(page))
    assert result.returncode == 2 and "already exists; not overwritten" in result.stderr
    assert existing.read_text(encoding="utf-8") == "mine\n"


def test_convert_output_option(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes())
    target = tmp_path / "out" / "entry.md"
    target.parent.mkdir()
    assert run_cli("convert", str(page), "--output", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: Interleukin 34\n")
    assert not (tmp_path / "page.md").exists()


def test_convert_refuses_markdown_and_goes_on_with_other_files(tmp_path: Path) -> None:
    markdown = tmp_path / "a.md"
    markdown.write_text("# A\n", encoding="utf-8")
    page = tmp_path / "b.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes())
    result = run_cli("convert", str(markdown), str(page))
    assert result.returncode == 2 and "only plain-text exports" in result.stderr
    assert (tmp_path / "b.md").exists()


def test_convert_keeps_the_line_ending(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes().replace(b"\n", b"\r\n"))
    run_cli("convert", str(page))
    data = (tmp_path / "page.md").read_bytes()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")


def test_markdown_syntax_at_line_start_is_escaped() -> None:
    text = "Title\nTitle is a thing.\nHistory\n# not a heading.\n1986. A good year.\n> not a quote.\n- a list item\n"
    markdown = convert_text(text)
    assert "\n\\# not a heading.\n" in markdown
    assert "\n1986\\. A good year.\n" in markdown
    assert "\n\\> not a quote.\n" in markdown
    assert "\n- a list item\n" in markdown  # a list stays a list
    doc = readers.read(Source("page.md", markdown), "markdown")
    assert [s.heading.text for s in doc.sections] == ["History"]


def test_a_converted_page_converts_only_once(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE_TXT.read_bytes())
    run_cli("convert", str(page))
    second = run_cli("convert", str(page))
    assert second.returncode == 2
    assert "vague-license" in names(lint((tmp_path / "page.md").read_text(encoding="utf-8")))
