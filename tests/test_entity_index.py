"""The entity index graph: one copy of each entity's names, kept right by every write path."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from kg.backup import copy_graphs, dump_text, restore_text
from kg.entity_index import ENTITY_INDEX_GRAPH, name_key, rebuild_update
from kg.ingest import ingest_files
from kg.store import EmbeddedStore

from .conftest import ROOT, SEED

CORPUS = ROOT / "tests" / "corpus" / "sources" / "annotations"
NVIDIA = "https://kg.example.org/id/entity/nvidia"
H800 = "https://kg.example.org/id/entity/nvidia-h800"


def _index(store: EmbeddedStore) -> list[tuple[str, str, str]]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ENTITY_INDEX_GRAPH}> {{ ?s ?p ?o }} }}")
    return sorted((r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows)


def _names(store: EmbeddedStore, entity: str, graph: str = "?g") -> list[str]:
    """Every (graph, name) statement of ``entity``'s names and aliases, as the names."""
    graph = graph if graph == "?g" else f"<{graph}>"
    rows = store.select(f"SELECT ?g ?n WHERE {{ VALUES ?p {{ <http://schema.org/name> "
                        f"<http://schema.org/alternateName> }} "
                        f"GRAPH {graph} {{ <{entity}> ?p ?n }} }}")
    return sorted(r["n"]["value"] for r in rows)


def test_name_key_folds_case_and_spacing() -> None:
    assert name_key("  Roy \t CHUA ") == "roy chua"
    assert name_key("Zoe\u0301") == name_key("Zoé")  # NFC
    assert name_key("Straße") == "strasse"


def test_each_name_is_stated_once_however_many_articles_name_it(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        ingest_files(store, [SEED, CORPUS / "fr-blog-deepseek.yaml"], reconcile=False)
        everywhere = _names(store, H800)
        indexed = _names(store, H800, ENTITY_INDEX_GRAPH)
        assert indexed == ["H800", "Nvidia H800"]
        # both articles restate the names; the index states them once
        assert everywhere.count("Nvidia H800") == 3
        keys = store.select(f"SELECT ?k WHERE {{ GRAPH <{ENTITY_INDEX_GRAPH}> "
                            f"{{ <{H800}> <https://kg.example.org/def/ns#nameKey> ?k }} }}")
        assert {r["k"]["value"] for r in keys} == {name_key(n) for n in indexed}
        incremental = _index(store)
        store.update(rebuild_update())
        assert _index(store) == incremental


def test_reingest_drops_a_name_no_article_states_any_more(tmp_path: Path) -> None:
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    nvidia = next(e for e in data["entities"] if e["id"] == "nvidia")
    nvidia["aliases"] = [*nvidia.get("aliases", []), "Team Green"]
    shutil.copy(SEED.parent / data["article"]["text_file"], tmp_path / "seed.txt")
    data["article"]["text_file"] = "seed.txt"
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        ingest_files(store, [changed], reconcile=False)
        assert "Team Green" in _names(store, NVIDIA, ENTITY_INDEX_GRAPH)
        ingest_files(store, [SEED], reconcile=False)
        assert "Team Green" not in _names(store, NVIDIA, ENTITY_INDEX_GRAPH)
        before = _index(store)
        store.update(rebuild_update())
        assert _index(store) == before


def test_copied_and_restored_articles_are_indexed(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "a") as source, EmbeddedStore(tmp_path / "b") as target, \
            EmbeddedStore(tmp_path / "c") as restored:
        ingest_files(source, [SEED, CORPUS / "fr-blog-deepseek.yaml"], reconcile=False)
        copy_graphs(source, target, ["deepseek-stargate-mwl"])
        assert _names(target, H800, ENTITY_INDEX_GRAPH)
        expected = _index(target)
        target.update(rebuild_update())
        assert _index(target) == expected
        dump = dump_text(source)
        without_index = "".join(line for line in dump.splitlines(keepends=True)
                                if f"<{ENTITY_INDEX_GRAPH}>" not in line)
        restore_text(restored, without_index, "nquads")
        assert _index(restored) == _index(source)


def test_reindex_after_a_bulk_load_makes_names_findable(tmp_path: Path) -> None:
    import pyoxigraph

    from kg.annotation import load_annotation
    from kg.mapping import article_quads

    from .conftest import kg_json, run_kg

    folder = tmp_path / "store"
    data = pyoxigraph.Store(str(folder))  # a bulk load that bypasses kg's write path
    data.bulk_extend(pyoxigraph.Quad(*(_ox(t) for t in q))
                     for q in article_quads(load_annotation(SEED)))
    data.flush()
    del data
    query = ("query", "--name", "claims-by-person", "--param", "person=roy CHUA")
    assert kg_json(*query, store=folder)["results"]["bindings"] == []  # not indexed yet
    assert "rebuilt https://kg.example.org/id/graph/entities" in run_kg("reindex",
                                                                       store=folder).stdout
    rows = kg_json(*query, store=folder)["results"]["bindings"]
    assert len(rows) >= 5 and {r["speaker"]["value"] for r in rows} == {"Roy Chua"}


def _ox(term: object) -> object:
    import pyoxigraph
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))
