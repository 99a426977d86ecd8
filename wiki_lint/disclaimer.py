"""The elements of a complete medical disclaimer, and which of them a text states.

A complete disclaimer (HONcode's complementarity principle; the disclaimers of the
big medical wikis) says seven things.  Each element has an id (used in configuration),
a name (used in messages), a sentence that states it (used in hints) and patterns that
recognise it in English, Spanish, French, German and Portuguese.  The patterns look
for the statement, not for a keyword: "emergency" alone (as in "emergency medicine")
is not an emergency instruction; "in an emergency, call ..." is.

:func:`elements_present` is what rules and scores use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from wiki_lint.prefilter import Lazy


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a complete medical disclaimer."""

    id: str
    name: str
    example: str
    patterns: tuple[Lazy, ...]  # compiled on first use

    def found_in(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)


def _patterns(*sources: str) -> tuple[Lazy, ...]:
    return tuple(Lazy(source, re.IGNORECASE) for source in sources)


# Gaps inside one sentence: up to N characters that are not a sentence end.
def _gap(n: int) -> str:
    return rf"[^.!?\n]{{0,{n}}}?"


ELEMENTS: tuple[Element, ...] = (
    Element(
        "purpose",
        "informational purpose",
        "This page is for general information only.",
        _patterns(
            r"\bfor\s+(?:general\s+)?(?:informational|information|educational|education|reference)(?:al)?\s+(?:and\s+\w+\s+)?purposes?\b",
            r"\b(?:general|educational)\s+(?:health\s+|medical\s+)?information\b",
            r"\b(?:is|are)\s+(?:provided\s+)?for\s+(?:general\s+)?information\s+only\b",
            r"\bintended\s+(?:only\s+|solely\s+)?(?:to\s+inform|for\s+(?:general\s+)?information)",
            r"\bcon\s+fines\s+(?:informativos|educativos)\b|\bcar[aá]cter\s+informativo\b|\bfins\s+(?:informativos|educacionais)\b",
            r"\b[àa]\s+titre\s+(?:informatif|d'information)\b|\b[àa]\s+des\s+fins\s+(?:d'information|informatives|[ée]ducatives)\b",
            r"\b(?:zu|f[üu]r)\s+(?:allgemeinen\s+)?Informationszwecke|\bdient\s+(?:nur|ausschlie(?:ß|ss)lich)\s+der\s+(?:allgemeinen\s+)?Information\b",
        ),
    ),
    Element(
        "not-a-substitute",
        "not a substitute for professional advice",
        "It is not a substitute for professional medical advice, diagnosis or treatment.",
        _patterns(
            r"\bnot\b" + _gap(40) + r"\b(?:a\s+)?(?:substitute|replacement)\s+for\b",
            r"\b(?:does\s+not|doesn't|cannot|can\s?not|should\s+not|must\s+not|is\s+not\s+intended\s+to)\s+replace\b",
            r"\bno\s+(?:sustituye|reemplaza|substitui|sustituto)\b|\bno\s+(?:es|debe)\s+" + _gap(30) + r"(?:sustitut|reemplaz)",
            r"\bne\s+(?:remplace|saurait\s+remplacer|se\s+substitue)\b",
            r"\bersetzt\s+(?:keine|nicht)\b|\bkein(?:en)?\s+Ersatz\b",
            r"\bn[ãa]o\s+substitui\b",
        ),
    ),
    Element(
        "accuracy",
        "may be inaccurate or outdated",
        "Its content may be inaccurate, incomplete or outdated.",
        _patterns(
            r"\bmay\s+(?:be|become|contain)\s+"
            + _gap(30)
            + r"(?:inaccura|incomplete|outdated|out[\s-]of[\s-]date|errors?|mistakes?|obsolete|not\s+(?:be\s+)?(?:up[\s-]to[\s-]date|accurate|current))",
            r"\b(?:no|without\s+(?:any\s+)?)\s*(?:guarantee|warranty|warrant|representation)s?\b"
            + _gap(60)
            + r"\b(?:accura|complete|current|correct|reliab)",
            r"\b(?:accuracy|completeness|correctness)\b" + _gap(60) + r"\b(?:not|cannot\s+be)\s+(?:be\s+)?(?:guaranteed|warranted)\b",
            r"\bpuede(?:n)?\s+(?:estar|ser|contener)\s+" + _gap(20) + r"(?:inexact|incomplet|desactualizad|obsolet|errore)",
            r"\bpeu(?:t|vent)\s+(?:être|contenir)\s+" + _gap(20) + r"(?:inexact|incomplet|obsol[eè]te|p[ée]rim[ée]|erreur)",
            r"\b(?:veraltet|unvollst[äa]ndig|fehlerhaft|ungenau)\b",
            r"\bpode(?:m)?\s+(?:estar|ser|conter)\s+" + _gap(20) + r"(?:imprecis|incomplet|desatualizad|erro)",
        ),
    ),
    Element(
        "consult",
        "consult a professional",
        "Always consult a qualified health professional about a medical condition.",
        _patterns(
            r"\b(?:consult|ask|see|talk\s+(?:to|with)|speak\s+(?:to|with)|contact|check\s+with|seek\s+(?:the\s+)?(?:advice|guidance)\s+(?:of|from))\s+(?:with\s+)?(?:your|a|an|the|their)\s+(?:own\s+)?(?:qualified\s+|licensed\s+|professional\s+)?"
            r"(?:doctor|physician|health\s*care|health|medical|pharmacist|clinician|nurse|provider|practitioner|professional|specialist|GP|general\s+practitioner)",
            r"\bseek\s+(?:professional\s+)?(?:medical\s+)?(?:advice|attention|care|help)\b",
            r"\bconsult(?:e|a|ar)?\s+(?:a|con)?\s*(?:su|un|una|tu)\s+(?:m[ée]dico|profesional|farmac[ée]utico)",
            r"\bconsult(?:ez|er)\s+(?:votre|un)\s+(?:m[ée]decin|professionnel|pharmacien)",
            r"\b(?:fragen\s+Sie|wenden\s+Sie\s+sich\s+an|konsultieren\s+Sie)\s+(?:Ihren|Ihre|einen|eine)\s+(?:Arzt|[ÄA]rztin|Apotheker)",
            r"\bconsulte\s+(?:o\s+)?(?:seu|um)\s+(?:m[ée]dico|profissional)",
        ),
    ),
    Element(
        "emergency",
        "emergency instruction",
        "In a medical emergency, call your local emergency number immediately.",
        _patterns(
            r"\b(?:in|during|for)\s+(?:an?\s+|case\s+of\s+(?:an?\s+)?)?(?:medical\s+)?emergenc(?:y|ies)\b",
            r"\b(?:experiencing|having|think\s+you\s+(?:may\s+)?have|suspect)\s+(?:a\s+)?(?:medical\s+)?emergency\b",
            r"\b(?:call|dial|contact|phone|ring)\s+"
            + _gap(30)
            + r"(?:emergency\s+(?:services?|number|department|room)|911|112|999|000|ambulance)\b",
            r"\b(?:go|get)\s+to\s+(?:the\s+|your\s+)?(?:nearest\s+)?(?:emergency\s+(?:room|department)|hospital|ER)\b",
            r"\b(?:en\s+(?:caso\s+de\s+)?(?:una\s+)?emergencia|urgencias?\s+m[ée]dicas?|llame\s+al\s+(?:911|112))\b",
            r"\b(?:en\s+cas\s+d'urgence|appelez\s+(?:le\s+)?(?:15|112|SAMU))\b",
            r"\b(?:im\s+Notfall|Notruf|Notarzt)\b",
            r"\b(?:em\s+(?:caso\s+de\s+)?(?:uma\s+)?emerg[êe]ncia|ligue\s+(?:para\s+)?(?:o\s+)?(?:192|112|SAMU))\b",
        ),
    ),
    Element(
        "liability",
        "liability limit",
        "The publisher accepts no liability for decisions made on the basis of this page.",
        _patterns(
            r"\b(?:not|no|nor|never)\s+(?:be\s+)?(?:held\s+)?(?:liable|responsible|accountable)\b",
            r"\b(?:accepts?|assumes?|takes?|bears?)\s+no\s+(?:liability|responsibility)\b",
            r"\b(?:disclaims?|excludes?|limits?)\s+(?:all\s+|any\s+)?(?:liability|responsibility)\b",
            r"\b(?:limitation|exclusion)\s+of\s+liability\b|\bat\s+(?:your|their)\s+own\s+risk\b|\bwithout\s+(?:any\s+)?liability\b",
            r"\bno\s+(?:se\s+)?(?:hace|asume|acepta)n?\s+(?:ninguna\s+)?responsabilidad\b|\bbajo\s+su\s+propia\s+responsabilidad\b",
            r"\b(?:d[ée]cline|n'assume|n'accepte)\s+(?:toute\s+|aucune\s+)?responsabilit[ée]\b",
            r"\b(?:keine|ohne)\s+(?:Haftung|Gew[äa]hr)\b|\bhaftet\s+nicht\b",
            r"\bn[ãa]o\s+(?:se\s+)?responsabiliza\b|\bn[ãa]o\s+assume\s+(?:qualquer\s+|nenhuma\s+)?responsabilidade\b",
        ),
    ),
    Element(
        "full-text-link",
        "link to the full text",
        "See the full disclaimer (with a link).",
        _patterns(
            r"\b(?:see|read|view|consult)\s+(?:our\s+|the\s+|this\s+site's\s+)?(?:full|complete|entire|general)\s+(?:medical\s+)?(?:disclaimer|terms)\b",
            r"\bfull\s+(?:medical\s+)?disclaimer\b",
            r"\]\([^)]*disclaimer[^)]*\)|\[\[[^\]|]*disclaimer[^\]]*\]\]|\bhttps?://\S*disclaimer\S*",
            r"\baviso\s+(?:legal|m[ée]dico)\s+completo\b|\bavertissement\s+complet\b|\bvollst[äa]ndigen?\s+Haftungsausschluss\b",
        ),
    ),
)

BY_ID: dict[str, Element] = {element.id: element for element in ELEMENTS}
ALL_IDS: tuple[str, ...] = tuple(BY_ID)


def elements_present(text: str) -> dict[str, bool]:
    """For each element id, whether ``text`` states it."""
    return dict(_elements_present(text))


@lru_cache(maxsize=256)
def _elements_present(text: str) -> tuple[tuple[str, bool], ...]:
    """:func:`elements_present`, kept per text: a site's disclaimer is the same on
    every page, and the rule and the scores both ask."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return tuple((element.id, element.found_in(text)) for element in ELEMENTS)


def score(text: str) -> float:
    """The share of the seven elements that ``text`` states, 0.0 to 1.0."""
    present = elements_present(text)
    return sum(present.values()) / len(present)
