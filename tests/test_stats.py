"""kg stats: counts that agree with the listings, speakers, disputes and centrality."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kg.listing import list_claims, list_entities
from kg.stats import compute_stats, graph_stats, stats_tables
from kg.store import open_store
from kg.viz.synthetic import synthetic_graph


@pytest.fixture(scope="module")
def seed(built: dict[str, Path]) -> dict:
    with open_store(str(built["store"])) as store:
        return {"stats": compute_stats(store, top=5), "claims": list_claims(store),
                "entities": list_entities(store), "roy": list_claims(store, by="Roy Chua")}


def test_counts_agree_with_the_listings(seed: dict) -> None:
    stats, claims, entities = seed["stats"], seed["claims"], seed["entities"]
    assert stats["claims"] == len(claims) == 41
    assert stats["claims_by_status"] == {"unverified": 38, "contested": 3, "confirmed": 0,
                                         "refuted": 0}
    by_type = Counter(e["type"] for e in entities)
    for entity_type, count in by_type.items():
        assert stats["nodes_by_type"][entity_type] == count
    figures = sum(len(c["figures"]) for c in claims)
    assert stats["nodes"] == len(entities) + len(claims) + figures + stats["articles"]
    assert sum(stats["nodes_by_type"].values()) == stats["nodes"]
    assert sum(stats["edges_by_relation"].values()) == stats["edges"]
    assert stats["edges_by_relation"]["said"] == sum(len(c["claimants"]) for c in claims)


def test_most_quoted_speaker_is_roy_chua(seed: dict) -> None:
    top = seed["stats"]["top_speakers"][0]
    assert top["label"] == "Roy Chua" and top["claims"] == len(seed["roy"])
    assert sum(top["by_status"].values()) == top["claims"]


def test_most_disputed_claims(seed: dict) -> None:
    disputed = {d["claim_id"] for d in seed["stats"]["most_disputed"]}
    expected = {c["claim_id"] for c in seed["claims"] for other in seed["claims"]
                if c["id"] in other["disputes"]}
    assert disputed == expected and "c11" in disputed


def test_centrality_top_n_without_articles(seed: dict) -> None:
    central = seed["stats"]["centrality"]
    assert len(central["degree"]) == 5 and len(central["betweenness"]) == 5
    assert all(entry["type"] != "article" for entry in central["degree"])
    scores = [entry["score"] for entry in central["betweenness"]]
    assert scores == sorted(scores, reverse=True)
    assert "Roy Chua" in {entry["label"] for entry in central["degree"]}


def test_stats_are_json_and_tables(seed: dict) -> None:
    json.dumps(seed["stats"])
    tables = stats_tables(seed["stats"])
    assert [t[0] for t in tables][:2] == ["Totals", "Nodes by type"]
    for _, columns, rows in tables:
        assert all(set(columns) <= set(row) for row in rows)


def test_big_graph_uses_a_seeded_betweenness_sample() -> None:
    graph = synthetic_graph(2500)
    first, second = graph_stats(graph, top=3), graph_stats(graph, top=3)
    assert first == second
    assert first["centrality"]["betweenness_sample"] is not None
    assert first["nodes"] == 2500
