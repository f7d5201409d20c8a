"""Real SPARQL clients get over HTTP exactly what ``kg query`` gives locally.

For every canned query (parameters bound to their documented examples): SPARQLWrapper in
JSON, XML and CSV, and rdflib's SPARQLStore, against a running kg serve, compared with
``kg query --format json|xml|csv`` run on the same store before the server started (the
server holds the store while it runs). CONSTRUCT and DESCRIBE land in rdflib graphs that are
isomorphic to the local Turtle; kg's own listings read through RemoteStore match the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, RDFXML, TURTLE, XML, SPARQLWrapper

from kg.canned import load_queries
from kg.listing import list_claims, show_claim
from kg.remote_store import RemoteStore
from kg.server.query_page import example_values, examples
from tests.test_serve_support import (
    Served,
    copy_store,
    kg,
    kg_bytes,
    start_server,
    stop_server,
)

CANNED = load_queries()
GRAPH_QUERIES = {
    "construct": "PREFIX schema: <http://schema.org/> CONSTRUCT { ?c schema:text ?t ; "
                 "schema:author ?a } WHERE { ?c a schema:Claim ; schema:text ?t ; "
                 "schema:author ?a }",
    "describe": "DESCRIBE <https://kg.example.org/id/claim/deepseek-stargate-mwl/c11>",
}


def _params(name: str) -> list[str]:
    values = example_values(CANNED[name]) or {}
    return [arg for key, value in values.items() for arg in ("--param", f"{key}={value}")]


@pytest.fixture(scope="module")
def local(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A store copy and what the local CLI answers on it, gathered before serving it."""
    store = copy_store(built["store"], tmp_path_factory.mktemp("clients") / "store")
    answers: dict[str, Any] = {"store": store, "json": {}, "xml": {}, "csv": {}, "turtle": {}}
    for name in CANNED:
        for fmt in ("json", "xml", "csv"):
            answers[fmt][name] = kg_bytes("query", "--name", name, *_params(name),
                                          "--format", fmt, store=store)
    for name, query in GRAPH_QUERIES.items():
        answers["turtle"][name] = kg("query", query, "--format", "turtle", store=store).stdout
    answers["claims"] = json.loads(kg("claims", "--format", "json", store=store).stdout)
    answers["c11"] = json.loads(kg("show", "c11", "--format", "json", store=store).stdout)
    return answers


@pytest.fixture(scope="module")
def served(local: dict[str, Any]) -> Iterator[Served]:
    server = start_server(local["store"])
    try:
        yield server
    finally:
        stop_server(server)


def _sparql(name: str) -> str:
    return next(e.sparql for e in examples(CANNED) if e.name == name)


def _wrapper(served: Served, query: str, fmt: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(served.url + "/sparql")
    wrapper.setQuery(query)
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(fmt)
    return wrapper


def test_every_canned_query_has_rows_to_compare(local: dict[str, Any]) -> None:
    for name, body in local["json"].items():
        assert json.loads(body)["results"]["bindings"], f"{name} gave no rows locally"


@pytest.mark.parametrize("name", sorted(CANNED))
def test_sparqlwrapper_json_equals_kg_query(served: Served, local: dict[str, Any],
                                            name: str) -> None:
    remote = _wrapper(served, _sparql(name), JSON).query().convert()
    assert remote == json.loads(local["json"][name])


@pytest.mark.parametrize("name", sorted(CANNED))
def test_sparqlwrapper_xml_equals_kg_query(served: Served, local: dict[str, Any],
                                           name: str) -> None:
    result = _wrapper(served, _sparql(name), XML).query()
    assert result.response.read().strip() == local["xml"][name].strip()


@pytest.mark.parametrize("name", sorted(CANNED))
def test_sparqlwrapper_csv_equals_kg_query(served: Served, local: dict[str, Any],
                                           name: str) -> None:
    remote = _wrapper(served, _sparql(name), CSV).query().convert()
    assert remote.strip() == local["csv"][name].strip()


def _term(binding: dict[str, str]) -> rdflib.term.Node:
    if binding["type"] == "uri":
        return rdflib.URIRef(binding["value"])
    if binding["type"] == "bnode":
        return rdflib.BNode(binding["value"])
    datatype = binding.get("datatype")
    return rdflib.Literal(binding["value"], lang=binding.get("xml:lang"),
                          datatype=rdflib.URIRef(datatype) if datatype else None)


@pytest.mark.parametrize("name", sorted(CANNED))
def test_rdflib_sparqlstore_equals_kg_query(served: Served, local: dict[str, Any],
                                            name: str) -> None:
    store = SPARQLStore(served.url + "/sparql", returnFormat="xml")
    result = rdflib.Graph(store=store).query(_sparql(name))
    expected = json.loads(local["json"][name])
    variables = expected["head"]["vars"]
    assert [str(v) for v in result.vars] == variables
    rows = [[row[v] for v in variables] for row in result]
    wanted = [[_term(b[v]) if v in b else None for v in variables]
              for b in expected["results"]["bindings"]]
    assert rows == wanted
    store.close()


@pytest.mark.parametrize("name", sorted(GRAPH_QUERIES))
@pytest.mark.parametrize("fmt", [RDFXML, TURTLE])
def test_construct_and_describe_into_rdflib(served: Served, local: dict[str, Any], name: str,
                                            fmt: str) -> None:
    converted = _wrapper(served, GRAPH_QUERIES[name], fmt).query().convert()
    graph = converted if isinstance(converted, rdflib.Graph) else \
        rdflib.Graph().parse(data=converted, format="turtle")
    expected = rdflib.Graph().parse(data=local["turtle"][name], format="turtle")
    assert len(graph) > 10
    assert isomorphic(graph, expected)


def test_kg_listings_over_remote_store_equal_the_cli(served: Served,
                                                     local: dict[str, Any]) -> None:
    with RemoteStore(served.url + "/sparql") as store:
        assert list_claims(store) == local["claims"]
        assert show_claim(store, "c11") == local["c11"]
