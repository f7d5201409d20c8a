"""RemoteStore authentication against real servers on 127.0.0.1.

Bearer and basic go to a real ``kg serve --token`` (its 401 challenge offers
``Bearer realm="kg", Basic realm="kg"``); digest goes to a real Virtuoso's ``/sparql-auth``
(its 401 challenge is ``Digest``, user and password dba). Which scheme was sent, and how many
401s came back, is seen by httpx event hooks on the real client RemoteStore uses. Forced
basic and digest run against those servers too; the other forced kinds (``KG_AUTH``) and the
usage errors are unit tests of ``make_auth``, which needs no server. The Virtuoso tests are
skipped, with the reason, when virtuoso-t is not installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.errors import StoreError, UsageError
from kg.remote_store import ChallengeAuth, RemoteStore, make_auth
from kg.store import open_store

from .conftest import SEED
from .test_remote_support import VIRTUOSO, Server, start_virtuoso
from .test_serve_support import TOKEN, Served, count_triples, start_server, stop_server

XSD = "http://www.w3.org/2001/XMLSchema#"


class Exchanges:
    """What went over the wire: (scheme of the Authorization sent, status, scheme asked for)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int, str]] = []
        self._sent: list[str] = []

    def client(self) -> httpx.Client:
        """A real httpx client whose event hooks record every request and response."""
        return httpx.Client(timeout=30, event_hooks={
            "request": [lambda request: self._sent.append(
                request.headers.get("authorization", "").split(" ", 1)[0])],
            "response": [lambda response: self.seen.append((
                self._sent.pop(0), response.status_code,
                response.headers.get("www-authenticate", "").split(" ", 1)[0]))],
        })

    def take(self) -> list[tuple[str, int, str]]:
        """The exchanges since the last call."""
        seen, self.seen = self.seen, []
        return seen


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A real ``kg serve --token`` on an empty store."""
    server = start_server(tmp_path_factory.mktemp("auth-serve") / "store", token=TOKEN)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real, empty Virtuoso Open-Source (about 3 s to start)."""
    if not Path(VIRTUOSO).exists():
        pytest.skip(f"Virtuoso Open-Source is not installed ({VIRTUOSO} not found)")
    with start_virtuoso(tmp_path_factory.mktemp("auth-virtuoso")) as server:
        yield server


def _insert(graph: str, value: str) -> str:
    return f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:kg:s> <urn:kg:p> {value} }} }}"


def _ask(graph: str, value: str) -> str:
    return f"ASK {{ GRAPH <{graph}> {{ <urn:kg:s> <urn:kg:p> {value} }} }}"


def _holds(served: Served, graph: str, value: str) -> bool:
    """Whether the server holds the triple, asked without any credentials."""
    with RemoteStore(served.url + "/sparql") as reader:
        return json.loads(reader.query(_ask(graph, value))[1])["boolean"] is True


