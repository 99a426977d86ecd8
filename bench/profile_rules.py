"""Where a cold check spends its time, in one process: reading, extraction, schema
validation, each rule, suppressions and scores, per page, on the benchmark corpus.

    python bench/profile_rules.py --pages 300            # table of stages and rules
    python bench/profile_rules.py --pages 300 --cprofile # plus the hottest functions

The numbers are CPU time of this process (``time.process_time``), so a shared machine
disturbs them less than wall time; they are for finding what to make cheaper, the
benchmark (``bench/run.py``) is what the targets are measured with.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wiki_lint import readers  # noqa: E402
from wiki_lint.check import DEFAULT_SELECTION, Settings, _unique_sorted  # noqa: E402
from wiki_lint.entry_types import choose_schema  # noqa: E402
from wiki_lint.extract import extract  # noqa: E402
from wiki_lint.rules import BY_NAME, REGISTRY, Context  # noqa: E402
from wiki_lint.schema import load_schema  # noqa: E402
from wiki_lint.scores import compute_scores  # noqa: E402
from wiki_lint.sources import read_source  # noqa: E402
from wiki_lint.suppressions import apply_suppressions  # noqa: E402
from wiki_lint.validate import validate  # noqa: E402


def pages(count: int) -> list[Path]:
    root = Path(__file__).resolve().parent / "corpus"
    found = sorted(p for p in root.glob("*/**/*.md"))
    if len(found) < count:
        sys.exit(f"only {len(found)} pages under {root}; run bench/gen_corpus.py --pages {count}")
    return found[:count]


def profile(paths: list[Path]) -> dict[str, float]:
    """CPU seconds per stage and per rule over ``paths``."""
    spent: dict[str, float] = defaultdict(float)
    settings = Settings(today=date(2026, 11, 26))
    clock = time.process_time

    def timed(stage: str, func, *args):  # type: ignore[no-untyped-def]
        start = clock()
        value = func(*args)
        spent[stage] += clock() - start
        return value

    for path in paths:
        source = timed("read: decode", read_source, str(path), "strict")
        fmt = readers.format_for(str(path), None)
        doc = timed("read: parse", readers.read, source, fmt)
        schema = timed("schema choice", lambda: load_schema(choose_schema(doc, None, None).schema))
        entry = timed("extract", extract, doc, schema, settings.lang)
        ctx = Context(doc, entry, schema, options=settings.rule_options, today=settings.today)
        for problem in doc.problems:
            ctx.report(BY_NAME[problem.rule], problem.span, problem.message, hint=problem.hint)
        timed("validate (schema)", validate, ctx)
        for rule in REGISTRY:
            if rule.origin == "code":
                timed(f"rule {rule.name}", rule().check, ctx)
        timed("suppressions", apply_suppressions, ctx)
        findings = timed("sort", _unique_sorted, ctx.findings)
        timed("scores", compute_scores, ctx, findings)
        timed("selection", DEFAULT_SELECTION.apply, findings, doc.path)
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--top", type=int, default=25, help="rows of the rule table")
    parser.add_argument("--cprofile", action="store_true", help="also print the hottest functions")
    args = parser.parse_args()
    paths = pages(args.pages)
    profile(paths[:20])  # warm-up: lazy imports, compiled patterns
    spent = profile(paths)
    total = sum(spent.values())
    print(f"{len(paths)} pages, {total / len(paths) * 1000:.3f} ms CPU per page in all")
    rules = sum(v for k, v in spent.items() if k.startswith("rule "))
    print(f"  all code rules: {rules / len(paths) * 1000:.3f} ms/page")
    for stage, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {stage:<40} {seconds / len(paths) * 1000:8.3f} ms/page")
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.runcall(profile, paths)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
