"""Exports of the store's graphs as Turtle, TriG, N-Quads and JSON-LD, byte for byte stable.

Turtle holds the union of the chosen graphs (what a query's default graph sees); TriG,
N-Quads and JSON-LD keep every named graph. Usage::

    from kg.exports import export_text
    with open_store() as store:
        text = export_text(store, "trig")
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.errors import UsageError
from kg.store import Store, owned_graphs_query
from kg.vocab import PREFIXES

RDF_EXPORTS = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld"}


def jsonld_context() -> dict[str, object]:
    """The JSON-LD context of kg exports: the kg prefixes, with xsd numbers as numbers."""
    return {"@context": dict(sorted(PREFIXES.items()))}


def article_graphs(store: Store, owners: Iterable[str]) -> list[str]:
    """Every named graph belonging to the given article graphs (their assertion graphs too)."""
    graphs = set()
    for owner in owners:
        graphs.add(owner)
        graphs.update(row["g"]["value"] for row in store.select(owned_graphs_query(owner)))
    return sorted(graphs)


def _quads(store: Store, graphs: Iterable[str] | None) -> list[Any]:
    """The named-graph quads of the store (only ``graphs`` if given), sorted."""
    import pyoxigraph

    keep = set(graphs) if graphs is not None else None
    quads = [
        q for q in pyoxigraph.parse(store.dump("nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
        if isinstance(q.graph_name, pyoxigraph.NamedNode)
        and (keep is None or q.graph_name.value in keep)
    ]
    return sorted(quads, key=lambda q: (q.graph_name.value, str(q.subject), str(q.predicate),
                                        str(q.object)))


def _serialize(items: list[Any], fmt: str) -> str:
    import pyoxigraph

    formats = {"nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG,
               "turtle": pyoxigraph.RdfFormat.TURTLE}
    prefixes = None if fmt == "nquads" else dict(sorted(PREFIXES.items()))
    return pyoxigraph.serialize(items, format=formats[fmt], prefixes=prefixes).decode("utf-8")


def _sorted_json(value: Any) -> Any:
    """JSON-LD arrays are unordered (no @list here): sort them so output is stable."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def export_text(store: Store, fmt: str, graphs: Iterable[str] | None = None) -> str:
    """The chosen graphs (all by default) in one format. Usage: ``export_text(s, "turtle")``."""
    if fmt not in RDF_EXPORTS:
        expected = ", ".join(RDF_EXPORTS)
        raise UsageError(f"unknown export format '{fmt}' (expected one of: {expected})")
    import pyoxigraph

    quads = _quads(store, graphs)
    if fmt == "turtle":
        triples = sorted({q.triple for q in quads},
                         key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return _serialize(triples, "turtle")
    if fmt in ("nquads", "trig"):
        return _serialize(quads, fmt)
    dataset = Dataset()
    nquads = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    text = dataset.serialize(format="json-ld", context=jsonld_context()["@context"])
    document = _sorted_json(json.loads(text))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_exports(store: Store, folder: Path, graphs: Iterable[str] | None = None) -> list[Path]:
    """Write every RDF export and the JSON-LD context into ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    graphs = list(graphs) if graphs is not None else None
    written = []
    for fmt, suffix in RDF_EXPORTS.items():
        path = folder / f"graph.{suffix}"
        path.write_text(export_text(store, fmt, graphs), encoding="utf-8")
        written.append(path)
    context = folder / "context.jsonld"
    context.write_text(json.dumps(jsonld_context(), indent=2) + "\n", encoding="utf-8")
    written.append(context)
    return written
