"""--focus, --depth, --status and --type: which part of the graph a page shows."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.store import open_store
from kg.viz.projection import project
from kg.viz.select import filter_graph, find_node, focus_graph, select_graph

ROY = "https://kg.example.org/id/entity/roy-chua"
C11 = "https://kg.example.org/id/claim/deepseek-stargate-mwl/c11"
ARTICLE = "https://kg.example.org/id/article/deepseek-stargate-mwl"


@pytest.fixture(scope="module")
def graph(built: dict[str, Path]) -> nx.MultiDiGraph:
    with open_store(str(built["store"])) as store:
        return project(store)


@pytest.mark.parametrize("ref", ["Roy Chua", "roy chua", "l’analyste d’AvidThink", "roy-chua", ROY])
def test_find_an_entity_by_name_alias_or_id(graph: nx.MultiDiGraph, ref: str) -> None:
    assert find_node(graph, ref) == ROY


@pytest.mark.parametrize("ref", ["c11", "deepseek-stargate-mwl/c11", C11])
def test_find_a_claim_by_id(graph: nx.MultiDiGraph, ref: str) -> None:
    assert find_node(graph, ref) == C11


def test_unknown_or_ambiguous_focus_is_a_clear_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(UsageError, match="unknown entity or claim 'Nobody'"):
        find_node(graph, "Nobody")
    twice = graph.copy()
    twice.add_node("urn:x:other", kind="entity", type="person", label="Roy Chua", name="Roy Chua")
    with pytest.raises(UsageError, match="ambiguous"):
        find_node(twice, "Roy Chua")


def test_status_filter_keeps_those_claims_and_their_speakers(graph: nx.MultiDiGraph) -> None:
    part = filter_graph(graph, statuses=["contested"])
    claims = [n for n, a in part.nodes(data=True) if a["kind"] == "claim"]
    assert claims and all(part.nodes[c]["status"] == "contested" for c in claims)
    assert C11 in claims and ROY in part
    assert all(part.degree(n) > 0 for n in part if part.nodes[n]["kind"] != "claim")
    figures = [n for n, a in part.nodes(data=True) if a["kind"] == "figure"]
    assert all(part.nodes[f]["claim"] in claims for f in figures)
    assert list(part.nodes) == [n for n in graph.nodes if n in part], "graph order is kept"
    assert "https://kg.example.org/id/entity/avidthink" not in part, "not linked to a claim"
    assert filter_graph(graph, statuses=["refuted"]).number_of_nodes() == 0


def test_type_filter(graph: nx.MultiDiGraph) -> None:
    part = filter_graph(graph, types=["person", "organization"])
    assert {a["type"] for _, a in part.nodes(data=True)} == {"person", "organization"}
    assert part.has_edge(ROY, "https://kg.example.org/id/entity/avidthink", key="works_for")


def test_bad_status_or_type_is_a_clear_error(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(UsageError, match="unknown --status 'maybe'"):
        filter_graph(graph, statuses=["maybe"])
    with pytest.raises(UsageError, match="unknown --type 'robot'"):
        filter_graph(graph, types=["robot"])
    with pytest.raises(UsageError, match="--depth"):
        focus_graph(graph, ROY, depth=-1)


def test_focus_depth_walks_links_but_not_through_the_article(graph: nx.MultiDiGraph) -> None:
    assert list(focus_graph(graph, ROY, 0).nodes) == [ROY]
    one = focus_graph(graph, ROY, 1)
    assert set(one) == {ROY} | set(graph.successors(ROY)) | set(graph.predecessors(ROY))
    two = focus_graph(graph, C11, 2)
    assert ARTICLE in two
    others = {n for n, a in graph.nodes(data=True) if a["kind"] == "claim"} - set(two)
    assert others, "the article is not walked through, so not every claim comes along"


def test_select_graph_filters_then_focuses(graph: nx.MultiDiGraph) -> None:
    part = select_graph(graph, focus="Roy Chua", depth=1, statuses=["contested"])
    claims = [n for n, a in part.nodes(data=True) if a["kind"] == "claim"]
    assert C11 in claims and all(part.nodes[c]["status"] == "contested" for c in claims)
    with pytest.raises(UsageError, match="left out"):
        select_graph(graph, focus="c01", statuses=["contested"])
