"""Crash safety: kill -9 ``kg ingest`` and ``kg serve`` mid-write; is anything committed lost?

Ingest: a long batch of generated articles (``kg.generate``, written as annotation files)
goes in chunk by chunk, one ``kg ingest`` each. The first chunk calibrates how long a
chunk takes; every later one is killed with SIGKILL at a random moment of that span (seeded)
— some before their commit, some after. After each try the store must open, conform
(``kg validate``), still hold every article a finished command reported, whole, and hold the
killed chunk all or not at all, each article whole (its article graph and its claims'
content graphs equal, quad for quad, to a clean ingest of the same files).

Serve: ``kg serve --token`` takes a stream of updates, each one graph of ``--triples``
triples; the server is killed with SIGKILL while updates run (its engine dies with it).
Every update answered 204 must be in the store whole; any other graph must be whole or
absent. Writes bench/crash_safety.json and docs/CRASH.md. Usage::

    python bench/crash_safety.py                       # 20 ingest tries, 5 serve tries
    python bench/crash_safety.py --ingest-tries 3 --serve-tries 1 --no-docs
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import StoreError  # noqa: E402
from kg.extract.serialize import to_yaml  # noqa: E402
from kg.generate import generate_articles  # noqa: E402
from kg.mapping import article_graphs  # noqa: E402
from kg.model import AnnotatedArticle  # noqa: E402
from kg.store import EmbeddedStore as Store  # noqa: E402
from tests.test_serve_support import TOKEN, free_port  # noqa: E402

OUT = ROOT / "bench" / "crash_safety.json"
DOC = ROOT / "docs" / "CRASH.md"
CHUNK = 8


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def write_corpus(folder: Path, claims: int, seed: int) -> list[tuple[AnnotatedArticle, Path]]:
    """Generated articles as annotation files (YAML and text) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for annotated in generate_articles(claims, seed=seed):
        name = annotated.article.id
        (folder / f"{name}.txt").write_text(annotated.article.text, encoding="utf-8")
        path = folder / f"{name}.yaml"
        path.write_text(to_yaml(annotated, f"{name}.txt"), encoding="utf-8")
        written.append((annotated, path))
    return written


def graphs_of(store: Store, annotated: AnnotatedArticle) -> dict[str, set[str]]:
    """The article's own graphs (article and claim content) as sets of N-Triples lines."""
    found = {}
    for graph in article_graphs(annotated):
        if graph.endswith("/status"):
            continue  # statuses are rewritten by reconciliation across articles
        rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        found[graph] = {json.dumps([r["s"], r["p"], r["o"]], sort_keys=True) for r in rows}
    return found


def state(store_path: Path, articles: list[AnnotatedArticle],
          reference: dict[str, dict[str, set[str]]]) -> dict[str, str]:
    """Per article id: "whole", "absent" or "partial"."""
    result = {}
    with Store(store_path) as store:
        for annotated in articles:
            graphs = graphs_of(store, annotated)
            if all(not quads for quads in graphs.values()):
                result[annotated.article.id] = "absent"
            elif graphs == reference[annotated.article.id]:
                result[annotated.article.id] = "whole"
            else:
                result[annotated.article.id] = "partial"
    return result


def written(pid: int) -> int | None:
    """Bytes ``pid`` has written to storage (``/proc/PID/io``), None once it is gone."""
    try:
        return next(int(line.split()[1]) for line in
                    Path(f"/proc/{pid}/io").read_text().splitlines()
                    if line.startswith("write_bytes:"))
    except (OSError, StopIteration):
        return None


def biggest_write(process: subprocess.Popen[str], started: float) -> tuple[float, int] | None:
    """When (seconds after ``started``) ``process`` wrote the most in 10 ms — its commit —
    and the bytes written by then, sampling ``/proc/PID/io`` until it ends."""
    samples = []
    while process.poll() is None and (count := written(process.pid)) is not None:
        samples.append((time.monotonic() - started, count))
        time.sleep(0.01)
    jumps = [(b[1] - a[1], b[0], b[1]) for a, b in zip(samples, samples[1:], strict=False)]
    if not jumps:
        return None
    _, at, total = max(jumps)
    return at, total


def kill_near_commit(process: subprocess.Popen[str], commit_bytes: int,
                     rng: random.Random) -> float | None:
    """Poll until ``process`` has written half of what the calibration run had written at
    its commit, then kill it within the next 0.4 s; the delay used (None: it ended first)."""
    while process.poll() is None:
        count = written(process.pid)
        if count is not None and count >= commit_bytes // 2:
            delay = rng.uniform(0.0, 0.4)
            try:
                process.wait(delay)
                return None
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                return delay
        time.sleep(0.002)
    return None


def validates(store_path: Path) -> bool:
    run = subprocess.run(kg("--store", str(store_path), "validate"), capture_output=True,
                         text=True, cwd=ROOT)
    return run.returncode == 0


