"""Selective listings: `kg claims --by/--about`, `kg figures --about` and `kg show` read only the
claims they need, and give exactly what filtering the full listing gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import UsageError
from kg.ingest import ingest_files
from kg.listing import list_claims, list_entities, list_figures, read_claims, show_claim
from kg.store import Store, open_store
from tests.conftest import SEED

ANNOTATIONS = sorted((Path(__file__).resolve().parent / "corpus" / "sources" / "annotations")
                     .glob("*.yaml"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The seed and the test corpus (French and English, several sources) in a real store."""
    with open_store(str(tmp_path_factory.mktemp("listing") / "store")) as opened:
        ingest_files(opened, [SEED, *ANNOTATIONS])
        yield opened


def _named(entities: list[dict], words: str) -> set[str]:
    """What filtering the full listing matches: a name, an alias, an id or an id's tail."""
    needle = words.casefold().strip()
    return {e["id"] for e in entities
            if needle in {n.casefold() for n in (e["name"], *e["aliases"], e["id"],
                                                  e["id"].rsplit("/", 1)[-1])}}


def test_by_and_about_equal_filtering_everything(store: Store) -> None:
    every = list_claims(store)
    entities = list_entities(store)
    assert len(every) > 80 and len(entities) > 40
    checked_by = checked_about = 0
    for entity in entities:
        for words in {entity["name"], entity["name"].upper(), *entity["aliases"],
                      entity["id"], entity["id"].rsplit("/", 1)[-1]}:
            ids = _named(entities, words)
            by = [c for c in every if ids & {p["id"] for p in c["claimants"]}]
            assert list_claims(store, by=words) == by, words
            checked_by += bool(by)
        # claims list what they are about by name: compare where a name is the needle
        names = {e["name"] for e in entities if e["id"] in _named(entities, entity["name"])}
        about = [c for c in every if names & set(c["about"])]
        assert list_claims(store, about=f"  {entity['name'].lower()} ") == about
        checked_about += bool(about)
    assert checked_by > 20 and checked_about > 20
    deepseek = "https://kg.example.org/id/entity/deepseek"  # by IRI: that entity only
    about_iri = store.select("SELECT DISTINCT ?c WHERE { ?c a <http://schema.org/Claim> ; "
                             f"<http://schema.org/about> <{deepseek}> }}")
    assert sorted(c["id"] for c in list_claims(store, about=deepseek)) == sorted(
        r["c"]["value"] for r in about_iri) != []


def test_filters_combine_and_unknown_names_give_nothing(store: Store) -> None:
    every = list_claims(store)
    both = list_claims(store, by="Roy Chua", about="DeepSeek", status="unverified")
    assert both and both == [c for c in every if "Roy Chua" in {p["name"] for p in c["claimants"]}
                             and "DeepSeek" in c["about"] and c["status"] == "unverified"]
    assert list_claims(store, by="nobody at all") == []
    assert list_claims(store, about='x" } DROP ALL { "') == []  # stays a literal
    assert list_claims(store, by="https://kg.example.org/id/entity/> <x") == []


def test_show_and_figures_equal_what_the_full_listing_gives(store: Store) -> None:
    every = list_claims(store)
    for claim in every:
        shown = show_claim(store, claim["id"])
        assert {k: v for k, v in shown.items() if k in claim} == claim
        assert shown["disputed_by"] == sorted(c["id"] for c in every
                                              if claim["id"] in c["disputes"])
        assert shown["supported_by"] == sorted(c["id"] for c in every
                                               if claim["id"] in c["supports"])
    assert read_claims(store, [every[3]["id"], every[0]["id"]]) == [every[0], every[3]]
    figures = list_figures(store)
    stargate = list_figures(store, about="Stargate")
    ids = {e["id"] for e in list_entities(store) if e["name"] == "Stargate"}
    about_claims = {c["id"] for c in list_claims(store, about="Stargate")}
    assert stargate == [f for f in figures if f["about"] in ids or f["claim"] in about_claims]
    assert len(stargate) >= 3
    with pytest.raises(UsageError, match="unknown claim"):
        show_claim(store, "no-such-article/c99")
