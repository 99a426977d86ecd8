"""What scraped and exported wiki pages carry that is not content.

Three recognisers shared by the text readers (plain text, Markdown, wikitext):

* edit markers glued to headings: ``Function[edit]``, ``Function[edit | edit source]``,
  ``[edit] Function`` (older mirrors), and the same in the languages medical wikis use;
* labelled paragraphs: ``Medical Disclaimer: ...``, ``Credits:Most images ...``;
* site chrome lines: the "Translate this page:" language list, "Retrieved from ...",
  "This page was last edited on ...", "Categories: A | B", navigation and share links.

They only recognise; the readers decide what to do with what they find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiki_lint.document import Block, Span
from wiki_lint.prefilter import Lazy

# "[edit]" and its translations as MediaWiki renders them; "edit source" variants after "|".
_EDIT_WORDS = (
    r"edit(?:\s+source)?|editar(?:\s+c[oó]digo(?:-fonte)?)?|modifier(?:\s+le\s+code)?"
    r"|bearbeiten|quelltext\s+bearbeiten|modifica(?:\s+wikitesto)?|bewerken"
    r"|редактировать|править(?:\s+код)?|編集|编辑|ソースを編集"
)
_EDIT_LINK = rf"\\?\[\s*(?:{_EDIT_WORDS})(?:\s*\|\s*(?:{_EDIT_WORDS}))*\s*\\?\]"
_TRAILING_EDIT = re.compile(rf"(?:\s*{_EDIT_LINK})+\s*$", re.IGNORECASE)
_LEADING_EDIT = re.compile(rf"^\s*(?:{_EDIT_LINK}\s*)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EditMarker:
    """An edit marker found in a heading: its text and 0-based [start, end) offsets."""

    text: str
    start: int
    end: int


def split_edit_markers(heading: str) -> tuple[str, list[EditMarker]]:
    """Return the heading text without edit markers, and the markers found.

    Offsets index into ``heading`` as given.  A heading that is nothing but a marker
    keeps its text, so a heading never becomes empty through this.
    """
    markers: list[EditMarker] = []
    start, end = 0, len(heading)
    lead = _LEADING_EDIT.match(heading)
    if lead and lead.end() < len(heading):
        markers.append(EditMarker(heading[lead.start() : lead.end()].strip(), *_strip_offsets(heading, lead.start(), lead.end())))
        start = lead.end()
    trail = _TRAILING_EDIT.search(heading, start)
    if trail and trail.start() > start:
        markers.append(EditMarker(heading[trail.start() : trail.end()].strip(), *_strip_offsets(heading, trail.start(), trail.end())))
        end = trail.start()
    if not markers:
        return heading.strip(), []
    return heading[start:end].strip(), markers


def _strip_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) so it excludes surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A label: one to four words, the first capitalised, then a colon.  "Credits:Most" is a
# glued label (no space after the colon), which editors are told to repair.
_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w'’]*(?:[ \-][\w'’&]+){0,3})[ \t]*:(?P<gap>[ \t]*)(?P<body>\S.*)?$",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph label: the label text, where the body starts, and if it is glued."""

    label: str
    body_offset: int
    glued: bool


def find_label(paragraph: str) -> Label | None:
    """Recognise ``Label: body`` at the start of a paragraph.

    Only the shape is checked here; whether the label names an entry part is for the
    schema to say.  URLs ("http://...") and times ("10:30") are not labels.
    """
    match = _LABEL.match(paragraph)
    if match is None or match.group("body") is None:
        return None
    body = match.group("body")
    if body.startswith("//"):
        return None
    glued = match.group("gap") == "" and body[:1].isalpha()
    return Label(match.group("label").strip(), match.start("body"), glued)


# A label in emphasis: **Credits:** / **Credits**: (Markdown), '\'\'\'Credits:\'\'\'' (wikitext).
_EMPHASIS_LABEL = re.compile(r"^(\*\*|__|\'\'\'|\'\')([^*_'\n]{1,60}?)(:?)\1(:?)\s*")


def labelled_paragraph(text: str, span: Span) -> Block:
    """A paragraph block with its label, if any, recognised (plain or emphasised)."""
    emphasised = _EMPHASIS_LABEL.match(text)
    if emphasised and (emphasised.group(3) or emphasised.group(4)):
        body = text[emphasised.end() :].strip()
        if body:
            return Block("paragraph", text, span, label=emphasised.group(2).strip(), body=body)
    label = find_label(text)
    if label is None:
        return Block("paragraph", text, span)
    body = text[label.body_offset :].strip()
    return Block("paragraph", text, span, label=label.label, body=body, label_glued=label.glued)


