"""Run a SPARQL query and format its result for people (table) or tools (json, csv, ...).

Usage::

    from kg.query_output import format_result
    print(format_result(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "table"))
"""

from __future__ import annotations

import json

from kg.errors import UsageError
from kg.output import to_table
from kg.store import Store
from kg.vocab import PREFIXES

#: For SELECT/ASK, the SPARQL results format; for CONSTRUCT/DESCRIBE, the RDF format.
_RESULT = {"table": "json", "json": "json", "csv": "csv", "tsv": "tsv", "xml": "xml",
           "turtle": "json"}
_GRAPH = {"table": "turtle", "turtle": "turtle", "json": "jsonld", "xml": "rdfxml"}


def _cell(binding: dict[str, str] | None) -> str:
    """A readable cell: IRIs shortened with kg's prefixes."""
    if binding is None:
        return ""
    value = binding["value"]
    if binding["type"] == "uri":
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace) and len(value) > len(namespace):
                return f"{prefix}:{value[len(namespace):]}"
    return value


def format_result(store: Store, sparql: str, fmt: str) -> str:
    """The query's result in ``fmt`` (table|json|csv|tsv|xml|turtle)."""
    if fmt not in _RESULT:
        raise UsageError(f"unknown format '{fmt}'")
    form, body = store.query(sparql, _RESULT[fmt])
    if form == "construct":
        if fmt not in _GRAPH:
            raise UsageError(f"CONSTRUCT and DESCRIBE give table, turtle, json or xml, not {fmt}")
        if _GRAPH[fmt] != "turtle":
            form, body = store.query(sparql, _GRAPH[fmt])
        return body.decode("utf-8")
    if fmt == "turtle":
        raise UsageError("SELECT and ASK give table, json, csv, tsv or xml, not turtle")
    if fmt != "table":
        return body.decode("utf-8")
    data = json.loads(body)
    if form == "ask":
        return "true" if data["boolean"] else "false"
    columns = data["head"]["vars"]
    rows = [{c: _cell(b.get(c)) for c in columns} for b in data["results"]["bindings"]]
    return to_table(rows, columns) + f"{len(rows)} row(s)\n"
