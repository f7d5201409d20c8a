"""The main job: ingest the bundled annotations, validate, and regenerate the exports.

Usage::

    from kg.build import build_all
    with open_store() as store:
        for line in build_all(store, Path("exports")):
            print(line)
"""

from __future__ import annotations

from pathlib import Path

from kg.entity_index import ENTITY_INDEX_GRAPH
from kg.exports import article_graphs, write_exports
from kg.ingest import ingest_files
from kg.resources import bundled_annotations, bundled_corpus
from kg.shacl import Report, validate_graph
from kg.store import Store


def validate_store(store: Store) -> Report:
    """SHACL report for the union of every graph in the store."""
    from rdflib import Dataset, Graph

    dataset = Dataset()
    dataset.parse(data=store.dump("nquads").decode("utf-8"), format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union)


def build_all(store: Store, exports: Path) -> list[str]:
    """Ingest every bundled annotation (replacing its graphs) and write the exports: their
    graphs and the entity index (:mod:`kg.entity_index`)."""
    summaries = ingest_files(store, bundled_annotations(), corpus_root=bundled_corpus())
    lines = [f"ingested {s.article}: {s.claims} claims, {s.entities} entities, {s.quads} quads"
             for s in summaries]
    graphs = [*article_graphs(store, [s.graph for s in summaries]), ENTITY_INDEX_GRAPH]
    for path in write_exports(store, exports, graphs):
        lines.append(f"wrote {path}")
    from kg.gephi import write_gexf, write_graphml
    from kg.viz import project, write_page

    lines.append(f"wrote {write_page(store, exports / 'graph.html')}")
    graph = project(store)
    lines.append(f"wrote {write_gexf(graph, exports / 'graph.gexf')}")
    lines.append(f"wrote {write_graphml(graph, exports / 'graph.graphml')}")
    return lines
