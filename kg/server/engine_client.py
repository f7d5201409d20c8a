"""A small HTTP/1.1 client for the one peer kg's front talks to: the local engine.

httpx spends about 0.6 ms of CPU per request, more than the engine needs to answer most
queries; this client reads and writes plain asyncio streams (about 0.02 ms), keeps idle
connections for reuse, and closes a connection whenever an answer is not read to its end
(a limit or a deadline cut it short), which is how the engine learns to stop. It speaks
only what Oxigraph's server answers: Content-Length, chunked, or no body. Usage::

    pool = EnginePool("127.0.0.1", 7878, idle_seconds=2.5)
    async with pool.request("POST", "/query", {"Accept": "text/tab-separated-values"},
                            body) as response:
        async for chunk in response.chunks():
            ...
    await pool.close()
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

_MAX_IDLE = 64
_CHUNK = 65536


class EngineUnreachable(ConnectionError):
    """The engine could not be reached, or closed the connection mid-answer."""


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    used: float = field(default_factory=time.monotonic)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()


@dataclass
class EngineResponse:
    """Status, headers (lower-case names) and a body read chunk by chunk."""

    status: int
    headers: dict[str, str]
    _connection: _Connection
    _method: str
    done: bool = False

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body, as it arrives."""
        reader = self._connection.reader
        if self._method == "HEAD" or self.status in (204, 304) or 100 <= self.status < 200:
            self.done = True
            return
        try:
            if "chunked" in self.headers.get("transfer-encoding", "").lower():
                while True:
                    size = int((await reader.readuntil(b"\r\n"))[:-2].split(b";")[0], 16)
                    if size == 0:
                        while (await reader.readuntil(b"\r\n")) != b"\r\n":
                            pass
                        break
                    while size > 0:
                        data = await reader.read(min(size, _CHUNK))
                        if not data:
                            raise EngineUnreachable("the engine closed the connection")
                        size -= len(data)
                        yield data
                    await reader.readexactly(2)
            elif "content-length" in self.headers:
                left = int(self.headers["content-length"])
                while left > 0:
                    data = await reader.read(min(left, _CHUNK))
                    if not data:
                        raise EngineUnreachable("the engine closed the connection")
                    left -= len(data)
                    yield data
            else:
                while data := await reader.read(_CHUNK):
                    yield data
                self.headers["connection"] = "close"
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                OSError) as exc:
            raise EngineUnreachable(f"the engine's answer was cut: {exc}") from None
        self.done = True


class EnginePool:
    """Keep-alive connections to one engine address.

    Oxigraph's server applies its ``--timeout-s`` to reading the next request on a kept
    connection: past it, it writes an unasked-for 500 ("Resource temporarily unavailable")
    and closes. So a connection is reused only within ``idle_seconds`` (keep it well under
    the engine's timeout) and only if nothing arrived on it meanwhile.
    """

    def __init__(self, host: str, port: int, idle_seconds: float = 0.5) -> None:
        self.host = host
        self.port = port
        self.idle_seconds = idle_seconds
        self._idle: list[_Connection] = []
        self._closed = False

    async def _connect(self) -> _Connection:
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port,
                                                           limit=_CHUNK * 4)
        except OSError as exc:
            raise EngineUnreachable(f"cannot connect to the engine: {exc}") from None
        return _Connection(reader, writer)

    def _take(self) -> _Connection | None:
        now = time.monotonic()
        while self._idle:
            connection = self._idle.pop()
            # Anything buffered before we asked is the engine giving up on the connection.
            quiet = not connection.reader.at_eof() and not getattr(connection.reader,
                                                                   "_buffer", b"")
            if now - connection.used < self.idle_seconds and quiet:
                return connection
            connection.close()
        return None

    def _give_back(self, connection: _Connection) -> None:
        if self._closed or len(self._idle) >= _MAX_IDLE:
            connection.close()
            return
        connection.used = time.monotonic()
        self._idle.append(connection)

    async def _send(self, connection: _Connection, method: str, target: str,
                    headers: dict[str, str], body: bytes) -> EngineResponse:
        lines = [f"{method} {target} HTTP/1.1"]
        names = {name.lower() for name in headers}
        if "host" not in names:
            lines.append(f"Host: {self.host}:{self.port}")
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines.append(f"Content-Length: {len(body)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        connection.writer.write(head + body)
        await connection.writer.drain()
        status_line = await connection.reader.readuntil(b"\r\n")
        parts = status_line.decode("latin-1").split(" ", 2)
        status = int(parts[1])
        response_headers: dict[str, str] = {}
        while (line := await connection.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            response_headers[name.strip().lower()] = value.strip()
        return EngineResponse(status, response_headers, connection, method)

    @contextlib.asynccontextmanager
    async def request(self, method: str, target: str, headers: dict[str, str],
                      body: bytes = b"", reuse: bool = True) -> AsyncIterator[EngineResponse]:
        """Send one request; the response's connection is reused only if read to its end.

        ``reuse=False`` opens a fresh connection (for writes: a stale pooled connection
        could fail after the engine has read the request, and a write is never retried).
        """
        connection = self._take() if reuse else None
        fresh = connection is None
        if connection is None:
            connection = await self._connect()
        try:
            try:
                response = await self._send(connection, method, target, headers, body)
            except (asyncio.IncompleteReadError, ConnectionError, OSError):
                connection.close()
                if fresh:
                    raise
                # A kept-alive connection the engine had closed: once more on a new one.
                connection = await self._connect()
                response = await self._send(connection, method, target, headers, body)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                IndexError, OSError) as exc:
            connection.close()
            raise EngineUnreachable(f"the engine did not answer: {exc}") from None
        except BaseException:  # cancelled (a deadline): the half-done exchange is dropped
            connection.close()
            raise
        try:
            yield response
        except BaseException:
            connection.close()
            raise
        if response.done and response.headers.get("connection", "").lower() != "close":
            self._give_back(connection)
        else:
            connection.close()

    async def close(self) -> None:
        """Close every idle connection."""
        self._closed = True
        for connection in self._idle:
            connection.close()
        self._idle.clear()
