"""The in-memory model of an annotated article: one model for every way in.

Curated annotation files, automatic extraction and imported reviews all build these
objects; :mod:`kg.mapping` turns them into RDF. Usage::

    from kg.annotation import load_annotation
    annotated = load_annotation("data/annotations/deepseek-stargate-mwl.yaml")
    annotated.claims[0].text
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: character offsets (code points) and the exact words."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Role:
    """A role of an entity as one article states it (job title, affiliation)."""

    title: str
    organization: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Entity:
    """A person, organisation, unnamed group, product, place or event."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    wikidata: str | None = None
    member_of: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Figure:
    """A number stated in a claim, normalised: value, unit or ISO 4217 currency, qualifier."""

    id: str
    value: float | int
    span: Span
    unit: str | None = None
    currency: str | None = None
    qualifier: str = "exactly"
    quantity: str | None = None
    about: str | None = None


@dataclass(frozen=True)
class Statement:
    """One triple of what a claim says (stated in the claim's own graph, never asserted)."""

    subject: str
    predicate: str
    object_entity: str | None = None
    object_figure: str | None = None
    object_text: str | None = None


@dataclass(frozen=True)
class Status:
    """A claim's status with its reason: a text cue, other claims, and who assessed it."""

    status: str
    reason: str
    cue: Span | None = None
    based_on: tuple[str, ...] = ()


#: Classes of attribution cue: what kind of word introduced the claim.
CUE_CLASSES = ("speech", "evidence", "belief", "intention", "accusation", "denial",
               "according")


@dataclass(frozen=True)
class AttributionCue:
    """How an extracted claim was attributed: the cue words (« a-t-il déclaré », "according
    to"), their class, and how sure the extractor is of the speaker (0-1)."""

    confidence: float
    cue: Span | None = None
    cue_class: str | None = None


@dataclass(frozen=True)
class Claim:
    """One statement of an article, attributed, located, with figures and a status."""

    id: str
    text: str
    start: int
    end: int
    kind: str
    category: str
    claimants: tuple[str, ...]
    reported_by: tuple[str, ...]
    status: Status
    about: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    statements: tuple[Statement, ...] = ()
    disputes: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    summary: str | None = None
    attribution: AttributionCue | None = None


@dataclass(frozen=True)
class Article:
    """The source document and its metadata."""

    id: str
    title: str
    language: str
    text: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    title_note: str | None = None


@dataclass
class AnnotatedArticle:
    """An article with its entities and claims: the unit that is ingested as one graph."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    origin: str = ""

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id. Usage: ``annotated.entity("roy-chua").name``."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)
