"""The output formats, unit by unit: each reporter fed FileResults built here.

The same formats are run through the installed CLI in test_cli_reports.py.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.check import FileResult
from wiki_lint.findings import Finding, Severity
from wiki_lint.report import FORMATS, Totals, reporter, snippet
from wiki_lint.report.common import Fingerprints, report_path, xml_safe
from wiki_lint.report.github import annotation, escape_data, escape_property
from wiki_lint.report.statistics import Statistics
from wiki_lint.rules import BY_CODE, REGISTRY

from support import SHARED

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def finding(
    code: str = "WL601",
    line: int = 3,
    column: int = 9,
    end_line: int | None = None,
    end_column: int = 15,
    path: str = "pages/il34.md",
    message: str = "heading 'Function' carries the edit marker '[edit]': expected the heading text alone",
    part: str | None = None,
    hint: str | None = "delete '[edit]' from the heading",
) -> Finding:
    rule = BY_CODE[code]
    return Finding(
        path=path,
        line=line,
        column=column,
        code=code,
        end_line=line if end_line is None else end_line,
        end_column=end_column,
        name=rule.name,
        severity=rule.severity,
        message=message,
        part=part,
        hint=hint,
    )


LINES = ["# Interleukin 34", "", "Function[edit]", "", "Text."]
DEFECTIVE = FileResult(
    "pages/il34.md",
    [
        finding(
            "WL101",
            1,
            1,
            1,
            1,
            message="the page has no Function: expected a section headed 'Function'",
            part="function",
        ),
        finding(),
        finding("WL311", 5, 1, 5, 6, message="the license is vague", part="license", hint=None),
    ],
    lines=LINES,
)
CLEAN = FileResult("pages/clean.md", [], lines=["# Clean"])
UNREADABLE = FileResult("pages/broken.md", error="pages/broken.md: is not valid UTF-8: byte 0xff at offset 3 (line 1)")


def render(fmt: str, *results: FileResult) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    made = reporter(fmt, out, err)
    totals = Totals()
    for result in results:
        totals.add(result)
        made.file(result)
    made.finish(totals)
    return out.getvalue(), err.getvalue()


def test_every_documented_format_is_registered() -> None:
    assert list(FORMATS) == [
        "text",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "github",
        "junit",
        "gitlab",
    ]


# --- text and concise ----------------------------------------------------------------


def test_text_keeps_the_first_line_and_hint_and_adds_the_source_with_a_caret() -> None:
    out, err = render("text", DEFECTIVE)
    block = out.split("\n")
    start = block.index("pages/il34.md:3:9: WL601 warning: " + finding().message + " [edit-marker]")
    assert block[start + 1 : start + 5] == [
        "    hint: delete '[edit]' from the heading",
        "      |",
        "    3 | Function[edit]",
        "      |         ^^^^^^",
    ]
    assert block[-2] == "Found 3 findings (2 errors, 1 warning) in 1 of 1 file checked."
    assert err == ""


def test_text_puts_unreadable_files_on_stderr() -> None:
    out, err = render("text", UNREADABLE, CLEAN)
    assert err == f"wiki-lint: error: {UNREADABLE.error}\n"
    assert out == "Found 0 findings in 0 of 2 files checked. 1 file could not be read.\n"


def test_concise_is_one_line_per_finding_and_a_summary() -> None:
    out, _ = render("concise", DEFECTIVE, CLEAN)
    lines = out.splitlines()
    assert len(lines) == 4
    assert lines[1] == "pages/il34.md:3:9: WL601 warning: " + finding().message + " [edit-marker]"
    assert lines[3] == "Found 3 findings (2 errors, 1 warning) in 1 of 2 files checked."


def test_snippet_of_an_empty_span_is_one_caret() -> None:
    assert snippet.render(["abc"], 1, 4, 1, 4) == ["  |", "1 | abc", "  |    ^"]


def test_snippet_expands_tabs_and_counts_wide_characters() -> None:
    drawn = snippet.render(["\t中文 [edit]"], 1, 5, 1, 11)
    assert drawn[1] == "1 |     中文 [edit]"
    assert drawn[2] == "  |" + " " * (1 + 4 + 4 + 1) + "^" * 6


def test_snippet_neutralises_control_characters() -> None:
    drawn = snippet.render(["a\x1b[31mred"], 1, 1, 1, 2)
    assert "\x1b" not in "".join(drawn)
    assert drawn[1] == "1 | a\ufffd[31mred"


def test_snippet_cuts_long_lines_around_the_span() -> None:
    line = "x" * 300 + "TARGET" + "y" * 300
    drawn = snippet.render([line], 1, 301, 1, 307)
    shown = drawn[1][len("1 | ") :]
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) <= snippet.MAX_WIDTH + 2
    caret = drawn[2][len("  | ") :]
    assert shown[caret.index("^") : caret.index("^") + 6] == "TARGET"
    assert caret.count("^") == 6


def test_snippet_of_a_long_multi_line_span_says_how_many_lines_more() -> None:
    lines = [f"line {n}" for n in range(1, 21)]
    drawn = snippet.render(lines, 2, 1, 20, 8)
    assert drawn[1] == "2 | line 2"
    assert drawn[-1] == "  | … 16 more lines (through line 20)"
    assert sum(1 for line in drawn if "^" in line) == snippet.MAX_LINES


def test_snippet_without_source_is_empty() -> None:
    assert snippet.render([], 1, 1, 1, 1) == []
    assert snippet.render(["a"], 5, 1, 5, 1) == []


@given(st.lists(st.text(max_size=40), min_size=1, max_size=5), st.data())
def test_snippet_never_fails_and_underlines_inside_the_drawn_line(lines: list[str], data: st.DataObject) -> None:
    line = data.draw(st.integers(1, len(lines)))
    column = data.draw(st.integers(1, len(lines[line - 1]) + 1))
    drawn = snippet.render(lines, line, column, line, data.draw(st.integers(column, len(lines[line - 1]) + 1)))
    assert drawn[2].count("^") >= 1
    assert all("\n" not in part and "\r" not in part for part in drawn)


# --- json and json-lines ---------------------------------------------------------------


def test_json_is_a_bare_array_of_finding_objects() -> None:
    out, err = render("json", DEFECTIVE, UNREADABLE, CLEAN)
    assert json.loads(out) == [f.to_dict() for f in DEFECTIVE.findings]
    assert "broken.md" in err


def test_json_lines_has_one_finding_object_per_line() -> None:
    out, err = render("json-lines", DEFECTIVE, UNREADABLE, CLEAN)
    assert [json.loads(line) for line in out.splitlines()] == [f.to_dict() for f in DEFECTIVE.findings]
    assert out.endswith("\n")
    assert "broken.md" in err
    assert render("json-lines", CLEAN)[0] == ""


# --- SARIF ---------------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def assert_valid_sarif(document: dict[str, Any]) -> None:
    errors = sorted(sarif_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_is_valid_and_lists_every_rule() -> None:
    out, err = render("sarif", DEFECTIVE, CLEAN)
    document = json.loads(out)
    assert_valid_sarif(document)
    assert err == ""
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["name"] == "wiki-lint"
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == sorted(rule.code for rule in REGISTRY)
    for rule in rules:
        assert rule["helpUri"].endswith("#" + rule["id"].lower())
        assert rule["shortDescription"]["text"] == BY_CODE[rule["id"]].summary
        assert rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_sarif_results_point_at_the_rule_and_the_region() -> None:
    document = json.loads(render("sarif", DEFECTIVE)[0])
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) == 3
    edit = results[1]
    assert edit["ruleId"] == "WL601"
    assert run["tool"]["driver"]["rules"][edit["ruleIndex"]]["id"] == "WL601"
    assert edit["level"] == "warning"
    assert edit["message"]["text"].startswith("heading 'Function' carries")
    location = edit["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pages/il34.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 15}
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_reports_unreadable_files_as_notifications() -> None:
    document = json.loads(render("sarif", UNREADABLE)[0])
    assert_valid_sarif(document)
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "not valid UTF-8" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pages/broken.md"


def test_sarif_uris_are_encoded_with_forward_slashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "my pages" / "a#1.md")
    result = FileResult(inside, [finding(path=inside)])
    document = json.loads(render("sarif", result)[0])
    assert_valid_sarif(document)
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20pages/a%231.md", "uriBaseId": "%SRCROOT%"}
    assert document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def test_sarif_paths_outside_the_working_directory_are_absolute_file_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    result = FileResult("../elsewhere.md", [finding(path="../elsewhere.md")])
    document = json.loads(render("sarif", result)[0])
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (tmp_path / "elsewhere.md").as_uri()}


def test_sarif_with_nothing_checked_is_valid() -> None:
    assert_valid_sarif(json.loads(render("sarif")[0]))


# --- GitHub workflow commands ----------------------------------------------------------


def test_github_data_escaping() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"


def test_github_property_escaping() -> None:
    assert escape_property("a:b,c%d\re\nf") == "a%3Ab%2Cc%25d%0De%0Af"


def test_github_escaping_escapes_percent_first() -> None:
    assert escape_data("%0A") == "%250A"
    assert escape_property("%3A") == "%253A"


def test_github_annotation_line_format() -> None:
    line = annotation(finding())
    assert line == (
        "::warning file=pages/il34.md,line=3,col=9,endLine=3,endColumn=15,title=WL601 edit-marker"
        "::heading 'Function' carries the edit marker '[edit]': expected the heading text alone"
        "%0Ahint: delete '[edit]' from the heading"
    )


def test_github_severities_and_multi_line_spans() -> None:
    error = annotation(finding("WL311", 5, 1, 5, 6, message="vague", hint=None))
    assert error.startswith("::error file=pages/il34.md,line=5,col=1,endLine=5,endColumn=6,title=WL311 vague-license::vague")
    multi = annotation(finding("WL602", 12, 1, 60, 10, message="chrome", hint=None))
    assert multi == "::warning file=pages/il34.md,line=12,endLine=60,title=WL602 site-chrome::chrome"
    info = Finding("p.md", 1, 1, "WL601", 1, 2, "edit-marker", Severity.INFO, "m")
    assert annotation(info).startswith("::notice ")


def test_github_escapes_paths_and_messages() -> None:
    line = annotation(finding(path="a,b:c.md", message="50% of it\nis gone", hint=None))
    assert "file=a%2Cb%3Ac.md," in line
    assert line.endswith("::50%25 of it%0Ais gone")
    assert line.count("\n") == 0


def test_github_output_has_one_command_per_finding_and_per_unreadable_file() -> None:
    out, err = render("github", DEFECTIVE, UNREADABLE, CLEAN)
    lines = out.splitlines()
    assert len(lines) == 4
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert lines[3].startswith("::error file=pages/broken.md,title=wiki-lint%3A file not checked::")
    assert err == ""


# --- JUnit ---------------------------------------------------------------------------


def test_junit_has_one_testcase_per_file_and_one_failure_per_finding() -> None:
    out, _ = render("junit", DEFECTIVE, CLEAN, UNREADABLE)
    root = ET.fromstring(out)
    (suite,) = root.findall("testsuite")
    assert suite.attrib["tests"] == "3"
    assert suite.attrib["failures"] == "1"
    assert suite.attrib["errors"] == "1"
    cases = suite.findall("testcase")
    assert [case.attrib["name"] for case in cases] == [
        "pages/il34.md",
        "pages/clean.md",
        "pages/broken.md",
    ]
    failures = cases[0].findall("failure")
    assert len(failures) == 3
    assert failures[1].attrib["type"] == "warning"
    assert failures[1].attrib["message"].startswith("WL601 edit-marker: heading 'Function'")
    assert "pages/il34.md:3:9: WL601" in (failures[1].text or "")
    assert cases[1].findall("failure") == [] and cases[1].findall("error") == []
    assert "not valid UTF-8" in cases[2].find("error").attrib["message"]  # type: ignore[union-attr]


def test_junit_stays_valid_xml_with_control_characters_and_markup() -> None:
    nasty = 'bad \x00\x1b\x0c <tag> & "quotes" ]]> \ud800 \ufffe end\nsecond line'
    result = FileResult("p<1>&.md", [finding(path="p<1>&.md", message=nasty, hint=nasty)])
    root = ET.fromstring(render("junit", result)[0])
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert '<tag> & "quotes" ]]>' in failure.attrib["message"]
    assert "\\x1b" in failure.attrib["message"]
    assert "end\nsecond line" in failure.attrib["message"]  # newlines kept in attributes
    assert root.find("testsuite/testcase").attrib["name"] == "p<1>&.md"  # type: ignore[union-attr]


@given(st.text())
def test_junit_parses_whatever_the_message(message: str) -> None:
    result = FileResult("p.md", [finding(message=message, hint=message)])
    ET.fromstring(render("junit", result)[0])


def test_xml_safe_keeps_what_xml_allows() -> None:
    assert xml_safe("a\tb\nc\rd é 中 😀") == "a\tb\nc\rd é 中 😀"
    assert xml_safe("\x00\x08\ufffe") == "\\x00\\x08\\ufffe"


# --- GitLab Code Quality -------------------------------------------------------------


def test_gitlab_issues_have_the_documented_fields() -> None:
    out, err = render("gitlab", DEFECTIVE, UNREADABLE)
    issues = json.loads(out)
    assert len(issues) == 3
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert issues[1]["check_name"] == "WL601 edit-marker"
    assert issues[1]["severity"] == "minor"
    assert issues[2]["severity"] == "major"
    assert issues[1]["location"] == {"path": "pages/il34.md", "lines": {"begin": 3, "end": 3}}
    assert "broken.md" in err


def test_gitlab_fingerprints_are_unique_even_for_identical_findings() -> None:
    twins = FileResult(
        "p.md",
        [
            finding(line=3, path="p.md"),
            finding(line=9, path="p.md"),
            finding(line=12, path="p.md", message="other"),
        ],
    )
    again = FileResult("p.md", [finding(line=3, path="p.md")])  # the same path checked twice
    issues = json.loads(render("gitlab", twins, again, DEFECTIVE)[0])
    prints = [issue["fingerprint"] for issue in issues]
    assert len(prints) == len(set(prints)) == 7


def test_gitlab_fingerprints_survive_lines_moving() -> None:
    before = FileResult("p.md", [finding("WL101", 1, 1, 1, 1, part="function"), finding(line=3)])
    after = FileResult(
        "p.md",
        [finding("WL101", 1, 1, 1, 1, part="function"), finding(line=13, column=2, end_column=8)],
    )
    assert [i["fingerprint"] for i in json.loads(render("gitlab", before)[0])] == [
        i["fingerprint"] for i in json.loads(render("gitlab", after)[0])
    ]


def test_fingerprints_ignore_numbers_in_messages_but_not_the_path_or_code() -> None:
    prints = Fingerprints()
    prints.next_file("a.md")
    one = prints.of(finding("WL105", message="heading 'Function' repeats the heading on line 5"))
    prints.next_file("a.md")  # a second visit of one path: unique again
    prints_b = Fingerprints()
    prints_b.next_file("a.md")
    moved = prints_b.of(finding("WL105", message="heading 'Function' repeats the heading on line 17"))
    assert one == moved
    prints_c = Fingerprints()
    prints_c.next_file("b.md")
    assert prints_c.of(finding("WL105", path="b.md", message="heading 'Function' repeats the heading on line 5")) != one


def test_report_path_is_relative_with_forward_slashes(tmp_path: Path) -> None:
    assert report_path(str(tmp_path / "a" / "b.md"), cwd=str(tmp_path)) == "a/b.md"
    assert report_path("./a/../b/c.md", cwd=str(tmp_path)) == "b/c.md"
    assert report_path("a\\b.md", cwd=str(tmp_path)) == "a/b.md"
    assert report_path("-", cwd=str(tmp_path)) == "-"


# --- statistics ----------------------------------------------------------------------


def test_statistics_count_findings_per_rule_most_frequent_first() -> None:
    statistics = Statistics()
    statistics.add(DEFECTIVE)
    statistics.add(FileResult("q.md", [finding(), finding(line=7)]))
    assert statistics.rules() == [
        ("WL601", "edit-marker", 3),
        ("WL101", "missing-part", 1),
        ("WL311", "vague-license", 1),
    ]
    table = statistics.render().splitlines()
    assert table[0].split() == ["Code", "Name", "Count"]
    assert table[1].split() == ["WL601", "edit-marker", "3"]
    assert table[-1].split() == ["Total", "5"]


def test_statistics_show_the_distribution_of_each_score() -> None:
    statistics = Statistics()
    for path, value in [("a.md", 40), ("b.md", 90), ("c.md", 55.5)]:
        statistics.add(FileResult(path, scores={"completeness": value}))
    statistics.add(FileResult("d.md", scores={"completeness": 100, "references": 3}))
    assert statistics.distributions() == [
        ("completeness", 4, 40.0, 72.75, 100.0),
        ("references", 1, 3.0, 3.0, 3.0),
    ]
    table = statistics.render().splitlines()
    assert table[0] == "No findings."
    header = table.index(next(line for line in table if line.startswith("Score")))
    assert table[header].split() == ["Score", "Files", "Min", "Median", "Max"]
    assert table[header + 1].split() == ["completeness", "4", "40", "72.75", "100"]
    assert statistics.to_dict()["scores"][0] == {
        "name": "completeness",
        "files": 4,
        "min": 40.0,
        "median": 72.75,
        "max": 100.0,
    }


def test_statistics_without_scores_have_no_score_table() -> None:
    statistics = Statistics()
    statistics.add(DEFECTIVE)
    assert "Score" not in statistics.render()


def _unescape(text: str) -> str:
    """What the Actions runner does with an escaped value."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


