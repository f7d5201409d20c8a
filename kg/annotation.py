"""Read and validate curated annotation files (YAML) into the model.

Every error names the file, the line and the field, on one line: a YAML syntax error, a tag,
a number that is not finite, an empty field or a value the field cannot take. The article
text (``text_file``) is read only inside the corpus root (:func:`corpus_root_for`) with
:func:`kg.safe_files.read_inside`. Usage::

    from kg.annotation import load_annotation
    annotated = load_annotation("data/annotations/deepseek-stargate-mwl.yaml")
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from kg.errors import AnnotationError, shown
from kg.model import (
    CUE_CLASSES,
    AnnotatedArticle,
    Article,
    AttributionCue,
    Claim,
    Entity,
    Figure,
    Role,
    Span,
    Statement,
    Status,
)
from kg.safe_files import RefusedFile, read_inside
from kg.vocab import CATEGORIES, ENTITY_TYPES, KINDS, PREFIXES, QUALIFIERS, STATUSES

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")
PREDICATE_RE = re.compile(r"^(?:([a-z][a-z0-9]*):)?([A-Za-z_][A-Za-z0-9_-]*)$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
LANGUAGES = ("fr", "en")
#: What text may not hold: what XML 1.0 cannot carry (controls but tab and line breaks,
#: lone surrogates, U+FFFE and U+FFFF), so every export can write it.
NOT_TEXT_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: How deep a file may nest before it is refused (an annotation needs six levels).
MAX_DEPTH = 100
#: The environment variable that sets the corpus root (see :func:`corpus_root_for`).
CORPUS_ROOT_ENV = "KG_CORPUS_ROOT"
_CORE = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
T = TypeVar("T", Entity, Claim)


class _Node:
    """A YAML node with its location, so that every error can name file, line and field."""

    def __init__(self, path: str, node: yaml.Node, field: str) -> None:
        self.path = path
        self.node = node
        self.field = field

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    def error(self, message: str) -> AnnotationError:
        return AnnotationError(self.path, self.line, self.field or "(file)", message)

    def _plain(self, kind: str) -> None:
        """Refuse a tag on a mapping or list (``!!set``, ``!!omap``, ``!python/...``)."""
        if self.node.tag != _CORE + kind:
            raise self.error(f"the tag {_short(self.node.tag)} is not allowed (write plain YAML)")

    def mapping(self, allowed: tuple[str, ...]) -> dict[str, _Node]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error("expected a mapping of fields")
        self._plain("map")
        out: dict[str, _Node] = {}
        for key, value in self.node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise AnnotationError(self.path, key.start_mark.line + 1, self.field or "(file)",
                                      "a field name must be plain text, not a list or mapping")
            name = key.value
            child = _Node(self.path, value, f"{self.field}.{name}" if self.field else name)
            if name not in allowed:
                field = f"{self.field}.{shown(name)}" if self.field else shown(name)
                raise AnnotationError(
                    self.path,
                    key.start_mark.line + 1,
                    field,
                    f"unknown field (expected one of: {', '.join(allowed)})",
                )
            if name in out:
                raise child.error("field given twice")
            out[name] = child
        return out

    def items(self) -> list[_Node]:
        if isinstance(self.node, yaml.ScalarNode) and self.node.tag.endswith(":null"):
            return []
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error("expected a list")
        self._plain("seq")
        return [_Node(self.path, n, f"{self.field}[{i}]") for i, n in enumerate(self.node.value)]

    def scalar(self) -> Any:
        """The value, as YAML's core schema reads it; a tag may only say what the value
        already is (or ``!!str``), so ``!!float nan[x]`` or ``!!binary`` are refused."""
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error("expected a single value")
        text, tag = self.node.value, self.node.tag
        if tag not in (_CORE + "str", _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))):
            raise self.error(f"the tag {_short(tag)} is not allowed on '{shown(text)}' "
                             "(write the plain value)")
        try:
            construct = _CONSTRUCTOR.yaml_constructors.get(tag, _as_text)  # '=' and '<<'
            value = construct(_CONSTRUCTOR, self.node)
        except ValueError as exc:
            raise self.error(f"'{shown(text)}' cannot be read as {_short(tag)}: "
                             f"{shown(exc, 80)}") from None
        if isinstance(value, int) and abs(value) > sys.float_info.max:
            raise self.error(f"'{shown(text)}' is too large a number")
        return value

    def string(self) -> str:
        value = self.scalar()
        if not isinstance(value, str) or not value.strip():
            raise self.error("expected non-empty text")
        bad = NOT_TEXT_RE.search(value)
        if bad:
            raise self.error(f"the character U+{ord(bad.group()):04X} is not allowed in text")
        return value

    def integer(self) -> int:
        value = self.scalar()
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.error("expected a non-negative whole number")
        return value

    def number(self) -> int | float:
        value = self.scalar()
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error("expected a number (write 5600000, not '5,6 millions')")
        if not abs(value) <= sys.float_info.max:  # false for nan, inf and -inf
            raise self.error(f"'{value}' is not a finite number")
        return value

    def identifier(self) -> str:
        value = self.string()
        if not ID_RE.fullmatch(value):
            raise self.error(f"'{shown(value)}' is not an id (lower-case letters, digits and '-')")
        return value

    def choice(self, options: dict[str, Any]) -> str:
        value = self.string()
        if value not in options:
            raise self.error(f"unknown value '{shown(value)}' "
                             f"(expected one of: {', '.join(options)})")
        return value

    def id_list(self) -> list[tuple[_Node, str]]:
        if isinstance(self.node, yaml.ScalarNode) and not self.node.tag.endswith(":null"):
            return [(self, self.identifier())]
        return [(item, item.identifier()) for item in self.items()]


def _short(tag: str) -> str:
    """``!!float`` for YAML's own tags, the tag itself for any other."""
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else shown(tag)


