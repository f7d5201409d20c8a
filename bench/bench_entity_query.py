"""Where the time of a "one entity" canned query goes, join by join, on a kept scale store.

Runs ``who-said-about`` pattern by pattern (the name lookup, then each join it adds, then the
output sort) for the topic at a given rank of popularity (``--rank``; rank 100 of the 10^6
corpus has about 1 000 claims), and prints p50/p95 of each step, so that the cost per answer
row can be read off. Needs a store left by
``bench/bench_scale.py --keep``. Usage::

    python bench/bench_entity_query.py /tmp/kg-bench-scale/store-1000000 --rank 100
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import timed  # noqa: E402

from kg.entity_index import ENTITY_INDEX_GRAPH  # noqa: E402
from kg.generate import topic_name  # noqa: E402

PREFIXES = "PREFIX schema: <http://schema.org/> PREFIX kg: <https://kg.example.org/def/ns#>"
LOOKUP = f"GRAPH <{ENTITY_INDEX_GRAPH}> {{ ?topic kg:nameKey ?entity }}"
STEPS = (
    ("claims and figures about the entity", "*", "?claim schema:about ?topic ."),
    ("+ author (figures drop out)", "*", "?claim schema:about ?topic ; schema:author ?who ."),
    ("+ text", "*", "?claim schema:about ?topic ; schema:author ?who ; schema:text ?text ."),
    ("+ status", "*", "?claim schema:about ?topic ; schema:author ?who ; schema:text ?text ; "
                      "kg:status ?status ."),
    ("+ speaker name (the whole pattern)", "*",
     "?claim schema:about ?topic ; schema:author ?who ; schema:text ?text ; kg:status ?status ."
     f" GRAPH <{ENTITY_INDEX_GRAPH}> {{ ?who schema:name ?speaker }}"),
    ("the whole pattern, counted (no output decoding)", "(COUNT(*) AS ?n)",
     "?claim schema:about ?topic ; schema:author ?who ; schema:text ?text ; kg:status ?status ."
     f" GRAPH <{ENTITY_INDEX_GRAPH}> {{ ?who schema:name ?speaker }}"),
)


def measure(store: object, rank: int, select: str, body: str, order: str = "",
            runs: int = 30) -> tuple[float, float, int]:
    """p50, p95 (ms) and rows of one step over ``runs`` runs for the topic at ``rank``
    (one warm-up run)."""
    key = topic_name(rank).casefold()
    query = (f'{PREFIXES} SELECT {select} WHERE {{ VALUES ?entity {{ "{key}" }} {LOOKUP} '
             f"{body} }} {order}")
    p50, p95, answer = timed(
        lambda: list(store.query(query, use_default_graph_as_union=True)),  # type: ignore[attr-defined]
        runs)
    return p50, p95, len(answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--rank", type=int, default=100, help="the topic's rank (0: most named)")
    parser.add_argument("--passes", type=int, default=2, help="the last one is printed")
    args = parser.parse_args()
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(args.store))
    steps = [*STEPS, ("the canned query (+ DISTINCT, ORDER BY ?speaker ?claim)",
                      "DISTINCT ?speaker ?claim ?text ?status", STEPS[4][2])]
    lines = []
    for _ in range(args.passes):  # the first passes bring the store into the OS cache
        lines = ["| step | rows | p50 ms | p95 ms |", "|---|---|---|---|"]
        for label, select, body in steps:
            order = "ORDER BY ?speaker ?claim" if select.startswith("DISTINCT") else ""
            p50, p95, rows = measure(store, args.rank, select, body, order)
            lines.append(f"| {label} | {rows} | {p50:.1f} | {p95:.1f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
