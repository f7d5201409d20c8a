"""What the graph says about one IRI: its kind (claim, entity, article) and its description.

The description of an IRI ``X`` is every triple whose subject is ``X`` or a resource of its
own document (``X#...``, or a blank node) reached from it, plus the triples that point at
``X``: what a Linked Data client expects when it dereferences ``X``. It works on any store
with the ``Store`` protocol. Usage::

    from kg.server.describe import describe, resource_kind
    kind = resource_kind(store, iri)           # "claim", "entity", "article", "other" or None
    triples = describe(store, iri)             # pyoxigraph Triples
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.store import Binding, Store
from kg.vocab import ENTITY_TYPES, SCHEMA

#: Characters an IRI in kg's SPARQL may not contain (it is written between < and >).
_IRI_OK = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x20]*$")
_MAX_DEPTH = 5
_ENTITY_CLASSES = {cls for classes in ENTITY_TYPES.values() for cls in classes}


def valid_iri(iri: str) -> bool:
    """True when ``iri`` can be written as ``<iri>`` in SPARQL without escaping."""
    return bool(_IRI_OK.match(iri))


def term(binding: Binding) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term from a SPARQL JSON binding."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    datatype = binding.get("datatype")
    return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)


def resource_kind(store: Store, iri: str) -> str | None:
    """claim, entity, article, other (known but none of those) or None (unknown IRI)."""
    if not valid_iri(iri):
        return None
    rows = store.select(f"SELECT DISTINCT ?t WHERE {{ {{ <{iri}> a ?t }} UNION "
                        f"{{ <{iri}> ?p ?o BIND(<urn:kg:any> AS ?t) }} }} LIMIT 50")
    types = {r["t"]["value"] for r in rows}
    if not types:
        return None
    if str(SCHEMA.Claim) in types:
        return "claim"
    if str(SCHEMA.NewsArticle) in types or str(SCHEMA.Article) in types:
        return "article"
    if types & _ENTITY_CLASSES:
        return "entity"
    return "other"


def _triple(s: Binding, p: Binding, o: Binding) -> ox.Triple:
    return ox.Triple(term(s), term(p), term(o))  # type: ignore[arg-type]


def describe(store: Store, iri: str) -> list[ox.Triple]:
    """The triples about ``iri`` (see the module docstring), without duplicates."""
    if not valid_iri(iri):
        return []
    subject: Binding = {"type": "uri", "value": iri}
    out: dict[str, ox.Triple] = {}

    def add(triple: ox.Triple) -> None:
        out.setdefault(str(triple), triple)

    # Blank nodes have no name a second query could use: take them with their triples at once.
    for row in store.select(f"SELECT ?q ?b ?p ?o WHERE {{ <{iri}> ?q ?b FILTER(isBlank(?b)) "
                            f"OPTIONAL {{ ?b ?p ?o }} }}"):
        add(_triple(subject, row["q"], row["b"]))
        if "p" in row:
            add(_triple(row["b"], row["p"], row["o"]))
    seen, frontier = {iri}, [iri]
    for _ in range(_MAX_DEPTH):
        if not frontier:
            break
        values = " ".join(f"<{node}>" for node in frontier)
        frontier = []
        for row in store.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o "
                                f"FILTER(!isBlank(?o)) }}"):
            add(_triple(row["s"], row["p"], row["o"]))
            target = row["o"]["value"]
            if row["o"]["type"] == "uri" and target.startswith(iri + "#") \
                    and target not in seen and valid_iri(target):
                seen.add(target)
                frontier.append(target)
    for row in store.select(f"SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }} LIMIT 10000"):
        add(_triple(row["s"], row["p"], subject))
    return list(out.values())


def serialize(triples: list[ox.Triple], fmt: ox.RdfFormat,
              prefixes: dict[str, str] | None = None) -> bytes:
    """The triples in an RDF format. Usage: ``serialize(describe(s, iri), RdfFormat.TURTLE)``."""
    return ox.serialize(triples, format=fmt, prefixes=prefixes)
