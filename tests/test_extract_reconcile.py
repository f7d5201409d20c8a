"""An extracted article that gives another value for a figure the seed states shows up in
`kg conflicts`; one that repeats it within rounding shows up in `kg corroborations`.

The two articles are written here for the test (generic sentences, no corpus text); they
go through the real `kg extract --ingest` into a store that holds the curated seed.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED, kg_json, run_kg

SEED_CHIPS = "deepseek-stargate-mwl/c11"  # 2 000 H800 processors to train DeepSeek-V3
OTHER = ("Un analyste du cabinet Exemple Conseil conteste les chiffres de la start-up.\n"
         "Selon lui, le modèle DeepSeek-V3 a été entraîné avec 10 000 processeurs H800.\n")
SAME = ("Un chercheur de l'université Exemple a refait le calcul.\n"
        "Selon lui, le modèle DeepSeek-V3 a été entraîné avec environ 2 000 processeurs H800.\n")


def _refs(entries: list[dict]) -> set[frozenset[str]]:
    return {frozenset(c["id"].split("/claim/")[-1] for c in e["claims"]) for e in entries}


def test_an_extracted_figure_is_compared_with_the_seeds(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_kg("ingest", str(SEED), store=store)
    for name, text in (("other", OTHER), ("same", SAME)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    run_kg("extract", str(tmp_path / "other.txt"), str(tmp_path / "same.txt"), "--out",
           str(tmp_path / "out"), "--ingest", store=store)
    claims = kg_json("claims", store=store)
    chips = {c["source"]["title"].split()[1]: c for c in claims
             if c["figures"] and c["figures"][0]["unit"] == "processor"
             and "DeepSeek-V3" in c["text"]}
    assert set(chips) == {"analyste", "chercheur"}, sorted(chips)
    other = chips["analyste"]["id"].split("/claim/")[-1]
    same = chips["chercheur"]["id"].split("/claim/")[-1]

    conflicts = kg_json("conflicts", store=store)
    assert frozenset({other, SEED_CHIPS}) in _refs(conflicts)
    reason = next(e["reason"] for e in conflicts
                  if _refs([e]) == {frozenset({other, SEED_CHIPS})})
    assert "10 000 processeurs" in reason and "DeepSeek-V3" in reason

    corroborations = kg_json("corroborations", store=store)
    assert frozenset({same, SEED_CHIPS}) in _refs(corroborations)
    assert frozenset({same, SEED_CHIPS}) not in _refs(conflicts)
