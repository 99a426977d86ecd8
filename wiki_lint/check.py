"""The pipeline: read, extract, validate and run the rules, for one file or many.

``check_paths`` yields one :class:`FileResult` per file in a stable order, so reporters
can stream; a file that cannot be read gives a result with ``error`` set and the run goes
on.  This module returns results and raises typed errors; it never prints.

The rules, extraction and validation are imported when a page is first checked, so a
run whose results all come from the cache never pays for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

from wiki_lint import readers
from wiki_lint.entry_types import check_type_name, choose_schema
from wiki_lint.errors import InputError, UsageError
from wiki_lint.findings import Finding
from wiki_lint.schema import load_schema
from wiki_lint.selection import Selection
from wiki_lint.sources import STDIN, Source, decode, discover, read_source

DEFAULT_SELECTION = Selection()  # every rule that is on by default, at its own severity

if TYPE_CHECKING:
    from wiki_lint.config import ConfigResolver
    from wiki_lint.document import Document
    from wiki_lint.rendered import RenderCache, Rendered
    from wiki_lint.schema import EntrySchema


@dataclass(frozen=True, slots=True)
class Settings:
    """What one run is told: the schema, the input format, the page language.

    ``rule_options`` maps a rule name to its options (thresholds and the like, set from
    configuration); ``today`` is the date rules measure ages against (``None``: the
    clock), injected by tests so no result depends on the day they run.
    ``selection`` (rules on/off, per-file ignores, severities; ``None``: every rule at
    its default severity) and ``config_path`` come from configuration.  ``schema`` is
    an explicit schema and wins over everything; ``entry_type`` (``--type``) picks a
    type schema and wins over the page's front matter ``type`` and type detection
    (see :mod:`wiki_lint.entry_types`).
    ``encoding_errors`` is ``"strict"`` (a file that is not UTF-8 is an error) or
    ``"replace"`` (bad bytes become U+FFFD and an ``invalid-encoding`` finding).
    """

    schema: str | None = None
    input_format: str | None = None
    lang: str | None = None
    stdin_filename: str | None = None
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    today: date | None = None
    selection: Selection | None = None
    config_path: str | None = None
    entry_type: str | None = None
    encoding_errors: str = "strict"

    def to_data(self) -> dict[str, Any]:
        """The effective settings as JSON-able data (what a result cache keys on)."""
        return {
            "schema": self.schema,
            "input_format": self.input_format,
            "lang": self.lang,
            "stdin_filename": self.stdin_filename,
            "rule_options": {name: dict(options) for name, options in sorted(self.rule_options.items())},
            "today": self.today.isoformat() if self.today else None,
            "selection": self.selection.to_data() if self.selection else None,
            "entry_type": self.entry_type,
            "config_path": self.config_path,
            "encoding_errors": self.encoding_errors,
        }

    def fingerprint(self) -> str:
        """A stable digest of :meth:`to_data` (same settings, same digest)."""
        import hashlib
        import json

        data = json.dumps(self.to_data(), sort_keys=True, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class FileResult:
    """The findings for one file, or why it could not be checked.

    ``scores`` holds per-page measures (name -> number, e.g. a completeness percentage)
    that reporters and ``--statistics`` show beside the findings.  ``lines`` are the
    file's lines as the checks saw them (``None`` when it could not be read), so reporters
    can show the offending source; reporters must not keep them beyond the file.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    lines: list[str] | None = None


class PageFindings(list[Finding]):
    """The findings of one page (a list, in source order) and the page's ``scores``
    (:mod:`wiki_lint.scores`: ``jama`` 0-4, ``completeness`` 0-100)."""

    def __init__(self, findings: Iterable[Finding] = (), scores: dict[str, float] | None = None) -> None:
        super().__init__(findings)
        self.scores: dict[str, float] = dict(scores or {})


def check_document(doc: Document, schema: EntrySchema, settings: Settings | None = None) -> list[Finding]:
    """Every finding for one read document, deduplicated and in source order (a
    :class:`PageFindings`, which also carries the page's scores, computed from every
    finding before rule selection)."""
    from wiki_lint.extract import extract
    from wiki_lint.rules import BY_NAME, REGISTRY, Context
    from wiki_lint.scores import compute_scores
    from wiki_lint.suppressions import apply_suppressions
    from wiki_lint.validate import validate

    settings = settings or Settings()
    entry = extract(doc, schema, settings.lang)
    ctx = Context(doc, entry, schema, options=settings.rule_options, today=settings.today or date.today())
    for problem in doc.problems:
        ctx.report(BY_NAME[problem.rule], problem.span, problem.message, hint=problem.hint)
    validate(ctx)
    for rule in REGISTRY:
        if rule.origin == "code":
            rule().check(ctx)
    apply_suppressions(ctx)
    findings = _unique_sorted(ctx.findings)
    scores = compute_scores(ctx, findings)
    return PageFindings((settings.selection or DEFAULT_SELECTION).apply(findings, doc.path), scores)


def _unique_sorted(findings: list[Finding]) -> list[Finding]:
    """One finding per rule, place and part (schema and code may both see an empty section)."""
    unique: dict[tuple[str, int, int, str | None], Finding] = {}
    for finding in findings:
        unique.setdefault((finding.code, finding.line, finding.column, finding.part), finding)
    return sorted(unique.values(), key=lambda f: (f.path, f.line, f.column, f.code))


