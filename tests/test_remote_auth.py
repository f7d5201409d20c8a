"""RemoteStore authentication: basic, digest and bearer, chosen or inferred (no server)."""

from __future__ import annotations

import httpx
import pytest

from kg.errors import UsageError
from kg.remote_store import RemoteStore, make_auth

ASK = b'{"head": {}, "boolean": true}'


def _server(scheme: str, seen: list[str]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        header = request.headers.get("authorization", "")
        seen.append(header.split(" ", 1)[0])
        if not header:
            challenge = ('Digest realm="kg", nonce="abc", qop="auth", algorithm=MD5'
                         if scheme == "digest" else 'Basic realm="kg"')
            return httpx.Response(401, headers={"WWW-Authenticate": challenge})
        return httpx.Response(200, content=ASK,
                              headers={"Content-Type": "application/sparql-results+json"})
    return httpx.MockTransport(handle)


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_the_server_challenge_chooses_basic_or_digest(scheme: str) -> None:
    seen: list[str] = []
    client = httpx.Client(transport=_server(scheme, seen))
    with RemoteStore("http://x/sparql", auth=("u", "p"), client=client) as store:
        assert store.query("ASK {}")[0] == "ask"
        assert store.query("ASK {}")[0] == "ask"
    assert seen[0] == "" and scheme.capitalize() in seen
    assert seen[-1] == scheme.capitalize()  # the choice is remembered
    assert seen.count("") <= 2


def test_forced_kinds_and_bearer() -> None:
    assert isinstance(make_auth("digest", "u", "p", None)[0], httpx.DigestAuth)
    assert isinstance(make_auth("basic", "u", "p", None)[0], httpx.BasicAuth)
    assert make_auth(None, None, None, "t") == (None, {"Authorization": "Bearer t"})
    assert make_auth(None, None, None, None) == (None, {})
    with pytest.raises(UsageError, match="unknown authentication"):
        make_auth("kerberos", "u", "p", None)
    with pytest.raises(UsageError, match="needs KG_USER"):
        make_auth("digest", None, None, None)


def test_virtuoso_json_is_normalised() -> None:
    body = (b'{"head": {"vars": ["b", "n", "s"]}, "results": {"bindings": [{'
            b'"b": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean",'
            b' "value": "1"}, "n": {"type": "typed-literal", "datatype": '
            b'"http://www.w3.org/2001/XMLSchema#integer", "value": "5"}, "s": {"type": '
            b'"typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#string", '
            b'"value": "x"}}]}}')
    transport = httpx.MockTransport(lambda request: httpx.Response(
        200, content=body, headers={"Content-Type": "application/sparql-results+json"}))
    with RemoteStore("http://x/sparql", client=httpx.Client(transport=transport)) as store:
        row = store.select("SELECT * {}")[0]
    assert row["b"] == {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean",
                        "value": "true"}
    assert row["n"]["type"] == "literal" and row["s"] == {"type": "literal", "value": "x"}
