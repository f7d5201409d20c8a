"""Scale benchmark: ingest throughput, canned-query latency and disk use at 10^4..10^6 claims.

For each size: generate the corpus (kg.generate, through kg.mapping) as N-Quads, bulk-load it
into a fresh embedded store, time the transactional ingest path on a sample, measure bytes on
disk per quad, and time every canned query (p50/p95; people and topics drawn uniformly from
the corpus pools, so "one person" and "one entity" are random ones, however often each is
named), then the name queries for the pool members at fixed ranks of popularity (rank 0 is the
most named: the largest answers). The
same queries run on rdflib's in-memory Dataset (up to ``--rdflib-max``), on ``oxigraph serve``
(up to ``--oxigraph-max``) and on Virtuoso (up to ``--virtuoso-max``), through kg's stores.
Results go to a JSON file; docs/BENCHMARKS.md is written from them. Usage::

    python bench/bench_scale.py --levels 10000 100000 1000000 --out bench/scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import percentile, timed  # noqa: E402

from kg.canned import bind, load_queries  # noqa: E402
from kg.entity_index import ENTITY_INDEX_GRAPH, rebuild_update  # noqa: E402
from kg.generate import (  # noqa: E402
    CLAIMS_PER_ARTICLE,
    article_count,
    article_nquads,
    generate_articles,
    person_name,
    pools_for,
    topic_name,
    write_nquads,
)
from kg.vocab import claim_iri  # noqa: E402

SELECTIVE = ("claims-by-person", "claim-source", "figures-about", "who-said-about")


def params_for(name: str, claims: int, seed: int, rng: random.Random) -> dict[str, str]:
    """Parameters of a canned query, drawn from the generated corpus."""
    pools = pools_for(claims)
    query = load_queries()[name]
    values: dict[str, str] = {}
    for param in query.parameters:
        if param.type == "status":
            values[param.name] = "contested"
        elif param.type == "iri":
            article = rng.randrange(article_count(claims))
            values[param.name] = claim_iri(f"gen-{seed}-{article:07d}",
                                           f"c{rng.randrange(1, CLAIMS_PER_ARTICLE + 1):02d}")
        elif param.name == "person":
            values[param.name] = person_name(rng.randrange(pools.people))
        else:
            values[param.name] = topic_name(rng.randrange(pools.topics))
    return values


class QueryTimeout(Exception):
    """A query ran longer than the benchmark lets it (rdflib only)."""


def _alarm(*_: Any) -> None:
    raise QueryTimeout


def time_queries(run: Any, claims: int, seed: int, repeats: int, heavy_repeats: int,
                 budget_s: float = 60.0, timeout_s: int = 0) -> dict[str, dict[str, Any]]:
    """p50/p95 (ms) and rows of every canned query through ``run(sparql) -> rows``; a query
    stops repeating once it has used ``budget_s`` seconds (its runs are then fewer). With
    ``timeout_s``, a run is stopped after that long (SIGALRM: for pure-Python engines) and
    the query is reported as ``timed_out`` after ``timeout_s``."""
    results: dict[str, dict[str, Any]] = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name in load_queries():
        rng = random.Random(f"{name}/{seed}")
        count = repeats if name in SELECTIVE else heavy_repeats
        times, rows, first_rows, spent = [], 0, 0, 0.0
        for attempt in range(count + 1):
            sparql = bind(load_queries()[name], params_for(name, claims, seed, rng))
            start = time.perf_counter()
            signal.alarm(timeout_s)
            try:
                rows = len(run(sparql))
                first_rows = rows if attempt == 0 else first_rows
            except QueryTimeout:
                results[name] = {"timed_out": True, "timeout_s": timeout_s,
                                 "runs": len(times)}
                break
            except Exception as exc:  # a server that refuses the query: report, go on
                results[name] = {"error": str(exc).splitlines()[0][:300], "runs": len(times)}
                break
            finally:
                signal.alarm(0)
            elapsed = (time.perf_counter() - start) * 1000
            spent += elapsed / 1000
            if attempt or count == 0:  # the first run warms caches
                times.append(elapsed)
            if spent > budget_s and times:
                break
        if name in results:
            continue
        results[name] = {"p50_ms": round(percentile(times, 50), 2),
                         "p95_ms": round(percentile(times, 95), 2),
                         "runs": len(times), "rows_first": first_rows}
    return results


RANKS = (0, 10, 100, 1_000, 10_000)


def time_by_rank(run: Any, claims: int, repeats: int = 5) -> dict[str, dict[str, Any]]:
    """p50/p95 (ms) and rows of the name-parameter queries for the pool members at
    :data:`RANKS` (rank 0 is the most named): how latency grows with an answer's size."""
    pools = pools_for(claims)
    results: dict[str, dict[str, Any]] = {}
    for name in ("claims-by-person", "who-said-about", "figures-about"):
        query = load_queries()[name]
        person = name == "claims-by-person"
        pool = pools.people if person else pools.topics
        for rank in (r for r in RANKS if r < pool):
            value = person_name(rank) if person else topic_name(rank)
            sparql = bind(query, {query.parameters[0].name: value})
            p50, p95, answer = timed(lambda q=sparql: run(q), repeats)
            results.setdefault(name, {})[str(rank)] = {
                "rows": len(answer), "p50_ms": round(p50, 2), "p95_ms": round(p95, 2),
                "runs": repeats}
    return results


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    import pyoxigraph
    import rdflib

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(int(memory) / 1e6, 1),
            "python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__,
            "rdflib": rdflib.__version__, "os": platform.platform()}


