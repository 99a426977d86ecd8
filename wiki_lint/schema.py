"""Load entry schemas: JSON Schema 2020-12 files that say which parts an entry has.

A schema is data.  Loading one:

1. reads the JSON (a syntax error names the file, line and column);
2. checks it against the JSON Schema 2020-12 meta-schema and against
   ``wiki-lint.meta.schema.json``, which constrains the ``x-wiki-lint`` annotations;
3. resolves ``$ref`` only to local files: the schema's own folder and the built-in
   schemas (a bare name such as ``medical-entry.schema.json`` finds the built-in one);
   never the network, never a file outside those folders (``../``, absolute paths,
   ``file://`` URIs elsewhere and symlinks leading out are refused with the reason);
   a schema whose references are all plain file names is resolved without the
   ``referencing`` library, and one that also uses only the keywords of
   :mod:`wiki_lint.schema_lite` is validated without jsonschema (same errors);
4. compiles every ``pattern`` and ``within`` pattern once with RE2 (see
   :mod:`wiki_lint.safe_regex`), so no pattern can hang a run on hostile text;
5. collects the parts (each property with its annotation) and the required ones,
   following ``allOf`` and ``$ref``, so a user schema extends a built-in one by
   ``{"allOf": [{"$ref": "medical-entry.schema.json"}], ...}``.

Every problem raises :class:`~wiki_lint.errors.SchemaError` naming the file and key.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlparse

from wiki_lint.errors import SchemaError
from wiki_lint.safe_regex import SafePattern, check_schema_patterns, compile_pattern

if TYPE_CHECKING:
    from jsonschema.protocols import Validator
    from referencing import Registry

    from wiki_lint.schema_lite import LiteValidator

DEFAULT_SCHEMA = "medical-entry.schema.json"
META_SCHEMA = "wiki-lint.meta.schema.json"
ANNOTATION = "x-wiki-lint"


@lru_cache(maxsize=1)  # asked for by every schema load and reference lookup
def builtin_dir() -> Path:
    """The folder of the built-in schemas: inside the installed package, or the
    repository's ``schemas/`` when running from a source checkout."""
    packaged = Path(__file__).parent / "schemas"  # what importlib.resources.files gives for a package folder
    if packaged.is_dir():
        return packaged
    if not Path(__file__).is_file():  # imported from a zip archive
        from importlib import resources

        zipped = resources.files("wiki_lint").joinpath("schemas")
        if zipped.is_dir():
            return Path(str(zipped))
    return Path(__file__).resolve().parent.parent / "schemas"


def builtin_names() -> list[str]:
    """The file names of the built-in entry schemas (the meta-schema excluded)."""
    names = os.listdir(builtin_dir())
    return sorted(name for name in names if os.path.normcase(name).endswith(".schema.json") and name != META_SCHEMA)


@lru_cache(maxsize=4096)  # the same aliases and headings come back on every page
def normalize_name(text: str) -> str:
    """How headings, labels and aliases are compared: Unicode NFKC, case-folded,
    white space collapsed, surrounding punctuation dropped."""
    return _normalize_short(text) if len(text) <= 200 else _normalize(text)


@lru_cache(maxsize=4096)
def _normalize_short(text: str) -> str:
    """Short names repeat on every page and every part; computing them once pays."""
    return _normalize(text)


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(text.split()).strip(" :.-–—*_#'\"")


@dataclass(frozen=True, slots=True)
class Within:
    """A part stated inside other parts' text, e.g. a license in the credits line."""

    parts: tuple[str, ...]
    pattern: SafePattern


@dataclass(frozen=True, slots=True)
class PartTemplate:
    """What an unsafe fix inserts when the part is missing, and where.

    ``text`` is the part's text (``{license}`` stands for the configured default
    license); ``form`` is ``label`` (a ``Label: text`` paragraph) or ``section`` (a
    heading and the text).  The block goes after the first part of ``after`` found on
    the page, else before the first of ``before``, else at the ``start`` (after the
    lead) or the ``end`` of the content.
    """

    text: str
    form: str = "label"
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    at: str = "end"


