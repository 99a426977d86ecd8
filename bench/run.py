"""Benchmark wiki-lint against other Markdown checkers on the same generated corpus.

Measured, several runs each (the median is reported):

* wiki-lint **cold**: ``check --no-cache`` of the whole corpus, default ``--jobs``;
* wiki-lint **warm**: ``check`` again with the cache filled and nothing changed;
* wiki-lint **single file**: one small page in a new process, without a cache
  (``--no-cache``) and as a pre-commit hook sees it (cache present, the page changed);
* **markdownlint-cli2** (npm, installed into ``bench/node/``) with only its
  required-headings rule MD043, when ``npx``/``npm`` is available;
* **pymarkdown** (PyPI ``pymarkdownlnt``) with its default rules, when installed;
* the **parse floor**: markdown-it-py parsing every page and nothing else, in two
  processes (``full``: its default parse, blocks and inline; ``block``: blocks only).

Each run's wall time is taken around the process; the peak RSS is the largest sum of
the resident memory of the process and all its descendants, sampled every 10 ms from
/proc (and, for comparison, the largest single process from ``wait4``).  The table and
the issue's ratios are printed and written to ``bench/results/latest.json``.

Usage::

    python bench/run.py                  # 1k, 10k and 50k pages (takes a while)
    python bench/run.py --quick          # 1k pages, fewer runs
    python bench/run.py --sizes 10000 --runs 5 --tool-runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
WORK = HERE / "work"  # the benchmark's project root: wiki-lint's cache goes here
NODE = HERE / "node"
RESULTS = HERE / "results"
MARKDOWNLINT_VERSION = "0.24.1"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# Tools run as on a user's machine: Python may cache bytecode (some sandboxes and CI set
# PYTHONDONTWRITEBYTECODE, which makes every Python tool recompile its modules each run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# markdownlint-cli2 with only MD043 (required headings), the headings wiki-lint requires
MD043_CONFIG = {
    "config": {
        "default": False,
        "MD043": {
            "headings": [
                "*", "## Function", "*", "## Clinical significance", "*",
                "## Disclaimer", "*", "## Credits", "*", "## License", "*",
            ]
        },
    }
}


@dataclass
class Run:
    wall: float
    peak_rss_tree: int  # bytes
    max_rss_single: int  # bytes
    returncode: int
    cpu: float = 0.0  # user + system seconds of the process and its children


@dataclass
class Case:
    name: str
    tool: str
    pages: int
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(r.peak_rss_tree for r in self.runs) / 2**20

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.median if self.median else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "tool": self.tool, "pages": self.pages, "note": self.note,
            "median_s": round(self.median, 4), "median_cpu_s": round(self.cpu, 4), "pages_per_s": round(self.pages_per_s, 1),
            "peak_rss_tree_mb": round(self.peak_rss_mb, 1),
            "runs": [asdict(r) for r in self.runs],
        }


# -- measuring ---------------------------------------------------------------------


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, now."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str], cwd: Path, stdin: bytes | None = None) -> Run:
    """Run ``cmd`` once; its wall time, peak tree RSS and largest single RSS."""
    peak = 0
    done = threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if stdin is not None and process.stdin:
        process.stdin.write(stdin)
        process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, peak, usage.ru_maxrss * 1024, process.returncode, usage.ru_utime + usage.ru_stime)


def repeat(case: Case, cmd: list[str], cwd: Path, runs: int, ok: tuple[int, ...], before: Any = None, warm_up: bool = False) -> Case:
    """Run ``cmd`` ``runs`` times (after one untimed run when ``warm_up``: bytecode and
    the OS file cache ready, as for a tool in daily use)."""
    if warm_up:
        if before:
            before(-1)
        measure(cmd, cwd)
    for index in range(runs):
        if before:
            before(index)
        run = measure(cmd, cwd)
        if run.returncode not in ok:
            raise SystemExit(f"{case.name}: {' '.join(cmd)} exited {run.returncode}")
        case.runs.append(run)
    print(f"  {case.name:<46} {case.pages:>6} pages  {case.median:8.3f} s  {case.cpu:8.3f} s CPU  {case.pages_per_s:9.1f} pages/s  {case.peak_rss_mb:7.1f} MB", file=sys.stderr, flush=True)
    return case


# -- tools -------------------------------------------------------------------------


def wiki_lint() -> list[str]:
    script = Path(sys.executable).with_name("wiki-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wiki_lint"]


def markdownlint() -> list[str] | None:
    """markdownlint-cli2 from bench/node/, installed with npm on first use."""
    binary = NODE / "node_modules" / ".bin" / "markdownlint-cli2"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            return None
        NODE.mkdir(exist_ok=True)
        print(f"installing markdownlint-cli2@{MARKDOWNLINT_VERSION} into {NODE}", file=sys.stderr)
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", f"markdownlint-cli2@{MARKDOWNLINT_VERSION}"], cwd=NODE)
        if done.returncode != 0 or not binary.exists():
            return None
    config = NODE / ".markdownlint-cli2.jsonc"
    config.write_text(json.dumps(MD043_CONFIG, indent=2), encoding="utf-8")
    return [str(binary), "--config", str(config)]


def pymarkdown() -> list[str] | None:
    script = Path(sys.executable).with_name("pymarkdown")
    return [str(script)] if script.exists() else (shutil.which("pymarkdown") and [shutil.which("pymarkdown")])  # type: ignore[return-value]


def corpus(pages: int) -> Path:
    folder = CORPUS / str(pages)
    if not folder.is_dir() or sum(1 for _ in folder.rglob("*.md")) != pages:
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--pages", str(pages), "--out", str(folder)], check=True)
    return folder


def _version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


# -- the benchmark -------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    WORK.mkdir(exist_ok=True)
    (WORK / "pyproject.toml").write_text("# marks the benchmark's project root: wiki-lint's cache is made here\n", encoding="utf-8")
    wl = wiki_lint()
    mdl = None if args.skip_markdownlint else markdownlint()
    pym = None if args.skip_pymarkdown else pymarkdown()
    floor = [sys.executable, str(HERE / "parse_floor.py"), "--jobs", str(args.floor_jobs)]
    cases: list[Case] = []
    load_before = os.getloadavg()

    def clean() -> None:
        shutil.rmtree(WORK / ".wiki-lint-cache", ignore_errors=True)

    for pages in args.sizes:
        folder = corpus(pages)
        print(f"{pages} pages ({folder})", file=sys.stderr)
        runs = args.runs if pages <= 10_000 else max(1, min(args.runs, 3))
        clean()
        cases.append(repeat(Case("wiki-lint cold (--no-cache)", "wiki-lint", pages), [*wl, "check", "--no-cache", str(folder)], WORK, runs, (0, 1), warm_up=pages <= 1_000))
        clean()
        cases.append(repeat(Case("wiki-lint first run, empty cache", "wiki-lint", pages), [*wl, "check", str(folder)], WORK, 1, (0, 1)))
        cases.append(repeat(Case("wiki-lint warm (cache, nothing changed)", "wiki-lint", pages), [*wl, "check", str(folder)], WORK, runs, (0, 1)))
        clean()
        cases.append(repeat(Case(f"parse floor: markdown-it-py full, {args.floor_jobs} procs", "markdown-it-py", pages), [*floor, "--mode", "full", str(folder)], WORK, runs, (0,), warm_up=pages <= 1_000))
        cases.append(repeat(Case(f"parse floor: markdown-it-py blocks, {args.floor_jobs} procs", "markdown-it-py", pages), [*floor, "--mode", "block", str(folder)], WORK, runs, (0,)))
        if mdl and pages in args.markdownlint_sizes:
            cases.append(repeat(Case("markdownlint-cli2, MD043 only", "markdownlint-cli2", pages), [*mdl, f"{folder}/**/*.md"], WORK, args.tool_runs, (0, 1), warm_up=pages <= 10_000 and args.tool_runs > 1))
        if pym and pages in args.pymarkdown_sizes:
            cases.append(repeat(Case("pymarkdown scan (default rules)", "pymarkdown", pages), [*pym, "--continue-on-error", "scan", "-r", str(folder)], WORK, 1, (0, 1)))

    single = WORK / "single" / "page.md"
    single.parent.mkdir(exist_ok=True)
    text = (corpus(min(args.sizes)) / "0000" / "page-000001.md").read_text(encoding="utf-8")
    single.write_text(text, encoding="utf-8")
    single_runs = max(args.runs * 2, 5)
    cases.append(repeat(Case("single file, cold process, --no-cache", "wiki-lint", 1), [*wl, "check", "--no-cache", str(single)], WORK, single_runs, (0, 1), warm_up=True))

    def change(index: int) -> None:
        single.write_text(f"{text}\n<!-- edit {index} {time.time_ns()} -->\n", encoding="utf-8")

    clean()
    cases.append(repeat(Case("single file, changed, cache present (pre-commit)", "wiki-lint", 1), [*wl, "check", str(single)], WORK, single_runs, (0, 1), before=change, warm_up=True))
    single.write_text(text, encoding="utf-8")
    if mdl:
        cases.append(repeat(Case("single file, markdownlint-cli2 MD043", "markdownlint-cli2", 1), [*mdl, str(single)], WORK, single_runs, (0, 1), warm_up=True))
    if pym:
        cases.append(repeat(Case("single file, pymarkdown", "pymarkdown", 1), [*pym, "scan", str(single)], WORK, single_runs, (0, 1), warm_up=True))
    cases.append(repeat(Case("python -c 'import pydantic, jsonschema, markdown_it, yaml'", "python", 1), [sys.executable, "-c", "import pydantic, jsonschema, markdown_it, yaml"], WORK, single_runs, (0,), warm_up=True))
    clean()

    return {
        "machine": {
            "cpus": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "platform": platform.platform(), "python": sys.version.split()[0],
            "load_average_before": load_before, "load_average_after": os.getloadavg(),
            "shared": "the machine was shared with other engineers' work while measuring",
        },
        "versions": {
            "wiki-lint": _version([*wl, "--version"]),
            "markdownlint-cli2": _version(mdl[:1]) if mdl else None,
            "pymarkdown": _version([*pym, "version"]) if pym else None,
        },
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": " ".join(["python", "bench/run.py", *sys.argv[1:]]),
        "cases": [case.to_dict() for case in cases],
        "ratios": ratios(cases, args),
    }


def _find(cases: list[Case], name: str, pages: int) -> Case | None:
    return next((c for c in cases if c.name.startswith(name) and c.pages == pages), None)


def ratios(cases: list[Case], args: argparse.Namespace) -> list[dict[str, Any]]:
    """The issue's targets, each measured in this run."""
    out: list[dict[str, Any]] = []

    def add(what: str, value: float | None, target: str, met: bool | None) -> None:
        out.append({"what": what, "value": None if value is None else round(value, 3), "target": target, "met": met})

    main = 10_000 if 10_000 in args.sizes else max(args.sizes)
    cold = _find(cases, "wiki-lint cold", main)
    warm = _find(cases, "wiki-lint warm", main)
    full = _find(cases, "parse floor: markdown-it-py full", main)
    mdl = _find(cases, "markdownlint-cli2", main)
    if cold:
        add(f"cold pages/s ({main} pages)", cold.pages_per_s, ">= 1000", cold.pages_per_s >= 1000)
        add(f"cold peak RSS MB ({main} pages)", cold.peak_rss_mb, "< 150", cold.peak_rss_mb < 150)
    if cold and mdl:
        add("markdownlint-cli2 MD043 time / wiki-lint cold time", mdl.median / cold.median, ">= 5", mdl.median / cold.median >= 5)
    if cold and full:
        add("wiki-lint cold time / full-parse floor time (2 procs)", cold.median / full.median, "<= 1.2", cold.median / full.median <= 1.2)
    if cold and full:
        add("same, in CPU seconds (robust when the machine is shared)", cold.cpu / full.cpu, "<= 1.2", cold.cpu / full.cpu <= 1.2)
    if cold and mdl:
        add("markdownlint-cli2 / wiki-lint cold, in CPU seconds", mdl.cpu / cold.cpu, ">= 5", mdl.cpu / cold.cpu >= 5)
    block = _find(cases, "parse floor: markdown-it-py blocks", main)
    if cold and block:
        add("wiki-lint cold time / block-parse floor time (2 procs)", cold.median / block.median, "(information)", None)
    if cold and warm:
        add("cold time / warm time", cold.median / warm.median, ">= 20", cold.median / warm.median >= 20)
    single = _find(cases, "single file, cold process", 1)
    precommit = _find(cases, "single file, changed", 1)
    mdl_single = _find(cases, "single file, markdownlint", 1)
    for case in (single, precommit):
        if case:
            add(f"{case.name}: seconds", case.median, "<= 0.15", case.median <= 0.15)
            if mdl_single:
                add(f"markdownlint-cli2 single / {case.name}", mdl_single.median / case.median, ">= 2", mdl_single.median / case.median >= 2)
    colds = sorted((c for c in cases if c.name.startswith("wiki-lint cold")), key=lambda c: c.pages)
    if len(colds) >= 2:
        small, big = colds[0], colds[-1]
        per_page = (big.median / big.pages) / (small.median / small.pages)
        add(f"time per page, {big.pages} vs {small.pages} pages (1.0 = linear)", per_page, "<= 1.2 (linear or better)", per_page <= 1.2)
        growth = big.peak_rss_mb / small.peak_rss_mb
        add(f"peak RSS, {big.pages} vs {small.pages} pages (1.0 = flat)", growth, "<= 1.5 (flat)", growth <= 1.5)
    return out


