"""Entity resolution rules, on hand-made entity records (no store)."""

from __future__ import annotations

from kg.reconcile.decisions import ManualDecision
from kg.reconcile.entities import resolve_entities
from kg.reconcile.snapshot import EntityRecord

BASE = "https://kg.example.org/id/entity/"
ART = "https://kg.example.org/id/article/"


def entity(eid: str, name: str, kind: str = "person", aliases=(), wikidata=(), orgs=(),
           member_of=()) -> EntityRecord:
    return EntityRecord(
        iri=BASE + eid, types={kind}, names={name}, aliases=set(aliases), wikidata=set(wikidata),
        roles={(BASE + o, ART + "a", "analyst") for o in orgs},
        member_of={BASE + m for m in member_of}, articles={ART + "a"})


def resolve(*records: EntityRecord, decisions=()):
    return resolve_entities({r.iri: r for r in records}, decisions)


def same(resolution, a: str, b: str) -> bool:
    return resolution.cluster_of(BASE + a) == resolution.cluster_of(BASE + b)


def decision(a: str, b: str, is_same: bool, sequence: int = 1) -> ManualDecision:
    pair = tuple(sorted((BASE + a, BASE + b)))
    return ManualDecision(f"https://kg.example.org/id/decision/{sequence}", sequence, is_same,
                          pair, "test", "2025-02-01", None)


ORGS = (entity("avidthink", "AvidThink", "organization"),
        entity("avidthink-2", "AvidThink", "organization"),
        entity("kestrel", "Kestrel Bank", "organization"))


def test_organisation_names_merge_whatever_the_legal_suffix_and_case() -> None:
    r = resolve(entity("nvidia", "Nvidia", "organization", wikidata=["Q182477"]),
                entity("nvidia-corp", "Nvidia Corporation", "organization"),
                entity("nvidia-inc", "NVIDIA", "organization"))
    assert same(r, "nvidia", "nvidia-corp") and same(r, "nvidia", "nvidia-inc")
    assert r.cluster_of(BASE + "nvidia-inc") == BASE + "nvidia"  # the annotated Wikidata id
    assert r.wikidata[BASE + "nvidia"] == "Q182477"
    assert all(e.merged and e.reason for e in r.edges)


def test_a_surname_alone_joins_the_full_name_with_the_same_affiliation() -> None:
    r = resolve(*ORGS, entity("roy-chua", "Roy Chua", orgs=["avidthink"]),
                entity("chua", "Chua", orgs=["avidthink-2"]),
                entity("daniel-chua", "Daniel Chua", orgs=["kestrel"]))
    assert same(r, "chua", "roy-chua")
    assert not same(r, "chua", "daniel-chua") and not same(r, "roy-chua", "daniel-chua")
    rules = {e.rule for e in r.edges if e.merged}
    assert "surname-affiliation" in rules


def test_a_surname_alone_without_affiliation_or_with_two_candidates_stays_apart() -> None:
    alone = resolve(*ORGS, entity("roy-chua", "Roy Chua", orgs=["avidthink"]),
                    entity("chua", "Chua"))
    assert not same(alone, "chua", "roy-chua")
    two = resolve(*ORGS, entity("roy-chua", "Roy Chua", orgs=["avidthink"]),
                  entity("ann-chua", "Ann Chua", orgs=["avidthink"]),
                  entity("chua", "Chua", orgs=["avidthink"]))
    assert not same(two, "chua", "roy-chua") and not same(two, "chua", "ann-chua")
    assert any(not e.merged and "ambiguous" in e.reason for e in two.edges)


def test_initials_must_match_the_first_name() -> None:
    r = resolve(*ORGS, entity("roy-chua", "Roy Chua", orgs=["avidthink"]),
                entity("r-chua", "R. Chua", orgs=["avidthink"]),
                entity("d-chua", "D. Chua", orgs=["avidthink"]))
    assert same(r, "r-chua", "roy-chua")
    assert not same(r, "d-chua", "roy-chua")


def test_people_with_one_name_and_different_types_do_not_merge_by_name() -> None:
    r = resolve(entity("walker-a", "Walker"), entity("walker-b", "Walker"),
                entity("nasdaq", "Nasdaq", "thing"), entity("nasdaq-org", "Nasdaq", "organization"))
    assert not same(r, "walker-a", "walker-b")
    assert not same(r, "nasdaq", "nasdaq-org")


def test_aliases_link_names() -> None:
    r = resolve(entity("softbank-group", "SoftBank Group", "organization", aliases=["SoftBank"]),
                entity("sb", "Softbank", "organization"),
                entity("pref", "Deux-Rives prefecture", "organization",
                       aliases=["préfecture des Deux-Rives"]),
                entity("prefecture", "Préfecture des Deux-Rives", "organization"))
    assert same(r, "softbank-group", "sb") and same(r, "pref", "prefecture")


def test_different_wikidata_items_never_merge() -> None:
    r = resolve(entity("a", "John Smith", wikidata=["Q1"]), entity("b", "John Smith",
                                                                    wikidata=["Q2"]),
                entity("c", "John Smith"))
    assert not same(r, "a", "b")
    refused = [e for e in r.edges if not e.merged]
    assert refused and "different Wikidata items" in refused[0].reason


def test_unnamed_groups_are_never_merged() -> None:
    r = resolve(entity("g1", "certains analystes", "group"),
                entity("g2", "certains analystes", "group"))
    assert not same(r, "g1", "g2")


def test_a_distinct_decision_overrides_every_rule_and_a_same_decision_merges() -> None:
    records = (*ORGS, entity("roy-chua", "Roy Chua", orgs=["avidthink"]),
               entity("r-chua", "Roy Chua", orgs=["avidthink-2"]),
               entity("chua", "Chua", orgs=["avidthink"]))
    r = resolve(*records, decisions=[decision("chua", "roy-chua", False)])
    assert same(r, "roy-chua", "r-chua")
    assert not same(r, "chua", "roy-chua") and not same(r, "chua", "r-chua")
    assert any(not e.merged and "recorded decision" in e.reason for e in r.edges)
    r = resolve(*records, entity("x", "Someone Else"),
                decisions=[decision("x", "roy-chua", True)])
    assert same(r, "x", "roy-chua")
    assert any(e.rule == "manual-same" and e.merged for e in r.edges)


def test_resolution_does_not_depend_on_input_order() -> None:
    records = [*ORGS, entity("roy-chua", "Roy Chua", orgs=["avidthink"]),
               entity("chua", "Chua", orgs=["avidthink-2"]),
               entity("nv", "NVIDIA", "organization"),
               entity("nvc", "Nvidia Corporation", "organization")]
    first = resolve(*records)
    second = resolve(*reversed(records))
    assert first.canonical == second.canonical and first.edges == second.edges