def _as_text(constructor: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> str:
    return constructor.construct_yaml_str(node)


def _required(fields: dict[str, _Node], name: str, parent: _Node) -> _Node:
    if name not in fields:
        raise parent.error(f"missing required field '{name}'")
    return fields[name]


def _span(fields: dict[str, _Node], parent: _Node, text: str, key: str = "text") -> Span:
    """Check that ``text[start:end]`` is exactly the quoted words."""
    words_node = _required(fields, key, parent)
    words = words_node.string()
    start_node = _required(fields, "start", parent)
    end_node = _required(fields, "end", parent)
    start, end = start_node.integer(), end_node.integer()
    if text[start:end] != words:
        found = text.find(words)
        hint = f"; the text is at start: {found}, end: {found + len(words)}" if found >= 0 else (
            "; the text does not occur in the article"
        )
        raise start_node.error(f"offsets {start}-{end} do not hold the exact text{hint}")
    return Span(start, end, words)


def _optional_span(node: _Node | None, text: str) -> Span | None:
    if node is None:
        return None
    fields = node.mapping(("text", "start", "end"))
    return _span(fields, node, text)


def corpus_root_for(folder: Path, configured: str | Path | None = None) -> Path:
    """The folder that the ``text_file`` of annotations in ``folder`` must lie in:
    ``configured`` (or else the ``KG_CORPUS_ROOT`` environment variable) when ``folder`` is
    inside it; else, for a folder named ``annotations`` (kg's layout: ``corpus/annotations/``
    next to ``corpus/articles/``), the folder above; else ``folder`` itself.

    Usage: ``corpus_root_for(Path("data/annotations"))`` → ``Path("data")``.
    """
    chosen = configured or os.environ.get(CORPUS_ROOT_ENV)
    if chosen and Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(chosen)):
        return Path(chosen)
    return folder.parent if folder.absolute().name == "annotations" else folder


