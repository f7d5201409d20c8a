"""Disputed claim groups in the projection and the page data (no browser): the seed and the
test corpus (tests/corpus/sources) give five groups in which sources contradict each other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.gephi import write_gexf, write_graphml
from kg.ingest import ingest_files
from kg.reconcile import disputed_groups, list_claim_groups
from kg.store import open_store
from kg.viz.page import page_data
from kg.viz.projection import disputed_group_index, project
from kg.viz.select import select_graph

from .conftest import SEED

CORPUS = Path(__file__).resolve().parent / "corpus" / "sources" / "annotations"
FILES = [SEED, *sorted(CORPUS.glob("*.yaml"))]
ATTRS = ("disputed_group", "disputed_group_label", "disputed_groups", "disputed_group_labels")


def corpus_facts(folder: Path) -> dict[str, Any]:
    """Ingest the seed and the corpus into a store under ``folder``: its projection, groups."""
    with open_store(str(folder / "store")) as store:
        ingest_files(store, FILES, check_shapes=False)
        return {"store": folder / "store", "graph": project(store), "again": project(store),
                "groups": list_claim_groups(store), "disputed": disputed_groups(store)}


def members(group: dict[str, Any]) -> set[str]:
    """The distinct claims of a claim group (a claim may be in it with several figures)."""
    return {m["claim"] for m in group["members"]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    yield corpus_facts(tmp_path_factory.mktemp("disputed"))


def test_claims_of_disputed_groups_carry_their_group(corpus: dict[str, Any]) -> None:
    graph: nx.MultiDiGraph = corpus["graph"]
    disputed = corpus["disputed"]
    assert len(disputed) == 5
    expected: dict[str, list[dict[str, Any]]] = {}
    for group in disputed:
        for claim in members(group):
            expected.setdefault(claim, []).append(group)
    marked = {n for n, a in graph.nodes(data=True) if "disputed_group" in a}
    assert marked == set(expected)
    assert len(marked) == 18
    for claim, found in expected.items():
        attrs = graph.nodes[claim]
        assert attrs["kind"] == "claim"
        found.sort(key=lambda g: g["id"])
        assert attrs["disputed_group"] == found[0]["id"]
        assert attrs["disputed_group_label"] == found[0]["label"]
        assert attrs["disputed_groups"].split(" ") == [g["id"] for g in found]
        assert attrs["disputed_group_labels"].split("\n") == [g["label"] for g in found]
    undisputed = {c for g in corpus["groups"] if not g["disputed"] for c in members(g)}
    for claim in undisputed - set(expected):
        assert not set(ATTRS) & set(graph.nodes[claim])


def test_group_index_matches_the_reports(corpus: dict[str, Any]) -> None:
    index = disputed_group_index(corpus["graph"])
    assert list(index) == [g["id"] for g in corpus["disputed"]]
    for group in corpus["disputed"]:
        assert index[group["id"]]["label"] == group["label"]
        assert set(index[group["id"]]["claims"]) == members(group)
    labels = {g["label"] for g in corpus["disputed"]}
    assert "DeepSeek-V3 · trainedWithProcessors (chip)" in labels


def test_projection_stays_deterministic_and_scalar(corpus: dict[str, Any],
                                                   tmp_path: Path) -> None:
    graph, again = corpus["graph"], corpus["again"]
    assert list(graph.nodes(data=True)) == list(again.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(again.edges(keys=True, data=True))
    for _, attrs in graph.nodes(data=True):
        for value in attrs.values():
            assert isinstance(value, str | int | float | bool) and value != ""
    claim = next(n for n, a in graph.nodes(data=True) if "disputed_group" in a)
    back = nx.read_gexf(write_gexf(graph, tmp_path / "graph.gexf"))
    assert back.nodes[claim]["disputed_group_label"] == graph.nodes[claim]["disputed_group_label"]
    back = nx.read_graphml(write_graphml(graph, tmp_path / "graph.graphml"))
    assert back.nodes[claim]["disputed_group"] == graph.nodes[claim]["disputed_group"]


def test_page_data_lists_the_groups_with_their_claims(corpus: dict[str, Any]) -> None:
    graph = corpus["graph"]
    data = page_data(graph)
    ids = [n["id"] for n in data["nodes"]]
    by_id = {g["id"]: g for g in corpus["disputed"]}
    assert {g["id"] for g in data["groups"]} == set(by_id)
    assert [g["label"] for g in data["groups"]] == sorted(
        (g["label"] for g in corpus["disputed"]), key=str.casefold)
    for group in data["groups"]:
        assert group["label"] == by_id[group["id"]]["label"]
        assert {ids[i] for i in group["claims"]} == members(by_id[group["id"]])
    assert data["disputed"]["label"] == "Claim in a disputed group"


def test_a_part_of_the_graph_keeps_only_its_own_group_claims(corpus: dict[str, Any]) -> None:
    part = select_graph(corpus["graph"], focus="en-reservoir-protest/c01", depth=1)
    groups = page_data(part)["groups"]
    assert [g["label"] for g in groups] == ["Mauzé-le-Vieux · protestTurnout (person)"]
    names = [n["id"] for n in page_data(part)["nodes"]]
    assert {names[i] for i in groups[0]["claims"]} <= set(part)
