"""The fast paths of extraction, the structure, defect and language rules and the
scores answer exactly like the straightforward code they replace (kept here as the
oracle), on generated text and on every page of the project and the shared corpus."""

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


_PLACEHOLDER_PIECES = st.sampled_from(
    [*"aA ?|\t\n/[]:-", "n/a", "N/A", "TODO", "todo", "TBD", "TBA", "FIXME", "XXX", "Lorem ipsum", "stub", "{{stub}}"]
    + ["This article is a stub", "You can help by expanding it", "placeholder text", "[insert dose]", "[add x]", "[your name]", "ſ", "İ"]
)


@settings(max_examples=600, deadline=None)
@given(text=st.lists(_PLACEHOLDER_PIECES, max_size=20).map("".join))
def test_placeholder_page_gate_passes_whenever_a_pattern_may_match(text: str) -> None:
    from wiki_lint.prefilter import fold
    from wiki_lint.rules.defects import _PLACEHOLDER_INLINE, _PLACEHOLDER_VALUE

    if _PLACEHOLDER_VALUE.pattern.search(text) or _PLACEHOLDER_INLINE.pattern.search(text):
        assert _PLACEHOLDER_VALUE.may_match(fold(text)) or _PLACEHOLDER_INLINE.may_match(fold(text))
        # the page check folds the blocks joined: a block's match passes it too
        page = fold("\n".join(["Before.", text, "| After |"]))
        assert _PLACEHOLDER_VALUE.may_match(page) or _PLACEHOLDER_INLINE.may_match(page)


@settings(max_examples=1000, deadline=None)
@given(
    flags=st.lists(st.booleans(), max_size=300),
    share=st.one_of(st.sampled_from([0.0, 0.15, 0.1, 0.3, 1.0, 1 / 3, 0.7]), st.floats(min_value=0, max_value=1.2), st.floats()),
)
def test_english_share_counts_like_the_plain_sum(flags: list[bool], share: float) -> None:
    tokens = ["the" if flag else "xyz" for flag in flags]
    words = frozenset({"the"})
    expected = bool(tokens) and sum(t in words for t in tokens) / len(tokens) >= share
    assert language._english_share(tokens, words, share) == expected


# --- extraction --------------------------------------------------------------------------


def _extract_oracle(doc: object, schema: object, lang: str | None) -> tuple[dict[str, tuple[object, ...]], set[int]]:
    """The parts found by searching every section and block for every part in turn
    (extraction before it indexed headings and labels per page)."""
    from wiki_lint import extract as ex
    from wiki_lint.schema import normalize_name

    entry = ex.Entry(title=doc.title, lang=lang)  # type: ignore[attr-defined]
    labels = {normalize_name(label) for spec in schema.parts.values() for label in spec.labels}  # type: ignore[attr-defined]
    for block in doc.blocks():  # type: ignore[attr-defined]
        if block.label is not None and normalize_name(block.label) in labels:
            entry.claimed.add(id(block))
    found: dict[str, tuple[object, ...]] = {}
    for spec in schema.parts.values():  # type: ignore[attr-defined]
        part = ex._from_front_matter(doc, spec)  # type: ignore[arg-type]
        if part is None:
            names = {normalize_name(name) for name in spec.heading_names(lang)}
            for index, section in enumerate(doc.sections):  # type: ignore[attr-defined]
                if names and ex._heading_key(section.heading.text, entry.title) & names:
                    blocks = ex.section_content(doc, index, entry)  # type: ignore[arg-type]
                    value = "\n\n".join(block.text for block in blocks)
                    span = blocks[0].span.cover(blocks[-1].span) if blocks else section.heading.span
                    part = ex.FoundPart(spec.name, value, section.heading.span, span, "heading", section=section, blocks=blocks)
                    break
        if part is None:
            wanted = {normalize_name(label) for label in spec.labels}
            for block in doc.blocks():  # type: ignore[attr-defined]
                if wanted and block.label is not None and normalize_name(block.label) in wanted:
                    part = ex.FoundPart(spec.name, block.body, block.span, block.body_span(), "label", blocks=[block])
                    break
        if part is None and spec.lead:
            part = ex._from_lead(doc, spec, entry)  # type: ignore[arg-type]
        if part is not None:
            found[spec.name] = (part.via, part.value, part.span, part.value_span, id(part.section), [id(b) for b in part.blocks])
    return found, entry.claimed


_HEADINGS = st.sampled_from(
    ["Function", "Functions", "Biological role", "Clinical significance", "Clinical relevance", "Clinical significance of Topic"]
    + ["References", "See also", "Notes", "Treatment", "Signs and symptoms", "Adverse effects", "Side effects of Topic", "Other", "Mechanism"]
)
_LABELS = st.sampled_from(["Credits", "License", "Medical disclaimer", "Disclaimer", "Note", "Authors"])


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(
        st.one_of(
            st.tuples(st.sampled_from(["## ", "### "]), _HEADINGS).map(lambda t: f"{t[0]}{t[1]}\n\n"),
            _LABELS.map(lambda label: f"{label}: some text of the part that is long enough.\n\n"),
            st.just("A paragraph of text about the topic, long enough for a part.\n\n"),
        ),
        max_size=14,
    ),
    schema_name=st.sampled_from(["medical-entry", "disease", "drug", "protein"]),
    lang=st.sampled_from([None, "en", "es"]),
)
def test_extraction_finds_the_parts_a_search_of_every_section_finds(pieces: list[str], schema_name: str, lang: str | None) -> None:
    from wiki_lint import readers
    from wiki_lint.extract import extract
    from wiki_lint.schema import load_schema
    from wiki_lint.sources import Source

    text = "# Topic\n\nTopic is a thing that the page is about.\n\n" + "".join(pieces)
    doc = readers.read(Source("page.md", text), "markdown")
    schema = load_schema(schema_name)
    entry = extract(doc, schema, lang)
    found, claimed = _extract_oracle(doc, schema, entry.lang)
    got = {
        name: (part.via, part.value, part.span, part.value_span, id(part.section), [id(b) for b in part.blocks])
        for name, part in entry.found.items()
        if not part.via.startswith("within")
    }
    assert got == found
    assert entry.claimed == claimed


