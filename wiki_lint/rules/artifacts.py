"""WL6xx: scrape and export artifacts that are not content."""

from __future__ import annotations

from wiki_lint.artifacts import chrome_kind, continues_chrome
from wiki_lint.document import Chrome, Heading, Span
from wiki_lint.edits import delete_lines
from wiki_lint.findings import Applicability, Edit, Fix, Severity
from wiki_lint.rules.base import Context, Rule

_CHROME_NAMES = {
    "translation": "a 'Translate this page' language list",
    "navigation": "site navigation",
    "retrieved-from": "a 'Retrieved from' footer",
    "last-edited": "a 'This page was last edited' footer",
    "page-views": "a page-view counter",
    "categories": "a category footer",
    "share": "share/print links",
    "advertising": "an advertising link",
    "search": "a search box label",
    "footer-links": "site footer links",
}


class EditMarker(Rule):
    """What it does: reports each heading that carries an edit link left over from
    the rendered page: ``Function[edit]``, ``Function[edit | edit source]``,
    ``[edit] Function``, and the same in other languages (``[editar]``,
    ``[modifier]``, ``[bearbeiten]``).  One finding per heading.

    Why it matters: the marker is part of the wiki's user interface, not the title;
    it breaks heading matching in other tools and reads as noise.

    Example: ``Clinical significance[edit]``.

    How to fix: delete the marker, keeping the heading text (``--fix`` does this: a
    safe fix).
    """

    code = "WL601"
    name = "edit-marker"
    severity = Severity.WARNING
    summary = "A heading carries an '[edit]' link from the rendered page."
    fixable = True

    def check(self, ctx: Context) -> None:
        for section in ctx.document.sections:
            heading = section.heading
            if not heading.markers:
                continue
            span = heading.markers[0].span
            for marker in heading.markers[1:]:
                span = span.cover(marker.span)
            markers = " and ".join(f"'{m.text}'" for m in heading.markers)
            ctx.report(
                EditMarker,
                span,
                f"heading '{heading.text}' carries the edit marker {markers}: expected the heading text alone",
                hint=f"delete {markers} from the heading",
                fix=_strip_markers_fix(ctx.document.lines, heading, markers),
            )


class SiteChrome(Rule):
    """What it does: reports blocks of the website's interface glued into the page
    text: the "Translate this page:" language list, navigation, "Retrieved from ...",
    "This page was last edited on ...", "This page has been accessed N times",
    category footers, share and advertising links.  One finding per block.

    Why it matters: chrome is not content: it bloats the entry, confuses readers of
    the export and every tool that counts words, languages or sections.

    Example: "Translate this page: - East Asian" followed by fifty language names.

    How to fix: delete the block; keep any date or license it states in the page's
    metadata instead.  ``--fix`` deletes it (a safe fix) when every line of the block
    is recognisably chrome; a block that mixes in other lines gets an unsafe fix.
    """

    code = "WL602"
    name = "site-chrome"
    severity = Severity.WARNING
    summary = "Website navigation or footer text is glued into the content."
    fixable = True

    def check(self, ctx: Context) -> None:
        for chrome in ctx.document.chrome:
            if not chrome.in_content:
                continue  # a rendered page's own header, sidebar or footer, where it belongs
            what = _CHROME_NAMES.get(chrome.kind, "site chrome")
            lines = chrome.span.end_line - chrome.span.line + 1
            extent = f"line {chrome.span.line}" if lines == 1 else f"lines {chrome.span.line}-{chrome.span.end_line}"
            ctx.report(
                SiteChrome,
                chrome.span,
                f"site chrome in the content: {what} ({extent}); expected only the entry's own text",
                hint="delete these lines; they belong to the website, not the entry",
                fix=_delete_chrome_fix(ctx.document.lines, chrome, what),
            )


def _strip_markers_fix(lines: list[str], heading: Heading, markers: str) -> Fix | None:
    """Delete each marker and the white space that joins it to the heading text
    (no fix when a marker is not where the reader says, e.g. in a multi-line heading)."""
    edits = []
    for marker in heading.markers:
        text = lines[marker.span.line - 1] if 0 < marker.span.line <= len(lines) else ""
        start, end = marker.span.column - 1, marker.span.end_column - 1
        if marker.span.end_line != marker.span.line or text[start:end] != marker.text:
            return None
        if marker.span.column >= heading.text_span.end_column:  # trailing: "Function [edit]"
            while start > 0 and text[start - 1] in " \t":
                start -= 1
        else:  # leading: "[edit] Function"
            while end < len(text) and text[end] in " \t":
                end += 1
        edits.append(Edit(marker.span.line, start + 1, marker.span.line, end + 1, ""))
    return Fix(Applicability.SAFE, f"delete {markers} from the heading", tuple(edits))


def _delete_chrome_fix(lines: list[str], chrome: Chrome, what: str) -> Fix:
    """Delete the chrome block's lines; safe only when every line is chrome."""
    span: Span = chrome.span
    safe = _all_chrome(lines[span.line - 1 : span.end_line])
    count = span.end_line - span.line + 1
    message = f"delete {what} ({count} line{'s' if count != 1 else ''})"
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    if not safe:
        message += "; review: not every line looks like site chrome"
    return Fix(applicability, message, (delete_lines(lines, span.line, span.end_line),))


def _all_chrome(block: list[str]) -> bool:
    """Whether every line is blank, starts chrome, or continues the chrome above it."""
    kind: str | None = None
    for line in block:
        if not line.strip():
            continue
        kind = chrome_kind(line) or (kind if kind and continues_chrome(kind, line) else None)
        if kind is None:
            return False
    return True
