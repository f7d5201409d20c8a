"""kill -9 keeps what was committed, whole (issue 13; bench/crash_safety.py measures it at
random moments, docs/CRASH.md has the counts).

These two tests kill at moments they can name without waiting a fixed time: the server right
after it answered an update 204, and ``kg ingest`` as soon as it has started writing to the
store (polling ``/proc/PID/io``).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.annotation import load_annotation
from kg.errors import StoreError
from kg.store import EmbeddedStore
from kg.vocab import graph_iri
from tests.test_serve_support import FIXTURES, ROOT, TOKEN, process_running, start_server

CORPUS = ROOT / "tests" / "corpus" / "sources" / "annotations"


def _open_when_free(path: Path, seconds: float = 20.0) -> EmbeddedStore:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return EmbeddedStore(path)
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _validates(store: Path) -> bool:
    run = subprocess.run([sys.executable, "-m", "kg", "--store", str(store), "validate"],
                         capture_output=True, text=True, cwd=ROOT)
    return run.returncode == 0


def test_an_update_answered_204_survives_kill_9_of_the_server(tmp_path: Path) -> None:
    served = start_server(tmp_path / "store", token=TOKEN)
    engine = served.engine_pid()
    body = " ".join(f"<urn:crash:s{i}> <urn:crash:p> {i} ." for i in range(300))
    answer = httpx.post(served.url + "/sparql",
                        content=f"INSERT DATA {{ GRAPH <urn:crash:g> {{ {body} }} }}",
                        headers={"Content-Type": "application/sparql-update", **served.auth()})
    assert answer.status_code == 204
    served.process.send_signal(signal.SIGKILL)
    served.process.wait()
    deadline = time.monotonic() + 20
    while process_running(engine) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not process_running(engine), "the engine outlived kg serve"
    with _open_when_free(served.store) as store:
        rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:crash:g> { ?s ?p ?o } }")
    assert rows[0]["n"]["value"] == "300"
    assert _validates(served.store)


def _written_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
    except OSError:
        return -1
    return 0


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/PID/io")
def test_kill_9_of_ingest_leaves_the_batch_all_in_or_all_out(tmp_path: Path) -> None:
    files = sorted(CORPUS.glob("*.yaml"))
    assert len(files) >= 3
    batch = {graph_iri(load_annotation(f).article.id) for f in files}
    store = tmp_path / "store"
    seed = subprocess.run([sys.executable, "-m", "kg", "--store", str(store), "ingest",
                           str(FIXTURES / "mini.yaml")], capture_output=True, text=True,
                          cwd=ROOT)
    assert seed.returncode == 0, seed.stderr
    process = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), "ingest",
                                *map(str, files)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 60
    while _written_bytes(process.pid) <= 0 and process.poll() is None:
        assert time.monotonic() < deadline, "kg ingest never wrote"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    with _open_when_free(store) as opened:
        graphs = {row["g"]["value"] for row in opened.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graph_iri("mini-exemple") in graphs, "the article committed before the kill is gone"
    assert batch <= graphs or not batch & graphs, sorted(batch & graphs)
    assert _validates(store)
