"""kg.evaluate: scoring a predicted annotation against the gold, on real annotation files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.annotation import load_annotation
from kg.errors import UsageError
from kg.evaluate import claim_overlap, evaluate, evaluate_files, same_entity, to_table_rows
from kg.model import Entity

from .conftest import ROOT, SEED

ARTICLE = ROOT / "data" / "articles" / "deepseek-stargate-mwl.txt"
CORPUS = ROOT / "tests" / "corpus" / "extract"
GOLD_FILES = [SEED, CORPUS / "fr-energie.yaml", CORPUS / "en-transit.yaml"]


def _claim(data: dict[str, Any], claim_id: str) -> dict[str, Any]:
    return next(c for c in data["claims"] if c["id"] == claim_id)


def _rename(node: Any, old: str, new: str) -> Any:
    """Replace every string equal to the id ``old`` by ``new``, anywhere in the YAML data."""
    if isinstance(node, dict):
        return {k: _rename(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename(v, old, new) for v in node]
    return new if node == old else node


def _write(tmp_path: Path, data: dict[str, Any], text: str, name: str) -> Path:
    """Write the annotation and its article text side by side in tmp_path."""
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    data["article"]["text_file"] = f"{name}.txt"
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _predicted(tmp_path: Path) -> Path:
    """The seed gold, degraded in known ways (see the comments for the expected effects)."""
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    text = ARTICLE.read_text(encoding="utf-8")

    # Other ids and names, same entities: found by surname, by gold alias, by casefold.
    data = _rename(data, "roy-chua", "analyste-1")
    data = _rename(data, "donald-trump", "person-7")
    entities = {e["id"]: e for e in data["entities"]}
    entities["analyste-1"].update(name="Chua", aliases=[])
    entities["person-7"].update(name="Trump", aliases=[])
    entities["redaction"]["name"] = "La Rédaction"

    # Dropped: two claims, one of them a direct quote (c30) and one with a figure (c06).
    data["claims"] = [c for c in data["claims"] if c["id"] not in ("c02", "c06", "c30")]
    # Wrong speakers: a direct quote (c25) and a reported statement (c26).
    _claim(data, "c25")["claimants"] = ["scott-raynovich"]
    _claim(data, "c26")["claimants"] = ["analyste-1"]
    # Figures: a wrong value, a wrong unit, a wrong currency, a unit spelled differently.
    _claim(data, "c09")["figures"][0]["value"] = 5000000
    _claim(data, "c11")["figures"][0]["unit"] = "chip"
    _claim(data, "c38")["figures"][0]["currency"] = "EUR"
    _claim(data, "c13")["figures"][0]["unit"] = "Hours"
    # The same figure in two overlapping claims counts once.
    _claim(data, "c14")["figures"] = [dict(_claim(data, "c15")["figures"][0])]
    # Statuses and a kind changed.
    _claim(data, "c05")["status"]["value"] = "unverified"
    _claim(data, "c11")["status"]["value"] = "unverified"
    _claim(data, "c14")["kind"] = "reported-speech"
    # Spans: c03 shifted by 4 (matches), c20 cut to 22 of its 55 characters (matches:
    # 22/22 >= 0.5 and 22/55 >= 0.25), c19 cut to 30 of 145 (30/145 < 0.25: no match).
    for claim_id, start, end in (("c03", 486, 592), ("c20", 3098, 3120), ("c19", 2925, 2955)):
        _claim(data, claim_id).update(start=start, end=end, text=text[start:end])
    # A claim the gold does not have.
    data["claims"].append({
        "id": "x01", "text": text[0:65], "start": 0, "end": 65, "kind": "assertion",
        "category": "fact", "claimants": ["redaction"],
        "status": {"value": "unverified", "reason": "Extra claim for the test."},
    })
    return _write(tmp_path, data, text, "predicted")


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_against_itself_is_perfect(gold: Path) -> None:
    report = evaluate_files(gold, gold)
    out = report.to_dict()
    annotated = load_annotation(gold)
    assert out["claims"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": len(annotated.claims),
        "predicted": len(annotated.claims), "matched": len(annotated.claims),
    }
    assert out["speakers"]["accuracy"] == 1.0
    assert out["speakers"]["direct_quote_accuracy"] == 1.0
    assert out["speakers"]["evaluated"] == len(annotated.claims)
    figures = out["figures"]
    assert (figures["precision"], figures["recall"]) == (1.0, 1.0)
    assert (figures["value_accuracy"], figures["unit_accuracy"]) == (1.0, 1.0)
    assert figures["gold"] == figures["predicted"] == figures["matched"] > 0
    assert figures["misses"] == []
    assert out["status_agreement"] == out["kind_agreement"] == 1.0
    assert out["unmatched_gold"] == out["unmatched_predicted"] == out["wrong_speakers"] == []
    assert all(m.gold_id == m.predicted_id and m.score == 1.0 for m in report.matches)


def test_seed_self_evaluation_counts() -> None:
    out = evaluate_files(SEED, SEED).to_dict()
    assert out["claims"]["gold"] == 41
    assert out["speakers"]["direct_quotes"] == 13
    assert out["figures"]["gold"] == 13


def test_degraded_prediction_gives_exact_numbers(tmp_path: Path) -> None:
    predicted = _predicted(tmp_path)
    report = evaluate_files(predicted, SEED)
    out = report.to_dict()

    # 41 gold; 41 - 3 dropped + 1 extra = 39 predicted; c19 unmatched on both sides.
    assert out["claims"] == {
        "precision": 37 / 39, "recall": 37 / 41, "f1": pytest.approx(74 / 80),
        "gold": 41, "predicted": 39, "matched": 37,
    }
    assert out["unmatched_gold"] == [
        {"id": c.id, "text": c.text}
        for c in load_annotation(SEED).claims if c.id in ("c02", "c06", "c19", "c30")
    ]
    assert [c["id"] for c in out["unmatched_predicted"]] == ["c19", "x01"]
    assert out["unmatched_predicted"][0]["text"] == ARTICLE.read_text(encoding="utf-8")[2925:2955]
    scores = {m.gold_id: m.score for m in report.matches}
    assert scores["c03"] == pytest.approx(106 / 110)
    assert scores["c20"] == pytest.approx(22 / 55)

    # 13 gold direct quotes, minus c19 (unmatched) and c30 (dropped): 11, c25 wrong.
    assert out["speakers"] == {
        "accuracy": 35 / 37, "direct_quote_accuracy": 10 / 11, "evaluated": 37,
        "direct_quotes": 11,
    }
    assert out["wrong_speakers"] == [
        {"gold_id": "c25", "predicted_id": "c25", "kind": "direct-quote",
         "gold_names": ["Roy Chua"], "predicted_names": ["Scott Raynovich"]},
        {"gold_id": "c26", "predicted_id": "c26", "kind": "reported-speech",
         "gold_names": ["Matt Walker"], "predicted_names": ["Chua"]},
    ]
    assert out["status_agreement"] == 35 / 37
    assert out["kind_agreement"] == 36 / 37

    # 13 gold figures; 12 predicted (c06's dropped, c14's copy counted once), all matched;
    # 9 correct: c09 value, c11 unit and c38 currency are wrong, "Hours" = "hour".
    figures = out["figures"]
    assert {k: v for k, v in figures.items() if k != "misses"} == {
        "precision": 9 / 12, "recall": 9 / 13, "value_accuracy": 11 / 12,
        "unit_accuracy": 10 / 12, "gold": 13, "predicted": 12, "matched": 12,
    }
    assert figures["misses"] == [
        {"gold_claim": "c06", "text": "3 %", "start": 1170, "end": 1173,
         "expected_value": 3, "expected_unit": "percent",
         "predicted_value": None, "predicted_unit": None, "predicted_text": None},
        {"gold_claim": "c09", "text": "5,6 millions de dollars", "start": 1476, "end": 1499,
         "expected_value": 5600000, "expected_unit": "USD",
         "predicted_value": 5000000, "predicted_unit": "USD",
         "predicted_text": "5,6 millions de dollars"},
        {"gold_claim": "c11", "text": "2 000 processeurs H800", "start": 1825, "end": 1847,
         "expected_value": 2000, "expected_unit": "processor",
         "predicted_value": 2000, "predicted_unit": "chip",
         "predicted_text": "2 000 processeurs H800"},
        {"gold_claim": "c38", "text": "500 milliards", "start": 6008, "end": 6021,
         "expected_value": 500000000000, "expected_unit": "USD",
         "predicted_value": 500000000000, "predicted_unit": "EUR",
         "predicted_text": "500 milliards"},
    ]
    json.dumps(out)  # JSON-ready

    rows = {row["metric"]: row["value"] for row in to_table_rows(report)}
    assert rows["claims.precision"] == "0.949 (37/39)"
    assert rows["speakers.direct_quote_accuracy"] == "0.909 (10/11)"
    assert rows["figures.recall"] == "0.692 (9/13)"
    assert rows["claims.f1"] == "0.925"
    assert rows["wrong_speakers"] == "2"


def test_the_predicted_side_can_be_either_argument(tmp_path: Path) -> None:
    """Swapping the files swaps precision and recall."""
    predicted = _predicted(tmp_path)
    forward = evaluate_files(predicted, SEED)
    backward = evaluate_files(SEED, predicted)
    assert backward.claim_precision == forward.claim_recall
    assert backward.claim_recall == forward.claim_precision
    assert backward.figure_precision == forward.figure_recall


def test_different_article_texts_are_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    text = ARTICLE.read_text(encoding="utf-8") + "Un paragraphe de plus.\n"  # offsets still hold
    other = _write(tmp_path, data, text, "other")
    with pytest.raises(UsageError) as caught:
        evaluate_files(other, SEED)
    message = str(caught.value)
    assert str(other) in message and str(SEED) in message
    assert "\n" not in message


def test_same_text_in_another_folder_is_accepted(tmp_path: Path) -> None:
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    copy = _write(tmp_path, data, ARTICLE.read_text(encoding="utf-8"), "copy")
    assert evaluate_files(copy, SEED).claim_f1 == 1.0


def test_empty_prediction(tmp_path: Path) -> None:
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["claims"] = []
    empty = _write(tmp_path, data, ARTICLE.read_text(encoding="utf-8"), "empty")
    out = evaluate_files(empty, SEED).to_dict()
    assert out["claims"] == {"precision": None, "recall": 0.0, "f1": 0.0, "gold": 41,
                             "predicted": 0, "matched": 0}
    assert out["speakers"]["accuracy"] is None
    assert out["figures"]["recall"] == 0.0 and out["figures"]["precision"] is None
    assert len(out["figures"]["misses"]) == 13 and len(out["unmatched_gold"]) == 41
    rows = {row["metric"]: row["value"] for row in to_table_rows(evaluate_files(empty, SEED))}
    assert rows["claims.precision"] == "n/a (0/0)"


def test_min_overlap_out_of_range_is_refused() -> None:
    gold = load_annotation(SEED)
    with pytest.raises(UsageError):
        evaluate(gold, gold, min_overlap=0)
    with pytest.raises(UsageError):
        evaluate(gold, gold, min_overlap=1.5)


@pytest.mark.parametrize(
    ("a", "b", "min_overlap", "expected"),
    [
        ((0, 10), (0, 10), 0.5, 1.0),
        ((0, 10), (2, 10), 0.5, 0.8),  # contained: 8/8 of the shorter, 8/10 of the longer
        ((0, 10), (5, 15), 0.5, 5 / 15),  # half of each
        ((0, 10), (5, 15), 0.6, None),  # half is below 0.6
        ((0, 100), (0, 25), 0.5, 0.25),  # contained, exactly a quarter of the longer
        ((0, 100), (0, 24), 0.5, None),  # contained, under a quarter of the longer
        ((0, 10), (10, 20), 0.5, None),  # touching, no overlap
    ],
)
def test_claim_overlap_rule(a: tuple[int, int], b: tuple[int, int], min_overlap: float,
                            expected: float | None) -> None:
    assert claim_overlap(a, b, min_overlap) == expected
    assert claim_overlap(b, a, min_overlap) == expected


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("police", "la police", True),
        ("L’Oréal", "Oréal", True),
        ("the Trump campaign", "Trump campaign", True),
        ("un collectif de riverains", "collectif de riverains", True),
        ("Lesieur", "sieur", False),          # an article only when it is a whole word
        ("la police", "la gendarmerie", False),
    ],
)
def test_a_leading_article_is_not_part_of_a_name(predicted: str, gold: str, same: bool) -> None:
    assert same_entity(Entity(id="p", name=predicted, type="organization"),
                       Entity(id="g", name=gold, type="organization")) is same


def test_cli_eval_json_and_error(tmp_path) -> None:
    from .conftest import SEED, run_kg

    result = run_kg("eval", str(SEED), str(SEED), "--format", "json")
    import json

    report = json.loads(result.stdout)
    assert report["claims"]["f1"] == 1.0
    assert report["speakers"]["direct_quote_accuracy"] == 1.0
    other = SEED.parent.parent.parent / "tests" / "corpus" / "extract" / "fr-energie.yaml"
    bad = run_kg("eval", str(SEED), str(other), check=False)
    assert bad.returncode == 2 and "not about the same article text" in bad.stderr
