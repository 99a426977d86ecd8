"""``--statistics``: how often each rule fired, and the spread of each page score.

:class:`Statistics` is fed every :class:`~wiki_lint.check.FileResult` beside the
reporter.  It keeps one counter per rule and, per score name (``FileResult.scores``,
e.g. a completeness percentage), the numbers seen, so it can give min, median and max.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wiki_lint.check import FileResult


@dataclass(slots=True)
class Statistics:
    """Counts per rule (code -> name, count) and score values per score name."""

    counts: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    scores: dict[str, list[float]] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        for finding in result.findings:
            self.counts[finding.code] += 1
            self.names[finding.code] = finding.name
        for name, value in result.scores.items():
            self.scores.setdefault(name, []).append(float(value))

    def add_counted(self, rules: Iterable[tuple[str, str, int]], scores: Mapping[str, float]) -> None:
        """Count a file from its statistics as the result cache keeps them (the same
        as :meth:`add` of its result)."""
        for code, name, count in rules:
            self.counts[code] += count
            self.names[code] = name
        for name, value in scores.items():
            self.scores.setdefault(name, []).append(float(value))

    def rules(self) -> list[tuple[str, str, int]]:
        """(code, name, count), most frequent first, then by code."""
        return sorted(
            ((code, self.names[code], n) for code, n in self.counts.items()),
            key=lambda r: (-r[2], r[0]),
        )

    def distributions(self) -> list[tuple[str, int, float, float, float]]:
        """(score, files, min, median, max) per score name, by name."""
        import statistics as stats  # only when asked for: it costs a few ms to import

        return [(name, len(values), min(values), stats.median(values), max(values)) for name, values in sorted(self.scores.items())]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": [{"code": c, "name": n, "count": k} for c, n, k in self.rules()],
            "scores": [{"name": s, "files": f, "min": lo, "median": mid, "max": hi} for s, f, lo, mid, hi in self.distributions()],
        }

    def render(self) -> str:
        """The statistics as aligned text tables."""
        rows = self.rules()
        if rows:
            name_width = max(len("Name"), *(len(name) for _, name, _ in rows))
            lines = [f"{'Code':<6} {'Name':<{name_width}} {'Count':>6}"]
            lines += [f"{code:<6} {name:<{name_width}} {count:>6}" for code, name, count in rows]
            lines.append(f"{'Total':<6} {'':<{name_width}} {sum(self.counts.values()):>6}")
        else:
            lines = ["No findings."]
        distributions = self.distributions()
        if distributions:
            width = max(len("Score"), *(len(d[0]) for d in distributions))
            lines += ["", f"{'Score':<{width}} {'Files':>6} {'Min':>8} {'Median':>8} {'Max':>8}"]
            lines += [
                f"{name:<{width}} {files:>6} {number(lo):>8} {number(mid):>8} {number(hi):>8}" for name, files, lo, mid, hi in distributions
            ]
        return "\n".join(lines) + "\n"


def number(value: float) -> str:
    """A score for a table: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
