"""YAML front matter: safe loading with the source position of every top-level key.

Only PyYAML's SafeLoader is used (no object construction).  What is wrong with the
front matter becomes a :class:`~wiki_lint.document.ReaderProblem` rather than an
exception: YAML syntax errors (with their line and column), duplicate keys (YAML
silently keeps the last), front matter that is not a mapping, tags such as
``!!python/object`` (never constructed), alias bombs ("billion laughs"), recursive
aliases, nesting deeper than MAX_DEPTH, values that cannot be loaded (a date with
month 13, an integer of thousands of digits) and front matter over MAX_CHARACTERS.

Most front matter is a few ``key: value`` lines of plain text, dates and one-line
lists of names.  Such front matter is read without PyYAML (whose import costs more
than reading a page), with exactly the result PyYAML gives (:func:`_load_simple`
takes only text whose meaning in YAML is certain; ``tests/test_frontmatter_fast.py``
compares the two); anything else is loaded by PyYAML, imported then.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wiki_lint.document import ReaderProblem, Span

if TYPE_CHECKING:
    import yaml

MAX_ALIASES = 100
MAX_VALUES = 10_000  # values after expanding aliases, when aliases at least double the count
MAX_DEPTH = 50  # nesting of lists and mappings
MAX_CHARACTERS = 1_000_000  # front matter is metadata; a larger block is not loaded
MAX_INTEGER_DIGITS = 300


@dataclass(slots=True)
class FrontMatter:
    """The loaded mapping, the span of each key's line, and problems found."""

    data: dict[str, Any] | None = None
    spans: dict[str, Span] = field(default_factory=dict)
    problems: list[ReaderProblem] = field(default_factory=list)


def _guarded_loader() -> Any:
    """The class of SafeLoader that refuses documents using more than MAX_ALIASES
    aliases (built on first use, with PyYAML).

    The pure-Python loader on purpose: libyaml's C composer recurses without limit and
    crashes the interpreter on deeply nested input, where this one raises RecursionError.
    """
    import yaml

    class _GuardedLoader(yaml.SafeLoader):
        aliases_seen = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases_seen += 1
                if self.aliases_seen > MAX_ALIASES:
                    event = self.peek_event()  # type: ignore[no-untyped-call]
                    raise yaml.composer.ComposerError(
                        None, None, f"more than {MAX_ALIASES} aliases (possible alias bomb)", event.start_mark
                    )
            return super().compose_node(parent, index)

    return _GuardedLoader


# libyaml's parser (C), where PyYAML was built with it: the same SafeConstructor and
# resolver, ten times faster.  libyaml accepts a few things PyYAML refuses (tabs, some
# tags), so it is used only for plain text: printable, without tabs, tags, anchors or
# aliases (so the alias-bomb guard is never needed), directives, block scalars, flow
# mappings or complex keys.  On any YAML error the pure-Python loader runs again, so
# findings are the same either way (tests/test_frontmatter_fast.py compares the two).
_NOT_PLAIN = frozenset("\t!&*%@`|>{}?")
_UNSET = object()


def __getattr__(name: str) -> Any:
    """``yaml``, ``_GuardedLoader`` and ``_FastLoader`` (the libyaml loader, or None),
    made when first asked for: reading simple front matter never imports PyYAML."""
    if name == "yaml":
        import yaml

        return yaml
    if name == "_GuardedLoader":
        globals()[name] = _guarded_loader()
        return globals()[name]
    if name == "_FastLoader":
        import yaml

        globals()[name] = getattr(yaml, "CSafeLoader", None)
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _loader(name: str) -> Any:
    """``_GuardedLoader`` or ``_FastLoader`` (a test may have replaced it)."""
    found = globals().get(name, _UNSET)
    return __getattr__(name) if found is _UNSET else found


_COMPACT_NESTING = re.compile(r"-[ ]+-[ ]")


def _plain(content: str) -> bool:
    """Plain text, and shallow: libyaml's composer recurses in C without a limit and
    crashes the interpreter on deep nesting (``[[[[...`` or ``- - - -``), where the
    pure-Python loader raises RecursionError, which is reported."""
    return (
        content.replace("\n", "").isprintable()
        and _NOT_PLAIN.isdisjoint(content)
        and content.count("[") <= MAX_DEPTH
        and _COMPACT_NESTING.search(content) is None
    )


class _Refused(Exception):
    """Front matter that is valid YAML but refused (a bomb, too deep, too large)."""

    def __init__(self, message: str, node: yaml.Node | None = None) -> None:
        super().__init__(message)
        self.node = node


