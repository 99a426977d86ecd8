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
