"""Rule documentation from the rules themselves: one source for the CLI, SARIF and docs.

Every rule's docstring holds four sections, each a paragraph that starts with its
heading and a colon: *What it does*, *Why it matters*, *Example*, *How to fix*.
:func:`rule_doc` parses them; :func:`rules_table` renders the Markdown table that
``README.md`` (between the ``rules-table`` markers) and ``docs/rules.md`` show;
:func:`help_uri` is the link SARIF gives code scanning for each rule.

``python -m wiki_lint.ruledocs [ROOT]`` rewrites ``docs/rules.md`` and the README table
under ``ROOT`` (default: the working directory); with ``--check`` it changes nothing
and exits 1 when either is out of date.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wiki_lint.rules import REGISTRY, Rule
from wiki_lint.rules.base import DOC_SECTIONS

DOCS_URL = "https://github.com/wiki-lint/wiki-lint/blob/main/docs/rules.md"
RULES_MD = Path("docs") / "rules.md"
README = Path("README.md")
TABLE_START = "<!-- rules-table:start -->"
TABLE_END = "<!-- rules-table:end -->"

_SECTION = re.compile(rf"^({'|'.join(map(re.escape, DOC_SECTIONS))}):[ \t]*", re.MULTILINE)


class RuleDocError(ValueError):
    """A rule's docstring lacks a section, repeats one, or has them out of order."""


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The documentation of one rule, its sections as plain text paragraphs."""

    code: str
    name: str
    severity: str
    fixable: bool
    origin: str
    summary: str
    sections: dict[str, str]

    @property
    def what(self) -> str:
        return self.sections["What it does"]

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "fixable": self.fixable,
            "origin": self.origin,
            "summary": self.summary,
            "url": help_uri(self.code),
            **{_key(heading): text for heading, text in self.sections.items()},
        }


def _key(heading: str) -> str:
    return heading.lower().replace(" ", "_")


def help_uri(code: str) -> str:
    """Where a rule's documentation lives online (the anchor is its lower-case code)."""
    return f"{DOCS_URL}#{code.lower()}"


def parse_sections(docstring: str | None) -> dict[str, str]:
    """The four documentation sections of a docstring, in order, each non-empty.

    Raises :class:`RuleDocError` naming what is missing or wrong.
    """
    text = inspect.cleandoc(docstring or "")
    matches = list(_SECTION.finditer(text))
    found = [m.group(1) for m in matches]
    missing = [heading for heading in DOC_SECTIONS if heading not in found]
    if missing:
        raise RuleDocError(f"missing section(s) {', '.join(repr(m) for m in missing)}")
    if found != list(DOC_SECTIONS):
        raise RuleDocError(f"sections must appear once each in the order {', '.join(DOC_SECTIONS)}; found {', '.join(found)}")
    sections: dict[str, str] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        body = text[match.end() : following.start() if following else len(text)]
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body.strip())]
        body = "\n\n".join(p for p in paragraphs if p)
        if not body:
            raise RuleDocError(f"section {match.group(1)!r} is empty")
        sections[match.group(1)] = body[0].upper() + body[1:]
    return sections


def rule_doc(rule: type[Rule]) -> RuleDoc:
    """The parsed documentation of ``rule`` (raises :class:`RuleDocError` if incomplete)."""
    try:
        sections = parse_sections(rule.__doc__)
    except RuleDocError as exc:
        raise RuleDocError(f"{rule.code} {rule.name}: {exc}") from None
    return RuleDoc(rule.code, rule.name, str(rule.severity), rule.fixable, rule.origin, rule.summary, sections)


def find_rule(key: str, rules: Iterable[type[Rule]] = REGISTRY) -> type[Rule] | None:
    """The rule whose code (any case) or name is ``key``."""
    wanted = key.strip()
    for rule in rules:
        if rule.code.lower() == wanted.lower() or rule.name == wanted.lower():
            return rule
    return None


