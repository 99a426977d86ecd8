"""Configuration: find it, read it, and turn it into per-file :class:`Settings`.

A configuration is ``[tool.wiki-lint]`` in a ``pyproject.toml`` or the top level of a
``.wiki-lint.toml``.  For each checked file the nearest one walking up from the file's
folder applies (no merging of several files, as in ruff); in one folder
``.wiki-lint.toml`` beats ``pyproject.toml``, and a ``pyproject.toml`` without the table
is skipped.  ``--config PATH`` names the one configuration for every file.

Paths in a configuration (``schema``, and the patterns of ``schemas``,
``per-file-ignores``, ``exclude``) are relative to the folder of its file; patterns
follow gitignore semantics (the ``pathspec`` library).  Command-line flags win over the
file: ``--select`` replaces ``select``, ``--ignore`` and ``--extend-select`` add,
``--schema`` and ``--lang`` replace.

Reading a file costs only ``tomllib`` (imported when there is a file to read); a plainly
valid table is read by :mod:`wiki_lint.config_fast`, and the pydantic model is imported
only for the others (it says what is wrong).  Every problem raises :class:`ConfigError` (exit 2)
naming the file, the key and what is allowed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from wiki_lint.errors import UsageError
from wiki_lint.findings import Severity
from wiki_lint.selection import Selection, matches
from wiki_lint.sources import STDIN, discover

if TYPE_CHECKING:
    from wiki_lint.check import Settings

CONFIG_FILES = (".wiki-lint.toml", "pyproject.toml")
TABLE = "tool.wiki-lint"


class ConfigError(UsageError):
    """A configuration file that cannot be read, is not TOML, or has a bad key or value."""


@dataclass(frozen=True, slots=True)
class Config:
    """One configuration file's settings, validated and resolved (plain data).

    ``select`` is ``None`` when the file does not set it (every rule);
    selectors are code prefixes (``""`` is ``ALL``).
    """

    path: str | None = None
    root: str = "."
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    schema: str | None = None
    schemas: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    lang: str | None = None
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    def schema_for(self, path: str) -> str | None:
        """The schema for ``path``: the first ``schemas`` pattern that matches, else ``schema``."""
        for pattern, schema in self.schemas:
            if matches((pattern,), path, self.root):
                return schema
        return self.schema

    def excludes(self, path: str) -> bool:
        """Whether ``exclude``/``extend-exclude`` match ``path``."""
        return matches(self.exclude, path, self.root)


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says about rule selection and exclusion."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    force_exclude: bool = False

    @property
    def empty(self) -> bool:
        return self.select is None and not self.extend_select and not self.ignore


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file at or above folder ``start``, or ``None``."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    """The configuration file of one folder (a pyproject only if it has the table)."""
    dotfile = folder / CONFIG_FILES[0]
    if dotfile.is_file():
        return dotfile
    pyproject = folder / CONFIG_FILES[1]
    if pyproject.is_file():
        try:
            text = pyproject.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None  # not ours to judge: another tool's file we cannot read
        if "wiki-lint" in text and _table(_parse_toml(pyproject, text), pyproject) is not None:
            return pyproject
    return None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read, validate and resolve one configuration file (ConfigError if it is bad)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{file}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: configuration file cannot be read ({exc})") from None
    table = _table(_parse_toml(file, text), file)
    return _resolve(file, text, table or {})


def _parse_toml(file: Path, text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        if "end of document" in message:
            message += f" (line {len(text.splitlines()) + 1})"
        raise ConfigError(f"{file}: invalid TOML: {message}") from None


def _table(document: dict[str, Any], file: Path) -> dict[str, Any] | None:
    """The wiki-lint table of a parsed file (``None``: a pyproject without one)."""
    if file.name != "pyproject.toml":
        return document
    table = document.get("tool", {})
    table = table.get("wiki-lint") if isinstance(table, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{file}: [{TABLE}] must be a table")
    return table


def _resolve(file: Path, text: str, table: dict[str, Any]) -> Config:
    """Validate ``table`` (with the pydantic model unless it is plainly valid) and
    resolve paths against ``file``'s folder."""
    from wiki_lint.config_fast import parse_plain

    model: Any = parse_plain(table)
    if model is None:
        from wiki_lint.config_model import parse

        model = parse(table)
    where = f"[{TABLE}] " if file.name == "pyproject.toml" else ""
    if isinstance(model, list):
        located = sorted(((_line_of(text, message), message) for message in model), key=lambda pair: pair[0] or 0)
        lines = [f"{file}{f':{line}' if line else ''}: {where}{message}" for line, message in located]
        raise ConfigError("invalid configuration\n  " + "\n  ".join(lines))
    root = file.resolve().parent
    return Config(
        path=str(file),
        root=str(root),
        select=tuple(model.select) if model.select is not None else None,
        extend_select=tuple(model.extend_select),
        ignore=tuple(model.ignore),
        per_file_ignores=tuple((pattern, tuple(codes)) for pattern, codes in model.per_file_ignores.items()),
        severity=tuple((code, Severity(level)) for code, level in model.severity.items()),
        schema=_schema_path(model.schema_, root, file, "schema") if model.schema_ else None,
        schemas=tuple((pattern, _schema_path(value, root, file, f"schemas.{pattern}")) for pattern, value in model.schemas.items()),
        exclude=(*model.exclude, *model.extend_exclude),
        lang=model.lang,
        rules={name: dict(options) for name, options in model.rules.items()},
    )


