"""WL506: the page is written in the expected language.

Detection runs in two steps, cheapest first:

1. **Script.**  The letters of the article text are counted by Unicode script.  When
   most are in a script the expected language is not written in (Armenian letters on
   a page expected in English: at least half of them), the page is in another
   language; no model is needed,
   and the language is named from the script where the script says it (Armenian,
   Odia, Greek, Korean ...).
2. **Language model.**  When the script fits (and, for English, when the text is not
   plainly English by its share of function words: "the", "of", "and" ...), ``lingua`` (lingua-language-detector)
   decides between the expected language and the candidate languages written in the
   same script.  The detector is built lazily, once per set of languages, in lingua's
   low-accuracy mode (trigram models only: about 0.1 s to load for 17 languages
   instead of seconds for all 75 with every n-gram size; on the hundreds of words a
   page offers it is as accurate), and only when the page has at least ``min_words``
   words of prose.

The expected language is ``--lang``/settings, else front matter ``lang``, else the rule
option ``expected`` (default ``en``, the language of the built-in schema).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from wiki_lint.document import Span
from wiki_lint.findings import Severity
from wiki_lint.prefilter import Lazy
from wiki_lint.prose import article_passages, plain_text, sentences, span_in, words
from wiki_lint.rules import options
from wiki_lint.rules.base import Context, Rule

#: The script each language is written in (ISO 639-1 code -> Unicode script name).
SCRIPT_OF: dict[str, str] = {
    **dict.fromkeys(
        [
            "en",
            "es",
            "fr",
            "de",
            "it",
            "pt",
            "nl",
            "pl",
            "tr",
            "id",
            "ms",
            "sv",
            "ro",
            "vi",
            "da",
            "fi",
            "cs",
            "hu",
            "sk",
            "sl",
            "hr",
            "bs",
            "sq",
            "et",
            "lv",
            "lt",
            "is",
            "ga",
            "cy",
            "eu",
            "ca",
            "gl",
            "af",
            "sw",
            "zu",
            "xh",
            "yo",
            "ig",
            "so",
            "tl",
            "la",
            "eo",
            "nb",
            "nn",
            "no",
            "az",
            "uz",
        ],
        "LATIN",
    ),
    **dict.fromkeys(["ru", "uk", "bg", "be", "mk", "sr", "kk", "mn", "ky", "tg"], "CYRILLIC"),
    **dict.fromkeys(["ar", "fa", "ur", "ps"], "ARABIC"),
    **dict.fromkeys(["hi", "mr", "ne"], "DEVANAGARI"),
    **dict.fromkeys(["bn", "as"], "BENGALI"),
    "el": "GREEK",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
    "he": "HEBREW",
    "yi": "HEBREW",
    "th": "THAI",
    "ko": "HANGUL",
    "zh": "CJK",
    "ja": "CJK",
    "or": "ORIYA",
    "ta": "TAMIL",
    "te": "TELUGU",
    "kn": "KANNADA",
    "ml": "MALAYALAM",
    "gu": "GUJARATI",
    "pa": "GURMUKHI",
    "si": "SINHALA",
    "my": "MYANMAR",
    "am": "ETHIOPIC",
    "km": "KHMER",
    "lo": "LAO",
}

#: Scripts that name their language (or its usual one) by themselves.
LANGUAGE_OF_SCRIPT: dict[str, str] = {
    "GREEK": "Greek",
    "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian",
    "HEBREW": "Hebrew",
    "THAI": "Thai",
    "HANGUL": "Korean",
    "ORIYA": "Odia",
    "TAMIL": "Tamil",
    "TELUGU": "Telugu",
    "KANNADA": "Kannada",
    "MALAYALAM": "Malayalam",
    "GUJARATI": "Gujarati",
    "GURMUKHI": "Punjabi",
    "SINHALA": "Sinhala",
    "MYANMAR": "Burmese",
    "ETHIOPIC": "Amharic",
    "KHMER": "Khmer",
    "LAO": "Lao",
    "CJK": "Chinese or Japanese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "CYRILLIC": "a Cyrillic-script language",
    "ARABIC": "an Arabic-script language",
    "DEVANAGARI": "a Devanagari-script language",
    "BENGALI": "Bengali",
    "LATIN": "a Latin-script language",
}

#: Languages lingua tells apart by default, per script (the expected one is added).
DEFAULT_CANDIDATES: dict[str, tuple[str, ...]] = {
    "LATIN": ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "tr", "id", "sv", "ro", "vi", "da", "fi", "cs", "hu"),
    "CYRILLIC": ("ru", "uk", "bg", "be", "mk", "sr", "kk", "mn"),
    "ARABIC": ("ar", "fa", "ur"),
    "DEVANAGARI": ("hi", "mr"),
}

_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "tr": "Turkish",
    "id": "Indonesian",
    "sv": "Swedish",
    "ro": "Romanian",
    "vi": "Vietnamese",
    "da": "Danish",
    "fi": "Finnish",
    "cs": "Czech",
    "hu": "Hungarian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "bg": "Bulgarian",
    "ar": "Arabic",
    "fa": "Persian",
    "ur": "Urdu",
    "hi": "Hindi",
    "mr": "Marathi",
    "el": "Greek",
    "hy": "Armenian",
    "or": "Odia",
    "he": "Hebrew",
    "ko": "Korean",
    "zh": "Chinese",
    "ja": "Japanese",
    "be": "Belarusian",
    "mk": "Macedonian",
    "sr": "Serbian",
    "kk": "Kazakh",
    "mn": "Mongolian",
    "bn": "Bengali",
    "ta": "Tamil",
    "te": "Telugu",
}


#: The commonest English function words: prose where they make up a good share of the
#: words is English, and lingua need not be asked.  (Spanish, French, German ... prose
#: has almost none of them.)
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "a",
        "that",
        "for",
        "it",
        "as",
        "with",
        "was",
        "on",
        "are",
        "by",
        "be",
        "this",
        "which",
        "or",
        "from",
        "an",
        "at",
        "not",
        "have",
        "has",
        "can",
        "may",
        "these",
        "its",
        "their",
        "also",
        "been",
        "were",
        "than",
        "other",
        "such",
    ]
)


def clearly_english(text: str, share: float = 0.15) -> bool:
    """Whether at least ``share`` of the words of ``text`` are English function words."""
    if text.isascii():
        return _english_share(_ascii_words(text), _english_function_words_ascii(), share)
    return _english_share([t.lower() for t in _LETTER_RUNS.findall(text)], _ENGLISH_FUNCTION_WORDS, share)


def _english_share(tokens: list[Any], function_words: frozenset[Any], share: float) -> bool:
    """``sum(t in function_words for t in tokens) / len(tokens) >= share`` (false for no
    tokens), counting only until enough function words are seen: English prose gets
    there in its first half."""
    count = len(tokens)
    if not count:
        return False
    if not share <= 1:
        return False  # no share is above 1 (nor NaN)
    if share <= 0:
        return True
    needed = _least_count(share, count)
    if needed > count:
        return False
    seen = 0
    contains = function_words.__contains__
    for start in range(0, count, 64):
        seen += sum(map(contains, tokens[start : start + 64]))
        if seen >= needed:
            return True
    return False


def _least_count(share: float, count: int) -> int:
    """The least ``k`` with ``k / count >= share`` (as floats compare), ``count + 1``
    when there is none."""
    least = max(0, min(count + 1, math.ceil(share * count)))
    while least > 0 and (least - 1) / count >= share:
        least -= 1
    while least <= count and least / count < share:
        least += 1
    return least


def _ascii_words(text: str) -> list[bytes]:
    """The runs of letters of ASCII ``text``, lowercased (what ``[^\\W\\d_]+`` finds in
    it), as bytes: one table lookup per character instead of a regular expression."""
    return _ascii_letters(text).split()


def _ascii_letters(text: str) -> bytes:
    """ASCII ``text`` lowercased with every character but a letter made a space."""
    return text.encode("ascii").lower().translate(_non_letters_to_space())


_LETTER_RUNS = Lazy(r"[^\W\d_]+")


@cache
def _non_letters_to_space() -> bytes:
    """The bytes.translate table that keeps ASCII letters and makes every other byte a space."""
    return bytes(code if code < 128 and chr(code).isalpha() else 32 for code in range(256))


@cache
def _english_function_words_ascii() -> frozenset[bytes]:
    return frozenset(word.encode("ascii") for word in _ENGLISH_FUNCTION_WORDS)


@cache
def _bracket_markup() -> re.Pattern[str]:
    """The alternatives of the markup pattern of :mod:`wiki_lint.prose` that begin with
    a bracket: link brackets and citation markers, the only markup most prose holds
    (compiled on first use)."""
    return re.compile(r"\[\[(?:[^\[\]|\n]{0,300}\|)?|\]\]|\[\^[^\[\]\n]{1,100}\]|\[\d[^\[\]\n]{0,100}\]")


def block_plain_text(text: str) -> str:
    """:func:`wiki_lint.prose.plain_text`, faster for text whose only markup can be
    brackets (no tag, reference, template, bold quotes or URL): each markup match
    becomes one space, since white space is collapsed anyway."""
    if "<" in text or "{" in text or "''" in text or "://" in text:
        return plain_text(text)
    if "[" in text or "]" in text:
        text = _bracket_markup().sub(" ", text)
    return " ".join(text.split())


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


# ASCII characters that are not letters, deleted to count the letters of ASCII text fast.
_ASCII_NON_LETTERS = {code: None for code in range(128) if not chr(code).isalpha()}


def script_counts(text: str) -> Counter[str]:
    """How many letters of ``text`` are in each Unicode script."""
    counts: Counter[str] = Counter()
    ascii_letters = len(text.translate(_ASCII_NON_LETTERS)) if text.isascii() else sum(1 for ch in text if ch < "\x80" and ch.isalpha())
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    if text.isascii():
        return counts
    for ch in text:
        if ch >= "\x80" and ch.isalpha():
            try:
                name = unicodedata.name(ch)
            except ValueError:
                continue
            script = name.split(" ")[0]
            if script in ("HIRAGANA", "KATAKANA"):
                script = "CJK"
            counts[script] += 1
    return counts


def _lingua_language(code: str) -> Any:
    """lingua's Language for an ISO 639-1 code, or ``None`` when lingua does not know it."""
    from lingua import IsoCode639_1, Language

    iso = getattr(IsoCode639_1, code.upper(), None)
    if iso is None:
        return None
    try:
        return Language.from_iso_code_639_1(iso)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> Any:
    from lingua import LanguageDetectorBuilder

    languages = [language for code in codes if (language := _lingua_language(code)) is not None]
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(text: str, expected: str, candidates: tuple[str, ...] | None = None) -> tuple[str, float, str] | None:
    """The language ``text`` is written in, when it is not ``expected``, as (ISO 639-1
    code or language name, confidence, how: ``"script"`` or ``"lingua"``); ``None`` when
    it is ``expected`` or the text does not say.  For ``"script"`` the confidence is the
    share of letters in the foreign script."""
    decided, result, script = _detect_cheaply(text, expected)
    if decided:
        return result
    return _detect_with_lingua(text, expected, candidates, script)


