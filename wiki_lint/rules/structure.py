"""WL1xx: the structure of an entry: its parts present, non-empty and well formed.

Most of these are reported by schema validation (origin ``schema``): the schema says
which parts are required and what a well-formed part looks like.  The rest need code:
duplicate headings, empty sections that hold no schema part, and whether the definition
names the page's subject.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from wiki_lint.extract import has_subsections, section_content
from wiki_lint.findings import Severity
from wiki_lint.prefilter import Lazy
from wiki_lint.rules.base import Context, Rule
from wiki_lint.schema import normalize_name

if TYPE_CHECKING:
    from wiki_lint.document import Document


class MissingPart(Rule):
    """What it does: reports each required part of the schema that the page lacks,
    all of them in one run, naming the headings, labels and front matter keys that
    would satisfy it.

    Why it matters: a medical entry without a definition, function, clinical
    significance, disclaimer, credits or license is incomplete for readers and unsafe
    to publish: the disclaimer and the license are legal necessities.

    Example: a page with sections "Function" and "References" but no "Clinical
    significance" section reports ``missing-part`` for ``clinical_significance``.

    How to fix: add the part under one of the names the message lists, e.g. a
    ``## Clinical significance`` section, or extend the schema's aliases if your wiki
    uses another heading.  ``--unsafe-fixes`` inserts the part from the schema's
    template (disclaimer, credits, license) or an empty section with a TODO line, for
    you to review and complete.
    """

    code = "WL101"
    name = "missing-part"
    severity = Severity.ERROR
    summary = "A part the schema requires is missing."
    origin = "schema"
    fixable = True


class EmptySection(Rule):
    """What it does: reports a section whose heading is followed by no content: no
    paragraph, list or table before the next heading of the same or a higher level.

    Why it matters: an empty section promises readers content that is not there; in
    scraped pages it is often a "See also" whose links were lost.

    Example: ``See also[edit]`` directly followed by the disclaimer paragraph.

    How to fix: write the section's content, or delete the heading.
    """

    code = "WL102"
    name = "empty-section"
    severity = Severity.WARNING
    summary = "A section has a heading but no content."

    def check(self, ctx: Context) -> None:
        doc = ctx.document
        parts_by_section = {id(part.section): name for name, part in ctx.entry.found.items() if part.section is not None}
        for index, section in enumerate(doc.sections):
            if section_content(doc, index, ctx.entry) or has_subsections(doc, index):
                continue
            heading = section.heading
            part = parts_by_section.get(id(section))
            if part is not None and _routed_elsewhere(ctx, part):
                continue  # the schema names a more specific rule (e.g. empty-references)
            ctx.report(
                EmptySection,
                heading.span,
                f"section '{heading.text}' is empty: expected content after the heading",
                hint=f"write the '{heading.text}' section or delete its heading",
                part=part,
            )


def _routed_elsewhere(ctx: Context, part: str) -> bool:
    """Whether the schema reports an empty ``part`` as a rule other than empty-section."""
    spec = ctx.schema.parts.get(part)
    rule = spec.rules.get("minLength") if spec is not None else None
    return rule is not None and rule != "empty-section"


class ShortPart(Rule):
    """What it does: reports a part that is present but shorter than the schema's
    ``minLength`` (a fragment rather than a sentence).

    Why it matters: a one-word "Function" section or a two-word definition tells the
    reader nothing and hides that the entry is unfinished.

    Example: ``## Function`` followed by ``Cytokine.``

    How to fix: write at least a full sentence; the message gives the minimum length.
    """

    code = "WL103"
    name = "short-part"
    severity = Severity.WARNING
    summary = "A part is too short to say anything."
    origin = "schema"


class MalformedPart(Rule):
    """What it does: reports a part that breaks a constraint of its schema (a
    ``pattern``, ``enum``, ``type`` ...) for which the schema names no specific rule.

    Why it matters: schemas written for your own entry types state what a
    well-formed part looks like; this is how those constraints are enforced.

    Example: a user schema requiring ``"pattern": "^[A-Z0-9]+$"`` on a ``gene_symbol``
    part whose value is ``il34``.

    How to fix: follow the schema's message; it says what the part should look like.
    """

    code = "WL104"
    name = "malformed-part"
    severity = Severity.ERROR
    summary = "A part breaks a constraint of the schema."
    origin = "schema"


class DuplicateHeading(Rule):
    """What it does: reports a heading whose text repeats an earlier heading under
    the same parent (compared case-insensitively, artifacts stripped).

    Why it matters: two "Function" sections split what belongs together, and tools
    (and wiki-lint) take only the first as the part.

    Example: ``## Function`` on line 5 and again on line 30.

    How to fix: merge the two sections, or rename one.
    """

    code = "WL105"
    name = "duplicate-heading"
    severity = Severity.WARNING
    summary = "The same heading appears twice under one parent."

    def check(self, ctx: Context) -> None:
        seen: dict[tuple[tuple[str, ...], str], int] = {}
        parents: list[tuple[int, str]] = []
        for section in ctx.document.sections:
            heading = section.heading
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            key = (tuple(name for _, name in parents), normalize_name(heading.text))
            if key[1] and key in seen:
                ctx.report(
                    DuplicateHeading,
                    heading.span,
                    f"heading '{heading.text}' repeats the heading on line {seen[key]}: expected each section once",
                    hint="merge the two sections or rename one of them",
                )
            else:
                seen.setdefault(key, heading.span.line)
            parents.append((heading.level, normalize_name(heading.text)))


_ABBREVIATION = Lazy(r"\(([^()]{1,40})\)")


class DefinitionMissingSubject(Rule):
    """What it does: reports a definition (the lead paragraph) that does not name the
    page's subject: its title, the title without a disambiguation in parentheses, an
    abbreviation given in the title, or an alias from front matter ``aliases``.

    Why it matters: the first sentence of an encyclopedic entry says what the subject
    is ("Interleukin 34 (IL-34) is a protein ..."); a lead that never names it is
    usually a paragraph pasted from elsewhere.

    Example: title "Interleukin 34", lead "It is a cytokine that binds CSF-1R."

    How to fix: begin the lead with the subject's name in bold or plain text:
    "Interleukin 34 (IL-34) is ...".  A translated page whose title is only guessed
    from a file name with a language suffix (``fatty-liver.hy.wiki`` without
    ``DISPLAYTITLE``) is not checked: the file name is in another language than the text.
    """

    code = "WL106"
    name = "definition-missing-subject"
    severity = Severity.ERROR
    summary = "The definition does not name the page's subject."

    def check(self, ctx: Context) -> None:
        definition = ctx.entry.found.get("definition")
        title = ctx.entry.title
        if definition is None or not title or not definition.value.strip():
            return
        if _title_from_translated_file_name(ctx.document):
            return  # 'fatty-liver.hy.wiki': the guessed title is not in the page's language
        names = _subject_strings(title, (ctx.document.front_matter or {}).get("aliases"))
        if names_subject_verbatim(definition.value, names):
            return  # the lead holds a name as written: its words are among the lead's
        subjects = [_words(name) for name in names]
        # The subject's words occur consecutively in the definition's.  Words hold no
        # spaces, so this is a substring search: linear even when the title of a
        # plain-text export (its first line) is a whole paragraph.
        text = f" {' '.join(_words(definition.value))} "
        if any(f" {' '.join(subject)} " in text for subject in subjects if subject):
            return
        ctx.report(
            DefinitionMissingSubject,
            definition.value_span,
            f"the definition does not name the subject '{title}': expected the lead to say what '{title}' is",
            hint=f"start the lead with the subject, e.g. '{title} is ...'",
            part="definition",
        )


def _title_from_translated_file_name(doc: Document) -> bool:
    """Whether the title was guessed from a file name that names the page's language."""
    if doc.title_span is not None or (doc.front_matter or {}).get("title") or not doc.lang:
        return False
    stem = doc.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.lower().endswith("." + doc.lang.lower())


