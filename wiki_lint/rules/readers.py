"""WL0xx: input the wikitext and HTML readers could not fully make sense of.

These rules have origin ``reader``: the reader notices the problem while parsing and
records a :class:`~wiki_lint.document.ReaderProblem`; the check step reports it.
"""

from __future__ import annotations

from wiki_lint.findings import Severity
from wiki_lint.rules.base import Rule


class UnbalancedMarkup(Rule):
    """What it does: reports wikitext markup that is opened and never closed (or
    closed and never opened): ``{{`` without ``}}``, ``[[`` without ``]]``, a
    ``<ref>`` without ``</ref>``, a ``<!--`` without ``-->``.  One finding per kind of
    problem, at its first occurrence.

    Why it matters: MediaWiki shows unbalanced markup as raw text on the page, and an
    unclosed comment or citation hides everything after it, so whole sections vanish
    from the rendered entry.

    Example: ``{{Infobox drug | name = Penciclovir`` with no closing ``}}``.

    How to fix: close the markup where it should end, or delete the stray characters.
    """

    code = "WL002"
    name = "unbalanced-markup"
    severity = Severity.WARNING
    summary = "Wikitext markup is opened and never closed."
    origin = "reader"


class MarkupTooUnbalanced(Rule):
    """What it does: reports a page with so much markup that is opened and never
    closed that parsing it as written would take time that grows with the square of
    its size: in wikitext, thousands of ``<div>``, ``{{x|``, ``[[x|``, ``{|`` or
    ``<!--`` that never close; in HTML, thousands of start tags that never end with
    ``>`` (``<span title="x``).  The reader then reads each of them as plain text, as
    the wiki or the browser shows it, and says how many there were, at the first one.

    Why it matters: such a page is broken (a bad merge, a bot or a paste gone wrong);
    the stray markup shows as raw text, and the templates, links, tables or elements
    meant to be opened there are missing from the entry.

    Example: a wikitext page whose lead is ``<div>`` repeated 10,000 times and never
    closed.

    How to fix: delete the stray openers, or close the markup where it should end.
    """

    code = "WL011"
    name = "markup-too-unbalanced"
    severity = Severity.WARNING
    summary = "So much markup is never closed that it is read as plain text."
    origin = "reader"


class UndefinedReference(Rule):
    """What it does: reports a reused citation ``<ref name="x" />`` whose name is not
    defined anywhere on the page (no ``<ref name="x">...</ref>``, in the text or in
    ``{{Reflist|refs=...}}``).  One finding per missing name, at its first use.

    Why it matters: MediaWiki renders such a citation as a red "Cite error"; the
    claim it supports has no source at all.

    Example: ``It can cause microsporidiosis.<ref name=Doed1998/>`` on a page where
    ``Doed1998`` is never defined.

    How to fix: give the full citation once as ``<ref name="x">...</ref>`` (the first
    use is the usual place), or correct the name to one that is defined.
    """

    code = "WL003"
    name = "undefined-reference"
    severity = Severity.WARNING
    summary = "A reused citation names a reference that is never defined."
    origin = "reader"


class ConflictingReference(Rule):
    """What it does: reports a named citation defined twice with different content:
    ``<ref name="x">A</ref>`` and later ``<ref name="x">B</ref>``.  One finding per
    name, at the second definition.

    Why it matters: MediaWiki keeps only one of them and shows a red cite error; the
    reader cannot tell which source supports which claim.  Translated and merged pages
    often carry such copies.

    Example: ``<ref name="AHFS2021">{{cite web|...}}</ref>`` in the lead and again, with a
    rendered ``<cite>`` copy inside, in the next paragraph.

    How to fix: define the citation once and reuse it as ``<ref name="x" />``; if the
    two are different sources, give them different names.
    """

    code = "WL004"
    name = "conflicting-reference"
    severity = Severity.WARNING
    summary = "A named citation is defined twice with different content."
    origin = "reader"


class RenderedHtmlInWikitext(Rule):
    """What it does: reports elements in wikitext that are MediaWiki's rendered output,
    not source: ``<cite class="citation web cs1" data-ve-ignore="true">``, elements with
    Parsoid or VisualEditor attributes (``data-mw``, ``typeof="mw:..."``,
    ``about="#mwt..."``), rendered citation markers and reference lists
    (``class="reference"``, ``id="cite_note-..."``).  One finding per outermost element.

    Why it matters: the rendered copy shows up next to what the template already
    renders (a citation printed twice), or as raw markup; it comes from copying a
    rendered page or from translation tools, and hides what the source really says.

    Example: ``<ref>{{Cita web|título=Penciclovir}}<cite class="citation web cs1"
    data-ve-ignore="true">"Penciclovir"</cite></ref>``.

    How to fix: delete the element and keep the template or markup that renders it.
    """

    code = "WL610"
    name = "rendered-html-in-wikitext"
    severity = Severity.WARNING
    summary = "Rendered HTML output is pasted into the wikitext source."
    origin = "reader"


class RenderingError(Rule):
    """What it does: reports what went wrong when MediaWiki rendered the page, as the
    rendered HTML shows it: its error messages (``Cite error: ...``, ``Lua error``,
    ``Expression error``, marked ``class="error"``) and wikitext that did not render and
    is shown as text (``{{Infobox drug | name = ...``, ``[[Insulin]]``, ``<ref>``).  One
    finding per error message, and at most one per block for unrendered wikitext.

    Why it matters: readers see the error or the raw markup instead of the content: a
    citation that is missing, an infobox that never appeared.

    Example: ``<span class="error mw-ext-cite-error">Cite error: The named reference
    "AHFS2021" was invoked but never defined</span>``.

    How to fix: correct the page's wikitext where the message points (define the
    citation, close the template) and re-render the page.
    """

    code = "WL611"
    name = "rendering-error"
    severity = Severity.WARNING
    summary = "The rendered page shows a MediaWiki error or wikitext that did not render."
    origin = "reader"
