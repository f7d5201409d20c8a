"""Benchmark of `kg extract` on a batch of 100 articles: time against bare spaCy parsing,
articles per second and peak memory.

The batch is made deterministically from the seed, the test articles and the French news
corpus (tests/corpus/fr-news, real Wikinews articles), by rotating their paragraphs, so
every text differs. Each configuration runs in a fresh process (spaCy load reported apart)
and its peak resident memory is read from the kernel: bare parsing of the batch with the
language packs' pipelines (``nlp.pipe``, the baseline issue 14 sets), then extraction. Usage::

    python bench/bench_extract.py                 # writes docs/BENCH_EXTRACT.md
    python bench/bench_extract.py --articles 40
"""

from __future__ import annotations

import argparse
import json
import os
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
    *sorted((ROOT / "tests" / "corpus" / "fr-news").glob("*.txt")),
]

_BARE = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from kg.extract.language import resolve_language
from kg.extract.nlp import parse_many
for lang in ("fr", "en"):
    parse_many(["Chargement du modèle."], lang, 1)
loaded = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
by_lang = {}
for text in texts:
    by_lang.setdefault(resolve_language(text, "auto", "text"), []).append(text)
for lang, group in sorted(by_lang.items()):
    parse_many(group, lang, int(sys.argv[2]))
done = time.perf_counter()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"load_s": loaded - start, "extract_s": done - loaded, "claims": 0,
                  "articles": len(texts), "peak_mib": peak_kib / 1024}))
"""

_WORKER = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from kg.extract.nlp import parse_many
for lang in ("fr", "en"):
    parse_many(["Chargement du modèle."], lang, 1)
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
            for name, worker in (("bare spaCy parse", _BARE), ("kg extract", _WORKER)):
                out = subprocess.run([sys.executable, "-c", worker, str(folder), str(jobs)],
                                     check=True, capture_output=True, text=True, cwd=ROOT)
                result = json.loads(out.stdout.strip().splitlines()[-1])
                rows.append((name, jobs, result))
    lines = [
        "# Benchmark: kg extract",
        "",
        "Measured by `python bench/bench_extract.py` (written by the script; do not edit).",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPU cores. Batch: {articles} articles (French and English, "
        f"{chars:,} characters, from the seed, tests/corpus/extract and "
        "tests/corpus/fr-news), parsed with the language packs' spaCy pipelines "
        "(`nlp.pipe`), then extracted with `extract_many`.",
        "",
        "| run | --jobs | model load (s) | time (s) | articles/s | claims | × bare parse "
        "| peak memory (MiB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    bare = {jobs: r["extract_s"] for name, jobs, r in rows if name == "bare spaCy parse"}
    for name, jobs, r in rows:
        lines.append(f"| {name} | {jobs} | {r['load_s']:.1f} | {r['extract_s']:.1f} | "
                     f"{r['articles'] / r['extract_s']:.1f} | {r['claims']} | "
                     f"{r['extract_s'] / bare[jobs]:.2f} | {r['peak_mib']:.0f} |")
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