@given(st.text())
def test_github_escaping_round_trips_and_leaves_no_separators(value: str) -> None:
    data, prop = escape_data(value), escape_property(value)
    assert "\n" not in data and "\r" not in data
    assert not {":", ",", "\n", "\r"} & set(prop)
    assert _unescape(prop) == value


def test_sarif_result_for_an_unregistered_code_omits_the_rule_index() -> None:
    from wiki_lint.report.sarif import Reporter

    made = Reporter(io.StringIO(), io.StringIO())
    stray = Finding("p.md", 1, 1, "WL999", 1, 2, "stray-rule", Severity.WARNING, "m")
    result = made.result(stray)
    assert result["ruleId"] == "WL999" and "ruleIndex" not in result


# Control characters are left out: reporters are tested with them above, and the YAML
# reader does not accept them in front matter (reported separately).
PAGE_TEXT = st.lists(
    st.sampled_from(
        [
            "# Title",
            "## Function[edit]",
            "## See also",
            "",
            "Some text.",
            "Credits: A, B.",
            "\t中文 ✓",
            "---",
            "a: b: c",
        ]
    )
    | st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
    max_size=12,
).map("\n".join)


@given(PAGE_TEXT)
def test_every_format_renders_any_page_into_a_well_formed_report(text: str) -> None:
    from wiki_lint.sources import split_lines

    from support import lint

    findings = lint(text)
    result = FileResult("page.md", findings, lines=split_lines(text))
    for fmt in FORMATS:
        out, _ = render(fmt, result, UNREADABLE)
        if fmt in ("json", "gitlab"):
            assert len(json.loads(out)) == len(findings)
        elif fmt == "json-lines":
            assert len([json.loads(line) for line in out.splitlines()]) == len(findings)
        elif fmt == "sarif":
            assert len(json.loads(out)["runs"][0]["results"]) == len(findings)
        elif fmt == "junit":
            assert len(ET.fromstring(out).findall("testsuite/testcase/failure")) == len(findings)
        elif fmt == "github":
            assert len(out.rstrip("\n").split("\n")) == len(findings) + 1  # the runner splits on LF only
        else:
            assert out.splitlines()[-1].startswith("Found ")
