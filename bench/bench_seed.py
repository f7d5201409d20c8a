"""Benchmark of the seed graph: kg build, kg --help, each canned query, store size.

Runs the real command line in subprocesses (cold start included) and the canned queries
in-process on the embedded store (warm), then writes docs/BENCH_SEED.md.
Usage::

    python bench/bench_seed.py            # writes docs/BENCH_SEED.md
    python bench/bench_seed.py --runs 20
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PARAMS = {
    "person": "Roy Chua",
    "entity": "Stargate",
    "status": "contested",
    "claim": "https://kg.example.org/id/claim/deepseek-stargate-mwl/c01",
}


def _time_command(args: list[str], runs: int, cwd: Path) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def run(runs: int) -> str:
    """Measure everything and return the Markdown report."""
    from kg.canned import bind, load_queries
    from kg.store import open_store

    kg = [sys.executable, "-m", "kg"]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store = work / "store"
        build_args = [*kg, "--store", str(store), "build", "--exports", str(work / "exports")]
        first = _time_command(build_args, 1, ROOT)
        again = _time_command(build_args, max(3, runs // 4), ROOT)
        helps = _time_command([*kg, "--help"], runs, ROOT)
        claims_cli = _time_command([*kg, "--store", str(store), "claims", "--format", "json"],
                                   max(3, runs // 4), ROOT)
        lines += [
            "| command | runs | median (ms) | max (ms) |",
            "|---|---|---|---|",
            f"| `kg build` (empty store) | 1 | {_ms(first[0])} | {_ms(first[0])} |",
            f"| `kg build` (again, replaces the graphs) | {len(again)} | "
            f"{_ms(statistics.median(again))} | {_ms(max(again))} |",
            f"| `kg --help` | {len(helps)} | {_ms(statistics.median(helps))} | "
            f"{_ms(max(helps))} |",
            f"| `kg claims --format json` | {len(claims_cli)} | "
            f"{_ms(statistics.median(claims_cli))} | {_ms(max(claims_cli))} |",
            "",
            "Canned queries, in-process on the embedded store (warm, parameters bound):",
            "",
            "| query | parameters | runs | rows | p50 (ms) | p95 (ms) |",
            "|---|---|---|---|---|---|",
        ]
        with open_store(str(store)) as opened:
            for name, query in load_queries().items():
                values = {p.name: SAMPLE_PARAMS[p.name] for p in query.parameters}
                sparql = bind(query, values)
                rows = len(opened.select(sparql))
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    opened.select(sparql)
                    times.append(time.perf_counter() - start)
                shown = ", ".join(f"{k}={v}" for k, v in values.items()) or "-"
                lines.append(f"| {name} | {shown} | {runs} | {rows} | "
                             f"{_ms(_percentile(times, 0.5))} | {_ms(_percentile(times, 0.95))} |")
            size = opened.size_on_disk()
            quads = len(opened.dump("nquads").splitlines())
        lines += ["", f"Store on disk after `kg build`: {size:,} bytes for {quads:,} quads "
                  f"({size / quads:,.0f} bytes per quad; RocksDB's fixed overhead dominates "
                  "at this size)."]
    header = [
        "# Benchmark: the seed graph",
        "",
        "Measured by `python bench/bench_seed.py` (written by the script; do not edit by hand).",
        "",
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {_cpus()} CPU cores.",
        "",
    ]
    return "\n".join(header + lines) + "\n"


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def main() -> None:
    """Parse options, run the benchmark, write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCH_SEED.md")
    args = parser.parse_args()
    report = run(args.runs)
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
