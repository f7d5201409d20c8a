"""Numbers about the graph: counts by type and status, most-quoted speakers, most-disputed
claims and the most central nodes (networkx degree and betweenness on the projection).

``compute_stats(store)`` is ``kg stats --format json``; ``stats_tables(stats)`` gives the same
numbers as titled tables for the text output. Usage::

    from kg.stats import compute_stats
    with open_store() as store:
        stats = compute_stats(store, top=5)
    stats["claims_by_status"]["contested"]      # 3 on the seed
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.store import Store
from kg.vocab import CATEGORIES, KINDS, STATUSES

#: Above this many nodes, betweenness is estimated from a fixed sample of source nodes.
EXACT_BETWEENNESS_MAX_NODES = 2000
#: Size of that sample (seeded, so the numbers are the same on every run).
BETWEENNESS_SAMPLE = 400
_SEED = 7


def _ordered_counts(counter: Counter, order: list[str] | tuple[str, ...],
                    keep_zeros: bool = False) -> dict[str, int]:
    keys = [k for k in order if keep_zeros or counter.get(k)]
    keys += sorted(k for k in counter if k not in order)
    return {k: counter.get(k, 0) for k in keys}


def _node_ref(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    attrs = graph.nodes[node]
    return {"id": node, "label": attrs.get("label", node), "type": attrs.get("type", "thing")}


def _top(scores: dict[str, float], graph: nx.MultiDiGraph, top: int,
         extra: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    def key(node: str) -> tuple:
        return (-scores[node], str(graph.nodes[node].get("label", node)).casefold(), node)

    out = []
    for node in sorted(scores, key=key)[:top]:
        out.append({**_node_ref(graph, node), "score": round(scores[node], 6),
                    **(extra or {}).get(node, {})})
    return out


def _centrality(graph: nx.MultiDiGraph, top: int) -> dict[str, Any]:
    """Degree and betweenness on the undirected simple graph, without article nodes (an
    article links every claim it holds and would top both lists)."""
    keep = [n for n, a in graph.nodes(data=True) if a.get("kind") != "article"]
    index = {node: i for i, node in enumerate(keep)}  # ints: stable order whatever the hash seed
    simple = nx.Graph()
    simple.add_nodes_from(range(len(keep)))
    simple.add_edges_from((index[u], index[v]) for u, v in graph.edges()
                          if u in index and v in index and u != v)
    if len(keep) < 2:
        return {"degree": [], "betweenness": [], "betweenness_sample": None}
    degree = {keep[i]: s for i, s in nx.degree_centrality(simple).items()}
    raw_degree = {keep[i]: {"degree": d} for i, d in simple.degree()}
    sample = None
    if len(keep) > EXACT_BETWEENNESS_MAX_NODES:
        sample = BETWEENNESS_SAMPLE
        between = nx.betweenness_centrality(simple, k=sample, seed=_SEED)
    else:
        between = nx.betweenness_centrality(simple)
    between = {keep[i]: s for i, s in between.items()}
    return {"degree": _top(degree, graph, top, raw_degree),
            "betweenness": _top(between, graph, top),
            "betweenness_sample": sample}


def graph_stats(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """The statistics of a projection (:func:`kg.viz.projection.project`).

    Usage: ``graph_stats(project(store), top=5)["top_speakers"]``.
    """
    from kg.viz.projection import NODE_TYPES, RELATIONS

    nodes = graph.nodes
    types = Counter(a.get("type", "thing") for _, a in nodes(data=True))
    relations = Counter(r for _, _, r in graph.edges(data="relation"))
    claims = [n for n, a in nodes(data=True) if a.get("kind") == "claim"]
    said: Counter = Counter()
    said_status: dict[str, Counter] = {}
    disputed_by: Counter = Counter()
    supported_by: Counter = Counter()
    for u, v, relation in graph.edges(data="relation"):
        if relation == "said":
            said[u] += 1
            said_status.setdefault(u, Counter())[nodes[v].get("status")] += 1
        elif relation == "disputes":
            disputed_by[v] += 1
        elif relation == "supports":
            supported_by[v] += 1

    def speaker_key(node: str) -> tuple:
        return (-said[node], str(nodes[node].get("label", node)).casefold(), node)

    speakers = [{**_node_ref(graph, n), "claims": said[n],
                 "by_status": _ordered_counts(said_status[n], tuple(STATUSES))}
                for n in sorted(said, key=speaker_key)[:top]]

    def disputed_key(node: str) -> tuple:
        return (-disputed_by[node], nodes[node].get("source", ""), nodes[node].get("start", 0),
                node)

    disputed = [{**_node_ref(graph, n), "claim_id": nodes[n].get("claim_id"),
                 "text": nodes[n].get("text"), "status": nodes[n].get("status"),
                 "speakers": nodes[n].get("speakers", ""), "disputed_by": disputed_by[n],
                 "supported_by": supported_by[n]}
                for n in sorted(disputed_by, key=disputed_key)[:top]]
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "nodes_by_type": _ordered_counts(types, NODE_TYPES),
        "edges_by_relation": _ordered_counts(relations, RELATIONS),
        "articles": types.get("article", 0),
        "claims": len(claims),
        "claims_by_status": _ordered_counts(
            Counter(nodes[c].get("status") for c in claims), tuple(STATUSES), keep_zeros=True),
        "claims_by_kind": _ordered_counts(
            Counter(nodes[c].get("claim_kind") for c in claims), tuple(KINDS)),
        "claims_by_category": _ordered_counts(
            Counter(nodes[c].get("category") for c in claims), tuple(CATEGORIES)),
        "top_speakers": speakers,
        "most_disputed": disputed,
        "centrality": _centrality(graph, top),
    }


def compute_stats(store: Store, top: int = 10) -> dict[str, Any]:
    """Statistics of everything in ``store`` (``kg stats --format json``).

    Usage: ``compute_stats(store)["nodes_by_type"]["person"]``.
    """
    from kg.viz.projection import project

    return graph_stats(project(store), top)


def stats_tables(stats: dict[str, Any]) -> list[tuple[str, list[str], list[dict[str, Any]]]]:
    """The statistics as (title, columns, rows) tables, for ``kg stats`` in text.

    Usage: ``for title, columns, rows in stats_tables(stats): print(to_table(rows, columns,
    title))``.
    """
    def counts(mapping: dict[str, int], name: str) -> list[dict[str, Any]]:
        return [{name: k, "count": v} for k, v in mapping.items()]

    totals = [{"what": key, "count": stats[key]}
              for key in ("nodes", "edges", "articles", "claims")]
    speakers = [{"speaker": s["label"], "type": s["type"], "claims": s["claims"],
                 "by status": ", ".join(f"{k} {v}" for k, v in s["by_status"].items())}
                for s in stats["top_speakers"]]
    disputed = [{"claim": d["claim_id"], "disputed by": d["disputed_by"], "status": d["status"],
                 "speakers": d["speakers"], "text": d["text"]} for d in stats["most_disputed"]]
    central = stats["centrality"]
    sample = central.get("betweenness_sample")
    return [
        ("Totals", ["what", "count"], totals),
        ("Nodes by type", ["type", "count"], counts(stats["nodes_by_type"], "type")),
        ("Links by relation", ["relation", "count"],
         counts(stats["edges_by_relation"], "relation")),
        ("Claims by status", ["status", "count"], counts(stats["claims_by_status"], "status")),
        ("Most-quoted speakers", ["speaker", "type", "claims", "by status"], speakers),
        ("Most-disputed claims", ["claim", "disputed by", "status", "speakers", "text"], disputed),
        ("Degree centrality", ["label", "type", "degree", "score"], central["degree"]),
        ("Betweenness centrality" + (f" (estimated from {sample} nodes)" if sample else ""),
         ["label", "type", "score"], central["betweenness"]),
    ]
