"""The rule catalogue: one explicit registry, no import magic.

Families by hundreds: 0xx input, 1xx structure, 2xx front matter and metadata, 3xx
disclaimer, credits and license, 4xx sources and currency, 5xx medical content and
claims, 6xx scrape artifacts, 9xx internal.
"""

from __future__ import annotations

from wiki_lint.rules.artifacts import EditMarker, SiteChrome
from wiki_lint.rules.base import Context, Rule
from wiki_lint.rules.claims import (
    AbsoluteClaim,
    DosingInstruction,
    PromotionalContent,
    SpunPhrase,
    UnsourcedStatistic,
)
from wiki_lint.rules.currency import FutureDate, InvalidDate, MissingAuthor, MissingDate, StalePage
from wiki_lint.rules.defects import Mojibake, Placeholder, TruncatedText
from wiki_lint.rules.disclaimer import DisclaimerMissingElements
from wiki_lint.rules.headings import NonCanonicalHeading
from wiki_lint.rules.labels import GluedLabel
from wiki_lint.rules.language import WrongLanguage
from wiki_lint.rules.input import InvalidEncoding
from wiki_lint.rules.legal import DisclaimerMissingStatement, VagueLicense
from wiki_lint.rules.licensing import ConflictingLicense, IncompleteAttribution, MissingAttribution, UnknownLicense
from wiki_lint.rules.metadata import FrontMatterInvalid
from wiki_lint.rules.order import SectionOrder
from wiki_lint.rules.references import (
    BrokenCitation,
    CitationNeeded,
    EmptyReferences,
    InvalidIdentifier,
    SparseCitations,
    StaleSources,
)
from wiki_lint.rules.readers import (
    ConflictingReference,
    MarkupTooUnbalanced,
    RenderedHtmlInWikitext,
    RenderingError,
    UnbalancedMarkup,
    UndefinedReference,
)
from wiki_lint.rules.sources import MissingReferences
from wiki_lint.rules.structure import (
    DefinitionMissingSubject,
    DuplicateHeading,
    EmptySection,
    MalformedPart,
    MissingPart,
    ShortPart,
)
from wiki_lint.rules.suppressions import InvalidSuppression, UnusedSuppression

REGISTRY: tuple[type[Rule], ...] = (
    MissingPart,
    EmptySection,
    ShortPart,
    MalformedPart,
    DuplicateHeading,
    DefinitionMissingSubject,
    NonCanonicalHeading,
    SectionOrder,
    FrontMatterInvalid,
    UnbalancedMarkup,
    UndefinedReference,
    ConflictingReference,
    MissingAuthor,
    MissingDate,
    StalePage,
    FutureDate,
    InvalidDate,
    DisclaimerMissingStatement,
    DisclaimerMissingElements,
    VagueLicense,
    UnknownLicense,
    ConflictingLicense,
    MissingAttribution,
    IncompleteAttribution,
    MissingReferences,
    EmptyReferences,
    SparseCitations,
    InvalidIdentifier,
    StaleSources,
    BrokenCitation,
    CitationNeeded,
    UnsourcedStatistic,
    AbsoluteClaim,
    DosingInstruction,
    PromotionalContent,
    SpunPhrase,
    WrongLanguage,
    EditMarker,
    SiteChrome,
    InvalidEncoding,
    MarkupTooUnbalanced,
    GluedLabel,
    Placeholder,
    Mojibake,
    TruncatedText,
    RenderedHtmlInWikitext,
    RenderingError,
    UnusedSuppression,
    InvalidSuppression,
)

BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in REGISTRY}
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in REGISTRY}

__all__ = ["BY_CODE", "BY_NAME", "REGISTRY", "Context", "Rule"]
