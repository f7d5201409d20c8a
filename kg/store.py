"""The store: a persistent embedded Oxigraph database, one named graph per article.

The default graph seen by queries is the union of all named graphs. Writes replace an
article's graphs whole in one transaction, so a failed ingest changes nothing. Usage::

    from kg.store import open_store
    with open_store(".kg-store") as store:
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }")
        rows = store.select("SELECT ?c WHERE { ?c a <http://schema.org/Claim> }")
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from kg.errors import QueryError, StoreError, UsageError
from kg.vocab import KG

DEFAULT_STORE = ".kg-store"

#: A SPARQL JSON results binding: {"type": "uri"|"literal"|"bnode", "value": ..., ...}.
Binding = dict[str, str]
Row = dict[str, Binding]

RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml")


class Store(Protocol):
    """What every store (embedded or remote) offers to the rest of kg."""

    location: str

    def query(self, sparql: str, result_format: str = "json") -> tuple[str, bytes]:
        """Run a query; returns (form, body) where form is select|ask|construct."""

    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT and return its rows as SPARQL JSON bindings."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction."""

    def named_graphs(self) -> list[str]:
        """IRIs of every named graph in the store, sorted."""

    def dump(self, fmt: str = "nquads") -> bytes:
        """Every quad of the store, serialized."""

    def close(self) -> None:
        """Release the store."""


def _term(term: Any) -> str:
    """SPARQL syntax for an rdflib term (IRIs and literals, escaped by rdflib)."""
    return term.n3()


#: Triples per ``INSERT DATA`` operation: Virtuoso compiles each operation to SQL and refuses
#: one that exceeds 10 000 lines of code (about 1 500 triples); smaller operations in the same
#: request are still one transaction on Oxigraph.
INSERT_CHUNK = 500


def _insert_block(by_graph: dict[str, list[str]]) -> str:
    blocks = [f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()]
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def insert_data(quads: Iterable[tuple], chunk: int = INSERT_CHUNK) -> str:
    """``INSERT DATA`` operations (``chunk`` triples each, ``;``-separated) for rdflib quads,
    grouped by graph. Usage: ``store.update(insert_data(quads))``."""
    operations: list[str] = []
    by_graph: dict[str, list[str]] = {}
    count = 0
    for s, p, o, g in quads:
        by_graph.setdefault(str(g), []).append(f"{_term(s)} {_term(p)} {_term(o)} .")
        count += 1
        if count == chunk:
            operations.append(_insert_block(by_graph))
            by_graph, count = {}, 0
    if by_graph or not operations:
        operations.append(_insert_block(by_graph))
    return " ;\n".join(operations)


def replacement_update(old_graphs: Iterable[str], quads: Iterable[tuple]) -> str:
    """One SPARQL Update that drops ``old_graphs`` then inserts ``quads`` (one transaction)."""
    drops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(set(old_graphs))]
    return " ;\n".join([*drops, insert_data(quads)])


def owned_graphs_query(owner: str) -> str:
    """SELECT the graphs (claim status and assertion graphs) that an article graph owns."""
    return f"SELECT DISTINCT ?g WHERE {{ GRAPH <{owner}> {{ <{owner}> <{KG.owns}> ?g }} }}"


class EmbeddedStore:
    """The default store: pyoxigraph's RocksDB store in a folder on disk."""

    def __init__(self, path: str | Path) -> None:
        import pyoxigraph

        self._ox = pyoxigraph
        self.location = str(path)
        try:
            Path(path).mkdir(parents=True, exist_ok=True)
            self._store = pyoxigraph.Store(str(path))
        except OSError as exc:
            message = str(exc).splitlines()[0]
            if "lock" in message.lower():
                message = "it is in use by another kg process"
            raise StoreError(f"cannot open the store at {path}: {message}") from None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _run(self, sparql: str) -> Any:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {_one_line(exc)}") from None
        except (OSError, ValueError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def query(self, sparql: str, result_format: str = "json") -> tuple[str, bytes]:
        """Run any query. Usage: ``form, body = store.query("ASK {?s ?p ?o}", "json")``."""
        ox = self._ox
        result = self._run(sparql)
        if isinstance(result, ox.QueryTriples):
            fmt = _rdf_format(result_format if result_format in GRAPH_FORMATS else "turtle")
            return "construct", result.serialize(format=fmt)
        if result_format not in RESULT_FORMATS:
            raise UsageError(
                f"format '{result_format}' is for CONSTRUCT/DESCRIBE; SELECT and ASK give "
                f"{', '.join(RESULT_FORMATS)}"
            )
        fmt = getattr(ox.QueryResultsFormat, result_format.upper())
        form = "ask" if isinstance(result, ox.QueryBoolean) else "select"
        return form, result.serialize(format=fmt)

    def select(self, sparql: str) -> list[Row]:
        """Rows of a SELECT. Usage: ``[r["c"]["value"] for r in store.select(q)]``."""
        form, body = self.query(sparql, "json")
        if form != "select":
            raise QueryError("expected a SELECT query")
        return json.loads(body)["results"]["bindings"]

    def named_graphs(self) -> list[str]:
        """Every named graph. Usage: ``store.named_graphs()``."""
        return sorted(g.value for g in self._store.named_graphs())

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction: all of it or nothing."""
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {_one_line(exc)}") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"could not write to the store: {_one_line(exc)}") from None

    def dump(self, fmt: str = "nquads") -> bytes:
        """Every quad, as N-Quads or TriG. Usage: ``store.dump("nquads")``."""
        return self._store.dump(format=_rdf_format(fmt))

    def size_on_disk(self) -> int:
        """Bytes used by the store's folder."""
        return sum(f.stat().st_size for f in Path(self.location).rglob("*") if f.is_file())

    def close(self) -> None:
        """Flush and release the store."""
        store = getattr(self, "_store", None)
        if store is not None:
            store.flush()
            del self._store


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _rdf_format(name: str) -> Any:
    import pyoxigraph

    formats = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
        "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    }
    if name not in formats:
        raise UsageError(f"unknown RDF format '{name}' (expected one of: {', '.join(formats)})")
    return formats[name]


def store_location(option: str | None) -> str:
    """The store chosen by ``--store``, else ``KG_STORE``, else ``.kg-store`` here."""
    return option or os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(location: str | None = None, update_url: str | None = None,
               gsp_url: str | None = None) -> Store:
    """Open the store: a folder (created if missing) or a SPARQL endpoint URL.

    For a URL, the update and Graph Store endpoints come from the arguments, else from
    ``KG_UPDATE_URL`` and ``KG_GSP_URL``; ``KG_TOKEN`` (bearer) or ``KG_USER`` and
    ``KG_PASSWORD`` (basic or digest, as the server asks) authenticate, and ``KG_AUTH``
    (basic, digest or bearer) forces one kind. Usage: ``open_store(".kg-store")``.
    """
    location = store_location(location)
    if location.startswith(("http://", "https://")):
        from kg.remote_store import RemoteStore

        user, password = os.environ.get("KG_USER"), os.environ.get("KG_PASSWORD")
        return RemoteStore(
            location,
            update_url=update_url or os.environ.get("KG_UPDATE_URL"),
            store_url=gsp_url or os.environ.get("KG_GSP_URL"),
            token=os.environ.get("KG_TOKEN"),
            auth=(user, password) if user and password else None,
            auth_kind=(os.environ.get("KG_AUTH") or "").lower() or None,
        )
    return EmbeddedStore(location)