# Site chrome, one line at a time.  Each pattern names its kind.
_CHROME_LINES: tuple[tuple[str, Lazy], ...] = (  # each compiled only if used alone (tests)
    ("translation", Lazy(r"^\s*Translate this page\b", re.IGNORECASE)),
    ("navigation", Lazy(r"^\s*(?:Navigation|Main menu|Jump to (?:content|navigation|search))\b.{0,200}$", re.IGNORECASE)),
    ("retrieved-from", Lazy(r"^\s*Retrieved from\s+\S+", re.IGNORECASE)),
    ("last-edited", Lazy(r"^\s*This page was last (?:edited|modified) on\b.{0,80}$", re.IGNORECASE)),
    ("page-views", Lazy(r"^\s*This page has been accessed\s+[\d,.\s]+times\.?\s*$", re.IGNORECASE)),
    ("categories", Lazy(r"^\s*Categor(?:y|ies)\s*:\s*\S.*\|.*$|^\s*Categor(?:y|ies)\s*:\s*[^.]{1,80}$")),
    ("share", Lazy(r"^\s*(?:Share this page|Share on \w+|Print this page|Print/export)\b.{0,80}$", re.IGNORECASE)),
    ("advertising", Lazy(r"^\s*Advertise (?:on|with)\b.{0,120}$", re.IGNORECASE)),
    ("search", Lazy(r"^\s*Search(?:\s+(?:this (?:site|wiki)|WikiMD))?\s*(?:\.\.\.|…)?\s*$", re.IGNORECASE)),
    (
        "footer-links",
        Lazy(r"^\s*(?:Privacy policy|About \w+|Disclaimers|Powered by MediaWiki|Mobile view)(?:\s*[|·•]\s*.*)?$", re.IGNORECASE),
    ),
)

# Lines inside a translation list: a language name ending in a comma, or a region header.
_LANGUAGE_ITEM = Lazy(r"^\s*[^\s.!?:;].{0,38}$")  # only inside a translation list


# All of them as one alternation, tried in the same order (one regex call per line
# instead of one per kind: every paragraph's first line is tested).
_ANY_CHROME = re.compile(
    "|".join(
        f"(?P<k{index}>{'(?i:' if pattern.flags & re.IGNORECASE else '(?:'}{pattern.source}))"
        for index, (_, pattern) in enumerate(_CHROME_LINES)
    )
)


def chrome_kind(line: str) -> str | None:
    """The kind of site chrome ``line`` starts, or ``None`` for content."""
    match = _ANY_CHROME.match(line)
    if match is None or match.lastgroup is None:
        return None
    return _CHROME_LINES[int(match.lastgroup[1:])][0]


def continues_chrome(kind: str, line: str) -> bool:
    """Whether ``line`` continues a chrome block of ``kind`` (a translation list)."""
    if kind != "translation" or not line.strip():
        return False
    stripped = line.strip()
    if stripped.endswith((".", "!", "?", ":", ";")):
        return False
    if split_edit_markers(stripped)[1]:
        return False  # a heading with an edit link ends the language list
    return bool(_LANGUAGE_ITEM.match(stripped)) and len(stripped.split()) <= 5


def chrome_runs(lines: list[str], candidates: range | None = None) -> list[tuple[str, int, int]]:
    """Find chrome blocks as (kind, first, last) 0-based inclusive line indexes.

    Consecutive chrome lines form one block, and a translation list swallows its
    language lines.  ``candidates`` limits which lines may start a block.
    """
    runs: list[tuple[str, int, int]] = []
    indexes = candidates if candidates is not None else range(len(lines))
    i = indexes.start if isinstance(indexes, range) else 0
    stop = indexes.stop if isinstance(indexes, range) else len(lines)
    while i < stop:
        kind = chrome_kind(lines[i])
        if kind is None:
            i += 1
            continue
        first = i
        i += 1
        current = kind  # the kind of the last chrome line: a translation list may follow a footer
        while i < stop:
            started = chrome_kind(lines[i])
            if started is None and not continues_chrome(current, lines[i]):
                break
            current = started or current
            i += 1
        if runs and runs[-1][2] == first - 1:
            runs[-1] = (runs[-1][0], runs[-1][1], i - 1)
        else:
            runs.append((kind, first, i - 1))
    return runs
