"""Node positions computed in Python, so the browser only draws (no physics on big graphs).

Up to ``SPRING_MAX_NODES`` nodes: networkx ``spring_layout`` with a fixed seed. Above, a
two-level layout that stays fast with numpy alone: Louvain communities (fixed seed), each laid
out by the spring layout, placed where the graph of communities puts them, then pushed apart
until they no longer overlap. Positions are whole pixels, so pages are byte for byte stable.
Usage::

    from kg.viz.layout import layout
    positions = layout(graph)          # {node: (x, y)}
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

#: Largest graph (or community) laid out directly by networkx's spring layout.
SPRING_MAX_NODES = 400
#: About how far apart (in pixels) neighbouring nodes end up.
EDGE_LENGTH = 120.0
#: Seed of every random choice in the layout.
SEED = 7
#: Louvain resolution: above 1 gives smaller communities, so faster spring layouts.
RESOLUTION = 2.0

#: How strongly each relation pulls its two ends together (1 when not listed). An article
#: links every claim it holds, so its pull is weak: claims gather around their speakers.
LAYOUT_WEIGHTS: dict[str, float] = {"appears_in": 0.05, "about": 0.5, "published": 0.3}

Positions = dict[Hashable, np.ndarray]


def layout(graph: nx.Graph) -> dict[Hashable, tuple[int, int]]:
    """Whole-pixel positions for every node of ``graph`` (any networkx graph), centred on 0.

    Usage: ``x, y = layout(graph)[node]``.
    """
    # Integers stand for the nodes: sets of ints iterate in the same order in every run,
    # sets of strings do not (hash randomisation), and Louvain and subgraphs use sets.
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    simple = nx.Graph()
    simple.add_nodes_from(range(len(nodes)))
    for u, v, relation in graph.edges(data="relation"):
        if u != v:
            a, b = index[u], index[v]
            prior = simple.get_edge_data(a, b, {"weight": 0.0})["weight"]
            simple.add_edge(a, b, weight=prior + LAYOUT_WEIGHTS.get(relation, 1.0))
    positions = _layout(simple, "weight")
    return {nodes[i]: (int(round(p[0])), int(round(p[1]))) for i, p in sorted(positions.items())}


def _layout(graph: nx.Graph, weight: str | None) -> Positions:
    nodes = list(graph.nodes)
    if len(nodes) <= 1:
        return {node: np.zeros(2) for node in nodes}
    if len(nodes) <= SPRING_MAX_NODES:
        return _spring(graph, weight)
    return _communities(graph, weight)


def _spring(graph: nx.Graph, weight: str | None) -> Positions:
    nodes = list(graph.nodes)
    iterations = 100 if len(nodes) <= 150 else 50
    raw = nx.spring_layout(graph, seed=SEED, iterations=iterations, weight=weight, method="force")
    points = np.array([raw[node] for node in nodes], dtype=float)
    points -= points.mean(axis=0)
    points *= EDGE_LENGTH * math.sqrt(len(nodes)) / 2.0
    return dict(zip(nodes, points, strict=True))


def _ordered_subgraph(graph: nx.Graph, nodes: list[Hashable]) -> nx.Graph:
    keep = set(nodes)
    part = nx.Graph()
    part.add_nodes_from(nodes)
    part.add_edges_from((u, v, d) for u in nodes for v, d in graph.adj[u].items() if v in keep)
    return part


def _split(graph: nx.Graph, weight: str | None) -> list[list[Hashable]]:
    """Communities of ``graph`` in a stable order (by their first node in graph order)."""
    order = {node: index for index, node in enumerate(graph.nodes)}
    communities = nx.community.louvain_communities(graph, weight=weight, resolution=RESOLUTION,
                                                   seed=SEED)
    parts = [sorted(c, key=order.__getitem__) for c in communities]
    if not 1 < len(parts) <= len(order) // 2:  # no useful split: cut the breadth-first order
        walk = [n for component in nx.connected_components(graph)
                for n in nx.bfs_tree(graph, min(component, key=order.__getitem__))]
        parts = [walk[i:i + SPRING_MAX_NODES] for i in range(0, len(walk), SPRING_MAX_NODES)]
    return sorted(parts, key=lambda part: order[part[0]])


def _communities(graph: nx.Graph, weight: str | None) -> Positions:
    parts = _split(graph, weight)
    member = {node: index for index, part in enumerate(parts) for node in part}
    inner = [_layout(_ordered_subgraph(graph, part), weight) for part in parts]
    radii = np.array([max((float(np.hypot(*p)) for p in pos.values()), default=0.0)
                      + EDGE_LENGTH for pos in inner])
    between = nx.Graph()
    between.add_nodes_from(range(len(parts)))
    for u, v, data in graph.edges(data=True):
        a, b = member[u], member[v]
        if a != b:
            w = data.get(weight, 1) if weight else 1
            prior = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=prior + w)
    centres_by_part = _layout(between, "weight")
    centres = np.array([centres_by_part[i] for i in range(len(parts))], dtype=float)
    centres = _separate(centres, radii)
    out: Positions = {}
    for index, pos in enumerate(inner):
        for node, point in pos.items():
            out[node] = centres[index] + point
    return {node: out[node] for node in graph.nodes}


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 100) -> np.ndarray:
    """Move discs of ``radii`` apart until they (nearly) stop overlapping; stays deterministic."""
    count = len(centres)
    if count < 2:
        return centres
    spread = float(np.abs(centres).max()) or 1.0
    centres = centres / spread * math.sqrt(float((radii ** 2).sum()))  # about the area needed
    needed = radii[:, None] + radii[None, :]
    jitter = np.random.default_rng(SEED).normal(scale=1e-3, size=centres.shape)
    centres = centres + jitter
    for _ in range(rounds):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(distance, np.inf)
        overlap = np.clip(needed - distance, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        if not overlap.any():
            break
        crowd = np.maximum((overlap > 0).sum(axis=1), 1)[:, None]
        push = (delta / distance[..., None]) * (overlap / 2.0)[..., None]
        centres = centres + push.sum(axis=1) / crowd
    return centres - centres.mean(axis=0)
