"""Front matter read with libyaml (the fast path) is read exactly as with pure PyYAML."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from wiki_lint.document import Span
from wiki_lint.readers import frontmatter

pytestmark = pytest.mark.skipif(frontmatter._FastLoader is None, reason="PyYAML was built without libyaml")

_KEYS = st.sampled_from(["title", "type", "lang", "authors", "license", "last_reviewed", "aliases", "Titel", "ключ", "title"])
_VALUES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["2025-09-14", "[A. Example, B. Example]", "CC-BY-SA-4.0", "'quoted: yes'", "|\n  block\n  text", "{a: 1}", "- x\n- y", "null", "yes", "0o17", "1e3", "\t", "&a x", "!!python/object x", "\ufeff", "é"]),
)
_LINES = st.lists(st.tuples(_KEYS, _VALUES, st.sampled_from([": ", ":", " : ", ":  "])), max_size=8)


def _both(content: str) -> tuple[frontmatter.FrontMatter, frontmatter.FrontMatter]:
    lines = ["---", *content.split("\n"), "---"]
    slow = frontmatter._load(content, 2, lines, frontmatter._GuardedLoader, fast=False)
    return frontmatter.load(content, 2, lines), slow


@given(_LINES)
@example([("title", "Interleukin 6", ": "), ("title", "again", ": ")])
@example([("authors", "[A, B", ": ")])
@example([("key", "\x07bell", ": ")])
def test_fast_and_pure_loaders_agree_on_yaml_like_text(pairs: list[tuple[str, str, str]]) -> None:
    content = "\n".join(f"{key}{sep}{value}" for key, sep, value in pairs)
    fast, slow = _both(content)
    assert (fast.data, fast.spans, fast.problems) == (slow.data, slow.spans, slow.problems)


@given(st.text(max_size=80))
def test_fast_and_pure_loaders_agree_on_any_text(content: str) -> None:
    fast, slow = _both(content)
    assert (fast.data, fast.spans, fast.problems) == (slow.data, slow.spans, slow.problems)


def test_aliases_always_take_the_guarded_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(content: str) -> None:
        raise AssertionError("the fast loader must not see aliases")

    monkeypatch.setattr(frontmatter, "_FastLoader", refuse)
    bomb = "a: &a [x, x]\n" + "".join(f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n" for i in range(120))
    loaded = frontmatter.load(bomb, 2, ["---", *bomb.split("\n"), "---"])
    assert loaded.data is None
    assert "alias" in loaded.problems[0].message


def test_libyaml_is_really_used_for_plain_front_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    used = []

    class Spy(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        def __init__(self, stream: str) -> None:
            used.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(frontmatter, "_FastLoader", Spy)
    # quoted text is beyond the simple reader (which needs no YAML library at all)
    loaded = frontmatter.load("title: 'X'\nlang: en", 2, ["---", "title: 'X'", "lang: en", "---"])
    assert used and loaded.data == {"title": "X", "lang": "en"}


def test_simple_front_matter_needs_no_yaml_library(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(content: str) -> None:
        raise AssertionError("simple front matter must not need PyYAML")

    monkeypatch.setattr(frontmatter, "_FastLoader", refuse)
    monkeypatch.setattr(frontmatter, "_GuardedLoader", refuse)
    content = "title: Interleukin 6\ntype: protein\nauthors: [A. Example, B. Example]\nlast_reviewed: 2025-09-14\nlicense: CC-BY-SA-4.0"
    loaded = frontmatter.load(content, 2, ["---", *content.split("\n"), "---"])
    assert loaded.data == {
        "title": "Interleukin 6",
        "type": "protein",
        "authors": ["A. Example", "B. Example"],
        "last_reviewed": "2025-09-14",
        "license": "CC-BY-SA-4.0",
    }
    assert loaded.spans["authors"] == Span(4, 1, 4, 8) and not loaded.problems


# mostly what the simple reader takes, with what it must leave to PyYAML mixed in
_SIMPLE_KEYS = st.sampled_from(["title", "type", "lang", "authors", "a-b", "_x", "k1", "title"] * 3 + ["yes", "on", "Null", "1", "é", "k" * 1030])
_GOOD_WORDS = ["A.", "Example", "B", "n", "CC-BY-SA-4.0", "Intérleukin", "x]", "a,b", "tRUE", "None", "e'q", 'a"b', "a\\b", "a&b", "a!", "a*", "a%", "a|b", "a>b", "a?"]
_BAD_WORDS = ["yes", "No", "null", "é", "[y", "#c", "d:", "~", "2025-09-14", "2025-13-01", "0", ".5", "-", "'q'", '"', "\t", "\u00a0", "\ufeff"]
_WORD = st.sampled_from(_GOOD_WORDS * 4 + _BAD_WORDS)
_SIMPLE_VALUES = st.one_of(
    st.lists(_WORD, min_size=1, max_size=4).map(" ".join),
    st.lists(st.lists(_WORD, min_size=1, max_size=2).map(" ".join), max_size=4).flatmap(
        lambda items: st.sampled_from([", ", ",", " , ", ",  "]).map(lambda sep: "[" + sep.join(items) + "]")
    ),
    st.sampled_from(["2025-09-14", "1999-12-31", "2024-02-30", "0000-01-01", "[]", "[ ]", "[a,]", "", " "]),
)


@given(st.lists(st.tuples(_SIMPLE_KEYS, _SIMPLE_VALUES, st.sampled_from([": "] * 6 + [":  ", ":", " : "]), st.sampled_from(["", "", " ", "\n"])), max_size=6))
def test_simple_reader_agrees_with_pyyaml(lines: list[tuple[str, str, str, str]]) -> None:
    content = "\n".join(f"{key}{sep}{value}{end}" for key, value, sep, end in lines)
    fast, slow = _both(content)
    assert (fast.data, fast.spans, fast.problems) == (slow.data, slow.spans, slow.problems)


@given(st.lists(st.sampled_from(list("ab: -[]{},'\"#?\n\n  0123456789.eE+~_=\\/é中") + ["null", "true", "2025-01-01", "...", "---", ": "]), max_size=40).map("".join))
def test_fast_and_pure_loaders_agree_on_yaml_punctuation(content: str) -> None:
    fast, slow = _both(content)
    assert (fast.data, fast.spans, fast.problems) == (slow.data, slow.spans, slow.problems)
