"""The two largest cases: a 50 MB page and a single line of 5 MB.

Both are measured against a 5 MB page of the same shape read by the same reader in the
same run (CPU time and added peak memory, in a forked child: see ``robust_helpers.measure``).
The 50 MB page is ten times that page, so its bound is ten times the baseline times
SLACK; the 5 MB line is the same size as the baseline, so its bound is FACTOR times it.

The 50 MB page is marked ``slow``: every rule runs on it, and the content rules read
prose at about 1 MB per CPU second, so it costs about a minute per reader.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from robust_helpers import FORMATS, Cost, check_bytes, measure

MB = 1_000_000
SLACK = 3
FACTOR = 20

_SENTENCE = b"Interleukin 6 is a cytokine that takes part in inflammation and the maturation of B cells. "
_PARAGRAPH = _SENTENCE * 11 + b"\n\n"  # about 1 KB, a long but ordinary paragraph
_SECTION = b"## Section\n\n" + _PARAGRAPH * 20


def page(size: int) -> bytes:
    """A page of about ``size`` bytes: a title, then sections of twenty 1 KB paragraphs."""
    head = b"# Large page\n\nLarge page is a page used to test that size costs only linear time.\n\n"
    return head + _SECTION * max(1, (size - len(head)) // len(_SECTION))


@cache
def five_mb_page(fmt: str, folder: str) -> Cost:
    cost = measure(lambda: check_bytes(page(5 * MB), fmt, Path(folder), name="five-mb"))
    assert cost.error is None, cost.error
    return cost


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_50_mb_page_costs_about_ten_times_a_5_mb_page(fmt: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.getbasetemp()
    base = five_mb_page(fmt, str(folder))
    data = page(50 * MB)
    cost = measure(lambda: check_bytes(data, fmt, folder, name="fifty-mb"), 30 * base.seconds * SLACK + 60)
    assert cost.error is None, cost.error
    assert cost.seconds <= 10 * SLACK * base.seconds, f"{cost.seconds:.1f}s vs {base.seconds:.1f}s for 5 MB"
    assert cost.peak_bytes <= 10 * SLACK * max(base.peak_bytes, 1 << 20), f"{cost.peak_bytes:,} B vs {base.peak_bytes:,} B"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_line_of_5_mb_costs_no_more_than_a_5_mb_page(fmt: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.getbasetemp()
    base = five_mb_page(fmt, str(folder))
    line = b"Interleukin " + b"word " * (5 * MB // 5) + b"\n"
    cost = measure(lambda: check_bytes(line, fmt, folder, name="long-line"), 10 * FACTOR * base.seconds + 60)
    assert cost.error is None, cost.error
    assert cost.seconds <= FACTOR * base.seconds
    assert cost.peak_bytes <= FACTOR * max(base.peak_bytes, 1 << 20)
