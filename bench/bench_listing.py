"""Latency of the selective listings (`kg claims --by/--about`, `kg figures --about`, `kg show`)
on a kept scale store, for people and topics at given popularity ranks.

These are the Python listings behind the CLI's table and JSON outputs (not canned queries):
each reads only the claims it needs. Needs a store left by ``bench/bench_scale.py --keep``;
prints a Markdown table (p50/p95 over ``--runs`` warm runs). Usage::

    python bench/bench_listing.py /tmp/kg-bench-scale/store-1000000 1000000
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import timed  # noqa: E402

from kg.generate import person_name, pools_for, topic_name  # noqa: E402
from kg.listing import list_claims, list_figures, show_claim  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402
from kg.vocab import claim_iri  # noqa: E402

RANKS = (10, 1_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    pools = pools_for(args.claims)
    cases: list[tuple[str, Callable[[Any], Any]]] = []
    for rank in (r for r in RANKS if r < min(pools.people, pools.topics)):
        person, topic = person_name(rank), topic_name(rank)
        cases += [
            (f"`kg claims --by` person of rank {rank}",
             lambda s, p=person: list_claims(s, by=p)),
            (f"`kg claims --about` topic of rank {rank}",
             lambda s, t=topic: list_claims(s, about=t)),
            (f"`kg figures --about` topic of rank {rank}",
             lambda s, t=topic: list_figures(s, about=t)),
        ]
    article = f"gen-{args.seed}-{args.claims // 40:07d}"
    cases.append(("`kg show` one claim", lambda s: show_claim(s, claim_iri(article, "c07"))))
    lines = [f"{args.claims:,} claims ({pools.people:,} people, {pools.topics:,} topics in the "
             "pools)", "", "| listing | items | p50 ms | p95 ms |", "|---|---|---|---|"]
    with EmbeddedStore(args.store) as store:
        for label, call in cases:
            p50, p95, answer = timed(lambda c=call: c(store), args.runs)
            size = len(answer) if isinstance(answer, list) else 1
            lines.append(f"| {label} | {size} | {p50:.1f} | {p95:.1f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
