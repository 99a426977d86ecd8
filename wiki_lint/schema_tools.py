"""``wiki-lint schema list|show|check``: the built-in schemas and checking user schemas.

``schema check FILE...`` reports every place a schema breaks the JSON Schema 2020-12
meta-schema or wiki-lint's own meta-schema (``x-wiki-lint`` annotations) as
``file:line:col: message``.  JSON parsers do not keep positions, so
:func:`locate` scans the text once more (it is valid JSON by then) and records where
each key and value starts, by JSON path.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, TextIO

from wiki_lint.errors import SchemaError

EXIT_OK, EXIT_ERROR = 0, 2
Path_ = tuple[str | int, ...]

_WHITESPACE = " \t\n\r"
_SCALAR = json.JSONDecoder()


def add_schema_command(commands: Any) -> None:
    """Add ``schema`` and its sub-commands to the CLI's sub-parsers."""
    schema = commands.add_parser(
        "schema",
        help="list, show or check entry schemas",
        description="List and print the built-in entry schemas, or check your own against the meta-schemas.",
    )
    actions = schema.add_subparsers(dest="schema_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="list the built-in schemas", description="List the built-in entry schemas.")
    show = actions.add_parser("show", help="print a built-in schema", description="Print a built-in schema (default: medical-entry).")
    show.add_argument("name", nargs="?", default=None, metavar="NAME", help="a built-in schema name, e.g. medical-entry")
    check = actions.add_parser(
        "check",
        help="check schema files against the meta-schemas",
        description="Check schema files against JSON Schema 2020-12 and wiki-lint's meta-schema; report file:line:col of each problem.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="schema files to check")


def run_schema_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Carry out ``wiki-lint schema ACTION``; returns the exit code."""
    from wiki_lint.schema import META_SCHEMA, builtin_dir, builtin_names

    if args.schema_command == "list":
        for name in builtin_names():
            title = json.loads((builtin_dir() / name).read_text(encoding="utf-8")).get("title", "")
            out.write(f"{name.removesuffix('.schema.json')}\t{title}\n")
        return EXIT_OK
    if args.schema_command == "show":
        wanted = args.name or "medical-entry"
        for candidate in (wanted, f"{wanted}.schema.json"):
            path = builtin_dir() / candidate
            if "/" not in wanted and path.is_file() and (candidate in builtin_names() or candidate == META_SCHEMA):
                out.write(path.read_text(encoding="utf-8"))
                return EXIT_OK
        known = ", ".join(name.removesuffix(".schema.json") for name in builtin_names())
        err.write(f"wiki-lint: error: no built-in schema {wanted!r}; built-in schemas: {known}\n")
        return EXIT_ERROR
    status = EXIT_OK
    for file in args.files:
        problems = check_schema_file(Path(file))
        for problem in problems:
            out.write(f"{problem}\n")
        if any(problem.severity == "error" for problem in problems):
            status = EXIT_ERROR
    if status == EXIT_OK:
        err.write(f"{len(args.files)} schema file{'s' if len(args.files) != 1 else ''} OK\n")
    return status


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One place where a schema file is wrong."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "warning": the schema works, but part of it has no effect

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


def check_schema_file(path: Path) -> list[Problem]:
    """Every problem of one schema file, in source order (empty: the file is fine)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [Problem(name, 1, 1, "no such schema file")]
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(name, 1, 1, f"cannot be read: {exc}")]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Problem(name, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")]
    except RecursionError:
        return [Problem(name, 1, 1, "nested too deeply to check")]
    if not isinstance(document, dict):
        return [Problem(name, 1, 1, "a schema must be a JSON object")]
    positions = locate(text)
    problems = sorted({_problem(name, error, positions) for error in _meta_errors(document, path)})
    if problems:
        return problems
    return _load_problems(path)


def _meta_errors(document: dict[str, Any], path: Path) -> list[Any]:
    """jsonschema errors against the 2020-12 meta-schema, then wiki-lint's (not for itself)."""
    from jsonschema import Draft202012Validator

    from wiki_lint.schema import META_SCHEMA, builtin_dir

    errors = list(Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(document))
    if path.name != META_SCHEMA:
        meta = json.loads((builtin_dir() / META_SCHEMA).read_text(encoding="utf-8"))
        errors += Draft202012Validator(meta, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(document)
    if errors:
        return errors
    try:
        Draft202012Validator.check_schema(document, format_checker=Draft202012Validator.FORMAT_CHECKER)
    except Exception as exc:  # jsonschema's SchemaError: a bad regex or format
        return [exc]
    return []


def _problem(name: str, error: Any, positions: dict[Path_, tuple[int, int]]) -> Problem:
    """A jsonschema error at the line and column of the key (or value) it concerns."""
    where: Path_ = tuple(getattr(error, "absolute_path", ()))
    offending = _offending_key(error)
    if offending is not None:
        where = (*where, offending)
    while where and where not in positions:
        where = where[:-1]
    line, column = positions.get(where, (1, 1))
    pointer = "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in getattr(error, "absolute_path", ()))
    return Problem(name, line, column, f"{error.message} (at {pointer})")


def _offending_key(error: Any) -> str | None:
    """For 'not allowed' properties, the first key that is not allowed."""
    validator = getattr(error, "validator", None)
    instance = getattr(error, "instance", None)
    if validator not in ("additionalProperties", "unevaluatedProperties") or not isinstance(instance, dict):
        return None
    import re

    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key in instance:
        if key not in known and not any(p.search(key) for p in patterns):
            return str(key)
    return None


def _load_problems(path: Path) -> list[Problem]:
    """Problems only loading finds ($ref that cannot be resolved, parts without properties)."""
    from wiki_lint.schema import META_SCHEMA, load_schema
    from wiki_lint.schema_check import check_schema_consistency

    try:
        schema = load_schema(str(path.resolve()))
    except SchemaError as exc:
        where = f" (at {exc.key})" if exc.key else ""
        return [Problem(str(path), 1, 1, f"{exc.problem}{where}")]
    if path.name == META_SCHEMA:
        return []  # the meta-schema describes schema files, not entries
    positions = locate(path.read_text(encoding="utf-8"))
    problems = []
    for issue in check_schema_consistency(schema):  # contradictions and aliases that match nothing
        line, column = _position_of(issue.key, positions)
        problems.append(Problem(str(path), line, column, f"{issue.message} (at {issue.key})", str(issue.severity)))
    return problems


def _position_of(key: str, positions: dict[Path_, tuple[int, int]]) -> tuple[int, int]:
    """The line and column of a JSON path such as ``$.properties.gene.maxLength``
    (a path into a referenced file, or one not found, gives the file's start)."""
    import re

    if not key.startswith("$"):
        return 1, 1
    where: Path_ = tuple(int(part[1:-1]) if part.startswith("[") else part for part in re.findall(r"\[\d+\]|[^.\[\]]+", key[1:]))
    while where and where not in positions:
        where = where[:-1]
    return positions.get(where, (1, 1))


def locate(text: str) -> dict[Path_, tuple[int, int]]:
    """The 1-based (line, column) where each member's key, or each array item, starts.

    ``text`` must be valid JSON.  The root is at ``()``; an object member ``k`` of the
    value at path ``p`` is at ``p + (k,)`` (the position of its key), an array item at
    ``p + (i,)``.
    """
    line_starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            line_starts.append(index + 1)

    def position(offset: int) -> tuple[int, int]:
        import bisect

        line = bisect.bisect_right(line_starts, offset) - 1
        return line + 1, offset - line_starts[line] + 1

    positions: dict[Path_, tuple[int, int]] = {}

    def skip(index: int) -> int:
        while index < len(text) and text[index] in _WHITESPACE:
            index += 1
        return index

    def value(index: int, path: Path_) -> int:
        index = skip(index)
        positions.setdefault(path, position(index))
        char = text[index]
        if char == "{":
            index = skip(index + 1)
            if text[index] == "}":
                return index + 1
            while True:
                key_start = skip(index)
                key, index = scanstring(text, key_start + 1)
                positions[(*path, key)] = position(key_start)
                index = skip(index)  # at ':'
                index = value(index + 1, (*path, key))
                positions[(*path, key)] = position(key_start)
                index = skip(index)
                if text[index] == "}":
                    return index + 1
                index += 1  # ','
        if char == "[":
            index = skip(index + 1)
            if text[index] == "]":
                return index + 1
            item = 0
            while True:
                index = value(index, (*path, item))
                item += 1
                index = skip(index)
                if text[index] == "]":
                    return index + 1
                index += 1
        _, end = _SCALAR.raw_decode(text, index)
        return int(end)

    value(0, ())
    return positions
