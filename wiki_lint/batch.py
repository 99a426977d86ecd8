"""Check many files: cached results first, the rest serially or in a process pool.

Results come back in the order the files were given, whatever the number of worker
processes, so the output of ``--jobs 8`` is byte-identical to that of ``--jobs 1``.
Files are checked by a pool of worker processes when there are enough of them to be
worth starting it (few files run in this process).  Each worker is initialised once
with the run's distinct settings and the loaded schemas, and gets paths in chunks.

Memory stays flat as the corpus grows:

- the files to check (a :class:`Plan`) are walked once before any check, to read every
  configuration and schema and count the files, but a long plan is not kept: it is
  walked again as the files are checked;
- chunks are submitted to the pool as the results are consumed, a few per worker
  ahead (never every file at once), and results are handed on one by one, so no
  Document outlives its check and no result waits for long;
- workers are forked before any of that grows, so they do not inherit it.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TYPE_CHECKING

from wiki_lint.check import FileResult, Settings, check_data, check_file
from wiki_lint.sources import STDIN

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from wiki_lint.cache import Caches, Signature

    # a result, the digest of the bytes checked and their trusted stat signature
    Outcome = tuple[FileResult, str | None, Signature | None]

# Below this many files to check, starting worker processes costs more than it saves.
SERIAL_BELOW = 32
MAX_CHUNK = 64
# Chunks submitted to each worker and not yet handed on: enough to keep it busy.
AHEAD_PER_WORKER = 4
# A plan of at most this many files is kept in memory; a longer one is walked again.
KEEP_PLANNED = 2048
# The same for a run with the cache (``keep``), whose warm runs would otherwise walk the
# files twice: up to this many (a few MB) are kept.
KEEP_PLANNED_CACHED = 20_000

_table: list[Settings] = []  # a worker's settings, by number, set once by _init_worker
_remember = False  # whether a worker returns digests for the cache


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(counter() or 1, 1)
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def check_many(planned: Iterable[tuple[str, Settings]], *, jobs: int = 1, caches: Caches | None = None) -> Iterator[FileResult]:
    """One result per ``(path, settings)`` of ``planned``, in that order.

    ``planned`` is iterated once (twice with ``caches``: it is then a list or a
    :class:`Plan` that keeps its files); its length, when it has one, sizes the pool.
    """
    try:
        if caches is None:
            count = len(planned) if isinstance(planned, Sized) else None
            if count is None:
                planned = list(planned)
                count = len(planned)
            table = planned.settings if isinstance(planned, Plan) else None
            for _, (result, _, _) in _checked(planned, count, jobs, False, table):
                yield result
            return
        yield from _with_cache(planned, jobs, caches)
    finally:
        if caches is not None:
            caches.save()


def _with_cache(planned: Iterable[tuple[str, Settings]], jobs: int, caches: Caches) -> Iterator[FileResult]:
    """The results of ``planned``: cached ones as they are, the others checked (in
    order) and stored in their cache."""
    if not isinstance(planned, list) and not (isinstance(planned, Plan) and planned.kept):
        planned = list(planned)
    cached: dict[int, FileResult] = {}
    for index, (path, settings) in enumerate(planned):
        if path != STDIN:
            hit = caches.for_settings(settings).lookup(path)
            if hit is not None:
                cached[index] = hit
    todo = [(path, settings) for index, (path, settings) in enumerate(planned) if index not in cached]
    fresh = _checked(todo, len(todo), jobs, True)
    for index, _ in enumerate(planned):
        if index in cached:
            yield cached.pop(index)
            continue
        (_, settings), (result, content_digest, sig) = next(fresh)
        if content_digest is not None:
            caches.for_settings(settings).store(result, content_digest, sig)
        yield result


def source_lines_for_findings(result: FileResult) -> FileResult:
    """``result`` keeping only the source lines its findings cover (others become empty
    strings; the count is kept): what reporters show, without carrying whole files
    between processes or into the cache.  The same in serial, parallel and cached runs."""
    if result.lines is None:
        return result
    keep: set[int] = set()
    for finding in result.findings:
        keep.update(range(finding.line, finding.end_line + 1))
    lines = [text if number in keep else "" for number, text in enumerate(result.lines, start=1)]
    return dataclasses.replace(result, lines=lines)


# -- the files of a run --------------------------------------------------------------


class SettingsTable:
    """The distinct settings of a run, numbered in order of first use.

    A configuration gives every file its own (equal) Settings object, so settings are
    told apart by value; the last one looked up is remembered, as files of one folder
    come together.
    """

    def __init__(self, initial: Iterable[Settings] = ()) -> None:
        self.table: list[Settings] = []
        self._last: Settings | None = None
        self._last_number = -1
        for settings in initial:
            self.number(settings)

    def number(self, settings: Settings, *, add: bool = True) -> int | None:
        """The number of ``settings`` (None when unknown and not ``add``)."""
        if settings is self._last:
            return self._last_number
        for number, known in enumerate(self.table):
            if known is settings or known == settings:
                break
        else:
            if not add:
                return None
            number = len(self.table)
            self.table.append(settings)
        self._last, self._last_number = settings, number
        return number


class Plan:
    """The files of a run, each with its settings, from ``walk`` (which lists them in
    the same order each time it is called).

    They are walked once when the plan is made, before any file is checked, so that
    every configuration is read (a broken one stops the run before any output), the
    files are counted and their distinct settings known.  A plan of at most
    ``KEEP_PLANNED`` files (``KEEP_PLANNED_CACHED`` with ``keep``) is kept; a longer
    one is walked again when iterated, so the memory of a run does not grow with the
    corpus.
    Files added or removed between the walks are checked (or not) as found the second
    time; ``len`` is the count of the first walk.
    """

    def __init__(self, walk: Callable[[], Iterable[tuple[str, Settings]]], *, keep: bool = False) -> None:
        self._walk = walk
        table = SettingsTable()
        kept: list[tuple[str, Settings]] | None = []
        count = 0
        for item in walk():
            count += 1
            table.number(item[1])
            if kept is not None:
                kept.append(item)
                if count > (KEEP_PLANNED_CACHED if keep else KEEP_PLANNED):
                    kept = None
        self.count = count
        self.settings = table.table
        self._kept = kept

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple[str, Settings]]:
        return iter(self._kept) if self._kept is not None else iter(self._walk())

    @property
    def kept(self) -> bool:
        """Whether the files are held in memory (else they are walked again)."""
        return self._kept is not None


# -- checking ------------------------------------------------------------------------


def _checked(
    todo: Iterable[tuple[str, Settings]], count: int, jobs: int, remember: bool, table: list[Settings] | None = None
) -> Iterator[tuple[tuple[str, Settings], Outcome]]:
    """Check the ``count`` files of ``todo`` (standard input included), each result
    with its ``(path, settings)``, in the order of ``todo``."""
    if jobs <= 1 or count < SERIAL_BELOW:
        return ((item, _check_here(*item, remember)) for item in todo)
    if table is None:
        if not isinstance(todo, list):
            todo = list(todo)
        table = SettingsTable(settings for _, settings in todo).table
    return _pooled(todo, count, table, jobs, remember)


@dataclasses.dataclass(slots=True)
class _Batch:
    """Consecutive files checked together: by a worker when ``tasks`` (their paths and
    settings numbers) is set, else here (standard input, settings the workers lack)."""

    items: list[tuple[str, Settings]]
    tasks: list[tuple[str, int]] | None
    future: Future[list[Outcome]] | None = None


def _batches(todo: Iterable[tuple[str, Settings]], size: int, table: SettingsTable) -> Iterator[_Batch]:
    """``todo`` cut into batches of at most ``size`` files for the workers, in order."""
    items: list[tuple[str, Settings]] = []
    tasks: list[tuple[str, int]] = []
    for path, settings in todo:
        number = None if path == STDIN else table.number(settings, add=False)
        if number is None:
            if items:
                yield _Batch(items, tasks)
                items, tasks = [], []
            yield _Batch([(path, settings)], None)
            continue
        items.append((path, settings))
        tasks.append((path, number))
        if len(tasks) >= size:
            yield _Batch(items, tasks)
            items, tasks = [], []
    if items:
        yield _Batch(items, tasks)


def _pooled(
    todo: Iterable[tuple[str, Settings]], count: int, table: list[Settings], jobs: int, remember: bool
) -> Iterator[tuple[tuple[str, Settings], Outcome]]:
    """Check ``todo`` in worker processes, results in the order of ``todo``.

    Workers get the run's distinct settings once, at start, then ``(path, settings
    number)`` tasks in chunks; at most ``AHEAD_PER_WORKER`` chunks per worker are
    submitted and not yet handed on.  If a worker dies (killed for memory, a crash in
    a C extension), the files not yet checked are checked in this process, as a serial
    run would, rather than waiting for results that will never come.
    """
    from wiki_lint.schema import META_CHECKED

    workers = min(jobs, count)
    size = max(1, min(MAX_CHUNK, count // (workers * 8)))
    ahead: deque[_Batch] = deque()
    gc.freeze()  # forked workers share the loaded modules: keep the collector from copying their pages
    executor = _executor(workers, table, remember, sorted(META_CHECKED))
    try:
        for batch in _batches(todo, size, SettingsTable(table)):
            if batch.tasks is not None:
                batch.future = _submit(executor, batch.tasks)
            ahead.append(batch)
            while len(ahead) > AHEAD_PER_WORKER * workers:
                yield from _finished(ahead.popleft(), remember)
        while ahead:
            yield from _finished(ahead.popleft(), remember)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _executor(workers: int, table: list[Settings], remember: bool, meta_checked: list[str]) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker, initargs=(table, remember, meta_checked))


def _submit(executor: ProcessPoolExecutor, tasks: list[tuple[str, int]]) -> Future[list[Outcome]] | None:
    """The future of ``tasks`` checked by a worker (None when the pool is broken)."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return executor.submit(_work_chunk, tasks)
    except BrokenProcessPool:
        return None