def _detect_cheaply(text: str, expected: str) -> tuple[bool, tuple[str, float, str] | None, str]:
    """What the letters' scripts and English function words say without a model:
    (whether that decides, :func:`detect`'s answer when it does, the main script)."""
    ascii_words = None
    if text.isascii():  # every letter is Latin (what script_counts says)
        letters_only = _ascii_letters(text)
        ascii_words = letters_only.split()
        total = letters = len(letters_only) - letters_only.count(b" ")
        script = "LATIN"
    else:
        counts = script_counts(text)
        total = sum(counts.values())
        script, letters = counts.most_common(1)[0] if total else ("", 0)
    if not total:
        return True, None, ""
    expected_script = SCRIPT_OF.get(expected)
    if expected_script is not None and script != expected_script and letters / total >= 0.5:
        return True, (LANGUAGE_OF_SCRIPT.get(script, f"a {script.title()}-script language"), letters / total, "script"), script
    if expected == "en" and script == "LATIN":
        english = (
            _english_share(ascii_words, _english_function_words_ascii(), 0.15) if ascii_words is not None else clearly_english(text)
        )
        if english:
            return True, None, script
    return False, None, script


def _detect_with_lingua(text: str, expected: str, candidates: tuple[str, ...] | None, script: str) -> tuple[str, float, str] | None:
    """:func:`detect`'s answer from the lingua model, for text in ``script``."""
    if _lingua_language(expected) is None:
        return None  # lingua cannot tell whether the text is in the expected language
    pool = candidates if candidates is not None else DEFAULT_CANDIDATES.get(script, ())
    codes = tuple(sorted({expected, *pool}))
    detector = _detector(codes)
    if detector is None:
        return None
    values = detector.compute_language_confidence_values(text)
    if not values:
        return None
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    if code == expected:
        return None
    return code, float(best.value), "lingua"


