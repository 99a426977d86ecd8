"""Regular expressions in a configuration are untrusted like those in schemas.

The one rule option that takes user patterns (``spun-phrase``'s ``phrases``) compiles
each pattern once, when the options are read, refuses an invalid one or one RE2
cannot run with a usage error (exit 2), and runs them with RE2, so a pattern such as
``(a+)+$`` takes linear time on any page.  (Schema patterns: ``test_robust_schemas.py``.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support import COMPLETE_MD, by_name, lint, run_cli

from wiki_lint.errors import UsageError

HOSTILE_TEXT = "a" * 30_000 + "!"


def _page(paragraph: str) -> str:
    return COMPLETE_MD.replace("## Function\n\n", f"## Function\n\n{paragraph}\n\n", 1)


def _cpu(action: Callable[[], object]) -> float:
    started = time.process_time()
    action()
    return time.process_time() - started


@pytest.mark.parametrize("evil", [r"(a+)+$", r"(a|a)*$", r"(a|aa)+$", r"(x+x+)+y"])
def test_catastrophic_backtracking_user_patterns_run_in_linear_time(evil: str) -> None:
    page = _page(HOSTILE_TEXT)
    tame = {"spun-phrase": {"phrases": {"a+!": "x"}}}
    hostile = {"spun-phrase": {"phrases": {evil: "x"}}}
    lint(page, options=tame)  # warm-up
    tame_time = _cpu(lambda: lint(page, options=tame))
    evil_time = _cpu(lambda: lint(page, options=hostile))
    assert evil_time <= 20 * max(tame_time, 0.01)


def test_user_patterns_still_find_their_phrases() -> None:
    page = _page("Patients took it additionally   a second time. ADDITIONALLY A third.")
    findings = by_name(lint(page, options={"spun-phrase": {"phrases": {r"additionally\s+a": "also a"}}}), "spun-phrase")
    assert len(findings) == 1 and "(and 1 more on the page)" in findings[0].message


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("(unclosed", "expected valid regular expressions"), (r"spun(?= phrase)", "expected regular expressions RE2 can run")],
)
def test_invalid_or_unsupported_user_patterns_are_refused(pattern: str, reason: str) -> None:
    with pytest.raises(UsageError, match="rule option spun-phrase.phrases: " + reason):
        lint(_page("Text."), options={"spun-phrase": {"phrases": {pattern: "x"}}})


def test_cli_refuses_a_config_pattern_re2_cannot_run(tmp_path: Path) -> None:
    (tmp_path / ".wiki-lint.toml").write_text('[rules.spun-phrase]\nphrases = { "a(?=b)" = "x" }\n', encoding="utf-8")
    (tmp_path / "page.md").write_text(_page("Text."), encoding="utf-8")
    result = run_cli("check", "page.md", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "RE2" in result.stderr and "look-ahead" in result.stderr
