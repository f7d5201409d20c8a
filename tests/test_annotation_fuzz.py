"""A fixed sample of mutated annotations through the real ``kg ingest``: each one loads or is
one error line, never a traceback, a hang or a slow run (issue 13). The full run is
``bench/fuzz_annotations.py``; the mutations are in ``tests/annotation_mutations.py``."""

from __future__ import annotations

from pathlib import Path

from tests.annotation_mutations import SEEDS, generate, run_all, run_ingest, stage
from tests.fuzz_runner import is_deterministic, judge

SAMPLE = 300
#: The sample mutates the small seeds only (the big ones take the full run), to stay fast.
SMALL_SEED_BYTES = 10_000


def test_the_seeds_load_unmutated(tmp_path: Path) -> None:
    seeds = stage(tmp_path / "corpus")
    assert len(seeds) == len(SEEDS) >= 10
    for seed in seeds:
        seed.mutant_path.write_text(seed.text, encoding="utf-8")
        assert run_ingest(seed.mutant_path, tmp_path / "store", "--skip-shapes").kind == "ok"


def test_the_same_seed_gives_the_same_mutants(tmp_path: Path) -> None:
    assert is_deterministic(generate, stage(tmp_path / "corpus"))


def test_a_fixed_sample_of_mutants_loads_or_fails_on_one_line(tmp_path: Path) -> None:
    seeds = stage(tmp_path / "corpus", max_bytes=SMALL_SEED_BYTES)
    kinds, failed = judge(run_all(seeds, SAMPLE, 2026, tmp_path), 5)
    assert not failed, failed
    assert kinds["ok"] and kinds["error"], kinds
