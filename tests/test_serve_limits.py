"""Limits that hold: time, results, request size, no orphan process (no outbound connection:
tests/test_serve_egress.py).

The server here runs with ``--timeout 1``, ``--max-results 500`` and ``--max-request-size
100000`` on the seed store (2 600 triples, so a three-way cross product is 17.6 billion rows).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.test_serve_support import (
    TOKEN,
    Served,
    copy_store,
    free_port,
    process_running,
    sparql,
    start_server,
    stop_server,
)

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
SIMPLE = "SELECT ?name WHERE { <https://kg.example.org/id/entity/roy-chua> " \
         "<http://schema.org/name> ?name }"


@pytest.fixture(scope="module")
def served(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = copy_store(built["store"], tmp_path_factory.mktemp("limits") / "store")
    server = start_server(store, "--max-results", "500", "--max-request-size", "100000",
                          token=TOKEN, timeout=1)
    try:
        yield server
    finally:
        stop_server(server)


def test_a_slow_query_is_stopped_while_a_simple_one_answers_at_once(served: Served) -> None:
    with ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        slow = pool.submit(sparql, served, CROSS_PRODUCT)
        time.sleep(0.2)
        quick_start = time.monotonic()
        quick = sparql(served, SIMPLE)
        quick_seconds = time.monotonic() - quick_start
        slow_response = slow.result()
        slow_seconds = time.monotonic() - started
    assert quick.status_code == 200
    assert quick.json()["results"]["bindings"][0]["name"]["value"] == "Roy Chua"
    assert quick_seconds < 1.0
    assert slow_response.status_code == 503
    assert "time limit of 1 s" in slow_response.text
    assert slow_seconds < 3.0


def test_work_the_engine_does_not_stop_itself_is_stopped_by_a_restart(served: Served) -> None:
    restarts = served.health()["engine"]["restarts"]
    old_engine = served.engine_pid()
    started = time.monotonic()
    response = sparql(served, SORTED_CROSS_PRODUCT)
    assert response.status_code == 503, response.text
    assert "time limit" in response.text
    assert time.monotonic() - started < 4.0
    assert served.health()["engine"]["restarts"] == restarts + 1
    assert not process_running(old_engine)
    assert sparql(served, SIMPLE).status_code == 200


def test_a_pause_longer_than_the_engine_timeout_does_not_break_the_next_query(
        served: Served) -> None:
    assert sparql(served, SIMPLE).status_code == 200
    time.sleep(1.5)  # the engine drops kept connections idle past its --timeout-s
    response = sparql(served, SIMPLE)
    assert response.status_code == 200, response.text


def test_queries_caught_in_a_restart_are_sent_again(built: dict[str, Path],
                                                     tmp_path: Path) -> None:
    """A query running when the engine is restarted for another's overrun still answers."""
    store = copy_store(built["store"], tmp_path / "store")
    server = start_server(store, timeout=3)  # the front's own deadline: 4 s
    victim = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(?b != ?e) }"  # ~1 s
    try:
        with ThreadPoolExecutor(2) as pool:
            started = time.monotonic()
            slow = pool.submit(sparql, server, SORTED_CROSS_PRODUCT)
            time.sleep(3.4)
            victim_start = time.monotonic() - started
            caught = sparql(server, victim)
            victim_end = time.monotonic() - started
            slow_response = slow.result()
            restart_at = time.monotonic() - started
        assert slow_response.status_code == 503
        assert victim_start < 4.0 < victim_end, (victim_start, victim_end, restart_at)
        assert caught.status_code == 200, caught.text
        assert int(caught.json()["results"]["bindings"][0]["n"]["value"]) > 1_000_000
        assert server.health()["engine"]["restarts"] == 1
    finally:
        stop_server(server)


def test_clients_are_served_in_parallel(served: Served) -> None:
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: sparql(served, SIMPLE), range(32)))
    assert all(r.status_code == 200 for r in responses)


def test_max_results(served: Served) -> None:
    too_many = sparql(served, "SELECT * WHERE { ?s ?p ?o }")
    assert too_many.status_code == 400
    assert "more than 500 results" in too_many.text
    assert sparql(served, "SELECT * WHERE { ?s ?p ?o } LIMIT 500").status_code == 200
    graph = sparql(served, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
    assert graph.status_code == 400
    assert "more than 500 results" in graph.text


def test_request_size(served: Served) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * 100_000
    response = sparql(served, big)
    assert response.status_code == 413
    assert "larger than 100000 bytes" in response.text
    update = httpx.post(served.url + "/sparql", content=big.encode(), headers={
        "Content-Type": "application/sparql-update", **served.auth()})
    assert update.status_code == 413
    assert sparql(served, big[:90_000]).status_code == 200


def test_a_crashed_engine_is_restarted(served: Served) -> None:
    old = served.engine_pid()
    os.kill(old, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        health = httpx.get(served.url + "/health", timeout=5)
        if health.status_code == 200 and health.json()["engine"]["pid"] != old:
            break
        time.sleep(0.1)
    assert served.engine_pid() != old
    assert sparql(served, SIMPLE).status_code == 200


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_no_engine_outlives_kg_serve(built: dict[str, Path], tmp_path: Path, sig: int) -> None:
    store = copy_store(built["store"], tmp_path / "store")
    server = start_server(store)
    try:
        engine = server.engine_pid()
        assert process_running(engine)
    finally:
        stop_server(server, sig)  # asserts the engine is gone
    assert not process_running(engine)


def test_the_store_is_held_while_serving_and_free_after(built: dict[str, Path],
                                                        tmp_path: Path) -> None:
    store = copy_store(built["store"], tmp_path / "store")
    server = start_server(store)
    command = [sys.executable, "-m", "kg", "--store", str(store), "claims"]
    try:
        held = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert held.returncode == 3
        assert "in use" in held.stderr
        second = subprocess.run([*command[:-1], "serve", "--port", str(free_port())],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 3
        assert "in use by another process" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
    finally:
        stop_server(server)
    assert subprocess.run(command, capture_output=True, timeout=60).returncode == 0
