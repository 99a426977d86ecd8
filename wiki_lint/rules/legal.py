"""WL3xx: the disclaimer, the credits and the license.

Both rules here are reported by schema validation: the built-in schema's disclaimer
``pattern`` and license ``pattern``/``not`` name them in their ``x-wiki-lint.rules``.
"""

from __future__ import annotations

from wiki_lint.findings import Severity
from wiki_lint.rules.base import Rule


class DisclaimerMissingStatement(Rule):
    """What it does: reports a medical disclaimer that does not state that the page
    is not a substitute for professional medical advice.

    Why it matters: that sentence is the core of every medical disclaimer (HONcode's
    complementarity principle); a disclaimer without it does not protect readers or
    publishers.

    Example: ``Medical Disclaimer: Content may be outdated.``

    How to fix: add "This page is not a substitute for professional medical advice,
    diagnosis or treatment."
    """

    code = "WL301"
    name = "disclaimer-missing-statement"
    severity = Severity.ERROR
    summary = "The disclaimer lacks the 'not a substitute for professional medical advice' statement."
    origin = "schema"


class VagueLicense(Rule):
    """What it does: reports a license statement that does not name one specific
    license with its version: no version number ("CC BY SA"), or an open-ended
    alternative ("or similar", "or other", "etc.").

    Why it matters: reusers can only comply with a license they can identify, and
    CC BY-SA 3.0 and 4.0 differ; a vague statement is no license at all.

    Example: ``Credits: ... licensed under CC BY SA or similar.``

    How to fix: state exactly one license with its version, e.g. "Text is available
    under CC BY-SA 4.0", in a License section, a ``License:`` line or front matter
    ``license: CC-BY-SA-4.0``.  ``--unsafe-fixes`` replaces the statement with the
    configured default license (option ``default-license``, default ``CC-BY-SA-4.0``);
    check that it is the page's real license.
    """

    code = "WL311"
    name = "vague-license"
    severity = Severity.ERROR
    summary = "The license is not one specific license with a version."
    origin = "schema"
    fixable = True