_HINT_SYNTAX = "fix the YAML syntax; quote values that contain ': ' or start with a special character"
_HINT_PLAIN = "write plain `key: value` lines; lists and short nested mappings are fine, aliases and tags are not needed"


def load(content: str, first_line: int, lines: list[str]) -> FrontMatter:
    """Load YAML ``content`` whose first line is 1-based ``first_line`` in the page."""
    simple = _load_simple(content, first_line)
    if simple is not None:
        return simple
    import yaml

    fast_loader = _loader("_FastLoader")
    if fast_loader is not None and _plain(content):
        try:
            return _load(content, first_line, lines, fast_loader, fast=True)
        except yaml.YAMLError:
            pass
    return _load(content, first_line, lines, _loader("_GuardedLoader"), fast=False)


# -- simple front matter, without PyYAML -------------------------------------------------

_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,199}")  # PyYAML refuses keys over 1024 characters
_SIMPLE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# plain scalars that PyYAML's implicit resolvers turn into booleans or null
_NOT_TEXT = frozenset(
    ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE"]
    + ["on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"]
)
_NOT_IN_TEXT = frozenset("#:")
_NOT_IN_FLOW_TEXT = frozenset("#:,?[]{}")  # PyYAML ends a plain scalar in a list at ,?[]{}


def _load_simple(content: str, first_line: int) -> FrontMatter | None:
    """Front matter of ``key: value`` lines at the left margin, each key once, each
    value plain text, a date (YYYY-MM-DD) or a one-line list of plain text, read as
    PyYAML reads it; None for anything else (then PyYAML reads it).

    Plain text here starts with an ASCII letter and holds only printable characters
    other than ``#`` and ``:`` (and, in a list, ``,?[]{}``): PyYAML resolves such a
    scalar to a string unless it is one of the boolean or null words, which are left
    to PyYAML.  Keys are names (letters, digits, ``_``, ``-``) in the same sense.
    """
    if len(content) > MAX_CHARACTERS:
        return None  # refused, with a problem, by _load
    result = FrontMatter(data={})
    data = result.data
    assert data is not None
    for index, line in enumerate(content.split("\n")):
        if not line:
            continue
        key, separator, rest = line.partition(": ")
        if not separator or key in data or key in _NOT_TEXT or _SIMPLE_KEY.fullmatch(key) is None:
            return None
        value = _simple_value(rest.strip(" "))
        if value is None:
            return None
        data[key] = value
        number = first_line + index
        result.spans[key] = Span(number, 1, number, len(key) + 1)
    return result if data else None


def _simple_value(text: str) -> str | list[str] | None:
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1]
        if not inner.strip(" "):
            return []
        items = [item.strip(" ") for item in inner.split(",")]
        return items if all(_simple_text(item, _NOT_IN_FLOW_TEXT) for item in items) else None
    if _SIMPLE_DATE.fullmatch(text):
        try:
            datetime.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            return None  # PyYAML reports it
        return text  # what _jsonable makes of the date PyYAML constructs
    return text if _simple_text(text, _NOT_IN_TEXT) else None


def _simple_text(text: str, forbidden: frozenset[str]) -> bool:
    return (
        bool(text)
        and text[0].isascii()
        and text[0].isalpha()
        and text not in _NOT_TEXT
        and text.isprintable()
        and forbidden.isdisjoint(text)
    )


def _load(content: str, first_line: int, lines: list[str], loader_class: Any, fast: bool) -> FrontMatter:
    import yaml

    result = FrontMatter()
    if len(content) > MAX_CHARACTERS:
        result.problems.append(
            _problem(f"front matter is larger than {MAX_CHARACTERS:,} characters and was not loaded", first_line, lines, _HINT_PLAIN)
        )
        return result
    loader = None
    try:
        loader = loader_class(content)  # the reader refuses control characters right here
        node = loader.get_single_node()
        if node is None:
            return result
        _check_shape(node)
        _check_duplicates(node, first_line, lines, result)
        data = _jsonable(loader.construct_document(node))
    except yaml.constructor.ConstructorError as exc:
        if fast:
            raise
        result.problems.append(_constructor_problem(exc, first_line, lines))
        return result
    except yaml.YAMLError as exc:
        if fast:
            raise
        result.problems.append(_yaml_problem(exc, first_line, lines))
        return result
    except _Refused as exc:
        line = first_line + exc.node.start_mark.line if exc.node is not None else first_line
        result.problems.append(_problem(f"front matter refused: {exc}", line, lines, _HINT_PLAIN))
        return result
    except RecursionError:
        result.problems.append(
            _problem(f"front matter refused: nested too deeply to load (more than {MAX_DEPTH} levels)", first_line, lines, _HINT_PLAIN)
        )
        return result
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. a timestamp with month 13
        result.problems.append(
            _problem(
                f"front matter has a value that cannot be loaded: {exc}",
                first_line,
                lines,
                "correct the value (dates are YYYY-MM-DD) or quote it to keep it as text",
            )
        )
        return result
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        span = Span.of_line(lines, first_line) if first_line <= len(lines) else Span(1, 1, 1, 1)
        result.problems.append(
            ReaderProblem(
                "front-matter-invalid",
                f"front matter must be a mapping of keys to values, not a {_yaml_type(data)}",
                span,
                "write it as `key: value` lines, e.g. `title: Interleukin 34`",
            )
        )
        return result
    result.data = data
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = first_line + key_node.start_mark.line
        result.spans.setdefault(key, Span(line, key_node.start_mark.column + 1, line, key_node.end_mark.column + 1))
    return result