class WrongLanguage(Rule):
    """What it does: reports a page whose article text is written in another language
    than the expected one: by its script (Armenian letters on an English page) or, in
    the same script, by the lingua language detector (a Spanish page among English
    ones).  The expected language is ``--lang``, front matter ``lang``, or the option
    ``expected`` (default ``en``).

    Options: ``expected``; ``min_words`` (pages with fewer words of prose are not
    judged, default 40; numbers and markup are no words); ``min_confidence`` (default
    0.9); ``candidates`` (the ISO 639-1 codes lingua chooses from; default per script,
    e.g. 17 Latin-script languages); ``max_chars`` (text given to the detector,
    default 2000).

    Why it matters: a page in the wrong language is usually an untranslated copy or a
    page filed in the wrong wiki; readers of that wiki cannot use it and its headings
    do not match the schema's.

    Example: a page in Spanish ("El penciclovir es un medicamento ...") in an English
    wiki.

    How to fix: translate the page, move it to the wiki of its language, or set
    ``lang`` in its front matter (or ``--lang``) when the language is intended.
    """

    code = "WL506"
    name = "wrong-language"
    severity = Severity.WARNING
    summary = "The page is written in another language than expected."

    def check(self, ctx: Context) -> None:
        expected = (ctx.entry.lang or options.text(ctx, WrongLanguage, "expected", "en")).lower().split("-")[0]
        max_chars = options.integer(ctx, WrongLanguage, "max_chars", 2000, minimum=100)
        min_words = options.integer(ctx, WrongLanguage, "min_words", 40, minimum=1)
        min_confidence = options.number(ctx, WrongLanguage, "min_confidence", 0.9, minimum=0, maximum=1)
        candidates = options.text_list(ctx, WrongLanguage, "candidates")
        passages = list(article_passages(ctx))
        if not passages:
            return
        text = ""
        for passage in passages:
            text += block_plain_text(passage.block.text) + "\n"
            if len(text) >= max_chars:
                break
        sample = text[:max_chars]
        # What the scripts and function words say is the cheapest evidence; when it
        # clears the page, counting words and asking lingua cannot change that.
        decided, result, script = _detect_cheaply(sample, expected)
        if decided and result is None:
            return
        if len(words(text)) < min_words:
            return
        if not decided:
            result = _detect_with_lingua(sample, expected, candidates, script)
        if result is None:
            return
        detected, confidence, how = result
        if how == "lingua" and confidence < min_confidence:
            return
        evidence = f"{confidence:.0%} of its letters are in that script" if how == "script" else f"lingua confidence {confidence:.2f}"
        first = passages[0].block
        bounds = sentences(first.text)
        span: Span = span_in(first, *bounds[0]) if bounds else first.span
        ctx.report(
            WrongLanguage,
            span,
            f"the page is written in {language_name(detected)} ({evidence}), not in the expected {language_name(expected)}",
            hint=f"translate the page, move it to the {language_name(detected)} wiki, or declare its language (front matter 'lang' or --lang)",
        )
