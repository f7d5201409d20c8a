"""kg on a real `oxigraph serve`: canned queries, dump and restore across store kinds, push
and pull of articles with their reviews; and the helpers the Virtuoso tests share.

Canned answers are compared row by row, in order (every multi-row canned query has an
ORDER BY). The remote store already normalises what servers legitimately write differently
in SPARQL JSON results (Virtuoso's ``typed-literal``, ``xsd:string`` on plain literals and
booleans as 1/0); nothing else is normalised.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_remote_support import OXIGRAPH, Server, skip_without, start_oxigraph
from .test_serve_support import copy_store

skip_without(OXIGRAPH, "the oxigraph server binary")

SCHEMA = "http://schema.org/"


def _kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    base = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env or base, cwd=ROOT, timeout=300, check=False)


def generated_store(folder: Path, seed: int = 3, articles: int = 3) -> Path:
    """An embedded store with a few generated articles (20 claims each)."""
    from kg.generate import generate_articles
    from kg.ingest import ingest_articles
    from kg.store import open_store

    with open_store(str(folder)) as store:
        ingest_articles(store, list(generate_articles(articles * 20, seed)))
    return folder


def article_dump(store_path: Path, article_id: str) -> str:
    """The N-Quads of an article's graphs (with owned and review graphs), sorted."""
    from kg.backup import article_graph_names, read_graphs
    from kg.store import open_store

    with open_store(str(store_path)) as store:
        quads = read_graphs(store, article_graph_names(store, article_id))
    return "".join(sorted(f"{q} .\n" for q in quads))


def _parameters(store: object) -> dict[str, str]:
    rows = store.select(  # type: ignore[attr-defined]
        f"SELECT ?person ?entity ?claim WHERE {{ ?claim <{SCHEMA}author> ?p ; "
        f"<https://kg.example.org/def/ns#figure> ?f ; <{SCHEMA}about> ?t . "
        f"?p a <{SCHEMA}Person> ; <{SCHEMA}name> ?person . ?t <{SCHEMA}name> ?entity }} "
        "ORDER BY ?claim ?person ?entity LIMIT 1")
    return {k: v["value"] for k, v in rows[0].items()}


def assert_same_canned_answers(embedded: Path, server: Server,
                               case_insensitive: bool = True) -> None:
    """Every canned query gives the same rows, in the same order, on both stores: with names
    as written and, if ``case_insensitive``, in lower case (the fallback match)."""
    from kg.canned import bind, load_queries
    from kg.store import open_store

    with open_store(str(embedded)) as local, server.open() as remote:
        found = _parameters(local)
        for query in load_queries().values():
            for case in (str.strip, str.lower) if case_insensitive else (str.strip,):
                values = {}
                for param in query.parameters:
                    if param.type == "status":
                        values[param.name] = "contested"
                    elif param.type == "iri":
                        values[param.name] = found["claim"]
                    else:
                        key = "person" if param.name == "person" else "entity"
                        values[param.name] = case(found[key])
                sparql = bind(query, values)
                expected = local.select(sparql)
                got = remote.select(sparql)
                if "ORDER BY" not in query.sparql:
                    expected, got = (sorted(rows, key=repr) for rows in (expected, got))
                assert got == expected, (query.name, values)
                assert expected or not query.parameters, (query.name, values)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One `oxigraph serve --union-default-graph` for the module."""
    with start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db") as server:
        yield server


def test_canned_queries_answer_the_same_on_seed_and_generated_data(
        oxigraph: Server, built: dict[str, Path], tmp_path: Path) -> None:
    oxigraph.clear()
    combined = copy_store(built["store"], tmp_path / "combined")
    generated = generated_store(tmp_path / "generated")
    assert _kg("--store", str(generated), "push", "--to", str(combined)).returncode == 0
    push = _kg("--store", str(combined), "push", "--to", oxigraph.query, "--to-update-url",
               oxigraph.update)
    assert push.returncode == 0, push.stderr
    assert_same_canned_answers(combined, oxigraph)


def test_dump_restore_round_trip_embedded_to_server_to_embedded(
        oxigraph: Server, built: dict[str, Path], tmp_path: Path) -> None:
    oxigraph.clear()
    original = tmp_path / "original.nq"
    assert _kg("--store", str(built["store"]), "dump", "--out", str(original)).returncode == 0
    env = oxigraph.env()
    restored = _kg("restore", str(original), env=env)
    assert restored.returncode == 0, restored.stderr
    on_server = _kg("dump", env=env)
    assert on_server.stdout == original.read_text(encoding="utf-8")
    trig = tmp_path / "server.trig"
    assert _kg("dump", "--format", "trig", "--out", str(trig), env=env).returncode == 0
    back = tmp_path / "back"
    assert _kg("--store", str(back), "restore", str(trig)).returncode == 0
    again = _kg("--store", str(back), "dump")
    assert again.stdout == original.read_text(encoding="utf-8")


def test_push_and_pull_an_article_with_its_reviews(
        oxigraph: Server, built: dict[str, Path], tmp_path: Path) -> None:
    oxigraph.clear()
    source = copy_store(built["store"], tmp_path / "source")
    review = _kg("--store", str(source), "review", "c11", "--verdict", "false", "--reviewer",
                 "Test Desk", "--date", "2025-02-01")
    assert review.returncode == 0, review.stderr
    push = _kg("--store", str(source), "push", "--to", oxigraph.query, "--to-update-url",
               oxigraph.update, "--article", "deepseek-stargate-mwl")
    assert push.returncode == 0, push.stderr
    with oxigraph.open() as remote:
        graphs = remote.named_graphs()
    assert "https://kg.example.org/id/claim/deepseek-stargate-mwl/c11/reviews" in graphs
    pulled = tmp_path / "pulled"
    pull = _kg("--store", str(pulled), "pull", "--from", oxigraph.query, "--article",
               "deepseek-stargate-mwl")
    assert pull.returncode == 0, pull.stderr
    assert article_dump(pulled, "deepseek-stargate-mwl") == \
        article_dump(source, "deepseek-stargate-mwl")
    shown = _kg("--store", str(pulled), "reviews", "c11", "--format", "json")
    assert "Test Desk" in shown.stdout
    # pushing again replaces the graphs whole: a retracted review travels too
    unknown = _kg("--store", str(source), "push", "--to", oxigraph.query, "--to-update-url",
                  oxigraph.update, "--article", "no-such-article")
    assert unknown.returncode == 2 and "no article 'no-such-article'" in unknown.stderr
