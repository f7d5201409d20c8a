"""Run ``kg serve``: start the engine on the store, serve the app, stop the engine on exit.

The engine is started before the web server, in the main thread, so a store that cannot be
opened (another kg process holds it) fails at once with one clear line. Usage::

    from kg.server.config import ServerConfig
    from kg.server.run import serve
    serve(ServerConfig(store=".kg-store", port=8000))   # blocks until Ctrl-C / SIGTERM
"""

from __future__ import annotations

import atexit
import copy
import logging
import logging.config
import socket

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from kg.errors import UsageError
from kg.server.app import create_app
from kg.server.config import ServerConfig
from kg.server.engine import Engine

log = logging.getLogger("kg.server")


def logging_config(level: str = "INFO") -> dict:
    """Uvicorn's logging setup plus kg's loggers (access log and engine) on stderr."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["kg"] = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    config["handlers"]["kg"] = {"class": "logging.StreamHandler", "formatter": "kg",
                                "stream": "ext://sys.stderr"}
    config["loggers"]["kg"] = {"handlers": ["kg"], "level": level, "propagate": False}
    return config


def check_port(host: str, port: int) -> None:
    """Raise UsageError when ``host:port`` cannot be listened on (in use, bad address)."""
    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(config: ServerConfig, log_level: str = "INFO") -> None:
    """Serve until interrupted. Raises StoreError (engine) or UsageError (settings)."""
    config.check()
    check_port(config.host, config.port)
    logging.config.dictConfig(logging_config(log_level))
    engine = Engine(config.store, config.engine_timeout, binary=config.oxigraph)
    engine.start()
    atexit.register(engine.stop)
    try:
        app = create_app(config, engine)
        server = uvicorn.Server(uvicorn.Config(
            app, host=config.host, port=config.port, log_config=logging_config(log_level),
            access_log=False, server_header=False, proxy_headers=False,
            timeout_graceful_shutdown=5, timeout_keep_alive=5, lifespan="on",
        ))
        log.info("kg serve on http://%s:%d/ (query page /query, SPARQL endpoint /sparql); "
                 "store %s held by the engine (oxigraph pid %s): kg commands cannot open it "
                 "until this server stops; writes %s; limits: %gs, %d results, %d bytes",
                 config.host, config.port, config.store, engine.pid,
                 "enabled (token)" if config.writable else "disabled (no token)",
                 config.timeout, config.max_results, config.max_request_size)
        server.run()
    finally:
        engine.stop()
