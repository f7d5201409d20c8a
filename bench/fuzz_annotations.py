"""Mutated annotations through the real ``kg ingest``: does any end in a traceback or a hang?

Generates mutants of every annotation kg has (``tests/annotation_mutations.py``: bit flips,
lines deleted or duplicated, control characters, YAML tags, anchors and aliases, scalars
swapped for lists or mappings, emptied values, nan, inf and huge numbers, long strings, any
script, hostile ``text_file`` paths...) and runs ``kg ingest`` on each in-process, SHACL
shapes included, into one embedded store. It prints and writes the counts to
bench/fuzz_annotations.json and the "Annotations" section of docs/FUZZ.md. Usage::

    python bench/fuzz_annotations.py                 # 10 000 mutants, seed 13
    python bench/fuzz_annotations.py --count 500 --no-docs
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.annotation_mutations import SEEDS, generate, run_ingest, stage  # noqa: E402

DOC = ROOT / "docs" / "FUZZ.md"
OUT = ROOT / "bench" / "fuzz_annotations.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/FUZZ.md")
    args = parser.parse_args()

    kinds: Counter[str] = Counter()
    exit_codes: Counter[str] = Counter()
    examples: dict[str, list[dict]] = {}
    slowest = (0.0, "", ())
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = stage(Path(tmp) / "corpus")
        for mutant in generate(seeds, args.count, args.seed):
            outcome = run_ingest(mutant.write(), Path(tmp) / "store")
            kinds[outcome.kind] += 1
            exit_codes[str(outcome.exit_code)] += 1
            if outcome.kind not in ("ok", "error"):
                examples.setdefault(outcome.kind, []).append(
                    {"seed": mutant.seed.source.name, "mutations": mutant.mutations,
                     "message": outcome.message})
            if outcome.seconds > slowest[0]:
                slowest = (outcome.seconds, mutant.seed.source.name, mutant.mutations)
    report = {
        "files": args.count,
        "seed": args.seed,
        "seeds": [str(p.relative_to(ROOT)) for p in SEEDS],
        "ok": kinds["ok"],
        "one_line_errors": kinds["error"],
        "multi_line_errors": kinds["multiline"],
        "tracebacks": kinds["traceback"],
        "hangs": kinds["hang"],
        "exit_codes": dict(sorted(exit_codes.items())),
        "slowest_seconds": round(slowest[0], 2),
        "slowest": {"seed": slowest[1], "mutations": slowest[2]},
        "examples": {kind: found[:10] for kind, found in examples.items()},
        "seconds": round(time.monotonic() - started, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Linux "
                   f"{platform.release()}, Python {platform.python_version()}",
    }
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k not in ("examples", "seeds")},
                     indent=2, ensure_ascii=False))
    if not args.no_docs:
        write_docs(report)


def write_docs(report: dict) -> None:
    """Replace the Annotations section of docs/FUZZ.md with this run's counts."""
    section = f"""<!-- fuzz-annotations:start -->
## Annotations

Measured by `python bench/fuzz_annotations.py` (this section is written by the script):
{report['files']} mutated annotation files, seed {report['seed']}, made from the
{len(report['seeds'])} annotations kg has (`data/annotations/`, `tests/fixtures/mini.yaml`,
`tests/corpus/extract/`, `tests/corpus/sources/annotations/`) by `tests/annotation_mutations.py`:
one to three of bit flips, lines deleted, duplicated, swapped or re-indented, control
characters, YAML tags (`!!python/object`, `!!float`, `!!binary`, local tags), anchors, aliases,
a billion laughs, scalars swapped for lists or mappings, emptied values, nan, inf, 1e999 and
huge integers, strings of up to 100 000 characters, text in twenty scripts, YAML punctuation,
nesting up to 50 000 deep, a second document, directives, truncation and hostile `text_file`
paths (`/etc/passwd`, `/dev/zero`, `../` out of the corpus, a NUL). Each one went through the
real `kg ingest` in-process (the click command `kg` runs, SHACL shapes included, into one
embedded store, errors handled as `kg.cli.main` does). Machine: {report['machine']};
{report['seconds']} s in all.

| outcome | files |
|---|---|
| ingested | {report['ok']} |
| refused with a one-line error | {report['one_line_errors']} |
| error on more than one line | **{report['multi_line_errors']}** |
| traceback | **{report['tracebacks']}** |
| hang (stopped after 60 s) | **{report['hangs']}** |

Exit codes: {report['exit_codes']}. Slowest file: {report['slowest_seconds']} s
({report['slowest']['seed']}: {'; '.join(report['slowest']['mutations'])}).

The regular suite runs a fixed sample of 300 mutants of the small seeds
(`tests/test_annotation_fuzz.py`); each rule has its own tests in
`tests/test_annotation_yaml.py`, `tests/test_annotation_text_file.py` and
`tests/test_safe_files.py`.
<!-- fuzz-annotations:end -->"""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Fuzzing\n"
    pattern = re.compile(r"<!-- fuzz-annotations:start -->.*?<!-- fuzz-annotations:end -->",
                         re.DOTALL)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else \
        text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
