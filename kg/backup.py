"""Backups and moves between stores: dump, restore, and copy of whole graphs (push, pull).

A dump is every named graph of a store as sorted N-Quads or TriG (the same bytes for the
same data, on any kind of store). Restoring and copying replace graphs whole: each graph
written is dropped first on the target, so the target ends up with exactly the source's
triples for it. An article travels with the graphs it owns (claim status and assertion
graphs) and its claims' review graphs. Writes go in batches of whole graphs, each batch one
SPARQL Update (one transaction on Oxigraph, embedded or served). Usage::

    from kg.backup import copy_graphs, dump_text, restore_text
    with open_store(".kg-store") as local, open_store("http://host/query") as remote:
        summary = copy_graphs(local, remote, articles=["deepseek-stargate-mwl"])
    text = dump_text(local, "nquads")
    restore_text(other, text, "nquads")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.entity_index import ENTITY_INDEX_GRAPH, index_statements, index_update, stated
from kg.errors import UsageError
from kg.store import INSERT_CHUNK, Store, owned_graphs_query
from kg.vocab import KG, article_iri, graph_iri, review_graph_iri

DUMP_FORMATS = ("nquads", "trig")
#: Quads per SPARQL Update when restoring or copying (whole graphs are never split): Virtuoso
#: slows down sharply on larger requests and refuses them past its 32 KB code vector.
BATCH_QUADS = 2_000


@dataclass(frozen=True)
class CopySummary:
    """What a restore, push or pull wrote."""

    graphs: int
    quads: int
    articles: tuple[str, ...] = ()


def dump_text(store: Store, fmt: str = "nquads") -> str:
    """Every named graph, sorted, as N-Quads or TriG. Usage: ``dump_text(store, "trig")``."""
    if fmt not in DUMP_FORMATS:
        raise UsageError(f"unknown dump format '{fmt}' (expected one of: "
                         f"{', '.join(DUMP_FORMATS)})")
    from kg.exports import export_text

    return export_text(store, fmt)


def format_of(path: Path) -> str:
    """The dump format of a file, from its suffix (.nq, .nquads, .trig)."""
    suffix = path.suffix.lower()
    if suffix in (".nq", ".nquads"):
        return "nquads"
    if suffix == ".trig":
        return "trig"
    raise UsageError(f"{path}: cannot tell the format from the suffix "
                     "(expected .nq, .nquads or .trig; or give --format)")


def parse_quads(data: bytes | str, fmt: str, origin: str = "the dump") -> list[Any]:
    """The named-graph quads of an N-Quads or TriG document (pyoxigraph quads)."""
    import pyoxigraph

    if fmt not in DUMP_FORMATS:
        raise UsageError(f"unknown dump format '{fmt}'")
    rdf_format = pyoxigraph.RdfFormat.N_QUADS if fmt == "nquads" else pyoxigraph.RdfFormat.TRIG
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        quads = list(pyoxigraph.parse(raw, format=rdf_format))
    except SyntaxError as exc:
        raise UsageError(f"{origin}: not valid {fmt}: {' '.join(str(exc).split())}") from None
    return [q for q in quads if isinstance(q.graph_name, pyoxigraph.NamedNode)]


def _insert(lines_by_graph: dict[str, list[str]]) -> list[str]:
    """INSERT DATA operations of at most INSERT_CHUNK triples each."""
    operations, block, count = [], [], 0
    for graph, lines in lines_by_graph.items():
        for start in range(0, len(lines), INSERT_CHUNK):
            part = lines[start:start + INSERT_CHUNK]
            if count + len(part) > INSERT_CHUNK and block:
                operations.append("INSERT DATA {\n" + "\n".join(block) + "\n}")
                block, count = [], 0
            block.append(f"GRAPH <{graph}> {{\n" + "\n".join(part) + "\n}")
            count += len(part)
    if block:
        operations.append("INSERT DATA {\n" + "\n".join(block) + "\n}")
    return operations


def write_graphs(store: Store, quads: Iterable[Any], graphs: Iterable[str] = ()) -> CopySummary:
    """Replace graphs whole on ``store``: every graph of ``quads``, and ``graphs`` (emptied
    if no quad is given for them); then update the entity index for what those graphs
    stated before and state now (an index graph in ``quads`` is not copied: it is derived).
    Usage: ``write_graphs(store, parse_quads(data, "nquads"))``.
    """
    by_graph: dict[str, list[str]] = {g: [] for g in graphs}
    quads = list(quads)
    for quad in quads:
        by_graph.setdefault(quad.graph_name.value, []).append(
            f"{quad.subject} {quad.predicate} {quad.object} .")
    replaced = sorted(g for g in by_graph if g != ENTITY_INDEX_GRAPH)
    before = stated(store, replaced)
    by_graph.pop(ENTITY_INDEX_GRAPH, None)  # derived: rewritten below from what is written
    total = 0
    batch: dict[str, list[str]] = {}
    size = 0
    for graph in sorted(by_graph):
        lines = by_graph[graph]
        if batch and size + len(lines) > BATCH_QUADS:
            _write_batch(store, batch)
            batch, size = {}, 0
        batch[graph] = lines
        size += len(lines)
        total += len(lines)
    if batch:
        _write_batch(store, batch)
    store.update(index_update(index_statements(quads), before))
    return CopySummary(graphs=len(by_graph), quads=total)


def _write_batch(store: Store, batch: dict[str, list[str]]) -> None:
    drops = [f"DROP SILENT GRAPH <{g}>" for g in batch]
    inserts = _insert({g: lines for g, lines in batch.items() if lines})
    store.update(" ;\n".join([*drops, *inserts]))


def restore_text(store: Store, data: bytes | str, fmt: str, origin: str = "the dump"
                 ) -> CopySummary:
    """Restore a dump: each of its graphs replaces the store's graph of the same name."""
    return write_graphs(store, parse_quads(data, fmt, origin))


