"""Runs over many files hold a bounded amount: the plan is walked again rather than
kept when long, and the pool is fed a few chunks ahead of the consumer, never every
file at once.  Results stay those of a serial run, in the same order."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pages_for_runs import write_pages
from support import TODAY

import wiki_lint.batch
from wiki_lint import readers
from wiki_lint.batch import Plan, SettingsTable
from wiki_lint.check import FileResult, Settings, check_paths
from wiki_lint.config import ConfigError, ConfigResolver
from wiki_lint.sources import discover

SETTINGS = Settings(today=TODAY)


def _as_data(results: list[FileResult]) -> list[tuple[object, ...]]:
    return [(r.path, r.error, [f.to_dict() for f in r.findings], r.scores, r.lines) for r in results]


def _walk(folder: Path) -> Callable[[], Iterator[tuple[str, Settings]]]:
    return lambda: ((path, SETTINGS) for path in discover([str(folder)], readers.extensions()))


def test_a_long_plan_is_walked_again_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wiki_lint.batch, "KEEP_PLANNED", 10)
    pages = write_pages(tmp_path, 25)
    plan = Plan(_walk(tmp_path))
    assert not plan.kept
    assert len(plan) == 25
    assert sorted(path for path, _ in plan) == sorted(str(p) for p in pages)
    assert list(plan) == list(plan)  # the same files in the same order each walk


def test_a_short_plan_or_one_asked_to_keep_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wiki_lint.batch, "KEEP_PLANNED", 10)
    write_pages(tmp_path / "few", 10)
    write_pages(tmp_path / "many", 25)
    assert Plan(_walk(tmp_path / "few")).kept
    assert Plan(_walk(tmp_path / "many"), keep=True).kept


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_plan_walked_again_gives_the_results_of_a_kept_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    write_pages(tmp_path, wiki_lint.batch.SERIAL_BELOW * 2)
    kept = _as_data(list(check_paths([str(tmp_path)], SETTINGS, jobs=1)))
    monkeypatch.setattr(wiki_lint.batch, "KEEP_PLANNED", 5)
    assert _as_data(list(check_paths([str(tmp_path)], SETTINGS, jobs=jobs))) == kept


def test_a_broken_configuration_deep_in_a_long_plan_stops_the_run_before_any_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wiki_lint.batch, "KEEP_PLANNED", 5)
    write_pages(tmp_path / "a", 40)
    write_pages(tmp_path / "z", 3)
    (tmp_path / "z" / ".wiki-lint.toml").write_text("selct = []\n", encoding="utf-8")
    results = check_paths([str(tmp_path)], SETTINGS, ConfigResolver(SETTINGS), jobs=2)
    with pytest.raises(ConfigError, match="selct"):
        next(results)


def test_files_under_one_configuration_share_one_settings(tmp_path: Path) -> None:
    write_pages(tmp_path, 12)
    (tmp_path / ".wiki-lint.toml").write_text('lang = "en"\n[per-file-ignores]\n"part-1/*" = ["WL601"]\n', encoding="utf-8")
    resolver = ConfigResolver(SETTINGS)
    plan = Plan(lambda: resolver.plan([str(tmp_path)], readers.extensions()))
    objects = [settings for _, settings in plan]
    assert len(objects) == 12 and len({id(s) for s in objects}) == 1  # derived once, not per file
    assert len(plan.settings) == 1
    assert plan.settings[0].lang == "en"


def test_a_schemas_table_gives_each_schema_its_own_settings(tmp_path: Path) -> None:
    write_pages(tmp_path, 12)
    (tmp_path / ".wiki-lint.toml").write_text('[schemas]\n"part-1/*" = "drug"\n', encoding="utf-8")
    resolver = ConfigResolver(SETTINGS)
    by_file = {path: settings for path, settings in Plan(lambda: resolver.plan([str(tmp_path)], readers.extensions()))}
    schemas = {Path(path).parent.name: settings.schema for path, settings in by_file.items()}
    assert schemas["part-1"] == "drug"
    assert all(schema is None for folder, schema in schemas.items() if folder != "part-1")
    assert len({id(s) for s in by_file.values()}) == 2


def test_a_settings_table_numbers_in_order_of_first_use() -> None:
    one, two = Settings(lang="en"), Settings(lang="de")
    table = SettingsTable([one, two, Settings(lang="en")])
    assert table.table == [one, two]
    assert table.number(Settings(lang="de")) == 1
    assert table.number(Settings(lang="fr"), add=False) is None
    assert table.number(Settings(lang="fr")) == 2


def test_the_pool_is_fed_a_few_chunks_ahead_of_the_consumer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Submission is bounded: after each result handed on, the files submitted and not
    yet handed on are at most the chunks allowed ahead (plus the one being cut)."""
    total = wiki_lint.batch.SERIAL_BELOW * 4
    write_pages(tmp_path, total)
    serial = _as_data(list(check_paths([str(tmp_path)], SETTINGS, jobs=1)))
    monkeypatch.setattr(wiki_lint.batch, "MAX_CHUNK", 2)
    submitted: list[int] = []
    submit = wiki_lint.batch._submit

    def counting(executor, tasks):  # type: ignore[no-untyped-def]
        submitted.append(len(tasks))
        return submit(executor, tasks)

    monkeypatch.setattr(wiki_lint.batch, "_submit", counting)
    jobs = 2
    bound = (wiki_lint.batch.AHEAD_PER_WORKER * jobs + 1) * 2
    results = []
    most_ahead = 0
    for result in check_paths([str(tmp_path)], SETTINGS, jobs=jobs):
        results.append(result)
        most_ahead = max(most_ahead, sum(submitted) - len(results))
    assert _as_data(results) == serial
    assert sum(submitted) == total and max(submitted) == 2
    assert 0 < most_ahead <= bound < total


def test_standard_input_among_many_files_is_checked_in_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = write_pages(tmp_path, wiki_lint.batch.SERIAL_BELOW * 2)
    text = pages[5].read_text(encoding="utf-8")
    paths = [str(p) for p in pages[:20]] + ["-"] + [str(p) for p in pages[20:]]
    settings = Settings(today=TODAY, stdin_filename="in.md")
    outcomes = []
    for jobs in (1, 2):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
        outcomes.append(_as_data(list(check_paths(paths, settings, jobs=jobs))))
    assert outcomes[0] == outcomes[1]
    assert [row[0] for row in outcomes[0]][20] == "in.md"
