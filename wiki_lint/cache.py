"""The result cache: re-check only what changed (ruff-style ``.wiki-lint-cache/``).

The cache lives in ``.wiki-lint-cache/`` under the project root: the nearest folder,
from the current one upwards, that holds ``pyproject.toml``, ``.wiki-lint.toml`` or
``.git`` (else the current folder).  ``wiki-lint clean`` removes it; ``--no-cache``
neither reads nor writes it.

What a cached result depends on is split in two:

* the **run key**: the wiki-lint version and a fingerprint of its code and of the
  parsing/validation libraries, the content of the schema and of every file it
  ``$ref``s, and every field of the effective :class:`~wiki_lint.check.Settings`
  (whatever fields it gains: they are read with :func:`dataclasses.fields`), with
  ``today`` resolved to the date.  Rows are stored under their run key, so changing
  any of these never serves an old result (and the first run of a day re-checks
  every file: rules such as ``stale-page`` depend on the date);
* the **file**: its path and the SHA-256 of its bytes.  A file whose size, mtime,
  ctime and inode are unchanged since it was hashed is not read again (as git does);
  a file modified less than two seconds before it was hashed is always re-hashed, so a
  change within the file system's timestamp resolution cannot hide.

Results live in one SQLite database, ``cache-v2.sqlite3`` (see :class:`Store`): a
lookup is one indexed query, so a one-file run reads one row, and memory stays flat
however large the project.  Beside each result, the report text of formats whose output
per file depends only on the result (``text``, ``concise``, ``json``, ``json-lines``,
``github``) is kept under a *render key* (the format and the working folder): a warm run
of such a format streams that text and neither rebuilds findings nor renders them (see
:mod:`wiki_lint.rendered`).  Concurrent runs are safe (WAL, whole-batch transactions,
the last writer wins per file); a damaged database or row is a miss, never a crash.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wiki_lint import __version__

if TYPE_CHECKING:
    from wiki_lint.check import FileResult, Settings

CACHE_DIR = ".wiki-lint-cache"
ROOT_MARKERS = ("pyproject.toml", ".wiki-lint.toml", ".git")
FORMAT = 2  # bump when the layout of entries changes (1: JSON shards)
RACY_NS = 2_000_000_000  # files this close to their hashing time are always re-hashed
_DEPENDENCIES = ("markdown_it", "mdit_py_plugins", "yaml", "jsonschema", "referencing", "ftfy", "lingua", "pathspec")

# A file's stat signature: size, mtime_ns, ctime_ns, inode.
Signature = tuple[int, int, int, int]


def project_root(start: Path | None = None) -> Path:
    """The nearest folder from ``start`` (default: the current one) upwards holding a
    project marker; ``start`` itself when none does."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return here


def clean(root: Path | None = None) -> Path | None:
    """Remove the cache under ``root`` (default: the project root); the folder removed,
    or None if there was none."""
    import shutil

    folder = (root or project_root()) / CACHE_DIR
    if not folder.is_dir():
        return None
    shutil.rmtree(folder)
    return folder


def digest(data: bytes) -> str:
    """SHA-256 in hex (without importing hashlib, which loads OpenSSL: see
    :func:`wiki_lint.schema.sha256_hex`)."""
    from wiki_lint.schema import sha256_hex

    return sha256_hex(data)


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def trusted_signature(stat: os.stat_result, hashed_at_ns: int) -> Signature | None:
    """The signature to remember for a file hashed at ``hashed_at_ns``, or None when
    the file changed so recently that a later change could keep the same mtime."""
    newest = max(stat.st_mtime_ns, stat.st_ctime_ns)
    return signature(stat) if hashed_at_ns - newest > RACY_NS else None


def settings_fingerprint(settings: Settings) -> str:
    """Every field of ``settings`` as stable JSON (``today`` resolved to a date)."""
    values = {f.name: _stable(getattr(settings, f.name)) for f in dataclasses.fields(settings)}
    if values.get("today") is None and "today" in values:
        values["today"] = date.today().isoformat()
    return json.dumps(values, sort_keys=True, ensure_ascii=True)


