"""WL4xx: sources and currency."""

from __future__ import annotations

from wiki_lint.findings import Severity
from wiki_lint.rules.base import Context, Rule


class MissingReferences(Rule):
    """What it does: reports a page with no references part at all (no References,
    Sources or Bibliography section, as the schema's ``references`` part defines it).
    A References section that lists nothing is reported as ``empty-references``
    (WL402) instead, and when the schema makes references required, ``missing-part``
    reports it.  The other reference rules (WL402-WL407) are in ``references.py``.

    Why it matters: medical claims must rest on reliable, citable sources (the
    reliable-medical-sources guideline, the JAMA attribution benchmark); a page
    without references cannot be verified.

    Example: the IL-34 seed page: sections Function, Clinical significance, Research
    and See also, and no references anywhere.

    How to fix: add a ``References`` section listing the reviews, guidelines or
    textbooks the page rests on, with PMID or DOI where available.
    """

    code = "WL401"
    name = "missing-references"
    severity = Severity.WARNING
    summary = "The page has no references."

    def check(self, ctx: Context) -> None:
        spec = ctx.schema.parts.get("references")
        if spec is None or "references" in ctx.entry.found or "references" in ctx.schema.required:
            return
        ctx.report(
            MissingReferences,
            ctx.document.file_start(),
            f"the page has no references: expected {spec.describe_sources(ctx.entry.lang, ctx.document.format)} listing its sources",
            hint="add a 'References' section citing reviews, guidelines or textbooks (with PMID or DOI)",
            part="references",
        )
