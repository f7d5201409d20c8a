"""``kg serve``: the graph over HTTP for people and tools.

The SPARQL 1.1 Protocol at ``/sparql``, the Graph Store Protocol at ``/store`` (with a
token), a query page at ``/query``, a page for every claim, person, organisation and article
under the base IRI's path, and ``/health``. Oxigraph's own server is the engine, started as
a child process that owns the store; kg's Starlette app in front checks, limits and answers.
Usage::

    from kg.server import ServerConfig, serve
    serve(ServerConfig(store=".kg-store", port=8000))
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServerConfig", "serve"]


def __getattr__(name: str) -> Any:
    """Load the server's parts only when they are used (the CLI stays fast)."""
    if name == "ServerConfig":
        from kg.server.config import ServerConfig

        return ServerConfig
    if name == "serve":
        from kg.server.run import serve

        return serve
    raise AttributeError(name)
