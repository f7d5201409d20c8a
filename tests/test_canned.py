"""Canned queries: declared parameters, safe binding, real answers on the seed graph."""

from __future__ import annotations

import pytest

from kg.canned import bind, load_queries
from kg.errors import UsageError

from .conftest import kg_json, run_kg


def test_every_canned_query_declares_its_parameters() -> None:
    queries = load_queries()
    assert {"claims-by-person", "who-said-about", "claims-by-status", "figures-about",
            "disputed-claims"} <= set(queries)
    for query in queries.values():
        assert query.title and query.description
        for param in query.parameters:
            assert f"?{param.name}" in query.sparql


def test_binding_never_pastes_user_text_as_sparql() -> None:
    query = load_queries()["claims-by-person"]
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("'
    sparql = bind(query, {"person": hostile})
    # a name parameter is bound as its lookup key (case folded), still one escaped literal
    assert 'VALUES ?person { "x\\" } } ; drop all ; select * where { ?s ?p ?o . filter(\\"" }' \
        in sparql
    assert 'VALUES ?person { "roy chua" }' in bind(query, {"person": "  Roy\tCHUA "})
    with pytest.raises(UsageError, match="not an http"):
        bind(load_queries()["claim-source"], {"claim": "http://x> } DROP ALL {"})
    with pytest.raises(UsageError, match="unknown status"):
        bind(load_queries()["claims-by-status"], {"status": "bogus"})
    with pytest.raises(UsageError, match="needs --param person"):
        bind(query, {})
    with pytest.raises(UsageError, match="no parameter 'who'"):
        bind(query, {"who": "x"})


def test_hostile_parameter_returns_nothing_and_changes_nothing(built) -> None:
    before = run_kg("export", "--format", "nquads", store=built["store"]).stdout
    result = kg_json("query", "--name", "claims-by-person", "--param",
                     'person=x" } ; DROP ALL ; #', store=built["store"])
    assert result["results"]["bindings"] == []
    assert run_kg("export", "--format", "nquads", store=built["store"]).stdout == before


def _values(result: dict, var: str) -> list[str]:
    return [b[var]["value"] for b in result["results"]["bindings"] if var in b]


def test_claims_by_person(built) -> None:
    result = kg_json("query", "--name", "claims-by-person", "--param", "person=roy chua",
                     store=built["store"])
    texts = _values(result, "text")
    assert any("2 000 processeurs H800" in t for t in texts)
    assert set(_values(result, "speaker")) == {"Roy Chua"}
    listed = kg_json("claims", "--by", "Roy Chua", store=built["store"])
    assert sorted(set(_values(result, "claim"))) == sorted(c["id"] for c in listed)


def test_who_said_about_and_figures_about(built) -> None:
    said = kg_json("query", "--name", "who-said-about", "--param", "entity=Stargate",
                   store=built["store"])
    assert "Matt Walker" in _values(said, "speaker")
    figures = kg_json("query", "--name", "figures-about", "--param", "entity=Stargate",
                      store=built["store"])
    assert "500000000000" in _values(figures, "value")
    assert "USD" in _values(figures, "unit")


def test_claims_by_status_and_disputes(built) -> None:
    contested = kg_json("query", "--name", "claims-by-status", "--param", "status=contested",
                        store=built["store"])
    assert any("2 000 processeurs H800" in t for t in _values(contested, "text"))
    disputed = kg_json("query", "--name", "disputed-claims", store=built["store"])
    assert any("dizaines de milliers" in t for t in _values(disputed, "opponentText"))


def test_claim_source_locates_the_words(built, seed_claims) -> None:
    claim = seed_claims[0]
    result = kg_json("query", "--name", "claim-source", "--param", f"claim={claim['id']}",
                     store=built["store"])
    row = result["results"]["bindings"][0]
    assert int(row["start"]["value"]) == claim["start"]
    assert row["exact"]["value"] == claim["text"]


def test_queries_listing(built) -> None:
    listed = kg_json("queries", store=built["store"])
    by_name = {q["name"]: q for q in listed}
    assert by_name["claims-by-person"]["parameters"][0]["name"] == "person"
    shown = run_kg("queries", "--show", "disputed-claims").stdout
    assert "kg:disputes" in shown