@dataclass(frozen=True, slots=True)
class PartSpec:
    """One part of an entry: how to find it and how to report it."""

    name: str
    title: str
    description: str = ""
    lead: bool = False
    headings: tuple[str, ...] = ()
    headings_by_lang: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: tuple[str, ...] = ()
    front_matter: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    metadata: tuple[str, ...] = ()
    within: tuple[Within, ...] = ()
    messages: dict[str, str] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    hint: str | None = None
    template: PartTemplate | None = None
    # heading_names() per language: asked for every part on every page by several rules
    _heading_names: dict[str | None, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def heading_names(self, lang: str | None = None) -> tuple[str, ...]:
        """Headings that hold the part: the language's own first, then the general ones.

        ``lang`` is a language code; a regional code (``es-MX``) falls back to its
        language (``es``).  Codes compare case-insensitively.
        """
        names = self._heading_names.get(lang)
        if names is None:
            names = self._find_heading_names(lang)
            if len(self._heading_names) < 64:  # a few languages per run; never grow without bound
                self._heading_names[lang] = names
        return names

    def _find_heading_names(self, lang: str | None) -> tuple[str, ...]:
        own: tuple[str, ...] = ()
        if lang:
            wanted = lang.strip().replace("_", "-").lower()
            by_lang = {code.lower(): names for code, names in self.headings_by_lang.items()}
            own = by_lang.get(wanted) or by_lang.get(wanted.split("-")[0], ())
        return own + self.headings

    def describe_sources(self, lang: str | None = None, fmt: str | None = None) -> str:
        """Where the part is looked for, for messages: headings, labels, front matter;
        templates, categories and page metadata only for the formats that have them
        (``fmt`` is the page's format; ``None`` lists every place)."""
        places = []
        if self.lead:
            places.append("the lead paragraph")
        headings = self.heading_names(lang)
        if headings:
            places.append("a section headed " + _alternatives(headings))
        if self.labels:
            places.append("a paragraph labelled " + _alternatives(tuple(f"{label}:" for label in self.labels)))
        if self.front_matter:
            places.append("front matter " + _alternatives(self.front_matter))
        if self.templates and fmt in (None, "wikitext"):
            places.append("a template " + _alternatives(tuple("{{" + name + "}}" for name in self.templates)))
        if self.categories and fmt in (None, "wikitext", "html"):
            places.append("a category " + _alternatives(self.categories))
        if self.metadata and fmt in (None, "html"):
            places.append("page metadata " + _alternatives(self.metadata))
        for within in self.within:
            places.append("a statement inside the " + " or ".join(part.replace("_", " ") for part in within.parts))
        return "; or ".join(places) if places else "no place (the schema gives none)"


def _alternatives(names: tuple[str, ...], limit: int = 4) -> str:
    quoted = [f"'{name}'" for name in names[:limit]]
    more = f" (or {len(names) - limit} more)" if len(names) > limit else ""
    return " or ".join(quoted) + more


@dataclass(slots=True)
class EntrySchema:
    """A loaded, checked schema: its parts, the required ones, and a validator.

    ``documents`` maps the URI of every file the schema references to its contents
    when the schema is simple enough for :mod:`wiki_lint.schema_lite` (its validator
    is then a :class:`~wiki_lint.schema_lite.LiteValidator`); ``None`` when it needs
    jsonschema.  ``registry`` (``referencing``) is built on first use.
    """

    path: str
    document: dict[str, Any]
    parts: dict[str, PartSpec]
    required: tuple[str, ...]
    digest: str
    entry_type: str | None = None
    order: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] | None = None
    _registry: Registry | None = None
    _validator: Validator | LiteValidator | None = None
    #: Values derived from the schema alone (per language ...), kept by the modules
    #: that compute them (see :meth:`remember`).
    memo: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)

    def remember(self, key: object, value: Any) -> Any:
        """Keep ``value`` in :attr:`memo` under ``key`` (at most a few hundred keys: the
        keys hold page languages, which a hostile corpus could make unbounded)."""
        if len(self.memo) < 256:
            self.memo[key] = value
        return value

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = _registry(Path(self.path).resolve().parent, {})
        return self._registry

    @property
    def validator(self) -> Validator | LiteValidator:
        if self._validator is None:
            if self.documents is not None:
                from wiki_lint.schema_lite import LiteValidator

                self._validator = LiteValidator(self.document, self.document["$id"], self.documents)
            else:
                self._validator = _safe_validator_class()(self.document, registry=self.registry)
        return self._validator


