"""A store that lives behind the SPARQL 1.1 Protocol: kg serve, Oxigraph, Fuseki, ...

``RemoteStore`` offers what ``kg.store.EmbeddedStore`` offers (the ``Store`` protocol), so
listings, exports and ingest work on either. Queries go to the query URL (POST,
form-encoded); updates to the update URL; a whole-store dump uses the Graph Store Protocol
URL when there is one, else by paged queries. Authentication is HTTP basic, digest or bearer
(``auth_kind``; inferred from the server's challenge when not given). Only the graphs whose
IRIs start with ``graph_prefix`` (kg's data IRIs by default) are kg's: a shared server's other
graphs (Virtuoso's system graphs, say) are never listed, dumped or replaced. Usage::

    from kg.remote_store import RemoteStore
    with RemoteStore("http://127.0.0.1:8000/sparql", update_url="http://127.0.0.1:8000/sparql",
                     token="s3cret") as store:
        rows = store.select("SELECT ?c WHERE { ?c a <http://schema.org/Claim> }")
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }")
"""

from __future__ import annotations

import json
from collections.abc import Generator
from typing import Any

import httpx

from kg.errors import QueryError, StoreError, UsageError
from kg.store import GRAPH_FORMATS, RESULT_FORMATS, Row
from kg.vocab import DATA_BASE

AUTH_KINDS = ("basic", "digest", "bearer")
#: Rows asked for per page when a result may be long (Virtuoso answers 10 000 rows at most
#: by default: its ``ResultSetMaxRows``).
PAGE_SIZE = 10_000

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


def term_n3(binding: dict[str, str]) -> str:
    """N-Triples syntax of a SPARQL JSON binding. Usage: ``term_n3({"type": "uri", ...})``."""
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


class ChallengeAuth(httpx.Auth):
    """Basic or digest authentication, whichever the server's first 401 challenge asks for."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Send once without credentials, then answer the challenge the server made."""
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        self._chosen = self._digest if scheme == "digest" else self._basic
        yield from self._chosen.auth_flow(request)


def make_auth(kind: str | None, user: str | None, password: str | None,
              token: str | None) -> tuple[httpx.Auth | None, dict[str, str]]:
    """The httpx auth and extra headers for ``kind`` (basic, digest, bearer or None: infer).

    Inferred: a token means bearer; a user and password mean basic or digest, as the server
    asks. Usage: ``auth, headers = make_auth("digest", "dba", "dba", None)``.
    """
    if kind is not None and kind not in AUTH_KINDS:
        raise UsageError(f"unknown authentication '{kind}' (expected one of: "
                         f"{', '.join(AUTH_KINDS)})")
    if kind == "bearer" or (kind is None and token):
        if not token:
            raise UsageError("bearer authentication needs a token (KG_TOKEN)")
        return None, {"Authorization": f"Bearer {token}"}
    if kind is not None and not (user and password):
        raise UsageError(f"{kind} authentication needs KG_USER and KG_PASSWORD")
    if not (user and password):
        return None, {}
    if kind == "basic":
        return httpx.BasicAuth(user, password), {}
    if kind == "digest":
        return httpx.DigestAuth(user, password), {}
    return ChallengeAuth(user, password), {}


_BOOLEANS = {"1": "true", "0": "false"}


