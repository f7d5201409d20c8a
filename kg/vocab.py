"""Namespaces, controlled vocabularies and IRI minting for the kg graph.

Usage::

    from kg.vocab import KG, claim_iri
    claim_iri("deepseek-stargate-mwl", "c01")
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

#: Base of every data IRI minted by kg (articles, claims, entities, graphs).
DATA_BASE = "https://kg.example.org/id/"
#: Base of the kg vocabulary and its SKOS schemes.
DEF_BASE = "https://kg.example.org/def/"

KG = Namespace(DEF_BASE + "ns#")
STATUS = Namespace(DEF_BASE + "status/")
KIND = Namespace(DEF_BASE + "kind/")
CATEGORY = Namespace(DEF_BASE + "category/")
QUALIFIER = Namespace(DEF_BASE + "qualifier/")
VERDICT = Namespace(DEF_BASE + "verdict/")
#: Predicates used inside claim content graphs (what a claim says, never asserted).
KGP = Namespace(DEF_BASE + "p/")
SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "status": str(STATUS),
    "kind": str(KIND),
    "category": str(CATEGORY),
    "qualifier": str(QUALIFIER),
    "verdict": str(VERDICT),
    "kgp": str(KGP),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
}

#: Claim kinds: how the article conveys the statement.
KINDS: dict[str, str] = {
    "direct-quote": "Direct quote: the speaker's own words, between quotation marks.",
    "reported-speech": "Reported speech: the speaker's statement paraphrased by the article.",
    "assertion": "The article's own assertion, not attributed to anyone else.",
}

#: Claim categories and whether each is checkable.
CATEGORIES: dict[str, tuple[bool, str]] = {
    "fact": (True, "A factual statement that can be checked against evidence."),
    "figure": (True, "A statement whose core is a number that can be checked."),
    "opinion": (False, "A judgement or interpretation; not checkable as true or false."),
    "prediction": (False, "A statement about the future; not checkable yet."),
}

#: Article-level statuses of a claim (reviews add verdicts on top of these).
STATUSES: dict[str, str] = {
    "unverified": "Stated, but not confirmed by anyone else in the sources.",
    "contested": "Disputed by another claim or source, or hedged by the article itself.",
    "confirmed": "Confirmed by an independent source or by a reviewer.",
    "refuted": "Shown to be false by evidence or by a reviewer.",
}

#: Reviewers' verdicts: the claim status each sets, the ClaimsKG-style normalised rating
#: (TRUE / FALSE / MIXTURE / OTHER) and a definition. Article-level statuses are verdicts too.
VERDICTS: dict[str, tuple[str, str, str]] = {
    "true": ("confirmed", "TRUE", "Accurate, nothing significant missing."),
    "mostly-true": ("confirmed", "TRUE", "Accurate but needs clarification or context."),
    "mixture": ("contested", "MIXTURE", "Partly accurate, partly not."),
    "mostly-false": ("refuted", "FALSE", "Contains an element of truth but is misleading."),
    "false": ("refuted", "FALSE", "Not accurate."),
    "unverifiable": ("unverified", "OTHER", "Cannot be checked with the evidence available."),
    "unverified": ("unverified", "OTHER", "Article-level status: stated, not confirmed."),
    "contested": ("contested", "MIXTURE", "Article-level status: disputed by another source."),
    "confirmed": ("confirmed", "TRUE", "Article-level status: confirmed by a source."),
    "refuted": ("refuted", "FALSE", "Article-level status: shown false by a source."),
}

#: Qualifiers of a figure.
QUALIFIERS: dict[str, str] = {
    "exactly": "The figure is given as exact.",
    "about": "Approximately (environ, about, around).",
    "nearly": "Slightly less than (près de, nearly, almost).",
    "up-to": "At most (jusqu'à, up to).",
    "at-least": "At least (au moins, at least).",
    "more-than": "Strictly more than (plus de, more than, over).",
    "less-than": "Strictly less than (moins de, under, less than).",
    "only": "No more than, stressed as small (ne ... que, only).",
}

#: Entity types and the classes they map to.
ENTITY_TYPES: dict[str, tuple[str, ...]] = {
    "person": (str(SCHEMA.Person), str(PROV.Person)),
    "organization": (str(SCHEMA.Organization), str(PROV.Organization)),
    "group": (str(KG.UnnamedGroup), str(PROV.Agent)),
    "product": (str(SCHEMA.Product),),
    "place": (str(SCHEMA.Place),),
    "event": (str(SCHEMA.Event),),
    "thing": (str(SCHEMA.Thing),),
}


def article_iri(article_id: str) -> str:
    """IRI of an article. Usage: ``article_iri("deepseek-stargate-mwl")``."""
    return f"{DATA_BASE}article/{article_id}"


def graph_iri(article_id: str) -> str:
    """IRI of the named graph that holds everything one article says."""
    return f"{DATA_BASE}graph/{article_id}"


def claim_iri(article_id: str, claim_id: str) -> str:
    """IRI of a claim. Usage: ``claim_iri("deepseek-stargate-mwl", "c01")``."""
    return f"{DATA_BASE}claim/{article_id}/{claim_id}"


def assertion_graph_iri(article_id: str, claim_id: str) -> str:
    """IRI of the named graph holding a claim's content (nanopublication assertion)."""
    return f"{claim_iri(article_id, claim_id)}/assertion"


def status_graph_iri(article_id: str, claim_id: str) -> str:
    """IRI of the named graph holding a claim's current status (derived from its history)."""
    return f"{claim_iri(article_id, claim_id)}/status"


def review_graph_iri(claim: str) -> str:
    """IRI of the named graph holding the reviews of a claim (kept across re-ingests)."""
    return f"{claim}/reviews"


def entity_iri(entity_id: str) -> str:
    """IRI of a person, organisation, group or other entity."""
    return f"{DATA_BASE}entity/{entity_id}"
