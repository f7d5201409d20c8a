"""A fixed sample of hostile articles through the real ``kg extract``: each one is extracted or
is one error line naming the article, never a traceback or a hang (issue 13); failures already
known in kg/extract are named in ``KNOWN_EXTRACT_FAILURES`` and counted apart. The full run is
``bench/fuzz_articles.py``; the mutations are in ``tests/article_mutations.py``."""

from __future__ import annotations

from pathlib import Path

from tests.article_mutations import SEEDS, generate, known_failure, run_all, run_extract, stage
from tests.fuzz_runner import is_deterministic, judge

SAMPLE = 150
#: The sample mutates the small articles, with runs, lines and nesting of at most this size
#: (the full run goes to a million characters), to stay fast.
SMALL_SEED_BYTES = 1_300
CAP = 50


def test_the_small_seeds_extract_unmutated(tmp_path: Path) -> None:
    seeds = stage(tmp_path / "mutants", max_bytes=SMALL_SEED_BYTES)
    assert 5 <= len(seeds) < len(SEEDS)
    for seed in seeds:
        outcome = run_extract(seed.source, ("--format", "json"))
        assert outcome.kind == "ok", (seed.source, outcome)


def test_the_same_seed_gives_the_same_mutants(tmp_path: Path) -> None:
    assert is_deterministic(generate, stage(tmp_path / "mutants"))


def test_a_fixed_sample_of_hostile_articles_extracts_or_fails_on_one_line(
        tmp_path: Path) -> None:
    seeds = stage(tmp_path / "mutants", max_bytes=SMALL_SEED_BYTES)
    kinds, failed = judge(run_all(seeds, SAMPLE, 2026, tmp_path, cap=CAP), 20, known_failure)
    assert not failed, failed
    assert kinds["ok"] and kinds["error"], kinds
