"""Helpers shared by the ``kg serve`` tests (this module holds no tests).

``start_server`` runs the real command line, ``python -m kg --store S serve --port P``, on a
free port of 127.0.0.1 and waits for ``/health``; ``stop_server`` stops it and checks that its
engine (the ``oxigraph serve`` child) is gone too.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOKEN = "test-token-0123456789"
_STARTED: list[subprocess.Popen[bytes]] = []


@atexit.register
def _stop_leftovers() -> None:
    """Whatever a failing test left running is stopped when pytest exits."""
    for process in _STARTED:
        if process.poll() is None:
            process.kill()
            process.wait()


def free_port() -> int:
    """A TCP port of 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a (closed) store folder."""
    shutil.copytree(source, target)
    return target


def process_running(pid: int | None) -> bool:
    """True when ``pid`` is a live process (a zombie counts as gone)."""
    if pid is None:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@dataclass
class Served:
    """A running ``kg serve``."""

    url: str
    store: Path
    process: subprocess.Popen[bytes]
    log: Path
    token: str | None

    def health(self) -> dict:
        """The JSON of /health."""
        return httpx.get(self.url + "/health", timeout=10).json()

    def engine_pid(self) -> int:
        """The pid of the engine child process."""
        return int(self.health()["engine"]["pid"])

    def auth(self) -> dict[str, str]:
        """The Authorization header carrying the token."""
        return {"Authorization": f"Bearer {self.token}"}

    def log_text(self) -> str:
        """What the server has logged so far."""
        return self.log.read_text(errors="replace")


def start_server(store: Path, *args: str, token: str | None = None,
                 timeout: float | None = None, wait: float = 30.0) -> Served:
    """Start ``kg serve`` on ``store`` with extra CLI ``args``; wait until /health is 200."""
    port = free_port()
    command = [sys.executable, "-m", "kg", "--store", str(store), "serve", "--port", str(port)]
    if token:
        command += ["--token", token]
    if timeout is not None:
        command += ["--timeout", str(timeout)]
    command += list(args)
    log = store.parent / f"serve-{store.name}-{port}.log"
    env = {k: v for k, v in os.environ.items() if k not in ("KG_TOKEN", "KG_STORE")}
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                   env=env)
    _STARTED.append(process)
    served = Served(f"http://127.0.0.1:{port}", store, process, log, token)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kg serve exited ({process.returncode}):\n{served.log_text()}")
        try:
            if httpx.get(served.url + "/health", timeout=2).status_code == 200:
                return served
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    stop_server(served)
    raise AssertionError(f"kg serve did not answer within {wait} s:\n{served.log_text()}")


def stop_server(served: Served, sig: int = signal.SIGTERM) -> None:
    """Stop the server with ``sig`` and check its engine process does not outlive it."""
    try:
        engine = served.engine_pid() if served.process.poll() is None else None
    except (httpx.HTTPError, KeyError, ValueError):
        engine = None
    if served.process.poll() is None:
        served.process.send_signal(sig)
        try:
            served.process.wait(15)
        except subprocess.TimeoutExpired:
            served.process.kill()
            served.process.wait()
    deadline = time.monotonic() + 5
    while process_running(engine) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_running(engine), f"engine {engine} outlived kg serve"


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    """Run the real ``kg`` command line on ``store`` (checked)."""
    result = subprocess.run([sys.executable, "-m", "kg", "--store", str(store), *args],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, f"kg {' '.join(args)}: {result.stderr}"
    return result


def kg_bytes(*args: str, store: Path) -> bytes:
    """Run the real ``kg`` command line on ``store`` (checked); its stdout as bytes."""
    result = subprocess.run([sys.executable, "-m", "kg", "--store", str(store), *args],
                            capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, f"kg {' '.join(args)}: {result.stderr!r}"
    return result.stdout


def sparql(served: Served, query: str, accept: str = "application/sparql-results+json",
           **kwargs: object) -> httpx.Response:
    """POST a query (form-encoded) to the server's /sparql."""
    return httpx.post(served.url + "/sparql", data={"query": query},
                      headers={"Accept": accept}, timeout=30, **kwargs)  # type: ignore[arg-type]


def count_triples(served: Served) -> int:
    """How many triples the union of all graphs holds."""
    response = sparql(served, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


_PROBE_HOST = "127.0.0.2"


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections: list[tuple[str, int]] = []
        self._probes: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            (self._probes if address[0] == _PROBE_HOST else self.connections).append(address)
            conn.close()

    def settle(self, seconds: float = 10.0) -> list[tuple[str, int]]:
        """Every connection made so far, once counted: connects once itself, from
        127.0.0.2 so it is told apart, and waits (polling) until that probe is accepted;
        connections are accepted in order, so any made before it has been recorded."""
        with socket.socket() as probe:
            probe.bind((_PROBE_HOST, 0))
            probe.settimeout(seconds)
            probe.connect(("127.0.0.1", self.port))
            mine = probe.getsockname()
            deadline = time.monotonic() + seconds
            while mine not in self._probes:
                if time.monotonic() > deadline:
                    raise TimeoutError("the listener did not accept its own probe")
                time.sleep(0.002)
        return list(self.connections)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()
