"""Rule options: every option a rule reads is declared (so the configuration can refuse
a misspelt one), a misspelt option is a configuration error (exit 2) naming the rule and
the option, and options given in the configuration reach the rule in kebab-case too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import ROOT, run_cli
from wiki_lint.rules import REGISTRY
from wiki_lint.rules.options import OPTIONS, unknown_option_problem

_READERS = ("number", "integer", "text", "text_list", "pattern_map")


def _options_read_by_the_code() -> dict[str, set[str]]:
    """(rule name -> option names) from every ``options.X(ctx, Rule, "key", ...)`` call."""
    names = {rule.__name__: rule.name for rule in REGISTRY}
    found: dict[str, set[str]] = {}
    for path in (ROOT / "wiki_lint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            func = node.func
            if isinstance(func.value, ast.Name) and func.value.id == "options" and func.attr in _READERS:
                rule, key = node.args[1], node.args[2]
                assert isinstance(rule, ast.Name) and isinstance(key, ast.Constant), f"{path}: {ast.unparse(node)}"
                found.setdefault(names[rule.id], set()).add(key.value)
    # templates.default_license reads one option of two rules through a loop
    for rule in ("vague-license", "missing-part"):
        found.setdefault(rule, set()).add("default_license")
    return found


def test_declared_options_are_exactly_those_the_rules_read() -> None:
    assert {rule: set(keys) for rule, keys in OPTIONS.items()} == _options_read_by_the_code()


def test_unknown_option_messages() -> None:
    assert unknown_option_problem("spun-phrase", "phrases") is None
    assert unknown_option_problem("spun-phrase", "phrasess") == (
        "unknown option 'phrasess' for rule spun-phrase; did you mean 'phrases'? (it takes: phrases)"
    )
    assert unknown_option_problem("edit-marker", "x") == "rule edit-marker takes no options (got 'x')"


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.wiki-lint]\n{table}\n", encoding="utf-8")
    (tmp_path / "page.md").write_text((ROOT / "samples" / "interleukin-6.md").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_misspelt_option_is_a_configuration_error(tmp_path: Path) -> None:
    project = _project(tmp_path, "[tool.wiki-lint.rules.stale-sources]\nmax-age-yeras = 3\n")
    result = run_cli("check", "--no-cache", "page.md", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "unknown option 'max_age_yeras' for rule stale-sources; did you mean 'max_age_years'?" in result.stderr
    assert "pyproject.toml" in result.stderr


@pytest.mark.parametrize("spelling", ["default-license", "default_license"])
def test_default_license_option_reaches_the_fix_in_either_spelling(tmp_path: Path, spelling: str) -> None:
    page = "# Aspirin\n\nAspirin is a drug.\n\n## License\n\nOpen license.\n"
    project = tmp_path
    (project / "pyproject.toml").write_text(
        f'[tool.wiki-lint]\n[tool.wiki-lint.rules.vague-license]\n{spelling} = "CC0-1.0"\n', encoding="utf-8"
    )
    (project / "page.md").write_text(page, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--diff", "--unsafe-fixes", "--select", "vague-license", "page.md", cwd=project)
    assert result.returncode in (0, 1), result.stderr
    assert "CC0-1.0" in result.stdout, result.stdout
