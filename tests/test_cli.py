"""The command line: fast help, clear one-line errors, every listing format."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from .conftest import kg_json, run_kg


def test_help_does_not_load_heavy_libraries() -> None:
    code = ("import sys, kg.cli; heavy = [m for m in ('rdflib', 'pyoxigraph', 'pyshacl', "
            "'spacy', 'networkx') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert "claims" in run_kg("--help").stdout


def test_store_option_and_environment(built, tmp_path) -> None:
    import os

    env = {**os.environ, "KG_STORE": str(built["store"])}
    result = subprocess.run([sys.executable, "-m", "kg", "claims", "--format", "json"],
                            capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert "Roy Chua" in result.stdout
    assert not (tmp_path / ".kg-store").exists()


def test_default_store_is_a_folder_in_the_current_directory(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "claims", "--format", "json"],
                            capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.strip() == "[]"
    assert (tmp_path / ".kg-store").is_dir()


def test_listing_formats(built) -> None:
    store = built["store"]
    table = run_kg("claims", "--by", "Matt Walker", store=store).stdout
    assert "Matt Walker" in table
    rows = list(csv.DictReader(io.StringIO(run_kg("claims", "--format", "csv",
                                                   store=store).stdout)))
    assert rows and {"claim_id", "claimants", "status", "text"} <= set(rows[0])
    entities = kg_json("entities", store=store)
    assert {"id", "name", "type", "aliases", "roles"} <= set(entities[0])
    figures = kg_json("figures", "--about", "Stargate", store=store)
    assert any(f["value"] == 500000000000 for f in figures)
    contested = kg_json("claims", "--status", "contested", store=store)
    assert contested and all(c["status"] == "contested" for c in contested)
    quotes = kg_json("claims", "--kind", "direct-quote", store=store)
    assert quotes and all(c["kind"] == "direct-quote" for c in quotes)


def test_query_formats(built) -> None:
    store = built["store"]
    select = "SELECT ?c WHERE { ?c a <http://schema.org/Claim> } LIMIT 2"
    assert run_kg("query", select, "--format", "csv", store=store).stdout.splitlines()[0] == "c"
    assert run_kg("query", select, "--format", "tsv", store=store).stdout.startswith("?c\n")
    assert "<sparql" in run_kg("query", select, "--format", "xml", store=store).stdout
    assert "row(s)" in run_kg("query", select, store=store).stdout
    ask = run_kg("query", "ASK { ?s a <http://schema.org/Person> }", store=store).stdout
    assert ask.strip() == "true"
    construct = ("CONSTRUCT { ?p <http://schema.org/name> ?n } WHERE "
                 "{ ?p a <http://schema.org/Person> ; <http://schema.org/name> ?n }")
    assert "Roy Chua" in run_kg("query", construct, "--format", "turtle", store=store).stdout
    describe = run_kg("query", "DESCRIBE <https://kg.example.org/id/entity/roy-chua>",
                      "--format", "json", store=store).stdout
    assert "Roy Chua" in describe


def test_errors_are_one_line_with_meaningful_exit_codes(built) -> None:
    store = built["store"]
    bad = run_kg("query", "SELECT ?x WHERE { ?x ?y }", store=store, check=False)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: SPARQL syntax error: error at 1:")
    assert len(bad.stderr.strip().splitlines()) == 1
    unknown = run_kg("show", "c999", store=store, check=False)
    assert unknown.returncode == 2 and "unknown claim 'c999'" in unknown.stderr
    wrong = run_kg("claims", "--status", "true-ish", store=store, check=False)
    assert wrong.returncode == 2 and "unknown status" in wrong.stderr
    for result in (bad, unknown, wrong):
        assert "Traceback" not in result.stderr


def test_show_by_short_id_and_iri(built, seed_claims) -> None:
    claim = seed_claims[3]
    by_short = kg_json("show", claim["claim_id"], store=built["store"])
    by_iri = kg_json("show", claim["id"], store=built["store"])
    assert by_short == by_iri
    assert by_short["text"] == claim["text"]
    assert by_short["status_history"][0]["status"] == claim["status"]
