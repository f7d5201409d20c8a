"""Read what reconciliation needs from a store: entities, articles, claims, figures, statuses.

Everything is read from the source graphs (articles, reviews), never from the derived
reconciliation graph, so a run does not depend on the previous one. Usage::

    from kg.reconcile.snapshot import read_snapshot
    with open_store() as store:
        snapshot = read_snapshot(store)
    snapshot.claims["https://kg.example.org/id/claim/deepseek-stargate-mwl/c11"].figures
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field

from kg.entity_index import ENTITY_INDEX_GRAPH
from kg.listing import number
from kg.reconcile.terms import RECONCILIATION_GRAPH
from kg.store import Row, Store
from kg.vocab import ENTITY_TYPES, PREFIXES, QUALIFIER, STATUS, WD

_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
_NOT_DERIVED = f"FILTER(?g NOT IN (<{RECONCILIATION_GRAPH}>, <{ENTITY_INDEX_GRAPH}>))"
#: Class IRI → kg entity type, in the order that decides an entity's primary type.
TYPE_OF_CLASS: dict[str, str] = {classes[0]: name for name, classes in ENTITY_TYPES.items()}
TYPE_ORDER = tuple(ENTITY_TYPES)


@dataclass
class EntityRecord:
    """One entity IRI with everything every source graph says about it."""

    iri: str
    types: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)
    roles: set[tuple[str | None, str, str]] = field(default_factory=set)
    member_of: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        """The primary type: person before organization before group ... before thing."""
        return next((t for t in TYPE_ORDER if t in self.types), "thing")

    @property
    def name(self) -> str:
        """The fullest name (most words, then alphabetical): 'Roy Chua' over 'Chua'."""
        return min(self.names, key=lambda n: (-len(n.split()), n)) if self.names else self.iri

    @property
    def organizations(self) -> set[str]:
        """Organisations the entity has a role at."""
        return {org for org, _, _ in self.roles if org}


@dataclass(frozen=True)
class ArticleRecord:
    """An article's metadata: date (as written), language, title, publisher."""

    iri: str
    date: str | None
    language: str
    title: str | None
    publisher: str | None

    @property
    def date_key(self) -> str:
        """A sortable date; a partial date counts as the END of its period (2025-01 →
        2025-01-31), so an article is only said to come first when it surely does."""
        if not self.date:
            return "9999-12-31"
        parts = self.date.split("-")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class FigureRecord:
    """A figure of a claim, as stored."""

    iri: str
    value: float
    unit: str | None
    currency: str | None
    qualifier: str
    quantity: str | None
    text: str
    about: str | None


@dataclass(frozen=True)
class StatementRecord:
    """One content triple of a claim; ``obj`` is an IRI when ``obj_is_iri``, else text."""

    subject: str
    predicate: str
    obj: str
    obj_is_iri: bool


@dataclass(frozen=True)
class Assessment:
    """One status assessment of a claim's history (the article's, a review, a retraction)."""

    iri: str
    sequence: int
    status: str
    reason: str
    kind: str
    retracts: str | None = None


