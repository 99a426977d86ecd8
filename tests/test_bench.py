"""The benchmark's corpus generator and report (bench/): deterministic, realistic, honest ratios."""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
from pathlib import Path
from types import ModuleType

from support import ROOT

from wiki_lint.check import Settings, check_source
from wiki_lint.sources import Source


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen_corpus = _load("gen_corpus")
run = _load("run")


def test_the_corpus_is_deterministic_and_a_prefix_of_larger_ones(tmp_path: Path) -> None:
    small, again, large = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    gen_corpus.generate(30, small)
    gen_corpus.generate(30, again)
    gen_corpus.generate(60, large)
    files = sorted(p.relative_to(small) for p in small.rglob("*.md"))
    assert len(files) == 30
    for name in files:
        assert (small / name).read_bytes() == (again / name).read_bytes() == (large / name).read_bytes()
    assert gen_corpus.page(1, 5) != gen_corpus.page(2, 5)


def test_pages_look_like_the_issue_says_and_defects_are_found() -> None:
    pages = [gen_corpus.page(gen_corpus.DEFAULT_SEED, index) for index in range(300)]
    sizes = [len(text.encode("utf-8")) for text, _ in pages]
    assert 4300 <= statistics.median(sizes) <= 5500
    defective = [defects for _, defects in pages if defects]
    assert 0.22 <= len(defective) / len(pages) <= 0.38
    assert {kind for defects in defective for kind in defects} == set(gen_corpus.DEFECTS)
    settings = Settings(today=__import__("datetime").date(2026, 11, 26))
    for text, defects in pages[:60]:
        names = {f.name for f in check_source(Source("page.md", text), settings, "markdown")}
        if "edit-marker" in defects:
            assert "edit-marker" in names
        if "duplicate-heading" in defects:
            assert "duplicate-heading" in names
        if "chrome" in defects:
            assert "site-chrome" in names
        for section in ("## Function", "## Clinical significance", "## References", "## Disclaimer", "## License"):
            if "missing-part" not in defects and "empty-section" not in defects:
                assert section in text


def test_ratios_and_table_report_each_target() -> None:
    def case(name: str, pages: int, wall: float, rss_mb: float = 50.0) -> object:
        made = run.Case(name, "tool", pages)
        made.runs.append(run.Run(wall, int(rss_mb * 2**20), int(rss_mb * 2**20), 0, wall))
        return made

    cases = [
        case("wiki-lint cold (--no-cache)", 1000, 1.0),
        case("wiki-lint cold (--no-cache)", 10000, 8.0, 80),
        case("wiki-lint warm (cache, nothing changed)", 10000, 0.2),
        case("parse floor: markdown-it-py full, 2 procs", 10000, 8.0),
        case("markdownlint-cli2, MD043 only", 10000, 48.0),
        case("single file, cold process, --no-cache", 1, 0.12),
        case("single file, markdownlint-cli2 MD043", 1, 0.30),
    ]
    args = argparse.Namespace(sizes=[1000, 10000])
    ratios = {r["what"]: r for r in run.ratios(cases, args)}
    assert ratios["cold pages/s (10000 pages)"]["met"] is True
    assert ratios["markdownlint-cli2 MD043 time / wiki-lint cold time"]["value"] == 6.0
    assert ratios["wiki-lint cold time / full-parse floor time (2 procs)"]["met"] is True
    assert ratios["cold time / warm time"]["value"] == 40.0
    assert ratios["time per page, 10000 vs 1000 pages (1.0 = linear)"]["value"] == 0.8
    result = {"cases": [c.to_dict() for c in cases], "ratios": list(ratios.values()), "when": "now", "command": "cmd",
              "machine": {"usable_cpus": 2, "platform": "p", "python": "3", "load_average_before": (1, 1, 1), "load_average_after": (1, 1, 1)}}
    text = run.table(result)
    assert "| wiki-lint cold (--no-cache) | 10000 | 1 | 8.000 |" in text
    assert "| cold time / warm time | 40.0 | >= 20 | yes |" in text


def test_peak_memory_is_read_for_a_whole_process_tree() -> None:
    assert run._tree_rss(os.getpid()) > 1_000_000
    measured = run.measure([sys.executable, "-c", "import subprocess, sys; subprocess.run([sys.executable, '-c', 'x = bytearray(60_000_000); import time; time.sleep(0.3)'])"], ROOT)
    assert measured.returncode == 0
    assert measured.peak_rss_tree > 60_000_000
