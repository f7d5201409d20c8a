"""Real SPARQL servers for the remote-store tests (this module holds no tests).

``start_oxigraph`` runs ``oxigraph serve --union-default-graph``; ``start_virtuoso`` runs
Virtuoso Open-Source from a copy of Debian's ``virtuoso.ini`` whose database lives in a
temporary folder and whose two ports are free ones. Each returns a ``Server`` with the
endpoints and the environment that points kg at it; ``skip_without`` skips a module with
a clear reason when the binary is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from .test_serve_support import _STARTED, free_port

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@dataclass
class Server:
    """A running SPARQL server and how kg reaches it."""

    name: str
    query: str
    update: str
    gsp: str
    process: subprocess.Popen[bytes]
    auth: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        """os.environ plus the KG_* variables that point kg at this server."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        return {**base, "KG_STORE": self.query, "KG_UPDATE_URL": self.update,
                "KG_GSP_URL": self.gsp, **self.auth}

    def open(self):  # noqa: ANN201 - a RemoteStore
        """A RemoteStore on this server, authenticated like kg would be."""
        from kg.store import open_store

        saved = dict(os.environ)
        os.environ.update(self.env())
        try:
            return open_store(self.query)
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def clear(self) -> None:
        """Drop every kg graph (the server's own graphs stay)."""
        with self.open() as store:
            graphs = store.named_graphs()
            for start in range(0, len(graphs), 200):
                store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>"
                                         for g in graphs[start:start + 200]))


def skip_without(binary: str, what: str) -> None:
    """Skip the calling module when ``binary`` is missing."""
    if not (Path(binary).exists() or shutil.which(binary)):
        pytest.skip(f"{what} is not installed ({binary} not found)", allow_module_level=True)


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float, log: Path | None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text(errors="replace") if log else ""
            raise AssertionError(f"server exited ({process.returncode}): {text[-2000:]}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).is_success:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def start_oxigraph(folder: Path) -> Iterator[Server]:
    """``oxigraph serve`` on a free port: /query, /update, /store, union default graph."""
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _STARTED.append(process)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/query", process, 30, None)
        yield Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", process)
    finally:
        _stop(process)


def virtuoso_ini(folder: Path, sql_port: int, http_port: int, allowed: tuple[Path, ...] = ()
                 ) -> Path:
    """A copy of Debian's virtuoso.ini with its database in ``folder`` and the given ports.

    Results are not cut at 10 000 rows (``ResultSetMaxRows``), though kg pages anyway.
    """
    text = VIRTUOSO_INI.read_text()
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*1111\b", f"ServerPort = {sql_port}", text)
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*8890\b", f"ServerPort = {http_port}", text)
    text = re.sub(r"(?m)^DirsAllowed\s*=.*$",
                  f"DirsAllowed = ., {', '.join(str(p) for p in (folder, *allowed))}, "
                  "/usr/share/virtuoso-opensource-7/vad", text)
    ini = folder / "virtuoso.ini"
    ini.write_text(text)
    return ini


@contextmanager
def start_virtuoso(folder: Path, allowed: tuple[Path, ...] = ()) -> Iterator[Server]:
    """Virtuoso Open-Source on free ports; writes by digest auth as dba (the default user).
    ``allowed`` folders are readable by its bulk loader."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    ini = virtuoso_ini(folder, free_port(), http_port, allowed)
    log = folder / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)],
                                   stdout=out, stderr=subprocess.STDOUT, cwd=folder)
    _STARTED.append(process)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait(f"{base}/sparql", process, 90, log)
        yield Server("virtuoso", f"{base}/sparql", f"{base}/sparql-auth",
                     f"{base}/sparql-graph-crud-auth", process,
                     {"KG_USER": "dba", "KG_PASSWORD": "dba", "KG_AUTH": "digest"})
    finally:
        _stop(process)
