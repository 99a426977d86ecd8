"""Work grows linearly with the structure of a page, not with its square.

A plain-page baseline cannot see a step that is quadratic in the number of sections or
blocks while each one is cheap (slicing the section list once per section was such a
step).  Here each structure is checked at N and 4N units by every reader: linear work
takes about 4 times as long, quadratic work 16 times; the bound is RATIO.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from robust_helpers import FORMATS, check_bytes, measure

RATIO = 8.0
UNITS = 6_000

STRUCTURES: dict[str, Callable[[int], bytes]] = {
    "headings-with-edit-markers": lambda n: b"Intro paragraph.\n" + b"".join(b"Heading %d[edit]\n" % i for i in range(n)),
    "nested-heading-levels": lambda n: b"".join(b"%s Heading %d\n\nText.\n\n" % (b"#" * (1 + i % 6), i) for i in range(n)),
    "labelled-paragraphs": lambda n: b"".join(b"Credits: written by editor %d\n\n" % i for i in range(n)),
    "list-items": lambda n: b"".join(b"- item %d\n" % i for i in range(n)),
    "prose-sentences": lambda n: (
        b"Interleukin 6 is a cytokine. " * (n // 4) + b"\n\n" + b"It acts on B cells (Smith et al. 2020). " * (n // 4)
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("structure", list(STRUCTURES))
def test_four_times_the_structure_takes_about_four_times_as_long(
    structure: str, fmt: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.getbasetemp()
    make = STRUCTURES[structure]
    small, large = make(UNITS), make(4 * UNITS)
    measure(lambda: check_bytes(small, fmt, folder, name="warm-up"))
    small_cost = min((measure(lambda: check_bytes(small, fmt, folder, name=structure)) for _ in range(2)), key=lambda c: c.seconds)
    large_cost = measure(lambda: check_bytes(large, fmt, folder, name=structure), 40 * RATIO * small_cost.seconds + 30)
    assert small_cost.error is None and large_cost.error is None
    ratio = large_cost.seconds / max(small_cost.seconds, 1e-3)
    assert ratio <= RATIO, f"{structure} as {fmt}: 4x the input took {ratio:.1f}x the time (linear is 4x)"
