"""Applying edits: one pass, earliest fix wins, line endings and encodings kept."""

from __future__ import annotations

import codecs

import pytest
from support import lint

from wiki_lint.atomic import encode
from wiki_lint.check import Settings
from wiki_lint.findings import Applicability, Edit, Finding, Fix, Severity
from wiki_lint.fix import apply_fixes, fix_text
from wiki_lint.sources import Source, decode


def finding(code: str, line: int, column: int, *edits: Edit, safe: bool = True) -> Finding:
    fix = Fix(Applicability.SAFE if safe else Applicability.UNSAFE, f"fix {code}", edits)
    return Finding(
        "p.md", line, column, code, line, column + 1, code.lower(), Severity.WARNING, "m", fix=fix
    )


def test_replace_insert_delete_in_one_pass() -> None:
    text = "alpha\nbeta\ngamma\n"
    findings = [
        finding("WL001", 1, 1, Edit(1, 1, 1, 6, "ALPHA")),
        finding("WL002", 2, 5, Edit(2, 5, 2, 5, "!")),
        finding("WL003", 3, 1, Edit(3, 1, 4, 1, "")),
    ]
    applied = apply_fixes(text, findings)
    assert applied.text == "ALPHA\nbeta!\n"
    assert [f.code for f in applied.fixed] == ["WL001", "WL002", "WL003"] and not applied.dropped


def test_overlapping_fixes_earliest_wins_and_later_is_dropped_whole() -> None:
    text = "one two three\n"
    first = finding("WL009", 1, 1, Edit(1, 1, 1, 8, "1 2"))  # "one two"
    second = finding(
        "WL001", 1, 5, Edit(1, 5, 1, 14, "2 3"), Edit(1, 1, 1, 1, ">")
    )  # overlaps; starts earlier by its insertion
    third = finding(
        "WL002", 1, 9, Edit(1, 9, 1, 14, "3")
    )  # overlaps the first? no: "three" starts at column 9
    applied = apply_fixes(text, [first, second, third])
    # "second" starts at offset 0 (its insertion) with code WL001 < WL009: it is taken first
    assert [f.code for f in applied.fixed] == ["WL001"]
    assert {f.code for f in applied.dropped} == {"WL009", "WL002"}
    assert applied.text == ">one 2 3\n"
    # the order findings come in does not matter
    assert apply_fixes(text, [third, second, first]).text == applied.text


def test_insertion_inside_a_deleted_range_is_dropped() -> None:
    text = "a\nb\nc\n"
    delete = finding("WL602", 2, 1, Edit(2, 1, 3, 1, ""))
    insert = finding("WL101", 1, 1, Edit(2, 2, 2, 2, "X"))
    applied = apply_fixes(text, [delete, insert])
    assert applied.text == "a\nc\n" and [f.code for f in applied.dropped] == ["WL101"]


def test_insertions_at_a_deletion_boundary_both_apply() -> None:
    text = "a\nb\nc\n"
    applied = apply_fixes(
        text,
        [
            finding("WL602", 2, 1, Edit(2, 1, 3, 1, "")),
            finding("WL101", 2, 1, Edit(2, 1, 2, 1, "new\n")),
        ],
    )
    assert applied.text == "a\nnew\nc\n"


def test_unsafe_fixes_only_when_asked() -> None:
    text = "x\n"
    unsafe = finding("WL101", 1, 1, Edit(1, 1, 1, 1, "y"), safe=False)
    assert apply_fixes(text, [unsafe]).text == text
    assert apply_fixes(text, [unsafe], unsafe=True).text == "yx\n"


def test_edit_outside_the_text_is_dropped_not_applied() -> None:
    applied = apply_fixes("ab\n", [finding("WL001", 5, 1, Edit(5, 1, 5, 2, "z"))])
    assert applied.text == "ab\n" and len(applied.dropped) == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_untouched_lines_keep_their_line_endings_and_inserted_lines_use_the_file_s(
    newline: str,
) -> None:
    text = newline.join(["Title", "Function[edit]", "Text here."]) + newline
    applied = apply_fixes(
        text,
        [
            finding("WL601", 2, 9, Edit(2, 9, 2, 15, "")),
            finding("WL101", 3, 1, Edit(3, 1, 3, 1, "New\n")),
        ],
        newline=newline,
    )
    assert applied.text == newline.join(["Title", "Function", "New", "Text here."]) + newline


def test_mixed_line_endings_survive_a_fix() -> None:
    text = "Title\r\nFunction[edit]\nText here.\r\n"
    applied = apply_fixes(text, [finding("WL601", 2, 9, Edit(2, 9, 2, 15, ""))])
    assert applied.text == "Title\r\nFunction\nText here.\r\n"


@pytest.mark.parametrize("final_newline", [True, False])
def test_final_newline_kept_when_chrome_at_the_end_is_deleted(final_newline: bool) -> None:
    seed = "Title\nA lead sentence that defines it.\nFunction[edit]\nIt does things.\nTranslate this page: - East Asian\n中文,\nUkrainian"
    text = seed + ("\n" if final_newline else "")
    outcome = fix_text(Source("p.txt", text), Settings(), "plaintext")
    assert outcome.text.endswith("It does things." + ("\n" if final_newline else ""))
    assert "Translate" not in outcome.text


@pytest.mark.parametrize(
    "data",
    [
        b"Title\nFunction[edit]\n",
        codecs.BOM_UTF8 + b"Title\nFunction[edit]\n",
        codecs.BOM_UTF16_LE + "Title\nFunction[edit]\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Title\nFunction[edit]\n".encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_encoding_and_bom_round_trip(data: bytes) -> None:
    source = decode(data, "p.txt")
    assert encode(source.text, data, source.encoding) == data
    fixed = encode(source.text.replace("[edit]", ""), data, source.encoding)
    assert fixed[:2] == data[:2] and decode(fixed, "p.txt").text == "Title\nFunction\n"


def test_fix_text_loops_until_stable_and_reports_what_remains() -> None:
    text = "Title\nTitle is a thing that exists in the body.\nFunction[edit]\nIt does a lot of things in the body, really.\n"
    outcome = fix_text(Source("p.txt", text), Settings(), "plaintext")
    assert outcome.changed and [f.name for f in outcome.fixed] == ["edit-marker"]
    assert outcome.remaining == lint(outcome.text, "plaintext", path="p.txt")
