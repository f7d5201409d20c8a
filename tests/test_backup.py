"""kg dump and kg restore on the embedded store: round trips, whole-graph replacement, errors."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_kg
from .test_serve_support import copy_store


def test_dump_restore_dump_is_identical_in_both_formats(built: dict[str, Path],
                                                        tmp_path: Path) -> None:
    for fmt, suffix in (("nquads", "nq"), ("trig", "trig")):
        first = tmp_path / f"first.{suffix}"
        run_kg("dump", "--format", fmt, "--out", str(first), store=built["store"])
        empty = tmp_path / f"empty-{fmt}"
        result = run_kg("restore", str(first), store=empty)
        assert result.stdout.startswith("restored ")
        second = run_kg("dump", "--format", fmt, store=empty).stdout
        assert second == first.read_text(encoding="utf-8"), fmt
    again = run_kg("dump", "--format", "nquads", store=built["store"]).stdout
    assert again == (tmp_path / "first.nq").read_text(encoding="utf-8")


def test_restore_replaces_graphs_whole(built: dict[str, Path], tmp_path: Path) -> None:
    store = copy_store(built["store"], tmp_path / "store")
    backup = tmp_path / "backup.nq"
    run_kg("dump", "--out", str(backup), store=store)
    run_kg("review", "c11", "--verdict", "false", "--reviewer", "Desk", "--date", "2025-02-01",
           store=store)
    graph = "https://kg.example.org/id/graph/deepseek-stargate-mwl"
    from kg.store import open_store

    with open_store(str(store)) as opened:
        opened.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x> <urn:y> 1 }} }}")
    run_kg("restore", str(backup), store=store)
    after = run_kg("dump", store=store).stdout
    assert "<urn:x>" not in after
    # the review graph is not in the backup, so it stays (restore replaces only its graphs)
    assert "/c11/reviews>" in after


def test_restore_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    result = run_kg("restore", str(bad), store=tmp_path / "s", check=False)
    assert result.returncode == 2 and "bad.nq: not valid nquads" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    odd = tmp_path / "dump.txt"
    odd.write_text("", encoding="utf-8")
    result = run_kg("restore", str(odd), store=tmp_path / "s", check=False)
    assert result.returncode == 2 and "cannot tell the format" in result.stderr
    missing = run_kg("restore", str(tmp_path / "nope.nq"), store=tmp_path / "s", check=False)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_push_to_a_folder_copies_an_article(built: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "target"
    result = run_kg("push", "--to", str(target), "--article", "deepseek-stargate-mwl",
                    store=built["store"])
    assert result.stdout.startswith("pushed ")
    claims = run_kg("claims", "--format", "json", store=target).stdout
    assert claims == run_kg("claims", "--format", "json", store=built["store"]).stdout