def _article(node: _Node, base_dir: Path, root: Path) -> Article:
    fields = node.mapping(
        ("id", "title", "title_note", "publisher", "language", "date", "url", "text_file")
    )
    text_node = _required(fields, "text_file", node)
    try:
        raw = read_inside(root, base_dir, text_node.string())
    except RefusedFile as exc:
        raise text_node.error(f"refused: {exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise text_node.error(f"the article text is not UTF-8 (byte {exc.start})") from None
    date = None
    if "date" in fields:
        date = str(fields["date"].scalar())
        if not DATE_RE.fullmatch(date):
            raise fields["date"].error(
                f"'{shown(date)}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    url = fields["url"].string() if "url" in fields else None
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise fields["url"].error(f"'{shown(url)}' is not an http(s) URL")
    language = _required(fields, "language", node).choice(dict.fromkeys(LANGUAGES))
    return Article(
        id=_required(fields, "id", node).identifier(),
        title=_required(fields, "title", node).string(),
        language=language,
        text=text,
        publisher=fields["publisher"].identifier() if "publisher" in fields else None,
        date=date,
        url=url,
        title_note=fields["title_note"].string() if "title_note" in fields else None,
    )


def _entity(node: _Node, text: str) -> Entity:
    fields = node.mapping(
        ("id", "name", "type", "aliases", "roles", "wikidata", "member_of", "description")
    )
    roles = []
    for role_node in fields["roles"].items() if "roles" in fields else []:
        role_fields = role_node.mapping(("title", "organization", "text", "start", "end"))
        span = _span(role_fields, role_node, text) if "text" in role_fields else None
        roles.append(
            Role(
                title=_required(role_fields, "title", role_node).string(),
                organization=role_fields["organization"].identifier()
                if "organization" in role_fields
                else None,
                span=span,
            )
        )
    wikidata = None
    if "wikidata" in fields:
        wikidata = fields["wikidata"].string()
        if not WIKIDATA_RE.fullmatch(wikidata):
            raise fields["wikidata"].error(f"'{shown(wikidata)}' is not a Wikidata id like Q42")
    aliases = [a.string() for a in fields["aliases"].items()] if "aliases" in fields else []
    return Entity(
        id=_required(fields, "id", node).identifier(),
        name=_required(fields, "name", node).string(),
        type=_required(fields, "type", node).choice(ENTITY_TYPES),
        aliases=tuple(aliases),
        roles=tuple(roles),
        wikidata=wikidata,
        member_of=tuple(m for _, m in fields["member_of"].id_list()) if "member_of" in fields
        else (),
        description=fields["description"].string() if "description" in fields else None,
    )


def _figure(node: _Node, index: int, text: str) -> Figure:
    fields = node.mapping(
        ("id", "value", "unit", "currency", "qualifier", "quantity", "about", "text", "start",
         "end")
    )
    unit = fields["unit"].string() if "unit" in fields else None
    currency = fields["currency"].string() if "currency" in fields else None
    if (unit is None) == (currency is None):
        raise node.error("a figure needs exactly one of 'unit' or 'currency'")
    if currency is not None and not CURRENCY_RE.fullmatch(currency):
        raise fields["currency"].error(
            f"'{shown(currency)}' is not an ISO 4217 code like USD or EUR")
    return Figure(
        id=fields["id"].identifier() if "id" in fields else f"f{index + 1}",
        value=_required(fields, "value", node).number(),
        span=_span(fields, node, text),
        unit=unit,
        currency=currency,
        qualifier=fields["qualifier"].choice(QUALIFIERS) if "qualifier" in fields else "exactly",
        quantity=fields["quantity"].string() if "quantity" in fields else None,
        about=fields["about"].identifier() if "about" in fields else None,
    )


def _statement(node: _Node) -> Statement:
    fields = node.mapping(("subject", "predicate", "object", "object_figure", "object_text"))
    objects = [k for k in ("object", "object_figure", "object_text") if k in fields]
    if len(objects) != 1:
        raise node.error("a statement needs exactly one of object, object_figure, object_text")
    predicate_node = _required(fields, "predicate", node)
    predicate = predicate_node.string()
    match = PREDICATE_RE.fullmatch(predicate)
    if not match or (match.group(1) and match.group(1) not in PREFIXES):
        raise predicate_node.error(
            f"'{shown(predicate)}' is not a predicate (a name like trainedWith, or prefix:name "
            f"with a known prefix: {', '.join(PREFIXES)})"
        )
    return Statement(
        subject=_required(fields, "subject", node).identifier(),
        predicate=predicate,
        object_entity=fields["object"].identifier() if "object" in fields else None,
        object_figure=fields["object_figure"].identifier() if "object_figure" in fields else None,
        object_text=fields["object_text"].string() if "object_text" in fields else None,
    )


def _status(node: _Node, text: str) -> tuple[Status, list[tuple[_Node, str]]]:
    fields = node.mapping(("value", "reason", "cue", "based_on"))
    based_on = fields["based_on"].id_list() if "based_on" in fields else []
    status = Status(
        status=_required(fields, "value", node).choice(STATUSES),
        reason=_required(fields, "reason", node).string(),
        cue=_optional_span(fields.get("cue"), text),
        based_on=tuple(ref for _, ref in based_on),
    )
    return status, based_on


_CLAIM_FIELDS = (
    "id", "text", "start", "end", "kind", "category", "claimants", "reported_by", "about",
    "summary", "figures", "status", "disputes", "supports", "statements", "attribution",
)


class _References:
    """Ids used before they are defined, checked once the whole file is read."""

    def __init__(self) -> None:
        self.entities: list[tuple[_Node, str]] = []
        self.claims: list[tuple[_Node, str]] = []


def _claim(node: _Node, text: str, refs: _References) -> Claim:
    fields = node.mapping(_CLAIM_FIELDS)
    span = _span(fields, node, text)
    claim_id = _required(fields, "id", node).identifier()
    claimants = _required(fields, "claimants", node).id_list()
    if not claimants:
        raise fields["claimants"].error("a claim needs at least one claimant")
    reported_by = fields["reported_by"].id_list() if "reported_by" in fields else []
    about = fields["about"].id_list() if "about" in fields else []
    refs.entities.extend(claimants + reported_by + about)
    figures = [
        _figure(f, i, text) for i, f in enumerate(fields["figures"].items())
    ] if "figures" in fields else []
    figure_ids = [f.id for f in figures]
    if len(set(figure_ids)) != len(figure_ids):
        raise fields["figures"].error("two figures share an id")
    figure_nodes = fields["figures"].items() if "figures" in fields else []
    for figure_node, figure in zip(figure_nodes, figures, strict=True):
        if figure.about:
            refs.entities.append((figure_node, figure.about))
    statements = []
    for statement_node in fields["statements"].items() if "statements" in fields else []:
        statement = _statement(statement_node)
        refs.entities.append((statement_node, statement.subject))
        if statement.object_entity:
            refs.entities.append((statement_node, statement.object_entity))
        if statement.object_figure and statement.object_figure not in figure_ids:
            raise statement_node.error(
                f"no figure '{shown(statement.object_figure)}' in this claim")
        statements.append(statement)
    status, based_on = _status(_required(fields, "status", node), text)
    disputes = fields["disputes"].id_list() if "disputes" in fields else []
    supports = fields["supports"].id_list() if "supports" in fields else []
    refs.claims.extend(based_on + disputes + supports)
    return Claim(
        id=claim_id,
        text=span.text,
        start=span.start,
        end=span.end,
        kind=_required(fields, "kind", node).choice(KINDS),
        category=_required(fields, "category", node).choice(CATEGORIES),
        claimants=tuple(c for _, c in claimants),
        reported_by=tuple(r for _, r in reported_by),
        status=status,
        about=tuple(a for _, a in about),
        figures=tuple(figures),
        statements=tuple(statements),
        disputes=tuple(d for _, d in disputes),
        supports=tuple(s for _, s in supports),
        summary=fields["summary"].string() if "summary" in fields else None,
        attribution=_attribution(fields["attribution"], text) if "attribution" in fields
        else None,
    )


def _attribution(node: _Node, text: str) -> AttributionCue:
    """``attribution: {confidence: 0.72, cue_class: speech, cue: {text, start, end}}``."""
    fields = node.mapping(("confidence", "cue", "cue_class"))
    confidence_node = _required(fields, "confidence", node)
    confidence = confidence_node.number()
    if not 0 <= confidence <= 1:
        raise confidence_node.error(f"a confidence is between 0 and 1, not {confidence}")
    return AttributionCue(
        confidence=float(confidence),
        cue=_optional_span(fields.get("cue"), text),
        cue_class=fields["cue_class"].choice(dict.fromkeys(CUE_CLASSES))
        if "cue_class" in fields else None,
    )


def _unique(nodes: list[_Node], read: Callable[[_Node], T], what: str) -> list[T]:
    """Each node read in turn, refused as soon as an id repeats (so a list of a thousand
    aliases of one claim stops at the second)."""
    seen: set[str] = set()
    out = []
    for node in nodes:
        item = read(node)
        if item.id in seen:
            raise node.error(f"{what} id '{shown(item.id)}' is used twice")
        seen.add(item.id)
        out.append(item)
    return out


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing to nest deeper than MAX_DEPTH (its composer recurses,
    so a deep file would otherwise end in Python's RecursionError)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} "
                                              "levels deep", self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(source: str, path: str) -> yaml.Node | None:
    """The YAML node tree; any reader or parser error is one AnnotationError with its line."""
    try:
        return yaml.compose(source, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        line = source.count("\n", 0, exc.position) + 1
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else exc.character
        raise AnnotationError(path, line, "(yaml)",
                              f"not valid YAML: unacceptable character {char}: {exc.reason}"
                              ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "cannot be read"
        raise AnnotationError(path, line, "(yaml)", f"not valid YAML: {problem}") from None


def parse_annotation(source: str, path: str, base_dir: Path,
                     corpus_root: str | Path | None = None) -> AnnotatedArticle:
    """Parse annotation YAML text; ``path`` names the file in errors, ``text_file`` is read
    relative to ``base_dir`` and inside the corpus root (:func:`corpus_root_for`).

    Usage: ``parse_annotation(Path(p).read_text(), p, Path(p).parent)``.
    """
    tree = _compose(source, path)
    if tree is None:
        raise AnnotationError(path, 1, "(file)", "the file is empty")
    top = _Node(path, tree, "")
    fields = top.mapping(("article", "entities", "claims"))
    root = corpus_root_for(base_dir, corpus_root)
    article = _article(_required(fields, "article", top), base_dir, root)
    entity_nodes = fields["entities"].items() if "entities" in fields else []
    entities = _unique(entity_nodes, lambda n: _entity(n, article.text), "entity")
    refs = _References()
    claim_nodes = _required(fields, "claims", top).items()
    claims = _unique(claim_nodes, lambda n: _claim(n, article.text, refs), "claim")

    entity_ids = {e.id for e in entities}
    for node, entity in zip(entity_nodes, entities, strict=True):
        refs.entities.extend((node, r.organization) for r in entity.roles if r.organization)
        refs.entities.extend((node, m) for m in entity.member_of)
    if article.publisher:
        refs.entities.append((fields["article"], article.publisher))
    for node, ref in refs.entities:
        if ref not in entity_ids:
            raise node.error(f"unknown entity '{shown(ref)}' (not in this file's entities)")
    claim_ids = {c.id for c in claims}
    for node, ref in refs.claims:
        if ref not in claim_ids:
            raise node.error(f"unknown claim '{shown(ref)}'")
    return AnnotatedArticle(article=article, entities=entities, claims=claims, origin=path)


def load_annotation(path: str | Path, corpus_root: str | Path | None = None) -> AnnotatedArticle:
    """Read and validate one annotation file; its ``text_file`` must lie inside the corpus
    root (see :func:`corpus_root_for`: ``corpus_root`` here, else ``KG_CORPUS_ROOT``, else the
    annotation's folder, or the folder above a folder named ``annotations``).

    Usage: ``load_annotation("a.yaml")``, ``load_annotation("a.yaml", corpus_root="corpus")``.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnnotationError(str(path), None, "(file)", "no such file") from None
    except OSError as exc:
        raise AnnotationError(str(path), None, "(file)", f"cannot read: {exc.strerror}") from None
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotationError(str(path), data.count(b"\n", 0, exc.start) + 1, "(file)",
                              f"not UTF-8 text (byte {exc.start})") from None
    return parse_annotation(source, str(path), path.parent, corpus_root)
