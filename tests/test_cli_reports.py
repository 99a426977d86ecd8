"""The output formats and report options as users run them: the installed CLI.

SARIF is validated against the official 2.1.0 schema (../shared/schemas), JUnit parsed
as XML, GitHub commands and GitLab issues checked field by field.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_reports import assert_valid_sarif

from wiki_lint import cli
from wiki_lint.check import FileResult
from wiki_lint.report import FORMATS

from support import ROOT, SEED, run_cli

COMPLETE = ROOT / "tests" / "pages" / "complete.md"
EDIT_MARKER = ROOT / "tests" / "pages" / "edit-marker.md"


@pytest.fixture
def unreadable(tmp_path: Path) -> Path:
    page = tmp_path / "latin1.md"
    page.write_bytes(b"# Caf\xe9\n\nNot UTF-8.\n")
    return page


def seed_copy(tmp_path: Path) -> Path:
    page = tmp_path / "interleukin-34.txt"
    page.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return page


# --- SARIF ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed", "clean", "unreadable", "all"])
def test_sarif_from_the_cli_validates_against_the_official_schema(which: str, tmp_path: Path, unreadable: Path) -> None:
    pages = {
        "seed": [SEED],
        "clean": [COMPLETE],
        "unreadable": [unreadable],
        "all": [SEED, COMPLETE, unreadable],
    }[which]
    done = run_cli("check", "--output-format", "sarif", *map(str, pages), cwd=tmp_path)
    document = json.loads(done.stdout)
    assert_valid_sarif(document)
    run = document["runs"][0]
    invocation = run["invocations"][0]
    if which == "clean":
        assert run["results"] == [] and invocation["executionSuccessful"] is True
        assert done.returncode == 0
    if which == "unreadable":
        assert done.returncode == 2
        assert invocation["executionSuccessful"] is False
        assert "latin1.md" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    if which == "seed":
        assert done.returncode == 1
        assert {r["ruleId"] for r in run["results"]} == {
            "WL203",
            "WL302",
            "WL401",
            "WL601",
            "WL102",
            "WL311",
            "WL602",
        }


def test_sarif_uris_are_relative_to_the_working_directory(tmp_path: Path) -> None:
    page = seed_copy(tmp_path)
    (tmp_path / "sub").mkdir()
    moved = page.rename(tmp_path / "sub" / page.name)
    done = run_cli("check", "--output-format", "sarif", str(moved), cwd=tmp_path)
    location = json.loads(done.stdout)["runs"][0]["results"][2]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "sub/interleukin-34.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 15}


# --- GitHub --------------------------------------------------------------------------


def test_github_annotations_point_at_the_right_lines(tmp_path: Path) -> None:
    seed_copy(tmp_path)
    done = run_cli("check", "--output-format", "github", "interleukin-34.txt", cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 10
    assert (
        "::warning file=interleukin-34.txt,line=3,col=9,endLine=3,endColumn=15,title=WL601 edit-marker::"
        "heading 'Function' carries the edit marker '[edit]': expected the heading text alone%0A"
        "hint: delete '[edit]' from the heading"
    ) in lines
    assert any(line.startswith("::error file=interleukin-34.txt,line=11,col=108,") for line in lines)
    assert "::warning file=interleukin-34.txt,line=12,endLine=60,title=WL602 site-chrome::" in done.stdout


# --- JUnit ---------------------------------------------------------------------------


def test_junit_from_the_cli_parses_with_the_right_counts(tmp_path: Path, unreadable: Path) -> None:
    done = run_cli(
        "check",
        "--output-format",
        "junit",
        str(SEED),
        str(COMPLETE),
        str(EDIT_MARKER),
        str(unreadable),
    )
    assert done.returncode == 2
    suite = ET.fromstring(done.stdout).find("testsuite")
    assert suite is not None
    assert (suite.attrib["tests"], suite.attrib["failures"], suite.attrib["errors"]) == (
        "4",
        "2",
        "1",
    )
    cases = suite.findall("testcase")
    assert [len(case.findall("failure")) for case in cases] == [10, 0, 1, 0]
    assert len(cases[3].findall("error")) == 1


# --- GitLab --------------------------------------------------------------------------


def test_gitlab_from_the_cli(tmp_path: Path) -> None:
    page = seed_copy(tmp_path)
    done = run_cli("check", "--output-format", "gitlab", page.name, cwd=tmp_path)
    issues = json.loads(done.stdout)
    assert len(issues) == 10
    assert len({issue["fingerprint"] for issue in issues}) == 10
    for issue in issues:
        assert issue["location"]["path"] == "interleukin-34.txt"
        assert {"description", "check_name", "fingerprint", "severity"} <= set(issue)
    vague = next(issue for issue in issues if issue["check_name"] == "WL311 vague-license")
    assert vague["severity"] == "major" and vague["location"]["lines"]["begin"] == 11


def test_gitlab_fingerprints_survive_an_edit_above(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    text = EDIT_MARKER.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    before = json.loads(run_cli("check", "--output-format", "gitlab", "page.md", cwd=tmp_path).stdout)
    page.write_text(
        text.replace("# Interleukin 34\n", "# Interleukin 34\n\n<!-- a comment -->\n\n"),
        encoding="utf-8",
    )
    after = json.loads(run_cli("check", "--output-format", "gitlab", "page.md", cwd=tmp_path).stdout)
    assert [i["location"]["lines"]["begin"] for i in before] != [i["location"]["lines"]["begin"] for i in after]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]


# --- json, json-lines, concise, text -------------------------------------------------


def test_json_lines_from_the_cli_each_line_loads() -> None:
    done = run_cli("check", "--output-format", "json-lines", str(SEED))
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    assert objects == json.loads(run_cli("check", "--output-format", "json", str(SEED)).stdout)
    assert len(objects) == 10


def test_concise_from_the_cli() -> None:
    done = run_cli("check", "--output-format", "concise", str(SEED))
    lines = done.stdout.splitlines()
    assert len(lines) == 11
    assert lines[-1] == "Found 10 findings (1 error, 9 warnings) in 1 of 1 file checked."
    assert "hint:" not in done.stdout


def test_text_from_the_cli_shows_the_source_under_each_finding() -> None:
    done = run_cli("check", str(SEED))
    assert f"{SEED}:3:9: WL601 warning: heading 'Function' carries the edit marker '[edit]'" in done.stdout
    assert "    hint: delete '[edit]' from the heading\n      |\n    3 | Function[edit]\n      |         ^^^^^^\n" in done.stdout


# --- --statistics, --output-file, --exit-zero ----------------------------------------


def test_statistics_follow_the_text_report() -> None:
    done = run_cli("check", "--statistics", str(SEED))
    report, _, table = done.stdout.partition("Found 10 findings (1 error, 9 warnings) in 1 of 1 file checked.\n")
    assert report and table.startswith("\n")
    rows = [line.split() for line in table.strip().splitlines()]
    assert rows[0] == ["Code", "Name", "Count"]
    assert rows[1] == ["WL601", "edit-marker", "4"]
    assert ["Total", "10"] in rows
    # the per-page scores follow the findings table (seed: JAMA 0, completeness 83.3)
    assert rows[-3:] == [
        ["Score", "Files", "Min", "Median", "Max"],
        ["completeness", "1", "83.3", "83.3", "83.3"],
        ["jama", "1", "0", "0", "0"],
    ]
    assert done.stderr == ""


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "github", "junit", "gitlab"])
def test_statistics_go_to_stderr_for_machine_formats(fmt: str) -> None:
    plain = run_cli("check", "--output-format", fmt, str(SEED))
    done = run_cli("check", "--output-format", fmt, "--statistics", str(SEED))
    assert done.stdout == plain.stdout
    assert done.stderr.splitlines()[0].split() == ["Code", "Name", "Count"]
    if fmt == "json":
        assert isinstance(json.loads(done.stdout), list)


def test_statistics_show_score_distributions_through_the_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def fake_check_paths(paths: object, settings: object, configs: object = None, **options: object) -> Iterator[FileResult]:
        for name, value in [("a.md", 50.0), ("b.md", 70.0), ("c.md", 100.0)]:
            yield FileResult(name, scores={"completeness": value})

    monkeypatch.setattr("wiki_lint.check.check_paths", fake_check_paths)
    assert cli.main(["check", "--statistics", "--output-format", "json", "x"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "No findings." in err
    row = next(line for line in err.splitlines() if line.startswith("completeness"))
    assert row.split() == ["completeness", "3", "50", "70", "100"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_output_file_receives_the_report_and_stdout_stays_empty(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "reports" / f"wiki-lint.{fmt}"
    done = run_cli("check", "--output-format", fmt, "--output-file", str(target), str(SEED))
    assert done.returncode == 1
    assert done.stdout == ""
    assert target.read_text(encoding="utf-8") == run_cli("check", "--output-format", fmt, str(SEED)).stdout
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


def test_output_file_with_text_statistics_holds_them_too(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    done = run_cli("check", "--statistics", "--output-file", str(target), str(SEED))
    assert done.stdout == ""
    lines = [line.split() for line in target.read_text(encoding="utf-8").splitlines()]
    assert ["Total", "10"] in lines
    assert lines[-1] == ["jama", "1", "0", "0", "0"]


def test_output_file_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    done = run_cli("check", "--output-file", str(tmp_path), str(SEED))
    assert done.returncode == 2
    assert f"cannot write {tmp_path}" in done.stderr
    assert done.stdout == ""


def test_a_broken_schema_leaves_no_partial_report(tmp_path: Path) -> None:
    bad = tmp_path / "bad.schema.json"
    bad.write_text("{", encoding="utf-8")
    target = tmp_path / "out.sarif"
    done = run_cli(
        "check",
        "--schema",
        str(bad),
        "--output-format",
        "sarif",
        "--output-file",
        str(target),
        str(SEED),
    )
    assert done.returncode == 2
    assert not target.exists()
    stdout_run = run_cli("check", "--schema", str(bad), "--output-format", "sarif", str(SEED))
    assert stdout_run.returncode == 2 and stdout_run.stdout == ""


def test_exit_zero_exits_0_despite_error_findings() -> None:
    assert run_cli("check", str(SEED)).returncode == 1
    done = run_cli("check", "--exit-zero", str(SEED))
    assert done.returncode == 0
    assert "Found 10 findings" in done.stdout


def test_exit_zero_does_not_hide_usage_errors() -> None:
    assert run_cli("check", "--exit-zero", "--output-format", "nope", str(SEED)).returncode == 2


def test_exit_zero_does_not_hide_unreadable_files(unreadable: Path) -> None:
    done = run_cli("check", "--exit-zero", str(SEED), str(unreadable))
    assert done.returncode == 2
    assert "latin1.md" in done.stderr
    assert "Found 10 findings" in done.stdout
