"""Turn a whole engine answer into the client's format, or into a clean error.

The engine answers SELECT and ASK in TSV and CONSTRUCT and DESCRIBE in N-Triples (one row,
one triple per line, so kg can count them while reading). A complete answer ends with a
newline (or is ``true``/``false``); anything else was cut short by an error the engine wrote
at the end of the body, which becomes a 503 (time limit) or 500. Conversion uses pyoxigraph,
the same serializers as ``kg query``. Usage::

    from kg.server.results import render
    form, body = render(answer, result_format="csv", graph_format="turtle", config=config)
"""

from __future__ import annotations

import pyoxigraph

from kg.server.backend import CANCELLED, Answer, time_limit_message
from kg.server.config import ServerConfig
from kg.server.errors import FrontError
from kg.vocab import PREFIXES

RESULTS_FORMATS = {
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "xml": pyoxigraph.QueryResultsFormat.XML,
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}


def _complete(body: bytes) -> bool:
    return not body or body.endswith(b"\n") or body in (b"true", b"false")


def check_complete(answer: Answer, config: ServerConfig) -> None:
    """Raise FrontError when the engine's body was cut short by an error."""
    if _complete(answer.body):
        return
    tail = answer.body.rsplit(b"\n", 1)[-1].decode("utf-8", "replace").strip()
    if tail.endswith(CANCELLED.decode()):
        raise FrontError(503, time_limit_message(config))
    raise FrontError(500, f"the query failed while its results were produced: {tail[-300:]}")


def solutions(tsv: bytes, fmt: str) -> bytes:
    """SELECT/ASK results from the engine's TSV into json, xml, csv or tsv."""
    if fmt == "tsv":
        return tsv
    parsed = pyoxigraph.parse_query_results(tsv, format=pyoxigraph.QueryResultsFormat.TSV)
    return parsed.serialize(format=RESULTS_FORMATS[fmt])


def used_prefixes(graph: list[pyoxigraph.Triple]) -> dict[str, str]:
    """kg's prefixes that the triples' IRIs use (for readable Turtle and RDF/XML)."""
    iris = {term.value for triple in graph for term in triple
            if isinstance(term, pyoxigraph.NamedNode)}
    namespaces = {iri.rsplit("#", 1)[0] + "#" if "#" in iri else iri.rsplit("/", 1)[0] + "/"
                  for iri in iris}
    return {prefix: namespace for prefix, namespace in PREFIXES.items()
            if namespace in namespaces}


def serialize_graph(graph: list[pyoxigraph.Triple], fmt: str) -> bytes:
    """Triples as turtle, ntriples, jsonld or rdfxml (with the prefixes they use)."""
    prefixes = used_prefixes(graph) if fmt in ("turtle", "rdfxml") else None
    return pyoxigraph.serialize(graph, format=RDF_FORMATS[fmt], prefixes=prefixes)


def triples(ntriples: bytes, fmt: str) -> bytes:
    """CONSTRUCT/DESCRIBE triples from the engine's N-Triples into turtle, ntriples, jsonld
    or rdfxml."""
    if fmt == "ntriples":
        return ntriples
    parsed = [q.triple for q in pyoxigraph.parse(ntriples,
                                                 format=pyoxigraph.RdfFormat.N_TRIPLES)]
    return serialize_graph(parsed, fmt)


def engine_message(answer: Answer) -> str:
    """The engine's error text on one line."""
    text = " ".join(answer.body.decode("utf-8", "replace").split())
    return text[:500] or f"HTTP {answer.status}"


def render(answer: Answer, result_format: str, graph_format: str,
           config: ServerConfig) -> tuple[str, bytes]:
    """("solutions" | "graph", body in the chosen format) for a 200 engine answer."""
    check_complete(answer, config)
    try:
        if answer.media_type == "text/tab-separated-values":
            return "solutions", solutions(answer.body, result_format)
        if answer.media_type == "application/n-triples":
            return "graph", triples(answer.body, graph_format)
    except (SyntaxError, ValueError) as exc:
        message = " ".join(str(exc).split())[:300]
        raise FrontError(500, f"could not read the engine's answer: {message}") from None
    raise FrontError(502, f"the query engine answered with {answer.media_type or 'nothing'}")