@lru_cache(maxsize=1)
def _safe_validator_class() -> Any:
    """Draft 2020-12, with ``pattern`` run by RE2 (linear time) instead of ``re``."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    from wiki_lint import safe_regex

    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and safe_regex.search(patrn, instance) is None:
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    return validators.extend(Draft202012Validator, {"pattern": pattern})


def resolve_schema_path(name: str | None) -> Path:
    """A user's ``--schema`` value as a file: a path, or the name of a built-in schema."""
    if not name:
        return builtin_dir() / DEFAULT_SCHEMA
    path = Path(name)
    if path.exists() or "/" in name or "\\" in name:
        return path
    for candidate in (name, f"{name}.schema.json"):
        if (builtin_dir() / candidate).is_file():
            return builtin_dir() / candidate
    return path


@lru_cache(maxsize=16)
def load_schema(name: str | None = None) -> EntrySchema:
    """Load, check and index the schema ``name`` (a path or a built-in name)."""
    path = resolve_schema_path(name).resolve() if name else resolve_schema_path(name)
    try:
        document = read_schema_file(path)
        document.setdefault("$id", path.resolve().as_uri())
        plain = _load_plain(document, path)
        if plain is not None:
            parts, required, annotation, files, documents = plain
            registry = None
        else:  # references that need the referencing library, or a schema error to report
            files = {str(path.resolve()): _text_digest(path)}
            registry = _registry(path.resolve().parent, files)
            parts, required, annotation = _collect(document, registry.resolver(base_uri=document["$id"]), str(path))
            _resolve_every_ref(document, registry.resolver(base_uri=document["$id"]))
            documents = None
        order = _order(annotation, parts, str(path))
    except RecursionError:
        raise SchemaError(str(path), "is nested too deeply to load (a $ref or allOf cycle, or thousands of levels)") from None
    digest = sha256_hex(json.dumps(sorted(files.items())).encode())
    return EntrySchema(str(path), document, parts, tuple(required), digest, annotation.get("entry_type"), order, files, documents, registry)


class _NotPlain(Exception):
    """A reference the plain resolver does not handle: the referencing library will."""


class _Resolved:
    """What a lookup found: the schema's ``contents`` and the resolver for its own refs."""

    __slots__ = ("contents", "resolver")

    def __init__(self, contents: Any, resolver: _PlainResolver) -> None:
        self.contents, self.resolver = contents, resolver


class _PlainResolver:
    """Resolves ``$ref``s that are plain file names (no scheme, no fragment) relative to
    ``base``, to local files exactly as :func:`_registry` does, without the
    ``referencing`` library.  ``documents`` (URI -> contents) and ``files`` (path ->
    digest) are shared by the resolvers of one schema, so each file is read once."""

    def __init__(self, base: str, root: str, roots: tuple[Path, ...], files: dict[str, str], documents: dict[str, Any]) -> None:
        self.base, self.root, self.roots, self.files, self.documents = base, root, roots, files, documents

    def lookup(self, ref: Any) -> _Resolved:
        from wiki_lint.schema_lite import plain_ref

        if not plain_ref(ref):
            raise _NotPlain(ref)
        uri = urljoin(self.base, ref)
        if uri == self.root:
            raise _NotPlain(ref)  # the schema itself: jsonschema resolves it to the loaded document
        contents = self.documents.get(uri)
        if contents is None:
            path = local_schema_path(uri, self.roots)
            contents = read_schema_file(path)
            self.files[str(path)] = _text_digest(path)
            self.documents[uri] = contents
        return _Resolved(contents, _PlainResolver(uri, self.root, self.roots, self.files, self.documents))


