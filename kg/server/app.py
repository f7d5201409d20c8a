"""The Starlette application in front of the engine: every request is checked here first.

Routes: ``/sparql`` (SPARQL 1.1 Protocol: query, update, service description), ``/store``
(Graph Store Protocol, with the token), ``/`` and ``/query`` (the query page), ``/health``,
``/static/...`` and every path under the base IRI's path (``/id/...``: pages for people,
Turtle/JSON-LD/N-Triples for machines). Usage::

    from kg.server.app import create_app
    app = create_app(config, engine)      # an ASGI app; engine already started
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.canned import load_queries
from kg.errors import KgError
from kg.remote_store import RemoteStore
from kg.server.auth import require_writer
from kg.server.backend import ENGINE_ACCEPT, Answer, Backend
from kg.server.config import ServerConfig
from kg.server.describe import describe, resource_kind, valid_iri
from kg.server.engine import Engine
from kg.server.errors import FrontError
from kg.server.negotiation import GRAPH_FORMATS, HTML, RESULT_FORMATS, by_name, choose
from kg.server.pages import not_found_page, resource_page
from kg.server.protocol import read_body, read_operation
from kg.server.query_page import Outcome, examples, outcome_from_json, query_page
from kg.server.results import engine_message, render, serialize_graph
from kg.server.service_description import service_description
from kg.server.sparql_grammar import SparqlSyntaxError, outbound_operations

access_log = logging.getLogger("kg.server.access")
log = logging.getLogger("kg.server")

STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
#: Results bigger than this are converted in a worker thread, off the event loop.
_THREAD_ABOVE = 256 * 1024
#: Graph Store requests move whole graphs: they get this many seconds, not the query limit.
_GRAPH_STORE_SECONDS = 300.0


class AccessLog:
    """ASGI middleware: one log line per request (client, request line, status, bytes, ms)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status, size = 0, 0

        async def sending(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"content-security-policy", CSP.encode())]
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client") or ("-", 0)
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope.get("path", "") + (f"?{query[:300]}" if query else "")
            access_log.info('%s "%s %s" %d %d %.1fms', client[0], scope.get("method"),
                            target, status, size, (time.perf_counter() - start) * 1000)


def error_response(error: FrontError) -> Response:
    """A FrontError as a one-line text/plain answer."""
    body = b"" if error.status == 204 else (error.message + "\n").encode("utf-8")
    return Response(body, status_code=error.status, headers=error.headers,
                    media_type="text/plain; charset=utf-8")


#: Engine failures that are the request's doing (a graph that is not there, an unknown
#: function): answered 400, not as a server error.
_REQUEST_FAULTS = ("does not exist", "already exists", "is not supported", "is unbound")


def _engine_error(answer: Answer, kind: str) -> FrontError:
    message = engine_message(answer)
    if answer.status == 400:
        if message.startswith("error at"):
            message = f"SPARQL {'update ' if kind == 'update' else ''}syntax error: {message}"
        return FrontError(400, message)
    status = answer.status if answer.status >= 400 else 502
    if status == 500 and any(fault in message for fault in _REQUEST_FAULTS):
        status = 400
    if kind == "update":
        return FrontError(status, f"the update failed and nothing was changed: {message}")
    return FrontError(status, f"the query failed: {message}")


