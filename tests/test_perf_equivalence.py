"""The fast paths of the structure, defect, language, schema and score checks answer
exactly like the straightforward code they replace (kept here as the oracle), on
generated text and on every page of the project and the shared corpus."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import ROOT, SHARED
from wiki_lint import prose
from wiki_lint.rules import language

# Text made of the characters and pieces the fast paths decide on.
_PIECES = st.sampled_from(
    [*"ab Zé9_-'’[]|^<>{}:/\n\t", "\u00a0", "\u2028", "\x1c", "\x85", "İ", "ß", "ı", "Ճարպ", "ଓମା"]
    + ["http://x", "HTTPS://y", "[^a]", "[1]", "[2, 3]", "''", "[[a|b]]", "{{cite}}", "<ref>r</ref>", "<b>"]
    + ["the ", "of ", "THE ", "And ", " is ", "la ", "el "]
)
TEXT = st.lists(_PIECES, max_size=40).map("".join)


def _real_texts() -> list[str]:
    texts: list[str] = []
    roots = [ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            text = path.read_text(encoding="utf-8", errors="replace")
            texts.append(text)
            texts.extend(text.split("\n\n"))
    return texts


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    return _real_texts()


# --- wrong-language ----------------------------------------------------------------------


def _plain_text_oracle(text: str) -> str:
    return re.sub(r"\s+", " ", prose.strip_markup_keep_offsets(text)).strip()


def _clearly_english_oracle(text: str, share: float = 0.15) -> bool:
    tokens = [t.lower() for t in re.findall(r"[^\W\d_]+", text)]
    return bool(tokens) and sum(t in language._ENGLISH_FUNCTION_WORDS for t in tokens) / len(tokens) >= share


def _cheap_detection_oracle(text: str, expected: str) -> tuple[bool, object, str]:
    counts = language.script_counts(text)
    total = sum(counts.values())
    if not total:
        return True, None, ""
    script, letters = counts.most_common(1)[0]
    expected_script = language.SCRIPT_OF.get(expected)
    if expected_script is not None and script != expected_script and letters / total >= 0.5:
        name = language.LANGUAGE_OF_SCRIPT.get(script, f"a {script.title()}-script language")
        return True, (name, letters / total, "script"), script
    if expected == "en" and script == "LATIN" and _clearly_english_oracle(text):
        return True, None, script
    return False, None, script


def _assert_language_paths(text: str) -> None:
    assert language.block_plain_text(text) == _plain_text_oracle(text) == prose.plain_text(text)
    for share in (0.0, 0.15, 0.3):
        assert language.clearly_english(text, share) == _clearly_english_oracle(text, share)
    for expected in ("en", "es", "hy", "zh", "xx"):
        assert language._detect_cheaply(text, expected) == _cheap_detection_oracle(text, expected)


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_language_fast_paths_on_generated_text(text: str) -> None:
    _assert_language_paths(text)


def test_language_fast_paths_on_real_pages(real_texts: list[str]) -> None:
    for text in real_texts:
        _assert_language_paths(text)


# --- defects -----------------------------------------------------------------------------

_END_OK = re.compile(r"[.!?:;…)\]}\"'”’»*_`>|]\s*$")


@settings(max_examples=400, deadline=None)
@given(text=TEXT, last=st.characters())
def test_truncated_text_end_characters_are_the_former_pattern(text: str, last: str) -> None:
    from wiki_lint.rules.defects import _END_CHARACTERS

    stripped = (text + last).rstrip()
    assert bool(stripped and stripped[-1] in _END_CHARACTERS) == bool(_END_OK.search(stripped))
