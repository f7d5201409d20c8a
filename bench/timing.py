"""Timing helpers shared by the benchmark scripts: warm runs and nearest-rank percentiles.

Usage::

    from timing import percentile, timed
    p50, p95, answer = timed(lambda: store.select(query), runs=30)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def timed(call: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """p50 and p95 (ms) of ``runs`` calls after one warm-up call, and the warm-up's answer."""
    answer = call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 50), percentile(times, 95), answer
