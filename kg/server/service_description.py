"""The SPARQL 1.1 Service Description answered by ``GET /sparql`` without a query.

It says where the endpoint is, which languages it runs (Update only when writes are
enabled), which result formats it gives, that the default graph is the union of the named
graphs, and this server's limits. Usage::

    from kg.server.service_description import service_description
    body = service_description("http://127.0.0.1:8000/sparql", config, "turtle")
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.server.config import ServerConfig
from kg.server.results import RDF_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def description_triples(endpoint: str, config: ServerConfig) -> list[ox.Triple]:
    """The service description of ``endpoint`` as triples."""
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    a = ox.NamedNode(RDF_TYPE)
    triples = [
        ox.Triple(service, a, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"),
                  ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, a, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, a, sd("Graph")),
        ox.Triple(service, ox.NamedNode(DCT + "title"),
                  ox.Literal("kg: a knowledge graph of claims for fact-checkers")),
        ox.Triple(service, ox.NamedNode(RDFS + "comment"), ox.Literal(
            f"Limits: a query or update is stopped after {config.timeout:g} s; an answer "
            f"holds at most {config.max_results} results; a request at most "
            f"{config.max_request_size} bytes. SERVICE and LOAD are refused. "
            + ("SPARQL Update and the Graph Store Protocol need the server's bearer token."
               if config.writable else "This server is read-only.")
        )),
    ]
    if config.writable:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + name))
                for name in _RESULT_FORMATS]
    return triples


def service_description(endpoint: str, config: ServerConfig, fmt: str) -> bytes:
    """The service description serialized as turtle, ntriples, jsonld or rdfxml."""
    prefixes = {"sd": SD, "formats": FORMATS, "dct": DCT, "rdfs": RDFS}
    return ox.serialize(description_triples(endpoint, config), format=RDF_FORMATS[fmt],
                        prefixes=prefixes if fmt in ("turtle", "rdfxml") else None)
