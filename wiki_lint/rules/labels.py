"""WL60x (labels): a paragraph label glued to its text by a lost space."""

from __future__ import annotations

from wiki_lint.document import Span
from wiki_lint.findings import Applicability, Edit, Fix, Severity
from wiki_lint.rules.base import Context, Rule


class GluedLabel(Rule):
    """What it does: reports the label of a part's paragraph glued to its text with
    no space after the colon, as text exports of rendered pages leave it:
    ``Credits:Most images ...``.  Only labels the schema knows (``Credits``,
    ``Medical Disclaimer``, ``License`` ...) are checked, so times and ratios are
    never reported.

    Why it matters: the glued word reads as a typo, and tools that split the label
    from its text on ``": "`` miss the part.

    Example: ``Credits:Most images are courtesy of Wikimedia commons``.

    How to fix: put one space after the colon: ``Credits: Most images ...``
    (``--fix`` does this: a safe fix).  The rule is opt-in (a cosmetic repair that
    would otherwise add to every scraped page's report): enable it with
    ``--extend-select glued-label`` or ``extend-select = ["WL603"]`` in the config.
    """

    code = "WL603"
    name = "glued-label"
    severity = Severity.WARNING
    summary = "A part's label is glued to its text ('Credits:Most')."
    fixable = True
    default_enabled = False

    def check(self, ctx: Context) -> None:
        for block in ctx.document.blocks():
            if block.label is None or not block.label_glued or not ctx.entry.is_claimed(block):
                continue
            colon = block.text.find(":")
            if colon < 0:
                continue
            line, column = block.position(colon)
            _, after = block.position(colon + 1)
            word = block.body.split(maxsplit=1)[0] if block.body else ""
            ctx.report(
                GluedLabel,
                Span(line, column, line, after + len(word)),
                f"the label '{block.label}:' is glued to its text: expected a space after the colon",
                hint=f"write '{block.label}: {word}'",
                fix=Fix(
                    Applicability.SAFE,
                    "insert a space after the colon",
                    (Edit(line, after, line, after, " "),),
                ),
            )
