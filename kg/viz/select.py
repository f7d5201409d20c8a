"""Choose part of the projection: by claim status, by node type, around one entity or claim.

These are the ``--status``, ``--type``, ``--focus`` and ``--depth`` options of ``kg viz``.
Usage::

    from kg.viz.select import select_graph
    part = select_graph(graph, focus="Roy Chua", depth=1, statuses=["contested"])
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.errors import UsageError
from kg.viz.projection import NODE_TYPES
from kg.vocab import DATA_BASE, STATUSES


def induced(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """A copy of ``graph`` restricted to ``nodes``, keeping the graph's node and edge order.

    (``graph.subgraph(nodes)`` may iterate in set order, which changes from run to run.)
    """
    keep = set(nodes)
    part = nx.MultiDiGraph(**graph.graph)
    part.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if n in keep)
    part.add_edges_from((u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True)
                        if u in keep and v in keep)
    return part


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _names(node: str, attrs: dict) -> set[str]:
    """Every string a user may type to mean this node, casefolded."""
    names = {node, _tail(node)}
    kind = attrs.get("kind")
    if kind == "entity":
        names.add(attrs.get("name", ""))
        names.update(a for a in attrs.get("aliases", "").split("; ") if a)
    elif kind == "claim":
        names.add(attrs.get("claim_id", ""))
        if node.startswith(DATA_BASE + "claim/"):
            names.add(node[len(DATA_BASE + "claim/"):])
    elif kind == "article":
        names.add(attrs.get("title", ""))
    return {n.casefold().strip() for n in names if n}


def find_node(graph: nx.MultiDiGraph, ref: str) -> str:
    """The node ``ref`` names: an IRI, an entity's name, alias or id, a claim's ``cNN`` or
    ``article/cNN``, or an article's id or title (case-insensitive).

    Usage: ``find_node(graph, "Roy Chua")``. Raises UsageError when nothing or several match.
    """
    if ref in graph:
        return ref
    needle = ref.casefold().strip()
    found = [node for node, attrs in graph.nodes(data=True)
             if attrs.get("kind") != "figure" and needle in _names(node, attrs)]
    if not found:
        raise UsageError(f"unknown entity or claim '{ref}' for --focus "
                         "(see `kg entities` and `kg claims` for names and ids)")
    if len(found) > 1:
        raise UsageError(f"--focus '{ref}' is ambiguous: {', '.join(sorted(found))} "
                         "(give one of these IRIs)")
    return found[0]


def _check(values: Iterable[str] | None, allowed: Iterable[str], option: str) -> set[str] | None:
    if values is None:
        return None
    chosen = set(values)
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise UsageError(f"unknown {option} '{unknown[0]}' (expected one of: "
                         f"{', '.join(allowed)})")
    return chosen


def filter_graph(graph: nx.MultiDiGraph, statuses: Iterable[str] | None = None,
                 types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The graph with only claims of ``statuses`` and nodes of ``types`` (None keeps all).

    With a status filter, only the claims kept and the nodes linked to them stay (their
    speakers, figures, articles, what they are about). Usage:
    ``filter_graph(graph, statuses=["contested"])``.
    """
    wanted_statuses = _check(statuses, STATUSES, "--status")
    wanted_types = _check(types, NODE_TYPES, "--type")
    if not wanted_statuses and not wanted_types:
        return graph.copy()

    def keep_claim(attrs: dict) -> bool:
        return not wanted_statuses or attrs.get("status") in wanted_statuses

    claims = {n for n, a in graph.nodes(data=True) if a.get("kind") == "claim" and keep_claim(a)}
    keep = []
    for node, attrs in graph.nodes(data=True):
        if wanted_types and attrs.get("type") not in wanted_types:
            continue
        if attrs.get("kind") == "claim" and node not in claims:
            continue
        if attrs.get("kind") == "figure" and wanted_statuses and attrs.get("claim") not in claims:
            continue
        keep.append(node)
    part = induced(graph, keep)
    if wanted_statuses:  # only what those claims link to stays with them
        kept = claims & set(part)
        near = {n for c in kept for n in (*part.successors(c), *part.predecessors(c))}
        part = induced(part, kept | near)
    return part


def focus_graph(graph: nx.MultiDiGraph, focus: str, depth: int = 2) -> nx.MultiDiGraph:
    """The nodes at most ``depth`` links from ``focus`` (either direction), in graph order.

    Articles are reached but not walked through (an article links every claim it holds),
    unless the focus is the article itself. Usage: ``focus_graph(graph, iri, depth=1)``.
    """
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    seen = {focus}
    frontier = [focus]
    for _ in range(depth):
        following = []
        for node in frontier:
            if node != focus and graph.nodes[node].get("kind") == "article":
                continue
            for other in sorted(set(graph.successors(node)) | set(graph.predecessors(node))):
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
    return induced(graph, seen)


def select_graph(graph: nx.MultiDiGraph, focus: str | None = None, depth: int = 2,
                 statuses: Iterable[str] | None = None,
                 types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """Filter by status and type, then keep the neighbourhood of ``focus`` if given.

    Usage: ``select_graph(graph, focus="c11", depth=1)``.
    """
    statuses = list(statuses) if statuses else None
    types = list(types) if types else None
    target = find_node(graph, focus) if focus else None
    part = filter_graph(graph, statuses, types)
    if target is None:
        return part
    if target not in part:
        raise UsageError(f"--focus '{focus}' is left out by the --status or --type filter")
    return focus_graph(part, target, depth)
