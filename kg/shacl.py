"""SHACL validation against the shapes in ``ontology/shapes.ttl`` (pyshacl).

Usage::

    from kg.shacl import validate_graph
    report = validate_graph(graph)
    report.conforms, report.text
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef

from kg.errors import UsageError
from kg.resources import ontology_file


@dataclass(frozen=True)
class Report:
    """The outcome of a SHACL validation: whether it conforms, and each violation."""

    conforms: bool
    violations: tuple[str, ...]
    text: str


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    graph = Graph()
    graph.parse(ontology_file("shapes.ttl"), format="turtle")
    return graph


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    graph = Graph()
    graph.parse(ontology_file("kg.ttl"), format="turtle")
    return graph


def validate_graph(data: Graph) -> Report:
    """Validate a graph (the union of the store's graphs) against kg's shapes."""
    from pyshacl import validate
    from rdflib.namespace import RDF, SH

    # The vocabulary (SKOS schemes) is merged in by hand: pyshacl's own ont_graph
    # mix-in clones nodes recursively and takes minutes on a few thousand triples.
    merged = Graph()
    for triple in data:
        merged.add(triple)
    for triple in _ontology():
        merged.add(triple)
    conforms, results, text = validate(
        merged, shacl_graph=_shapes(), inference="none", allow_warnings=True
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = f"{path}: " if isinstance(path, URIRef) else ""
        violations.append(f"{focus}: {where}{message}")
    return Report(bool(conforms), tuple(sorted(violations)), str(text))


def check_quads(quads: Iterable[tuple], origin: str) -> None:
    """Raise a one-line error naming ``origin`` when mapped quads break a shape."""
    graph = Graph()
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    report = validate_graph(graph)
    if not report.conforms:
        first = report.violations[0] if report.violations else "does not conform"
        more = f" (and {len(report.violations) - 1} more)" if len(report.violations) > 1 else ""
        raise UsageError(f"{origin}: SHACL: {first}{more}")
