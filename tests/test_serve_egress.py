"""No outbound connection from kg serve, by two walls: the parsed request, and an engine
that cannot connect (issue 13).

Every check aims at a TCP listener on 127.0.0.1 and settles it after the request (the
listener accepts a probe of its own: connections are accepted in order, so nothing made
before the probe can still be on its way). The control shows that a bare ``oxigraph serve``
does connect, so a count of zero means something.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.server.engine import Engine, find_oxigraph, free_port
from kg.server.sandbox import filter_program, no_egress
from kg.server.sparql_grammar import SparqlSyntaxError, outbound_operations
from tests.sparql_mutations import Request, generate, with_target
from tests.test_serve_support import TOKEN, Listener, Served, start_server, stop_server

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sparql"
SAMPLE = 300
#: How kg's front words a refusal (the engine's own errors read otherwise).
FRONT_REFUSALS = ("SERVICE is not allowed", "LOAD is not allowed", "SPARQL syntax error: at",
                  "SPARQL update syntax error: at")


@pytest.fixture()
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_server(tmp_path_factory.mktemp("egress") / "store", token=TOKEN)
    try:
        yield server
    finally:
        stop_server(server)


def _wait_answering(url: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.02)
    raise AssertionError(f"{url} did not answer")


def _post(client: httpx.Client, url: str, text: str, update: bool,
          headers: dict[str, str] | None = None) -> httpx.Response:
    return client.post(url, data={"update" if update else "query": text},
                       headers=headers or {}, timeout=30)


def test_control_a_bare_engine_does_connect(listener: Listener) -> None:
    port = free_port()
    bare = subprocess.Popen([find_oxigraph(), "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_answering(f"http://127.0.0.1:{port}/query")
        with httpx.Client() as client:
            _post(client, f"http://127.0.0.1:{port}/query",
                  f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", False)
            _post(client, f"http://127.0.0.1:{port}/update", f"LOAD <{listener.url}>", True)
        assert len(listener.settle()) == 2, "bare oxigraph made no connection: checks are void"
    finally:
        bare.kill()
        bare.wait()


def test_the_sandboxed_engine_cannot_connect_even_when_asked_directly(
        listener: Listener, tmp_path: Path) -> None:
    engine = Engine(tmp_path / "store", timeout_s=5)
    engine.start()
    try:
        with httpx.Client() as client:
            query = _post(client, engine.url + "/query",
                          f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", False)
            load = _post(client, engine.url + "/update", f"LOAD <{listener.url}>", True)
            insert = _post(client, engine.url + "/update",
                           "INSERT DATA { <urn:a> <urn:b> 1 }", True)
            count = _post(client, engine.url + "/query",
                          "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", False)
        assert listener.settle() == []
        assert "Permission denied" in query.text
        assert load.status_code == 500 and "Permission denied" in load.text
        assert insert.status_code == 204 and '"1"' in count.text
        assert engine.sandbox == "seccomp: no outbound connections"
    finally:
        engine.stop()


def test_the_filter_denies_connect_and_addressed_sends_to_any_program(
        listener: Listener) -> None:
    # A Python child under the same filter: TCP connect and UDP sendto with an address fail
    # with EACCES; a socket it listens on still accepts, and it answers on it.
    child = (
        "import socket, sys\n"
        "port = int(sys.argv[1])\n"
        "results = []\n"
        "for attempt in ('tcp', 'udp'):\n"
        "    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if attempt == 'tcp' "
        "else socket.SOCK_DGRAM)\n"
        "    try:\n"
        "        s.connect(('127.0.0.1', port)) if attempt == 'tcp' else "
        "s.sendto(b'x', ('127.0.0.1', port))\n"
        "        results.append(attempt + ' allowed')\n"
        "    except PermissionError:\n"
        "        results.append(attempt + ' denied')\n"
        "server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen(1)\n"
        "print(' '.join(results), server.getsockname()[1], flush=True)\n"
        "conn, _ = server.accept(); conn.sendall(b'pong'); conn.close()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", child, str(listener.port)],
                               stdout=subprocess.PIPE, text=True, preexec_fn=no_egress())
    try:
        assert process.stdout is not None
        tcp, udp, port = process.stdout.readline().replace(" allowed", "+").replace(
            " denied", "-").split()
        assert (tcp, udp) == ("tcp-", "udp-")
        with httpx.Client() as _client:
            import socket
            with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as conn:
                assert conn.recv(4) == b"pong"
        assert process.wait(10) == 0
        assert listener.settle() == []
    finally:
        process.kill()
        process.wait()


def test_the_filter_is_written_for_the_cpus_it_knows() -> None:
    for machine in ("x86_64", "aarch64"):
        program = filter_program(machine)
        assert len(program) % 8 == 0 and len(program) // 8 >= 15


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p 1SERVICE <{url}> {{ }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "PREFIX e: <http://schema.org/Claim> SELECT * WHERE {{ ?c a e:.SERVICE <{url}> {{ }} }}",
])
def test_kg_serve_refuses_service_and_makes_no_connection(served: Served, listener: Listener,
                                                          template: str) -> None:
    response = httpx.post(served.url + "/sparql", data={"query": template.format(
        url=listener.url)}, timeout=30)
    assert response.status_code == 400
    assert response.text.startswith("SERVICE is not allowed on this server (SERVICE ")
    assert listener.settle() == []


def test_kg_serve_refuses_load_and_service_in_updates(served: Served, listener: Listener) -> None:
    for update in (f"LOAD <{listener.url}>",
                   f"LOAD SILENT <{listener.url}> INTO GRAPH <urn:x>",
                   f"INSERT {{ GRAPH <urn:x> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{listener.url}> "
                   "{ ?s ?p ?o } }"):
        response = httpx.post(served.url + "/sparql", data={"update": update},
                              headers=served.auth(), timeout=30)
        assert response.status_code == 400, response.text
        assert "is not allowed on this server" in response.text
    assert listener.settle() == []


def test_a_request_kg_cannot_parse_is_refused_before_the_engine(served: Served) -> None:
    response = httpx.post(served.url + "/sparql", data={"query": "SELECT * WHERE { ?s ?p"})
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error: at line 1, column ")


def test_health_names_the_sandbox(served: Served) -> None:
    health = httpx.get(served.url + "/health").json()
    assert health["engine"]["sandbox"] == "seccomp: no outbound connections"


def test_the_former_bypasses_are_refused_and_connect_nowhere(served: Served,
                                                             listener: Listener) -> None:
    cases = json.loads((FIXTURES / "egress_bypasses.json").read_text(encoding="utf-8"))
    assert len(cases) >= 28
    target = f"http://127.0.0.1:{listener.port}"
    with httpx.Client() as client:
        for case in cases:
            text = with_target(case["text"], target)
            response = _post(client, served.url + "/sparql", text, case["update"],
                             served.auth())
            assert response.status_code == 400, text
            assert "SERVICE is not allowed" in response.text, text
    assert listener.settle() == []


def _decision(request: Request) -> str:
    try:
        return "refuse" if outbound_operations(request.text, request.update) else "pass"
    except SparqlSyntaxError:
        return "refuse"


def test_a_fixed_sample_of_the_fuzz_connects_nowhere(served: Served,
                                                     listener: Listener) -> None:
    target = f"http://127.0.0.1:{listener.port}"
    requests = [Request(with_target(r.text, target), r.update)
                for r in generate(SAMPLE, seed=2026)]
    statuses = []
    with httpx.Client() as client:
        for request in requests:
            response = _post(client, served.url + "/sparql", request.text, request.update,
                             served.auth())
            statuses.append(response.status_code)
            by_front = response.text.startswith(FRONT_REFUSALS)
            assert by_front == (_decision(request) == "refuse"), request.text
    assert listener.settle() == []
    assert statuses.count(400) > SAMPLE // 2 and 200 in statuses