def _check_shape(root: yaml.Node) -> None:
    """Refuse alias bombs (too many values once aliases are expanded), recursive
    aliases and deep nesting, before anything is constructed.

    Sizes are memoised per node, so the check costs the composed graph, not its
    expansion; the walk is iterative, so hostile nesting cannot exhaust the stack.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in children)
            continue
        if key in size:
            continue
        if key in on_path:
            raise _Refused("an alias refers to a value that contains it (a recursive alias)", node)
        if depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", node)
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in size)
    expanded = size[id(root)]
    if expanded > MAX_VALUES and expanded > 2 * len(size):  # aliases, not plain size, make it big
        raise _Refused(f'aliases expand it to {_magnitude(expanded)} values (an alias bomb, "billion laughs")', root)


def _magnitude(count: int) -> str:
    return f"{count:,}" if count < 10**12 else f"about 10^{len(str(count)) - 1}"


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _yaml_type(value: Any) -> str:
    names = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return names.get(type(value), type(value).__name__)


def _problem(message: str, line: int, lines: list[str], hint: str) -> ReaderProblem:
    line = min(max(line, 1), max(len(lines), 1))
    return ReaderProblem("front-matter-invalid", message, Span.of_line(lines, line), hint)


def _constructor_problem(exc: yaml.constructor.ConstructorError, first_line: int, lines: list[str]) -> ReaderProblem:
    """A tag such as ``!!python/object`` is refused by name: nothing is ever constructed."""
    problem = exc.problem or ""
    if problem.startswith("could not determine a constructor for the tag"):
        tag = problem.split("tag", 1)[1].strip().strip("'")
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        found = _yaml_problem(exc, first_line, lines)
        return ReaderProblem(
            "front-matter-invalid",
            f"front matter uses the YAML tag '{shown}', which wiki-lint never executes or constructs (only plain YAML values are loaded)",
            found.span,
            "remove the tag and write the value as plain text",
        )
    return _yaml_problem(exc, first_line, lines)


def _check_duplicates(node: yaml.Node, first_line: int, lines: list[str], result: FrontMatter) -> None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = first_line + key_node.start_mark.line
        if key in seen:
            result.problems.append(
                ReaderProblem(
                    "front-matter-invalid",
                    f"duplicate front matter key {key!r} (first on line {seen[key]}); YAML keeps only the last value",
                    Span(line, key_node.start_mark.column + 1, line, key_node.end_mark.column + 1),
                    "remove or merge one of the two entries",
                )
            )
        else:
            seen[key] = line


def _yaml_problem(exc: yaml.YAMLError, first_line: int, lines: list[str]) -> ReaderProblem:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        line = min(first_line + mark.line, max(len(lines), 1))
        text = lines[line - 1] if lines else ""
        column = min(mark.column + 1, len(text) + 1)
        span = Span(line, column, line, len(text) + 1)
    else:
        span = Span.of_line(lines, first_line)
    return ReaderProblem("front-matter-invalid", f"front matter is not valid YAML: {problem}", span, _HINT_SYNTAX)


def _jsonable(value: Any) -> Any:
    """Dates become ISO strings and nested containers are converted, so the entry is
    strict JSON (non-finite numbers become text; huge integers are refused)."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        if value.bit_length() > MAX_INTEGER_DIGITS * 3.33:
            raise ValueError(f"an integer with more than {MAX_INTEGER_DIGITS} digits")
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)