def _load_plain(
    document: dict[str, Any], path: Path
) -> tuple[dict[str, PartSpec], list[str], dict[str, Any], dict[str, str], dict[str, dict[str, Any]] | None] | None:
    """Parts, required names, annotation, files and (when the lite validator can check
    it: see :func:`wiki_lint.schema_lite.unsupported`) referenced documents of a schema
    whose references are all plain file names; None when the schema needs the
    referencing library, or has an error (which the full load reports in its own words)."""
    files = {str(path.resolve()): _text_digest(path)}
    documents: dict[str, Any] = {}
    resolver = _PlainResolver(document["$id"], document["$id"], (path.resolve().parent, builtin_dir().resolve()), files, documents)
    try:
        parts, required, annotation = _collect(document, resolver, str(path))
        _resolve_every_ref(document, resolver)
    except (_NotPlain, SchemaError, RecursionError):
        return None
    from wiki_lint.schema_lite import unsupported

    lite = documents if unsupported(document, path.resolve().as_uri(), documents) is None else None
    return parts, required, annotation, files, lite


def _order(annotation: dict[str, Any], parts: dict[str, PartSpec], path: str) -> tuple[str, ...]:
    """The schema's recommended section order; every name must be a part with headings."""
    order = tuple(annotation.get("order", ()))
    for name in order:
        if name not in parts or not parts[name].headings:
            raise SchemaError(path, f"order names {name!r}, which is not a part with headings", key=f"$.{ANNOTATION}.order")
    return order


# sha256 digests of schema texts known to pass both meta-schema checks (filled by the
# cache from earlier runs of the same wiki-lint, and by every check that passes), so a
# schema is meta-checked once, not in every process.
META_CHECKED: set[str] = set()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, by CPython's built-in SHA-256 module when there is
    one: ``hashlib`` loads OpenSSL on import, which costs a one-page run a millisecond."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # CPython 3.12+
        except ImportError:
            from hashlib import sha256
    return str(sha256(data).hexdigest())


def _text_digest(path: Path) -> str:
    try:
        return sha256_hex(path.read_bytes())
    except OSError:
        return ""


