"""A fixed sample of mutated SPARQL requests against a real kg serve: no server error, every
error one line, no traceback, the server still up (bench/fuzz_sparql_mutations.py runs
10 000; docs/FUZZ.md has the counts)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.sparql_mutations import mutate
from tests.test_serve_support import TOKEN, Served, copy_store, start_server, stop_server

SAMPLE = 300


@pytest.fixture(scope="module")
def served(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = copy_store(built["store"], tmp_path_factory.mktemp("fuzz") / "store")
    server = start_server(store, "--timeout", "2", token=TOKEN)
    try:
        yield server
    finally:
        stop_server(server)


def test_mutated_requests_get_clear_answers_and_the_server_stays_up(served: Served) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from fuzz_sparql_mutations import seeds

    queries, updates = seeds()
    requests = [(t, False) for t in mutate(queries, SAMPLE - SAMPLE // 4, 2026)]
    requests += [(t, True) for t in mutate(updates, SAMPLE // 4, 2027)]
    statuses = []
    with httpx.Client(timeout=60) as client:
        for text, update in requests:
            answer = client.post(served.url + "/sparql",
                                 data={"update" if update else "query": text},
                                 headers=served.auth())
            statuses.append(answer.status_code)
            assert answer.status_code < 500, (answer.status_code, answer.text, text[:200])
            if answer.status_code >= 400:
                assert answer.text.count("\n") <= 1, answer.text
    assert statuses.count(400) > SAMPLE // 2
    assert any(s in (200, 204) for s in statuses)
    assert httpx.get(served.url + "/health").status_code == 200
    assert "Traceback" not in served.log_text()
