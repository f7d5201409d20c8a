"""The query engine: an ``oxigraph serve`` child process that owns the store.

Oxigraph's RocksDB store admits one process, so while kg serve runs the engine holds the
store and the kg command line cannot open it. The engine listens on 127.0.0.1 on a free
port; only kg's front talks to it, and it cannot connect anywhere itself (a seccomp
filter, ``kg.server.sandbox``: a SERVICE or LOAD that reached it would fail). It is
started with ``--union-default-graph`` (queries see every graph, as ``kg query`` does) and
``--timeout-s``. It dies with its parent (Linux ``PR_SET_PDEATHSIG``), is stopped on
shutdown, and can be restarted in about 50 ms, which is how kg stops work the engine does
not stop itself. Usage::

    from kg.server.engine import Engine
    engine = Engine(".kg-store", timeout_s=5)
    engine.start()            # blocks until it answers, raises StoreError if it cannot
    print(engine.url)         # http://127.0.0.1:PORT
    engine.stop()
"""

from __future__ import annotations

import collections
import ctypes
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from kg.errors import StoreError
from kg.server.sandbox import SandboxUnavailable, no_egress

log = logging.getLogger("kg.server.engine")

_READY = "Listening for requests at"
#: Engine messages that only say a client (kg) went away or a query hit its time limit.
_ROUTINE = ("has been cancelled", "Broken pipe", "Connection reset")
_PR_SET_PDEATHSIG = 1


def find_oxigraph(explicit: str | None = None) -> str:
    """The ``oxigraph`` binary: ``explicit``, ``KG_OXIGRAPH``, next to Python, or on PATH."""
    candidates = [explicit, os.environ.get("KG_OXIGRAPH"),
                  str(Path(sys.executable).parent / "oxigraph"), shutil.which("oxigraph")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise StoreError("cannot find the 'oxigraph' server program; install kg's dependencies "
                     "(pip install oxigraph) or set KG_OXIGRAPH to its path")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:
        return
    if os.getppid() == 1:
        os._exit(1)


class Engine:
    """One ``oxigraph serve`` child process at a time, restartable."""

    def __init__(self, store: str | Path, timeout_s: int, binary: str | None = None,
                 host: str = "127.0.0.1") -> None:
        self.store = str(store)
        self.timeout_s = timeout_s
        self.binary = binary
        self.host = host
        self.port = 0
        #: Incremented at every (re)start: a request knows whether the engine it used is gone.
        self.generation = 0
        #: Why the current engine was started: "start", "time limit" or "crash".
        self.reason = "start"
        self._process: subprocess.Popen[bytes] | None = None
        self._ready = threading.Event()  # set when it listens, or when it has exited
        self._listening = threading.Event()
        self._stderr: collections.deque[str] = collections.deque(maxlen=20)
        #: How the engine is kept from connecting out (set at launch; see kg.server.sandbox).
        self.sandbox = "none"

    @property
    def url(self) -> str:
        """Base URL of the running engine (its SPARQL endpoints are /query, /update, /store)."""
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """Process id of the running engine, if any."""
        return self._process.pid if self._process else None

    def alive(self) -> bool:
        """True while the child process runs."""
        return self._process is not None and self._process.poll() is None

    def _preexec(self) -> Callable[[], None] | None:
        """What the child runs before exec: die with kg, then enter the no-egress sandbox."""
        try:
            sandbox = no_egress()
        except SandboxUnavailable as exc:
            raise StoreError(f"cannot start the query engine: {exc}") from None
        self.sandbox = "seccomp: no outbound connections" if sandbox else "none"
        if not sys.platform.startswith("linux"):
            return sandbox

        def prepare() -> None:  # pragma: no cover - runs in the child before exec
            _die_with_parent()
            if sandbox is not None:
                sandbox()

        return prepare

    def launch(self) -> None:
        """Start a new child process (without waiting for it to answer)."""
        binary = find_oxigraph(self.binary)
        Path(self.store).mkdir(parents=True, exist_ok=True)
        self.port = free_port(self.host)
        self._ready = threading.Event()
        self._listening = threading.Event()
        self._stderr.clear()
        command = [binary, "serve", "--location", self.store, "--bind",
                   f"{self.host}:{self.port}", "--union-default-graph",
                   "--timeout-s", str(self.timeout_s)]
        env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
        preexec = self._preexec()
        self._process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, env=env, preexec_fn=preexec,
        )
        self.generation += 1
        threading.Thread(target=self._read_stderr,
                         args=(self._process, self._ready, self._listening),
                         name="oxigraph-stderr", daemon=True).start()

    def _read_stderr(self, process: subprocess.Popen[bytes], ready: threading.Event,
                     listening: threading.Event) -> None:
        stream = process.stderr
        assert stream is not None
        with stream:
            for raw in stream:
                line = raw.decode("utf-8", "replace").rstrip()
                if not line or line.startswith(" "):
                    continue
                if line.startswith(_READY):
                    listening.set()
                    ready.set()
                    continue
                self._stderr.append(line)
                # Before it listens, an error is reported by wait_ready() as a StoreError.
                quiet = not ready.is_set() or any(word in line for word in _ROUTINE)
                log.log(logging.DEBUG if quiet else logging.WARNING, "engine: %s", line)
        ready.set()

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Block until the engine listens; raise StoreError with its message if it exits."""
        if not self._ready.wait(timeout):
            self.kill()
            raise StoreError(f"the query engine did not start within {timeout:.0f} s")
        if not self.listening():
            if self._process is not None:
                try:
                    self._process.wait(5)
                except subprocess.TimeoutExpired:
                    self.kill()
            raise StoreError(f"cannot open the store at {self.store}: {self.last_error()}")

    def ready(self) -> bool:
        """True once the engine listens or has given up (then ``listening()`` is False)."""
        return self._ready.is_set()

    def listening(self) -> bool:
        """True while the engine runs and has said it listens."""
        return self._listening.is_set() and self.alive()

    def last_error(self) -> str:
        """The engine's last message on stderr, rephrased when it is a known one."""
        lines = [line for line in self._stderr if not line.startswith("Stack backtrace")]
        message = lines[-1] if lines else "the query engine exited"
        if "lock" in message.lower():
            return "it is in use by another process (a kg command or another kg serve)"
        return message.removeprefix("Error: ")

    def start(self, attempts: int = 3) -> None:
        """Launch and wait until the engine answers; a port taken meanwhile is retried."""
        for attempt in range(attempts):
            self.launch()
            try:
                self.wait_ready()
                return
            except StoreError as exc:
                if "address" not in str(exc).lower() or attempt == attempts - 1:
                    raise

    def kill(self) -> None:
        """Stop the engine at once (SIGKILL): what kg does to work that ran past its limit."""
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def stop(self, grace: float = 5.0) -> None:
        """Stop the engine: SIGTERM, then SIGKILL after ``grace`` seconds."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._process = None

    def restart(self, reason: str) -> None:
        """Kill the running engine and launch a new one (the caller waits for ``ready()``)."""
        self.kill()
        self.stop(grace=0)
        self.reason = reason
        self.launch()

