"""YAML front matter: safe loading with the source position of every top-level key.

Only PyYAML's SafeLoader is used (no object construction).  What is wrong with the
front matter becomes a :class:`~wiki_lint.document.ReaderProblem` rather than an
exception: YAML syntax errors (with their line and column), duplicate keys (YAML
silently keeps the last), front matter that is not a mapping, and alias bombs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml

from wiki_lint.document import ReaderProblem, Span

MAX_ALIASES = 100


@dataclass(slots=True)
class FrontMatter:
    """The loaded mapping, the span of each key's line, and problems found."""

    data: dict[str, Any] | None = None
    spans: dict[str, Span] = field(default_factory=dict)
    problems: list[ReaderProblem] = field(default_factory=list)


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents using more than MAX_ALIASES aliases."""

    aliases_seen = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(None, None, f"more than {MAX_ALIASES} aliases (possible alias bomb)", event.start_mark)
        return super().compose_node(parent, index)


# libyaml's parser (C), where PyYAML was built with it: the same SafeConstructor and
# resolver, ten times faster.  libyaml accepts a few things PyYAML refuses (tabs, some
# tags), so it is used only for plain text: printable, without tabs, tags, anchors or
# aliases (so the alias-bomb guard is never needed), directives, block scalars, flow
# mappings or complex keys.  On any YAML error the pure-Python loader runs again, so
# findings are the same either way (tests/test_frontmatter_fast.py compares the two).
_FastLoader: Any = getattr(yaml, "CSafeLoader", None)
_NOT_PLAIN = frozenset("\t!&*%@`|>{}?")


def _plain(content: str) -> bool:
    return content.replace("\n", "").isprintable() and _NOT_PLAIN.isdisjoint(content)


def load(content: str, first_line: int, lines: list[str]) -> FrontMatter:
    """Load YAML ``content`` whose first line is 1-based ``first_line`` in the page."""
    if _FastLoader is not None and _plain(content):
        try:
            return _load(content, first_line, lines, _FastLoader, fast=True)
        except yaml.YAMLError:
            pass
    return _load(content, first_line, lines, _GuardedLoader, fast=False)


def _load(content: str, first_line: int, lines: list[str], loader_class: Any, fast: bool) -> FrontMatter:
    result = FrontMatter()
    loader = None
    try:
        loader = loader_class(content)  # the reader checks for unprintable characters here
        node = loader.get_single_node()
        if node is None:
            return result
        _check_duplicates(node, first_line, lines, result)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        if fast:
            raise
        result.problems.append(_yaml_problem(exc, first_line, lines))
        return result
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        span = Span.of_line(lines, first_line) if first_line <= len(lines) else Span(1, 1, 1, 1)
        result.problems.append(
            ReaderProblem(
                "front-matter-invalid",
                f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
                span,
                "write it as `key: value` lines, e.g. `title: Interleukin 34`",
            )
        )
        return result
    result.data = {str(key): _jsonable(value) for key, value in data.items()}
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = first_line + key_node.start_mark.line
        result.spans.setdefault(key, Span(line, key_node.start_mark.column + 1, line, key_node.end_mark.column + 1))
    return result


def _check_duplicates(node: yaml.Node, first_line: int, lines: list[str], result: FrontMatter) -> None:
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
    return ReaderProblem(
        "front-matter-invalid",
        f"front matter is not valid YAML: {problem}",
        span,
        "fix the YAML syntax; quote values that contain ': ' or start with a special character",
    )


def _jsonable(value: Any) -> Any:
    """Dates become ISO strings and nested containers are converted, so the entry is JSON."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