def table(result: dict[str, Any]) -> str:
    lines = [
        "| case | pages | runs | median wall s | median CPU s | pages/s | peak RSS MB (tree) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for case in result["cases"]:
        lines.append(f"| {case['name']} | {case['pages']} | {len(case['runs'])} | {case['median_s']:.3f} | {case['median_cpu_s']:.3f} | {case['pages_per_s']:.0f} | {case['peak_rss_tree_mb']:.0f} |")
    lines += ["", "| target | measured | wanted | met |", "|---|---:|---|---|"]
    for ratio in result["ratios"]:
        met = {True: "yes", False: "**no**", None: "-"}[ratio["met"]]
        lines.append(f"| {ratio['what']} | {ratio['value']} | {ratio['target']} | {met} |")
    machine = result["machine"]
    lines += ["", f"{machine['usable_cpus']} CPUs, {machine['platform']}, Python {machine['python']}; "
              f"load average before {tuple(round(x, 2) for x in machine['load_average_before'])}, "
              f"after {tuple(round(x, 2) for x in machine['load_average_after'])}; {result['when']}; `{result['command']}`"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10_000, 50_000], help="corpus sizes, comma-separated (default 1000,10000,50000)")
    parser.add_argument("--quick", action="store_true", help="1000 pages, 3 runs each")
    parser.add_argument("--runs", type=int, default=5, help="runs of each wiki-lint and parse-floor case (default 5; 3 above 10k pages)")
    parser.add_argument("--tool-runs", type=int, default=3, help="runs of markdownlint-cli2 (default 3)")
    parser.add_argument("--floor-jobs", type=int, default=2, help="processes of the parse floor (default 2)")
    parser.add_argument("--markdownlint-sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10_000], help="sizes to run markdownlint-cli2 on (default 1000,10000)")
    parser.add_argument("--pymarkdown-sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000], help="sizes to run pymarkdown on, once each (default 1000: it is slow)")
    parser.add_argument("--skip-markdownlint", action="store_true")
    parser.add_argument("--skip-pymarkdown", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json", help="where to write the JSON (default bench/results/latest.json)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.tool_runs = [1000], 3, 1
    result = run(args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwritten to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
