"""The reconciliation graph as quads: entity links, merge decisions, claim groups, claim
relations and cross-source status assessments. Everything has a deterministic IRI, so the
same store always gives the same graph. Usage::

    from kg.reconcile.quads import reconciliation_quads
    quads = reconciliation_quads(snapshot, resolution, groups, relations, statuses)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.mapping import Quad
from kg.reconcile.entities import Resolution
from kg.reconcile.matching import ClaimGroup, Relation
from kg.reconcile.snapshot import Snapshot
from kg.reconcile.statuses import CrossSourceStatus
from kg.reconcile.terms import (
    CLAIM_GROUP,
    CLAIM_RELATION,
    CROSS_SOURCE_ASSESSMENT,
    GROUP_MEMBERSHIP,
    MATCH,
    MERGE_DECISION,
    RECONCILIATION_GRAPH,
    RECONCILIATION_GRAPH_CLASS,
    RULE,
    cross_source_assessment_iri,
    merge_iri,
)
from kg.vocab import KG, STATUS, WD

DESCRIPTION = ("Derived by kg reconcile from every source graph and the decisions graph; "
               "replaced whole by each run. Entity clusters (owl:sameAs, kg:canonical), merge "
               "decisions, claim groups, cross-source claim relations and statuses.")


def _entity_quads(snapshot: Snapshot, resolution: Resolution) -> list[Quad]:
    g = RECONCILIATION_GRAPH
    quads: list[Quad] = []
    for head, members in sorted(resolution.clusters.items()):
        qid = resolution.wikidata.get(head)
        for member in members:
            node = URIRef(member)
            if len(members) > 1:
                quads.append((node, KG.canonical, URIRef(head), g))
                if member != head:
                    quads.append((node, OWL.sameAs, URIRef(head), g))
            record = snapshot.entities[member]
            if qid and qid not in record.wikidata:
                quads.append((node, OWL.sameAs, WD[qid], g))
    for edge in resolution.edges:
        key = hashlib.sha1("|".join([*edge.entities, edge.rule, str(edge.merged)]).encode()
                           ).hexdigest()[:16]
        node = merge_iri(key)
        quads += [(node, KG.entity, URIRef(e), g) for e in edge.entities]
        quads += [
            (node, RDF.type, MERGE_DECISION, g),
            (node, KG.rule, RULE[edge.rule], g),
            (node, KG.merged, Literal(edge.merged), g),
            (node, KG.reason, Literal(edge.reason), g),
        ]
    return quads


def _group_quads(groups: Sequence[ClaimGroup]) -> list[Quad]:
    g = RECONCILIATION_GRAPH
    quads: list[Quad] = []
    for group in groups:
        node = URIRef(group.iri)
        quads += [
            (node, RDF.type, CLAIM_GROUP, g),
            (node, RDFS.label, Literal(group.label), g),
            (node, KG.matchedBy, MATCH[group.match], g),
            (node, KG.subjectEntity, URIRef(group.subject), g),
            (node, KG.disputed, Literal(group.disputed), g),
            (node, KG.firstClaim, URIRef(group.members[0].claim), g),
        ]
        if group.predicate.startswith("quantity:"):
            quads.append((node, KG.quantity, Literal(group.predicate.split(":", 1)[1]), g))
        elif group.predicate:  # a figure-kind group compares figures whatever they count
            quads.append((node, KG.groupPredicate, URIRef(group.predicate), g))
        for rank, member in enumerate(group.members, start=1):
            entry = URIRef(f"{group.iri}#member-{rank}")
            quads += [
                (node, KG.member, URIRef(member.claim), g),
                (node, KG.membership, entry, g),
                (entry, RDF.type, GROUP_MEMBERSHIP, g),
                (entry, KG.claim, URIRef(member.claim), g),
                (entry, KG.rank, Literal(rank), g),
            ]
            if member.figure is not None:
                quads.append((entry, KG.figure, URIRef(member.figure.iri), g))
            if member.claim in group.repeats:
                quads.append((entry, KG.repeats, URIRef(group.repeats[member.claim]), g))
    return quads


def _relation_quads(relations: Sequence[Relation]) -> list[Quad]:
    g = RECONCILIATION_GRAPH
    quads: list[Quad] = []
    for relation in relations:
        if not relation.shown:
            continue
        node = URIRef(relation.iri)
        predicate = KG.disputes if relation.kind == "disputes" else KG.supports
        quads += [
            (URIRef(relation.source), predicate, URIRef(relation.target), g),
            (node, RDF.type, CLAIM_RELATION, g),
            (node, RDF.subject, URIRef(relation.source), g),
            (node, RDF.predicate, predicate, g),
            (node, RDF.object, URIRef(relation.target), g),
            (node, KG.reason, Literal(relation.reason), g),
            (node, KG.group, URIRef(relation.group), g),
            (node, KG.independent, Literal(relation.independent), g),
        ]
    return quads


def _status_quads(statuses: dict[str, CrossSourceStatus]) -> list[Quad]:
    g = RECONCILIATION_GRAPH
    quads: list[Quad] = []
    for claim, status in sorted(statuses.items()):
        node = cross_source_assessment_iri(claim)
        quads += [
            (URIRef(claim), KG.statusAssessment, node, g),
            (node, RDF.type, KG.StatusAssessment, g),
            (node, RDF.type, CROSS_SOURCE_ASSESSMENT, g),
            (node, KG.status, STATUS[status.status], g),
            (node, KG.reason, Literal(status.reason), g),
            (node, KG.sequence, Literal(status.sequence), g),
        ]
        quads += [(node, KG.basedOn, URIRef(other), g) for other in status.based_on]
    return quads


def reconciliation_quads(
    snapshot: Snapshot,
    resolution: Resolution,
    groups: Sequence[ClaimGroup],
    relations: Sequence[Relation],
    statuses: dict[str, CrossSourceStatus],
) -> list[Quad]:
    """Every quad of the reconciliation graph, in a deterministic order; none at all when
    there is nothing to reconcile (one article alone), so such a store is unchanged."""
    g = RECONCILIATION_GRAPH
    quads: list[Quad] = []
    quads += _entity_quads(snapshot, resolution)
    quads += _group_quads(groups)
    quads += _relation_quads(relations)
    quads += _status_quads(statuses)
    if not quads:
        return []
    header: list[Quad] = [
        (g, RDF.type, RECONCILIATION_GRAPH_CLASS, g),
        (g, DCTERMS.description, Literal(DESCRIPTION, lang="en"), g),
    ]
    return list(dict.fromkeys(header + quads))
