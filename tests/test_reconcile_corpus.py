"""Reconciliation of the seed article and the test corpus (tests/corpus/sources): entity
merges against the curated entity lists, every deliberate conflict and no false one,
corroborations, cross-source statuses, canned queries, and the CLI."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import pytest
import yaml

from kg.ingest import ingest_files, remove_articles
from kg.listing import list_claims, list_entities
from kg.reconcile import (
    RECONCILIATION_GRAPH,
    disputed_groups,
    list_claim_groups,
    list_conflicts,
    list_merges,
    reconcile,
)
from kg.store import open_store
from kg.vocab import DATA_BASE
from tests.conftest import SEED, kg_json, run_kg

CORPUS = Path(__file__).resolve().parent / "corpus" / "sources"
ANNOTATIONS = sorted((CORPUS / "annotations").glob("*.yaml"))
FILES = [SEED, *ANNOTATIONS]
GOLD = yaml.safe_load((CORPUS / "entities.yaml").read_text(encoding="utf-8"))
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CLAIM = DATA_BASE + "claim/"


def claim_iri(ref: str) -> str:
    return CLAIM + ref


def pairs(entries: list[dict]) -> set[frozenset[str]]:
    return {frozenset(c["id"] for c in e["claims"]) for e in entries}


def expected_pairs(key: str) -> set[frozenset[str]]:
    return {frozenset(claim_iri(r) for r in pair) for pair in EXPECTED[key]}


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the seed and the corpus, ingested by the real `kg ingest`."""
    store = tmp_path_factory.mktemp("reconcile") / "store"
    run_kg("ingest", *map(str, FILES), store=store)
    return store


@pytest.fixture(scope="session")
def conflicts_json(corpus_store: Path) -> list[dict]:
    return kg_json("conflicts", store=corpus_store)  # type: ignore[return-value]


def _mentions(section: str) -> list[set[str]]:
    clusters = []
    for refs in GOLD[section].values():
        clusters.append({DATA_BASE + "entity/" + r.split("/", 1)[1] for r in refs})
    return clusters