def subject_names(title: str, aliases: object = None) -> list[tuple[str, ...]]:
    """The word sequences that count as naming the subject of ``title``."""
    return [_words(name) for name in _subject_strings(title, aliases)]


def _subject_strings(title: str, aliases: object = None) -> list[str]:
    """The names that count as naming the subject of ``title``, as written."""
    names = [title, _ABBREVIATION.sub("", title)]
    names += _ABBREVIATION.findall(title)
    if isinstance(aliases, list):
        names += [a for a in aliases if isinstance(a, str)]
    elif isinstance(aliases, str):
        names.append(aliases)
    return names


def names_subject_verbatim(text: str, names: list[str]) -> bool:
    """Whether ``text``, normalized as :func:`_words` normalizes (NFKC, case-folded,
    separators made spaces), holds one of ``names``' word runs joined by single spaces,
    with no word character on either side: then the words of ``text`` hold the words of
    that name in a row (the same words, so the same after the plural 's' is dropped),
    which is what the rule asks, without splitting all of ``text`` into words.  False
    says nothing (the rule then compares the words)."""
    separators, word_runs = _word_patterns()
    normalized = separators.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    for name in names:
        needle = " ".join(word_runs.findall(separators.sub(" ", unicodedata.normalize("NFKC", name).casefold())))
        index = normalized.find(needle) if needle else -1
        if index < 0:
            continue
        end = index + len(needle)
        if (index == 0 or not _is_word_character(normalized[index - 1])) and (
            end == len(normalized) or not _is_word_character(normalized[end])
        ):
            return True
    return False


def _is_word_character(char: str) -> bool:
    """What ``\\w`` matches (Python's ``re``, str patterns)."""
    return char.isalnum() or char == "_"


def _words(text: str) -> tuple[str, ...]:
    """Lower-cased words with hyphens and underscores as spaces and a plural 's' dropped
    (from words of more than three letters not ending in 'ss')."""
    separators, word_runs = _word_patterns()
    text = separators.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    return tuple([word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word for word in word_runs.findall(text)])


@cache
def _word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Word separators and word runs, compiled on first use (several calls per page)."""
    return re.compile(r"[-_‐–—/]"), re.compile(r"\w+")