def bench_embedded(level: int, seed: int, work: Path, args: argparse.Namespace
                   ) -> dict[str, Any]:
    import pyoxigraph

    from kg.ingest import ingest_articles
    from kg.store import EmbeddedStore

    result: dict[str, Any] = {"claims": level}
    nq = work / f"corpus-{level}.nq"
    start = time.perf_counter()
    size = write_nquads(nq, level, seed, workers=args.workers)
    result["generate_s"] = round(time.perf_counter() - start, 1)
    result["nquads_bytes"] = size
    folder = work / f"store-{level}"
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    store = pyoxigraph.Store(str(folder))
    store.bulk_load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    result["bulk_load_s"] = round(time.perf_counter() - start, 1)
    result["bulk_quads_per_s"] = round(len(store) / result["bulk_load_s"])
    # a bulk load bypasses kg's write path: derive the entity index as kg's rebuild does
    start = time.perf_counter()
    store.update(rebuild_update())
    store.flush()
    result["index_rebuild_s"] = round(time.perf_counter() - start, 1)
    index = list(store.quads_for_pattern(None, None, None,
                                         pyoxigraph.NamedNode(ENTITY_INDEX_GRAPH)))
    result["index_quads"] = len(index)
    with nq.open("ab") as out:  # the other engines load the same dataset, index included
        pyoxigraph.serialize(index, out, format=pyoxigraph.RdfFormat.N_QUADS)
    result["quads"] = len(store)
    store.optimize()
    del store
    with EmbeddedStore(folder) as kg_store:
        result["disk_bytes"] = kg_store.size_on_disk()
        result["disk_bytes_per_quad"] = round(result["disk_bytes"] / result["quads"], 1)
        # the transactional path (kg ingest: SHACL off, one SPARQL Update per batch)
        sample = list(generate_articles(level, seed + 1, 0, args.ingest_sample))
        start = time.perf_counter()
        import inspect

        options = {"reconcile": False} if "reconcile" in inspect.signature(
            ingest_articles).parameters else {}
        summaries = ingest_articles(kg_store, sample, check_shapes=False, **options)
        elapsed = time.perf_counter() - start
        quads = sum(s.quads for s in summaries)
        result["ingest_sample_quads"] = quads
        result["ingest_quads_per_s"] = round(quads / elapsed)
        result["queries"] = time_queries(kg_store.select, level, seed, args.repeats,
                                         args.heavy_repeats, args.budget)
        result["by_rank"] = time_by_rank(kg_store.select, level)
    return result


def bench_rdflib(level: int, seed: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    import resource

    from rdflib import Dataset

    nq = work / f"corpus-{level}.nq"
    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nq), format="nquads")
    # the same sample the other engines got through kg's write path, with the entity index
    # statements that path adds (so that the answers are the same)
    sample = "".join(article_nquads(a) for a in generate_articles(
        level, seed + 1, 0, args.ingest_sample))
    dataset.parse(data=sample, format="nquads")
    import pyoxigraph

    from kg.entity_index import index_statements

    quads = pyoxigraph.parse(sample.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    index = "".join(f"{s} {p} {o} <{ENTITY_INDEX_GRAPH}> .\n"
                    for s, p, o in index_statements(quads))
    dataset.parse(data=index, format="nquads")
    parse_s = time.perf_counter() - start

    def run(sparql: str) -> list[Any]:
        return list(dataset.query(sparql))

    queries = time_queries(run, level, seed, args.rdflib_repeats, 0, args.rdflib_budget,
                           args.rdflib_timeout)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"parse_s": round(parse_s, 1), "quads_per_s": round(len(dataset) / parse_s)
            if len(dataset) else 0, "max_rss_bytes": rss, "queries": queries}


