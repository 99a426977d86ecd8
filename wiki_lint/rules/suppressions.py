"""WL90x: inline suppression comments that do nothing or cannot be understood.

The comments themselves are read and applied by :mod:`wiki_lint.suppressions` after
every other rule has run (these rules have origin ``suppression``): only then is it
known which findings a comment silenced.
"""

from __future__ import annotations

from wiki_lint.findings import Severity
from wiki_lint.rules.base import Rule


class UnusedSuppression(Rule):
    """What it does: reports an inline suppression comment (or one code in it) that
    suppressed no finding: ``<!-- wiki-lint-disable-next-line WL601 -->`` above a
    line without an edit marker, a ``wiki-lint-disable``/``wiki-lint-enable`` range
    or a ``wiki-lint-disable-file`` comment for a code the page never triggers.

    Why it matters: suppressions outlive the problems they hid.  Once the page is
    fixed, a stale comment silently hides the next real problem of that kind at that
    place; reporting it (as ruff's unused-noqa does) keeps suppressions from piling up.

    Example: ``<!-- wiki-lint-disable-next-line edit-marker -->`` above
    ``## Function`` (the ``[edit]`` marker was already removed).

    How to fix: delete the comment, or the unused code from it.  If the suppression
    is still wanted for another code, name that code instead.
    """

    code = "WL901"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "An inline suppression comment suppresses no finding."
    origin = "suppression"


class InvalidSuppression(Rule):
    """What it does: reports an inline comment that starts with ``wiki-lint`` but
    cannot be applied: an unknown directive (``wiki-lint-disabel``), an unknown rule
    code or name, a code prefix where a full code is needed, or a
    ``wiki-lint-enable`` with no open ``wiki-lint-disable`` for that code.

    Why it matters: a suppression with a typo suppresses nothing and would otherwise
    fail silently: the author believes the finding is handled while it still shows
    (or, worse, believes a range is closed while it stays open).

    Example: ``<!-- wiki-lint-disable-next-line WL61 -->`` (no such rule; the
    edit-marker rule is ``WL601``).

    How to fix: correct the directive (``wiki-lint-disable-next-line``,
    ``wiki-lint-disable``, ``wiki-lint-enable``, ``wiki-lint-disable-file``) or the
    code; ``wiki-lint rules`` lists every code and name.
    """

    code = "WL902"
    name = "invalid-suppression"
    severity = Severity.WARNING
    summary = "An inline suppression comment has an unknown directive or code."
    origin = "suppression"
