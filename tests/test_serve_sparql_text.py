"""kg serve refuses SERVICE and LOAD by reading the SPARQL text: where the words count.

The federated cases were checked against ``oxigraph serve`` 0.5.13 with a local listener:
each one below made it connect (its parser needs no space between tokens), so each must be
refused. The differential test checks the reader against rdflib's SPARQL parser.
"""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from kg.canned import load_queries
from kg.server.query_page import examples
from kg.server.sparql_text import outbound_keywords

U = "<http://127.0.0.1:9/sparql>"
P = "PREFIX ex: <http://example.org/> PREFIX : <http://example.org/> "

FEDERATED = [
    f"SELECT * {{ SERVICE {U} {{ ?s ?p ?o }} }}",
    f"select * {{ service silent {U} {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s ?p ?o SeRvIcE {U} {{}} }}",
    f"SELECT * {{ ?s ?p 1SERVICE {U} {{}} }}",
    f"SELECT * {{ ?s ?p trueSERVICE {U} {{}} }}",
    f"SELECT * {{ ?s ?p falseSERVICE {U} {{}} }}",
    f"SELECT * {{ ?s ?p 1.0e0SERVICE{U}{{}} }}",
    f"SELECT * {{ ?s ?p ?o.SERVICE {U} {{}} }}",
    f'SELECT * {{ ?s ?p "a"SERVICE {U} {{}} }}',
    f"SELECT * {{ ?s ?p {U}SERVICE{U}{{}} }}",
    f"SELECT * {{ {{}}SERVICE{U}{{}} }}",
    f'SELECT * {{ ?s ?p "x"@en SERVICE{U}{{}} }}',
    f"SELECT * {{ ?s ?p _:b SERVICE SILENT{U}{{}} }}",
    f"SELECT * {{ ?s ?p ?o SERVICE#comment\n{U}{{}} }}",
    f"SELECT * {{ ?s ?p ?o SERVICE\t{U}{{}} }}",
    f"SELECT * {{ ?s ?p ?o FILTER(true)SERVICE {U} {{}} }}",
    P + "SELECT * { SERVICE:s {} }",
    P + "SELECT * { ?s ?p ?o.SERVICE ex:{} }",
    P + "SELECT * { ?s ?p ?o.SERVICE?x{} }",
    f"SELECT * {{ VALUES ?x {{ {U} }} SERVICE ?x {{}} }}",
    f"SELECT * {{ ?a ?b ?c FILTER(?a<?b) SERVICE {U} {{}} FILTER(?c>?b) }}",
    f"SELECT * {{ ?s ex:a\\' ?o . SERVICE {U} {{}} FILTER(?o = 'x') }}",
    f"SELECT * {{ ?s ex:a\\# SERVICE {U} {{}} }}",
    f"SELECT * {{ \\u0053ERVICE {U} {{}} }}",
    f'SELECT * {{ ?s ?p "a\\u0022 SERVICE {U} {{}} #" }}',
    f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {U} {{ ?s ?p ?o }} }}",
]

LOADS = [
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "load<http://127.0.0.1:9/data.ttl>",
    "CLEAR SILENT GRAPH <urn:g> ; LOAD SILENT <http://127.0.0.1:9/d> INTO GRAPH <urn:g>",
    "INSERT DATA { <urn:a> <urn:b> 1 } ;LOAD <http://127.0.0.1:9/d>",
]

HARMLESS = [
    'SELECT * { ?s ?p "SERVICE <http://x/> {}" }',
    "SELECT * { ?s ?p 'load <http://x/>' }",
    'SELECT * { ?s ?p """several\nSERVICE <http://x/> {}\nlines""" }',
    "SELECT * { ?s <http://example.org/service> ?o }",
    "SELECT ?service { ?service a ?t }",
    "SELECT $loadFactor { ?s ?p $loadFactor }",
    "PREFIX schema: <http://schema.org/> SELECT * { ?s a schema:Service ; "
    "schema:serviceType ?t }",
    P + "SELECT * { ?s ex:loadFactor ?o }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/> { } and LOAD <http://x/>",
    "SELECT * { _:service ?p ?o }",
    'SELECT * { ?s ?p "x"@en }',
]


@pytest.mark.parametrize("query", FEDERATED)
def test_service_is_found_wherever_oxigraph_would_run_it(query: str) -> None:
    assert outbound_keywords(query) == ["SERVICE"]


@pytest.mark.parametrize("update", LOADS)
def test_load_is_found(update: str) -> None:
    assert outbound_keywords(update) == ["LOAD"]


@pytest.mark.parametrize("query", HARMLESS)
def test_the_words_in_strings_iris_comments_and_names_do_not_count(query: str) -> None:
    assert outbound_keywords(query) == []


def test_every_canned_query_passes() -> None:
    for example in examples(load_queries()):
        assert outbound_keywords(example.sparql) == [], example.name


def _rdflib_sees(text: str) -> set[str]:
    """What rdflib's parser finds: SERVICE patterns and LOAD operations."""
    seen: set[str] = set()
    try:
        tree = parseQuery(text)
    except Exception:  # noqa: BLE001 - not a query: try it as an update
        try:
            tree = parseUpdate(text)
        except Exception:  # noqa: BLE001 - rdflib cannot read it
            return seen
    rendered = repr(tree)
    if "ServiceGraphPattern" in rendered:
        seen.add("SERVICE")
    if "Load_" in rendered:
        seen.add("LOAD")
    return seen


def test_the_differential_check_reads_rdflib_correctly() -> None:
    assert _rdflib_sees(FEDERATED[0]) == {"SERVICE"}
    assert _rdflib_sees(LOADS[0]) == {"LOAD"}
    assert _rdflib_sees(HARMLESS[0]) == set()


@pytest.mark.parametrize("text", [
    *FEDERATED, *LOADS, *HARMLESS,
    f"SELECT * WHERE {{ OPTIONAL {{ SERVICE {U} {{ ?s ?p ?o }} }} }}",
    f"ASK {{ {{ SERVICE {U} {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o }} }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ MINUS {{ SERVICE {U} {{ ?s ?p ?o }} }} }}",
    f"SELECT * {{ FILTER EXISTS {{ SERVICE {U} {{ ?s ?p ?o }} }} }}",
    f"SELECT * {{ {{ SELECT * {{ SERVICE {U} {{ ?s ?p ?o }} }} }} }}",
    f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ SERVICE {U} {{ ?s ?p ?o }} }} }}",
])
def test_whatever_rdflib_parses_as_outbound_is_refused(text: str) -> None:
    assert _rdflib_sees(text) <= set(outbound_keywords(text))
