"""A fixed sample of mutated ClaimReview files through the real ``kg import``: each one imports
or is one error line naming the file, never a traceback or a hang (issue 13); and what the full
run found, as regression tests. The full run is ``bench/fuzz_claimreview.py``; the mutations
are in ``tests/claimreview_mutations.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.claimreview.reader import ORDER, is_url
from tests.claimreview_mutations import SEEDS, generate, run_all, run_import, stage
from tests.fuzz_runner import is_deterministic, judge
from tests.test_claimreview import GOOD

SAMPLE = 150

def test_the_seeds_import_unmutated(tmp_path: Path) -> None:
    seeds = stage(tmp_path / "mutants")
    assert len(seeds) == len(SEEDS) >= 4
    for seed in seeds:
        assert run_import(seed.source, tmp_path / "store").kind == "ok", seed.source


def test_the_same_seed_gives_the_same_mutants(tmp_path: Path) -> None:
    assert is_deterministic(generate, stage(tmp_path / "mutants"))


def test_a_fixed_sample_of_mutants_imports_or_fails_on_one_line(tmp_path: Path) -> None:
    kinds, failed = judge(run_all(stage(tmp_path / "mutants"), SAMPLE, 2026, tmp_path), 20)
    assert not failed, failed
    assert kinds["ok"] and kinds["error"], kinds


# ---------------------------------------------------------------------------------------------
# What the full run found (each was a traceback, an error on several lines or one that did not
# name the file)
# ---------------------------------------------------------------------------------------------


def _review(**changes: Any) -> dict[str, Any]:
    return {**GOOD, **changes}


def _import(tmp_path: Path, content: str | dict | list) -> tuple[Path, Any]:
    path = tmp_path / "review.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content),
                    encoding="utf-8")
    return path, run_import(path, tmp_path / "store")


@pytest.mark.parametrize(("content", "expected"), [
    # json.loads raised RecursionError (a traceback) past about 1 000 levels
    ('{"a": ' * 5_000 + "1" + "}" * 5_000, "JSON nested more than 100 levels deep"),
    # 150 levels parse, but kg's reading and rdflib's recurse once per level
    (json.dumps(GOOD).replace('"Unproven"', "[" * 150 + '"Unproven"' + "]" * 150),
     "JSON nested more than 100 levels deep"),
    # and ValueError past 4 300 digits
    ('{"@type": "ClaimReview", "ratingValue": ' + "9" * 5_000 + "}",
     "malformed JSON: a number of more than 4300 digits"),
    # a control character in a quoted value was printed as it is, breaking the line
    (_review(datePublished="a\x1b[31mb\nc"), "datePublished 'a\\x1b[31mb\\nc' is not an ISO"),
    (_review(datePublished="a\u200bb\u202e"), "datePublished 'a\\u200bb\\u202e' is not an ISO"),
    # Arabic-Indic digits passed the date check, then kg review refused "--date" (an option the
    # user never gave) without naming the file
    (_review(datePublished="٢٠٢٥-٠٢-٠٣"), "datePublished '٢٠٢٥-٠٢-٠٣' is not an ISO 8601 date"),
    # a long value is cut in the message
    (_review(datePublished="x" * 100_000), "datePublished 'xxxxxxxx"),
])
def test_bad_json_found_by_the_fuzzer_is_one_line_naming_the_file(
        tmp_path: Path, content: str | dict, expected: str) -> None:
    path, outcome = _import(tmp_path, content)
    assert outcome.kind == "error" and outcome.exit_code == 2, outcome
    assert outcome.names(path) and expected in outcome.message, outcome
    assert len(outcome.message) < 400, len(outcome.message)


@pytest.mark.parametrize("url", [
    "https://factcheck.example/r?q=%%41",  # the store refused the IRI: "SPARQL update syntax
    "https://factcheck.example/r/\x7f",    # error", in no file
    "https://factcheck.example/r#a#b",
    "http://[::1/r",
])
def test_urls_that_are_not_valid_iris_are_ignored_not_sent_to_the_store(
        tmp_path: Path, url: str) -> None:
    assert not is_url(url)
    _, outcome = _import(tmp_path, _review(url=url, citation=[url, "https://ok.example/c"]))
    assert outcome.kind == "ok", outcome


def test_valid_iris_are_urls() -> None:
    assert is_url("https://factcheck.example/r/1?q=%41#x")
    assert is_url("https://例え.jp/パス")
    assert not is_url("https://x.example/\ufffe") and not is_url("https://x.example/\ud800")


def test_a_node_sharing_a_review_id_with_a_non_ascii_digit_order_imports(tmp_path: Path) -> None:
    # kg's own order key, given in the file as "²" on a node that shares the review's @id, made
    # int() fail on a string that str.isdigit() accepts
    other = {"@id": "https://factcheck.example/r/1", ORDER: "²", "name": "x"}
    _, outcome = _import(tmp_path, [_review(**{"@id": "https://factcheck.example/r/1"}), other])
    assert outcome.kind == "ok", outcome


@pytest.mark.parametrize(("changes", "expected"), [
    # lone surrogates reached the store, which refused them: "could not write to the store"
    # (exit code 3), naming no file
    ({"claimReviewed": "2,000 chips \ud800"}, "claimReviewed: the character U+D800"),
    ({"reviewBody": "see \udfff"}, "reviewBody: the character U+DFFF"),
    ({"author": {"@type": "Organization", "name": "Checks \ud800"}},
     "author.name: the character U+D800"),
    ({"itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Roy\udbff"}}},
     "itemReviewed.author.name: the character U+DBFF"),
    # and NUL or U+FFFE were stored, though an annotation may not hold them
    ({"claimReviewed": "2,000 chips \x00"}, "claimReviewed: the character U+0000"),
    ({"reviewRating": {"@type": "Rating", "alternateName": "False\ufffe"}},
     "reviewRating.alternateName: the character U+FFFE"),
])
def test_text_the_store_cannot_hold_is_refused_naming_the_file_and_field(
        tmp_path: Path, changes: dict[str, Any], expected: str) -> None:
    path, outcome = _import(tmp_path, _review(**changes))
    assert outcome.kind == "error" and outcome.exit_code == 2, outcome
    assert outcome.names(path) and f"{expected} is not allowed in text" in outcome.message
