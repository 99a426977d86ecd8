"""Warm runs of the per-file formats: write each unchanged file's report text as cached.

A file's part of a ``text``, ``concise``, ``json``, ``json-lines`` or ``github`` report
depends only on its result, the format and the working folder
(:data:`wiki_lint.report.RENDERED`).  So beside a file's cached result the cache keeps
that text and the file's findings per severity (for the summary line and the exit
code), under a *render key* (:func:`wiki_lint.report.render_key`) within the run key
(code, schema, settings: :mod:`wiki_lint.cache`).  A warm run then neither rebuilds
findings nor renders them: it streams the text.

While no file needs checking, :class:`RenderCache` streams, a window of 256 files at
a time (the usual warm run).  From the first file that needs checking, it works in
segments of a few thousand files, each in two passes, so that a worker pool gets a
segment's files to check at once: first it finds which files have a rendering of their
current content (one indexed query per 256 files; a changed stat signature re-hashes
the file), then it yields, in the planned order, a :class:`Rendered` for each of those
(their texts fetched 256 at a time) and the checked result for the others.  Memory is
that of one segment, however large the tree.  The caller renders a checked result and gives the text back with
:meth:`remember`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from wiki_lint.sources import STDIN

if TYPE_CHECKING:
    from wiki_lint.cache import Cache, Caches
    from wiki_lint.check import FileResult, Settings

WINDOW = 256  # files whose texts are fetched at once
# Files to check are gathered and checked this many at a time (each segment starts a
# worker pool when it has enough files to check), so a first run over a large tree
# holds the bookkeeping of one segment, not of the tree.
SEGMENT = 4096


@dataclass(frozen=True, slots=True)
class Rendered:
    """A file's cached report text and its findings per severity (in
    :class:`~wiki_lint.findings.Severity` order); never an unreadable file."""

    path: str
    text: str
    counts: tuple[int, ...]
    stats: FileStatistics | None = None  # for --statistics (when the cache was asked for them)

    @property
    def findings(self) -> int:
        return sum(self.counts)


class RenderCache:
    """Cached renderings for one render key, over the caches of one run; with
    ``statistics``, each :class:`Rendered` also carries the file's statistics (a
    rendering without valid ones is a miss)."""

    def __init__(self, key: str, statistics: bool = False) -> None:
        self.key = key
        self.statistics = statistics
        self._pending: dict[str, Cache] = {}  # files checked this run, to remember their text

    def results(
        self,
        planned: Iterable[tuple[str, Settings]],
        caches: Caches,
        check: Callable[[list[tuple[str, Settings]]], Iterator[FileResult]],
    ) -> Iterator[FileResult | Rendered]:
        """One item per planned file, in order: a :class:`Rendered` when the file's
        current content has a cached rendering, else ``check``'s result for it.

        While every file has one, windows of files are fetched whole (digest,
        signature and text in one query) and streamed; from the first file without
        one, the rest is done in segments of ``SEGMENT`` files, each in two passes, so
        that a segment's files to check go to ``check`` (a worker pool) all at once
        while the memory of the run stays that of one segment.  ``planned`` is
        iterated once."""
        files = iter(planned)
        try:
            rest: list[tuple[str, Settings]] = []
            while not rest:
                window = list(islice(files, WINDOW))
                if not window:
                    return
                found = self._window(window, caches)
                for index, item in enumerate(found):
                    if item is None:
                        rest = window[index:]
                        break
                    yield item
            segment = rest + list(islice(files, SEGMENT - len(rest)))
            while segment:
                yield from self._two_passes(segment, caches, check)
                segment = list(islice(files, SEGMENT))
        finally:
            caches.save()

    def _two_passes(
        self,
        planned: list[tuple[str, Settings]],
        caches: Caches,
        check: Callable[[list[tuple[str, Settings]]], Iterator[FileResult]],
    ) -> Iterator[FileResult | Rendered]:
        hits = self._hits(planned, caches)
        misses = [item for index, item in enumerate(planned) if index not in hits]
        for path, settings in misses:
            if path != STDIN:
                self._pending[path] = self._cache(caches, settings)
        fresh = check(misses) if misses else iter(())
        try:
            yield from self._merged(planned, hits, fresh, caches, check)
        finally:
            close = getattr(fresh, "close", None)
            if close is not None:
                close()  # the checker's clean-up (worker pool, cache writes) runs now, not when collected

    def _merged(
        self,
        planned: list[tuple[str, Settings]],
        hits: dict[int, str],
        fresh: Iterator[FileResult],
        caches: Caches,
        check: Callable[[list[tuple[str, Settings]]], Iterator[FileResult]],
    ) -> Iterator[FileResult | Rendered]:
        for start in range(0, len(planned), WINDOW):
            window = range(start, min(start + WINDOW, len(planned)))
            texts = self._texts([(planned[i], hits[i]) for i in window if i in hits], caches)
            for index in window:
                if index not in hits:
                    yield next(fresh)
                    continue
                path, settings = planned[index]
                found = texts.get((path, id(settings)))
                if found is None:  # replaced by another run since the first pass: check it now
                    self._pending[path] = self._cache(caches, settings)
                    yield from check([planned[index]])
                else:
                    yield found

    def _window(self, window: list[tuple[str, Settings]], caches: Caches) -> list[Rendered | None]:
        """Per file of ``window``: its rendering when its current content has one."""
        from wiki_lint.findings import Severity

        width = len(Severity)
        groups: dict[int, tuple[Cache, list[int]]] = {}
        for index, (path, settings) in enumerate(window):
            if path != STDIN:
                cache = caches.for_settings(settings)
                groups.setdefault(id(cache), (cache, []))[1].append(index)
        found: list[Rendered | None] = [None] * len(window)
        for cache, indices in groups.values():
            rows = cache.rendered_rows(self.key, [window[i][0] for i in indices], self.statistics)
            for index in indices:
                path = window[index][0]
                row = rows.get(path)
                if row is None:
                    continue
                content_digest, sig, counts_text, text, stats_text = row
                counts = _counts(counts_text, width)
                stats = _statistics(stats_text) if self.statistics else None
                if counts is None or (self.statistics and stats is None):
                    continue
                if cache.rendering_holds(path, self.key, (content_digest, sig)):
                    found[index] = Rendered(path, text, counts, stats)
        return found

    def remember(self, result: FileResult, text: str, counts: tuple[int, ...]) -> None:
        """Keep ``text``, the rendering of ``result`` (a file this run checked or
        rebuilt from the cache), for the next run."""
        cache = self._pending.pop(result.path, None)
        if cache is not None and result.error is None:
            cache.remember_rendering(result.path, self.key, ",".join(map(str, counts)), text, _statistics_data(result))

    def _cache(self, caches: Caches, settings: Settings) -> Cache:
        cache = caches.for_settings(settings)
        cache.track_renderings = True
        return cache

    def _hits(self, planned: list[tuple[str, Settings]], caches: Caches) -> dict[int, str]:
        """Index in ``planned`` -> content digest, for files whose current content has a
        rendering (files are grouped by cache, so each gets one query per 256 paths)."""
        groups: dict[int, tuple[Cache, list[int]]] = {}
        for index, (path, settings) in enumerate(planned):
            if path != STDIN:
                cache = caches.for_settings(settings)
                groups.setdefault(id(cache), (cache, []))[1].append(index)
        hits: dict[int, str] = {}
        for cache, indices in groups.values():
            stored = cache.rendered_candidates(self.key, [planned[i][0] for i in indices])
            for index in indices:
                path = planned[index][0]
                known = stored.get(path)
                if known is not None and cache.rendering_holds(path, self.key, known):
                    hits[index] = known[0]
        return hits

    def _texts(self, wanted: list[tuple[tuple[str, Settings], str]], caches: Caches) -> dict[tuple[str, int], Rendered]:
        """The renderings of ``wanted`` ((path, settings), digest) still stored for that
        digest, keyed by (path, id(settings))."""
        from wiki_lint.findings import Severity

        width = len(Severity)
        groups: dict[int, tuple[Cache, dict[str, str], list[tuple[str, int]]]] = {}
        for (path, settings), content_digest in wanted:
            cache = caches.for_settings(settings)
            group = groups.setdefault(id(cache), (cache, {}, []))
            group[1][path] = content_digest
            group[2].append((path, id(settings)))
        found: dict[tuple[str, int], Rendered] = {}
        for cache, digests, places in groups.values():
            rows = cache.rendered(self.key, digests, self.statistics)
            for path, settings_id in places:
                row = rows.get(path)
                if row is None:
                    continue
                counts = _counts(row[0], width)
                stats = _statistics(row[2]) if self.statistics else None
                if counts is not None and (stats is not None or not self.statistics):
                    found[(path, settings_id)] = Rendered(path, row[1], counts, stats)
        return found


@lru_cache(maxsize=1024)  # pages share a few combinations
def _counts(text: str, width: int) -> tuple[int, ...] | None:
    """Counts stored as ``"1,3,0"``; None when malformed (the file is checked again)."""
    try:
        counts = tuple(int(part) for part in text.split(","))
    except ValueError:
        return None
    return counts if len(counts) == width and min(counts) >= 0 else None


# A file's statistics: (code, name, count) per rule that fired, and its scores.
FileStatistics = tuple[tuple[tuple[str, str, int], ...], dict[str, float]]


def _statistics_data(result: FileResult) -> str:
    """``result``'s statistics as JSON (what :class:`~wiki_lint.report.statistics.Statistics`
    counts): ``[[[code, name, count], ...], {score: value}]``."""
    import json

    rules: dict[str, list[str | int]] = {}
    for finding in result.findings:
        rule = rules.setdefault(finding.code, [finding.code, finding.name, 0])
        rule[1] = finding.name
        rule[2] = int(rule[2]) + 1
    return json.dumps([list(rules.values()), result.scores], ensure_ascii=False, separators=(",", ":"))


def _statistics(text: str | None) -> FileStatistics | None:
    """:func:`_statistics_data` read back; None when missing or malformed."""
    import json

    if text is None:
        return None
    try:
        rules, scores = json.loads(text)
        parsed = tuple((code, name, count) for code, name, count in rules)
    except (ValueError, TypeError):
        return None
    if not all(isinstance(c, str) and isinstance(n, str) and type(k) is int and k > 0 for c, n, k in parsed):
        return None
    if not isinstance(scores, dict) or not all(isinstance(k, str) and type(v) in (int, float) for k, v in scores.items()):
        return None
    return parsed, scores
