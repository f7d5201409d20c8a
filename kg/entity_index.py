"""The entity index: each entity's names, keys, types and links stated once, in one graph.

Every article graph describes the entities it mentions, so a person named in 500 articles
has 500 copies of ``schema:name`` in the union default graph; joining on names then costs
the square of that. The index graph ``https://kg.example.org/id/graph/entities`` holds one
copy of each ``schema:name``, ``schema:alternateName``, ``kg:nameKey`` (the lookup key of
each name and alias: :func:`name_key`), ``rdf:type`` and ``owl:sameAs`` that a source graph
states about an entity it gives a name key to. Writes that replace source graphs update it
in the same request, at a cost that depends on the graphs written, not on the store:
statements of the new graphs are added, and statements of the old graphs are removed
unless another source graph still states them. It is never edited by hand. Usage::

    from kg.entity_index import index_statements, index_update, rebuild_update, stated
    before = stated(store, old_graphs)
    store.update(f"{replacement} ;\\n{index_update(index_statements(quads), before)}")
    store.update(rebuild_update())      # after a bulk load
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib.namespace import OWL, RDF

from kg.vocab import DATA_BASE, KG, SCHEMA

#: The named graph that holds the index.
ENTITY_INDEX_GRAPH = f"{DATA_BASE}graph/entities"
#: What the index copies from a source graph, for every entity with a ``kg:nameKey`` there.
INDEXED_PREDICATES = (str(SCHEMA.name), str(SCHEMA.alternateName), str(KG.nameKey),
                      str(RDF.type), str(OWL.sameAs))
#: Statements per operation (keeps each SPARQL operation small for remote servers).
CHUNK = 200

#: One indexed statement as N-Triples terms: (subject, predicate, object).
Statement = tuple[str, str, str]

_INDEX = f"<{ENTITY_INDEX_GRAPH}>"
_SOURCE_BASE = f"{DATA_BASE}graph/"
_TYPED = f"INSERT DATA {{ GRAPH {_INDEX} {{ {_INDEX} <{RDF.type}> <{KG.EntityIndexGraph}> }} }}"
_PREDICATES = "VALUES ?p { " + " ".join(f"<{p}>" for p in INDEXED_PREDICATES) + " }"


def name_key(name: str) -> str:
    """The lookup key of a name: Unicode NFC, runs of white space as one space, case folded.

    ``name_key("  Roy   CHUA ") == "roy chua"``; canned queries bind ``name`` parameters
    with this key, so a lookup is one index access, whatever the size of the store.
    """
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def _nt(term: Any) -> str:
    """N-Triples syntax of an rdflib or a pyoxigraph term."""
    return term.n3() if hasattr(term, "n3") else str(term)


def index_statements(quads: Iterable[Any]) -> set[Statement]:
    """What the index must hold for ``quads`` (rdflib tuples or pyoxigraph quads)."""
    keyed: dict[str, set[str]] = defaultdict(set)
    candidates: list[tuple[str, Statement]] = []
    wanted = {f"<{p}>" for p in INDEXED_PREDICATES}
    key = f"<{KG.nameKey}>"
    for subject, predicate, obj, graph in quads:
        p = _nt(predicate)
        if p not in wanted:
            continue
        g, s = _nt(graph), _nt(subject)
        if g == _INDEX:
            continue
        if p == key:
            keyed[g].add(s)
        candidates.append((g, (s, p, _nt(obj))))
    return {statement for g, statement in candidates if statement[0] in keyed[g]}


def stated_query(graphs: Iterable[str]) -> str:
    """SELECT ``?e ?p ?o``: the indexed statements of the given source graphs: one block per
    graph and predicate, every term but the entity and the value bound, so that each block
    is an index lookup (and Virtuoso's cost estimate stays low on a large store)."""
    blocks = " UNION ".join(
        f"{{ GRAPH <{g}> {{ ?e <{KG.nameKey}> ?key ; <{p}> ?o }} BIND (<{p}> AS ?p) }}"
        for g in sorted(set(graphs)) for p in INDEXED_PREDICATES)
    return f"SELECT DISTINCT ?e ?p ?o WHERE {{ {blocks} }}"


def _statement(row: dict[str, dict[str, str]]) -> Statement:
    from kg.remote_store import term_n3

    return (term_n3(row["e"]), term_n3(row["p"]), term_n3(row["o"]))


def stated(store: Any, graphs: Iterable[str]) -> set[Statement]:
    """The indexed statements that the given graphs make now. Only article graphs
    (``.../id/graph/...``) describe entities, so the other graphs are not read."""
    sources = sorted({g for g in graphs if g.startswith(_SOURCE_BASE) and g != ENTITY_INDEX_GRAPH})
    found: set[Statement] = set()
    for start in range(0, len(sources), 20):
        rows = store.select(stated_query(sources[start:start + 20]))
        found.update(_statement(row) for row in rows)
    return found


def index_update(added: set[Statement], removable: set[Statement]) -> str:
    """SPARQL Update operations, to run after the source graphs are written: add ``added``
    to the index, and remove each of ``removable`` that no source graph states any more."""
    operations = [_TYPED]
    ordered = sorted(added)
    for start in range(0, len(ordered), CHUNK):
        lines = " ".join(f"{s} {p} {o} ." for s, p, o in ordered[start:start + CHUNK])
        operations.append(f"INSERT DATA {{ GRAPH {_INDEX} {{ {lines} }} }}")
    gone = sorted(removable - added)
    for start in range(0, len(gone), CHUNK):
        rows = " ".join(f"({s} {p} {o})" for s, p, o in gone[start:start + CHUNK])
        operations.append(
            f"DELETE {{ GRAPH {_INDEX} {{ ?e ?p ?o }} }} WHERE {{ VALUES (?e ?p ?o) {{ {rows} }} "
            f"GRAPH {_INDEX} {{ ?e ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ "
            f"?e <{KG.nameKey}> ?key ; ?p ?o }} FILTER (?g != {_INDEX}) }} }}")
    return " ;\n".join(operations)


def rebuild_update() -> str:
    """A SPARQL Update that rebuilds the whole index from the source graphs."""
    return (f"DROP SILENT GRAPH {_INDEX} ;\n{_TYPED} ;\n"
            f"INSERT {{ GRAPH {_INDEX} {{ ?e ?p ?o }} }} WHERE {{ {_PREDICATES} "
            f"GRAPH ?g {{ ?e <{KG.nameKey}> ?key ; ?p ?o }} FILTER (?g != {_INDEX}) }}")
