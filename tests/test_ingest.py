"""Ingest into a real embedded store: replace whole graphs, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import AnnotationError
from kg.ingest import ingest_files
from kg.store import open_store

from .conftest import FIXTURES, run_kg


def _copy_fixture(folder: Path, replace: tuple[str, str] | None = None,
                  name: str = "mini.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "mini.txt", folder / "mini.txt")
    source = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    if replace:
        assert replace[0] in source
        source = source.replace(*replace)
    path = folder / name
    path.write_text(source, encoding="utf-8")
    return path


def _claim_count(store_path: Path) -> int:
    with open_store(str(store_path)) as store:
        rows = store.select("SELECT (COUNT(?c) AS ?n) WHERE { ?c a <http://schema.org/Claim> }")
    return int(rows[0]["n"]["value"])


def test_reingest_replaces_the_article_graph(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    path = _copy_fixture(tmp_path / "a")
    with open_store(str(store_path)) as store:
        ingest_files(store, [path])
        first = store.dump("nquads")
        ingest_files(store, [path])
        assert store.dump("nquads") == first, "re-ingesting the same file changes nothing"
        graphs = store.named_graphs()
    assert "https://kg.example.org/id/graph/mini-exemple" in graphs
    assert "https://kg.example.org/id/claim/mini-exemple/c01/assertion" in graphs
    # An edited annotation without the statements of c01 replaces the graphs whole:
    edited = _copy_fixture(tmp_path / "b", ("    statements:\n      - subject: institut-exemple\n"
                                             "        predicate: productionGrowth2024\n"
                                             "        object_figure: f1\n", ""))
    with open_store(str(store_path)) as store:
        ingest_files(store, [edited])
        graphs = store.named_graphs()
        assert store.select(
            "SELECT * WHERE { ?s <https://kg.example.org/def/p/productionGrowth2024> ?o }"
        ) == []
    assert "https://kg.example.org/id/claim/mini-exemple/c01/assertion" not in graphs
    assert _claim_count(store_path) == 2


def test_failed_ingest_leaves_the_store_exactly_as_it_was(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    good = _copy_fixture(tmp_path / "a")
    with open_store(str(store_path)) as store:
        ingest_files(store, [good])
        before = store.dump("nquads")
    changed = _copy_fixture(tmp_path / "b", ("Disputed by the ministry", "Changed reason"))
    broken = _copy_fixture(tmp_path / "c", ("value: contested", "value: maybe"), "broken.yaml")
    with open_store(str(store_path)) as store:
        with pytest.raises(AnnotationError):
            ingest_files(store, [changed, broken])
        assert store.dump("nquads") == before


def test_cli_malformed_file_exit_2_one_line_and_store_unchanged(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    good = _copy_fixture(tmp_path / "a")
    run_kg("ingest", str(good), store=store_path)
    with open_store(str(store_path)) as store:
        before = store.dump("nquads")
    broken = _copy_fixture(tmp_path / "c", ("    start: 126\n", "    start: 12x\n"), "bad.yaml")
    result = run_kg("ingest", str(broken), store=store_path, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{broken}:" in lines[0] and ":claims[1].start:" in lines[0].replace(": ", ":")
    line_number = next(n for n, line in enumerate(broken.read_text().splitlines(), 1)
                       if "start: 12x" in line)
    assert f"{broken}:{line_number}: claims[1].start:" in lines[0]
    assert "Traceback" not in result.stderr
    with open_store(str(store_path)) as store:
        assert store.dump("nquads") == before


def test_duplicate_article_ids_are_refused(tmp_path: Path) -> None:
    one = _copy_fixture(tmp_path / "a")
    two = _copy_fixture(tmp_path / "b")
    result = run_kg("ingest", str(one), str(two), store=tmp_path / "store", check=False)
    assert result.returncode == 2
    assert "article id 'mini-exemple' is also used by" in result.stderr


def test_store_locked_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    with open_store(str(store_path)):
        result = run_kg("claims", store=store_path, check=False)
    assert result.returncode == 3
    assert "in use by another kg process" in result.stderr
    assert "Traceback" not in result.stderr
