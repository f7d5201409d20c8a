"""SHACL validation: the seed conforms; a broken graph does not, and the exit code says so."""

from __future__ import annotations

import json

from kg.store import open_store

from .conftest import run_kg
from .test_ingest import _copy_fixture


def test_seed_store_conforms(built) -> None:
    result = run_kg("validate", "--format", "json", store=built["store"])
    assert json.loads(result.stdout) == {"conforms": True, "violations": []}


def test_broken_store_does_not_conform(tmp_path) -> None:
    store_path = tmp_path / "store"
    run_kg("ingest", str(_copy_fixture(tmp_path / "a")), store=store_path)
    with open_store(str(store_path)) as store:
        store.update("""
            DELETE WHERE { GRAPH ?g {
              <https://kg.example.org/id/claim/mini-exemple/c01>
                <https://kg.example.org/def/ns#status> ?s } }""")
    result = run_kg("validate", store=store_path, check=False)
    assert result.returncode == 1
    assert "does not conform" in result.stdout
    assert "mini-exemple/c01" in result.stdout