def bench_server(kind: str, level: int, seed: int, work: Path, args: argparse.Namespace
                 ) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from kg.backup import parse_quads, write_graphs
    from tests.test_remote_support import start_oxigraph, start_virtuoso

    nq = work / f"corpus-{level}.nq"
    folder = work / f"{kind}-{level}"
    shutil.rmtree(folder, ignore_errors=True)
    result: dict[str, Any] = {}
    if kind == "oxigraph":
        oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        start = time.perf_counter()
        subprocess.run([oxigraph, "load", "--location", str(folder), "--file", str(nq)],
                       check=True, capture_output=True)
        result["load_s"] = round(time.perf_counter() - start, 1)
        starter: Any = start_oxigraph
    else:
        starter = start_virtuoso
    server_cm = starter(folder) if kind == "oxigraph" else starter(folder, (work,))
    with server_cm as server, server.open() as store:
            if kind == "virtuoso":
                start = time.perf_counter()
                _virtuoso_bulk_load(server, nq)
                result["load_s"] = round(time.perf_counter() - start, 1)
            # kg's own write path (SPARQL Update, graphs replaced whole) on a sample
            sample = "".join(article_nquads(a) for a in generate_articles(
                level, seed + 1, 0, args.ingest_sample))
            start = time.perf_counter()
            try:
                summary = write_graphs(store, parse_quads(sample, "nquads"))
                result["update_quads_per_s"] = round(summary.quads /
                                                     (time.perf_counter() - start))
            except Exception as exc:  # a server that refuses kg's write: report, go on
                result["update_error"] = str(exc).splitlines()[0][:300]
            result["queries"] = time_queries(store.select, level, seed, args.repeats,
                                             args.heavy_repeats, args.budget)
    return result


def _virtuoso_bulk_load(server: Any, nq: Path) -> None:
    """Virtuoso's own bulk loader (isql: ld_dir, rdf_loader_run), each quad to its graph."""
    port = next(line.split("=")[1].strip() for line in
                (nq.parent / f"virtuoso-{nq.stem.split('-')[1]}" / "virtuoso.ini")
                .read_text().splitlines() if line.startswith("ServerPort"))
    script = (f"ld_dir('{nq.parent}', '{nq.name}', 'urn:kg:unused');\n"
              "rdf_loader_run();\ncheckpoint;\n")
    subprocess.run(["isql-vt", port, "dba", "dba"], input=script, text=True, check=True,
                   capture_output=True, timeout=3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-scale"))
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--heavy-repeats", type=int, default=3)
    parser.add_argument("--rdflib-max", type=int, default=10_000)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds a query")
    parser.add_argument("--rdflib-repeats", type=int, default=10)
    parser.add_argument("--rdflib-budget", type=float, default=30.0, help="seconds a query")
    parser.add_argument("--rdflib-timeout", type=int, default=300, help="seconds a run")
    parser.add_argument("--oxigraph-max", type=int, default=100_000)
    parser.add_argument("--virtuoso-max", type=int, default=10_000)
    parser.add_argument("--ingest-sample", type=int, default=20, help="articles")
    parser.add_argument("--engines", nargs="+", default=["rdflib", "oxigraph", "virtuoso"],
                        help="which engines to run besides the embedded store (results of "
                             "the others at the same level are kept)")
    parser.add_argument("--keep", action="store_true", help="keep corpora and stores")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "scale.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    report["machine"] = machine()
    report.setdefault("levels", {})
    for level in args.levels:
        entry: dict[str, Any] = report["levels"].setdefault(str(level), {})
        # the embedded run writes the corpus (and its index) that the other engines load
        entry["embedded"] = bench_embedded(level, args.seed, args.work, args)
        print(json.dumps({level: entry["embedded"]}, indent=1), flush=True)
        args.out.write_text(json.dumps(report, indent=1) + "\n")  # kept if a later part fails
        if level <= args.rdflib_max and "rdflib" in args.engines:
            entry["rdflib"] = bench_rdflib(level, args.seed, args.work, args)
            args.out.write_text(json.dumps(report, indent=1) + "\n")
        if level <= args.oxigraph_max and "oxigraph" in args.engines:
            entry["oxigraph_serve"] = bench_server("oxigraph", level, args.seed, args.work, args)
            args.out.write_text(json.dumps(report, indent=1) + "\n")
        if level <= args.virtuoso_max and "virtuoso" in args.engines and \
                shutil.which("virtuoso-t"):
            entry["virtuoso"] = bench_server("virtuoso", level, args.seed, args.work, args)
        args.out.write_text(json.dumps(report, indent=1) + "\n")
        print(json.dumps({level: entry}, indent=1), flush=True)
        if not args.keep:
            (args.work / f"corpus-{level}.nq").unlink(missing_ok=True)
            for sub in args.work.glob(f"*-{level}"):
                shutil.rmtree(sub, ignore_errors=True)


if __name__ == "__main__":
    main()