@dataclass
class ClaimRecord:
    """A claim with its place in its article, speakers, figures, content and statuses."""

    iri: str
    article: str
    start: int
    claimants: set[str] = field(default_factory=set)
    about: set[str] = field(default_factory=set)
    figures: list[FigureRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    checkable: bool = True
    #: Made by kg extract (its attribution has a kg:confidence), not curated.
    extracted: bool = False
    history: list[Assessment] = field(default_factory=list)
    current_status: tuple[str, str] | None = None

    @property
    def article_status(self) -> tuple[str, str]:
        """(status, reason) of the article's own assessment."""
        own = [a for a in self.history if a.kind == "article" and a.sequence == 0]
        first = min(own, key=lambda a: a.iri) if own else None
        return (first.status, first.reason) if first else ("unverified", "")


@dataclass
class Snapshot:
    """Everything reconciliation reads, keyed by IRI."""

    entities: dict[str, EntityRecord]
    articles: dict[str, ArticleRecord]
    claims: dict[str, ClaimRecord]

    def order_key(self, claim: str) -> tuple[str, str, int, str]:
        """Who said it first: article date, then article IRI, then position, then IRI."""
        record = self.claims[claim]
        article = self.articles.get(record.article)
        date = article.date_key if article else "9999-12-31"
        return (date, record.article, record.start, claim)


def _q(body: str) -> str:
    return f"{_PREFIX_LINES}\n{body}"


def select_every(store: Store, sparql: str, order: str) -> list[Row]:
    """Every row of a SELECT. A remote store that caps its answers (Virtuoso: 10 000 rows)
    is read page by page, in the stable order ``order`` (e.g. ``"?c ?a"``)."""
    paged = getattr(store, "select_all", None)
    if paged is not None:
        return paged(f"{sparql}\nORDER BY {order}")
    return store.select(sparql)


def _v(row: Row, key: str) -> str | None:
    binding = row.get(key)
    return binding["value"] if binding else None


def _short(iri: str, namespace: object) -> str:
    return iri.removeprefix(str(namespace))


def _entities(store: Store) -> dict[str, EntityRecord]:
    entities: dict[str, EntityRecord] = {}
    values = " ".join(f"<{cls}>" for cls in TYPE_OF_CLASS)
    for row in select_every(store, _q(f"""SELECT DISTINCT ?e ?type ?name WHERE {{
  GRAPH ?g {{ ?e a ?type ; schema:name ?name }} VALUES ?type {{ {values} }} {_NOT_DERIVED} }}"""),
                            "?e ?type ?name"):
        record = entities.setdefault(row["e"]["value"], EntityRecord(row["e"]["value"]))
        record.types.add(TYPE_OF_CLASS[row["type"]["value"]])
        record.names.add(row["name"]["value"])
    for row in select_every(store, _q(f"""SELECT DISTINCT ?e ?alias WHERE {{
  GRAPH ?g {{ ?e schema:alternateName ?alias }} {_NOT_DERIVED} }}"""),
                            "?e ?alias"):
        if row["e"]["value"] in entities:
            entities[row["e"]["value"]].aliases.add(row["alias"]["value"])
    for row in select_every(store, _q(f"""SELECT DISTINCT ?e ?wd WHERE {{
  GRAPH ?g {{ ?e owl:sameAs ?wd }} {_NOT_DERIVED}
  FILTER(STRSTARTS(STR(?wd), "{WD}")) }}"""),
                            "?e ?wd"):
        if row["e"]["value"] in entities:
            entities[row["e"]["value"]].wikidata.add(_short(row["wd"]["value"], WD))
    for row in select_every(store, _q(f"""SELECT DISTINCT ?e ?org ?article ?title WHERE {{
  GRAPH ?g {{ ?e kg:role ?r . ?r prov:wasDerivedFrom ?article ; schema:roleName ?title .
              OPTIONAL {{ ?r kg:organization ?org }} }} {_NOT_DERIVED} }}"""),
                            "?e ?org ?article ?title"):
        if row["e"]["value"] in entities:
            entities[row["e"]["value"]].roles.add(
                (_v(row, "org"), row["article"]["value"], row["title"]["value"]))
    for row in select_every(store, _q(f"""SELECT DISTINCT ?e ?group WHERE {{
  GRAPH ?g {{ ?e schema:memberOf ?group }} {_NOT_DERIVED} }}"""),
                            "?e ?group"):
        if row["e"]["value"] in entities:
            entities[row["e"]["value"]].member_of.add(row["group"]["value"])
    for row in select_every(store, _q(f"""SELECT DISTINCT ?e ?article WHERE {{
  GRAPH ?g {{ ?e schema:subjectOf ?article }} {_NOT_DERIVED} }}"""),
                            "?e ?article"):
        if row["e"]["value"] in entities:
            entities[row["e"]["value"]].articles.add(row["article"]["value"])
    return entities


def _articles(store: Store) -> dict[str, ArticleRecord]:
    articles: dict[str, ArticleRecord] = {}
    rows = select_every(store, _q(f"""SELECT ?a (SAMPLE(?d) AS ?date) (SAMPLE(?l) AS ?lang)
       (SAMPLE(?t) AS ?title) (SAMPLE(?p) AS ?publisher) WHERE {{
  GRAPH ?g {{ ?a a schema:NewsArticle .
    OPTIONAL {{ ?a schema:datePublished ?d }} OPTIONAL {{ ?a schema:inLanguage ?l }}
    OPTIONAL {{ ?a schema:headline ?t }} OPTIONAL {{ ?a schema:publisher ?p }} }}
  {_NOT_DERIVED} }} GROUP BY ?a"""), "?a")
    for row in rows:
        iri = row["a"]["value"]
        articles[iri] = ArticleRecord(iri, _v(row, "date"), _v(row, "lang") or "en",
                                      _v(row, "title"), _v(row, "publisher"))
    return articles


def _claims(store: Store) -> dict[str, ClaimRecord]:
    claims: dict[str, ClaimRecord] = {}
    for row in select_every(store, _q(f"""SELECT ?c ?article (MIN(?s) AS ?start)
       (SAMPLE(?check) AS ?checkable) WHERE {{
  GRAPH ?g {{ ?c a schema:Claim ; schema:appearance ?article ;
    prov:qualifiedAttribution/oa:hasTarget/oa:hasSelector ?pos .
    ?pos a oa:TextPositionSelector ; oa:start ?s . OPTIONAL {{ ?c kg:checkable ?check }} }}
  {_NOT_DERIVED} }} GROUP BY ?c ?article"""),
                            "?c ?article"):
        iri = row["c"]["value"]
        if iri not in claims or row["article"]["value"] < claims[iri].article:
            claims[iri] = ClaimRecord(iri, row["article"]["value"], int(row["start"]["value"]),
                                      checkable=_v(row, "checkable") != "false")
    for row in select_every(store, _q(f"""SELECT DISTINCT ?c WHERE {{
  GRAPH ?g {{ ?c a schema:Claim ; prov:qualifiedAttribution/kg:confidence ?confidence }}
  {_NOT_DERIVED} }}"""), "?c"):
        if row["c"]["value"] in claims:
            claims[row["c"]["value"]].extracted = True
    for row in select_every(store, _q(f"""SELECT DISTINCT ?c ?rel ?e WHERE {{
  GRAPH ?g {{ VALUES ?rel {{ schema:author schema:about }} ?c a schema:Claim ; ?rel ?e }}
  {_NOT_DERIVED} }}"""),
                            "?c ?rel ?e"):
        claim = claims.get(row["c"]["value"])
        if claim is not None:
            target = claim.claimants if row["rel"]["value"].endswith("author") else claim.about
            target.add(row["e"]["value"])
    figures: dict[str, list[FigureRecord]] = defaultdict(list)
    for row in select_every(store, _q(f"""SELECT DISTINCT ?c ?f ?value ?unit ?currency ?qualifier
       ?quantity ?text ?about WHERE {{ GRAPH ?g {{
  ?c kg:figure ?f . ?f schema:value ?value ; kg:qualifier ?qualifier ; kg:text ?text .
  OPTIONAL {{ ?f schema:unitText ?unit }} OPTIONAL {{ ?f schema:currency ?currency }}
  OPTIONAL {{ ?f kg:quantity ?quantity }} OPTIONAL {{ ?f schema:about ?about }} }}
  {_NOT_DERIVED} }}"""),
                            "?c ?f ?value ?unit ?currency ?qualifier ?quantity ?text ?about"):
        figures[row["c"]["value"]].append(FigureRecord(
            iri=row["f"]["value"], value=number(row["value"]), unit=_v(row, "unit"),
            currency=_v(row, "currency"),
            qualifier=_short(row["qualifier"]["value"], QUALIFIER),
            quantity=_v(row, "quantity"), text=row["text"]["value"], about=_v(row, "about")))
    for iri, entries in figures.items():
        if iri in claims:
            claims[iri].figures = sorted(entries, key=lambda f: f.iri)
    for row in select_every(store, _q(f"""SELECT DISTINCT ?c ?s ?p ?o WHERE {{
  GRAPH ?g {{ ?c kg:assertion ?ag }} GRAPH ?ag {{ ?s ?p ?o }} {_NOT_DERIVED} }}"""),
                            "?c ?s ?p ?o"):
        claim = claims.get(row["c"]["value"])
        if claim is not None:
            claim.statements.append(StatementRecord(
                row["s"]["value"], row["p"]["value"], row["o"]["value"],
                row["o"]["type"] == "uri"))
    for claim in claims.values():
        claim.statements.sort(key=lambda s: (s.subject, s.predicate, s.obj))
    for row in select_every(store, _q(f"""SELECT ?c ?a ?seq ?status ?reason ?review ?retracts
       WHERE {{
  GRAPH ?g {{ ?c kg:statusAssessment ?a . ?a kg:sequence ?seq ; kg:status ?status ;
              kg:reason ?reason .
              OPTIONAL {{ ?a a schema:ClaimReview . BIND(true AS ?review) }}
              OPTIONAL {{ ?a kg:retracts ?retracts }} }} {_NOT_DERIVED} }}"""),
                            "?c ?a ?seq ?status ?reason ?review ?retracts"):
        claim = claims.get(row["c"]["value"])
        if claim is not None:
            kind = "review" if "review" in row else "retraction" if "retracts" in row \
                else "article"
            claim.history.append(Assessment(
                row["a"]["value"], int(row["seq"]["value"]),
                _short(row["status"]["value"], STATUS), row["reason"]["value"], kind,
                _v(row, "retracts")))
    for row in select_every(store, _q("""SELECT ?c ?status ?reason WHERE {
  GRAPH ?sg { ?c kg:status ?status ; kg:statusReason ?reason } }"""),
                            "?c ?status ?reason"):
        claim = claims.get(row["c"]["value"])
        if claim is not None:
            claim.current_status = (_short(row["status"]["value"], STATUS),
                                    row["reason"]["value"])
    for claim in claims.values():
        claim.history.sort(key=lambda a: (a.sequence, a.iri))
    return claims


def read_snapshot(store: Store) -> Snapshot:
    """Read entities, articles and claims from the store's source graphs."""
    return Snapshot(_entities(store), _articles(store), _claims(store))