def _line_of(text: str, message: str) -> int | None:
    """The line of the key a message names (its first segment), when it can be found."""
    found = re.match(r"(?:unknown key|key) '([^'.\[]+)", message)
    if not found:
        return None
    key = re.escape(found.group(1))
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if re.match(r"\s*\[\s*tool\s*\.\s*[\"']?wiki-lint", line)), 0)
    for number, line in enumerate(lines[start:], start=start + 1):
        if re.match(rf"""\s*(?:["']?{key}["']?\s*=|\[(?:tool\.wiki-lint\.)?["']?{key}["']?\])""", line):
            return number
    return None


def _schema_path(value: str, root: Path, file: Path, key: str) -> str:
    """A schema named in a configuration: a file relative to ``root``, or a built-in name."""
    from wiki_lint.schema import builtin_dir

    candidate = root / value
    if candidate.is_file():
        return str(candidate)
    for name in (value, f"{value}.schema.json"):
        if "/" not in value and (builtin_dir() / name).is_file():
            return value
    raise ConfigError(f"{file}: key {key!r}: no schema file {value!r} in {root} and no built-in schema of that name")


class ConfigResolver:
    """Decides, for each file, which configuration applies and what to check it with."""

    def __init__(self, base: Settings, overrides: Overrides | None = None, config_path: str | None = None) -> None:
        self.base = base
        self.overrides = overrides or Overrides()
        self.explicit = load_config(config_path) if config_path else None
        self._by_folder: dict[str, Config | None] = {}
        self._by_given_folder: dict[str, Config | None] = {}
        self._nearest_of: dict[Path, Path | None] = {}
        self._by_file: dict[Path, Config] = {}
        # (id of the config, schema) -> (config, settings): files under one configuration
        # share one Settings object, so what is derived from it is derived once
        self._settings: dict[tuple[int, str | None], tuple[Config | None, Settings]] = {}

    def config_for(self, path: str) -> Config | None:
        """The configuration for ``path``: ``--config``'s, else the nearest file's."""
        if self.explicit is not None:
            return self.explicit
        given = os.path.dirname(path)  # the folder as given: its absolute form is the same for every file in it
        if given in self._by_given_folder:
            return self._by_given_folder[given]
        folder = os.path.dirname(os.path.abspath(path))  # a string: pathlib costs more than the lookup
        if folder not in self._by_folder:
            found = self._nearest(Path(folder).resolve())
            if found is None:
                self._by_folder[folder] = None
            else:
                if found not in self._by_file:
                    self._by_file[found] = load_config(found)
                self._by_folder[folder] = self._by_file[found]
        self._by_given_folder[given] = self._by_folder[folder]
        return self._by_folder[folder]

    def _nearest(self, folder: Path) -> Path | None:
        """:func:`find_config` for ``folder``, remembering the answer for every folder
        looked at on the way up (pages in a hundred folders share their ancestors)."""
        passed: list[Path] = []
        found: Path | None = None
        for candidate in (folder, *folder.parents):
            if candidate in self._nearest_of:
                found = self._nearest_of[candidate]
                break
            passed.append(candidate)
            found = _config_in(candidate)
            if found is not None:
                break
        for candidate in passed:
            self._nearest_of[candidate] = found
        return found

    def settings_for(self, path: str) -> Settings:
        """The effective settings for checking ``path``."""
        config = self.config_for(self._place(path))
        base = self.base
        if config is None and self.overrides.empty:
            return base
        schema = None if config is None else base.schema or (None if base.entry_type else config.schema_for(self._place(path)))
        key = (id(config), schema)
        known = self._settings.get(key)
        if known is not None and known[0] is config:
            return known[1]
        settings = self._settings_under(config, schema)
        self._settings[key] = (config, settings)
        return settings

    def _settings_under(self, config: Config | None, schema: str | None) -> Settings:
        base = self.base
        if config is None:
            return replace(base, selection=self._selection(Config()))
        return replace(
            base,
            # --schema wins over everything, --type over the configuration's schemas
            schema=schema,
            lang=base.lang or config.lang,
            rule_options=MappingProxyType(config.rules) if config.rules else base.rule_options,
            selection=self._selection(config),
            config_path=config.path,
        )

    def _selection(self, config: Config) -> Selection:
        over = self.overrides
        select = over.select if over.select is not None else config.select
        return Selection(
            select=select if select is not None else ("",),
            extend_select=(*config.extend_select, *over.extend_select),
            ignore=(*config.ignore, *over.ignore),
            per_file_ignores=config.per_file_ignores,
            severity=config.severity,
            root=config.root,
        )

    def _place(self, path: str) -> str:
        """Where a path is, for finding its configuration (standard input: its given name)."""
        if path == STDIN:
            return self.base.stdin_filename or os.path.join(os.getcwd(), STDIN)
        return path

    def excluded(self, path: str) -> bool:
        """Whether the configuration for ``path`` excludes it."""
        if path == STDIN and not self.base.stdin_filename:
            return False
        config = self.config_for(self._place(path))
        return config is not None and config.excludes(self._place(path))

    def plan(self, paths: Iterable[str], extensions: Iterable[str]) -> Iterator[tuple[str, Settings]]:
        """Each file to check with its settings; excluded files left out.

        Files found in folders are dropped when excluded; files named explicitly only
        with ``force_exclude`` (pre-commit passes files explicitly).
        """
        extensions = tuple(extensions)
        for given in paths:
            named = given == STDIN or not os.path.isdir(given)
            for path in discover([given], extensions):
                if (not named or self.overrides.force_exclude) and self.excluded(path):
                    continue
                yield path, self.settings_for(path)
