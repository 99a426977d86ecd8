"""The one-line fast path for heading positions gives what the general mapping gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wiki_lint.readers import markdown


def _general(lines: list[str], first: int, raw: str) -> list[tuple[int, int]]:
    position = _general_positions(lines, first, raw)
    return [position(at) for at in range(len(raw) + 3)]


def _general_positions(lines: list[str], first: int, raw: str):  # type: ignore[no-untyped-def]
    """The general mapping of markdown._raw_positions, as it was before the fast path."""
    starts = []
    offset, row = 0, first
    for part in raw.split("\n"):
        probe = row
        while probe < len(lines) and part and part not in markdown._as_parsed(lines[probe]):
            probe += 1
        if probe < len(lines):
            row = probe
        source = markdown._as_parsed(lines[row]) if row < len(lines) else ""
        column = source.find(part) if part and part in source else len(source.rstrip(markdown._BLANK))
        starts.append((offset, min(row, len(lines) - 1) + 1, column))
        offset += len(part) + 1
        row += 1

    def position(at: int) -> tuple[int, int]:
        base, line, column = next(item for item in reversed(starts) if item[0] <= at)
        width = len(lines[line - 1]) if lines else 0
        return line, min(column + (at - base), width) + 1

    return position


_TEXT = st.text(alphabet=st.sampled_from(list("ab #\t\u00a0[]edit") + ["\x00"]), max_size=20)


@given(st.lists(_TEXT, min_size=1, max_size=4), st.data())
def test_fast_path_equals_general_mapping(lines: list[str], data: st.DataObject) -> None:
    first = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    line = lines[first]
    start = data.draw(st.integers(min_value=0, max_value=len(line)))
    end = data.draw(st.integers(min_value=start, max_value=len(line)))
    raw = data.draw(st.sampled_from([line[start:end], line[start:end].strip(), "", "zz"]))
    got = markdown._raw_positions(lines, first, raw)
    assert [got(at) for at in range(len(raw) + 3)] == _general(lines, first, raw)