class Front:
    """The request handlers, sharing the engine, its backend and the settings."""

    def __init__(self, config: ServerConfig, engine: Engine) -> None:
        self.config = config
        self.engine = engine
        self.backend = Backend(engine, config)
        self.pages_client = httpx.Client(timeout=config.hard_deadline)
        self.examples = examples(load_queries())
        self._watch: asyncio.Task[None] | None = None

    # -- lifecycle -------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        """Watch the engine while the app runs; close connections when it stops."""
        self._watch = asyncio.create_task(self.backend.watch())
        try:
            yield
        finally:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
            await self.backend.aclose()
            self.pages_client.close()

    # -- SPARQL ----------------------------------------------------------------------------

    async def run_query(self, text: str, dataset: list[tuple[str, str]], result_format: str,
                        graph_format: str, host: str | None) -> tuple[str, bytes]:
        """Check and run one query: ("solutions" | "graph", body in the chosen format)."""
        refuse_outbound(text, update=False)
        headers = {"Accept": ENGINE_ACCEPT}
        if host:
            headers["Host"] = host
        answer = await self.backend.exchange(
            "POST", "/query", idempotent=True, count_rows=True,
            form=[("query", text), *dataset], headers=headers)
        if answer.status != 200:
            raise _engine_error(answer, "query")
        if len(answer.body) > _THREAD_ABOVE:
            return await anyio.to_thread.run_sync(render, answer, result_format,
                                                  graph_format, self.config)
        return render(answer, result_format, graph_format, self.config)

    async def sparql(self, request: Request) -> Response:
        """``/sparql``: a query, an update, or (GET without either) the service description."""
        try:
            operation = await read_operation(request, self.config.max_request_size)
            if operation is None:
                return self.describe_service(request)
            host = request.headers.get("host")
            if operation.kind == "update":
                require_writer(request.headers.get("authorization"), self.config.token)
                refuse_outbound(operation.text, update=True)
                headers = {"Host": host} if host else {}
                answer = await self.backend.exchange(
                    "POST", "/update", idempotent=False, form=operation.engine_form(),
                    headers=headers)
                if answer.status not in (200, 204):
                    raise _engine_error(answer, "update")
                return Response(status_code=204)
            accept = request.headers.get("accept")
            result_format = choose(accept, RESULT_FORMATS, operation.format) or "json"
            graph_format = choose(accept, GRAPH_FORMATS, operation.format) or "turtle"
            kind, body = await self.run_query(operation.text, operation.dataset,
                                              result_format, graph_format, host)
            formats = RESULT_FORMATS if kind == "solutions" else GRAPH_FORMATS
            name = result_format if kind == "solutions" else graph_format
            return Response(body, media_type=by_name(name, formats).content_type,
                            headers={"Vary": "Accept"})
        except FrontError as error:
            return error_response(error)

    def describe_service(self, request: Request) -> Response:
        """The SPARQL 1.1 Service Description (or the query page, for a browser)."""
        fmt = choose(request.headers.get("accept"), (*GRAPH_FORMATS, HTML),
                     request.query_params.get("format"))
        if fmt == "html":
            return RedirectResponse("/query", status_code=303)
        fmt = fmt or "turtle"
        endpoint = str(request.url.replace(query=""))
        body = service_description(endpoint, self.config, fmt)
        return Response(body, media_type=by_name(fmt, GRAPH_FORMATS).content_type,
                        headers={"Vary": "Accept"})

    async def graph_store(self, request: Request) -> Response:
        """``/store``: the SPARQL 1.1 Graph Store HTTP Protocol (``?graph=IRI`` or
        ``?default``), for the token's bearer only."""
        try:
            require_writer(request.headers.get("authorization"), self.config.token)
            params = [(k, v) for k, v in request.query_params.multi_items()
                      if k in ("graph", "default")]
            body = await read_body(request, self.config.max_request_size)
            headers = {k: v for k, v in request.headers.items()
                       if k in ("content-type", "accept")}
            answer = await self.backend.exchange(
                request.method, "/store", idempotent=request.method in ("GET", "HEAD"),
                params=params, body=body, headers=headers, seconds=_GRAPH_STORE_SECONDS)
            if answer.status >= 400:
                raise FrontError(answer.status, engine_message(answer))
            return Response(answer.body or None, status_code=answer.status,
                            media_type=answer.content_type or None)
        except FrontError as error:
            return error_response(error)

    # -- pages -----------------------------------------------------------------------------

    def links(self, iri: str) -> str:
        """Where a page links for ``iri``: a path here for IRIs under the base, else the IRI."""
        base = self.config.base_iri
        if iri.startswith(base):
            return self.config.base_path + iri[len(base):]
        return iri

    def _store(self) -> RemoteStore:
        return RemoteStore(self.engine.url + "/query", client=self.pages_client,
                           timeout=self.config.hard_deadline)

    def _resource(self, iri: str, fmt: str) -> tuple[int, bytes, str]:
        store = self._store()
        kind = resource_kind(store, iri)
        if kind is None:
            return 404, not_found_page(iri), "text/html; charset=utf-8"
        if fmt == "html":
            page = resource_page(store, iri, kind, self.links)
            return 200, page, "text/html; charset=utf-8"
        body = serialize_graph(describe(store, iri), fmt)
        return 200, body, by_name(fmt, GRAPH_FORMATS).content_type

    async def resource(self, request: Request) -> Response:
        """A data IRI under the base: HTML for people, RDF for machines, 404 if unknown."""
        raw = request.scope.get("raw_path") or request.url.path.encode()
        path = raw.decode("latin-1").split("?", 1)[0]
        iri = self.config.base_iri + path[len(self.config.base_path):]
        fmt = choose(request.headers.get("accept"), (HTML, *GRAPH_FORMATS),
                     request.query_params.get("format"))
        if fmt is None:
            return Response("this resource is available as HTML, Turtle, N-Triples, JSON-LD "
                            "and RDF/XML\n", status_code=406,
                            media_type="text/plain; charset=utf-8")
        if not valid_iri(iri):
            status, body, media = 404, not_found_page(iri), "text/html; charset=utf-8"
        else:
            try:
                status, body, media = await anyio.to_thread.run_sync(self._resource, iri, fmt)
            except KgError as exc:
                log.warning("page for %s failed: %s", iri, exc)
                return Response(f"the graph is not available right now: {exc}\n",
                                status_code=503, media_type="text/plain; charset=utf-8")
        if status == 404 and fmt != "html":
            body, media = f"not in the graph: {iri}\n".encode(), "text/plain; charset=utf-8"
        return Response(body, status_code=status, media_type=media,
                        headers={"Vary": "Accept"})

    async def query_page(self, request: Request) -> Response:
        """``/`` and ``/query``: the editor, the examples, and a server-side answer."""
        text = request.query_params.get("query")
        name = request.query_params.get("name")
        chosen = next((e for e in self.examples if e.name == name), None)
        if chosen is not None and text is None:
            text = chosen.sparql
        outcome = None
        if text:
            try:
                kind, body = await self.run_query(text, [], "json", "turtle",
                                                  request.headers.get("host"))
                outcome = (outcome_from_json(body) if kind == "solutions"
                           else Outcome(graph=body.decode("utf-8")))
            except FrontError as error:
                outcome = Outcome(error=error.message)
        page = query_page(self.examples, self.config, text, outcome, links=self.links)
        return Response(page, media_type="text/html; charset=utf-8")

    async def health(self, _request: Request) -> Response:
        """``/health``: 200 when the engine answers, else 503; JSON with limits and state."""
        engine_ok = await self.backend.ping()
        payload: dict[str, Any] = {
            "status": "ok" if engine_ok else "unavailable",
            "store": self.config.store,
            "engine": {"alive": self.engine.alive(), "pid": self.engine.pid,
                       "sandbox": self.engine.sandbox,
                       "restarts": self.backend.restarts},
            "writes": "enabled" if self.config.writable else "disabled",
            "limits": {"timeout_s": self.config.timeout, "max_results": self.config.max_results,
                       "max_request_size": self.config.max_request_size},
        }
        return JSONResponse(payload, status_code=200 if engine_ok else 503)


