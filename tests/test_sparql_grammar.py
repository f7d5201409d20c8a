"""kg's SPARQL parser: it finds SERVICE and LOAD where the engine would run them, reads
whatever the engine reads, and refuses the rest with one line.

The federated cases each made ``oxigraph serve`` 0.5.13 connect to a local listener
(tests/test_serve_egress.py checks them end to end); the W3C syntax suites are sent to the
real engine and to the parser, which must accept every request the engine accepts.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from kg.canned import load_queries
from kg.server.engine import Engine
from kg.server.query_page import examples
from kg.server.sparql_grammar import (
    MAX_DEPTH,
    SparqlSyntaxError,
    expand_escapes,
    outbound_operations,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sparql"
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
    P + f"SELECT * {{ ?s ex:a\\' ?o . SERVICE {U} {{}} FILTER(?o = 'x') }}",
    # The former text check's blind spot: a prefixed name's local part cannot start with
    # a dot and has one trailing dot group, so the engine reads "e:" "." "SERVICE".
    f"PREFIX e: <http://schema.org/Claim> SELECT * WHERE {{ ?c a e:.SERVICE {U} {{ }} }}",
    f"PREFIX e: <http://x/> SELECT * WHERE {{ ?c a e:a.b.SERVICE {U} {{ }} }}",
    f"SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {U} {{}} }} }}",
    f"SELECT * {{ {{ SELECT * {{ SERVICE {U} {{}} }} }} }}",
]
FEDERATED_UPDATES = [
    f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {U} {{ ?s ?p ?o }} }}",
    f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ SERVICE {U} {{ ?s ?p ?o }} }} }}",
]
LOADS = [
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "load<http://127.0.0.1:9/data.ttl>",
    "CLEAR SILENT GRAPH <urn:g> ; LOAD SILENT <http://127.0.0.1:9/d> INTO GRAPH <urn:g>",
    "INSERT DATA { <urn:a> <urn:b> 1 } ;LOAD <http://127.0.0.1:9/d>",
    "LOADSILENT<http://127.0.0.1:9/d>",
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
    P + "SELECT * { ?s ex:a.SERVICE ?o }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/> { } and LOAD <http://x/>",
    "SELECT * { _:service ?p ?o }",
    'SELECT * { ?s ?p "x"@en }',
    # The engine does not expand \\u escapes outside strings and IRIs: a string it ends
    # only after expansion stays a string.
    f'SELECT * {{ ?s ?p "a\\u0022 SERVICE {U} {{}} #" }}',
]
UNPARSED = [
    # An undeclared prefix: the engine refuses these, and so does kg.
    f"SELECT * {{ ?s ex:a\\' ?o . SERVICE {U} {{}} }}",
    f"SELECT * {{ \\u0053ERVICE {U} {{}} }}",
    "SELECT * { ?s ?p ",
    "SELECT * WHERE { ?c a trueSERVICE:x }",
    "SELEC * {}",
    P + f"SELECT * {{ ?s ex:a\\# SERVICE {U} {{}} }}",
]


def keywords(text: str, update: bool = False) -> list[str]:
    return [found.keyword for found in outbound_operations(text, update)]


@pytest.mark.parametrize("query", FEDERATED)
def test_service_is_found_wherever_the_engine_would_run_it(query: str) -> None:
    assert keywords(query) == ["SERVICE"]


@pytest.mark.parametrize("update", FEDERATED_UPDATES)
def test_service_is_found_in_an_update(update: str) -> None:
    assert keywords(update, update=True) == ["SERVICE"]


@pytest.mark.parametrize("update", LOADS)
def test_load_is_found(update: str) -> None:
    assert keywords(update, update=True) == ["LOAD"]


@pytest.mark.parametrize("query", HARMLESS)
def test_the_words_in_strings_iris_comments_and_names_do_not_count(query: str) -> None:
    assert keywords(query) == []


@pytest.mark.parametrize("text", UNPARSED)
def test_what_does_not_parse_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(SparqlSyntaxError) as error:
        outbound_operations(text)
    assert "\n" not in str(error.value)
    assert str(error.value).startswith("at line 1, column ")


def test_the_operation_says_what_and_where() -> None:
    found = outbound_operations(f"SELECT *\nWHERE {{ ?s ?p ?o .\n  SERVICE SILENT {U} {{}} }}")
    assert [(f.keyword, f.target, f.line, f.column) for f in found] == [
        ("SERVICE", U, 3, 3)]
    load, = outbound_operations("CLEAR ALL ; LOAD <http://x/d.ttl> INTO GRAPH <urn:g>", True)
    assert (load.keyword, load.target, load.line, load.column) == (
        "LOAD", "<http://x/d.ttl>", 1, 13)


def test_a_query_is_not_an_update() -> None:
    with pytest.raises(SparqlSyntaxError):
        outbound_operations("LOAD <http://x/>")
    with pytest.raises(SparqlSyntaxError):
        outbound_operations("SELECT * {}", update=True)


def test_every_canned_query_and_example_parses_and_stays_home() -> None:
    for example in examples(load_queries()):
        assert keywords(example.sparql) == [], example.name


def test_nesting_is_bounded_and_refused_at_once() -> None:
    assert keywords("SELECT * " + "{" * 30 + "}" * 30) == []
    started = time.monotonic()
    for deep in ("SELECT * " + "{" * 5000 + "}" * 5000,
                 "SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
                 "SELECT * { ?s ?p " + "[ <p> " * 3000 + "]" * 3000 + " }"):
        with pytest.raises(SparqlSyntaxError, match="nest"):
            outbound_operations(deep)
    assert time.monotonic() - started < 2
    assert MAX_DEPTH >= 30


def test_choices_that_reparse_do_not_take_exponential_time() -> None:
    # REGEX, SUBSTR and REPLACE try a longer form first: nested, a naive PEG would
    # parse the inner call 2^depth times; the memo keeps it linear.
    nested = "?x"
    for _ in range(25):
        nested = f"REGEX({nested}, 'a')"
    started = time.monotonic()
    assert keywords(f"SELECT * {{ ?s ?p ?x FILTER({nested}) }}") == []
    assert time.monotonic() - started < 2


def test_escapes_are_expanded_as_the_engine_would() -> None:
    assert expand_escapes("\\u0053ERVICE") == "SERVICE"
    assert expand_escapes("\\U0001F600") == "\U0001F600"
    assert expand_escapes("\\uD800 \\u12 \\x") == "\\uD800 \\u12 \\x"


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


def _kg_sees(text: str) -> set[str]:
    for update in (False, True):
        try:
            return set(keywords(text, update))
        except SparqlSyntaxError:
            continue
    return {"refused"}


def test_the_differential_check_reads_rdflib_correctly() -> None:
    assert _rdflib_sees(FEDERATED[0]) == {"SERVICE"}
    assert _rdflib_sees(LOADS[0]) == {"LOAD"}
    assert _rdflib_sees(HARMLESS[0]) == set()


@pytest.mark.parametrize("text", [*FEDERATED, *FEDERATED_UPDATES, *LOADS, *HARMLESS])
def test_whatever_rdflib_parses_as_outbound_is_refused(text: str) -> None:
    seen = _kg_sees(text)
    assert _rdflib_sees(text) <= seen or seen == {"refused"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    running = Engine(tmp_path_factory.mktemp("grammar") / "store", timeout_s=5)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def test_the_parser_reads_every_w3c_syntax_case_the_engine_reads(engine: Engine) -> None:
    cases = json.loads((FIXTURES / "w3c-syntax.json").read_text(encoding="utf-8"))
    engine_reads, refused = 0, []
    with httpx.Client(timeout=30) as client:
        for case in cases:
            path, field = ("/update", "update") if case["update"] else ("/query", "query")
            answer = client.post(engine.url + path, data={field: case["text"]},
                                 headers={"Host": "example.org"})
            if answer.status_code == 400 and answer.text.startswith("error at"):
                continue
            engine_reads += 1
            try:
                outbound_operations(case["text"], case["update"])
            except SparqlSyntaxError as error:
                refused.append((case["name"], str(error)))
    assert engine_reads > 350, "the engine read too few cases: the check is void"
    assert refused == []
