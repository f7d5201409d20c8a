"""Settings of ``kg serve``: where it listens, the store, the write token and the limits.

Usage::

    from kg.server.config import ServerConfig
    config = ServerConfig(store=".kg-store", port=8000, token="s3cret", timeout=5)
    config.check()   # raises UsageError with a one-line message for a bad value
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.errors import UsageError
from kg.vocab import DATA_BASE

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Seconds a query or update may run before it is stopped.
DEFAULT_TIMEOUT = 5.0
#: Rows (SELECT) or triples (CONSTRUCT, DESCRIBE) one answer may hold.
DEFAULT_MAX_RESULTS = 10_000
#: Bytes of one request body or URL query string.
DEFAULT_MAX_REQUEST_SIZE = 4 * 1024 * 1024
#: Bytes of one answer read from the engine (a second guard beside ``max_results``).
DEFAULT_MAX_RESPONSE_SIZE = 256 * 1024 * 1024
#: Paths the server answers itself; the base IRI's path must not shadow them.
RESERVED_PATHS = ("/sparql", "/store", "/query", "/health", "/static")


@dataclass(frozen=True)
class ServerConfig:
    """Everything ``kg serve`` needs to start; ``check()`` validates it."""

    store: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    max_request_size: int = DEFAULT_MAX_REQUEST_SIZE
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    base_iri: str = DATA_BASE
    oxigraph: str | None = None

    @property
    def writable(self) -> bool:
        """True when SPARQL Update and the Graph Store Protocol are enabled (a token is set)."""
        return bool(self.token)

    @property
    def engine_timeout(self) -> int:
        """Whole seconds for ``oxigraph serve --timeout-s`` (it takes no fractions)."""
        return max(1, math.ceil(self.timeout))

    @property
    def hard_deadline(self) -> float:
        """Seconds after which kg stops a request the engine has not stopped itself."""
        return self.engine_timeout + 1.0

    @property
    def base_path(self) -> str:
        """The path that serves the base IRI: ``https://kg.example.org/id/`` → ``/id/``."""
        return urlsplit(self.base_iri).path

    def check(self) -> ServerConfig:
        """Raise UsageError naming the bad option, else return self."""
        if not 0 <= self.port <= 65535:
            raise UsageError(f"--port {self.port}: expected 0 to 65535")
        if not 0 < self.timeout <= 3600:
            raise UsageError(f"--timeout {self.timeout}: expected seconds between 0 and 3600")
        if self.max_results < 1:
            raise UsageError(f"--max-results {self.max_results}: expected at least 1")
        if self.max_request_size < 1024:
            raise UsageError(f"--max-request-size {self.max_request_size}: expected at least "
                             "1024 bytes")
        if self.token is not None and len(self.token) < 8:
            raise UsageError("--token: use at least 8 characters")
        parts = urlsplit(self.base_iri)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query \
                or parts.fragment or not self.base_iri.endswith("/"):
            raise UsageError(f"--base-iri {self.base_iri}: expected an http(s) IRI ending "
                             "with '/', like https://kg.example.org/id/")
        path = parts.path
        if path == "/" or any(path.rstrip("/") == p or path.startswith(p + "/")
                              for p in RESERVED_PATHS):
            raise UsageError(f"--base-iri {self.base_iri}: its path {path} would hide the "
                             f"server's own pages ({', '.join(RESERVED_PATHS)}); use a path "
                             "like /id/")
        return self
