"""Every command on a remote store: `kg build` and `kg claims` against a real Oxigraph server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import ROOT
from .test_serve_support import free_port

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real `oxigraph serve` on 127.0.0.1 with the union default graph, stopped after."""
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/query", params={"query": "ASK {}"}).is_success:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("oxigraph serve did not start")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _kg(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300, check=False)


def test_build_and_claims_on_oxigraph_server_equal_the_embedded_store(
    oxigraph_server: str, built: dict[str, Path], tmp_path: Path
) -> None:
    env = {**os.environ, "KG_STORE": f"{oxigraph_server}/query",
           "KG_UPDATE_URL": f"{oxigraph_server}/update", "KG_GSP_URL": f"{oxigraph_server}/store"}
    result = _kg("build", "--exports", str(tmp_path / "exports"), env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    remote = _kg("claims", "--format", "json", env=env, cwd=tmp_path)
    assert remote.returncode == 0, remote.stderr
    local = _kg("--store", str(built["store"]), "claims", "--format", "json",
                env=dict(os.environ), cwd=tmp_path)
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    for name in ("graph.nq", "graph.ttl", "graph.jsonld"):
        assert (tmp_path / "exports" / name).read_bytes() == \
            (built["exports"] / name).read_bytes(), name
    validate = _kg("validate", env=env, cwd=tmp_path)
    assert validate.returncode == 0 and validate.stdout.startswith("conforms")


def test_unreachable_remote_store_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "KG_STORE": f"http://127.0.0.1:{free_port()}/query"}
    result = _kg("claims", env=env, cwd=tmp_path)
    assert result.returncode == 3
    assert "cannot reach the store" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