def _stable(value: Any) -> Any:
    """A JSON-able, order-independent form of a settings value (objects that describe
    themselves with ``to_data()`` as that data)."""
    to_data = getattr(value, "to_data", None)
    if callable(to_data) and not isinstance(value, type):
        return _stable(to_data())
    if isinstance(value, Enum):
        return _stable(value.value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((_stable(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _stable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return repr(value)


def code_fingerprint() -> str:
    """wiki-lint's version, Python's, and the size and mtime of every module of
    wiki-lint and of the libraries that decide its results (edited code, or an upgraded
    library, is a different checker)."""
    import importlib.util

    package = Path(__file__).resolve().parent
    parts: list[str] = [__version__, sys.version, str(FORMAT)]
    from wiki_lint.schema import META_SCHEMA, builtin_dir

    for path in _python_files(str(package)) + [str(builtin_dir() / META_SCHEMA)]:
        stat = os.stat(path)
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    for name in _DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        if origin:
            stat = os.stat(origin)
            parts.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest("\n".join(parts).encode())


def _python_files(folder: str) -> list[str]:
    """Every ``*.py`` file under ``folder``, sorted (``os.scandir``: a one-page run
    pays for this, and pathlib's ``rglob`` costs several times more)."""
    found: list[str] = []
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif entry.name.endswith(".py"):
                    found.append(entry.path)
    return sorted(found, key=lambda path: path.split(os.sep))


def builtin_schemas_digest() -> str:
    """The content of every built-in schema: a page's own entry type (front matter
    ``type``, or detection) may choose any of them, whatever the settings say."""
    from wiki_lint.schema import builtin_dir

    parts = []
    for path in sorted(builtin_dir().glob("*.json")):
        try:
            parts.append(f"{path.name}:{digest(path.read_bytes())}")
        except OSError:
            parts.append(f"{path.name}:unreadable")
    return digest("\n".join(parts).encode())


class _Changed:
    """The type of :data:`CHANGED`."""


CHANGED = _Changed()  # a file whose content is not the one a cached row is for


class Caches:
    """The caches of one run: one :class:`Cache` per distinct effective settings (files
    under different configurations are checked with different settings), all sharing
    one :class:`Store`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.code = code_fingerprint()
        self.db = Store(root / CACHE_DIR)
        self._by_fingerprint: dict[str, Cache] = {}
        self._by_id: dict[int, tuple[Settings, Cache]] = {}

    def for_settings(self, settings: Settings) -> Cache:
        """The cache for ``settings`` (its run key computed, and the schema loaded and
        checked when needed, on first use)."""
        known = self._by_id.get(id(settings))
        if known is not None and known[0] is settings:
            return known[1]
        fingerprint = settings_fingerprint(settings)
        cache = self._by_fingerprint.get(fingerprint)
        if cache is None:
            cache = Cache(self.root, settings, self.code, self.db)
            cache.key  # noqa: B018 -- a broken schema raises here, before any file
            self._by_fingerprint[fingerprint] = cache
        self._by_id[id(settings)] = (settings, cache)
        return cache

    def save(self) -> None:
        """Write what this run learnt and close the database (it reopens if needed)."""
        self.db.flush()
        self.db.close()


class Cache:
    """Cached results for one run key, under one project root."""

    def __init__(self, root: Path, settings: Settings, code: str | None = None, store: Store | None = None) -> None:
        self.folder = root / CACHE_DIR
        self.settings = settings
        self.code = code or code_fingerprint()
        self.db = store or Store(self.folder)
        self._key: str | None = None
        self.track_renderings = False  # set when this run stores renderings (wiki_lint.rendered)
        self._known: dict[str, tuple[str, str | None]] = {}  # path -> (digest, signature) of results seen, when tracking

    # -- the run key ---------------------------------------------------------------

    @property
    def key(self) -> str:
        if self._key is None:
            schema = self.schema_digest()
            builtin = builtin_schemas_digest()
            self._key = digest(f"{self.code}\n{schema}\n{builtin}\n{settings_fingerprint(self.settings)}".encode())[:32]
        return self._key

    def schema_digest(self) -> str:
        """The digest of the schema and every file it references.

        A manifest of those files (path -> sha256) from an earlier run is trusted when
        every file still has that content, so a warm run never loads or meta-checks the
        schema; otherwise the schema is loaded (and checked) and the manifest written.
        """
        from wiki_lint.schema import META_CHECKED, resolve_schema_path

        main = resolve_schema_path(self.settings.schema).resolve()
        store = self.folder / "schemas" / f"{self.code[:32]}.json"
        known = _read_json(store)
        if not isinstance(known, dict):
            known = {}
        valid = known.get("meta_checked")
        if isinstance(valid, list):
            META_CHECKED.update(v for v in valid if isinstance(v, str))
        manifest = known.get("manifests", {}).get(str(main)) if isinstance(known.get("manifests"), dict) else None
        from wiki_lint.schema import load_schema

        if isinstance(manifest, dict) and manifest and _manifest_holds(manifest):
            if load_schema.cache_info().currsize and load_schema(self.settings.schema).files != manifest:
                load_schema.cache_clear()  # this process holds an older version of the schema
            return digest(json.dumps(sorted(manifest.items())).encode())

        schema = load_schema(self.settings.schema)
        if not _manifest_holds(schema.files):  # loaded earlier in this process, changed since
            load_schema.cache_clear()
            schema = load_schema(self.settings.schema)
        manifests = known.get("manifests")
        if not isinstance(manifests, dict):
            manifests = {}
        manifests[str(main)] = dict(schema.files)
        _write_json(store, {"meta_checked": sorted(META_CHECKED), "manifests": manifests})
        return schema.digest

    # -- results -------------------------------------------------------------------

    def lookup(self, path: str) -> FileResult | None:
        """The cached result for ``path`` if its content is unchanged, else None."""
        row = self.db.result(self.key, path)
        if row is None:
            return None
        stored_digest, stored_sig, entry = row
        current = self._current(path, stored_digest, stored_sig)
        if isinstance(current, _Changed):
            return None
        result = _result_from_entry(path, entry)
        if result is not None:
            if current != stored_sig:
                self.db.put_result_signature(self.key, path, stored_digest, current)
            if self.track_renderings:
                self._known[path] = (stored_digest, current)
        return result

    def store(self, result: FileResult, content_digest: str, sig: Signature | None) -> None:
        """Remember ``result`` for the file content with ``content_digest``."""
        if result.error is not None:
            return  # re-check unreadable files every time: their cause is often outside the file
        entry = _entry_from_result(result)
        if entry is None:
            return
        sig_text = _signature_text(sig)
        self.db.put_result(self.key, result.path, content_digest, sig_text, entry)
        if self.track_renderings:
            self._known[result.path] = (content_digest, sig_text)

    def save(self) -> None:
        """Write what this run learnt (results, renderings, refreshed signatures)."""
        self.db.flush()
        self.db.close()

    # -- rendered reports ----------------------------------------------------------

    def rendered_candidates(self, render: str, paths: list[str]) -> dict[str, tuple[str, str | None]]:
        """``path -> (digest, signature)`` of the renderings stored for ``paths``."""
        return self.db.render_meta(self.key, render, paths)

    def rendered_rows(self, render: str, paths: list[str], stats: bool = False) -> dict[str, tuple[str, str | None, str, str, str | None]]:
        """``path -> (digest, signature, counts, text, statistics)`` of the renderings
        stored for ``paths`` (statistics None unless asked for; unchecked: see
        :meth:`rendering_holds`)."""
        return self.db.render_rows(self.key, render, paths, stats)

    def rendering_holds(self, path: str, render: str, stored: tuple[str, str | None]) -> bool:
        """Whether the rendering stored for ``path`` (its digest and signature) is that
        of the file's current content (a changed signature re-hashes the file)."""
        current = self._current(path, *stored)
        if isinstance(current, _Changed):
            return False
        if current != stored[1]:
            self.db.put_render_signature(self.key, render, path, stored[0], current)
        return True

    def rendered(self, render: str, wanted: Mapping[str, str], stats: bool = False) -> dict[str, tuple[str, str, str | None]]:
        """``path -> (counts, text, statistics)`` of the renderings of ``wanted`` (path ->
        digest) still stored with that digest (statistics None unless asked for)."""
        return self.db.render_bodies(self.key, render, wanted, stats)

    def remember_rendering(self, path: str, render: str, counts: str, text: str, stats: str) -> None:
        """Store the report text of the result this run stored or found for ``path``."""
        known = self._known.pop(path, None)
        if known is not None:
            self.db.put_render(self.key, render, path, known[0], known[1], counts, text, stats)

    def _current(self, path: str, stored_digest: str, stored_sig: str | None) -> str | None | _Changed:
        """The file's signature to remember (None: too recent to trust) when its content
        is the one stored (unchanged signature, or re-hashed to the same digest), else
        :data:`CHANGED`."""
        try:
            stat = os.stat(path)
        except OSError:
            return CHANGED
        sig = _signature_text(signature(stat))
        if stored_sig is not None and sig == stored_sig:
            return sig
        hashed_at = time.time_ns()
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return CHANGED
        if digest(data) != stored_digest:
            return CHANGED
        return _signature_text(trusted_signature(stat, hashed_at))


class Store:
    """The cache database (``cache-vN.sqlite3``): results and rendered reports, keyed
    by run key and path, with the content digest and stat signature they are valid for.

    SQLite in WAL mode: readers never wait for a writer, writers wait for each other
    (``busy_timeout``) and commit whole batches, so concurrent runs never see half a
    write.  A database that is not one, or is damaged, is replaced; one that cannot be
    opened or written (read-only folder, lock held too long) only makes the run uncached.
    Writes are buffered and committed every :data:`BATCH` rows and at :meth:`flush`, so
    memory stays flat however many files a run checks.  A forked child process never
    touches its parent's connection.
    """

    BATCH = 512

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DATABASE
        self._connection: Any = None
        self._pid = 0
        self._broken = False
        self._results: list[tuple[Any, ...]] = []
        self._renders: list[tuple[Any, ...]] = []
        self._result_sigs: list[tuple[Any, ...]] = []
        self._render_sigs: list[tuple[Any, ...]] = []
        self._runs: set[str] = set()

    # -- connection ----------------------------------------------------------------

    def _db(self, create: bool = False) -> Any:
        """The connection (None when the cache cannot be used); without ``create``, a
        missing database is not made (a run that only reads finds nothing)."""
        if self._pid != os.getpid():  # a fork: the parent's connection is not ours to use, nor to close
            if self._connection is not None:
                _INHERITED.append(self._connection)  # closing it here could undo the parent's locks and log
            self._connection, self._pid, self._broken = None, os.getpid(), False
        if self._connection is not None or self._broken:
            return self._connection
        if not create and not self.path.exists():
            return None
        import sqlite3

        for attempt in range(2):
            try:
                if create:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    _mark_cache_dir(self.path)
                    _remove_old_layout(self.folder)
                connection = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
                try:
                    _set_up(connection)
                except BaseException:
                    connection.close()
                    raise
                self._connection = connection
                return connection
            except sqlite3.DatabaseError as exc:
                if attempt or not _is_corrupt(exc) or not self._discard():
                    break
            except OSError:
                break
        self._broken = True
        return None

    def close(self) -> None:
        """Close the connection (SQLite then folds the write-ahead log into the
        database); a forked child leaves its parent's connection alone."""
        connection, self._connection = self._connection, None
        if connection is not None and self._pid == os.getpid():
            try:
                connection.close()
            except Exception:  # noqa: BLE001 -- a cache that cannot be closed cleanly is only a cache
                pass

    def _discard(self) -> bool:
        """Remove a database that is not one (it is recreated); False if it cannot be."""
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError:
            return False
        return True

    def _query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        import sqlite3

        if any(isinstance(param, str) and not _storable(param) for param in params):
            return []
        connection = self._db()
        if connection is None:
            return []
        try:
            return list(connection.execute(sql, params))
        except sqlite3.DatabaseError as exc:
            self._give_up(exc)
            return []

    def _give_up(self, exc: Exception) -> None:
        """A query failed: a damaged database is discarded (the next run recreates it);
        any other failure leaves this run uncached."""
        connection, self._connection, self._broken = self._connection, None, True
        if connection is not None:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 -- closing a broken connection may fail too
                pass
        if _is_corrupt(exc):
            self._discard()

    # -- reading -------------------------------------------------------------------

    def result(self, run: str, path: str) -> tuple[str, str | None, Any] | None:
        """``(digest, signature, entry)`` stored for ``path`` (None when there is none
        or it is malformed)."""
        rows = self._query("SELECT digest, sig, entry FROM results WHERE run = ? AND path = ?", (run, path))
        if not rows:
            return None
        stored_digest, sig, text = rows[0]
        if not isinstance(stored_digest, str) or not (sig is None or isinstance(sig, str)) or not isinstance(text, str):
            return None
        try:
            entry = json.loads(text)
        except ValueError:
            return None
        return stored_digest, sig, entry

    def render_meta(self, run: str, render: str, paths: list[str]) -> dict[str, tuple[str, str | None]]:
        found: dict[str, tuple[str, str | None]] = {}
        for chunk in _chunks(paths):
            marks = ",".join("?" * len(chunk))
            for path, stored_digest, sig in self._query(
                f"SELECT path, digest, sig FROM renders WHERE run = ? AND render = ? AND path IN ({marks})", (run, render, *chunk)
            ):
                if isinstance(path, str) and isinstance(stored_digest, str) and (sig is None or isinstance(sig, str)):
                    found[path] = (stored_digest, sig)
        return found

    def render_rows(self, run: str, render: str, paths: list[str], stats: bool = False) -> dict[str, tuple[str, str | None, str, str, str | None]]:
        found: dict[str, tuple[str, str | None, str, str, str | None]] = {}
        extra = "stats" if stats else "NULL"
        for chunk in _chunks(paths):
            marks = ",".join("?" * len(chunk))
            for path, stored_digest, sig, counts, body, statistics in self._query(
                f"SELECT path, digest, sig, counts, body, {extra} FROM renders WHERE run = ? AND render = ? AND path IN ({marks})",
                (run, render, *chunk),
            ):
                if isinstance(stored_digest, str) and (sig is None or isinstance(sig, str)) and isinstance(counts, str) and isinstance(body, str):
                    found[path] = (stored_digest, sig, counts, body, statistics if isinstance(statistics, str) else None)
        return found

    def render_bodies(self, run: str, render: str, wanted: Mapping[str, str], stats: bool = False) -> dict[str, tuple[str, str, str | None]]:
        found: dict[str, tuple[str, str, str | None]] = {}
        extra = "stats" if stats else "NULL"
        for chunk in _chunks(list(wanted)):
            marks = ",".join("?" * len(chunk))
            for path, stored_digest, counts, body, statistics in self._query(
                f"SELECT path, digest, counts, body, {extra} FROM renders WHERE run = ? AND render = ? AND path IN ({marks})", (run, render, *chunk)
            ):
                if wanted.get(path) == stored_digest and isinstance(counts, str) and isinstance(body, str):
                    found[path] = (counts, body, statistics if isinstance(statistics, str) else None)
        return found

    # -- writing -------------------------------------------------------------------

    def put_result(self, run: str, path: str, content_digest: str, sig: str | None, entry: str) -> None:
        if not (_storable(path) and _storable(entry)):
            return
        self._results.append((run, path, content_digest, sig, entry))
        self._runs.add(run)
        self._flush_when_full()

    def put_render(self, run: str, render: str, path: str, content_digest: str, sig: str | None, counts: str, body: str, stats: str) -> None:
        if not (_storable(render) and _storable(path) and _storable(body) and _storable(stats)):
            return
        self._renders.append((run, render, path, content_digest, sig, counts, body, stats))
        self._runs.add(run)
        self._flush_when_full()

    def put_result_signature(self, run: str, path: str, content_digest: str, sig: str | None) -> None:
        if not _storable(path):
            return
        self._result_sigs.append((sig, run, path, content_digest))
        self._flush_when_full()

    def put_render_signature(self, run: str, render: str, path: str, content_digest: str, sig: str | None) -> None:
        if not (_storable(render) and _storable(path)):
            return
        self._render_sigs.append((sig, run, render, path, content_digest))
        self._flush_when_full()

    def _flush_when_full(self) -> None:
        if len(self._results) + len(self._renders) + len(self._result_sigs) + len(self._render_sigs) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Commit the buffered writes in one transaction (last writer wins per row);
        a cache that cannot be written is not an error, the rows are simply dropped."""
        if not (self._results or self._renders or self._result_sigs or self._render_sigs):
            return
        import sqlite3

        results, renders, result_sigs, render_sigs, runs = self._results, self._renders, self._result_sigs, self._render_sigs, self._runs
        self._results, self._renders, self._result_sigs, self._render_sigs, self._runs = [], [], [], [], set()
        connection = self._db(create=True)
        if connection is None:
            return
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", results)
                connection.executemany("INSERT OR REPLACE INTO renders VALUES (?, ?, ?, ?, ?, ?, ?, ?)", renders)
                connection.executemany("UPDATE results SET sig = ? WHERE run = ? AND path = ? AND digest = ?", result_sigs)
                connection.executemany("UPDATE renders SET sig = ? WHERE run = ? AND render = ? AND path = ? AND digest = ?", render_sigs)
                if runs:
                    _note_runs(connection, runs)
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            self._give_up(exc)


DATABASE = f"cache-v{FORMAT}.sqlite3"
_INHERITED: list[Any] = []  # connections a forked process got from its parent: kept open, never used
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another run's write to finish
KEEP_RUNS_DAYS = 1  # results of run keys not written for this long are deleted (the key holds the date)
PRUNE_ROWS = 1000  # rows of old run keys deleted per write, at most
_CHUNK = 256  # paths per query (SQLite allows at least 999 parameters)


def _set_up(connection: Any) -> None:
    """WAL mode and the tables (idempotent; concurrent runs may do it at once)."""
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")  # a cache: an OS crash may cost rows, never needs an fsync per run
    if connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('results', 'renders', 'runs')").fetchone()[0] == 3:
        return
    connection.executescript(
        """
        BEGIN IMMEDIATE;
        CREATE TABLE IF NOT EXISTS results (
            run TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL, sig TEXT, entry TEXT NOT NULL,
            PRIMARY KEY (run, path));
        CREATE TABLE IF NOT EXISTS renders (
            run TEXT NOT NULL, render TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL, sig TEXT,
            counts TEXT NOT NULL, body TEXT NOT NULL, stats TEXT NOT NULL,
            PRIMARY KEY (run, render, path));
        CREATE TABLE IF NOT EXISTS runs (run TEXT PRIMARY KEY, written INTEGER NOT NULL);
        COMMIT;
        """
    )


def _note_runs(connection: Any, runs: set[str]) -> None:
    """Record when each run key was last written, and delete the rows of run keys not
    written for :data:`KEEP_RUNS_DAYS` (an old version, yesterday's date, a setting
    since changed), so the cache does not grow without end: at most
    :data:`PRUNE_ROWS` rows per write, so no run (a pre-commit hook) pays for all."""
    now = int(time.time())
    connection.executemany("INSERT OR REPLACE INTO runs VALUES (?, ?)", [(run, now) for run in sorted(runs)])
    budget = PRUNE_ROWS
    for (run,) in connection.execute("SELECT run FROM runs WHERE written < ?", (now - KEEP_RUNS_DAYS * 86400,)).fetchall():
        for table in ("results", "renders"):
            deleted = connection.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE run = ? LIMIT ?)", (run, budget))
            budget -= max(deleted.rowcount, 0)
            if budget <= 0:
                return  # the rest next time
        connection.execute("DELETE FROM runs WHERE run = ?", (run,))


def _remove_old_layout(folder: Path) -> None:
    """Delete the JSON shards of cache format 1 (``results/``), now unused."""
    old = folder / "results"
    if old.is_dir():
        import shutil

        shutil.rmtree(old, ignore_errors=True)


def _is_corrupt(exc: Exception) -> bool:
    """Whether an SQLite error says the file is damaged or not a database (as opposed
    to locked, read-only or full)."""
    import sqlite3

    if isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text or "corrupt" in text)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    """``items`` that SQLite can hold, :data:`_CHUNK` at a time."""
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        yield chunk if all(map(_storable, chunk)) else [item for item in chunk if _storable(item)]


def _storable(text: str) -> bool:
    """Whether SQLite can hold ``text`` (UTF-8): a file name with bytes that are not
    UTF-8 (kept as lone surrogates) cannot, so such a file is simply not cached."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _signature_text(sig: Signature | None) -> str | None:
    return None if sig is None else f"{sig[0]}:{sig[1]}:{sig[2]}:{sig[3]}"


def _manifest_holds(manifest: Mapping[str, Any]) -> bool:
    for path, expected in manifest.items():
        try:
            if not isinstance(expected, str) or digest(Path(path).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True


@functools.lru_cache(maxsize=1)
def _finding_fields() -> tuple[tuple[str, Any], ...]:
    """Every field of Finding but ``path``, with its type (to rebuild nested values)."""
    from wiki_lint.findings import Finding

    hints = _type_hints(Finding)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(Finding) if f.name != "path")


@functools.lru_cache(maxsize=1)
def _finding_decoders() -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Every field of Finding but ``path``, with a function rebuilding it from cached
    data: what :func:`_decode` does for the field's type, with the type looked at once
    (a warm run rebuilds every finding of every page, so this is its main cost)."""
    return tuple((name, _decoder_for(kind)) for name, kind in _finding_fields())


@functools.lru_cache(maxsize=256)
def _decoder_for(kind: Any) -> Callable[[Any], Any]:
    """``lambda value: _decode(kind, value)`` with the type taken apart once: the same
    values rebuilt, the same errors raised for data that does not fit."""
    import types
    import typing

    plain = _plain_kinds(kind)
    if plain is not None:
        accepts_int = float in plain

        def plain_value(value: Any) -> Any:
            if type(value) in plain or (accepts_int and type(value) is int):
                return value
            raise TypeError(f"a cached {type(value).__name__} is not a {kind}")

        return plain_value
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if len(options) != 1:
            return functools.partial(_decode, kind)
        inner = _decoder_for(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _decoder_for(typing.get_args(kind)[0])
        return lambda value: tuple(item(v) for v in value)
    if origin is list:
        item = _decoder_for(typing.get_args(kind)[0])
        return lambda value: [item(v) for v in value]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _type_hints(kind)
        fields = tuple((f.name, _decoder_for(hints[f.name])) for f in dataclasses.fields(kind))
        return lambda value: kind(**{name: decode(value[name]) for name, decode in fields})
    return functools.partial(_decode, kind)


@functools.lru_cache(maxsize=64)
def _type_hints(kind: type) -> dict[str, Any]:
    import typing

    return typing.get_type_hints(kind)


@functools.lru_cache(maxsize=256)
def _plain_kinds(kind: Any) -> tuple[type, ...] | None:
    """The plain JSON types a value of ``kind`` may be given as unchanged (``str``,
    ``int | None``, ...), or None when it needs rebuilding."""
    import types
    import typing

    options = typing.get_args(kind) if typing.get_origin(kind) in (typing.Union, types.UnionType) else (kind,)
    plain = (str, int, float, bool, type(None))
    if all(option in plain for option in options):
        return tuple(options)
    return None


def _entry_from_result(result: FileResult) -> str | None:
    """``[findings, other FileResult fields]`` as JSON, or None when a value is not
    plain data (then the result is simply not cached)."""
    try:
        rows = [[_encode(getattr(finding, name)) for name, _ in _finding_fields()] for finding in result.findings]
        extra = {
            f.name: _encode_lines(result.lines) if f.name == "lines" else _encode(getattr(result, f.name))
            for f in dataclasses.fields(result)
            if f.name not in ("path", "findings", "error")
        }
        return json.dumps([rows, extra], ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return None


def _encode(value: Any) -> Any:
    """Findings' values as JSON data: enums by value, dataclasses (a fix and its edits)
    as objects of their fields, tuples as lists; anything else must already be JSON."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(kind: Any, value: Any) -> Any:
    """Rebuild a value of type ``kind`` from :func:`_encode`'s data (raises on a shape
    that does not fit: the entry is then ignored)."""
    plain = _plain_kinds(kind)
    if plain is not None:
        if type(value) in plain or (float in plain and type(value) is int):
            return value
        raise TypeError(f"a cached {type(value).__name__} is not a {kind}")
    import types
    import typing

    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if value is None:
            return None
        if len(options) != 1:
            raise TypeError(f"cannot rebuild a {kind}")
        return _decode(options[0], value)
    if origin is tuple:
        return tuple(_decode(typing.get_args(kind)[0], v) for v in value)
    if origin is list:
        return [_decode(typing.get_args(kind)[0], v) for v in value]
    if origin is dict:
        return {k: _decode(typing.get_args(kind)[1], v) for k, v in value.items()}
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _type_hints(kind)
        return kind(**{f.name: _decode(hints[f.name], value[f.name]) for f in dataclasses.fields(kind)})
    if kind is Any or (isinstance(kind, type) and isinstance(value, kind)) or (kind is float and isinstance(value, int)):
        return value
    raise TypeError(f"a cached {type(value).__name__} is not a {kind}")


def _result_from_entry(path: str, entry: list[Any]) -> FileResult | None:
    from wiki_lint.check import FileResult
    from wiki_lint.findings import Finding

    decoders = _positional_decoders()
    try:
        rows, extra = entry
        findings = []
        for row in rows:
            if len(row) != len(decoders):
                return None
            findings.append(Finding(path, *[decode(value) for decode, value in zip(decoders, row)]))
        extra = dict(extra)
        if "lines" in extra:
            extra["lines"] = _decode_lines(extra["lines"])
        return FileResult(path, findings, **extra)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None  # an entry from a damaged file: check the page again


@functools.lru_cache(maxsize=1)
def _positional_decoders() -> tuple[Callable[[Any], Any], ...]:
    """The decoders of :func:`_finding_decoders` in field order, ``path`` being
    Finding's first field, so a finding is built with one positional call."""
    from wiki_lint.findings import Finding

    names = [f.name for f in dataclasses.fields(Finding)]
    if names[0] != "path" or names[1:] != [name for name, _ in _finding_decoders()]:
        raise AssertionError("Finding's fields are no longer (path, *the cached row)")
    return tuple(decode for _, decode in _finding_decoders())


def _encode_lines(lines: list[str] | None) -> list[Any] | None:
    """Source lines as ``[count, [[number, text], ...]]`` holding only non-empty lines
    (results keep just the lines their findings cover)."""
    if lines is None:
        return None
    return [len(lines), [[number, text] for number, text in enumerate(lines, start=1) if text]]


def _decode_lines(encoded: Any) -> list[str] | None:
    if encoded is None:
        return None
    count, kept = encoded
    lines = [""] * count
    for number, text in kept:
        if not isinstance(text, str):
            raise TypeError("a cached source line is not text")
        lines[number - 1] = text
    return lines


def _read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: Any) -> None:
    """Write atomically (temporary file, then :func:`os.replace`); a cache that cannot be
    written is not an error, the run just stays uncached."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _mark_cache_dir(path)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            os.chmod(temp, 0o644)  # mkstemp makes it private; the cache is as readable as the project
            os.replace(temp, path)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    except OSError:
        pass


def _mark_cache_dir(path: Path) -> None:
    """Make the cache folder self-describing: ignored by git, tagged as a cache."""
    for folder in (path.parent, *path.parents):
        if folder.name == CACHE_DIR:
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by wiki-lint\n*\n", encoding="utf-8")
                (folder / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# wiki-lint result cache; see https://bford.info/cachedir/\n",
                    encoding="utf-8",
                )
            return
