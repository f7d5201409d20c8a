"""A store that lives behind the SPARQL 1.1 Protocol: kg serve, Oxigraph, Fuseki, ...

``RemoteStore`` offers what ``kg.store.EmbeddedStore`` offers (the ``Store`` protocol), so
listings, exports and ingest work on either. Queries go to the query URL (POST,
form-encoded); updates to the update URL; a whole-store dump uses the Graph Store Protocol
URL when there is one. Usage::

    from kg.remote_store import RemoteStore
    with RemoteStore("http://127.0.0.1:8000/sparql", update_url="http://127.0.0.1:8000/sparql",
                     token="s3cret") as store:
        rows = store.select("SELECT ?c WHERE { ?c a <http://schema.org/Claim> }")
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }")
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from kg.errors import QueryError, StoreError, UsageError
from kg.store import GRAPH_FORMATS, RESULT_FORMATS, Row

_RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _form_of(content_type: str, body: bytes) -> str:
    """select, ask or construct, from the answer's media type (and body for booleans)."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _GRAPH_MEDIA.values() or media in ("application/x-turtle", "text/plain"):
        return "construct"
    if media in ("application/sparql-results+json", "application/json"):
        try:
            return "ask" if "boolean" in json.loads(body) else "select"
        except ValueError:
            return "select"
    if media in ("application/sparql-results+xml", "application/xml", "text/xml"):
        return "ask" if b"<boolean>" in body else "select"
    if media in ("text/csv", "text/tab-separated-values"):
        return "ask" if body.strip() in (b"true", b"false") else "select"
    raise StoreError(f"the endpoint answered with an unexpected media type '{media}'")


def _n3(binding: dict[str, str]) -> str:
    """N-Triples syntax of a SPARQL JSON binding."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    escaped = json.dumps(value, ensure_ascii=False)
    if "xml:lang" in binding:
        return f"{escaped}@{binding['xml:lang']}"
    datatype = binding.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f"{escaped}^^<{datatype}>"
    return escaped


class RemoteStore:
    """A kg store over HTTP: the SPARQL 1.1 Query, Update and Graph Store protocols."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        store_url: str | None = None,
        *,
        token: str | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float = 60.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.location = query_url
        self.query_url = query_url
        self.update_url = update_url
        self.store_url = store_url
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._auth = httpx.BasicAuth(*auth) if auth else None
        self._timeout = timeout
        self._own_client = client is None
        self._client = client or httpx.Client(timeout=timeout)

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {**self._headers, **kwargs.pop("headers", {})}
        try:
            return self._client.request(method, url, headers=headers, auth=self._auth,
                                        timeout=self._timeout, **kwargs)
        except httpx.TimeoutException:
            raise StoreError(f"the store at {url} did not answer within "
                             f"{self._timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the store at {url}: {_one_line(str(exc))}") from None

    def _check(self, response: httpx.Response, what: str) -> None:
        if response.is_success:
            return
        message = _one_line(response.text) or response.reason_phrase
        status = response.status_code
        where = str(response.request.url).split("?", 1)[0]
        if status in (401, 403):
            raise StoreError(f"{where} refused the {what} ({status}): {message}")
        if 400 <= status < 500:
            raise QueryError(f"{where} refused the {what} ({status}): {message}")
        raise StoreError(f"{where} failed on the {what} ({status}): {message}")

    def query(self, sparql: str, result_format: str = "json") -> tuple[str, bytes]:
        """Run any query. Usage: ``form, body = store.query("ASK {?s ?p ?o}", "json")``.

        Like the embedded store: SELECT and ASK answer in ``result_format`` (json, xml, csv,
        tsv); CONSTRUCT and DESCRIBE in Turtle, or in ``result_format`` if it is an RDF format.
        """
        if result_format in RESULT_FORMATS:
            accept = f"{_RESULT_MEDIA[result_format]}, text/turtle;q=0.9"
        elif result_format in GRAPH_FORMATS:
            accept = f"{_GRAPH_MEDIA[result_format]}, application/sparql-results+json;q=0.1"
        else:
            raise UsageError(f"unknown result format '{result_format}'")
        response = self._send("POST", self.query_url, data={"query": sparql},
                              headers={"Accept": accept})
        self._check(response, "query")
        form = _form_of(response.headers.get("content-type", ""), response.content)
        if form != "construct" and result_format not in RESULT_FORMATS:
            raise UsageError(
                f"format '{result_format}' is for CONSTRUCT/DESCRIBE; SELECT and ASK give "
                f"{', '.join(RESULT_FORMATS)}"
            )
        return form, response.content

    def select(self, sparql: str) -> list[Row]:
        """Rows of a SELECT. Usage: ``[r["c"]["value"] for r in store.select(q)]``."""
        form, body = self.query(sparql, "json")
        if form != "select":
            raise QueryError("expected a SELECT query")
        return json.loads(body)["results"]["bindings"]

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update; the endpoint applies it as one transaction (Oxigraph does)."""
        if not self.update_url:
            raise StoreError(f"the store at {self.query_url} is read-only here "
                             "(no update URL given)")
        response = self._send("POST", self.update_url, content=sparql.encode("utf-8"),
                              headers={"Content-Type": "application/sparql-update"})
        self._check(response, "update")

    def named_graphs(self) -> list[str]:
        """Every named graph. Usage: ``store.named_graphs()``."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(r["g"]["value"] for r in rows if r["g"]["type"] == "uri")

    def dump(self, fmt: str = "nquads") -> bytes:
        """Every quad, as N-Quads or TriG: by the Graph Store Protocol when there is a URL
        for it, else by a query (which sees the named graphs only)."""
        if fmt not in ("nquads", "trig"):
            raise UsageError(f"dump gives nquads or trig, not {fmt}")
        if self.store_url:
            response = self._send("GET", self.store_url,
                                  headers={"Accept": _GRAPH_MEDIA["nquads"]})
            self._check(response, "dump")
            nquads = response.content
        else:
            rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            lines = sorted({f"{_n3(r['s'])} {_n3(r['p'])} {_n3(r['o'])} {_n3(r['g'])} .\n"
                            for r in rows})
            nquads = "".join(lines).encode("utf-8")
        if fmt == "nquads":
            return nquads
        import pyoxigraph

        quads = pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG)

    def close(self) -> None:
        """Release the HTTP connections (the client, when this store created it)."""
        if self._own_client:
            self._client.close()
