"""Exports: fresh in the repo, parseable by rdflib and pyoxigraph, isomorphic to the store."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.store import open_store

from .conftest import ROOT, run_kg

FILES = ["graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "context.jsonld", "graph.html",
         "graph.gexf", "graph.graphml"]
OX_FORMATS = {"graph.ttl": pyoxigraph.RdfFormat.TURTLE, "graph.trig": pyoxigraph.RdfFormat.TRIG,
              "graph.nq": pyoxigraph.RdfFormat.N_QUADS,
              "graph.jsonld": pyoxigraph.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"graph.ttl": "turtle", "graph.trig": "trig", "graph.nq": "nquads",
                  "graph.jsonld": "json-ld"}


@pytest.mark.parametrize("name", FILES)
def test_committed_exports_are_fresh(built: dict[str, Path], name: str) -> None:
    fresh = (built["exports"] / name).read_bytes()
    committed = ROOT / "exports" / name
    assert committed.exists(), f"exports/{name} is missing: run `kg build`"
    assert committed.read_bytes() == fresh, f"exports/{name} is stale: run `kg build`"


def test_build_twice_gives_the_same_bytes(built: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "exports"
    run_kg("build", "--exports", str(again), store=tmp_path / "store")
    for name in FILES:
        assert (again / name).read_bytes() == (built["exports"] / name).read_bytes(), name


def _store_dataset(store_path: Path) -> Dataset:
    with open_store(str(store_path)) as store:
        data = store.dump("nquads").decode("utf-8")
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    return dataset


@pytest.mark.parametrize("name", list(OX_FORMATS))
def test_exports_parse_with_pyoxigraph(built: dict[str, Path], name: str) -> None:
    quads = list(pyoxigraph.parse(path=str(built["exports"] / name), format=OX_FORMATS[name]))
    assert len(quads) > 500


@pytest.mark.parametrize("name", list(RDFLIB_FORMATS))
def test_exports_are_isomorphic_to_the_store(built: dict[str, Path], name: str) -> None:
    stored = _store_dataset(built["store"])
    exported = Dataset()
    exported.parse(built["exports"] / name, format=RDFLIB_FORMATS[name])
    if name == "graph.ttl":
        union = Graph()
        for s, p, o, _ in stored.quads((None, None, None, None)):
            union.add((s, p, o))
        exported_union = Graph()
        for s, p, o, _ in exported.quads((None, None, None, None)):
            exported_union.add((s, p, o))
        assert isomorphic(union, exported_union)
        return
    stored_graphs = {str(g.identifier): g for g in stored.graphs() if len(g)}
    exported_graphs = {str(g.identifier): g for g in exported.graphs() if len(g)}
    assert set(stored_graphs) == set(exported_graphs)
    for iri, graph in stored_graphs.items():
        assert isomorphic(graph, exported_graphs[iri]), iri


def test_jsonld_is_compacted_with_the_kg_context(built: dict[str, Path]) -> None:
    document = json.loads((built["exports"] / "graph.jsonld").read_text(encoding="utf-8"))
    context = json.loads((built["exports"] / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == context["@context"]
    assert document["@context"]["schema"] == "http://schema.org/"
    assert "@graph" in document


def test_cli_export_writes_each_format(built: dict[str, Path], tmp_path: Path) -> None:
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        out = tmp_path / f"x.{fmt}"
        run_kg("export", "--format", fmt, "--out", str(out), store=built["store"])
        assert out.stat().st_size > 1000
