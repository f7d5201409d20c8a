"""The difference between a stored graph and the quads it should hold, so that a run writes
only what changed (ingesting one article into a big store is then a small write).

The stored graph is read one predicate at a time and remembered as 16-byte digests, which
keeps memory far below the size of the graph. Usage::

    from kg.reconcile.difference import graph_difference
    removed, added = graph_difference(store, RECONCILIATION_GRAPH, quads)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.mapping import Quad
from kg.reconcile.snapshot import select_every
from kg.store import Store

_Key = tuple[str, ...]
_SAFE_IRI = set('<>"{}|^`\\ ')


def term_key(term: Node) -> _Key:
    """A comparable key of an rdflib term, the same as :func:`binding_key` gives."""
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype and term.datatype != XSD.string else ""
        return ("literal", str(term), datatype, term.language or "")
    return ("uri", str(term))


def binding_key(binding: dict[str, str]) -> _Key:
    """The key of a SPARQL JSON results binding."""
    if binding["type"] == "literal":
        datatype = binding.get("datatype", "")
        datatype = "" if datatype == str(XSD.string) else datatype
        return ("literal", binding["value"], datatype, binding.get("xml:lang", ""))
    return ("uri", binding["value"])


def key_term(key: _Key) -> Node:
    """The rdflib term of a key."""
    if key[0] == "literal":
        return Literal(key[1], datatype=URIRef(key[2]) if key[2] else None,
                       lang=key[3] or None)
    return URIRef(key[1])


def _digest(*keys: _Key) -> bytes:
    text = "\x1e".join("\x1f".join(key) for key in keys)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def graph_difference(store: Store, graph: URIRef, quads: Sequence[Quad]
                     ) -> tuple[list[Quad], list[Quad]]:
    """(quads to delete, quads to insert) to turn the stored ``graph`` into ``quads``."""
    wanted = {_digest(term_key(s), term_key(p), term_key(o)): (s, p, o, graph)
              for s, p, o, _ in quads}
    seen: set[bytes] = set()
    removed: list[Quad] = []
    rows = select_every(store, f"SELECT DISTINCT ?p WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                        "?p")
    for predicate in sorted(r["p"]["value"] for r in rows):
        if _SAFE_IRI & set(predicate):
            raise ValueError(f"unexpected predicate in {graph}: {predicate}")
        p = ("uri", predicate)
        query = f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s <{predicate}> ?o }} }}"
        for row in select_every(store, query, "?s ?o"):
            s, o = binding_key(row["s"]), binding_key(row["o"])
            digest = _digest(s, p, o)
            seen.add(digest)
            if digest not in wanted:
                removed.append((key_term(s), URIRef(predicate), key_term(o), graph))
    added = [quad for digest, quad in wanted.items() if digest not in seen]
    return removed, added
