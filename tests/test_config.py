"""Configuration: discovery, validation, selection, severities, exclusion and the CLI flags."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.check import Settings, check_paths
from wiki_lint.config import ConfigError, ConfigResolver, Overrides, find_config, load_config
from wiki_lint.findings import Severity
from wiki_lint.rules import REGISTRY
from wiki_lint.selection import Selection, resolve_selector

from support import SAMPLES, run_cli

DEFECTIVE = SAMPLES / "interleukin-34.md"  # WL203, WL401, WL601 x4, WL102, WL302, WL311, WL602


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def page(folder: Path, name: str = "page.md") -> Path:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFECTIVE, target)
    return target


def codes_by_file(args: list[str], cwd: Path) -> dict[str, set[str]]:
    result = run_cli("check", "--output-format", "json", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    out: dict[str, set[str]] = {}
    for finding in json.loads(result.stdout):
        out.setdefault(finding["path"], set()).add(finding["code"])
    return out


def check(paths: list[Path], overrides: Overrides | None = None, config: Path | None = None) -> dict[str, list]:
    resolver = ConfigResolver(Settings(), overrides, str(config) if config else None)
    return {Path(r.path).name: r.findings for r in check_paths([str(p) for p in paths], Settings(), resolver)}


# --- discovery ---------------------------------------------------------------------------


def test_nearest_configuration_wins(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\n')
    write(tmp_path / "sub" / ".wiki-lint.toml", 'select = ["WL4"]\n')
    top, deep = page(tmp_path, "top.md"), page(tmp_path / "sub" / "deeper", "deep.md")
    found = check([top, deep])
    assert {f.code for f in found["top.md"]} == {"WL601", "WL602"}
    assert {f.code for f in found["deep.md"]} == {"WL401"}


def test_dotfile_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.wiki-lint]\nselect = ["WL6"]\n')
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL4"]\n')
    assert find_config(tmp_path) == tmp_path / ".wiki-lint.toml"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.wiki-lint]\nselect = ["WL4"]\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 90\n')
    assert find_config(tmp_path / "pkg") == tmp_path / "pyproject.toml"
    assert {f.code for f in check([page(tmp_path / "pkg")])["page.md"]} == {"WL401"}


def test_no_configuration_checks_every_rule(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    settings = ConfigResolver(Settings()).settings_for(str(page(tmp_path)))
    assert settings == Settings() and settings.selection is None
    assert {f.code for f in check([tmp_path / "page.md"])["page.md"]} == {"WL203", "WL401", "WL601", "WL102", "WL302", "WL311", "WL602"}


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\n')
    other = write(tmp_path / "elsewhere" / "ci.toml", 'select = ["WL3"]\n')
    found = check([page(tmp_path)], config=other)
    assert {f.code for f in found["page.md"]} == {"WL302", "WL311"}


def test_pydantic_is_imported_only_when_a_configuration_needs_it(tmp_path: Path) -> None:
    """A plainly valid table is read without pydantic (wiki_lint.config_fast); a
    table with a problem is validated by the pydantic model, which explains it."""
    target = page(tmp_path)
    code = (
        "import sys; from wiki_lint.check import Settings, check_paths; from wiki_lint.config import ConfigResolver;"
        f"list(check_paths([{str(target)!r}], Settings(), ConfigResolver(Settings())));"
        "print('pydantic' in sys.modules)"
    )
    without = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert without.stdout.strip() == "False"
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\n')
    with_config = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert with_config.stdout.strip() == "False"
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\nselectt = ["WL1"]\n')
    reading = (
        "import sys; from wiki_lint.config import ConfigError, load_config\n"
        "try:\n    load_config('.wiki-lint.toml')\nexcept ConfigError:\n    print('pydantic' in sys.modules)"
    )
    broken = subprocess.run([sys.executable, "-c", reading], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert broken.stdout.strip() == "True"


# --- selection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('select = ["WL6"]', {"WL601", "WL602"}),
        ('select = ["WL6"]\nignore = ["WL601"]', {"WL602"}),
        ('select = ["WL601"]\nignore = ["WL6"]', {"WL601"}),  # the more specific selector wins
        ('select = ["edit-marker", "missing-references"]', {"WL601", "WL401"}),
        ('ignore = ["WL6", "WL3", "empty-section"]', {"WL203", "WL401"}),
        ('select = ["WL4"]\nextend-select = ["site-chrome"]', {"WL401", "WL602"}),
        ('select = ["ALL"]\nignore = ["ALL"]', set()),
    ],
)
def test_select_ignore_extend_select(tmp_path: Path, table: str, expected: set[str]) -> None:
    write(tmp_path / ".wiki-lint.toml", table + "\n")
    assert {f.code for f in check([page(tmp_path)])["page.md"]} == expected


def test_command_line_flags_combine_with_the_file(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6", "WL4"]\nignore = ["WL602"]\n')
    target = page(tmp_path)
    assert codes_by_file(["page.md"], tmp_path)["page.md"] == {"WL401", "WL601"}
    assert codes_by_file(["--select", "WL3,WL6", "page.md"], tmp_path)["page.md"] == {"WL302", "WL311", "WL601"}
    assert codes_by_file(["--ignore", "WL401", "page.md"], tmp_path)["page.md"] == {"WL601"}
    assert codes_by_file(["--extend-select", "empty-section", "page.md"], tmp_path)["page.md"] == {"WL401", "WL601", "WL102"}
    assert target.exists()


def test_command_line_selection_without_a_configuration(tmp_path: Path) -> None:
    page(tmp_path)
    assert codes_by_file(["--select", "WL311", "page.md"], tmp_path)["page.md"] == {"WL311"}


def test_unknown_rule_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    page(tmp_path)
    result = run_cli("check", "--select", "edit-markr", "page.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "--select" in result.stderr and "did you mean 'edit-marker'" in result.stderr


def test_per_file_ignores_are_relative_to_the_configuration(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", '[per-file-ignores]\n"scraped/*.md" = ["WL6", "missing-references"]\n')
    plain, scraped = page(tmp_path, "plain.md"), page(tmp_path / "scraped", "old.md")
    found = check([plain, scraped])
    assert {"WL601", "WL602", "WL401"} <= {f.code for f in found["plain.md"]}
    assert not {"WL601", "WL602", "WL401"} & {f.code for f in found["old.md"]}


def test_severity_overrides_change_the_exit_code(tmp_path: Path) -> None:
    page(tmp_path)
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\n')
    assert run_cli("check", "page.md", cwd=tmp_path).returncode == 0  # warnings only
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\n[severity]\nedit-marker = "error"\nWL6 = "info"\n')
    found = check([tmp_path / "page.md"])["page.md"]
    assert {(f.code, f.severity) for f in found} == {("WL601", Severity.ERROR), ("WL602", Severity.INFO)}
    assert run_cli("check", "page.md", cwd=tmp_path).returncode == 1


def test_selection_matches_most_specific_selector() -> None:
    selection = Selection(select=("WL6",), ignore=("WL60",), extend_select=("WL601",))
    assert selection.enabled("WL601") and not selection.enabled("WL602") and not selection.enabled("WL401")


@given(
    st.sampled_from([rule.code for rule in REGISTRY]),
    st.lists(st.sampled_from(["", "WL", "WL1", "WL6", "WL60", "WL601", "WL9"]), max_size=4),
)
def test_ignoring_a_rule_by_its_own_code_always_wins(code: str, selectors: list[str]) -> None:
    selection = Selection(select=tuple(selectors) or ("",), ignore=(code,))
    assert not selection.enabled(code)


def test_names_resolve_to_codes() -> None:
    assert resolve_selector("edit-marker") == "WL601"
    assert resolve_selector("wl6") == "WL6"
    assert resolve_selector("ALL") == ""
    with pytest.raises(ValueError, match="did you mean 'site-chrome'"):
        resolve_selector("site-chrom")


# --- schema, schemas, lang, rules ------------------------------------------------------


def test_schema_paths_are_relative_to_the_configuration(tmp_path: Path) -> None:
    strict = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [{"$ref": "medical-entry.schema.json"}],
        "required": ["dosage"],
        "properties": {"dosage": {"type": "string", "x-wiki-lint": {"headings": ["Dosage"]}}},
    }
    write(tmp_path / "schemas" / "strict.schema.json", json.dumps(strict))
    write(tmp_path / ".wiki-lint.toml", 'select = ["missing-part"]\n[schemas]\n"drugs/" = "schemas/strict.schema.json"\n')
    shutil.copy(SAMPLES / "interleukin-6.md", tmp_path / "il6.md")
    (tmp_path / "drugs").mkdir()
    shutil.copy(SAMPLES / "interleukin-6.md", tmp_path / "drugs" / "il6-drug.md")
    found = check([tmp_path / "il6.md", tmp_path / "drugs" / "il6-drug.md"])
    assert found["il6.md"] == []
    assert [f.part for f in found["il6-drug.md"]] == ["dosage"]
    settings = ConfigResolver(Settings()).settings_for(str(tmp_path / "drugs" / "il6-drug.md"))
    assert settings.schema == str(tmp_path / "schemas" / "strict.schema.json")


def test_lang_and_rule_options_reach_the_settings(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'lang = "de"\n[rules.stale-sources]\nmin_dated = 3\n[rules.WL505]\nphrases = {x = "y"}\n')
    settings = ConfigResolver(Settings()).settings_for(str(tmp_path / "page.md"))
    assert settings.lang == "de"
    assert dict(settings.rule_options) == {"stale-sources": {"min_dated": 3}, "spun-phrase": {"phrases": {"x": "y"}}}
    assert ConfigResolver(Settings(lang="fr")).settings_for(str(tmp_path / "page.md")).lang == "fr"


def test_rule_option_names_may_be_kebab_case(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", "[rules.stale-page]\nmax-age-years = 3\n")
    settings = ConfigResolver(Settings()).settings_for(str(tmp_path / "page.md"))
    assert dict(settings.rule_options) == {"stale-page": {"max_age_years": 3}}


def test_options_a_rule_does_not_take_are_refused(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", "[rules.edit-marker]\nmax = 3\n[rules.stale-page]\nmax-age = 3\n")
    with pytest.raises(ConfigError) as error:
        ConfigResolver(Settings()).settings_for(str(tmp_path / "page.md"))
    message = str(error.value)
    assert "rule edit-marker takes no options (got 'max')" in message
    assert "unknown option 'max_age' for rule stale-page; did you mean 'max_age_years'?" in message


def test_settings_fingerprint_follows_the_configuration(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\n')
    first = ConfigResolver(Settings()).settings_for(str(tmp_path / "page.md"))
    again = ConfigResolver(Settings()).settings_for(str(tmp_path / "page.md"))
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL4"]\n')
    changed = ConfigResolver(Settings()).settings_for(str(tmp_path / "page.md"))
    assert first.fingerprint() == again.fingerprint() != changed.fingerprint()
    json.dumps(first.to_data())


# --- exclusion ---------------------------------------------------------------------------


def test_exclude_uses_gitignore_semantics(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'exclude = ["drafts/", "*.old.md", "!keep.old.md"]\nextend-exclude = ["/top-only.md"]\n')
    for name in ("a.md", "drafts/b.md", "x/drafts/c.md", "d.old.md", "keep.old.md", "top-only.md", "x/top-only.md"):
        page(tmp_path, name)
    result = run_cli("check", "--output-format", "json", ".", cwd=tmp_path)
    checked = {Path(f["path"]).as_posix() for f in json.loads(result.stdout)}
    assert checked == {"a.md", "keep.old.md", "x/top-only.md"}


def test_named_files_are_checked_unless_force_exclude(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'exclude = ["drafts/"]\n')
    page(tmp_path / "drafts", "b.md")
    assert run_cli("check", "drafts/b.md", cwd=tmp_path).returncode == 1
    forced = run_cli("check", "--force-exclude", "drafts/b.md", cwd=tmp_path)
    assert forced.returncode == 0, forced.stdout + forced.stderr


# --- errors ------------------------------------------------------------------------------


def test_unknown_key_names_the_file_the_key_and_a_near_miss(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.ruff]\nselct = 1\n\n[tool.wiki-lint]\nselect = ["WL6"]\nselct = ["WL4"]\n')
    page(tmp_path)
    result = run_cli("check", "page.md", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path / 'pyproject.toml'}:6: [tool.wiki-lint] unknown key 'selct'; did you mean 'select'?" in result.stderr
    assert "allowed keys: select, extend-select, ignore" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('select = "WL6"', "key 'select': Input should be a valid list"),
        ('select = ["WL6", "WL6666"]', "key 'select': unknown rule 'WL6666'"),
        ('[severity]\nWL601 = "fatal"', "key 'severity.WL601': Input should be 'error', 'warning' or 'info'"),
        ('[severity]\nWL6001 = "error"', "unknown rule 'WL6001'"),
        ('[per-file-ignores]\n"*.md" = "WL6"', "key 'per-file-ignores.*.md': Input should be a valid list"),
        ("[rules]\nedit-marker = 3", "key 'rules.edit-marker': expected a table of options"),
        ("[rules.no-such-rule]\nx = 1", "unknown rule 'no-such-rule'"),
        ("[rules.WL6]\nx = 1", "unknown rule 'WL6'"),
        ("lang = 3", "key 'lang': Input should be a valid string"),
        ('lang = "en; rm"', "expected a language code"),
        ('exclude = "drafts"', "key 'exclude': Input should be a valid list"),
        ('schema = "nope.schema.json"', "key 'schema': no schema file 'nope.schema.json'"),
    ],
)
def test_bad_values_are_one_clear_error(tmp_path: Path, table: str, expected: str) -> None:
    config = write(tmp_path / ".wiki-lint.toml", table + "\n")
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    assert expected in str(raised.value)
    assert str(config) in str(raised.value)


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\nignore = [\n')
    page(tmp_path)
    result = run_cli("check", "page.md", cwd=tmp_path)
    assert result.returncode == 2
    assert str(tmp_path / ".wiki-lint.toml") in result.stderr and "line 3" in result.stderr


def test_missing_explicit_config_is_a_usage_error(tmp_path: Path) -> None:
    page(tmp_path)
    result = run_cli("check", "--config", "nope.toml", "page.md", cwd=tmp_path)
    assert result.returncode == 2 and "nope.toml: no such configuration file" in result.stderr


def test_tool_wiki_lint_must_be_a_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool]\nwiki-lint = 3\n")
    with pytest.raises(ConfigError, match="must be a table"):
        find_config(tmp_path)


def test_the_documented_example_is_a_valid_configuration() -> None:
    import re as regex
    import tomllib

    from wiki_lint.config_model import parse

    docs = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    blocks = regex.findall(r"```toml\n(.*?)```", docs, regex.DOTALL)
    assert len(blocks) >= 3
    for block in blocks:
        document = tomllib.loads(block)
        table = document["tool"]["wiki-lint"] if "tool" in document else document
        assert not isinstance(parse(table), list), block


def test_standard_input_uses_the_configuration_of_its_name(tmp_path: Path) -> None:
    write(tmp_path / ".wiki-lint.toml", 'select = ["WL6"]\nexclude = ["drafts/"]\n')
    text = DEFECTIVE.read_text(encoding="utf-8")
    result = run_cli("check", "--output-format", "json", "-", "--stdin-filename", "page.md", cwd=tmp_path, stdin=text)
    assert {f["code"] for f in json.loads(result.stdout)} == {"WL601", "WL602"}
    forced = run_cli("check", "--force-exclude", "-", "--stdin-filename", "drafts/page.md", cwd=tmp_path, stdin=text)
    assert forced.returncode == 0 and "0 files" in forced.stdout, forced.stdout + forced.stderr
