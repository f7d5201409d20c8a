"""Benchmark of `kg extract` on a batch of 100 articles: articles per second and peak memory.

The batch is made deterministically from the bundled and test articles (French and English)
by rotating their paragraphs, so every text differs. Each configuration runs in a fresh
process (spaCy load included, reported apart) and its peak resident memory is read from the
kernel. Usage::

    python bench/bench_extract.py                 # writes docs/BENCH_EXTRACT.md
    python bench/bench_extract.py --articles 40
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
SOURCES = [
    ROOT / "data" / "articles" / "deepseek-stargate-mwl.txt",
    ROOT / "tests" / "corpus" / "extract" / "fr-energie.txt",
    ROOT / "tests" / "corpus" / "extract" / "en-transit.txt",
]

_WORKER = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from kg.extract.nlp import parse_many
parse_many(["Chargement du modèle."], "fr", 1)
loaded = time.perf_counter()
from kg.extract.pipeline import extract_many
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
results = extract_many(texts, jobs=int(sys.argv[2]))
done = time.perf_counter()
peak_kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"load_s": loaded - start, "extract_s": done - loaded,
                  "claims": sum(len(r.claims) for r in results), "articles": len(results),
                  "peak_mib": peak_kib / 1024}))
"""


def make_batch(folder: Path, count: int) -> int:
    """Write ``count`` distinct articles into ``folder``; returns their total characters."""
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    total = 0
    for index in range(count):
        paragraphs = [p for p in texts[index % len(texts)].split("\n") if p.strip()]
        shift = (index // len(texts)) % len(paragraphs)
        text = "\n".join(paragraphs[shift:] + paragraphs[:shift]) + "\n"
        (folder / f"article-{index:03d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def run(articles: int) -> str:
    """Run the configurations and return the Markdown report."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chars = make_batch(folder, articles)
        for jobs in (1, 2):
            out = subprocess.run([sys.executable, "-c", _WORKER, str(folder), str(jobs)],
                                 check=True, capture_output=True, text=True, cwd=ROOT)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((jobs, result))
    lines = [
        "# Benchmark: kg extract",
        "",
        "Measured by `python bench/bench_extract.py` (written by the script; do not edit).",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, 2 CPU cores. "
        f"Batch: {articles} articles (French and English, {chars:,} characters), "
        "extracted with `extract_many` (spaCy `nlp.pipe` for French).",
        "",
        "| --jobs | model load (s) | extraction (s) | articles/s | claims | peak memory (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    for jobs, r in rows:
        lines.append(f"| {jobs} | {r['load_s']:.1f} | {r['extract_s']:.1f} | "
                     f"{r['articles'] / r['extract_s']:.1f} | {r['claims']} | "
                     f"{r['peak_mib']:.0f} |")
    lines += ["", "Peak memory is the larger of the process's and its worker processes' "
              "maximum resident set size."]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Parse options, run, write docs/BENCH_EXTRACT.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCH_EXTRACT.md")
    args = parser.parse_args()
    report = run(args.articles)
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
