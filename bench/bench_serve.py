"""Benchmark of ``kg serve`` next to ``oxigraph serve`` on the same data, in the same run.

Builds the seed store, copies it twice, starts ``kg serve`` on one copy and a bare
``oxigraph serve --union-default-graph`` on the other, checks that both give the same
answers, then runs the canned queries (parameters bound to their examples) round-robin from
8 concurrent clients against each, alternating targets, and reports queries per second and
p50/p95 latency, with the kg/oxigraph ratio. The result replaces the benchmark section of
docs/SERVE.md. Usage::

    python bench/bench_serve.py                  # 2 rounds of 4 s per target
    python bench/bench_serve.py --seconds 10 --rounds 3 --clients 8
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "SERVE.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
ACCEPT = "application/sparql-results+json"


@dataclass
class Target:
    """One server under test: its name and its query URL."""

    name: str
    url: str
    pids: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    per_query: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    cpu: float = 0.0
    errors: int = 0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _skip_sniffio_lookups() -> None:
    """httpcore tries ``import sniffio`` on every async request; without sniffio installed
    each failed import scans sys.path and the load generator, not the servers, would be
    measured. Recording the absence once makes those imports fail at once."""
    import importlib.util

    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.post(url, data={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer within {timeout} s")


async def _client(target: Target, queries: list[tuple[str, str]], offset: int,
                  until: float, client: httpx.AsyncClient) -> None:
    i = offset
    while time.perf_counter() < until:
        name, sparql = queries[i % len(queries)]
        i += 1
        start = time.perf_counter()
        response = await client.post(target.url, data={"query": sparql},
                                     headers={"Accept": ACCEPT})
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            target.errors += 1
            continue
        target.latencies.append(elapsed)
        target.per_query.setdefault(name, []).append(elapsed)


async def _round(target: Target, queries: list[tuple[str, str]], clients: int,
                 seconds: float) -> None:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        cpu = sum(_cpu_seconds(pid) for pid in target.pids)
        started = time.perf_counter()
        until = started + seconds
        await asyncio.gather(*(_client(target, queries, k, until, client)
                               for k in range(clients)))
        target.seconds += time.perf_counter() - started
        target.cpu += sum(_cpu_seconds(pid) for pid in target.pids) - cpu


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _same_answers(kg_url: str, ox_url: str, queries: list[tuple[str, str]]) -> None:
    for name, sparql in queries:
        mine = httpx.post(kg_url, data={"query": sparql}, headers={"Accept": ACCEPT})
        theirs = httpx.post(ox_url, data={"query": sparql}, headers={"Accept": ACCEPT})
        if mine.content != theirs.content:
            raise SystemExit(f"{name}: kg serve and oxigraph serve disagree")


def run(seconds: float, rounds: int, clients: int) -> str:
    """Measure and return the Markdown section."""
    sys.path.insert(0, str(ROOT))
    _skip_sniffio_lookups()
    from kg.canned import load_queries
    from kg.server.engine import find_oxigraph
    from kg.server.query_page import examples

    queries = [(e.name, e.sparql) for e in examples(load_queries())]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, "-m", "kg", "--store", str(work / "built"), "build",
                        "--exports", str(work / "exports")], cwd=ROOT, check=True,
                       capture_output=True)
        shutil.copytree(work / "built", work / "kg")
        shutil.copytree(work / "built", work / "ox")
        kg_port, ox_port = _free_port(), _free_port()
        kg_server = subprocess.Popen(
            [sys.executable, "-m", "kg", "--store", str(work / "kg"), "serve", "--port",
             str(kg_port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ox_server = subprocess.Popen(
            [find_oxigraph(), "serve", "--location", str(work / "ox"), "--bind",
             f"127.0.0.1:{ox_port}", "--union-default-graph", "--timeout-s", "5"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            kg_target = Target("kg serve", f"http://127.0.0.1:{kg_port}/sparql")
            ox_target = Target("oxigraph serve", f"http://127.0.0.1:{ox_port}/query")
            _wait(kg_target.url)
            _wait(ox_target.url)
            engine = httpx.get(f"http://127.0.0.1:{kg_port}/health").json()["engine"]["pid"]
            kg_target.pids = [kg_server.pid, engine]
            ox_target.pids = [ox_server.pid]
            _same_answers(kg_target.url, ox_target.url, queries)
            for target in (kg_target, ox_target):  # warm-up, not counted
                asyncio.run(_round(Target(target.name, target.url), queries, clients, 1.0))
            for _ in range(rounds):
                for target in (kg_target, ox_target):
                    asyncio.run(_round(target, queries, clients, seconds))
        finally:
            kg_server.terminate()
            ox_server.terminate()
            kg_server.wait(15)
            ox_server.wait(15)
    return _report(kg_target, ox_target, queries, seconds, rounds, clients)


def _report(kg: Target, ox: Target, queries: list[tuple[str, str]], seconds: float,
            rounds: int, clients: int) -> str:
    def qps(t: Target) -> float:
        return len(t.latencies) / t.seconds

    lines = [
        START,
        "Measured by `python bench/bench_serve.py` (this section is written by the script).",
        "",
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPU cores; clients, kg serve "
        "and the engines share them.",
        f"Load: the {len(queries)} canned queries round-robin (parameters bound to their "
        f"examples), {clients} concurrent clients (httpx, keep-alive), SPARQL JSON results, "
        f"{rounds} rounds of {seconds:g} s per target, alternating, after a 1 s warm-up. "
        "Both servers answered every query with the same bytes.",
        "",
        "| target | queries | errors | queries/s | p50 (ms) | p95 (ms) | server CPU per "
        "query (ms) |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in (kg, ox):
        lines.append(f"| {t.name} | {len(t.latencies)} | {t.errors} | {qps(t):.0f} | "
                     f"{_ms(_percentile(t.latencies, 0.5))} | "
                     f"{_ms(_percentile(t.latencies, 0.95))} | "
                     f"{_ms(t.cpu / len(t.latencies))} |")
    ratio_qps = qps(kg) / qps(ox)
    ratio_p50 = _percentile(kg.latencies, 0.5) / _percentile(ox.latencies, 0.5)
    ratio_p95 = _percentile(kg.latencies, 0.95) / _percentile(ox.latencies, 0.95)
    ratio_cpu = (kg.cpu / len(kg.latencies)) / (ox.cpu / len(ox.latencies))
    lines += [
        f"| **ratio kg / oxigraph** | | | **{ratio_qps:.2f}** | **{ratio_p50:.2f}** | "
        f"**{ratio_p95:.2f}** | **{ratio_cpu:.2f}** |",
        "",
        "Server CPU per query is the CPU time the server's processes used during the measured "
        "rounds (for kg serve: the front and its engine), divided by the queries answered. "
        "The load generator is one Python process on the same two cores; when it is the "
        "bottleneck, queries/s understates the gap, which the CPU column shows.",
        "",
        "Per query, p50 latency (ms) under the same load:",
        "",
        "| query | kg serve | oxigraph serve | ratio |",
        "|---|---|---|---|",
    ]
    for name, _ in queries:
        mine = statistics.median(kg.per_query.get(name, [float("nan")]))
        theirs = statistics.median(ox.per_query.get(name, [float("nan")]))
        lines.append(f"| {name} | {_ms(mine)} | {_ms(theirs)} | {mine / theirs:.2f} |")
    lines.append(END)
    return "\n".join(lines)


def write(section: str) -> None:
    """Replace the benchmark section of docs/SERVE.md (or append one)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n## Benchmark\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="seconds per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per target")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    section = run(args.seconds, args.rounds, args.clients)
    print(section)
    if not args.no_write:
        write(section)
        print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
