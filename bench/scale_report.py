"""Write the result tables of docs/BENCHMARKS.md from bench/scale.json (bench_scale.py's output).

The tables go between ``<!-- scale:start -->`` and ``<!-- scale:end -->``; the prose around
them is kept. Usage::

    python bench/scale_report.py [--json bench/scale.json] [--doc docs/BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- scale:start -->", "<!-- scale:end -->"
SELECTIVE = ("claim-source", "claims-by-person", "figures-about", "who-said-about")
ENGINES = (("embedded", "embedded"), ("oxigraph_serve", "oxigraph serve"),
           ("virtuoso", "Virtuoso"), ("rdflib", "rdflib"))


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _ms(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "—"
    if entry.get("timed_out"):
        return f"> {entry['timeout_s'] * 1000:,.0f} (stopped)".replace(",", " ")
    if "error" in entry:
        return "refused"
    return f"{entry['p50_ms']:g} / {entry['p95_ms']:g}"


def _ratio(rdflib: dict[str, Any] | None, embedded: dict[str, Any] | None) -> str:
    if not rdflib or not embedded or "p50_ms" not in embedded:
        return "—"
    if rdflib.get("timed_out"):
        return f"> {rdflib['timeout_s'] * 1000 / embedded['p95_ms']:,.0f}×".replace(",", " ")
    if "p50_ms" not in rdflib:
        return "—"
    return f"{rdflib['p50_ms'] / embedded['p50_ms']:,.0f}×".replace(",", " ")


def level_tables(level: str, entry: dict[str, Any]) -> list[str]:
    """The tables of one corpus size."""
    emb = entry["embedded"]
    lines = [f"### {_n(int(level))} claims ({_n(emb['quads'])} quads)", ""]
    mb = emb["nquads_bytes"] / 1e6
    lines += ["| | value |", "|---|---|",
              f"| generation (N-Quads, {mb:,.0f} MB) | {emb['generate_s']} s |",
              f"| bulk load (embedded) | {emb['bulk_load_s']} s, "
              f"{_n(emb['bulk_quads_per_s'])} quads/s |",
              f"| entity index rebuild after the bulk load | {emb['index_rebuild_s']} s, "
              f"{_n(emb['index_quads'])} index quads |",
              "| kg's transactional ingest (SPARQL Update, index updated, SHACL and reconcile "
              f"off) | {_n(emb['ingest_quads_per_s'])} quads/s |",
              f"| disk | {emb['disk_bytes'] / 1e9:.2f} GB, "
              f"{emb['disk_bytes_per_quad']} bytes/quad |"]
    for key, name in (("oxigraph_serve", "oxigraph serve"), ("virtuoso", "Virtuoso")):
        if key in entry:
            server = entry[key]
            write = (f"{_n(server['update_quads_per_s'])} quads/s"
                     if "update_quads_per_s" in server else "refused (see notes)")
            lines.append(f"| {name}: load / kg write path | {server['load_s']} s / {write} |")
    if "rdflib" in entry:
        rdf = entry["rdflib"]
        lines.append(f"| rdflib: parse / peak memory | {rdf['parse_s']} s "
                     f"({_n(rdf['quads_per_s'])} quads/s) / {rdf['max_rss_bytes'] / 1e9:.1f} GB |")
    present = [(k, n) for k, n in ENGINES if k in entry]
    header = "| query | rows | " + " | ".join(n for _, n in present)
    lines += ["", "Latency p50 / p95 in ms (warm; selective queries: a different parameter "
              "each run):", "", header + " | rdflib ÷ embedded |",
              "|---|---|" + "---|" * (len(present) + 1)]
    for name in sorted(emb["queries"]):
        rows = emb["queries"][name].get("rows_first", emb["queries"][name].get("rows_last"))
        label = f"**{name}**" if name in SELECTIVE else name
        cells = [_ms(entry[k]["queries"].get(name)) for k, _ in present]
        ratio = _ratio(entry.get("rdflib", {}).get("queries", {}).get(name),
                       emb["queries"].get(name))
        lines.append(f"| {label} | {rows} | " + " | ".join(cells) + f" | {ratio} |")
    return [*lines, "", *rank_table(emb.get("by_rank", {}))]


def rank_table(by_rank: dict[str, dict[str, Any]]) -> list[str]:
    """The name queries for the pool members at fixed popularity ranks (embedded store)."""
    if not by_rank:
        return []
    ranks = sorted({int(r) for per in by_rank.values() for r in per})
    lines = ["The name queries for the person or topic at a given popularity rank (rank 0 is the "
             "most named; rows, then p95 in ms, embedded):", "",
             "| query | " + " | ".join(f"rank {_n(r)}" for r in ranks) + " |",
             "|---|" + "---|" * len(ranks)]
    for name in sorted(by_rank):
        cells = [(f"{by_rank[name][str(r)]['rows']} rows: {by_rank[name][str(r)]['p95_ms']:g}"
                  if str(r) in by_rank[name] else "—") for r in ranks]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def render(report: dict[str, Any]) -> str:
    """Every level's tables, smallest first, after a line on the machine."""
    m = report["machine"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, "
             f"Python {m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}.", ""]
    for level in sorted(report["levels"], key=int):
        if "embedded" in report["levels"][level]:
            lines += level_tables(level, report["levels"][level])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "scale.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    args = parser.parse_args()
    text = args.doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    body = render(json.loads(args.json.read_text(encoding="utf-8")))
    args.doc.write_text(f"{head}{START}\n{body}\n{END}{tail}", encoding="utf-8")
    print(f"wrote {args.doc}")


if __name__ == "__main__":
    main()
