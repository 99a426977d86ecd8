"""The parse floor: only parse every page with markdown-it-py, in N processes.

This is the least any Markdown checker built on markdown-it-py must spend: read each
file and parse it, nothing else.  ``--mode full`` is markdown-it-py's default CommonMark
parse (blocks and inline, what "merely parsing every page" means);  ``--mode block`` is
the block-level parse only (inline disabled), the parser configuration wiki-lint uses.

Usage::

    python bench/parse_floor.py --jobs 2 --mode full bench/corpus/10000
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Iterator

_parser = None


def _init(mode: str) -> None:
    global _parser
    from markdown_it import MarkdownIt

    _parser = MarkdownIt("commonmark")
    if mode == "block":
        _parser.disable("inline")


def _parse(path: str) -> int:
    assert _parser is not None
    with open(path, encoding="utf-8") as handle:
        return len(_parser.parse(handle.read()))


def files(roots: list[str]) -> Iterator[str]:
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(".md"):
                    yield os.path.join(folder, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--mode", choices=("full", "block"), default="full")
    args = parser.parse_args(argv)
    paths = list(files(args.roots))
    if args.jobs <= 1:
        _init(args.mode)
        tokens = sum(_parse(p) for p in paths)
    else:
        chunk = max(1, min(64, len(paths) // (args.jobs * 8)))
        with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_init, initargs=(args.mode,)) as pool:
            tokens = sum(pool.imap(_parse, paths, chunksize=chunk))
    print(f"{len(paths)} files, {tokens} tokens", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
