"""WL2xx: front matter and page metadata."""

from __future__ import annotations

from wiki_lint.findings import Severity
from wiki_lint.rules.base import Rule


class FrontMatterInvalid(Rule):
    """What it does: reports front matter that cannot be used: YAML syntax errors (at
    the line and column YAML names), duplicate keys, front matter that is not a mapping
    of keys to values, and documents that use too many YAML aliases (alias bombs).

    Why it matters: when the front matter does not load, every part declared there
    (license, authors, title) is lost, and YAML silently keeps only the last of two
    duplicate keys.

    Example: ``title: Interleukin 34: a cytokine`` (an unquoted second colon).

    How to fix: correct the YAML at the position given; quote values containing
    ``: `` and remove duplicate keys.
    """

    code = "WL201"
    name = "front-matter-invalid"
    severity = Severity.ERROR
    summary = "The front matter is not valid YAML or not a mapping."
    origin = "reader"