def _normalise_json(body: bytes) -> bytes:
    """SPARQL JSON results as the standard has them: Virtuoso's ``typed-literal`` is a
    ``literal``, its ``xsd:string`` datatype on plain literals is dropped and its booleans
    ``1`` and ``0`` are the canonical ``true`` and ``false``."""
    if not any(mark in body for mark in (b"typed-literal", b"XMLSchema#string",
                                          b"XMLSchema#boolean")):
        return body
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for binding in row.values():
            if binding.get("type") == "typed-literal":
                binding["type"] = "literal"
            datatype = binding.get("datatype")
            if datatype == "http://www.w3.org/2001/XMLSchema#string":
                del binding["datatype"]
            elif datatype == "http://www.w3.org/2001/XMLSchema#boolean":
                binding["value"] = _BOOLEANS.get(binding["value"], binding["value"])
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


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
        auth_kind: str | None = None,
        graph_prefix: str = DATA_BASE,
        page_size: int = PAGE_SIZE,
        timeout: float = 60.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.location = query_url
        self.query_url = query_url
        self.update_url = update_url
        self.store_url = store_url
        self.graph_prefix = graph_prefix
        self.page_size = page_size
        user, password = auth or (None, None)
        self._auth, self._headers = make_auth(auth_kind, user, password, token)
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
        content_type = response.headers.get("content-type", "")
        form = _form_of(content_type, response.content)
        body = response.content
        if form != "construct" and "json" in content_type:
            body = _normalise_json(body)
        if form != "construct" and result_format not in RESULT_FORMATS:
            raise UsageError(
                f"format '{result_format}' is for CONSTRUCT/DESCRIBE; SELECT and ASK give "
                f"{', '.join(RESULT_FORMATS)}"
            )
        return form, body

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

    def select_all(self, sparql: str) -> list[Row]:
        """Every row of a SELECT that has an ORDER BY, fetched ``page_size`` rows at a time.

        Usage: ``store.select_all("SELECT ?g WHERE { ... } ORDER BY ?g")``.
        """
        rows: list[Row] = []
        while True:
            page = self.select(f"{sparql}\nLIMIT {self.page_size} OFFSET {len(rows)}")
            rows.extend(page)
            if len(page) < self.page_size:
                return rows

    def _graph_filter(self, var: str) -> str:
        prefix = json.dumps(self.graph_prefix)
        return f"FILTER (isIRI(?{var}) && STRSTARTS(STR(?{var}), {prefix}))"

    def named_graphs(self) -> list[str]:
        """kg's named graphs (IRIs under ``graph_prefix``). Usage: ``store.named_graphs()``."""
        rows = self.select_all(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                               f"{self._graph_filter('g')} }} ORDER BY ?g")
        return sorted(r["g"]["value"] for r in rows if "g" in r)

    def quad_count(self) -> int:
        """How many quads kg's named graphs hold. Usage: ``store.quad_count()``."""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                           f"{self._graph_filter('g')} }}")
        return int(rows[0]["n"]["value"])

    def _gsp_dump(self) -> bytes | None:
        """The whole dataset by a Graph Store Protocol GET, or None if the server has none."""
        if not self.store_url:
            return None
        response = self._send("GET", self.store_url, headers={"Accept": _GRAPH_MEDIA["nquads"]})
        media = response.headers.get("content-type", "").split(";", 1)[0].strip()
        if response.status_code in (400, 404, 405, 406) or (
                response.is_success and media != _GRAPH_MEDIA["nquads"]):
            return None
        self._check(response, "dump")
        return response.content

    def _paged_dump(self) -> bytes:
        expected = self.quad_count()
        rows = self.select_all(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                               f"{self._graph_filter('g')} }} ORDER BY ?g ?s ?p ?o")
        if len(rows) != expected:
            raise StoreError(f"{self.query_url} gave {len(rows)} of {expected} quads: it cuts "
                             f"results shorter than {self.page_size} rows a page")
        return "".join(" ".join(term_n3(r[v]) for v in "spog") + " .\n"
                       for r in rows).encode("utf-8")

    def dump(self, fmt: str = "nquads") -> bytes:
        """kg's quads (graphs under ``graph_prefix``) as N-Quads or TriG: by the Graph Store
        Protocol when the server gives the whole dataset there, else by paged queries."""
        if fmt not in ("nquads", "trig"):
            raise UsageError(f"dump gives nquads or trig, not {fmt}")
        import pyoxigraph

        nquads = self._gsp_dump()
        if nquads is None:
            nquads = self._paged_dump()
        quads = [q for q in pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
                 if isinstance(q.graph_name, pyoxigraph.NamedNode)
                 and q.graph_name.value.startswith(self.graph_prefix)]
        rdf_format = pyoxigraph.RdfFormat.N_QUADS if fmt == "nquads" else pyoxigraph.RdfFormat.TRIG
        return pyoxigraph.serialize(quads, format=rdf_format)

    def close(self) -> None:
        """Release the HTTP connections (the client, when this store created it)."""
        if self._own_client:
            self._client.close()