def ingest_tries(tries: int, seed: int, tmp: Path) -> dict:
    rng = random.Random(seed)
    corpus = write_corpus(tmp / "corpus", claims=20 * CHUNK * (tries + 1), seed=seed)
    reference_store = tmp / "reference"
    with Store(reference_store) as store:
        from kg.ingest import ingest_files
        ingest_files(store, [path for _, path in corpus], reconcile=False)
        reference = {a.article.id: graphs_of(store, a) for a, _ in corpus}
    chunks = [corpus[i:i + CHUNK] for i in range(0, len(corpus), CHUNK)]
    store_path = tmp / "store"
    reported: list[AnnotatedArticle] = []
    runs = []
    span = None
    commit_at = None
    for number, chunk in enumerate(chunks[:tries + 1]):
        command = kg("--store", str(store_path), "ingest", *[str(p) for _, p in chunk])
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, cwd=ROOT)
        delay = None
        if span is None:
            commit_at = biggest_write(process, started)
        elif number % 2 == 0 and commit_at is not None:
            # Half the tries around the commit: once the process has started writing it.
            delay = kill_near_commit(process, commit_at[1], rng)
        else:
            delay = rng.uniform(0.0, span)  # the other half anywhere in the run
            try:
                process.wait(delay)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        elapsed = time.monotonic() - started
        if span is None:
            span = elapsed * 1.1
        finished = process.returncode == 0
        reported_now = [a for a, _ in chunk if f": {a.article.id}: " in out] if finished else []
        reported.extend(reported_now)
        seen = state(store_path, [a for c in chunks[:number + 1] for a, _ in c], reference)
        chunk_states = {seen[a.article.id] for a, _ in chunk}
        runs.append({
            "try": number, "killed_after_s": None if delay is None else round(delay, 3),
            "finished": finished,
            "chunk": "whole" if chunk_states == {"whole"} else
                     "absent" if chunk_states == {"absent"} else "mixed",
            "lost": sum(seen[a.article.id] != "whole" for a in reported),
            "partial": sum(v == "partial" for v in seen.values()),
            "validates": validates(store_path),
        })
    killed = [r for r in runs[1:] if not r["finished"]]
    return {
        "articles_per_chunk": CHUNK, "claims_per_article": 20,
        "calibrated_span_s": round(span or 0, 2), "tries": len(runs) - 1,
        "commit_at_s": None if commit_at is None else round(commit_at[0], 2),
        "killed": len(killed),
        "killed_before_commit": sum(r["chunk"] == "absent" for r in killed),
        "killed_after_commit": sum(r["chunk"] == "whole" for r in killed),
        "finished_before_kill": sum(r["finished"] for r in runs[1:]),
        "reported_articles": len(reported),
        "lost": max((r["lost"] for r in runs), default=0),
        "partial_or_mixed": sum(r["partial"] > 0 or r["chunk"] == "mixed" for r in runs),
        "failed_validation": sum(not r["validates"] for r in runs),
        "runs": runs,
    }


def update_text(number: int, triples: int) -> str:
    body = " ".join(f"<urn:crash:s{i}> <urn:crash:p> {number} ." for i in range(triples))
    return f"INSERT DATA {{ GRAPH <urn:crash:g{number}> {{ {body} }} }}"


def serve_tries(tries: int, seed: int, tmp: Path, triples: int) -> dict:
    rng = random.Random(seed + 1)
    store_path = tmp / "served"
    acknowledged: set[int] = set()
    sent = 0
    runs = []
    for number in range(tries):
        port = free_port()
        env = {**os.environ, "KG_TOKEN": TOKEN}
        process = subprocess.Popen(kg("--store", str(store_path), "serve", "--port", str(port)),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   cwd=ROOT, env=env)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(url + "/health", timeout=2).json()
                break
            except (httpx.HTTPError, ValueError):
                if time.monotonic() > deadline:
                    raise SystemExit("kg serve did not start") from None
                time.sleep(0.05)
        engine_pid = health["engine"]["pid"]
        stop = threading.Event()
        first = sent

        def writer(start: int, url: str, stop: threading.Event) -> None:
            nonlocal sent
            index = start
            with httpx.Client(timeout=30) as client:
                while not stop.is_set():
                    sent = index + 1
                    try:
                        answer = client.post(url + "/sparql", content=update_text(index, triples),
                                             headers={"Content-Type": "application/sparql-update",
                                                      "Authorization": f"Bearer {TOKEN}"})
                    except httpx.HTTPError:
                        return
                    if answer.status_code == 204:
                        acknowledged.add(index)
                    index += 1

        thread = threading.Thread(target=writer, args=(first, url, stop))
        thread.start()
        time.sleep(rng.uniform(0.5, 3.0))  # a random moment of the stream, by design
        process.send_signal(signal.SIGKILL)
        process.wait()
        stop.set()
        thread.join()
        gone = time.monotonic() + 10
        while _running(engine_pid) and time.monotonic() < gone:
            time.sleep(0.02)
        counts: dict[int, int] = {}
        with open_when_free(store_path) as store:
            rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                "FILTER(STRSTARTS(STR(?g), 'urn:crash:g')) } GROUP BY ?g")
            for row in rows:
                counts[int(row["g"]["value"].removeprefix("urn:crash:g"))] = int(row["n"]["value"])
        lost = sorted(n for n in acknowledged if counts.get(n) != triples)
        partial = sorted(n for n, c in counts.items() if c != triples)
        runs.append({"try": number, "updates_sent": sent - first,
                     "acknowledged_total": len(acknowledged), "graphs_in_store": len(counts),
                     "lost": len(lost), "partial": len(partial),
                     "engine_gone": not _running(engine_pid),
                     "validates": validates(store_path)})
    return {"tries": tries, "triples_per_update": triples,
            "acknowledged": len(acknowledged),
            "lost": sum(r["lost"] for r in runs), "partial": sum(r["partial"] for r in runs),
            "failed_validation": sum(not r["validates"] for r in runs), "runs": runs}


