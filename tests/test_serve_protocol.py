"""The W3C SPARQL 1.1 Protocol and Service Description test cases, against a real kg serve.

Ported from w3c/rdf-tests ``sparql/sparql11/protocol`` and ``service-description`` (same
requests, same expected statuses and formats); the data graphs data1..data3 are loaded at
the start. Where a case would wipe the store (``CLEAR ALL``) it clears its own graph.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
import rdflib

from tests.test_serve_support import (
    TOKEN,
    Served,
    copy_store,
    start_server,
    stop_server,
)

DATA = "http://kasei.us/2009/09/sparql/data/"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def served(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """kg serve with writes enabled, on a copy of the seed store plus data1..data3."""
    store = copy_store(built["store"], tmp_path_factory.mktemp("protocol") / "store")
    server = start_server(store, token=TOKEN)
    graphs = " ".join(
        f"GRAPH <{DATA}data{i}.rdf> {{ <{DATA}data{i}.rdf> a "
        f"<http://xmlns.com/foaf/0.1/Document> }}" for i in (1, 2, 3))
    try:
        response = httpx.post(server.url + "/sparql", content=f"INSERT DATA {{ {graphs} }}",
                              headers={"Content-Type": "application/sparql-update",
                                       **server.auth()})
        assert response.status_code == 204, response.text
        yield server
    finally:
        stop_server(server)


def _url(served: Served) -> str:
    return served.url + "/sparql"


def _boolean(response: httpx.Response) -> bool:
    assert response.status_code == 200, response.text
    media = response.headers["content-type"]
    if "json" in media:
        return response.json()["boolean"]
    assert "xml" in media, media
    return ElementTree.fromstring(response.content).find(f"{SRX}boolean").text == "true"


def _form(served: Served, body: str, path_query: str = "",
          **headers: str) -> httpx.Response:
    return httpx.post(_url(served) + path_query, content=body.encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
                      timeout=30)


def _direct(served: Served, body: str, path_query: str = "",
            media: str = "application/sparql-query", **headers: str) -> httpx.Response:
    return httpx.post(_url(served) + path_query, content=body.encode(),
                      headers={"Content-Type": media, **headers}, timeout=30)


# -- queries ---------------------------------------------------------------------------------

def test_query_via_get(served: Served) -> None:
    response = httpx.get(_url(served), params={"query": "ASK {}",
                                               "default-graph-uri": DATA + "data0.rdf"})
    assert _boolean(response) is True


def test_query_via_url_encoded_post(served: Served) -> None:
    response = _form(served, "query=ASK%20%7B%7D",
                     "?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata"
                     "%2Fdata0.rdf")
    assert _boolean(response) is True


def test_query_via_post_directly(served: Served) -> None:
    assert _boolean(_direct(served, "ASK {}")) is True


ASK_DEFAULT = f"ASK {{ <{DATA}data1.rdf> a ?type . <{DATA}data2.rdf> a ?type . }}"
ASK_NAMED = (f"ASK {{ GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }} "
             f"GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }} }}")


def test_get_query_with_protocol_specified_default_graphs(served: Served) -> None:
    params = [("query", ASK_DEFAULT), ("default-graph-uri", DATA + "data1.rdf"),
              ("default-graph-uri", DATA + "data2.rdf")]
    assert _boolean(httpx.get(_url(served), params=params)) is True
    only_one = [("query", ASK_DEFAULT), ("default-graph-uri", DATA + "data1.rdf")]
    assert _boolean(httpx.get(_url(served), params=only_one)) is False


def test_post_query_with_protocol_specified_default_graphs(served: Served) -> None:
    query = (f"?default-graph-uri={DATA}data1.rdf&default-graph-uri={DATA}data2.rdf")
    assert _boolean(_direct(served, ASK_DEFAULT, query)) is True


def test_named_graphs_by_get_and_post(served: Served) -> None:
    params = [("named-graph-uri", DATA + "data1.rdf"), ("named-graph-uri", DATA + "data2.rdf")]
    assert _boolean(httpx.get(_url(served), params=[("query", ASK_NAMED), *params])) is True
    assert _boolean(_direct(served, ASK_NAMED, "?" + str(httpx.QueryParams(params)))) is True
    alone = [("query", ASK_NAMED), ("named-graph-uri", DATA + "data1.rdf")]
    assert _boolean(httpx.get(_url(served), params=alone)) is False


def test_query_with_full_protocol_dataset(served: Served) -> None:
    query = (f"ASK {{ <{DATA}data3.rdf> a ?type "
             f"GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }} "
             f"GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }} }}")
    params = httpx.QueryParams([("default-graph-uri", DATA + "data3.rdf"),
                                ("named-graph-uri", DATA + "data1.rdf"),
                                ("named-graph-uri", DATA + "data2.rdf")])
    assert _boolean(_direct(served, query, f"?{params}")) is True


def test_protocol_dataset_wins_over_the_query_dataset(served: Served) -> None:
    query = (f"ASK FROM <{DATA}data3.rdf> {{ GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }} "
             f"GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }} }}")
    params = httpx.QueryParams([("named-graph-uri", DATA + "data1.rdf"),
                                ("named-graph-uri", DATA + "data2.rdf")])
    assert _boolean(_direct(served, query, f"?{params}")) is True
    from_only = f"ASK FROM <{DATA}data3.rdf> {{ <{DATA}data3.rdf> a ?type }}"
    assert _boolean(_direct(served, from_only)) is True
    overridden = httpx.QueryParams([("named-graph-uri", DATA + "data1.rdf")])
    assert _boolean(_direct(served, from_only, f"?{overridden}")) is False


@pytest.mark.parametrize("accept, parse", [
    ("application/sparql-results+json", lambda r: r.json()["results"]["bindings"][0]["value"]
     ["value"]),
    ("application/sparql-results+xml", lambda r: ElementTree.fromstring(r.content)
     .find(f"{SRX}results/{SRX}result/{SRX}binding/{SRX}literal").text),
    ("text/csv", lambda r: list(csv.reader(io.StringIO(r.text)))[1][0]),
    ("text/tab-separated-values", lambda r: r.text.splitlines()[1]),
])
def test_select_in_each_results_format(served: Served, accept: str, parse: object) -> None:
    response = _direct(served, "SELECT (1 AS ?value) {}", Accept=accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    assert parse(response) == "1"  # type: ignore[operator]


@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml"])
def test_ask_in_json_and_xml(served: Served, accept: str) -> None:
    response = _direct(served, "ASK {}", Accept=accept)
    assert response.headers["content-type"].split(";")[0] == accept
    assert _boolean(response) is True


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
@pytest.mark.parametrize("query", [
    "CONSTRUCT { <http://example.org/s> <http://example.org/p> 1 } WHERE {}",
    "DESCRIBE <https://kg.example.org/id/entity/roy-chua>",
])
def test_construct_and_describe_in_each_rdf_format(served: Served, query: str, accept: str,
                                                   rdflib_format: str) -> None:
    response = _direct(served, query, Accept=accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    graph = rdflib.Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) >= 1


def test_format_parameter_and_missing_or_foreign_accept(served: Served) -> None:
    by_param = httpx.get(_url(served), params={"query": "SELECT (1 AS ?v) {}", "format": "csv"})
    assert by_param.headers["content-type"].startswith("text/csv")
    default = httpx.get(_url(served), params={"query": "SELECT (1 AS ?v) {}"},
                        headers={"Accept": "image/png"})
    assert default.status_code == 200
    assert default.headers["content-type"] == "application/sparql-results+json"


# -- updates ---------------------------------------------------------------------------------

SCRATCH = "http://example.org/protocol-scratch/"


def test_update_via_url_encoded_post(served: Served) -> None:
    response = _form(served, f"update=CLEAR+SILENT+GRAPH+%3C{SCRATCH}%3E", **served.auth())
    assert 200 <= response.status_code < 400, response.text


def test_update_via_post_directly(served: Served) -> None:
    response = _direct(served, f"CLEAR SILENT GRAPH <{SCRATCH}>",
                       media="application/sparql-update", **served.auth())
    assert 200 <= response.status_code < 400, response.text


def test_update_with_protocol_specified_default_graph(served: Served) -> None:
    target = "http://example.org/protocol-update-dataset-test/"
    update = ("PREFIX dc: <http://purl.org/dc/terms/> "
              "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
              f"CLEAR SILENT GRAPH <{target}> ; "
              f"INSERT {{ GRAPH <{target}> {{ ?s a dc:BibliographicResource }} }} "
              "WHERE { ?s a foaf:Document }")
    params = httpx.QueryParams([("using-graph-uri", DATA + "data1.rdf")])
    response = _direct(served, update, f"?{params}", media="application/sparql-update",
                       **served.auth())
    assert 200 <= response.status_code < 400, response.text
    check = (f"SELECT ?s WHERE {{ GRAPH <{target}> {{ ?s a "
             "<http://purl.org/dc/terms/BibliographicResource> } }")
    rows = _direct(served, check).json()["results"]["bindings"]
    assert [r["s"]["value"] for r in rows] == [DATA + "data1.rdf"]


def test_update_with_a_relative_iri_gets_an_absolute_one(served: Served) -> None:
    graph = "http://example.org/protocol-base-test/"
    update = (f"CLEAR SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> "
              "{ <http://example.org/s> <http://example.org/p> <test> } }")
    response = _direct(served, update, media="application/sparql-update", **served.auth())
    assert 200 <= response.status_code < 400, response.text
    rows = _direct(served, f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").json()
    values = [r["o"] for r in rows["results"]["bindings"]]
    assert len(values) == 1 and values[0]["type"] == "uri"
    assert values[0]["value"] != "test" and values[0]["value"].startswith(served.url)


# -- what the protocol refuses ---------------------------------------------------------------

def test_bad_query_method(served: Served) -> None:
    response = httpx.put(_url(served) + "?query=ASK%20%7B%7D",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= response.status_code < 500


def test_bad_multiple_queries(served: Served) -> None:
    response = httpx.get(_url(served) + "?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert response.status_code == 400
    assert "one query" in response.text


@pytest.mark.parametrize("body, media", [
    ("ASK {}", "text/plain"),                       # wrong media type
    ("query=ASK%20%7B%7D", None),                   # url-encoded body, no media type
    ("ASK {}", None),                               # SPARQL body, no media type
    ("CLEAR NAMED", "text/plain"),                  # update, wrong media type
    ("update=CLEAR%20NAMED", None),                 # update, url-encoded, no media type
])
def test_bad_media_types(served: Served, body: str, media: str | None) -> None:
    headers = {"Content-Type": media} if media else {}
    response = httpx.post(_url(served), content=body.encode(), headers=headers)
    assert 400 <= response.status_code < 500
    assert "Content-Type" in response.text


@pytest.mark.parametrize("media, body", [
    ("application/sparql-query; charset=UTF-16", "ASK {}"),
    ("application/sparql-update; charset=UTF-16", "CLEAR NAMED"),
])
def test_bad_non_utf8(served: Served, media: str, body: str) -> None:
    response = httpx.post(_url(served), content=body.encode("utf-16"),
                          headers={"Content-Type": media, **served.auth()})
    assert 400 <= response.status_code < 500
    assert "UTF-8" in response.text


def test_bad_query_syntax_has_a_readable_message(served: Served) -> None:
    response = httpx.get(_url(served) + "?query=ASK%20%7B")
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error: ")
    assert len(response.text.splitlines()) == 1


def test_bad_update_get(served: Served) -> None:
    response = httpx.get(_url(served) + "?update=CLEAR%20ALL", headers=served.auth())
    assert response.status_code == 400
    assert "POST" in response.text


def test_bad_multiple_updates(served: Served) -> None:
    response = _form(served, "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", **served.auth())
    assert response.status_code == 400


def test_bad_update_syntax(served: Served) -> None:
    response = _form(served, "update=CLEAR%20XYZ", **served.auth())
    assert response.status_code == 400
    assert response.text.startswith("SPARQL update syntax error")


def test_bad_update_dataset_conflict(served: Served) -> None:
    update = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/> WITH <http://example/addresses> "
              "DELETE { ?person foaf:givenName 'Bill' } "
              "INSERT { ?person foaf:givenName 'William' } "
              "WHERE { ?person foaf:givenName 'Bill' }")
    response = _direct(served, update, "?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
                       media="application/sparql-update", **served.auth())
    assert 400 <= response.status_code < 500


def test_query_and_update_in_one_request(served: Served) -> None:
    response = _form(served, "query=ASK%20%7B%7D&update=CLEAR%20NAMED", **served.auth())
    assert response.status_code == 400


def test_request_size_limit(served: Served) -> None:
    padding = "#" + "x" * (4 * 1024 * 1024) + "\nASK {}"
    assert _direct(served, padding).status_code == 413


# -- service description ---------------------------------------------------------------------

@pytest.mark.parametrize("accept, rdflib_format, media", [
    (None, "turtle", "text/turtle"),
    ("text/turtle", "turtle", "text/turtle"),
    ("application/rdf+xml", "xml", "application/rdf+xml"),
    ("application/ld+json", "json-ld", "application/ld+json"),
    ("application/n-triples", "nt", "application/n-triples"),
])
def test_get_on_the_endpoint_returns_rdf(served: Served, accept: str | None,
                                         rdflib_format: str, media: str) -> None:
    response = httpx.get(_url(served), headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    graph = rdflib.Graph().parse(data=response.text, format=rdflib_format)
    services = list(graph.subjects(rdflib.RDF.type, SD.Service))
    assert len(services) == 1


def test_service_description_has_a_matching_endpoint_and_conforms(served: Served) -> None:
    graph = rdflib.Graph().parse(data=httpx.get(_url(served)).text, format="turtle")
    service = next(graph.subjects(rdflib.RDF.type, SD.Service))
    assert list(graph.objects(service, SD.endpoint)) == [rdflib.URIRef(_url(served))]
    languages = set(graph.objects(service, SD.supportedLanguage))
    assert languages == {SD.SPARQL11Query, SD.SPARQL11Update}  # writes are on here
    assert languages <= {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
    formats = list(graph.objects(service, SD.resultFormat))
    assert formats and all(isinstance(f, rdflib.URIRef) for f in formats)
    assert set(graph.objects(service, SD.feature)) <= {
        SD.DereferencesURIs, SD.UnionDefaultGraph, SD.RequiresDataset,
        SD.EmptyGraphs, SD.BasicFederatedQuery}
    assert SD.BasicFederatedQuery not in set(graph.objects(service, SD.feature))
    dataset = next(graph.objects(service, SD.defaultDataset))
    assert (dataset, rdflib.RDF.type, SD.Dataset) in graph
    assert next(graph.objects(dataset, SD.defaultGraph), None) is not None


def test_a_browser_on_the_endpoint_is_sent_to_the_query_page(served: Served) -> None:
    response = httpx.get(_url(served), headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["location"] == "/query"


def test_json_results_match_the_w3c_shape(served: Served) -> None:
    body = _direct(served, "SELECT ?x WHERE { VALUES ?x { 1 <http://e/a> 'b'@en } }").text
    data = json.loads(body)
    assert data["head"]["vars"] == ["x"]
    types = [b["x"]["type"] for b in data["results"]["bindings"]]
    assert types == ["literal", "uri", "literal"]
