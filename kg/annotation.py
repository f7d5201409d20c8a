"""Read and validate curated annotation files (YAML) into the model.

Every error names the file, the line and the field. Usage::

    from kg.annotation import load_annotation
    annotated = load_annotation("data/annotations/deepseek-stargate-mwl.yaml")
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kg.errors import AnnotationError
from kg.model import (
    AnnotatedArticle,
    Article,
    Claim,
    Entity,
    Figure,
    Role,
    Span,
    Statement,
    Status,
)
from kg.vocab import CATEGORIES, ENTITY_TYPES, KINDS, PREFIXES, QUALIFIERS, STATUSES

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")
PREDICATE_RE = re.compile(r"^(?:([a-z][a-z0-9]*):)?([A-Za-z_][A-Za-z0-9_-]*)$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
LANGUAGES = ("fr", "en")


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
        return AnnotationError(self.path, self.line, self.field, message)

    def mapping(self, allowed: tuple[str, ...]) -> dict[str, _Node]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error("expected a mapping of fields")
        out: dict[str, _Node] = {}
        for key, value in self.node.value:
            name = key.value
            child = _Node(self.path, value, f"{self.field}.{name}" if self.field else name)
            if name not in allowed:
                raise AnnotationError(
                    self.path,
                    key.start_mark.line + 1,
                    child.field,
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
        return [_Node(self.path, n, f"{self.field}[{i}]") for i, n in enumerate(self.node.value)]

    def scalar(self) -> Any:
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error("expected a single value")
        return yaml.safe_load(yaml.serialize(self.node))

    def string(self) -> str:
        value = self.scalar()
        if not isinstance(value, str) or not value.strip():
            raise self.error("expected non-empty text")
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
        return value

    def identifier(self) -> str:
        value = self.string()
        if not ID_RE.match(value):
            raise self.error(f"'{value}' is not an id (lower-case letters, digits and '-')")
        return value

    def choice(self, options: dict[str, Any]) -> str:
        value = self.string()
        if value not in options:
            raise self.error(f"unknown value '{value}' (expected one of: {', '.join(options)})")
        return value

    def id_list(self) -> list[tuple[_Node, str]]:
        if isinstance(self.node, yaml.ScalarNode) and not self.node.tag.endswith(":null"):
            return [(self, self.identifier())]
        return [(item, item.identifier()) for item in self.items()]


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


def _article(node: _Node, base_dir: Path) -> Article:
    fields = node.mapping(
        ("id", "title", "title_note", "publisher", "language", "date", "url", "text_file")
    )
    text_node = _required(fields, "text_file", node)
    text_path = base_dir / text_node.string()
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise text_node.error(f"cannot read the article text {text_path}: {exc}") from None
    date = None
    if "date" in fields:
        date = str(fields["date"].scalar())
        if not DATE_RE.match(date):
            raise fields["date"].error(f"'{date}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    url = fields["url"].string() if "url" in fields else None
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise fields["url"].error(f"'{url}' is not an http(s) URL")
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
        if not WIKIDATA_RE.match(wikidata):
            raise fields["wikidata"].error(f"'{wikidata}' is not a Wikidata id like Q42")
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
    if currency is not None and not CURRENCY_RE.match(currency):
        raise fields["currency"].error(f"'{currency}' is not an ISO 4217 code like USD or EUR")
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
    match = PREDICATE_RE.match(predicate)
    if not match or (match.group(1) and match.group(1) not in PREFIXES):
        raise predicate_node.error(
            f"'{predicate}' is not a predicate (a name like trainedWith, or prefix:name with a "
            f"known prefix: {', '.join(PREFIXES)})"
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
    "summary", "figures", "status", "disputes", "supports", "statements",
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
            raise statement_node.error(f"no figure '{statement.object_figure}' in this claim")
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
    )


def _unique(nodes: list[_Node], ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for node, ident in zip(nodes, ids, strict=True):
        if ident in seen:
            raise node.error(f"{what} id '{ident}' is used twice")
        seen.add(ident)


def parse_annotation(source: str, path: str, base_dir: Path) -> AnnotatedArticle:
    """Parse annotation YAML text; ``path`` names the file in errors.

    Usage: ``parse_annotation(Path(p).read_text(), p, Path(p).parent)``.
    """
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise AnnotationError(path, line, "(yaml)", f"not valid YAML: {exc.problem}") from None
    if root is None:
        raise AnnotationError(path, 1, "(file)", "the file is empty")
    top = _Node(path, root, "")
    fields = top.mapping(("article", "entities", "claims"))
    article = _article(_required(fields, "article", top), base_dir)
    entity_nodes = fields["entities"].items() if "entities" in fields else []
    entities = [_entity(n, article.text) for n in entity_nodes]
    _unique(entity_nodes, [e.id for e in entities], "entity")
    refs = _References()
    claim_nodes = _required(fields, "claims", top).items()
    claims = [_claim(n, article.text, refs) for n in claim_nodes]
    _unique(claim_nodes, [c.id for c in claims], "claim")

    entity_ids = {e.id for e in entities}
    for node, entity in zip(entity_nodes, entities, strict=True):
        refs.entities.extend((node, r.organization) for r in entity.roles if r.organization)
        refs.entities.extend((node, m) for m in entity.member_of)
    if article.publisher:
        refs.entities.append((fields["article"], article.publisher))
    for node, ref in refs.entities:
        if ref not in entity_ids:
            raise node.error(f"unknown entity '{ref}' (not in this file's entities)")
    claim_ids = {c.id for c in claims}
    for node, ref in refs.claims:
        if ref not in claim_ids:
            raise node.error(f"unknown claim '{ref}'")
    return AnnotatedArticle(article=article, entities=entities, claims=claims, origin=path)


def load_annotation(path: str | Path) -> AnnotatedArticle:
    """Read and validate one annotation file. Usage: ``load_annotation("a.yaml")``."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError(str(path), None, "(file)", "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(str(path), None, "(file)", f"cannot read: {exc}") from None
    return parse_annotation(source, str(path), path.parent)
