"""Helpers shared by the test modules: lint a page given as text, run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from wiki_lint.check import Settings, check_source
from wiki_lint.selection import Selection
from wiki_lint.findings import Finding
from wiki_lint.sources import Source

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("WIKI_LINT_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "interleukin-34.wikimd.txt"
COMPLETE_MD = (SAMPLES / "interleukin-6.md").read_text(encoding="utf-8")

_EXTENSIONS = {"markdown": "page.md", "plaintext": "page.txt"}


TODAY = date(2026, 11, 26)  # the date tests measure ages against, never the clock


def lint(
    text: str,
    fmt: str = "markdown",
    schema: str | None = None,
    path: str | None = None,
    lang: str | None = None,
    today: date = TODAY,
    options: dict[str, dict[str, Any]] | None = None,
    selection: Selection | None = None,
) -> list[Finding]:
    """Every finding for ``text`` read as ``fmt`` (``options``: rule name -> options)."""
    source = Source(path or _EXTENSIONS.get(fmt, f"page.{fmt}"), text)
    settings = Settings(schema=schema, lang=lang, today=today, rule_options=options or {}, selection=selection)
    return check_source(source, settings, fmt)


def names(findings: list[Finding]) -> list[str]:
    return [f.name for f in findings]


def by_name(findings: list[Finding], name: str) -> list[Finding]:
    return [f for f in findings if f.name == name]


def wiki_lint_command() -> list[str]:
    """The installed console script (what users run), falling back to ``python -m``."""
    script = shutil.which("wiki-lint")
    return [script] if script else [sys.executable, "-m", "wiki_lint"]


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``wiki-lint ARGS`` in a subprocess and capture its output."""
    return subprocess.run(
        [*wiki_lint_command(), *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def every_rule() -> Selection:
    """A selection that turns on every rule, opt-in rules (``default_enabled = False``) too."""
    from wiki_lint.rules import REGISTRY

    return Selection(extend_select=tuple(rule.code for rule in REGISTRY if not rule.default_enabled))


OPT_IN_FLAGS = ("--extend-select", "non-canonical-heading,glued-label")
