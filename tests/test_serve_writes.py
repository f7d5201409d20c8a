"""Writes only with the secret, all or nothing; RemoteStore against the real Oxigraph server.

A server without a token refuses every write (403); one with a token refuses writes without
it (401). Nothing changes when a write is refused or fails. The same ``RemoteStore`` that
kg's pages use is tested against a bare ``oxigraph serve`` and used to ingest an article
through kg serve.
"""

from __future__ import annotations

import base64
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from kg.errors import QueryError, StoreError, UsageError
from kg.ingest import ingest_files
from kg.listing import list_claims
from kg.remote_store import RemoteStore
from kg.server.engine import find_oxigraph
from tests.test_serve_support import (
    FIXTURES,
    TOKEN,
    Served,
    copy_store,
    count_triples,
    free_port,
    sparql,
    start_server,
    stop_server,
)

INSERT = "INSERT DATA { GRAPH <urn:kg:test> { <urn:kg:s> <urn:kg:p> 'written' } }"
ASK_WRITTEN = "ASK { GRAPH <urn:kg:test> { <urn:kg:s> <urn:kg:p> 'written' } }"


@pytest.fixture(scope="module")
def writable(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[Served]:
    store = copy_store(built["store"], tmp_path_factory.mktemp("writes") / "store")
    server = start_server(store, token=TOKEN)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def read_only(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[Served]:
    store = copy_store(built["store"], tmp_path_factory.mktemp("read-only") / "store")
    server = start_server(store)
    try:
        yield server
    finally:
        stop_server(server)


def _update(served: Served, text: str, **headers: str) -> httpx.Response:
    return httpx.post(served.url + "/sparql", content=text.encode(),
                      headers={"Content-Type": "application/sparql-update", **headers})


def _ask(served: Served, query: str) -> bool:
    return sparql(served, query).json()["boolean"]


def _graphs(served: Served) -> list[str]:
    rows = sparql(served, "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g").json()
    return [r["g"]["value"] for r in rows["results"]["bindings"]]


def test_without_a_token_every_write_is_refused_and_nothing_changes(read_only: Served) -> None:
    before, graphs = count_triples(read_only), _graphs(read_only)
    attempts = [
        _update(read_only, INSERT),
        _update(read_only, INSERT, Authorization=f"Bearer {TOKEN}"),
        httpx.post(read_only.url + "/sparql", data={"update": "CLEAR ALL"}),
        httpx.put(read_only.url + "/store?graph=urn:kg:test", content=b"<urn:a> <urn:b> 1 .",
                  headers={"Content-Type": "text/turtle"}),
        httpx.delete(read_only.url + "/store?default"),
    ]
    for response in attempts:
        assert response.status_code == 403, response.text
        assert "writes are disabled" in response.text
    assert count_triples(read_only) == before
    assert _graphs(read_only) == graphs


def test_the_service_description_of_a_read_only_server_has_no_update(
        read_only: Served) -> None:
    body = httpx.get(read_only.url + "/sparql", headers={"Accept": "text/turtle"}).text
    assert "SPARQL11Query" in body
    assert "SPARQL11Update" not in body


def test_an_update_without_the_token_is_refused_and_the_store_is_unchanged(
        writable: Served) -> None:
    before, graphs = count_triples(writable), _graphs(writable)
    for headers in ({}, {"Authorization": "Bearer wrong-token-123"},
                    {"Authorization": "Basic " + base64.b64encode(b"kg:wrong").decode()},
                    {"Authorization": TOKEN}):
        response = _update(writable, "CLEAR ALL", **headers)
        assert response.status_code == 401, response.text
        assert "Bearer" in response.headers["www-authenticate"]
    form = httpx.post(writable.url + "/sparql", data={"update": "DROP ALL"})
    assert form.status_code == 401
    gsp = httpx.delete(writable.url + "/store?graph=https://kg.example.org/id/graph/"
                                      "deepseek-stargate-mwl")
    assert gsp.status_code == 401
    assert count_triples(writable) == before
    assert _graphs(writable) == graphs


def test_with_the_token_an_update_applies(writable: Served) -> None:
    assert _update(writable, INSERT, **writable.auth()).status_code == 204
    assert _ask(writable, ASK_WRITTEN)
    basic = "Basic " + base64.b64encode(f"anyone:{TOKEN}".encode()).decode()
    assert _update(writable, "DROP GRAPH <urn:kg:test>", Authorization=basic).status_code == 204
    assert not _ask(writable, ASK_WRITTEN)


def test_an_update_is_all_or_nothing(writable: Served) -> None:
    before = count_triples(writable)
    failing = (f"{INSERT} ; CREATE GRAPH "
               "<https://kg.example.org/id/graph/deepseek-stargate-mwl>")
    response = _update(writable, failing, **writable.auth())
    assert response.status_code >= 400
    assert "nothing was changed" in response.text
    assert "already exists" in response.text
    assert not _ask(writable, ASK_WRITTEN)
    assert count_triples(writable) == before


def test_graph_store_protocol_with_the_token(writable: Served) -> None:
    url = writable.url + "/store"
    graph = {"graph": "urn:kg:gsp"}
    turtle = b"<urn:kg:a> <urn:kg:b> 'one' ."
    put = httpx.put(url, params=graph, content=turtle,
                    headers={"Content-Type": "text/turtle", **writable.auth()})
    assert put.status_code in (201, 204), put.text
    post = httpx.post(url, params=graph, content=b'<urn:kg:a> <urn:kg:b> "two" .',
                      headers={"Content-Type": "application/n-triples", **writable.auth()})
    assert post.status_code in (200, 204), post.text
    got = httpx.get(url, params=graph, headers={"Accept": "application/n-triples",
                                               **writable.auth()})
    assert got.status_code == 200
    assert len(Graph().parse(data=got.text, format="nt")) == 2
    assert httpx.delete(url, params=graph, headers=writable.auth()).status_code == 204
    missing = httpx.get(url, params=graph, headers=writable.auth())
    assert missing.status_code == 404


def test_rdflib_update_store_writes_with_the_token(writable: Served) -> None:
    endpoint = writable.url + "/sparql"
    store = SPARQLUpdateStore(endpoint, endpoint, auth=("kg", TOKEN))
    store.update("INSERT DATA { GRAPH <urn:kg:rdflib> { <urn:kg:x> <urn:kg:y> 1 } }")
    assert _ask(writable, "ASK { GRAPH <urn:kg:rdflib> { <urn:kg:x> <urn:kg:y> 1 } }")
    store.update("DROP GRAPH <urn:kg:rdflib>")
    store.close()


def test_ingest_through_kg_serve_with_remote_store(writable: Served, tmp_path: Path) -> None:
    for name in ("mini.yaml", "mini.txt"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    url = writable.url + "/sparql"
    with RemoteStore(url, update_url=url, token=TOKEN) as store:
        summaries = ingest_files(store, [tmp_path / "mini.yaml"])  # type: ignore[arg-type]
        assert summaries[0].claims == 2
        ids = {c["id"] for c in list_claims(store) if c["source"]["id"].endswith("mini-exemple")}
        assert ids == {"https://kg.example.org/id/claim/mini-exemple/c01",
                       "https://kg.example.org/id/claim/mini-exemple/c02"}
    with RemoteStore(url) as no_token, pytest.raises(StoreError, match="read-only"):
        no_token.update(INSERT)
    with RemoteStore(url, update_url=url) as no_token, pytest.raises(StoreError, match="401"):
        no_token.update(INSERT)


# -- RemoteStore against the real Oxigraph server --------------------------------------------

@pytest.fixture(scope="module")
def oxigraph(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[str]:
    """A bare ``oxigraph serve`` on a copy of the seed store; yields its base URL."""
    store = copy_store(built["store"], tmp_path_factory.mktemp("oxigraph") / "store")
    port = free_port()
    process = subprocess.Popen([find_oxigraph(), "serve", "--location", str(store), "--bind",
                                f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/query", params={"query": "ASK {}"})
                break
            except httpx.HTTPError:
                time.sleep(0.02)
        yield base
    finally:
        process.kill()
        process.wait()


def _remote(base: str) -> RemoteStore:
    return RemoteStore(base + "/query", update_url=base + "/update", store_url=base + "/store")


def test_remote_store_query_forms_and_formats(oxigraph: str) -> None:
    with _remote(oxigraph) as store:
        form, body = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "csv")
        rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert form == "select" and body.splitlines()[1].decode() == rows[0]["n"]["value"]
        assert store.query("ASK { ?s ?p ?o }", "json") == ("ask", b'{"head":{},"boolean":true}')
        assert store.query("ASK { ?s ?p ?o }", "xml")[0] == "ask"
        form, body = store.query("CONSTRUCT WHERE { ?s a <http://schema.org/Claim> }",
                                 "json")
        assert form == "construct"
        assert len(Graph().parse(data=body, format="turtle")) == 41
        form, body = store.query("DESCRIBE <https://kg.example.org/id/entity/roy-chua>",
                                 "jsonld")
        assert form == "construct" and len(Graph().parse(data=body, format="json-ld")) > 3
        with pytest.raises(UsageError, match="CONSTRUCT/DESCRIBE"):
            store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "turtle")
        with pytest.raises(QueryError, match="400"):
            store.select("SELEC nothing")


def test_remote_store_updates_graphs_and_dumps(oxigraph: str, built: dict[str, Path]) -> None:
    with _remote(oxigraph) as store:
        graphs = store.named_graphs()
        assert "https://kg.example.org/id/graph/deepseek-stargate-mwl" in graphs
        store.update(INSERT)
        by_gsp = store.dump("nquads")
        by_query = RemoteStore(oxigraph + "/query").dump("nquads")
        assert sorted(by_gsp.splitlines()) == sorted(by_query.splitlines())
        # Dumps hold kg's own graphs only (a server's system graphs are left out).
        assert b"<urn:kg:test>" not in by_gsp
        assert b"GRAPH" not in by_gsp and b"{" in store.dump("trig")
        store.update("DROP GRAPH <urn:kg:test>")
        assert store.named_graphs() == graphs
        with pytest.raises(StoreError, match="failed on the update"):
            store.update(f"{INSERT} ; CREATE GRAPH <{graphs[0]}>")
        assert "urn:kg:test" not in store.named_graphs()


def test_remote_store_reports_an_unreachable_store() -> None:
    with RemoteStore(f"http://127.0.0.1:{free_port()}/sparql") as store, \
            pytest.raises(StoreError, match="cannot reach"):
        store.select("SELECT * WHERE { ?s ?p ?o }")


def test_dropping_a_graph_that_is_not_there_is_the_clients_error(writable: Served) -> None:
    response = _update(writable, "DROP GRAPH <urn:kg:not-there>", **writable.auth())
    assert response.status_code == 400
    assert response.text.startswith("the update failed and nothing was changed: ")
    assert "does not exist" in response.text
