"""Check many files: cached results first, the rest serially or in a process pool.

Results come back in the order the files were given, whatever the number of worker
processes, so the output of ``--jobs 8`` is byte-identical to that of ``--jobs 1``.
Files are checked by a pool of worker processes when there are enough of them to be
worth starting it (few files run in this process).  Each worker is initialised once
with the run's settings (one per configuration in use) and the loaded schemas, and gets
paths in chunks; results stream back as they are ready and are handed on one by one, so
no Document outlives its check and memory stays flat as the corpus grows.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from wiki_lint.check import FileResult, Settings, check_data, check_file
from wiki_lint.sources import STDIN

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from wiki_lint.cache import Caches, Signature

    # a result, the digest of the bytes checked and their trusted stat signature
    Outcome = tuple[FileResult, str | None, Signature | None]

# Below this many files to check, starting worker processes costs more than it saves.
SERIAL_BELOW = 32
MAX_CHUNK = 64

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


def check_many(planned: list[tuple[str, Settings]], *, jobs: int = 1, caches: Caches | None = None) -> Iterator[FileResult]:
    """One result per ``(path, settings)`` of ``planned``, in that order."""
    cached: dict[int, FileResult] = {}
    if caches is not None:
        for index, (path, settings) in enumerate(planned):
            if path != STDIN:
                hit = caches.for_settings(settings).lookup(path)
                if hit is not None:
                    cached[index] = hit
    todo = [(path, settings) for index, (path, settings) in enumerate(planned) if index not in cached and path != STDIN]
    try:
        fresh = _checked(todo, jobs, caches)
        for index, (path, settings) in enumerate(planned):
            if index in cached:
                yield cached.pop(index)
            elif path == STDIN:
                yield source_lines_for_findings(check_file(path, settings))
            else:
                yield next(fresh)
    finally:
        if caches is not None:
            caches.save()


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


def _checked(todo: list[tuple[str, Settings]], jobs: int, caches: Caches | None) -> Iterator[FileResult]:
    """Check the files of ``todo`` (in order), storing each result in its cache."""
    remember = caches is not None
    if jobs <= 1 or len(todo) < SERIAL_BELOW:
        results: Iterator[Outcome] = (_check_path(path, settings, remember) for path, settings in todo)
    else:
        results = _pooled(todo, jobs, remember)
    for (_, settings), (result, content_digest, sig) in zip(todo, results):
        if caches is not None and content_digest is not None:
            caches.for_settings(settings).store(result, content_digest, sig)
        yield result


def _pooled(todo: list[tuple[str, Settings]], jobs: int, remember: bool) -> Iterator[Outcome]:
    """Check ``todo`` in worker processes, results in the order of ``todo``.

    Workers get the run's distinct settings once, at start, then ``(path, settings
    number)`` tasks in chunks.  If a worker dies (killed for memory, a crash in a C
    extension), the files not yet checked are checked in this process, as a serial run
    would, rather than waiting for results that will never come.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from wiki_lint.schema import META_CHECKED

    table: list[Settings] = []
    numbers: dict[int, int] = {}
    tasks: list[tuple[str, int]] = []
    for path, settings in todo:
        number = numbers.get(id(settings))
        if number is None:
            number = numbers[id(settings)] = len(table)
            table.append(settings)
        tasks.append((path, number))
    workers = min(jobs, len(tasks))
    chunk = max(1, min(MAX_CHUNK, len(tasks) // (workers * 8)))
    done = 0
    gc.freeze()  # forked workers share the loaded modules: keep the collector from copying their pages
    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker, initargs=(table, remember, sorted(META_CHECKED)))
    try:
        for outcome in executor.map(_work, tasks, chunksize=chunk):
            yield outcome
            done += 1
    except BrokenProcessPool:
        for path, settings in todo[done:]:
            yield _check_path(path, settings, remember)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


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


def _work(task: tuple[str, int]) -> Outcome:
    path, number = task
    return _check_path(path, _table[number], _remember)


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
