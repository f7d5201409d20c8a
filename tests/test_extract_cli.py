"""`kg extract` end to end: files, folders, HTML, JSON, --ingest, and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kg.annotation import load_annotation

from .conftest import FIXTURES, ROOT, SEED, kg_json, run_kg

CORPUS = ROOT / "tests" / "corpus" / "extract"
SEED_TEXT = ROOT / "data" / "articles" / "deepseek-stargate-mwl.txt"


def test_seed_extraction_meets_the_targets(tmp_path: Path) -> None:
    out = tmp_path / "seed.yaml"
    run_kg("extract", str(SEED_TEXT), "--out", str(out), "--date", "2025-01")
    annotated = load_annotation(out)
    assert annotated.article.text == SEED_TEXT.read_text(encoding="utf-8")
    report = json.loads(run_kg("eval", str(out), str(SEED), "--format", "json").stdout)
    assert report["claims"]["recall"] >= 0.9
    assert report["speakers"]["direct_quote_accuracy"] >= 0.95
    assert report["figures"]["recall"] == 1.0
    assert report["figures"]["value_accuracy"] == 1.0 and report["figures"]["unit_accuracy"] == 1.0


def test_json_to_stdout_has_the_claims_fields(tmp_path: Path) -> None:
    document = json.loads(run_kg("extract", str(SEED_TEXT), "--format", "json").stdout)
    claim = document["claims"][0]
    for key in ("id", "text", "start", "end", "source", "claimants", "kind", "status",
                "status_reason", "figures", "about", "disputes", "supports"):
        assert key in claim


def test_yaml_to_stdout_loads_when_saved_in_the_current_folder(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "mini.txt")
    result = run_kg("extract", "mini.txt", "--lang", "fr", cwd=tmp_path)
    assert "text_file: mini.txt\n" in result.stdout
    (tmp_path / "mini.yaml").write_text(result.stdout, encoding="utf-8")
    assert load_annotation(tmp_path / "mini.yaml").article.text.startswith("Selon Jeanne")


def test_batch_skips_bad_files_and_ingests_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("fr-energie.txt", "en-transit.txt"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "german.txt").write_text(
        "Die Bundesregierung hat am Montag einen neuen Haushaltsplan vorgestellt, der nach "
        "Angaben des Finanzministeriums deutlich höhere Ausgaben vorsieht.\n", encoding="utf-8")
    store = tmp_path / "store"
    result = run_kg("extract", str(folder), "--out", str(tmp_path / "out"), "--ingest",
                    "--jobs", "1", store=store, check=False)
    assert result.returncode == 1, "some files were skipped"
    assert "skipped: " in result.stderr and "empty.txt" in result.stderr
    assert "binary.txt" in result.stderr and "unsupported language" in result.stderr
    assert "Traceback" not in result.stderr
    written = sorted(p.name for p in (tmp_path / "out").glob("*.yaml"))
    assert written == ["en-transit.yaml", "fr-energie.yaml"]
    for path in (tmp_path / "out").glob("*.yaml"):
        load_annotation(path)
    claims = kg_json("claims", store=store)
    assert len({c["source"]["id"] for c in claims}) == 2


def test_own_articles_reach_f1_and_speaker_targets(tmp_path: Path) -> None:
    for name in ("fr-energie", "en-transit"):
        out = tmp_path / f"{name}.yaml"
        run_kg("extract", str(CORPUS / f"{name}.txt"), "--out", str(out))
        report = json.loads(run_kg("eval", str(out), str(CORPUS / f"{name}.yaml"), "--format",
                                   "json").stdout)
        assert report["claims"]["f1"] >= 0.8, name
        assert report["speakers"]["accuracy"] >= 0.9, name


def test_html_input_keeps_its_extracted_text(tmp_path: Path) -> None:
    out = tmp_path / "page.yaml"
    run_kg("extract", str(FIXTURES / "extract" / "page.html"), "--out", str(out))
    annotated = load_annotation(out)
    text = annotated.article.text
    assert "<script>" not in text and "Accueil | Politique" not in text
    assert annotated.article.title.startswith("Budget des transports")
    assert any(c.claimants and "Ce plan permettra" in c.text for c in annotated.claims)
    for claim in annotated.claims:
        assert text[claim.start:claim.end] == claim.text


def test_bad_single_files_are_one_line_errors_and_nothing_is_ingested(tmp_path: Path) -> None:
    store = tmp_path / "store"
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 64)
    german = tmp_path / "de.txt"
    german.write_text("Der Minister sagte am Dienstag, dass die Steuern nicht steigen werden. "
                      "Die Opposition widersprach ihm deutlich.\n", encoding="utf-8")
    for path, message in ((empty, "empty"), (binary, "binary"),
                          (german, "unsupported language")):
        result = run_kg("extract", str(path), "--ingest", store=store, check=False)
        assert result.returncode == 2, path
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert kg_json("claims", store=store) == []


def test_out_naming_an_existing_folder_writes_into_it(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copy(FIXTURES / "mini.txt", tmp_path / "mini.txt")
    result = run_kg("extract", str(tmp_path / "mini.txt"), "--lang", "fr", "--out", str(folder))
    assert "Traceback" not in result.stderr
    assert load_annotation(folder / "mini.yaml").article.text == \
        (tmp_path / "mini.txt").read_text(encoding="utf-8")


def test_each_attribution_carries_its_cue_and_confidence_in_yaml_json_and_rdf(
        tmp_path: Path) -> None:
    text = CORPUS / "en-transit.txt"
    out = tmp_path / "en-transit.yaml"
    store = tmp_path / "store"
    run_kg("extract", str(text), "--out", str(out), "--ingest", store=store)
    article = text.read_text(encoding="utf-8")
    saved = load_annotation(out)
    attributed = [c for c in saved.claims if c.kind != "assertion"]
    assert attributed and all(c.attribution is not None for c in attributed)
    own = [c.attribution for c in saved.claims if c.kind == "assertion"]
    assert own and all(a is not None and a.cue is None and a.confidence == 0.5 for a in own)
    cued = [c.attribution.cue for c in attributed if c.attribution and c.attribution.cue]
    assert cued and all(article[s.start:s.end] == s.text for s in cued)

    claims = kg_json("claims", store=store)
    by_text = {c["text"]: c for c in claims}
    for claim in attributed:
        stored = by_text[claim.text]["attribution"]
        assert stored["confidence"] == claim.attribution.confidence
        assert 0 < stored["confidence"] <= 1
        assert stored["cue_class"] == claim.attribution.cue_class
        if claim.attribution.cue:
            assert stored["cue"]["text"] == claim.attribution.cue.text
    said = next(c for c in claims if c["text"].startswith("This is the moment"))
    assert said["attribution"]["cue"]["text"] == "said"
    assert said["attribution"]["cue_class"] == "speech"

    low_first = kg_json("query", """
        PREFIX kg: <https://kg.example.org/def/ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?claim ?confidence WHERE {
          ?claim prov:qualifiedAttribution ?a . ?a kg:confidence ?confidence }
        ORDER BY ?confidence""", store=store)
    values = [float(row["confidence"]["value"]) for row in low_first["results"]["bindings"]]
    assert values == sorted(values) and len(values) == len(saved.claims)
    run_kg("validate", store=store)

    document = json.loads(run_kg("extract", str(text), "--format", "json").stdout)
    assert {c["text"]: c["attribution"] for c in document["claims"]} == {
        c["text"]: c["attribution"] for c in claims}