def refuse_outbound(text: str, update: bool) -> None:
    """Raise FrontError 400 when a query or update does not parse, or uses SERVICE or LOAD.

    The decision is taken on the parsed request (``kg.server.sparql_grammar``): what the
    parser cannot read is refused, since the engine might read it otherwise.
    """
    try:
        found = outbound_operations(text, update)
    except SparqlSyntaxError as error:
        kind = "update " if update else ""
        raise FrontError(400, f"SPARQL {kind}syntax error: {error}") from None
    if found:
        first = found[0]
        raise FrontError(400, f"{first.keyword} is not allowed on this server ({first.keyword} "
                              f"{first.target} at line {first.line}, column {first.column}): "
                              "it would make the server connect to another address")


def create_app(config: ServerConfig, engine: Engine) -> Starlette:
    """The ASGI app for ``config``, in front of a started ``engine``."""
    front = Front(config, engine)
    base = config.base_path
    routes = [
        Route("/sparql", front.sparql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/store", front.graph_store, methods=["GET", "PUT", "POST", "DELETE"]),
        Route("/", front.query_page, methods=["GET"]),
        Route("/query", front.query_page, methods=["GET"]),
        Route("/health", front.health, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
        Route(base + "{rest:path}", front.resource, methods=["GET"]),
    ]
    middleware = [
        Middleware(AccessLog),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                   allow_headers=["Accept", "Content-Type", "Authorization"]),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=front.lifespan)
    app.state.front = front
    return app

