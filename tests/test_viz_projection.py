"""The networkx projection of the seed store: every claim, speaker and link, scalar attributes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.listing import list_claims, list_entities
from kg.store import open_store
from kg.viz.projection import NODE_TYPES, RELATIONS, claim_label, project, short_label

ROY = "https://kg.example.org/id/entity/roy-chua"
AVIDTHINK = "https://kg.example.org/id/entity/avidthink"
C11 = "https://kg.example.org/id/claim/deepseek-stargate-mwl/c11"
C15 = "https://kg.example.org/id/claim/deepseek-stargate-mwl/c15"
ARTICLE = "https://kg.example.org/id/article/deepseek-stargate-mwl"


@pytest.fixture(scope="module")
def seed(built: dict[str, Path]) -> dict:
    with open_store(str(built["store"])) as store:
        return {"graph": project(store), "again": project(store),
                "claims": list_claims(store), "entities": list_entities(store)}


def test_every_claim_is_a_node_with_its_status_text_and_position(seed: dict) -> None:
    graph: nx.MultiDiGraph = seed["graph"]
    assert len(seed["claims"]) == 41
    for claim in seed["claims"]:
        attrs = graph.nodes[claim["id"]]
        assert attrs["kind"] == "claim" and attrs["type"] == "claim"
        assert attrs["text"] == claim["text"]
        assert attrs["status"] == claim["status"]
        assert attrs["status_reason"] == claim["status_reason"]
        assert (attrs["start"], attrs["end"]) == (claim["start"], claim["end"])
        assert attrs["source"] == claim["source"]["id"]
        assert attrs["label"].startswith(claim["claim_id"] + ": ")
        for person in claim["claimants"]:
            assert graph.has_edge(person["id"], claim["id"], key="said")
        for person in claim["reported_by"]:
            assert graph.has_edge(person["id"], claim["id"], key="reported")
        for other in claim["disputes"]:
            assert graph.has_edge(claim["id"], other, key="disputes")
        for figure in claim["figures"]:
            assert graph.nodes[figure["id"]]["type"] == "figure"
            assert graph.has_edge(claim["id"], figure["id"], key="has_figure")
        assert graph.has_edge(claim["id"], ARTICLE, key="appears_in")


def test_every_entity_is_a_node_of_its_type(seed: dict) -> None:
    graph = seed["graph"]
    for entity in seed["entities"]:
        attrs = graph.nodes[entity["id"]]
        assert attrs["kind"] == "entity"
        assert attrs["type"] == entity["type"]
        assert attrs["label"] == attrs["name"] == entity["name"]
    assert graph.nodes[ROY]["type"] == "person"
    assert graph.nodes[ROY]["aliases"] == "l’analyste d’AvidThink"
    assert graph.nodes[ARTICLE]["type"] == "article"


def test_links_between_people_organisations_and_claims(seed: dict) -> None:
    graph = seed["graph"]
    assert graph.edges[ROY, AVIDTHINK, "works_for"]["role"] == "fondateur et analyste principal"
    assert graph.has_edge(ROY, C11, key="said")
    assert graph.has_edge(ROY, C15, key="reported")
    assert graph.has_edge(C15, C11, key="disputes")
    assert graph.has_edge(C11, "https://kg.example.org/id/entity/deepseek-v3", key="about")
    members = {(u, v) for u, v, k in graph.edges(keys=True) if k == "member_of"}
    assert ("https://kg.example.org/id/entity/openai",
            "https://kg.example.org/id/entity/stargate") in members


def test_attributes_are_scalars_and_types_and_relations_are_known(seed: dict) -> None:
    graph = seed["graph"]
    for _, attrs in graph.nodes(data=True):
        assert attrs["type"] in NODE_TYPES
        for value in attrs.values():
            assert isinstance(value, str | int | float | bool) and value != ""
    for _, _, key, attrs in graph.edges(keys=True, data=True):
        assert key == attrs["relation"] and key in RELATIONS
        for value in attrs.values():
            assert isinstance(value, str | int | float | bool)


def test_projection_is_deterministic(seed: dict) -> None:
    graph, again = seed["graph"], seed["again"]
    assert list(graph.nodes(data=True)) == list(again.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(again.edges(keys=True, data=True))
    kinds = [attrs["kind"] for _, attrs in graph.nodes(data=True)]
    assert kinds == sorted(kinds, key=["article", "entity", "claim", "figure"].index)


def test_short_labels() -> None:
    assert short_label("court") == "court"
    label = claim_label("c11", "l’entraînement de DeepSeekV3, le modèle sur lequel l’app")
    assert label.startswith("c11: l’entraînement") and label.endswith("…")
    assert len(label) <= len("c11: ") + 27