def _kg_env(served: Served, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return {**base, "KG_STORE": served.url + "/sparql", "KG_UPDATE_URL": served.url + "/sparql",
            "KG_GSP_URL": served.url + "/store", **extra}


# --- bearer: kg serve -------------------------------------------------------------------------

def test_bearer_token_writes_through_kg_serve(served: Served) -> None:
    wire = Exchanges()
    with RemoteStore(served.url + "/sparql", update_url=served.url + "/sparql", token=TOKEN,
                     client=wire.client()) as store:
        store.update(_insert("urn:kg:bearer", "1"))
    assert wire.take() == [("Bearer", 204, "")]  # sent at once: no challenge needed
    assert _holds(served, "urn:kg:bearer", "1")


def test_kg_token_in_the_environment_opens_a_writing_store(
        served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _kg_env(served, KG_TOKEN=TOKEN).items():
        if name.startswith("KG_"):
            monkeypatch.setenv(name, value)
    with open_store() as store:
        assert isinstance(store, RemoteStore)
        store.update(_insert("urn:kg:env", "1"))
    assert _holds(served, "urn:kg:env", "1")


def test_wrong_or_missing_token_is_a_clear_error_and_writes_nothing(served: Served) -> None:
    before = count_triples(served)
    for token, why in (("not-the-token", "the token is not this server's token"),
                       (None, "writing needs the server's token")):
        store = RemoteStore(served.url + "/sparql", update_url=served.url + "/sparql",
                            token=token)
        with store, pytest.raises(StoreError) as caught:
            store.update(_insert("urn:kg:refused", "1"))
        message = str(caught.value)
        assert "refused the update (401)" in message and why in message
        assert "\n" not in message
    assert count_triples(served) == before
    assert not _holds(served, "urn:kg:refused", "1")


def test_kg_cli_with_kg_token_ingests_and_a_wrong_one_fails_in_one_line(
        served: Served, tmp_path: Path) -> None:
    def ingest(token: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kg", "ingest", str(SEED)],
                              capture_output=True, text=True, cwd=tmp_path, timeout=120,
                              env=_kg_env(served, KG_TOKEN=token), check=False)

    before = count_triples(served)
    wrong = ingest("not-the-token")
    assert wrong.returncode == 3, wrong.stderr
    assert "refused the update (401)" in wrong.stderr
    assert "the token is not this server's token" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1
    assert count_triples(served) == before

    right = ingest(TOKEN)
    assert right.returncode == 0, right.stderr
    assert "deepseek-stargate-mwl" in right.stdout
    assert count_triples(served) > before


# --- basic from kg serve's challenge ------------------------------------------------------------

def test_kg_serve_challenge_makes_user_and_password_basic_and_it_is_remembered(
        served: Served) -> None:
    wire = Exchanges()
    with RemoteStore(served.url + "/sparql", update_url=served.url + "/sparql",
                     auth=("anyone", TOKEN), client=wire.client()) as store:
        store.update(_insert("urn:kg:basic", "1"))
        assert wire.take() == [("", 401, "Bearer"), ("Basic", 204, "")]
        store.update(_insert("urn:kg:basic", "2"))
        assert store.query(_ask("urn:kg:basic", "2"))[0] == "ask"
        assert wire.take() == [("Basic", 204, ""), ("Basic", 200, "")]  # no second challenge
    assert _holds(served, "urn:kg:basic", "1") and _holds(served, "urn:kg:basic", "2")


def test_basic_with_a_wrong_password_is_refused(served: Served) -> None:
    store = RemoteStore(served.url + "/sparql", update_url=served.url + "/sparql",
                        auth=("anyone", "not-the-token"))
    with store, pytest.raises(StoreError, match=r"refused the update \(401\): the token is not"):
        store.update(_insert("urn:kg:basic-refused", "1"))
    assert not _holds(served, "urn:kg:basic-refused", "1")


def test_forced_basic_is_sent_without_waiting_for_a_challenge(served: Served) -> None:
    wire = Exchanges()
    with RemoteStore(served.url + "/sparql", update_url=served.url + "/sparql",
                     auth=("anyone", TOKEN), auth_kind="basic", client=wire.client()) as store:
        store.update(_insert("urn:kg:forced-basic", "1"))
    assert wire.take() == [("Basic", 204, "")]
    assert _holds(served, "urn:kg:forced-basic", "1")


# --- digest from Virtuoso's challenge -----------------------------------------------------------

def test_virtuoso_challenge_makes_user_and_password_digest_and_it_is_remembered(
        virtuoso: Server) -> None:
    wire = Exchanges()
    with RemoteStore(virtuoso.update, update_url=virtuoso.update, auth=("dba", "dba"),
                     client=wire.client()) as store:
        store.update(_insert("urn:kg:digest", "1"))
        first = wire.take()
        # ChallengeAuth asks once; httpx's DigestAuth, on its first request, asks again
        # before it answers with the digest: two 401s, then the write goes through.
        assert [status for _, status, _ in first] == [401, 401, 200]
        assert {asked for _, status, asked in first if status == 401} == {"Digest"}
        assert first[-1][0] == "Digest"
        store.update(_insert("urn:kg:digest", "2"))
        assert store.query(_ask("urn:kg:digest", "2"))[0] == "ask"
        assert wire.take() == [("Digest", 200, ""), ("Digest", 200, "")]  # remembered
    with virtuoso.open() as reader:  # KG_AUTH=digest: the forced kind works too
        assert json.loads(reader.query(_ask("urn:kg:digest", "1"))[1])["boolean"] is True


def test_virtuoso_refuses_a_wrong_password_in_one_line(virtuoso: Server) -> None:
    store = RemoteStore(virtuoso.update, update_url=virtuoso.update, auth=("dba", "wrong"))
    with store, pytest.raises(StoreError, match=r"refused the update \(401\)") as caught:
        store.update(_insert("urn:kg:digest-refused", "1"))
    assert "\n" not in str(caught.value)


def test_virtuoso_json_is_normalised(virtuoso: Server) -> None:
    graph = "urn:kg:typed"
    with virtuoso.open() as store:
        store.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:kg:s> <urn:kg:b> true ; '
                     f'<urn:kg:f> false ; <urn:kg:n> 5 ; <urn:kg:t> "x"^^<{XSD}string> }} }}')
        query = (f"SELECT ?b ?f ?n ?t WHERE {{ GRAPH <{graph}> {{ <urn:kg:s> <urn:kg:b> ?b ; "
                 f"<urn:kg:f> ?f ; <urn:kg:n> ?n ; <urn:kg:t> ?t }} }}")
        raw = httpx.post(virtuoso.query, data={"query": query}, timeout=30,
                         headers={"Accept": "application/sparql-results+json"})
        row = store.select(query)[0]
    # what Virtuoso itself answers: typed-literal, booleans 1 and 0, xsd:string on plain text
    raw_row = raw.json()["results"]["bindings"][0]
    assert raw_row["b"] == {"type": "typed-literal", "datatype": f"{XSD}boolean", "value": "1"}
    assert raw_row["t"]["datatype"] == f"{XSD}string"
    assert row["b"] == {"type": "literal", "datatype": f"{XSD}boolean", "value": "true"}
    assert row["f"] == {"type": "literal", "datatype": f"{XSD}boolean", "value": "false"}
    assert row["n"] == {"type": "literal", "datatype": f"{XSD}integer", "value": "5"}
    assert row["t"] == {"type": "literal", "value": "x"}


# --- forced kinds and usage errors: make_auth alone (no server needed) ---------------------------

def test_forced_kinds_and_usage_errors() -> None:
    assert isinstance(make_auth("digest", "u", "p", None)[0], httpx.DigestAuth)
    assert isinstance(make_auth("basic", "u", "p", None)[0], httpx.BasicAuth)
    assert isinstance(make_auth(None, "u", "p", None)[0], ChallengeAuth)
    assert make_auth("bearer", "u", "p", "t") == (None, {"Authorization": "Bearer t"})
    assert make_auth(None, None, None, "t") == (None, {"Authorization": "Bearer t"})
    assert make_auth(None, None, None, None) == (None, {})
    with pytest.raises(UsageError, match="unknown authentication"):
        make_auth("kerberos", "u", "p", None)
    with pytest.raises(UsageError, match="needs KG_USER"):
        make_auth("digest", None, None, None)
    with pytest.raises(UsageError, match="needs a token"):
        make_auth("bearer", "u", "p", None)


def test_the_kg_cli_reports_an_unknown_kg_auth_in_one_line(served: Served, tmp_path: Path
                                                            ) -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "claims"], capture_output=True,
                            text=True, cwd=tmp_path, timeout=120, check=False,
                            env=_kg_env(served, KG_AUTH="kerberos", KG_TOKEN=TOKEN))
    assert result.returncode == 2, result.stderr
    assert "unknown authentication 'kerberos'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