def _finished(batch: _Batch, remember: bool) -> Iterator[tuple[tuple[str, Settings], Outcome]]:
    """The outcomes of ``batch``, from its worker or, without one, checked here."""
    from concurrent.futures.process import BrokenProcessPool

    outcomes: list[Outcome] | None = None
    if batch.future is not None:
        try:
            outcomes = batch.future.result()
        except BrokenProcessPool:
            outcomes = None
        batch.future = None
    if outcomes is None:
        outcomes = [_check_here(path, settings, remember) for path, settings in batch.items]
    yield from zip(batch.items, outcomes)


def _context() -> BaseContext:
    """Fork where it is safe and cheap (Linux): workers inherit the loaded modules and
    schema; elsewhere spawn, and workers load them once in their initialiser."""
    import multiprocessing  # only for runs big enough to use a pool

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _init_worker(table: list[Settings], remember: bool, meta_checked: list[str]) -> None:
    global _table, _remember
    from wiki_lint.schema import META_CHECKED, load_schema

    _table, _remember = table, remember
    META_CHECKED.update(meta_checked)
    for settings in table:
        load_schema(settings.schema)


def _work_chunk(tasks: list[tuple[str, int]]) -> list[Outcome]:
    return [_work(task) for task in tasks]


def _work(task: tuple[str, int]) -> Outcome:
    path, number = task
    return _check_path(path, _table[number], _remember)


def _check_here(path: str, settings: Settings, remember: bool) -> Outcome:
    """Check one file (or standard input) in this process."""
    if path == STDIN:
        return source_lines_for_findings(check_file(path, settings)), None, None
    return _check_path(path, settings, remember)


def _check_path(path: str, settings: Settings, remember: bool) -> Outcome:
    """Check one file; to ``remember`` it, also the digest and trusted stat signature of
    the bytes checked (None when the file could not be read: such results are not cached)."""
    if not remember:
        return source_lines_for_findings(check_file(path, settings)), None, None
    from wiki_lint.cache import digest, trusted_signature
    from wiki_lint.errors import InputError
    from wiki_lint.sources import read_stable

    try:
        hashed_at = time.time_ns()
        data, stat = read_stable(path)
    except (OSError, InputError):
        return source_lines_for_findings(check_file(path, settings)), None, None
    result = source_lines_for_findings(check_data(path, data, settings))
    return result, digest(data), trusted_signature(stat, hashed_at)
