"""Differential SERVICE/LOAD fuzz: does any generated request make kg serve connect out?

Generates requests (``tests/sparql_mutations.py``: SERVICE and LOAD in every spelling and
placement, each aimed at a TCP listener on 127.0.0.1) and sends every one to four targets:

1. a bare ``oxigraph serve`` (in memory, no sandbox): which requests make the engine
   connect — the egress kg must stop;
2. kg's parser (``kg.server.sparql_grammar``): which it refuses, which it passes;
3. a real ``kg serve`` (token set, so updates reach the checks): connections, statuses;
4. kg's sandboxed engine on its own (``kg.server.engine.Engine``), the requests sent to it
   directly, past the parser: connections.

After each request the listener is settled (it accepts a probe of its own, so every earlier
connection has been counted). It prints and writes the counts to bench/fuzz_sparql.json and
the "SPARQL" section of docs/FUZZ.md. Usage::

    python bench/fuzz_sparql.py                 # 10 000 requests, seed 13
    python bench/fuzz_sparql.py --count 500 --no-docs
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

from kg.server.engine import Engine, find_oxigraph, free_port  # noqa: E402
from kg.server.sparql_grammar import SparqlSyntaxError, outbound_operations  # noqa: E402
from tests.sparql_mutations import Request, generate, with_target  # noqa: E402
from tests.test_serve_support import TOKEN, Listener, start_server, stop_server  # noqa: E402

OUT = ROOT / "bench" / "fuzz_sparql.json"


def wait_answering(url: str, seconds: float = 30.0) -> None:
    """Poll ``url`` until it answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.02)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def send(client: httpx.Client, base: str, request: Request, headers: dict[str, str],
         query_path: str, update_path: str) -> int:
    """Send one request as a SPARQL Protocol form post; its HTTP status."""
    path, field = (update_path, "update") if request.update else (query_path, "query")
    try:
        return client.post(base + path, data={field: request.text}, headers=headers).status_code
    except httpx.HTTPError:
        return 0


def run_target(requests: list[Request], listener: Listener, base: str, query_path: str,
               update_path: str, headers: dict[str, str] | None = None) -> list[tuple[int, int]]:
    """(status, connections) per request."""
    results = []
    with httpx.Client(timeout=30) as client:
        for request in requests:
            before = len(listener.settle())
            status = send(client, base, request, headers or {}, query_path, update_path)
            results.append((status, len(listener.settle()) - before))
    return results


def parser_decision(request: Request) -> str:
    """"outbound" (refused: SERVICE/LOAD found), "syntax" (refused: unparsed), "pass"."""
    try:
        return "outbound" if outbound_operations(request.text, request.update) else "pass"
    except SparqlSyntaxError:
        return "syntax"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/FUZZ.md")
    args = parser.parse_args()

    listener = Listener()
    requests = [Request(with_target(r.text, f"http://127.0.0.1:{listener.port}"), r.update)
                for r in generate(args.count, args.seed)]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        bare = subprocess.Popen([find_oxigraph(), "serve", "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_answering(f"http://127.0.0.1:{port}/query")
            engine_alone = run_target(requests, listener, f"http://127.0.0.1:{port}",
                                      "/query", "/update")
        finally:
            bare.kill()
            bare.wait()

        decisions = [parser_decision(r) for r in requests]

        served = start_server(Path(tmp) / "kg-store", token=TOKEN)
        try:
            kg_serve = run_target(requests, listener, served.url, "/sparql", "/sparql",
                                  served.auth())
        finally:
            stop_server(served)

        engine = Engine(Path(tmp) / "sandboxed", timeout_s=5)
        engine.start()
        try:
            sandboxed = run_target(requests, listener, engine.url, "/query", "/update")
        finally:
            engine.stop()
    listener.close()

    connected = [i for i, (_, n) in enumerate(engine_alone) if n]
    missed = [i for i in connected if decisions[i] == "pass"]
    # Refused as unparsable though the engine parsed it (it answered, or failed running it).
    unparsed = [i for i, (status, _) in enumerate(engine_alone)
                if decisions[i] == "syntax" and status not in (0, 400)]
    report = {
        "requests": len(requests),
        "updates": sum(r.update for r in requests),
        "seed": args.seed,
        "bare_engine": {"connected": len(connected),
                        "statuses": dict(sorted(Counter(s for s, _ in engine_alone).items()))},
        "parser": {**dict(sorted(Counter(decisions).items())),
                   "passed_but_engine_connected": len(missed),
                   "unparsed_but_engine_parsed": len(unparsed)},
        "kg_serve": {"connections": sum(n for _, n in kg_serve),
                     "statuses": dict(sorted(Counter(s for s, _ in kg_serve).items()))},
        "sandboxed_engine_alone": {
            "connections": sum(n for _, n in sandboxed),
            "statuses": dict(sorted(Counter(s for s, _ in sandboxed).items()))},
        "examples": {
            "kg_serve_connected": [requests[i].text for i, (_, n) in enumerate(kg_serve) if n][:10],
            "passed_but_engine_connected": [requests[i].text for i in missed[:10]],
            "unparsed_but_engine_parsed": [requests[i].text for i in unparsed[:10]]},
        "seconds": round(time.monotonic() - started, 1),
        "machine": machine(),
    }
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "examples"}, indent=2))
    if not args.no_docs:
        write_docs(report)


def write_docs(report: dict) -> None:
    """Replace the SPARQL section of docs/FUZZ.md with this run's counts."""
    bare, parsed = report["bare_engine"], report["parser"]
    sandboxed = report["sandboxed_engine_alone"]
    section = f"""## SPARQL: SERVICE and LOAD (issue 13)

Measured by `python bench/fuzz_sparql.py` (this section is written by the script):
{report['requests']} generated requests ({report['updates']} updates), seed {report['seed']},
from `tests/sparql_mutations.py`: SERVICE and LOAD in every spelling (case, SILENT, glued to
the term before, comments and odd whitespace between, `\\u` escapes), after every kind of
term that can end a pattern, in every placement (top level, OPTIONAL, UNION, EXISTS, MINUS,
GRAPH, subquery, CONSTRUCT, DESCRIBE, aggregates, update WHERE, after `;`), with targets
given as IRIs, prefixed names, variables bound by VALUES and relative IRIs. Each one aims at
a TCP listener on 127.0.0.1, which is settled after every request. Machine: {report['machine']};
{report['seconds']} s in all.

| target | what happened |
|---|---|
| bare `oxigraph serve` (no defence) | **{bare['connected']}** requests made it connect |
| kg's parser: refused as SERVICE/LOAD | {parsed.get('outbound', 0)} |
| kg's parser: refused as unparsable | {parsed.get('syntax', 0)} |
| kg's parser: passed | {parsed.get('pass', 0)} |
| passed by the parser, yet the engine connected | **{parsed['passed_but_engine_connected']}** |
| refused as unparsable, though the engine parsed them | {parsed['unparsed_but_engine_parsed']} |
| `kg serve` | **{report['kg_serve']['connections']}** connections |
| kg's sandboxed engine alone, sent past the parser | **{sandboxed['connections']}** connections |

HTTP statuses: bare engine {bare['statuses']}; kg serve {report['kg_serve']['statuses']};
sandboxed engine alone {sandboxed['statuses']}.

The last row is the second wall on its own: the same requests, sent straight to the engine
kg serve runs, with no parser in front. The regular suite runs a fixed sample of 300 of these
requests (`tests/test_serve_egress.py`)."""
    replace_section("fuzz-sparql", section)


if __name__ == "__main__":
    main()
