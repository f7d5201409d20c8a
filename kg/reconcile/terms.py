"""IRIs of the reconciliation layer: its graphs, classes, properties and rule concepts.

The reconciliation graph is derived (replaced whole by every run); the decisions graph holds
people's merge/unmerge decisions and is never regenerated. Usage::

    from kg.reconcile.terms import RECONCILIATION_GRAPH, RULE
    RULE["same-wikidata"]
"""

from __future__ import annotations

from rdflib import Namespace, URIRef

from kg.vocab import DATA_BASE, DEF_BASE, KG

#: The derived graph: entity links, merge decisions, claim groups, relations, statuses.
RECONCILIATION_GRAPH = URIRef(f"{DATA_BASE}graph/reconciliation")
#: People's decisions (kg merge / kg unmerge): never dropped by a reconciliation run.
DECISIONS_GRAPH = URIRef(f"{DATA_BASE}graph/reconciliation-decisions")

#: SKOS concepts naming why two entities are (or are not) one: kg:rule values.
RULE = Namespace(DEF_BASE + "merge-rule/")
#: SKOS concepts naming how two claims were matched: kg:matchedBy values.
MATCH = Namespace(DEF_BASE + "match/")

RULES: dict[str, str] = {
    "manual-same": "A person recorded that the two entities are one (kg merge).",
    "manual-distinct": "A person recorded that the two entities are distinct (kg unmerge).",
    "same-wikidata": "Both entities have the same Wikidata item (annotated or from the "
                     "gazetteer).",
    "same-name": "Both entities have the same normalised name.",
    "alias": "A name or alias of one is a name or alias of the other.",
    "surname-affiliation": "A surname-only mention and a full name with that surname, "
                           "both with a role at the same organisation.",
}

MATCHES: dict[str, str] = {
    "figure": "Figures about the same subject and the same kind of quantity.",
    "proposition": "The same content triple (subject, predicate, object).",
    "figure-kind": "An extracted claim's figure and another article's figure about the same "
                   "subject in the same dimension (the extractor's quantity words are the "
                   "article's own, so only the subject and what is counted are compared).",
}

# Classes and properties (kg: namespace), named here so that nothing spells them twice.
MERGE_DECISION = KG.MergeDecision
MANUAL_DECISION = KG.ManualDecision
CLAIM_GROUP = KG.ClaimGroup
GROUP_MEMBERSHIP = KG.GroupMembership
CLAIM_RELATION = KG.ClaimRelation
CROSS_SOURCE_ASSESSMENT = KG.CrossSourceAssessment
RECONCILIATION_GRAPH_CLASS = KG.ReconciliationGraph


def decision_iri(sequence: int) -> URIRef:
    """IRI of the n-th manual decision. Usage: ``decision_iri(3)``."""
    return URIRef(f"{DATA_BASE}decision/{sequence}")


def merge_iri(key: str) -> URIRef:
    """IRI of an automatic merge decision, from a stable key (a hash)."""
    return URIRef(f"{DATA_BASE}merge/{key}")


def group_iri(key: str) -> URIRef:
    """IRI of a claim group, from a stable key (readable slug and hash)."""
    return URIRef(f"{DATA_BASE}group/{key}")


def relation_iri(key: str) -> URIRef:
    """IRI of a reified claim relation, from a stable key (a hash)."""
    return URIRef(f"{DATA_BASE}relation/{key}")


def cross_source_assessment_iri(claim: str) -> URIRef:
    """IRI of the cross-source status assessment of a claim (its place in the history is
    its ``kg:sequence``; when that is 0 too, this IRI sorts after the article's own
    ``#status-article``, so the cross-source assessment still comes later)."""
    return URIRef(f"{claim}#status-cross-source")
