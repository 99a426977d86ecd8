"""Inline suppression comments: next line, ranges, whole file; unused and invalid ones."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from support import SAMPLES, by_name, lint, run_cli

HEAD = "---\ntitle: Interleukin 6\n---\n# Interleukin 6\n\nInterleukin 6 is a cytokine.\n\n"
BODY = "Interleukin 6 is a cytokine that acts in inflammation and in the maturation of B cells.\n"


def codes_at(findings: list, code: str) -> list[int]:
    return [f.line for f in findings if f.code == code]


def test_disable_next_line_suppresses_only_the_next_line() -> None:
    page = HEAD + "<!-- wiki-lint-disable-next-line WL601 -->\n## Function[edit]\n\n" + BODY + "\n## Research[edit]\n\n" + BODY
    findings = lint(page)
    assert codes_at(findings, "WL601") == [13]
    assert not by_name(findings, "unused-suppression")


def test_names_and_several_codes_are_accepted() -> None:
    page = HEAD + "<!-- wiki-lint-disable-next-line edit-marker, missing-references -->\n## Function[edit]\n\n" + BODY
    findings = lint(page)
    assert not codes_at(findings, "WL601")
    unused = by_name(findings, "unused-suppression")
    assert [(f.line, f.message) for f in unused] == [(8, "unused suppression: no WL401 (missing-references) finding on line 9 to suppress")]
    assert unused[0].column == page.splitlines()[7].index("missing-references") + 1
    assert unused[0].hint == "delete WL401 from this comment"


def test_a_reason_may_follow_the_codes() -> None:
    page = (
        HEAD + "<!-- wiki-lint-disable-next-line WL601, WL102 -- kept as exported, see #12 -->\n## Function[edit]\n\n## Research\n\n" + BODY
    )
    findings = lint(page)
    assert not codes_at(findings, "WL601") and not codes_at(findings, "WL102")
    assert not by_name(findings, "invalid-suppression") and not by_name(findings, "unused-suppression")
    whole = HEAD + "## Function[edit]\n\n" + BODY + "<!-- wiki-lint-disable-file -- legacy page -->\n"
    assert lint(whole) == []


def test_disable_enable_range() -> None:
    page = (
        HEAD
        + "<!-- wiki-lint-disable WL601 -->\n## Function[edit]\n\n"
        + BODY
        + "\n## Research[edit]\n\n"
        + BODY
        + "<!-- wiki-lint-enable WL601 -->\n\n## See also[edit]\n\n"
        + BODY
    )
    findings = lint(page)
    assert codes_at(findings, "WL601") == [18]
    assert not by_name(findings, "unused-suppression") and not by_name(findings, "invalid-suppression")


def test_enable_ends_one_code_of_a_comment_and_not_the_others() -> None:
    page = HEAD + "<!-- wiki-lint-disable WL601 WL102 -->\n<!-- wiki-lint-enable WL601 -->\n## Function[edit]\n\n## Research\n\n" + BODY
    findings = lint(page)
    assert codes_at(findings, "WL601") == [10]
    assert not codes_at(findings, "WL102")  # the empty Function section stays suppressed


def test_unclosed_range_runs_to_the_end_of_the_file() -> None:
    page = HEAD + "<!-- wiki-lint-disable edit-marker -->\n## Function[edit]\n\n" + BODY + "\n## Research[edit]\n\n" + BODY
    assert not codes_at(lint(page), "WL601")


def test_disable_file_with_and_without_codes() -> None:
    seed = (SAMPLES / "interleukin-34.md").read_text(encoding="utf-8")
    found = lint(seed)
    assert {"WL401", "WL601", "WL602"} <= {f.code for f in found}
    one = lint(seed + "\n<!-- wiki-lint-disable-file WL401 -->\n")
    assert {f.code for f in one} == {f.code for f in found} - {"WL401"}
    assert lint(seed + "\n<!-- wiki-lint-disable-file -->\n") == []


def test_unused_range_and_file_suppressions_are_reported() -> None:
    page = HEAD + "## Function\n\n" + BODY + "<!-- wiki-lint-disable WL602 -->\n<!-- wiki-lint-disable-file vague-license -->\n"
    unused = by_name(lint(page), "unused-suppression")
    assert [f.message for f in unused] == [
        "unused suppression: no WL602 (site-chrome) finding from line 11 to suppress",
        "unused suppression: no WL311 (vague-license) finding in this file to suppress",
    ]


def test_the_narrowest_suppression_gets_the_credit() -> None:
    page = HEAD + "<!-- wiki-lint-disable-file WL601 -->\n<!-- wiki-lint-disable-next-line WL601 -->\n## Function[edit]\n\n" + BODY
    unused = by_name(lint(page), "unused-suppression")
    assert [f.line for f in unused] == [8]  # the file-wide one is redundant


def test_a_comment_without_codes_that_suppresses_nothing_is_unused() -> None:
    page = HEAD + "<!-- wiki-lint-disable-next-line -->\n## Function\n\n" + BODY
    unused = by_name(lint(page), "unused-suppression")
    assert [(f.line, f.column, f.message) for f in unused] == [(8, 1, "unused suppression: no finding on line 9 to suppress")]


def test_invalid_suppressions() -> None:
    page = (
        HEAD
        + "<!-- wiki-lint-disable-next-line edit-markr -->\n## Function[edit]\n\n"
        + BODY
        + "<!-- wiki-lint-disabel WL601 -->\n<!-- wiki-lint-enable WL602 -->\n<!-- wiki-lint-enable -->\n"
        + "<!-- wiki-lint-disable-next-line WL6 -->\n## Research[edit]\n\n"
        + BODY
    )
    findings = lint(page)
    invalid = by_name(findings, "invalid-suppression")
    assert [f.line for f in invalid] == [8, 12, 13, 14, 15]
    assert "did you mean 'edit-marker'" in (invalid[0].hint or "")
    assert "unknown suppression directive" in invalid[1].message
    assert "has no open wiki-lint-disable naming WL602" in invalid[2].message
    assert "without an open wiki-lint-disable" in invalid[3].message
    assert codes_at(findings, "WL601") == [9, 16]  # a typo never suppresses, never widens to all rules
    assert not by_name(findings, "unused-suppression")


def test_meta_findings_are_suppressed_only_when_named() -> None:
    page = HEAD + "<!-- wiki-lint-disable-file unused-suppression -->\n<!-- wiki-lint-disable-next-line WL601 -->\n## Function\n\n" + BODY
    assert not by_name(lint(page), "unused-suppression")
    everything = HEAD + "<!-- wiki-lint-disable-file -->\n<!-- wiki-lint-disable-next-line WL601 -->\n## Function\n\n" + BODY
    # the file-wide comment silences the missing parts, not the unused next-line comment
    assert [f.line for f in by_name(lint(everything), "unused-suppression")] == [9]


def test_comments_inside_code_blocks_are_examples_not_directives() -> None:
    page = HEAD + "## Function[edit]\n\n" + BODY + "\n```html\n<!-- wiki-lint-disable-file -->\n```\n"
    findings = lint(page)
    assert codes_at(findings, "WL601") == [8]
    assert not by_name(findings, "unused-suppression")


def test_plain_text_exports_accept_the_comment_on_its_own_line() -> None:
    seed = (SAMPLES / "interleukin-34.txt").read_text(encoding="utf-8")
    lines = seed.splitlines()
    found = lint(seed, fmt="plaintext")
    marker_line = codes_at(found, "WL601")[0]
    lines.insert(marker_line - 1, "<!-- wiki-lint-disable-next-line edit-marker -->")
    again = lint("\n".join(lines) + "\n", fmt="plaintext")
    assert len(codes_at(again, "WL601")) == len(codes_at(found, "WL601")) - 1
    assert not by_name(again, "unused-suppression")


def test_trigger_pages_trigger_their_rule() -> None:
    pages = Path(__file__).parent / "pages"
    for name in ("unused-suppression", "invalid-suppression"):
        result = run_cli("check", "--output-format", "json", "--select", name, str(pages / f"{name}.md"))
        assert f'"name": "{name}"' in result.stdout, result.stdout + result.stderr


@given(
    st.lists(
        st.sampled_from(
            ["<!-- ", "-->", "wiki-lint-", "disable", "enable", "-file", "-next-line", " WL601", ",", " x", "\n", "## A[edit]\n", "text\n"]
        ),
        max_size=30,
    )
)
def test_any_comment_soup_never_crashes_and_positions_stay_in_the_file(parts: list[str]) -> None:
    text = HEAD + "".join(parts)
    lines = text.splitlines() or [""]
    for finding in lint(text):
        assert 1 <= finding.line <= finding.end_line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
