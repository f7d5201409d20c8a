"""kg's side of the conversation with the engine: forward, read whole, stop what overruns.

Every answer is read to its end before anything goes back to the client, because the
engine streams: a query stopped by its own time limit has already said 200 and ends its body
with "The SPARQL operation has been cancelled". While reading, kg counts rows (one line each
in TSV and N-Triples) and stops at ``max_results``, and it gives up at the hard deadline:
some work (a large ORDER BY) ignores the engine's ``--timeout-s``, so kg then restarts the
engine, which is the only way to really stop it. Requests that were running on the engine
restarted that way are retried once; a crash of the engine is reported, never retried.
Usage (inside the server's event loop)::

    backend = Backend(engine, config)
    answer = await backend.exchange("POST", "/query", form=[("query", "ASK {}")],
                                    headers={"Accept": ENGINE_ACCEPT}, idempotent=True)
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from kg.server.config import ServerConfig
from kg.server.engine import Engine
from kg.server.engine_client import EnginePool, EngineUnreachable
from kg.server.errors import FrontError

log = logging.getLogger("kg.server")

#: What kg asks the engine for: one row per line (TSV) or one triple per line (N-Triples).
ENGINE_ACCEPT = "text/tab-separated-values, application/n-triples"
CANCELLED = b"The SPARQL operation has been cancelled"


@dataclass(frozen=True)
class Answer:
    """An engine answer read to its end."""

    status: int
    content_type: str
    body: bytes

    @property
    def media_type(self) -> str:
        """The media type without parameters, lower case."""
        return self.content_type.split(";", 1)[0].strip().lower()


class _TooMany(Exception):
    pass


class _TooLarge(Exception):
    pass


class Backend:
    """Talks to the engine for the front; owns the restart policy."""

    def __init__(self, engine: Engine, config: ServerConfig) -> None:
        self.engine = engine
        self.config = config
        self._pool: EnginePool | None = None
        self._pool_generation = -1
        self._restart_lock = asyncio.Lock()
        self.restarts = 0

    def pool(self) -> EnginePool:
        """The connections to the engine now running (a restarted engine gets new ones)."""
        if self._pool is None or self._pool_generation != self.engine.generation:
            if self._pool is not None:
                asyncio.get_running_loop().create_task(self._pool.close())
            self._pool = EnginePool(self.engine.host, self.engine.port,
                                    idle_seconds=self.engine.timeout_s / 2)
            self._pool_generation = self.engine.generation
        return self._pool

    async def aclose(self) -> None:
        """Close the connections to the engine."""
        if self._pool is not None:
            await self._pool.close()

    async def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until the engine listens (after a start or a restart)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.engine.ready():
            if loop.time() > deadline:
                raise FrontError(503, "the query engine is not answering; try again shortly")
            await asyncio.sleep(0.01)
        if not self.engine.listening():
            raise FrontError(503, "the query engine is not running: "
                                  f"{self.engine.last_error()}")

    async def restart(self, reason: str, generation: int) -> None:
        """Restart the engine unless someone already did since ``generation``."""
        async with self._restart_lock:
            if self.engine.generation != generation:
                return
            log.warning("restarting the query engine (%s)", reason)
            self.engine.restart(reason)
            self.restarts += 1
            try:
                await self.wait_ready()
            except FrontError as error:
                log.error("the query engine did not come back: %s", error.message)

    async def ping(self, seconds: float = 3.0) -> bool:
        """True when the engine answers ``ASK {}`` within ``seconds`` (never restarts it)."""
        if not self.engine.listening():
            return False
        body = urlencode({"query": "ASK {}"}).encode("ascii")
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json"}
        try:
            async with asyncio.timeout(seconds):
                async with self.pool().request("POST", "/query", headers, body) as response:
                    async for _ in response.chunks():
                        pass
                    return response.status == 200
        except (TimeoutError, EngineUnreachable):
            return False

    async def watch(self, every: float = 0.5) -> None:
        """Restart the engine whenever it has died (run as a background task); after
        failed restarts, wait longer each time (up to 30 s)."""
        failures = 0
        while True:
            await asyncio.sleep(min(30.0, every * 2 ** failures))
            if self.engine.ready() and not self.engine.alive():
                log.error("the query engine stopped: %s", self.engine.last_error())
                await self.restart("crash", self.engine.generation)
                failures = 0 if self.engine.listening() else failures + 1

    async def _read(self, method: str, target: str, headers: dict[str, str], body: bytes,
                    count_rows: bool, reuse: bool) -> Answer:
        limit_rows = self.config.max_results
        limit_bytes = self.config.max_response_size
        async with self.pool().request(method, target, headers, body, reuse) as response:
            content_type = response.headers.get("content-type", "")
            media = content_type.split(";", 1)[0].strip().lower()
            header_lines = {"text/tab-separated-values": 1, "application/n-triples": 0}
            counting = count_rows and response.status == 200 and media in header_lines
            newlines, size, chunks = 0, 0, []
            async for chunk in response.chunks():
                size += len(chunk)
                if size > limit_bytes:
                    raise _TooLarge
                if counting:
                    newlines += chunk.count(b"\n")
                    if newlines - header_lines[media] > limit_rows:
                        raise _TooMany
                chunks.append(chunk)
            return Answer(response.status, content_type, b"".join(chunks))

    async def _engine_gone(self, generation: int) -> bool:
        """True when the engine this request used has died or been replaced."""
        for _ in range(30):
            if self.engine.generation != generation or not self.engine.alive():
                return True
            await asyncio.sleep(0.01)
        return False

    async def exchange(self, method: str, path: str, *, idempotent: bool,
                       count_rows: bool = False, seconds: float | None = None,
                       form: list[tuple[str, str]] | None = None,
                       params: list[tuple[str, str]] | None = None,
                       headers: dict[str, str] | None = None, body: bytes = b"") -> Answer:
        """Send one request to the engine and read its whole answer, within the limits.

        ``form`` is sent form-encoded (else ``body``); ``params`` go in the URL;
        ``seconds`` overrides the hard deadline (the Graph Store Protocol moves whole
        graphs). Raises FrontError: 503 when the time limit stopped it, 400 when the answer
        has more than ``max_results`` rows, 502 when the engine failed while answering.
        """
        headers = dict(headers or {})
        if form is not None:
            body = urlencode(form).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        target = path + (f"?{urlencode(params)}" if params else "")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (seconds or self.config.hard_deadline)
        retried = False
        while True:
            await self.wait_ready()
            generation = self.engine.generation
            try:
                async with asyncio.timeout_at(deadline):
                    return await self._read(method, target, headers, body, count_rows,
                                            reuse=idempotent)
            except TimeoutError:
                await self.restart("time limit", generation)
                raise FrontError(503, time_limit_message(self.config, idempotent)) from None
            except _TooMany:
                raise FrontError(400, too_many_message(self.config)) from None
            except _TooLarge:
                raise FrontError(400, f"the answer is larger than "
                                      f"{self.config.max_response_size} bytes, this server's "
                                      "limit; ask for fewer rows (LIMIT)") from None
            except EngineUnreachable as exc:
                if not await self._engine_gone(generation):
                    raise FrontError(502, f"the query engine did not answer: {exc}") from None
                if self.engine.generation == generation:
                    log.error("the query engine stopped while answering: %s",
                              self.engine.last_error())
                    await self.restart("crash", generation)
                    raise FrontError(502, "the query engine stopped unexpectedly while "
                                          "answering (it has been restarted); if this query "
                                          "does it again, simplify it") from None
                if idempotent and not retried and self.engine.reason == "time limit":
                    retried = True
                    continue
                raise FrontError(503, "the query engine was restarted while answering; "
                                      "try again") from None


def time_limit_message(config: ServerConfig, query: bool = True) -> str:
    """The one-line error for work stopped at the time limit (a query, or a write)."""
    if not query:
        return (f"stopped at the time limit of {config.timeout:g} s (kg serve --timeout) "
                "and not applied (the engine applies a write whole or not at all)")
    return (f"stopped at the time limit of {config.timeout:g} s (kg serve --timeout); "
            "narrow the query down (more specific patterns, LIMIT)")


def too_many_message(config: ServerConfig) -> str:
    """The one-line error for an answer over ``max_results``."""
    return (f"the answer has more than {config.max_results} results, this server's limit "
            "(kg serve --max-results); add LIMIT (and OFFSET to page through it)")
