"""WL302: the elements of a complete medical disclaimer.

WL301 (``disclaimer-missing-statement``, reported by the schema) checks the core
statement, "not a substitute for professional medical advice"; this rule checks the
other elements a complete disclaimer states (see :mod:`wiki_lint.disclaimer`), and
reports those missing in one finding.
"""

from __future__ import annotations

from wiki_lint.disclaimer import ALL_IDS, BY_ID, elements_present
from wiki_lint.errors import UsageError
from wiki_lint.findings import Severity
from wiki_lint.rules import options
from wiki_lint.rules.base import Context, Rule

DEFAULT_REQUIRED: tuple[str, ...] = ALL_IDS


class DisclaimerMissingElements(Rule):
    """What it does: reports a medical disclaimer that lacks elements of a complete
    disclaimer, naming every missing one in one finding.  The elements are: informational
    purpose, not a substitute for professional advice, may be inaccurate or outdated,
    consult a professional, emergency instruction, liability limit, link to the full
    text.  They are recognised as statements in English, Spanish, French, German and
    Portuguese.  Which are required is the option ``required`` (a list of element ids:
    ``purpose``, ``not-a-substitute``, ``accuracy``, ``consult``, ``emergency``,
    ``liability``, ``full-text-link``; default: all).  A missing "not a substitute"
    statement is left to ``disclaimer-missing-statement`` (WL301) when the schema
    checks it, so it is not reported twice.

    Why it matters: HONcode's complementarity principle and the disclaimers of the
    large medical wikis say all of these; a reader in an emergency must be told to call
    for help, not to read on, and a publisher without a liability limit is exposed.

    Example: the IL-34 seed's "Medical Disclaimer: ... for informational purposes only
    ... not liable ... See full disclaimer." has no emergency instruction.

    How to fix: add the missing sentences, e.g. "In a medical emergency, call your local
    emergency number immediately."  To require fewer elements, configure
    ``required = ["purpose", "not-a-substitute", "consult", "emergency"]``.
    """

    code = "WL302"
    name = "disclaimer-missing-elements"
    severity = Severity.WARNING
    summary = "The disclaimer lacks elements of a complete medical disclaimer."

    def check(self, ctx: Context) -> None:
        required = required_elements(options.text_list(ctx, DisclaimerMissingElements, "required"))
        disclaimer = ctx.entry.found.get("disclaimer")
        if disclaimer is None or not disclaimer.value.strip() or disclaimer.via == "template":
            return  # a boilerplate template renders the site's full disclaimer: its text is not here to check
        spec = ctx.schema.parts.get("disclaimer")
        if spec is not None and "disclaimer-missing-statement" in spec.rules.values():
            required = [r for r in required if r != "not-a-substitute"]
        present = elements_present(disclaimer.value)
        missing = [BY_ID[element] for element in required if not present[element]]
        if not missing:
            return
        names = ", ".join(element.name for element in missing)
        ctx.report(
            DisclaimerMissingElements,
            disclaimer.value_span,
            f"the disclaimer lacks {len(missing)} of the {len(ALL_IDS)} elements of a complete medical disclaimer: {names}",
            hint="add " + " ".join(f"'{element.example}'" for element in missing),
            part="disclaimer",
        )


def required_elements(value: tuple[str, ...] | None) -> list[str]:
    """The configured element ids (default: all), checked: an unknown id is a usage error."""
    if value is None:
        return list(DEFAULT_REQUIRED)
    unknown = [v for v in value if v not in BY_ID]
    if unknown:
        raise UsageError(
            f"rule option disclaimer-missing-elements.required: unknown element {unknown[0]!r}; choose from {', '.join(ALL_IDS)}"
        )
    return list(value)
