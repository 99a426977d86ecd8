"""Shared helpers for the robustness suite: run the whole pipeline on bytes, measure
time and memory relative to a baseline, and list the formats to exercise.

Bounds are never absolute times: a case is compared with a plain page of the same size
read by the same reader in the same test run, with a generous factor, so the suite holds
on a slow or busy machine and still catches quadratic (or worse) behaviour.
"""

from __future__ import annotations

import gc
import json
import math
import os
import select
import signal
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wiki_lint import readers
from wiki_lint.check import FileResult, Settings, check_file

FORMATS = tuple(readers.FORMATS)  # every reader, including ones added after this suite


def extension(fmt: str) -> str:
    """The first file extension of reader ``fmt``."""
    return readers.FORMATS[fmt][1][0]


@dataclass(frozen=True, slots=True)
class Cost:
    """What one run took: CPU seconds, the peak memory it added, and the check's error."""

    seconds: float
    peak_bytes: int
    error: str | None = None


_PROC_STATUS = Path("/proc/self/status")


def measure(action: Callable[[], FileResult], give_up_after: float | None = None) -> Cost:
    """Run ``action`` once and say what it cost.

    ``give_up_after`` (wall seconds) stops a run that hangs: the child is killed and the
    cost reported as infinite, so a quadratic regression fails the test instead of
    stalling the suite.

    On Linux the run happens in a forked child: its peak resident memory (VmHWM, reset
    at the start) minus its resident memory at the start is what the run added, and
    the time is the child's CPU time, which other processes on a busy machine do not
    distort.  Elsewhere tracemalloc's peak stands in (several times
    slower, but the same for the case and its baseline).
    """
    if hasattr(os, "fork") and _PROC_STATUS.exists():
        return _measure_forked(action, give_up_after)
    return _measure_traced(action)


def _measure_traced(action: Callable[[], FileResult]) -> Cost:
    gc.collect()
    tracemalloc.start()
    started = time.process_time()
    try:
        result = action()
        seconds = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return Cost(seconds, peak, result.error)


def _status_kib(field: str) -> int:
    for line in _PROC_STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _measure_forked(action: Callable[[], FileResult], give_up_after: float | None) -> Cost:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report through the pipe, exit without cleanup
        status = 0
        try:
            os.close(read_end)
            gc.collect()
            Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
            start_kib = _status_kib("VmRSS")
            started = time.process_time()  # CPU time: other processes on the machine do not count
            result = action()
            seconds = time.process_time() - started
            peak_kib = _status_kib("VmHWM")
            payload = {"seconds": seconds, "peak_bytes": max(peak_kib - start_kib, 0) * 1024, "error": result.error}
        except BaseException as exc:  # noqa: BLE001  # reported to the parent, which fails the test
            payload = {"seconds": 0.0, "peak_bytes": 0, "error": f"internal error in measurement: {exc!r}"}
            status = 1
        with os.fdopen(write_end, "w") as pipe:
            json.dump(payload, pipe)
        os._exit(status)
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], give_up_after)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_end)
        return Cost(math.inf, 0, None)
    with os.fdopen(read_end) as pipe:
        payload = json.load(pipe)
    os.waitpid(pid, 0)
    return Cost(payload["seconds"], payload["peak_bytes"], payload["error"])


def check_bytes(data: bytes, fmt: str, folder: Path, settings: Settings | None = None, name: str = "page") -> FileResult:
    """Write ``data`` to a file of format ``fmt`` and check it as the CLI would."""
    path = folder / f"{name}{extension(fmt)}"
    path.write_bytes(data)
    return check_file(str(path), settings or Settings(input_format=fmt))


def assert_clean(result: FileResult | Cost) -> None:
    """No crash: either findings, or an input error that is not one of ours."""
    assert result.error is None or "internal error" not in result.error, result.error


PARAGRAPH = b"Interleukin 6 is a cytokine that takes part in inflammation and the maturation of B cells.\n\n"


def plain_page(size: int) -> bytes:
    """A well-formed page of about ``size`` bytes: a title, then one-sentence paragraphs."""
    head = b"# Plain page\n\n"
    return head + PARAGRAPH * max(1, (size - len(head)) // len(PARAGRAPH))


@cache
def baseline(fmt: str, size: int, folder: str) -> Cost:
    """The cheaper of two runs on a plain page of ``size`` bytes (cached per test run),
    after a warm-up run so one-time imports and compilations are not counted."""
    check_bytes(plain_page(1024), fmt, Path(folder), name="warm-up")
    data = plain_page(size)
    costs = [measure(lambda: check_bytes(data, fmt, Path(folder), name="baseline")) for _ in range(2)]
    for cost in costs:
        assert cost.error is None, cost.error
    return Cost(min(c.seconds for c in costs), max(min(c.peak_bytes for c in costs), 1 << 20))
