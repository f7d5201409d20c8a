"""Benchmark of ingest + reconciliation on generated articles, and how it grows with size.

For each size, in a fresh process and a fresh embedded store: generate the articles
(:func:`kg.reconcile.synthetic.synthetic_corpus`, seeded), ingest them (in transactions of
250 articles, SHACL checks off, reconciliation off), reconcile once (everything is new),
reconcile again (nothing changed: the cost of re-deriving), then ingest one more article with
reconciliation on (what `kg ingest` costs on a store that size). Merge precision and recall
are measured against the generator's truth. The table goes between the markers in
docs/RECONCILE.md (with --write). Usage::

    python bench/bench_reconcile.py                       # 100, 300, 1000, 3000
    python bench/bench_reconcile.py --sizes 100 1000 10000 --write
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "RECONCILE.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

_WORKER = r"""
import json, resource, sys, time
from collections import Counter
from kg.ingest import ingest_articles
from kg.reconcile import canonical_entities, reconcile
from kg.reconcile.synthetic import synthetic_corpus
from kg.store import open_store

size, folder = int(sys.argv[1]), sys.argv[2]
BATCH = 250
t0 = time.perf_counter()
corpus = synthetic_corpus(size + 1, seed=7)
articles, extra = corpus.articles[:size], corpus.articles[size]
t1 = time.perf_counter()
with open_store(folder) as store:
    for start in range(0, size, BATCH):
        ingest_articles(store, articles[start:start + BATCH], check_shapes=False,
                        reconcile=False)
    t2 = time.perf_counter()
    first = reconcile(store)
    t3 = time.perf_counter()
    again = reconcile(store)
    t4 = time.perf_counter()
    ingest_articles(store, [extra], check_shapes=False, reconcile=True)
    t5 = time.perf_counter()
    canonical = canonical_entities(store)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    quads = int(store.select(count)[0]["n"]["value"])
truth = {iri: key for iri, key in corpus.truth.items() if not iri.startswith(
    "https://kg.example.org/id/entity/a%05d-" % size)}
pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts.values())
both = Counter((key, canonical.get(iri, iri)) for iri, key in truth.items())
tp = pairs(both)
print(json.dumps({
    "size": size, "claims": sum(len(a.claims) for a in articles),
    "entities": first.entities, "quads": quads, "derived_quads": first.quads,
    "generate_s": t1 - t0, "ingest_s": t2 - t1, "reconcile_s": t3 - t2,
    "again_s": t4 - t3, "one_more_s": t5 - t4,
    "groups": first.groups, "disputes": first.disputes, "supports": first.supports,
    "precision": tp / max(1, pairs(Counter(canonical.get(i, i) for i in truth))),
    "recall": tp / max(1, pairs(Counter(truth.values()))),
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run(size: int) -> dict:
    """Measure one size in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run([sys.executable, "-c", _WORKER, str(size), folder + "/store"],
                             capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout)


def table(results: list[dict]) -> str:
    """The results as a markdown table with a short header."""
    lines = [
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{_cores()} CPU cores. Measured by `python bench/bench_reconcile.py` "
        "(seed 7; ingest in transactions of 250 articles, without SHACL checks).",
        "",
        "| articles | claims | entity mentions | store quads | derived quads | ingest (s) "
        "| reconcile (s) | again, no change (s) | ingest 1 more + reconcile (s) "
        "| merge P / R | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {r['claims']:,} | {r['entities']:,} | {r['quads']:,} "
            f"| {r['derived_quads']:,} | {r['ingest_s']:.1f} | {r['reconcile_s']:.1f} "
            f"| {r['again_s']:.1f} | {r['one_more_s']:.1f} "
            f"| {r['precision']:.3f} / {r['recall']:.3f} | {r['peak_mib']:.0f} |")
    return "\n".join(lines) + "\n"


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def write(text: str) -> None:
    """Replace the benchmark block of docs/RECONCILE.md."""
    doc = DOC.read_text(encoding="utf-8")
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000, 3000])
    parser.add_argument("--write", action="store_true", help="update docs/RECONCILE.md")
    args = parser.parse_args(argv)
    results = []
    for size in args.sizes:
        results.append(run(size))
        print(json.dumps(results[-1]), file=sys.stderr)
    text = table(results)
    sys.stdout.write(text)
    if args.write:
        write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