def _scores(gold: list[set[str]], canonical: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of merges over the gold mentions."""
    mentions = sorted(set().union(*gold))
    gold_of = {m: i for i, cluster in enumerate(gold) for m in cluster}
    tp = fp = fn = 0
    for a, b in itertools.combinations(mentions, 2):
        predicted = canonical.get(a, a) == canonical.get(b, b)
        actual = gold_of[a] == gold_of[b]
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _canonical(store_path: Path) -> dict[str, str]:
    merges = kg_json("merges", store=store_path)
    return {m["id"]: cluster["id"] for cluster in merges for m in cluster["members"]}


def test_the_gold_lists_every_person_and_organisation_once(corpus_store: Path) -> None:
    listed = [m for section in ("people", "organizations") for c in _mentions(section) for m in c]
    assert len(listed) == len(set(listed)), "a mention is listed twice"
    entities = kg_json("entities", store=corpus_store)
    stored = {e["id"] for e in entities if e["type"] in ("person", "organization")}
    assert stored == set(listed)


@pytest.mark.parametrize("section", ["people", "organizations", "other"])
def test_merge_precision_and_recall(corpus_store: Path, section: str) -> None:
    precision, recall = _scores(_mentions(section), _canonical(corpus_store))
    assert precision >= 0.95 and recall >= 0.95, (section, precision, recall)


def test_people_and_organisations_are_each_one_entity(corpus_store: Path) -> None:
    gold = _mentions("people") + _mentions("organizations")
    assert _scores(gold, _canonical(corpus_store)) == (1.0, 1.0)


def test_every_merge_is_explained(corpus_store: Path) -> None:
    clusters = kg_json("merges", store=corpus_store)
    chua = next(c for c in clusters if c["name"] == "Roy Chua")
    rules = {d["rule"] for d in chua["decisions"]}
    assert "surname-affiliation" in rules and "same-name" in rules
    for cluster in clusters:
        assert cluster["decisions"] and all(d["reason"] for d in cluster["decisions"])
    nvidia = next(c for c in clusters if c["name"] == "Nvidia")
    assert nvidia["wikidata"] == "Q182477"
    assert {m["id"].rsplit("/", 1)[-1] for m in nvidia["members"]} == {
        "nvidia", "nvidia-corp", "nvidia-inc", "nvidia-corporation"}


def test_roles_keep_their_sources_and_wikidata_comes_from_the_gazetteer(
        corpus_store: Path) -> None:
    entities = {e["id"].rsplit("/", 1)[-1]: e for e in kg_json("entities", store=corpus_store)}
    assert entities["nvidia-corp"]["wikidata"] == "Q182477"   # from the gazetteer
    assert entities["openai-inc"]["wikidata"] == "Q21708200"
    assert entities["roy-chua"]["wikidata"] is None           # roy-chua is not a Wikidata id
    sources = {r["source"].rsplit("/", 1)[-1] for r in entities["roy-chua"]["roles"]}
    assert sources == {"deepseek-stargate-mwl", "fr-blog-deepseek"}


def test_conflicts_lists_every_deliberate_conflict_and_no_other(conflicts_json) -> None:
    assert pairs(conflicts_json) == expected_pairs("conflicts")
    assert len(conflicts_json) == len(EXPECTED["conflicts"])


def test_conflict_objects_hold_the_claims_as_kg_claims_gives_them(
        corpus_store: Path, conflicts_json) -> None:
    claims = {c["id"]: c for c in kg_json("claims", store=corpus_store)}
    for entry in conflicts_json:
        assert {"claims", "reason"} <= set(entry)
        assert entry["reason"].strip()
        assert len(entry["claims"]) == 2
        for claim in entry["claims"]:
            assert claim == claims[claim["id"]]
        first, second = (c["id"] for c in entry["claims"])
        assert second in claims[first]["disputes"]


def test_conflict_reasons_explain_the_figures(conflicts_json) -> None:
    chips = next(e for e in conflicts_json if pairs([e]) == {frozenset({
        claim_iri("deepseek-stargate-mwl/c11"), claim_iri("en-analysis-deepseek/c03")})})
    assert chips["origin"] == "reconciliation" and chips["match"] == "figure"
    assert "2 000 processeurs H800" in chips["reason"] and "50,000 H100 chips" in chips["reason"]
    assert "do not overlap" in chips["reason"]
    annotated = [e for e in conflicts_json if e["origin"] == "annotation"]
    assert len(annotated) == 5


def test_corroborations_include_roundings_conversions_and_propositions(
        corpus_store: Path) -> None:
    entries = kg_json("corroborations", store=corpus_store)
    assert expected_pairs("corroborations") <= pairs(entries)
    assert not pairs(entries) & expected_pairs("conflicts")
    by_pair = {frozenset(c["id"] for c in e["claims"]): e for e in entries}
    repeat = by_pair[frozenset({claim_iri("en-wire-deepseek/c05"),
                                claim_iri("deepseek-stargate-mwl/c09")})]
    assert repeat["independent"] is False and "same origin (DeepSeek)" in repeat["reason"]
    confirmation = by_pair[frozenset({claim_iri("en-wire-deepseek/c01"),
                                      claim_iri("deepseek-stargate-mwl/c07")})]
    assert confirmation["independent"] is True


def test_cross_source_statuses(corpus_store: Path) -> None:
    claims = {c["id"]: c for c in kg_json("claims", store=corpus_store)}
    for ref, status in EXPECTED["statuses"].items():
        assert claims[claim_iri(ref)]["status"] == status, ref
    c07 = claims[claim_iri("deepseek-stargate-mwl/c07")]
    assert c07["status_reason"].startswith("Confirmed by an independent source.")
    assert "en-wire-deepseek/c01" in c07["status_reason"]
    detail = kg_json("show", "deepseek-stargate-mwl/c11", store=corpus_store)
    history = detail["status_history"]
    assert [a["id"].rsplit("#", 1)[-1] for a in history] == ["status-article",
                                                             "status-cross-source"]
    assert history[-1]["based_on"] == [claim_iri("en-analysis-deepseek/c03")]
    assert claim_iri("en-analysis-deepseek/c03") in detail["disputed_by"] + detail["disputes"]


def test_the_store_still_conforms_to_the_shapes(corpus_store: Path) -> None:
    assert run_kg("validate", store=corpus_store).stdout.strip() == "conforms"


def test_canned_queries_give_the_same_pairs(corpus_store: Path, conflicts_json) -> None:
    for name, key in (("conflicts", "conflicts"), ("corroborations", "corroborations")):
        result = json.loads(run_kg("query", "--name", name, "--format", "json",
                                   store=corpus_store).stdout)
        rows = result["results"]["bindings"]
        found = {frozenset({r["claim"]["value"], r["other"]["value"]}) for r in rows}
        assert all(r["reason"]["value"] for r in rows)
        if key == "conflicts":
            assert found == expected_pairs("conflicts")
        else:
            assert expected_pairs("corroborations") <= found
    listed = run_kg("queries", "--format", "json", store=corpus_store).stdout
    assert {"conflicts", "corroborations"} <= {q["name"] for q in json.loads(listed)}


def test_table_and_csv_formats(corpus_store: Path) -> None:
    table = run_kg("conflicts", store=corpus_store).stdout
    assert "Conflicts" in table and "reason" in table
    text = run_kg("corroborations", "--format", "csv", store=corpus_store).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {"claim", "other", "reason", "independent"} <= set(rows[0])
    merges = run_kg("merges", "--format", "csv", store=corpus_store).stdout
    assert "Roy Chua" in merges


def test_claim_groups_say_who_said_it_first_and_who_repeated_it(corpus_store: Path) -> None:
    with open_store(str(corpus_store)) as store:
        groups = list_claim_groups(store)
        disputed = disputed_groups(store)
    fall = next(g for g in groups if g["predicate"] and g["predicate"].endswith("sharesFellBy"))
    ranks = [m["claim"] for m in fall["members"]]
    # 27 January (wire), 28 January (dépêche), "2025-01" (seed, counts as 31 January), 3 Feb
    assert ranks == [claim_iri(r) for r in ("en-wire-deepseek/c01", "fr-depeche-deepseek/c01",
                                            "deepseek-stargate-mwl/c07", "fr-blog-deepseek/c01")]
    assert fall["first"] == ranks[0] and not fall["disputed"]
    assert [m["role"] for m in fall["members"]] == ["first", "repeat", "repeat", "repeat"]
    assert all(m["repeats"] == ranks[0] for m in fall["members"][1:])
    assert {g["label"] for g in disputed} >= {"DeepSeek-V3 · trainedWithProcessors (chip)"}
    assert len(disputed) == 5
    for group in disputed:
        assert group["disputed"] and group["conflicts"]
        assert any(m["role"] == "dissent" for m in group["members"])


def test_kg_groups_shows_first_repeats_and_dissent(corpus_store: Path) -> None:
    everything = kg_json("groups", store=corpus_store)
    disputed = kg_json("groups", "--disputed", store=corpus_store)
    with open_store(str(corpus_store)) as store:
        assert everything == list_claim_groups(store)
        assert disputed == disputed_groups(store)
    rows = list(csv.DictReader(io.StringIO(run_kg("groups", "--format", "csv",
                                                  store=corpus_store).stdout)))
    assert len(rows) == sum(len(g["members"]) for g in everything)
    fall = [r for r in rows if "sharesFellBy" in r["group"]]
    assert [(r["rank"], r["role"], r["claim"]) for r in fall] == [
        ("1", "first", "en-wire-deepseek/c01"), ("2", "repeat", "fr-depeche-deepseek/c01"),
        ("3", "repeat", "deepseek-stargate-mwl/c07"), ("4", "repeat", "fr-blog-deepseek/c01")]
    assert fall[0]["date"] == "2025-01-27" and fall[0]["source"]


def test_reconcile_again_changes_nothing(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s")) as store:
        ingest_files(store, FILES, check_shapes=False)
        before = store.dump("nquads")
        summary = reconcile(store)
        assert summary.status_changes == 0
        assert store.dump("nquads") == before


def _sorted_dump(path: Path, batches: list[list[Path]]) -> list[str]:
    with open_store(str(path)) as store:
        for batch in batches:
            ingest_files(store, batch, check_shapes=False)
        return sorted(store.dump("nquads").decode("utf-8").splitlines())


def test_ingesting_in_any_order_gives_the_same_graph(tmp_path: Path) -> None:
    forward = _sorted_dump(tmp_path / "a", [[f] for f in FILES])
    backward = _sorted_dump(tmp_path / "b", [[f] for f in reversed(FILES)])
    mixed = _sorted_dump(tmp_path / "c", [FILES[3:5], FILES[:3], FILES[5:], FILES[1:2]])
    assert forward == backward == mixed
    assert any(str(RECONCILIATION_GRAPH) in line for line in forward)


def test_seed_alone_gets_no_cross_source_status(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s")) as store:
        ingest_files(store, [SEED], check_shapes=False)
        claims = list_claims(store)
        assert not list_conflicts(store) or all(
            c["origin"] == "annotation" for c in list_conflicts(store))
        assert not list_merges(store)
    assert not any(c["status_reason"].startswith(("Disputed by another source",
                                                  "Confirmed by an independent source"))
                   for c in claims)


def test_a_review_outranks_the_cross_source_status(tmp_path: Path) -> None:
    store_path = tmp_path / "s"
    with open_store(str(store_path)) as store:
        ingest_files(store, FILES, check_shapes=False)
    ref = "deepseek-stargate-mwl/c07"
    run_kg("review", ref, "--verdict", "false", "--reviewer", "Ana Pereira", "--note",
           "The fall was smaller.", store=store_path)
    run_kg("reconcile", store=store_path)
    run_kg("ingest", str(SEED), str(ANNOTATIONS[0]), store=store_path)
    claim = next(c for c in kg_json("claims", store=store_path) if c["id"] == claim_iri(ref))
    assert (claim["status"], claim["status_reason"]) == ("refuted", "The fall was smaller.")
    assert run_kg("validate", store=store_path).stdout.strip() == "conforms"
    # withdrawing the review falls back to the cross-source status, not to the article's
    run_kg("review", ref, "--retract", "--reviewer", "Ana Pereira", store=store_path)
    claim = next(c for c in kg_json("claims", store=store_path) if c["id"] == claim_iri(ref))
    assert claim["status"] == "confirmed"
    run_kg("reconcile", store=store_path)
    assert run_kg("validate", store=store_path).stdout.strip() == "conforms"


def test_unmerge_and_merge_are_recorded_and_reversible(tmp_path: Path) -> None:
    store_path = tmp_path / "s"
    with open_store(str(store_path)) as store:
        ingest_files(store, FILES, check_shapes=False)
    out = run_kg("unmerge", "chua", "roy-chua", "--reason", "Another Chua", "--by", "Ana",
                 store=store_path).stdout
    assert "distinct" in out
    canonical = _canonical(store_path)
    chua = DATA_BASE + "entity/chua"
    assert canonical.get(chua, chua) != canonical[DATA_BASE + "entity/roy-chua"]
    # the decision survives re-ingesting and reconciling again
    run_kg("ingest", *map(str, FILES), store=store_path)
    canonical = _canonical(store_path)
    assert canonical.get(chua, chua) != canonical[DATA_BASE + "entity/roy-chua"]
    run_kg("merge", "chua", "roy-chua", "--reason", "Same AvidThink analyst after all",
           store=store_path)
    canonical = _canonical(store_path)
    assert canonical[chua] == canonical[DATA_BASE + "entity/roy-chua"]
    cluster = next(c for c in kg_json("merges", store=store_path) if c["name"] == "Roy Chua")
    manual = [d for d in cluster["decisions"] if d["manual"]]
    assert [d["merged"] for d in manual] == [False, True]   # nothing deleted


def test_merge_errors_are_one_line(corpus_store: Path) -> None:
    result = run_kg("unmerge", "no-such-entity", "roy-chua", store=corpus_store, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "unknown entity" in result.stderr
    result = run_kg("merge", "chua", "chua", "--reason", "x", store=corpus_store, check=False)
    assert result.returncode == 2


def test_entities_listing_keeps_one_row_per_iri(corpus_store: Path) -> None:
    with open_store(str(corpus_store)) as store:
        entities = list_entities(store)
    assert all(e["wikidata"] is None or e["wikidata"].startswith("Q") for e in entities)


def test_a_run_writes_only_the_difference_and_forgets_what_went(tmp_path: Path) -> None:
    """Removing an article (graphs, entity index, reconciliation) gives the store that never
    had it, byte for byte."""
    wire = next(f for f in ANNOTATIONS if f.stem == "en-wire-deepseek")
    with open_store(str(tmp_path / "a")) as store:
        ingest_files(store, FILES, check_shapes=False)
        status_before = reconcile(store)
        assert status_before.status_changes == 0
        removed = remove_articles(store, ["en-wire-deepseek"])
        assert "https://kg.example.org/id/graph/en-wire-deepseek" in removed
        after = sorted(store.dump("nquads").decode("utf-8").splitlines())
    without = _sorted_dump(tmp_path / "b", [[f for f in FILES if f != wire]])
    assert after == without


def test_removing_an_unknown_article_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_kg("ingest", str(SEED), store=store)
    before = run_kg("dump", store=store).stdout
    result = run_kg("remove", "deepseek-stargate-mwl", "no-such-article", store=store,
                    check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no article 'no-such-article'" in result.stderr
    assert run_kg("dump", store=store).stdout == before
    assert run_kg("remove", "deepseek-stargate-mwl", store=store).stdout.startswith(
        "removed 1 article(s)")
    assert kg_json("claims", store=store) == []


def test_a_large_first_write_in_batches_gives_the_same_graph(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.reconcile.run

    whole = _sorted_dump(tmp_path / "a", [FILES])
    monkeypatch.setattr(kg.reconcile.run, "WRITE_BATCH", 100)
    assert _sorted_dump(tmp_path / "b", [FILES]) == whole
