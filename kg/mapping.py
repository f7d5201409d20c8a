"""The one mapping from the model to RDF: an annotated article becomes quads.

Everything an article says goes into its own named graph; what each claim states
goes into the claim's assertion graph (nanopublication pattern), attributed to the
claimants and never asserted as true. Usage::

    from kg.mapping import article_quads
    quads = article_quads(annotated)   # list of rdflib (s, p, o, graph) tuples
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from kg.entity_index import name_key
from kg.model import AnnotatedArticle, Article, Claim, Entity, Figure, Span, Statement
from kg.vocab import (
    CATEGORIES,
    CATEGORY,
    ENTITY_TYPES,
    KG,
    KGP,
    KIND,
    OA,
    PREFIXES,
    QUALIFIER,
    SCHEMA,
    STATUS,
    WD,
    article_iri,
    assertion_graph_iri,
    claim_iri,
    entity_iri,
    graph_iri,
    status_graph_iri,
)

Quad = tuple[Node, Node, Node, URIRef]
CONTEXT_CHARS = 32


def _number(value: float | int) -> Literal:
    """An exact decimal literal: 5600000, 5.6 and 30800000 keep their written value."""
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    return Literal(Decimal(repr(value)), datatype=XSD.decimal)


def _date(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)


def _predicate(name: str) -> URIRef:
    if ":" in name:
        prefix, local = name.split(":", 1)
        return URIRef(PREFIXES[prefix] + local)
    return KGP[name]


class _Writer:
    """Collects the quads of one graph in the order they are written."""

    def __init__(self, graph: str) -> None:
        self.graph = URIRef(graph)
        self.quads: list[Quad] = []

    def add(self, s: Node, p: Node, o: Node, graph: URIRef | None = None) -> None:
        self.quads.append((s, p, o, graph or self.graph))

    def text(self, s: Node, p: Node, value: str | None, lang: str | None = None) -> None:
        if value is not None:
            self.add(s, p, Literal(value, lang=lang))

    def span(self, node: URIRef, span: Span, article: Article) -> None:
        """A W3C Web Annotation target: the article, a position selector, a quote selector."""
        position = URIRef(f"{node}-position")
        quote = URIRef(f"{node}-quote")
        self.add(node, RDF.type, OA.SpecificResource)
        self.add(node, OA.hasSource, URIRef(article_iri(article.id)))
        self.add(node, OA.hasSelector, position)
        self.add(node, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(span.start, datatype=XSD.integer))
        self.add(position, OA.end, Literal(span.end, datatype=XSD.integer))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.text))
        self.add(quote, OA.prefix, Literal(article.text[max(0, span.start - CONTEXT_CHARS):
                                                         span.start]))
        self.add(quote, OA.suffix, Literal(article.text[span.end:span.end + CONTEXT_CHARS]))


def _article(w: _Writer, article: Article) -> None:
    node = URIRef(article_iri(article.id))
    w.add(node, RDF.type, SCHEMA.NewsArticle)
    w.add(node, DCTERMS.identifier, Literal(article.id))
    w.text(node, SCHEMA.headline, article.title, article.language)
    w.text(node, DCTERMS.title, article.title, article.language)
    w.text(node, KG.titleNote, article.title_note)
    w.add(node, SCHEMA.inLanguage, Literal(article.language))
    w.add(node, DCTERMS.language, Literal(article.language))
    w.text(node, SCHEMA.articleBody, article.text, article.language)
    if article.publisher:
        w.add(node, SCHEMA.publisher, URIRef(entity_iri(article.publisher)))
    if article.date:
        w.add(node, SCHEMA.datePublished, _date(article.date))
        w.add(node, DCTERMS.issued, _date(article.date))
    if article.url:
        w.add(node, SCHEMA.url, URIRef(article.url))
    w.add(w.graph, RDF.type, KG.SourceGraph)
    w.add(w.graph, KG.describes, node)


def _entity(w: _Writer, entity: Entity, article: Article) -> None:
    node = URIRef(entity_iri(entity.id))
    for cls in ENTITY_TYPES[entity.type]:
        w.add(node, RDF.type, URIRef(cls))
    w.add(node, SCHEMA.name, Literal(entity.name))
    w.add(node, RDFS.label, Literal(entity.name))
    for alias in entity.aliases:
        w.add(node, SCHEMA.alternateName, Literal(alias))
    for key in sorted({name_key(n) for n in (entity.name, *entity.aliases)}):
        w.add(node, KG.nameKey, Literal(key))
    w.text(node, SCHEMA.description, entity.description)
    if entity.wikidata:
        w.add(node, OWL.sameAs, WD[entity.wikidata])
    for group in entity.member_of:
        w.add(node, SCHEMA.memberOf, URIRef(entity_iri(group)))
    w.add(node, SCHEMA.subjectOf, URIRef(article_iri(article.id)))
    for index, role in enumerate(entity.roles, start=1):
        role_node = URIRef(f"{node}#role-{article.id}-{index}")
        w.add(node, KG.role, role_node)
        w.add(role_node, RDF.type, SCHEMA.OrganizationRole)
        w.add(role_node, SCHEMA.roleName, Literal(role.title, lang=article.language))
        w.add(role_node, PROV.wasDerivedFrom, URIRef(article_iri(article.id)))
        w.add(node, SCHEMA.jobTitle, Literal(role.title, lang=article.language))
        if role.organization:
            org = URIRef(entity_iri(role.organization))
            w.add(role_node, KG.organization, org)
            w.add(node, SCHEMA.worksFor, org)
        if role.span:
            span_node = URIRef(f"{role_node}-span")
            w.add(role_node, KG.span, span_node)
            w.span(span_node, role.span, article)


def _figure(w: _Writer, claim_node: URIRef, figure: Figure, article: Article) -> URIRef:
    node = URIRef(f"{claim_node}#{figure.id}")
    w.add(claim_node, KG.figure, node)
    w.add(node, RDF.type, SCHEMA.MonetaryAmount if figure.currency else SCHEMA.QuantitativeValue)
    w.add(node, RDF.type, KG.Figure)
    w.add(node, SCHEMA.value, _number(figure.value))
    if figure.currency:
        w.add(node, SCHEMA.currency, Literal(figure.currency))
    else:
        w.add(node, SCHEMA.unitText, Literal(figure.unit))
    w.add(node, KG.qualifier, QUALIFIER[figure.qualifier])
    w.text(node, KG.quantity, figure.quantity)
    if figure.about:
        w.add(node, SCHEMA.about, URIRef(entity_iri(figure.about)))
    w.add(node, KG.text, Literal(figure.span.text))
    span_node = URIRef(f"{node}-span")
    w.add(node, KG.span, span_node)
    w.span(span_node, figure.span, article)
    return node


def _statement(
    w: _Writer, claim_node: URIRef, statement: Statement, graph: URIRef, lang: str
) -> None:
    subject = URIRef(entity_iri(statement.subject))
    if statement.object_entity:
        obj: Node = URIRef(entity_iri(statement.object_entity))
    elif statement.object_figure:
        obj = URIRef(f"{claim_node}#{statement.object_figure}")
    else:
        obj = Literal(statement.object_text, lang=lang)
    w.add(subject, _predicate(statement.predicate), obj, graph)


def _claim(w: _Writer, claim: Claim, article: Article) -> None:
    node = URIRef(claim_iri(article.id, claim.id))
    article_node = URIRef(article_iri(article.id))
    w.add(article_node, KG.claim, node)
    w.add(node, RDF.type, SCHEMA.Claim)
    w.add(node, DCTERMS.identifier, Literal(claim.id))
    w.add(node, SCHEMA.text, Literal(claim.text, lang=article.language))
    w.text(node, SCHEMA.abstract, claim.summary, "en")
    w.add(node, KG.kind, KIND[claim.kind])
    w.add(node, KG.category, CATEGORY[claim.category])
    w.add(node, KG.checkable, Literal(CATEGORIES[claim.category][0]))
    w.add(node, SCHEMA.appearance, article_node)
    quoted = PROV.wasQuotedFrom if claim.kind == "direct-quote" else PROV.wasDerivedFrom
    w.add(node, quoted, article_node)
    for claimant in claim.claimants:
        agent = URIRef(entity_iri(claimant))
        w.add(node, SCHEMA.author, agent)
        w.add(node, PROV.wasAttributedTo, agent)
    for about in claim.about:
        w.add(node, SCHEMA.about, URIRef(entity_iri(about)))

    attribution = URIRef(f"{node}#attribution")
    w.add(node, PROV.qualifiedAttribution, attribution)
    w.add(attribution, RDF.type, KG.Attribution)
    w.add(attribution, RDF.type, PROV.Attribution)
    w.add(attribution, RDF.type, OA.Annotation)
    w.add(attribution, OA.motivatedBy, OA.identifying)
    w.add(attribution, OA.hasBody, node)
    for claimant in claim.claimants:
        w.add(attribution, PROV.agent, URIRef(entity_iri(claimant)))
    for reporter in claim.reported_by:
        w.add(attribution, KG.reportedBy, URIRef(entity_iri(reporter)))
        w.add(node, KG.reportedBy, URIRef(entity_iri(reporter)))
    target = URIRef(f"{node}#target")
    w.add(attribution, OA.hasTarget, target)
    w.span(target, Span(claim.start, claim.end, claim.text), article)
    if claim.attribution is not None:
        found = claim.attribution
        w.add(attribution, KG.confidence,
              Literal(Decimal(f"{found.confidence:.2f}"), datatype=XSD.decimal))
        if found.cue_class:
            w.add(attribution, KG.cueClass, Literal(found.cue_class))
        if found.cue:
            cue = URIRef(f"{node}#attribution-cue")
            w.add(attribution, KG.attributionCue, cue)
            w.span(cue, found.cue, article)

    for figure in claim.figures:
        _figure(w, node, figure, article)

    status = claim.status
    assessment = URIRef(f"{node}#status-article")
    status_graph = URIRef(status_graph_iri(article.id, claim.id))
    w.add(w.graph, KG.owns, status_graph)
    w.add(status_graph, RDF.type, KG.StatusGraph)
    w.quads.extend(status_quads(str(node), status.status, status.reason))
    w.add(node, KG.statusAssessment, assessment)
    w.add(assessment, RDF.type, KG.StatusAssessment)
    w.add(assessment, KG.status, STATUS[status.status])
    w.add(assessment, KG.reason, Literal(status.reason))
    w.add(assessment, KG.sequence, Literal(0))
    w.add(assessment, PROV.wasDerivedFrom, article_node)
    if article.date:
        w.add(assessment, DCTERMS.date, _date(article.date))
    for other in status.based_on:
        w.add(assessment, KG.basedOn, URIRef(claim_iri(article.id, other)))
    if status.cue:
        cue = URIRef(f"{assessment}-cue")
        w.add(assessment, KG.cue, cue)
        w.span(cue, status.cue, article)

    for other in claim.disputes:
        w.add(node, KG.disputes, URIRef(claim_iri(article.id, other)))
    for other in claim.supports:
        w.add(node, KG.supports, URIRef(claim_iri(article.id, other)))

    if claim.statements:
        graph = URIRef(assertion_graph_iri(article.id, claim.id))
        w.add(node, KG.assertion, graph)
        w.add(w.graph, KG.owns, graph)
        w.add(graph, RDF.type, KG.AssertionGraph)
        for claimant in claim.claimants:
            w.add(graph, PROV.wasAttributedTo, URIRef(entity_iri(claimant)))
        w.add(graph, PROV.wasDerivedFrom, article_node)
        for statement in claim.statements:
            _statement(w, node, statement, graph, article.language)


def status_quads(claim: str, status: str, reason: str) -> list[Quad]:
    """The claim's current status and reason, in the claim's status graph."""
    graph = URIRef(f"{claim}/status")
    node = URIRef(claim)
    return [(node, KG.status, STATUS[status], graph),
            (node, KG.statusReason, Literal(reason), graph)]


def article_quads(annotated: AnnotatedArticle) -> list[Quad]:
    """All quads of one article, sorted, so the same input always gives the same output.

    Usage: ``quads = article_quads(load_annotation(path))``.
    """
    article = annotated.article
    w = _Writer(graph_iri(article.id))
    _article(w, article)
    for entity in annotated.entities:
        _entity(w, entity, article)
    for claim in annotated.claims:
        _claim(w, claim, article)
    return sorted(set(w.quads), key=lambda q: (str(q[3]), q[0].n3(), q[1].n3(), q[2].n3()))


def article_graphs(annotated: AnnotatedArticle) -> list[str]:
    """IRIs of every named graph an article owns: its graph, its claims' status and assertion
    graphs (reviews are kept apart, so re-ingesting never loses them)."""
    article_id = annotated.article.id
    graphs = [graph_iri(article_id)]
    graphs += [status_graph_iri(article_id, c.id) for c in annotated.claims]
    graphs += [assertion_graph_iri(article_id, c.id) for c in annotated.claims if c.statements]
    return graphs
