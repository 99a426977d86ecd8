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
  ``today`` resolved to the date.  Each run key has its own folder of entries, so
  changing any of these never serves an old result;
* the **file**: its path and the SHA-256 of its bytes.  A file whose size, mtime,
  ctime and inode are unchanged since it was hashed is not read again (as git does);
  a file modified less than two seconds before it was hashed is always re-hashed, so a
  change within the file system's timestamp resolution cannot hide.

Entries are JSON, spread over 64 shard files by path so that a one-file run reads and
writes one small shard.  Every write goes to a temporary file first and is moved into
place with :func:`os.replace`, so concurrent runs never see a half-written shard (the
last writer wins; a lost entry is only re-checked next time).  An entry or shard that
cannot be read or has the wrong shape is ignored and rewritten.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wiki_lint import __version__

if TYPE_CHECKING:
    from wiki_lint.check import FileResult, Settings

CACHE_DIR = ".wiki-lint-cache"
ROOT_MARKERS = ("pyproject.toml", ".wiki-lint.toml", ".git")
SHARDS = 64
FORMAT = 1  # bump when the layout of entries changes
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

    for path in sorted(package.rglob("*.py")) + [builtin_dir() / META_SCHEMA]:
        stat = path.stat()
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    for name in _DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        if origin:
            stat = os.stat(origin)
            parts.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest("\n".join(parts).encode())


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


def _blake2b(data: bytes, digest_size: int) -> Any:
    """hashlib's BLAKE2b (which is CPython's built-in ``_blake2``, not OpenSSL's)."""
    try:
        from _blake2 import blake2b  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        from hashlib import blake2b
    return blake2b(data, digest_size=digest_size)


class Caches:
    """The caches of one run: one :class:`Cache` per distinct effective settings (files
    under different configurations are checked with different settings)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.code = code_fingerprint()
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
            cache = Cache(self.root, settings, self.code)
            cache.key  # noqa: B018 -- a broken schema raises here, before any file
            self._by_fingerprint[fingerprint] = cache
        self._by_id[id(settings)] = (settings, cache)
        return cache

    def save(self) -> None:
        for cache in self._by_fingerprint.values():
            cache.save()


class Cache:
    """Cached results for one run key, under one project root."""

    def __init__(self, root: Path, settings: Settings, code: str | None = None) -> None:
        self.folder = root / CACHE_DIR
        self.settings = settings
        self.code = code or code_fingerprint()
        self._key: str | None = None
        self._shards: dict[int, dict[str, Any]] = {}
        self._dirty: dict[int, dict[str, Any]] = {}

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
        manifests = known.get("manifests") if isinstance(known.get("manifests"), dict) else {}
        manifests[str(main)] = dict(schema.files)
        _write_json(store, {"meta_checked": sorted(META_CHECKED), "manifests": manifests})
        return schema.digest

    # -- entries -------------------------------------------------------------------

    def _shard_of(self, path: str) -> int:
        return int(_blake2b(path.encode("utf-8", "surrogatepass"), digest_size=2).hexdigest(), 16) % SHARDS

    def _shard_path(self, shard: int) -> Path:
        return self.folder / "results" / self.key / f"{shard:02d}.json"

    def _entries(self, shard: int) -> dict[str, Any]:
        if shard not in self._shards:
            loaded = _read_json(self._shard_path(shard))
            self._shards[shard] = loaded if isinstance(loaded, dict) else {}
        return self._shards[shard]

    def lookup(self, path: str) -> FileResult | None:
        """The cached result for ``path`` if its content is unchanged, else None."""
        shard = self._shard_of(path)
        entry = self._entries(shard).get(path)
        if not _entry_shape_ok(entry):
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        if entry[1] is None or list(signature(stat)) != entry[1]:
            hashed_at = time.time_ns()
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                return None
            if digest(data) != entry[0]:
                return None
            entry = [entry[0], _as_list(trusted_signature(stat, hashed_at)), entry[2], entry[3]]
            self._entries(shard)[path] = entry
            self._dirty.setdefault(shard, {})[path] = entry
        return _result_from_entry(path, entry)

    def store(self, result: FileResult, content_digest: str, sig: Signature | None) -> None:
        """Remember ``result`` for the file content with ``content_digest``."""
        if result.error is not None:
            return  # re-check unreadable files every time: their cause is often outside the file
        entry = _entry_from_result(result, content_digest, sig)
        if entry is None:
            return
        shard = self._shard_of(result.path)
        self._entries(shard)[result.path] = entry
        self._dirty.setdefault(shard, {})[result.path] = entry

    def save(self) -> None:
        """Write the shards that changed, merged with what other runs wrote meanwhile."""
        for shard, changes in self._dirty.items():
            current = _read_json(self._shard_path(shard))
            merged = current if isinstance(current, dict) else {}
            merged.update(changes)
            _write_json(self._shard_path(shard), merged)
        self._dirty.clear()


def _as_list(sig: Signature | None) -> list[int] | None:
    return list(sig) if sig is not None else None


def _manifest_holds(manifest: Mapping[str, Any]) -> bool:
    for path, expected in manifest.items():
        try:
            if not isinstance(expected, str) or digest(Path(path).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True


def _entry_shape_ok(entry: Any) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 4
        and isinstance(entry[0], str)
        and (entry[1] is None or (isinstance(entry[1], list) and len(entry[1]) == 4))
        and isinstance(entry[2], list)
        and isinstance(entry[3], dict)
    )


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


def _entry_from_result(result: FileResult, content_digest: str, sig: Signature | None) -> list[Any] | None:
    """``[digest, signature, findings, other FileResult fields]``, or None when a value
    is not plain data (then the result is simply not cached)."""
    try:
        rows = [[_encode(getattr(finding, name)) for name, _ in _finding_fields()] for finding in result.findings]
        extra = {
            f.name: _encode_lines(result.lines) if f.name == "lines" else _encode(getattr(result, f.name))
            for f in dataclasses.fields(result)
            if f.name not in ("path", "findings", "error")
        }
        entry = [content_digest, _as_list(sig), rows, extra]
        json.dumps(entry)
    except (TypeError, ValueError):
        return None
    return entry


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

    decoders = _finding_decoders()
    try:
        findings = []
        for row in entry[2]:
            if len(row) != len(decoders):
                return None
            values = {name: decode(value) for (name, decode), value in zip(decoders, row)}
            findings.append(Finding(path=path, **values))
        extra = dict(entry[3])
        if "lines" in extra:
            extra["lines"] = _decode_lines(extra["lines"])
        return FileResult(path, findings, **extra)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None  # an entry from a damaged file: check the page again


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
