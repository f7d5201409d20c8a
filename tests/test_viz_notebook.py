"""The pyvis view of the projection: every node and edge, styled, with inert titles."""

from __future__ import annotations

import networkx as nx

from kg.viz.notebook import plain, to_pyvis
from kg.viz.style import node_color


def test_every_node_and_edge_with_colours_and_inert_text() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("p", type="person", label="Ana <img src=x onerror=alert(1)>")
    graph.add_node("c", type="claim", status="contested", label="c01",
                   text="<script>alert(1)</script> href")
    graph.add_edge("p", "c", relation="said", label="said")
    net = to_pyvis(graph)
    nodes = {n["id"]: n for n in net.nodes}
    assert set(nodes) == {"p", "c"} and len(net.edges) == 1
    assert nodes["c"]["color"] == node_color("claim", "contested")
    for node in nodes.values():
        assert "<" not in node["title"] and "<" not in node["label"]
    assert nodes["c"]["title"] == plain("<script>alert(1)</script> href")
    assert "script" in nodes["c"]["title"]