def check_source(source: Source, settings: Settings, fmt: str | None = None) -> list[Finding]:
    """Read ``source`` (as ``fmt``, or by its extension) and check it against the
    schema chosen for it (explicit schema, explicit type, front matter, detection)."""
    return _check_source(source, settings, fmt)[0]


def _check_source(source: Source, settings: Settings, fmt: str | None = None) -> tuple[list[Finding], list[str]]:
    """The findings for ``source`` and its lines as the checks saw them."""
    fmt = fmt or readers.format_for(source.path, settings.input_format)
    document = readers.read(source, fmt)
    document.problems.extend(source.problems)
    if source.replaced:
        from wiki_lint.readers.positions import LineIndex

        index = LineIndex(source.text)
        document.replaced_characters = frozenset(index.position(offset) for offset in source.replaced)
    schema = load_schema(choose_schema(document, settings.schema, settings.entry_type).schema)
    return check_document(document, schema, settings), document.lines


def check_file(path: str, settings: Settings) -> FileResult:
    """Check one file (``-`` is standard input); input problems become ``error``."""
    if path != STDIN:
        return check_data(path, None, settings)
    try:
        source = read_source(path, settings.encoding_errors)
        name = settings.stdin_filename or source.path
        fmt = readers.format_for(name, settings.input_format) if settings.stdin_filename or settings.input_format else "markdown"
        source = Source(name, source.text, source.newline, source.encoding, source.problems, source.replaced)
        findings, lines = _check_source(source, settings, fmt)
        return FileResult(source.path, findings, scores=scores_of(findings), lines=lines)
    except Exception as exc:
        return _failed(path, exc)


def check_data(path: str, data: bytes | None, settings: Settings) -> FileResult:
    """Check the file ``path`` whose content is ``data`` (read from disk when None)."""
    try:
        source = read_source(path, settings.encoding_errors) if data is None else decode(data, path, settings.encoding_errors)
        fmt = readers.format_for(path, settings.input_format)  # after reading: a missing or unreadable path says so
        findings, lines = _check_source(source, settings, fmt)
        return FileResult(path, findings, scores=scores_of(findings), lines=lines)
    except Exception as exc:
        return _failed(path, exc)


def _failed(path: str, exc: Exception) -> FileResult:
    """The result for a file that could not be checked (a bug of ours must not stop the
    other files)."""
    if isinstance(exc, (InputError, UsageError)):
        return FileResult(path, error=str(exc))
    if isinstance(exc, RecursionError):
        return FileResult(path, error=f"{path}: too deeply nested to check")
    return FileResult(path, error=f"{path}: internal error while checking ({type(exc).__name__}: {exc}); please report it")


def scores_of(findings: list[Finding]) -> dict[str, float]:
    """The page scores carried by ``findings`` (empty for a plain list)."""
    return dict(findings.scores) if isinstance(findings, PageFindings) else {}


@overload
def check_paths(
    paths: Iterable[str], settings: Settings, configs: ConfigResolver | None = None, *, jobs: int = 1, cache_root: Path | None = None, render: None = None
) -> Iterator[FileResult]: ...


@overload
def check_paths(
    paths: Iterable[str], settings: Settings, configs: ConfigResolver | None = None, *, jobs: int = 1, cache_root: Path | None = None, render: RenderCache
) -> Iterator[FileResult | Rendered]: ...


def check_paths(
    paths: Iterable[str],
    settings: Settings,
    configs: ConfigResolver | None = None,
    *,
    jobs: int = 1,
    cache_root: Path | None = None,
    render: RenderCache | None = None,
) -> Iterator[FileResult | Rendered]:
    """Check every file under ``paths``, one result per file, in a stable order.

    With ``configs``, each file is checked with the settings of its configuration and
    excluded files are left out; every configuration and schema is read before the
    first file, so a bad one stops the run before any output.  ``jobs`` > 1 checks
    many files in that many worker processes (the order and the findings are those of
    a serial run); ``cache_root`` enables the result cache in
    ``cache_root/.wiki-lint-cache`` (see :mod:`wiki_lint.cache`).  With the cache and
    ``render``, a file whose report text is cached comes as a
    :class:`~wiki_lint.rendered.Rendered` instead of a result (see
    :mod:`wiki_lint.rendered`); without ``render`` every item is a :class:`FileResult`.
    """
    from wiki_lint.batch import Plan, check_many

    check_type_name(settings.entry_type)  # an unknown --type stops the run before any file
    paths = list(paths)
    extensions = readers.extensions()
    if configs is None:
        planned = Plan(lambda: ((path, settings) for path in discover(paths, extensions)), keep=cache_root is not None)
    else:
        planned = Plan(lambda: configs.plan(paths, extensions), keep=cache_root is not None)
    caches = None
    if cache_root is not None:
        from wiki_lint.cache import Caches

        caches = Caches(cache_root)
        for file_settings in planned.settings or [settings]:
            caches.for_settings(file_settings)  # a broken schema stops the run before any file
    else:
        for schema in dict.fromkeys(file_settings.schema for file_settings in planned.settings) or [settings.schema]:
            load_schema(schema)  # a broken schema stops the run before any file
    if caches is not None and render is not None:
        yield from render.results(planned, caches, lambda todo: check_many(todo, jobs=jobs, caches=caches))
        return
    yield from check_many(planned, jobs=jobs, caches=caches)
