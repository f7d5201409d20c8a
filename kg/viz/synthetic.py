"""Synthetic claim graphs shaped like the projection, for benchmarks and tests of big pages.

Articles of about 40 claims each; claims said by people and organisations (some shared across
articles, most local to one), about shared entities, with figures, disputes and supports. The
graph has exactly ``nodes`` nodes and the attributes :func:`kg.viz.projection.project` gives.
Usage::

    from kg.viz.synthetic import synthetic_graph
    graph = synthetic_graph(5000, seed=1)
"""

from __future__ import annotations

import random

import networkx as nx

from kg.viz.projection import claim_label
from kg.viz.style import EDGE_TYPES

_BASE = "https://kg.example.org/id/"
_STATUSES = ("unverified",) * 12 + ("contested",) * 3 + ("confirmed",) * 2 + ("refuted",)
_WORDS = ("le", "modèle", "a", "coûté", "moins", "que", "prévu", "selon", "les", "analystes",
          "et", "processeurs", "utilisés", "pour", "l’entraînement", "restent", "contestés",
          "par", "plusieurs", "sources", "industrielles", "chiffre", "milliards")
_ENTITY_TYPES = ("person",) * 5 + ("organization",) * 4 + ("group", "product", "place")


def _edge(graph: nx.MultiDiGraph, u: str, v: str, relation: str) -> None:
    if u != v and not graph.has_edge(u, v, key=relation):
        graph.add_edge(u, v, key=relation, relation=relation, label=EDGE_TYPES[relation]["label"])


def _entity(graph: nx.MultiDiGraph, rng: random.Random, index: int) -> str:
    kind = rng.choice(_ENTITY_TYPES)
    iri = f"{_BASE}entity/e{index:06d}"
    name = f"{kind.capitalize()} {index}"
    graph.add_node(iri, kind="entity", type=kind, label=name, name=name)
    return iri


def synthetic_graph(nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """A deterministic graph of exactly ``nodes`` nodes. Usage: ``synthetic_graph(500)``."""
    if nodes < 3:
        raise ValueError("a synthetic graph needs at least 3 nodes")
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(name=f"synthetic-{nodes}")
    shared = [_entity(graph, rng, i) for i in range(max(1, nodes // 12))]
    entity_count = len(shared)
    article_index = 0
    while graph.number_of_nodes() < nodes:
        article = f"{_BASE}article/a{article_index:05d}"
        title = f"Article {article_index}"
        graph.add_node(article, kind="article", type="article", label=title, title=title)
        local: list[str] = []
        claims: list[str] = []
        for number in range(1, 41):
            if graph.number_of_nodes() >= nodes:
                break
            if number % 4 == 1 and graph.number_of_nodes() < nodes - 1:
                local.append(_entity(graph, rng, entity_count))
                entity_count += 1
            claim_id = f"c{number:02d}"
            iri = f"{_BASE}claim/a{article_index:05d}/{claim_id}"
            words = rng.sample(_WORDS, rng.randint(6, 14))
            text = " ".join(words)
            status = rng.choice(_STATUSES)
            start = number * 200
            speaker = rng.choice(local) if local and rng.random() < 0.8 else rng.choice(shared)
            graph.add_node(iri, kind="claim", type="claim", label=claim_label(claim_id, text),
                           claim_id=claim_id, text=text, status=status,
                           status_reason=f"Synthetic status {status}.", start=start,
                           end=start + len(text), source=article, source_title=title,
                           speakers=graph.nodes[speaker]["label"], claim_kind="reported-speech",
                           category="fact", checkable=True)
            _edge(graph, speaker, iri, "said")
            for target in rng.sample(shared, min(len(shared), rng.randint(1, 2))):
                _edge(graph, iri, target, "about")
            _edge(graph, iri, article, "appears_in")
            if claims and rng.random() < 0.1:
                _edge(graph, iri, rng.choice(claims), rng.choice(("disputes", "supports")))
            claims.append(iri)
            if rng.random() < 0.3 and graph.number_of_nodes() < nodes:
                figure = f"{iri}#f1"
                value = rng.randint(1, 5000) * 1000
                graph.add_node(figure, kind="figure", type="figure", label=f"{value} USD",
                               value=float(value), value_text=f"{value} USD", unit="USD",
                               text=f"{value} dollars", start=start, end=start + 10,
                               claim=iri, source=article)
                _edge(graph, iri, figure, "has_figure")
        article_index += 1
    return graph