def article_graph_names(store: Store, article_id: str) -> list[str]:
    """The graphs that travel with an article: its graph, the graphs it owns, and its
    claims' review graphs. Raises UsageError if the store has no such article."""
    owner = graph_iri(article_id)
    claims = store.select(
        f"SELECT DISTINCT ?c WHERE {{ GRAPH <{owner}> {{ <{article_iri(article_id)}> "
        f"<{KG.claim}> ?c }} }}")
    exists = store.select(f"SELECT ?s WHERE {{ GRAPH <{owner}> {{ ?s ?p ?o }} }} LIMIT 1")
    if not exists:
        raise UsageError(f"no article '{article_id}' in the store at {store.location}")
    graphs = {owner}
    graphs.update(r["g"]["value"] for r in store.select(owned_graphs_query(owner)))
    graphs.update(review_graph_iri(r["c"]["value"]) for r in claims)
    return sorted(graphs)


def _binding(binding: dict[str, str]) -> str:
    from kg.remote_store import term_n3

    return term_n3(binding)


def read_graphs(store: Store, graphs: Sequence[str]) -> list[Any]:
    """The quads of the given graphs (pyoxigraph quads), asked for 100 graphs at a time."""
    import pyoxigraph

    lines: list[str] = []
    for start in range(0, len(graphs), 100):
        values = " ".join(f"<{g}>" for g in graphs[start:start + 100])
        query = (f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
                 " ORDER BY ?g ?s ?p ?o")
        select_all = getattr(store, "select_all", store.select)
        lines.extend(f"{_binding(r['s'])} {_binding(r['p'])} {_binding(r['o'])} "
                     f"{_binding(r['g'])} .\n" for r in select_all(query))
    return list(pyoxigraph.parse("".join(lines).encode("utf-8"),
                                 format=pyoxigraph.RdfFormat.N_QUADS))


def copy_graphs(source: Store, target: Store, articles: Sequence[str] = ()) -> CopySummary:
    """Copy the whole dataset, or the chosen articles with their graphs, from ``source`` to
    ``target``, replacing the target's graphs of the same names whole."""
    if not articles:
        summary = write_graphs(target, parse_quads(source.dump("nquads"), "nquads"))
        return summary
    graphs: list[str] = []
    for article_id in articles:
        graphs.extend(article_graph_names(source, article_id))
    graphs = sorted(set(graphs))
    summary = write_graphs(target, read_graphs(source, graphs), graphs)
    return CopySummary(summary.graphs, summary.quads, tuple(articles))
