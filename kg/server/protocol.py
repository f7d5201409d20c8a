"""The SPARQL 1.1 Protocol's request side: which operation a request carries, and its dataset.

A query comes by GET (``?query=``), by POST form-encoded (``query=``) or by POST with
``Content-Type: application/sparql-query``; an update by POST form-encoded (``update=``) or
``application/sparql-update``. ``default-graph-uri`` / ``named-graph-uri`` (queries) and
``using-graph-uri`` / ``using-named-graph-uri`` (updates) may repeat. Bodies must be UTF-8
and no larger than the server's limit. Usage (in a Starlette handler)::

    operation = await read_operation(request, max_size=4_000_000)
    if operation is None:            # GET without a query: the service description
        ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.requests import Request

from kg.server.errors import FrontError

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"

_QUERY_DATASET = ("default-graph-uri", "named-graph-uri")
_UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")


@dataclass
class Operation:
    """One query or update, with its protocol parameters."""

    kind: str  # "query" or "update"
    text: str
    dataset: list[tuple[str, str]] = field(default_factory=list)
    format: str | None = None

    def engine_form(self) -> list[tuple[str, str]]:
        """The form fields to send to the engine."""
        return [(self.kind, self.text), *self.dataset]


def _media(request: Request) -> tuple[str | None, str | None]:
    header = request.headers.get("content-type")
    if header is None:
        return None, None
    media, *params = (p.strip() for p in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


async def read_body(request: Request, max_size: int) -> bytes:
    """The request body, refused with 413 beyond ``max_size`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_size:
        raise FrontError(413, _too_large(max_size))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_size:
            raise FrontError(413, _too_large(max_size))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_size: int) -> str:
    return (f"the request is larger than {max_size} bytes, this server's limit "
            "(kg serve --max-request-size)")


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise FrontError(400, f"the {what} is not valid UTF-8 (the SPARQL protocol "
                              "requires UTF-8)") from None


def _params(raw: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw, keep_blank_values=True, strict_parsing=False,
                         encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise FrontError(400, "the parameters are not valid UTF-8 (the SPARQL protocol "
                              "requires UTF-8)") from None


def _one(params: list[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _operation(params: list[tuple[str, str]], body_text: str | None,
               body_kind: str | None) -> Operation | None:
    queries, updates = _one(params, "query"), _one(params, "update")
    if body_kind == "query":
        queries.append(body_text or "")
    elif body_kind == "update":
        updates.append(body_text or "")
    if queries and updates:
        raise FrontError(400, "a request carries a query or an update, not both")
    if len(queries) > 1 or len(updates) > 1:
        raise FrontError(400, "a request carries one query or one update, not several")
    explicit = (_one(params, "format") or _one(params, "output") or [None])[0]
    if queries:
        if _one(params, "using-graph-uri") or _one(params, "using-named-graph-uri"):
            raise FrontError(400, "using-graph-uri and using-named-graph-uri go with "
                                  "updates; a query takes default-graph-uri and "
                                  "named-graph-uri")
        dataset = [(k, v) for k, v in params if k in _QUERY_DATASET]
        return Operation("query", queries[0], dataset, explicit)
    if updates:
        dataset = [(k, v) for k, v in params if k in _UPDATE_DATASET]
        return Operation("update", updates[0], dataset, explicit)
    return None


async def read_operation(request: Request, max_size: int) -> Operation | None:
    """The query or update a request carries; None for a GET without one.

    Raises FrontError (400, 405, 413, 415) for what the protocol does not allow.
    """
    url_query = request.url.query
    if len(url_query) > max_size:
        raise FrontError(414, _too_large(max_size))
    url_params = _params(url_query)
    if request.method in ("GET", "HEAD"):
        if _one(url_params, "update"):
            raise FrontError(400, "an update must be sent with POST, not GET")
        return _operation(url_params, None, None)
    if request.method != "POST":
        raise FrontError(405, f"{request.method} is not a SPARQL protocol method; use GET "
                              "or POST", {"Allow": "GET, POST"})
    media, charset = _media(request)
    if charset not in (None, "utf-8", "utf8"):
        raise FrontError(400, f"charset {charset} is not supported; the SPARQL protocol "
                              "requires UTF-8")
    body = await read_body(request, max_size)
    if media == FORM:
        params = url_params + _params(_utf8(body, "form"))
        operation = _operation(params, None, None)
    elif media in (QUERY, UPDATE):
        for name in ("query", "update"):
            if _one(url_params, name):
                raise FrontError(400, f"a {media} request carries its operation in the "
                                      f"body, not in a '{name}' parameter")
        kind = "query" if media == QUERY else "update"
        operation = _operation(url_params, _utf8(body, "body"), kind)
    else:
        raise FrontError(415, f"POST needs Content-Type {FORM}, {QUERY} or {UPDATE}"
                              + (f", not {media}" if media else ""))
    if operation is None:
        raise FrontError(400, "no 'query' or 'update' parameter in the request")
    return operation
