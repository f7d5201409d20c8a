"""Reviews: verdicts with evidence, history kept, retractions recorded, bad input harmless."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import open_store

from .conftest import SEED, kg_json, run_kg


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    run_kg("ingest", str(SEED), store=path)
    return path


def _h800(store: Path) -> dict:
    claims = kg_json("claims", store=store)
    return next(c for c in claims if "2 000 processeurs H800" in c["text"])


def test_review_sets_status_keeps_history_and_shows_everywhere(store: Path) -> None:
    claim = _h800(store)
    assert claim["status"] == "contested"
    run_kg("review", claim["id"], "--verdict", "mostly-false", "--reviewer", "Ana Pereira",
           "--evidence", "https://example.org/evidence/h800", "--note",
           "Chip count not independently confirmed", "--date", "2026-11-29", store=store)
    shown = kg_json("show", claim["id"], store=store)
    assert shown["status"] == "refuted"
    assert shown["status_reason"] == "Chip count not independently confirmed"
    history = shown["status_history"]
    assert [h["status"] for h in history] == ["contested", "refuted"], "nothing overwritten"
    assert shown["reviews"][0]["verdict"] == "mostly-false"
    assert shown["reviews"][0]["normalized_rating"] == "FALSE"
    listed = kg_json("claims", "--status", "refuted", store=store)
    assert [c["id"] for c in listed] == [claim["id"]]
    sparql = kg_json("query", """
        PREFIX schema: <http://schema.org/>
        SELECT ?name ?evidence WHERE { ?r a schema:ClaimReview ; schema:author/schema:name ?name ;
                                          schema:citation ?evidence }""", store=store)
    row = sparql["results"]["bindings"][0]
    assert row["name"]["value"] == "Ana Pereira"
    assert row["evidence"]["value"] == "https://example.org/evidence/h800"
    assert run_kg("validate", store=store).stdout.startswith("conforms")


def test_retraction_is_recorded_not_deleted(store: Path) -> None:
    claim = _h800(store)
    run_kg("review", "c11", "--verdict", "false", "--reviewer", "Ana Pereira", "--date",
           "2026-11-29", store=store)
    run_kg("review", "c11", "--retract", "--reviewer", "Ana Pereira", "--date", "2026-11-30",
           store=store)
    history = kg_json("reviews", "c11", store=store)
    assert [h["kind"] for h in history] == ["review", "retraction"]
    assert history[1]["retracts"] == history[0]["id"]
    shown = kg_json("show", claim["id"], store=store)
    assert shown["status"] == "contested", "back to the article's own status"
    assert shown["reviews"][0]["retracted"] is True
    again = run_kg("review", "c11", "--retract", "--reviewer", "Ana Pereira", store=store,
                   check=False)
    assert again.returncode == 2 and "no standing review" in again.stderr


def test_reviews_survive_reingesting_the_article(store: Path) -> None:
    run_kg("review", "c11", "--verdict", "true", "--reviewer", "Ana Pereira", "--date",
           "2026-11-29", store=store)
    run_kg("ingest", str(SEED), store=store)
    shown = kg_json("show", "c11", store=store)
    assert shown["status"] == "confirmed"
    assert [h["status"] for h in shown["status_history"]] == ["contested", "confirmed"]
    assert run_kg("validate", store=store).stdout.startswith("conforms")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["c999", "--verdict", "false", "--reviewer", "X"], "unknown claim 'c999'"),
        (["c11", "--verdict", "pants-on-fire", "--reviewer", "X"], "unknown verdict"),
        (["c11", "--verdict", "false"], "--reviewer NAME is required"),
        (["c11", "--verdict", "false", "--reviewer", "X", "--evidence", "javascript:alert(1)"],
         "is not an http(s) URL"),
        (["c11", "--verdict", "false", "--reviewer", "X", "--date", "yesterday"],
         "is not a date"),
    ],
)
def test_bad_reviews_are_refused_and_change_nothing(store: Path, args: list[str],
                                                    message: str) -> None:
    with open_store(str(store)) as opened:
        before = opened.dump("nquads")
    result = run_kg("review", *args, store=store, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    with open_store(str(store)) as opened:
        assert opened.dump("nquads") == before