def read_schema_file(path: Path) -> dict[str, Any]:
    """Read a schema file and check it against both meta-schemas."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemaError(str(path), "no such schema file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(str(path), f"cannot be read: {exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(str(path), f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise SchemaError(str(path), "is nested too deeply to load") from None
    if not isinstance(document, dict):
        raise SchemaError(str(path), "a schema must be a JSON object")
    digest = sha256_hex(text.encode("utf-8"))
    if _builtin_checked(digest):
        return document  # the test suite compiled its patterns and meta-checked it
    check_schema_patterns(document, str(path))  # first: RE2 says precisely what is wrong
    if digest not in META_CHECKED:
        check_meta(document, str(path))
        META_CHECKED.add(digest)
    return document


def _builtin_checked(digest: str) -> bool:
    """Whether the text with this digest is a built-in schema the test suite checked
    (its patterns compile with RE2, it passes the current meta-schemas: see
    :mod:`wiki_lint.schema_digests`); its patterns are then compiled when first used."""
    from wiki_lint.schema_digests import BUILTIN_SHA256, META_SCHEMA_SHA256

    return digest in BUILTIN_SHA256 and _meta_schema_digest() == META_SCHEMA_SHA256


@lru_cache(maxsize=1)
def _meta_schema_digest() -> str:
    return _text_digest(builtin_dir() / META_SCHEMA)


def check_meta(document: dict[str, Any], path: str) -> None:
    """Raise SchemaError naming the key where ``document`` breaks a meta-schema."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(document))
    if error is None:
        meta = _meta_schema()
        error = best_match(Draft202012Validator(meta, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(document))
    if error is not None:
        raise SchemaError(path, error.message, key=error.json_path)
    try:
        Draft202012Validator.check_schema(document)
    except Exception as exc:  # SchemaError from jsonschema: a bad regex or format
        raise SchemaError(path, getattr(exc, "message", str(exc)), key=getattr(exc, "json_path", None)) from None


@lru_cache(maxsize=1)
def _meta_schema() -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((builtin_dir() / META_SCHEMA).read_text(encoding="utf-8"))
    return meta


def _registry(schema_folder: Path, files: dict[str, str]) -> Registry:
    """A registry that resolves ``$ref`` to local schema files only.

    Every file it reads is recorded in ``files`` (path -> sha256 of its text), so the
    schema's digest covers every file it references; each file is read once (the
    validator looks references up again for every page).
    """
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    roots = (schema_folder.resolve(), builtin_dir().resolve())

    @lru_cache(maxsize=None)
    def retrieve(uri: str) -> Resource[Any]:
        path = local_schema_path(uri, roots)
        contents = read_schema_file(path)
        files[str(path)] = _text_digest(path)
        return Resource.from_contents(contents, default_specification=DRAFT202012)

    return Registry(retrieve=retrieve)  # type: ignore[call-arg]


def _resolve_every_ref(node: Any, resolver: Any, seen: set[int] | None = None) -> None:
    """Look up every ``$ref`` reachable from ``node`` so each referenced file is read
    (and recorded) now; unresolvable ones are left for validation to report."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            try:
                resolved = resolver.lookup(ref)
            except (_NotPlain, SchemaError):
                raise
            except Exception as exc:
                if not _unresolvable(exc):
                    raise
                resolved = None
            if resolved is not None:
                _resolve_every_ref(resolved.contents, resolved.resolver, seen)
        for value in node.values():
            if isinstance(value, (dict, list)):
                _resolve_every_ref(value, resolver, seen)
    elif isinstance(node, list):
        for value in node:
            _resolve_every_ref(value, resolver, seen)


def local_schema_path(uri: str, roots: tuple[Path, ...]) -> Path:
    """The file a ``$ref`` URI names, or SchemaError saying why it is refused.

    Allowed: files inside ``roots`` (the schema's folder, then the built-in schemas),
    after following symlinks.  A bare built-in name that is not in the schema's folder
    (``medical-entry.schema.json``) is the built-in schema.  Refused: any URI scheme
    other than a local file (the network is never used), and every path that leads
    outside the roots, whether by ``..``, an absolute path or a symlink.
    """
    parsed = urlparse(uri)
    if parsed.scheme not in ("", "file") or parsed.netloc not in ("", "localhost"):
        raise SchemaError(
            uri,
            f"a {parsed.scheme or 'remote'} URL is refused: wiki-lint never fetches schemas from the network; "
            "save the schema next to yours and refer to it by file name",
            key="$ref",
        )
    raw = Path(unquote(parsed.path))
    candidates = [raw] if raw.is_absolute() else [root / raw for root in roots]
    if raw.is_absolute() and raw.parent == roots[0] and not raw.exists():
        candidates.append(roots[-1] / raw.name)  # a bare built-in name resolved against the user's folder
    for candidate in candidates:
        resolved = candidate.resolve()
        if not any(resolved.is_relative_to(root) for root in roots):
            via = " through a symlink" if _has_symlink(candidate, roots) else ""
            raise SchemaError(
                str(candidate),
                f"it leads outside the schema's folder ({roots[0]}) and the built-in schemas{via}; "
                "refused: copy the schema you need into the schema's folder",
                key="$ref",
            )
        if resolved.is_file():
            return resolved
    raise SchemaError(str(candidates[0]), "no such schema file", key="$ref")


def _has_symlink(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether ``path``, lexically inside a root, reaches outside through a symlink."""
    normal = Path(os.path.normpath(path))
    return any(normal.is_relative_to(root) for root in roots)


def _unresolvable(exc: Exception) -> bool:
    """Whether ``exc`` is the referencing library's "cannot resolve" error."""
    from referencing.exceptions import Unresolvable

    return isinstance(exc, Unresolvable)


def _collect(document: dict[str, Any], root: Any, path: str) -> tuple[dict[str, PartSpec], list[str], dict[str, Any]]:
    """Gather parts, required names and the schema-level annotation (a key set by the
    extending schema overrides the one it extends) from the schema, its ``allOf`` and
    ``$ref``s; ``root`` resolves references relative to the schema's ``$id``."""
    annotations: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    required: list[str] = []
    schema_annotation: dict[str, Any] = {}
    seen: dict[int, dict[str, Any]] = {}  # holding each node keeps its id from being reused

    def walk(node: dict[str, Any], resolver: Any) -> None:
        if id(node) in seen:
            return
        seen[id(node)] = node
        if "$ref" in node:
            try:
                resolved = resolver.lookup(node["$ref"])
            except (_NotPlain, SchemaError):
                raise
            except Exception as exc:
                if not _unresolvable(exc):
                    raise
                cause = _schema_error_in(exc)
                if cause is not None:  # refused, or a broken referenced schema
                    if cause.key == "$ref":
                        raise SchemaError(path, f"$ref {node['$ref']!r} cannot be resolved: {cause.problem}", key="$ref") from None
                    raise cause from None
                raise SchemaError(path, f"$ref {node['$ref']!r} cannot be resolved to a local schema file ({exc})", key="$ref") from None
            walk(resolved.contents, resolved.resolver)
        for sub in node.get("allOf", []):
            if isinstance(sub, dict):
                walk(sub, resolver)
        for name, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                annotations.setdefault(name, []).append((prop, prop.get(ANNOTATION, {})))
        for name in node.get("required", []):
            if name not in required:
                required.append(name)
        if isinstance(node.get(ANNOTATION), dict):
            schema_annotation.update(node[ANNOTATION])

    walk(document, root)
    parts = {name: _part(name, layers, path) for name, layers in annotations.items() if any(ann for _, ann in layers) or name in required}
    for name in required:
        if name not in parts:
            raise SchemaError(path, f"required part {name!r} has no properties entry", key="$.required")
    return parts, required, schema_annotation


def _schema_error_in(exc: BaseException) -> SchemaError | None:
    """The SchemaError our ``retrieve`` raised, which referencing wraps twice."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, SchemaError):
            return seen
        seen = seen.__cause__
    return None


def _part(name: str, layers: list[tuple[dict[str, Any], dict[str, Any]]], path: str) -> PartSpec:
    """Merge a part's annotations from the base schema up: lists add, scalars override."""
    merged: dict[str, Any] = {}
    title, description = name.replace("_", " ").capitalize(), ""
    for prop, annotation in layers:
        title = prop.get("title", title)
        description = prop.get("description", description)
        for key, value in annotation.items():
            if isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + [v for v in value if v not in merged[key]]
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return PartSpec(
        name=name,
        title=merged.get("title", title),
        description=description,
        lead=bool(merged.get("lead", False)),
        headings=tuple(merged.get("headings", ())),
        headings_by_lang={lang: tuple(names) for lang, names in merged.get("headings_by_lang", {}).items()},
        labels=tuple(merged.get("labels", ())),
        front_matter=tuple(merged.get("front_matter", ())),
        templates=tuple(merged.get("templates", ())),
        categories=tuple(merged.get("categories", ())),
        metadata=tuple(merged.get("metadata", ())),
        within=tuple(
            Within(tuple(w["parts"]), compile_pattern(w["pattern"], path, f"$.properties.{name}.x-wiki-lint.within"))
            for w in merged.get("within", ())
        ),
        messages=dict(merged.get("messages", {})),
        rules=dict(merged.get("rules", {})),
        hint=merged.get("hint"),
        template=_template(merged.get("template")),
    )


def _template(data: dict[str, Any] | None) -> PartTemplate | None:
    """The part's ``template`` annotation (already checked by the meta-schema)."""
    if not data:
        return None
    return PartTemplate(
        text=data["text"],
        form=data.get("form", "label"),
        after=tuple(data.get("after", ())),
        before=tuple(data.get("before", ())),
        at=data.get("at", "end"),
    )
