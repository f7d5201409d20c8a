"""GEXF and GraphML for Gephi: readable by networkx, scalar attributes, stable bytes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.gephi import gephi_graph, write_gexf, write_graphml
from kg.store import open_store
from kg.viz.projection import project

C11 = "https://kg.example.org/id/claim/deepseek-stargate-mwl/c11"
ROY = "https://kg.example.org/id/entity/roy-chua"


@pytest.fixture(scope="module")
def graph(built: dict[str, Path]) -> nx.MultiDiGraph:
    with open_store(str(built["store"])) as store:
        return project(store)


def test_gexf_reads_back_with_colours_positions_and_renamed_keys(graph: nx.MultiDiGraph,
                                                                tmp_path: Path) -> None:
    path = write_gexf(graph, tmp_path / "graph.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    claim = back.nodes[C11]
    assert claim["label"] == graph.nodes[C11]["label"]
    assert claim["status"] == "contested"
    assert (claim["text_start"], claim["text_end"]) == (graph.nodes[C11]["start"],
                                                         graph.nodes[C11]["end"])
    assert claim["viz"]["color"] == {"r": 245, "g": 124, "b": 0, "a": 1.0}
    assert set(claim["viz"]["position"]) == {"x", "y", "z"}
    relations = {data["relation"] for _, _, data in back.edges(data=True)}
    assert {"said", "disputes", "supports", "works_for"} <= relations
    text = path.read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert ' type="said"' not in text and 'type="directed"' not in text.split("<edges>")[1]


def test_graphml_reads_back(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    back = nx.read_graphml(write_graphml(graph, tmp_path / "graph.graphml"))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[ROY]["label"] == "Roy Chua"
    assert back.nodes[C11]["checkable"] is True
    assert back.nodes[C11]["color"] == "#f57c00"


def test_same_graph_same_bytes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    for writer, name in ((write_gexf, "g.gexf"), (write_graphml, "g.graphml")):
        first = writer(graph, tmp_path / "1" / name).read_bytes()
        second = writer(graph, tmp_path / "2" / name).read_bytes()
        assert first == second


def test_awkward_values_become_scalars_of_one_type() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="A", start=1, end=2, tags=["x", "y"], extra={"k": 1}, gone=None,
                   value=1)
    graph.add_node("b", label="B", value=2.5, tags="z")
    graph.add_edge("a", "b", type="supports", weight=3, relation="supports")
    out = gephi_graph(graph, positions={"a": (0, 0), "b": (10, 5)})
    a = out.nodes["a"]
    assert a["tags"] == "x; y" and a["extra"] == '{"k": 1}' and "gone" not in a
    assert (a["text_start"], a["text_end"]) == (1, 2) and "start" not in a
    assert a["value"] == 1.0 and isinstance(a["value"], float)
    edge = next(iter(out.edges(data=True)))[2]
    assert "type" not in edge and edge["relation_type"] == "supports"
    assert "weight" not in edge and edge["link_weight"] == 3
    assert out.nodes["b"]["y"] == -5.0, "y grows upwards in Gephi"