@pytest.mark.parametrize("text", ["Specialty: ?\nDeaths: 12\n", "| Deaths | ?? |\n| Onset | x |", "Item\n- ?\n- b", "Cause: ?"])
def test_a_lone_question_mark_value_passes_the_gates_of_folded_text(text: str) -> None:
    from wiki_lint.prefilter import fold
    from wiki_lint.rules.defects import _PLACEHOLDER_VALUE

    assert _PLACEHOLDER_VALUE.pattern.search(text)
    assert _PLACEHOLDER_VALUE.may_match(fold(text))
    assert _PLACEHOLDER_VALUE.may_match(fold("\n".join(["Before.", text, "After."])))


_SCORE_PIECES = st.sampled_from(
    [*"aA :\n\t-", "  ", "conflict of interest", "Conflicts  of\ninterests", "competing interests", "financial disclosure"]
    + ["disclosure policy", "sponsored by", "Funded by", "funding:", "no financial ties to disclose", "declares no", "owned and operated by"]
    + ["Last updated 3 May 2023", "Reviewed August 2015", "date of last review: 2024-01-02", "posted on 4 June 2020", "revision 2019", "ı", "ſ", "İ", "K"]
)


@settings(max_examples=600, deadline=None)
@given(text=st.lists(_SCORE_PIECES, max_size=12).map("".join))
def test_score_gates_on_lowered_text_pass_whenever_a_statement_matches(text: str) -> None:
    from wiki_lint.needles import lowered
    from wiki_lint.scores import _CURRENCY_TEXT, _DISCLOSURE_TEXT

    for guarded in (_DISCLOSURE_TEXT, _CURRENCY_TEXT):
        assert not any(ch.isspace() for needle in guarded.needles for ch in needle)  # what makes lowered() enough
        if guarded.pattern.search(text):
            assert guarded.may_match(lowered(text))



# --- schema validation -------------------------------------------------------------------

_ENTRY_TEXT = st.sampled_from(
    ["", " ", "x" * 9, "x" * 10, "x" * 40, "Licensed under CC BY-SA 4.0.", "CC BY-SA 3.0 or similar", "public domain etc"]
    + ["This is not a substitute for professional medical advice.", "Does not replace advice.", "ok"]
)


def _lite_errors(errors: object) -> list[tuple[object, ...]]:
    return [(e.message, e.validator, e.validator_value, e.instance, tuple(e.path)) for e in errors]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["medical-entry", "disease", "drug", "protein"])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_compiled_lite_validator_gives_the_lite_validators_errors(name: str, data: st.DataObject) -> None:
    from wiki_lint.lite_plan import compile_lite
    from wiki_lint.schema import load_schema
    from wiki_lint.schema_lite import LiteValidator

    schema = load_schema(name)
    validator = schema.validator
    assert isinstance(validator, LiteValidator)
    compiled = compile_lite(validator)
    assert compiled is not None
    instance = data.draw(st.dictionaries(st.sampled_from(sorted(schema.parts) + ["title", "unknown"]), _ENTRY_TEXT))
    assert _lite_errors(compiled(instance)) == _lite_errors(validator.iter_errors(instance))


@settings(max_examples=300, deadline=None)
@given(instance=st.dictionaries(st.sampled_from(["a", "b", "c"]), st.one_of(st.none(), st.integers(), st.text(max_size=3), st.booleans())))
def test_compiled_lite_validator_on_other_types_and_keywords(instance: dict[str, object]) -> None:
    from wiki_lint.lite_plan import compile_lite
    from wiki_lint.schema_lite import LiteValidator

    base = "file:///schemas/page.schema.json"
    other = "file:///schemas/other.schema.json"
    document = {
        "$id": base,
        "required": ["a"],
        "properties": {"a": {"type": ["integer", "null"], "not": {"type": "boolean"}}, "b": {"$ref": "other.schema.json"}, "c": {"minLength": 1}},
        "allOf": [{"required": ["b", "c"]}],
    }
    documents = {other: {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string", "pattern": "^x", "minLength": 2}}
    validator = LiteValidator(document, base, documents)
    compiled = compile_lite(validator)
    assert compiled is not None
    assert _lite_errors(compiled(instance)) == _lite_errors(validator.iter_errors(instance))


def test_compiled_lite_validator_on_real_pages() -> None:
    from wiki_lint import readers
    from wiki_lint.entry_types import choose_schema
    from wiki_lint.errors import InputError, UsageError
    from wiki_lint.extract import extract
    from wiki_lint.lite_plan import compile_lite
    from wiki_lint.schema import load_schema
    from wiki_lint.sources import read_source

    checked = 0
    for root in (ROOT / "tests" / "pages", ROOT / "samples", SHARED / "corpus", SHARED / "seed"):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            try:
                doc = readers.read(read_source(str(path), "strict"), readers.format_for(str(path), None))
            except (InputError, UsageError):
                continue
            schema = load_schema(choose_schema(doc, None, None).schema)
            compiled = compile_lite(schema.validator)  # type: ignore[arg-type]
            assert compiled is not None
            instance = extract(doc, schema, None).data()
            assert _lite_errors(compiled(instance)) == _lite_errors(schema.validator.iter_errors(instance)), path
            checked += 1
    assert checked > 20
