"""The result cache: warm runs equal cold runs, and no change is ever served stale."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pages_for_runs import write_pages
from support import COMPLETE_MD, TODAY, run_cli, wiki_lint_command

import wiki_lint.cache
from wiki_lint.cache import CACHE_DIR, Cache, clean, project_root, settings_fingerprint
from wiki_lint.check import Settings, check_paths
from wiki_lint.schema import builtin_dir

SETTINGS = Settings(today=TODAY)



def _run(root: Path, paths: list[Path] | None = None, settings: Settings = SETTINGS, cache: bool = True) -> list[tuple[object, ...]]:
    targets = [str(p) for p in paths] if paths else [str(root / "pages")]
    results = check_paths(targets, settings, jobs=1, cache_root=root if cache else None)
    return [(r.path, r.error, [f.to_dict() for f in r.findings], r.scores, r.lines) for r in results]


def _age(path: Path, seconds: int = 60) -> None:
    """Make ``path`` look written ``seconds`` ago, so its stat signature is trusted."""
    when = path.stat().st_mtime_ns - seconds * 1_000_000_000
    os.utime(path, ns=(when, when))


def _pages(root: Path, count: int = 12) -> list[Path]:
    pages = write_pages(root / "pages", count)
    for page in pages:
        _age(page)
    return pages


def test_warm_run_equals_cold_run_and_checks_nothing(tmp_path: Path, checks: list[str]) -> None:
    _pages(tmp_path)
    uncached = _run(tmp_path, cache=False)
    checks.clear()
    cold = _run(tmp_path)
    assert cold == uncached
    assert len(checks) == 12
    checks.clear()
    warm = _run(tmp_path)
    assert warm == cold
    unreadable = [r for r in warm if r[1]]
    assert checks == [Path(str(r[0])).name for r in unreadable]  # errors are never cached
    assert (tmp_path / CACHE_DIR / "CACHEDIR.TAG").is_file()


def test_a_changed_file_misses_the_cache(tmp_path: Path, checks: list[str]) -> None:
    pages = _pages(tmp_path, 3)
    _run(tmp_path)
    page = next(p for p in pages if p.name.endswith("complete.md"))
    before = page.stat()
    changed = page.read_bytes().replace(b"## Function", b"## Biologyy")  # same length
    assert len(changed) == before.st_size
    page.write_bytes(changed)
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size and mtime
    checks.clear()
    results = {Path(str(r[0])).name: r for r in _run(tmp_path)}
    assert page.name in checks
    names = [f["name"] for f in results[page.name][2]]  # type: ignore[union-attr]
    assert "missing-part" in names
    assert _run(tmp_path) == _run(tmp_path, cache=False)


def test_a_file_changed_just_after_it_was_checked_is_hashed_again(tmp_path: Path, checks: list[str]) -> None:
    page = tmp_path / "pages" / "fresh.md"
    page.parent.mkdir()
    page.write_text(COMPLETE_MD, encoding="utf-8")  # written now: its mtime is not trusted
    _run(tmp_path)
    page.write_text(COMPLETE_MD.replace("## Function", "## Biology!!"), encoding="utf-8")
    checks.clear()
    assert _run(tmp_path) == _run(tmp_path, cache=False)
    assert checks == ["fresh.md"]


def test_a_changed_schema_or_referenced_schema_misses_the_cache(tmp_path: Path, checks: list[str]) -> None:
    pages = _pages(tmp_path, 3)
    base = tmp_path / "base.schema.json"
    shutil.copy(builtin_dir() / "medical-entry.schema.json", base)
    child = tmp_path / "child.schema.json"
    child.write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Child",
        "allOf": [{"$ref": "base.schema.json"}],
    }), encoding="utf-8")
    settings = Settings(today=TODAY, schema=str(child))
    first = _run(tmp_path, pages, settings)
    assert any("missing-part" in json.dumps(r[2]) for r in first)
    checks.clear()
    assert _run(tmp_path, pages, settings) == first
    assert not [c for c in checks if c.endswith(("complete.md", "function.md", "disclaimer.md"))]

    document = json.loads(base.read_text(encoding="utf-8"))
    document["required"] = ["definition"]  # only the referenced file changes
    base.write_text(json.dumps(document), encoding="utf-8")
    checks.clear()
    changed = _run(tmp_path, pages, settings)
    assert len(checks) == 3
    assert changed == _run(tmp_path, pages, settings, cache=False)
    assert not any("missing-part" in json.dumps(r[2]) for r in changed)


@pytest.mark.parametrize(
    "changed",
    [
        Settings(today=TODAY, lang="de"),
        Settings(today=date(2031, 1, 1)),
        Settings(today=TODAY, rule_options={"empty-section": {"min": 3}}),
        Settings(today=TODAY, input_format="markdown"),
    ],
)
def test_a_changed_setting_misses_the_cache(tmp_path: Path, checks: list[str], changed: Settings) -> None:
    _pages(tmp_path, 4)
    _run(tmp_path)
    checks.clear()
    _run(tmp_path, settings=changed)
    assert len(checks) == 4
    assert Cache(tmp_path, changed).key != Cache(tmp_path, SETTINGS).key


def test_the_key_covers_every_settings_field_even_new_ones() -> None:
    @dataclasses.dataclass(frozen=True)
    class MoreSettings(Settings):
        max_findings: int = 0

    assert settings_fingerprint(MoreSettings(max_findings=1)) != settings_fingerprint(MoreSettings(max_findings=2))
    for field in dataclasses.fields(Settings):
        assert f'"{field.name}"' in settings_fingerprint(SETTINGS)


def test_the_fingerprint_does_not_depend_on_option_order() -> None:
    one = Settings(rule_options={"a": {"x": 1, "y": 2}, "b": {}})
    two = Settings(rule_options={"b": {}, "a": {"y": 2, "x": 1}})
    assert settings_fingerprint(one) == settings_fingerprint(two)


def test_no_today_means_the_current_date_is_in_the_key() -> None:
    assert date.today().isoformat() in settings_fingerprint(Settings())


def test_a_changed_version_misses_the_cache(tmp_path: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _pages(tmp_path, 4)
    _run(tmp_path)
    monkeypatch.setattr(wiki_lint.cache, "__version__", "99.0.0")
    checks.clear()
    _run(tmp_path)
    assert len(checks) == 4


def test_edited_wiki_lint_code_misses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = wiki_lint.cache.code_fingerprint()
    module = Path(wiki_lint.cache.__file__)
    stat = module.stat()
    try:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert wiki_lint.cache.code_fingerprint() != before
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _database(root: Path) -> Path:
    return root / CACHE_DIR / wiki_lint.cache.DATABASE


def test_damaged_rows_are_ignored_and_rewritten(tmp_path: Path, checks: list[str]) -> None:
    _pages(tmp_path, 12)
    cold = _run(tmp_path)
    with sqlite3.connect(_database(tmp_path)) as db:
        paths = [row[0] for row in db.execute("SELECT path FROM results ORDER BY path")]
        assert len(paths) == 10  # every page but the two unreadable ones
        damage = ["not json", '[["x"], {}]', '"findings?"', "[[[1, 2]], {}]", '[[], {"lines": [3, [[1, 5]]]}]', '[[], {"unknown": 1}]']
        for path, entry in zip(paths, damage):
            db.execute("UPDATE results SET entry = ? WHERE path = ?", (entry, path))
        db.execute("UPDATE results SET digest = 7 WHERE path = ?", (paths[-1],))
    (tmp_path / CACHE_DIR / "schemas").joinpath("garbage.json").write_text("\x00", encoding="utf-8")
    checks.clear()
    assert _run(tmp_path) == cold
    assert len(checks) == len(damage) + 1 + 2
    checks.clear()
    assert _run(tmp_path) == cold
    assert all(name.endswith(("binary.md", "latin1.md")) for name in checks)


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000], ids=["empty", "text", "bad-pages"])
def test_a_damaged_database_is_a_miss_and_is_replaced(tmp_path: Path, checks: list[str], garbage: bytes) -> None:
    _pages(tmp_path, 12)
    cold = _run(tmp_path)
    _database(tmp_path).write_bytes(garbage)
    checks.clear()
    assert _run(tmp_path) == cold
    assert len(checks) == 12
    checks.clear()
    assert _run(tmp_path) == cold
    assert all(name.endswith(("binary.md", "latin1.md")) for name in checks)


def test_a_forked_child_never_uses_its_parents_connection(tmp_path: Path) -> None:
    _pages(tmp_path, 3)
    _run(tmp_path)
    caches = wiki_lint.cache.Caches(tmp_path)
    cache = caches.for_settings(SETTINGS)
    page = str(next((tmp_path / "pages").rglob("000-complete.md")))
    assert cache.lookup(page) is not None
    parent = caches.db._connection
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a fresh connection of its own, the parent's left alone
        ok = cache.lookup(page) is not None and caches.db._connection is not parent
        ok = ok and any(kept is parent for kept in wiki_lint.cache._INHERITED)  # kept open, never closed here
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    assert caches.db._connection is parent and cache.lookup(page) is not None


def test_old_run_keys_are_deleted_a_little_at_each_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pages(tmp_path, 12)
    _run(tmp_path)
    with sqlite3.connect(_database(tmp_path)) as db:
        db.execute("UPDATE runs SET written = written - ?", (wiki_lint.cache.KEEP_RUNS_DAYS * 86400 + 60,))
        (old,) = db.execute("SELECT run FROM runs").fetchone()
        before = db.execute("SELECT count(*) FROM results WHERE run = ?", (old,)).fetchone()[0]
    monkeypatch.setattr(wiki_lint.cache, "PRUNE_ROWS", 4)
    page = next((tmp_path / "pages").rglob("000-complete.md"))
    for lang in ("de", "fr", "it", "es", "nl", "pt", "sv"):  # each run writes, so each prunes a little
        page.write_bytes(page.read_bytes() + b"\nMore.\n")
        _run(tmp_path, [page], settings=dataclasses.replace(SETTINGS, lang=lang))
        with sqlite3.connect(_database(tmp_path)) as db:
            left = db.execute("SELECT count(*) FROM results WHERE run = ?", (old,)).fetchone()[0]
            left += db.execute("SELECT count(*) FROM renders WHERE run = ?", (old,)).fetchone()[0]
            runs = {row[0] for row in db.execute("SELECT run FROM runs")}
        assert left < before
        if left:
            assert old in runs
    assert left == 0 and old not in runs


def test_concurrent_runs_do_not_corrupt_the_cache(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _pages(tmp_path, 90)
    expected = run_cli("check", "--no-cache", "--jobs", "1", "pages", cwd=tmp_path).stdout
    runs = [
        subprocess.Popen([*wiki_lint_command(), "check", "--jobs", jobs, "pages"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for jobs in ("1", "2", "1", "2")
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert outputs == [expected] * 4
    for shard in (tmp_path / CACHE_DIR).rglob("*.json"):
        json.loads(shard.read_text(encoding="utf-8"))
    with sqlite3.connect(_database(tmp_path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not list((tmp_path / CACHE_DIR).rglob("*.tmp"))
    assert run_cli("check", "pages", cwd=tmp_path).stdout == expected


def test_no_cache_writes_nothing_and_clean_removes_the_cache(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'wiki'\n", encoding="utf-8")
    _pages(tmp_path, 3)
    (tmp_path / "pages" / "sub").mkdir()
    run_cli("check", "--no-cache", "pages", cwd=tmp_path)
    assert not (tmp_path / CACHE_DIR).exists()
    run_cli("check", "../pages", cwd=tmp_path / "pages" / "sub")  # the cache goes to the project root
    assert (tmp_path / CACHE_DIR).is_dir()
    assert not (tmp_path / "pages" / "sub" / CACHE_DIR).exists()
    done = run_cli("clean", cwd=tmp_path / "pages")
    assert done.returncode == 0
    assert not (tmp_path / CACHE_DIR).exists()
    assert run_cli("clean", cwd=tmp_path).returncode == 0


def test_project_root_is_the_nearest_marked_folder(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "a" / ".wiki-lint.toml").write_text("", encoding="utf-8")
    assert project_root(deep) == (tmp_path / "a").resolve()
    (deep / ".git").mkdir()
    assert project_root(deep) == deep.resolve()
    assert clean(deep) is None


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    _pages(tmp_path, 3)
    (tmp_path / CACHE_DIR).write_text("a file where the cache folder should be", encoding="utf-8")
    assert _run(tmp_path) == _run(tmp_path, cache=False)


def test_a_changed_configuration_misses_the_cache_and_serves_its_own_results(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _pages(tmp_path, 40)
    (tmp_path / "pages" / "part-1" / ".wiki-lint.toml").write_text('ignore = ["edit-marker"]\n', encoding="utf-8")

    def report(*args: str) -> str:
        return run_cli("check", *args, "pages", cwd=tmp_path).stdout

    uncached = report("--no-cache", "--jobs", "1")
    assert report() == uncached  # cold, filling the cache (per-folder settings)
    assert report("--jobs", "1") == uncached  # warm
    (tmp_path / "pages" / "part-1" / ".wiki-lint.toml").write_text('ignore = ["site-chrome"]\n', encoding="utf-8")
    changed = report("--no-cache", "--jobs", "1")
    assert changed != uncached
    assert report("--no-cache", "--jobs", "2") == changed  # a pool with two settings
    assert report() == changed
    assert report("--jobs", "2") == changed


def test_a_changed_built_in_entry_type_schema_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import wiki_lint.schema

    copy = tmp_path / "schemas"
    shutil.copytree(builtin_dir(), copy)
    monkeypatch.setattr(wiki_lint.schema, "builtin_dir", lambda: copy)
    before = Cache(tmp_path, SETTINGS).key
    others = [p for p in sorted(copy.glob("*.schema.json")) if p.name != "medical-entry.schema.json" and "meta" not in p.name]
    target = others[0] if others else copy / "medical-entry.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace('"title"', '"title" ', 1), encoding="utf-8")
    assert Cache(tmp_path, SETTINGS).key != before


def test_compiled_field_decoders_rebuild_what_the_generic_decoder_rebuilds() -> None:
    """The warm path's per-field decoders (cache._decoder_for) give _decode's values and
    refuse what _decode refuses, for every finding field, with fixes and without."""
    from support import ROOT, lint

    from wiki_lint import cache

    pages = sorted((ROOT / "tests" / "pages").glob("*.md"))
    findings = [f for path in pages for f in lint(path.read_text(encoding="utf-8", errors="replace"))]
    assert any(f.fix is not None for f in findings) and any(f.fix is None for f in findings)
    for finding in findings:
        for name, kind in cache._finding_fields():
            data = cache._encode(getattr(finding, name))
            assert cache._decoder_for(kind)(data) == cache._decode(kind, data) == getattr(finding, name)
    for name, kind in cache._finding_fields():
        for bad in ([1, 2], {"x": 1}, 1.5, "not-a-severity"):
            try:
                expected: object = cache._decode(kind, bad)
            except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
                expected = type(error)
            try:
                got: object = cache._decoder_for(kind)(bad)
            except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
                got = type(error)
            assert (got is expected) or got == expected, (name, bad, got, expected)