def open_when_free(store_path: Path, seconds: float = 30.0) -> Store:
    """Open the store as soon as the killed processes have let go of it (polling)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return Store(store_path)
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _running(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingest-tries", type=int, default=20)
    parser.add_argument("--serve-tries", type=int, default=5)
    parser.add_argument("--triples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        ingest = ingest_tries(args.ingest_tries, args.seed, Path(tmp))
        serve = serve_tries(args.serve_tries, args.seed, Path(tmp), args.triples)
    report = {"ingest": ingest, "serve": serve, "seed": args.seed,
              "seconds": round(time.monotonic() - started, 1),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, Linux "
                         f"{platform.release()}, Python {platform.python_version()}"}
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    summary = {k: {kk: vv for kk, vv in v.items() if kk != "runs"} if isinstance(v, dict) else v
               for k, v in report.items()}
    print(json.dumps(summary, indent=2))
    if not args.no_docs:
        write_docs(report)


def write_docs(report: dict) -> None:
    ingest, serve = report["ingest"], report["serve"]
    DOC.write_text(f"""# Crash safety (issue 13)

Measured by `python bench/crash_safety.py` (this page is written by the script; the runs are
in `bench/crash_safety.json`). Machine: {report['machine']}; {report['seconds']} s in all.

## kill -9 during `kg ingest`

A batch of generated articles (`kg.generate`, {ingest['claims_per_article']} claims each,
written as annotation files) is ingested {ingest['articles_per_chunk']} articles per `kg ingest`.
The first command runs to its end and calibrates the span ({ingest['calibrated_span_s']} s)
and the moment of its commit (its biggest write, read from `/proc/PID/io`, at
{ingest['commit_at_s']} s); each of the next {ingest['tries']} is killed with SIGKILL at a random
moment (seed {report['seed']}): half anywhere in the span, half within 0.4 s of the moment the
command has written half of what the calibration run had written at its commit (polling
`/proc/PID/io`), so that kills land before, during and after the commit. After every try the store
is opened, `kg validate` runs, and every article is compared, graph by graph and quad by
quad, with a clean ingest of the same files.

| | count |
|---|---|
| tries | {ingest['tries']} |
| killed before the commit (chunk absent) | {ingest['killed_before_commit']} |
| killed after the commit (chunk whole, not yet reported) | {ingest['killed_after_commit']} |
| finished before the kill | {ingest['finished_before_kill']} |
| articles reported as ingested | {ingest['reported_articles']} |
| reported articles lost or changed | **{ingest['lost']}** |
| tries leaving an article half-written, or a chunk half in | **{ingest['partial_or_mixed']}** |
| tries after which the store did not open or conform | **{ingest['failed_validation']}** |

`kg ingest` writes a whole batch in one transaction (RocksDB's write-ahead log makes it
atomic and durable), so a kill leaves the batch all in or all out.

## kill -9 during updates to `kg serve`

`kg serve --token` receives a stream of SPARQL updates, each `INSERT DATA` of one graph of
{serve['triples_per_update']} triples; the server is killed with SIGKILL at a random moment of
the stream (its engine dies with it), {serve['tries']} times on the same store.

| | count |
|---|---|
| tries | {serve['tries']} |
| updates answered 204 | {serve['acknowledged']} |
| acknowledged updates lost | **{serve['lost']}** |
| graphs half-written | **{serve['partial']}** |
| tries after which the store did not open or conform | **{serve['failed_validation']}** |
""", encoding="utf-8")


if __name__ == "__main__":
    main()
