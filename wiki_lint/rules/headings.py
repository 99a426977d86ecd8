"""WL15x: how a part's heading is written."""

from __future__ import annotations

from wiki_lint.edits import replace_span
from wiki_lint.findings import Applicability, Fix, Severity
from wiki_lint.rules.base import Context, Rule
from wiki_lint.schema import normalize_name
from wiki_lint.templates import canonical_heading


class NonCanonicalHeading(Rule):
    """What it does: reports the heading of a schema part written as one of the
    part's aliases rather than its canonical heading: ``Functions`` or ``Biological
    role`` for *Function*, ``Clinical relevance`` for *Clinical significance*.  The
    canonical heading is the first heading the schema lists for the page's language,
    else the first heading it lists.  Case and spacing differences are
    not reported.

    Why it matters: the same part under different headings on different pages makes
    a wiki harder to read and to process; tools that look for ``## Function`` miss it.
    This is a matter of consistency, not correctness, so the rule reports at severity
    ``info``.

    Example: ``## Biological role`` on a page whose schema's function part is
    headed ``Function``.

    How to fix: rename the heading to the canonical one (``--fix`` does this: a safe
    fix that keeps any text after the heading untouched).  The rule is opt-in, since
    an alias is accepted: enable it with ``--extend-select non-canonical-heading`` or
    ``extend-select = ["WL150"]`` in the config when a wiki wants one heading per part.
    """

    code = "WL150"
    name = "non-canonical-heading"
    severity = Severity.INFO
    summary = "A part's heading is an alias, not the schema's canonical heading."
    fixable = True
    default_enabled = False

    def check(self, ctx: Context) -> None:
        for name, found in ctx.entry.found.items():
            spec = ctx.schema.parts.get(name)
            if spec is None or found.via != "heading" or found.section is None:
                continue
            canonical = canonical_heading(spec, ctx.entry.lang)
            heading = found.section.heading
            if canonical is None or normalize_name(heading.text) == normalize_name(canonical):
                continue
            ctx.report(
                NonCanonicalHeading,
                heading.text_span,
                f"heading '{heading.text}' is an alias of the {spec.title} part: expected '{canonical}'",
                hint=f"rename the heading to '{canonical}'",
                part=name,
                fix=Fix(
                    Applicability.SAFE,
                    f"rename the heading to '{canonical}'",
                    (replace_span(heading.text_span, canonical),),
                ),
            )