def suggestions(key: str, rules: Iterable[type[Rule]] = REGISTRY) -> list[str]:
    """Codes and names close to an unknown ``key``, for 'did you mean'."""
    import difflib

    known = [value for rule in rules for value in (rule.code, rule.name)]
    return difflib.get_close_matches(key.strip(), known, n=3, cutoff=0.6)


def render_markdown(doc: RuleDoc, heading_level: int = 1) -> str:
    """One rule's documentation as Markdown (what ``wiki-lint rule`` prints)."""
    hashes = "#" * heading_level
    lines = [
        f"{hashes} {doc.code} {doc.name}",
        "",
        doc.summary,
        "",
        _facts(doc),
    ]
    for heading, text in doc.sections.items():
        lines += ["", f"{hashes}# {heading}", "", text]
    return "\n".join(lines) + "\n"


_ORIGINS = {"code": "a rule", "schema": "schema validation", "reader": "the reader", "suppression": "the inline suppression check"}


def _facts(doc: RuleDoc) -> str:
    fixable = "yes" if doc.fixable else "no"
    return f"Default severity: {doc.severity}. Fixable: {fixable}. Reported by: {_ORIGINS[doc.origin]}."


def rules_table(docs: Sequence[RuleDoc], link: str = "docs/rules.md") -> str:
    """The Markdown table of all rules, each code linking to ``link#code``."""
    rows = [
        "| Code | Name | Severity | Fixable | Summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for doc in docs:
        summary = doc.summary.replace("|", "\\|")
        rows.append(
            f"| [{doc.code}]({link}#{doc.code.lower()}) | `{doc.name}` | {doc.severity} | {'yes' if doc.fixable else 'no'} | {summary} |"
        )
    return "\n".join(rows) + "\n"


def all_docs() -> list[RuleDoc]:
    """The documentation of every registered rule, in code order."""
    return [rule_doc(rule) for rule in sorted(REGISTRY, key=lambda r: r.code)]


def rules_page(docs: Sequence[RuleDoc]) -> str:
    """The whole of ``docs/rules.md``: the table, then each rule's documentation.

    Each rule's heading is its bare code, so its anchor is the lower-case code that
    :func:`help_uri` and the table link to.
    """
    parts = [
        "# Rules",
        "",
        "<!-- Generated by `python -m wiki_lint.ruledocs` from the rules' docstrings; do not edit. -->",
        "",
        "Every rule wiki-lint reports, with its default severity. `wiki-lint rules` lists them",
        "and `wiki-lint rule CODE` prints one rule's documentation.",
        "",
        rules_table(docs, link="").rstrip("\n"),
    ]
    for doc in docs:
        parts += [
            "",
            f"## {doc.code}",
            "",
            f"**`{doc.name}`**: {doc.summary}",
            "",
            _facts(doc),
        ]
        for heading, text in doc.sections.items():
            parts += ["", f"### {heading}", "", text]
    return "\n".join(parts) + "\n"


def with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the rules-table markers replaced by ``table``."""
    start, end = readme.find(TABLE_START), readme.find(TABLE_END)
    if start == -1 or end == -1 or end < start:
        raise RuleDocError(f"README.md lacks the markers {TABLE_START} ... {TABLE_END}")
    return readme[: start + len(TABLE_START)] + "\n" + table + readme[end:]


def expected_files(root: Path) -> dict[Path, str]:
    """What ``docs/rules.md`` and ``README.md`` under ``root`` should contain."""
    docs = all_docs()
    readme = (root / README).read_text(encoding="utf-8")
    return {root / RULES_MD: rules_page(docs), root / README: with_table(readme, rules_table(docs))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wiki_lint.ruledocs", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default=".", help="the repository root (default: .)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    try:
        expected = expected_files(Path(args.root))
    except (OSError, RuleDocError) as exc:
        print(f"wiki-lint ruledocs: error: {exc}", file=sys.stderr)
        return 2
    stale = [path for path, text in expected.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path} is out of date: run python -m wiki_lint.ruledocs", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected[path], encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
