"""Mutated SPARQL requests against a real kg serve: no server error, no traceback, still up.

Seeds are the W3C syntax suites' queries and updates (tests/fixtures/sparql/w3c-syntax.json)
and kg's canned queries; ``tests/sparql_mutations.mutate`` flips bytes, inserts, deletes and
repeats tokens, nests deeply, adds huge literals. Each request goes to ``kg serve --token``
(updates with the token, so they reach the checks and the engine) on a store holding the
bundled seed article. Counts statuses, server errors (500, 502), the slowest answer, engine
restarts, and tracebacks in the server's log; writes bench/fuzz_sparql_mutations.json and the
"SPARQL mutations" section of docs/FUZZ.md. Usage::

    python bench/fuzz_sparql_mutations.py               # 10 000 requests, seed 13
    python bench/fuzz_sparql_mutations.py --count 300 --no-docs
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fuzz_report import machine, replace_section  # noqa: E402

from kg.canned import load_queries  # noqa: E402
from kg.server.query_page import examples  # noqa: E402
from tests.sparql_mutations import mutate  # noqa: E402
from tests.test_serve_support import TOKEN, start_server, stop_server  # noqa: E402

OUT = ROOT / "bench" / "fuzz_sparql_mutations.json"
SEED_ANNOTATION = ROOT / "data" / "annotations" / "deepseek-stargate-mwl.yaml"


def seeds() -> tuple[list[str], list[str]]:
    """(queries, updates) to mutate."""
    cases = json.loads((ROOT / "tests" / "fixtures" / "sparql" / "w3c-syntax.json")
                       .read_text(encoding="utf-8"))
    queries = [c["text"] for c in cases if not c["update"]]
    queries += [e.sparql for e in examples(load_queries())]
    return queries, [c["text"] for c in cases if c["update"]]


def run(count: int, seed: int, store: Path) -> dict:
    """Send ``count`` mutated requests (one in four an update) to a fresh kg serve."""
    subprocess.run([sys.executable, "-m", "kg", "--store", str(store), "ingest",
                    str(SEED_ANNOTATION)], check=True, capture_output=True, cwd=ROOT)
    queries, updates = seeds()
    requests = [(text, False) for text in mutate(queries, count - count // 4, seed)]
    requests += [(text, True) for text in mutate(updates, count // 4, seed + 1)]
    served = start_server(store, "--timeout", "2", token=TOKEN)
    statuses: Counter[int] = Counter()
    slowest, errors = 0.0, []
    try:
        with httpx.Client(timeout=60) as client:
            for text, update in requests:
                started = time.monotonic()
                try:
                    answer = client.post(served.url + "/sparql",
                                         data={"update" if update else "query": text},
                                         headers=served.auth())
                    status = answer.status_code
                    one_line = answer.text.count("\n") <= 1 if status >= 400 else True
                except httpx.HTTPError as error:
                    status, one_line = 0, False
                    errors.append(f"{type(error).__name__}: {text[:80]!r}")
                slowest = max(slowest, time.monotonic() - started)
                statuses[status] += 1
                if status in (0, 500, 502) or not one_line:
                    errors.append(f"{status}: {text[:120]!r}")
        health = httpx.get(served.url + "/health", timeout=10)
        alive, restarts = health.status_code == 200, health.json()["engine"]["restarts"]
    finally:
        stop_server(served)
        log = served.log_text()
    return {"requests": len(requests), "updates": count // 4, "seed": seed,
            "statuses": dict(sorted(statuses.items())),
            "server_errors": sum(statuses[s] for s in (0, 500, 502)),
            "not_one_line": sum(1 for e in errors if not e.startswith(("0:", "500", "502"))),
            "tracebacks_in_log": log.count("Traceback"), "alive_after": alive,
            "engine_restarts": restarts, "slowest_s": round(slowest, 2),
            "examples": errors[:10]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        report = run(args.count, args.seed, Path(tmp) / "store")
    report["seconds"] = round(time.monotonic() - started, 1)
    report["machine"] = machine()
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if not args.no_docs:
        write_docs(report)


def write_docs(report: dict) -> None:
    """Replace the "SPARQL mutations" section of docs/FUZZ.md."""
    section = f"""## SPARQL mutations

Measured by `python bench/fuzz_sparql_mutations.py` (this section is written by the script):
{report['requests']} mutated requests ({report['updates']} updates, sent with the token),
seed {report['seed']}, from the W3C syntax suites and kg's canned queries, to `kg serve
--timeout 2` on the seed store. Machine: {report['machine']}; {report['seconds']} s.

| | count |
|---|---|
| HTTP statuses | {report['statuses']} |
| server errors (500, 502, no answer) | **{report['server_errors']}** |
| error answers longer than one line | **{report['not_one_line']}** |
| tracebacks in the server's log | **{report['tracebacks_in_log']}** |
| server answering `/health` afterwards | {report['alive_after']} |
| engine restarts (time limit or crash) | {report['engine_restarts']} |
| slowest answer | {report['slowest_s']} s |"""
    replace_section("fuzz-mutations", section)


if __name__ == "__main__":
    main()
