"""Benchmark of the graph page: HTML size, build time and time to first draw in Chromium.

Builds synthetic graphs (kg.viz.synthetic) of 500, 5 000 and 20 000 nodes plus the seed graph,
renders each page, opens it in headless Chromium (Playwright driving /usr/bin/chromium) and
measures the first draw (the page records ``performance.now()`` at vis-network's first
``afterDrawing``), then how fast it answers a click, a search and a filter. Writes
docs/VIZ.md (usage, legend and these numbers). Usage::

    python bench/bench_viz.py                       # writes docs/VIZ.md
    python bench/bench_viz.py --sizes 500 5000 --runs 1 --out /tmp/VIZ.md
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

_AFTER_TWO_FRAMES = ("new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
                     "() => r(performance.now() - t))))")
CLICK_JS = ("id => { const t = performance.now(); kgView.focusNode(id, false); return "
            + _AFTER_TWO_FRAMES + "; }")
CLEAR_JS = "() => { const t = performance.now(); kgView.clearSelection(); return " \
           + _AFTER_TWO_FRAMES + "; }"
SEARCH_JS = "q => { const t = performance.now(); kgView.search(q); return performance.now() - t; }"
FILTER_JS = """() => { const box = document.querySelector(
    "#kg-filter-statuses input[value='unverified']");
  const t = performance.now(); box.click(); return """ + _AFTER_TWO_FRAMES + "; }"
FRAME_JS = """() => { const t = performance.now(); kgView.network.redraw();
  return performance.now() - t; }"""


def _page_timings(browser: Any, path: Path, probe: str, search: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-first-draw='1']", state="attached", timeout=600_000)
    page.wait_for_selector("body[data-stable='1']", state="attached", timeout=600_000)
    timings = page.evaluate("kgTimings")
    result = {
        "first_draw_ms": timings["firstDraw"],
        "script_start_ms": timings["start"],
        "network_ms": timings["network"] - timings["datasets"],
        "stable_ms": page.evaluate("performance.now()"),
        "frame_ms": statistics.median(page.evaluate(FRAME_JS) for _ in range(3)),
        "click_ms": page.evaluate(CLICK_JS, probe),
        "clear_ms": page.evaluate(CLEAR_JS),
        "search_ms": page.evaluate(SEARCH_JS, search),
        "filter_ms": page.evaluate(FILTER_JS),
    }
    context.close()
    if outside:
        raise RuntimeError(f"{path.name} asked for outside addresses: {outside[:3]}")
    return result


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _seed_graph(work: Path) -> Any:
    from kg.build import build_all
    from kg.store import open_store
    from kg.viz.projection import project

    with open_store(str(work / "store")) as store:
        build_all(store, work / "exports")
        return project(store)


def measure(sizes: list[int], runs: int) -> tuple[list[dict[str, Any]], str]:
    """Measure every graph; returns the rows and the Chromium version."""
    from playwright.sync_api import sync_playwright

    from kg.viz.layout import layout
    from kg.viz.page import render_page
    from kg.viz.synthetic import synthetic_graph

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        graphs = [("seed (data/annotations)", _seed_graph(work))]
        graphs += [(f"synthetic {n}", synthetic_graph(n)) for n in sizes]
        for name, graph in graphs:
            started = time.perf_counter()
            layout(graph)
            layout_s = time.perf_counter() - started
            started = time.perf_counter()
            html = render_page(graph, name)
            render_s = time.perf_counter() - started
            path = work / f"{name.split()[0]}-{graph.number_of_nodes()}.html"
            path.write_text(html, encoding="utf-8")
            probe = next(n for n, a in graph.nodes(data=True) if a.get("type") == "person")
            search = str(graph.nodes[probe]["label"])
            timings = _median([_page_timings(browser, path, probe, search)
                               for _ in range(runs)])
            rows.append({"graph": name, "nodes": graph.number_of_nodes(),
                         "edges": graph.number_of_edges(), "bytes": path.stat().st_size,
                         "layout_s": layout_s, "render_s": render_s, **timings})
        version = browser.version
        browser.close()
    return rows, version


USAGE = """\
# The graph page

One self-contained HTML file that shows the claims graph: people, organisations, unnamed
groups, products and places, the claims they made (coloured by status), the figures those
claims give and the articles they come from. It opens offline, from a USB stick or an email
attachment: vis-network's standalone build is inside the file and the page makes no request to
any outside address (its Content-Security-Policy forbids it too).

## Making a page

```sh
kg build                                   # also writes exports/graph.html (the whole seed graph)
kg viz --out graph.html                    # every article in the store
kg viz --focus "Roy Chua" --depth 1        # one person and what they said
kg viz --focus c11 --depth 2               # a claim, who said it, what disputes it, and around
kg viz --status contested --status refuted # only those claims, with who said them
kg viz --type person --type organization   # only those kinds of node
```

`--focus` takes an entity's name, alias or id, or a claim's id (`c11`, `article/c11`, its IRI).
`--depth N` keeps what is at most N links away (article nodes are shown but not walked through,
or every claim of the article would come along). `--status` keeps only those claims and what
they link to (speakers, figures, sources, what they are about). `--type` keeps only those node
types: person, organization, group, product, place, event, thing, claim, figure, article.

From Python:

```python
from pathlib import Path
from kg.store import open_store
from kg.viz import project, render_page, write_page
from kg.stats import compute_stats
from kg.gephi import write_gexf, write_graphml

with open_store(".kg-store") as store:
    write_page(store, Path("graph.html"), focus="Roy Chua", depth=1)
    graph = project(store)               # networkx MultiDiGraph, nodes keyed by IRI
    stats = compute_stats(store, top=10) # kg stats --format json
write_gexf(graph, Path("graph.gexf"))    # Gephi: colours and positions included
write_graphml(graph, Path("graph.graphml"))
html = render_page(graph, "My title")    # the page for any graph shaped like the projection
```

## Reading the page

- **Search** (top): type part of a name, an alias, a claim id (`c11`) or words of a claim; the
  list updates as you type. Enter (or a click) selects the first match, centres it and opens
  its panel. Accents and case do not matter.
- **Panel** (right): click a node, or hover over it when nothing is selected. A claim shows its
  exact words, its status and the reason for it, who said it and who reported it, the source and
  the position of the words in it (character offsets), its figures, kind and category, and every
  link (what it is about, what disputes or supports it). A person lists every claim they made
  with its status, then their organisations. Every name in the panel is a link to that node.
- **Neighbourhood**: the selected node, its links and its neighbours stay bright; the rest
  fades. Click empty space to go back.
- **Filters** (left): the legend is also the filter. Untick a node type or a claim status to
  hide it (figures of hidden claims go with them). Searching for a hidden node shows it again.
- **Fit** shows the whole graph again.

Everything from the data is shown as text (`textContent`, canvas labels): a name or a quote
that contains `<script>` or `<img onerror=...>` is displayed as those characters and never runs.
The graph travels inside the page as JSON in a `<script type="application/json">` element with
`<`, `>` and `&` escaped, and the page's Content-Security-Policy allows only its own two scripts
(by hash).

## Legend

Nodes are shaped and coloured by type; claims are boxes coloured by status.

"""

BIG = """\
## Big graphs

Positions are computed in Python before the page is written (deterministic: same graph, same
file). Up to 400 nodes: networkx `spring_layout` with a fixed seed. Above: Louvain communities
(fixed seed), each laid out by the spring layout and packed where the graph of communities puts
them. Up to 1 000 nodes the browser then runs a short physics pass to spread the labels and
stops; above 1 000 there is no physics at all. Above 3 000 nodes edges are straight, have no
arrow heads and are hidden while dragging or zooming, and the neighbourhood highlight is drawn
over the finished frame (its cost is the size of the neighbourhood, not of the graph).

Limits, measured below: at 20 000 nodes the Python layout takes about 11 s, one full redraw
about a quarter of a second (so panning is jerky, though edges are hidden while moving) and a
filter about a second; without physics, labels in dense areas overlap until you zoom in. The
neighbourhood highlight redraws nodes with vis-network's internal `Node.draw`/`Edge.draw`
(the page embeds vis-network 10.1.5; if a future version changed them, the highlight would
simply not show, the rest of the page keeps working).

## Gephi and statistics

`kg.gephi.write_gexf` and `write_graphml` write the projection with scalar attributes only
(lists joined with `; `, no empty values), text offsets as `text_start`/`text_end` and the link
type as `relation` (GEXF reserves `start`, `end`, `type`...). GEXF carries colours, sizes and
positions (`viz:`); GraphML carries `x`, `y` and `color`. `kg stats` (`kg.stats.compute_stats`)
counts nodes by type, claims by status, kind and category, lists the most-quoted speakers and the
most-disputed claims, and the top degree and betweenness centralities (on the projection without
article nodes; estimated from a seeded sample of 400 nodes above 2 000 nodes).

"""


def report(rows: list[dict[str, Any]], version: str, runs: int) -> str:
    """The whole docs/VIZ.md text."""
    from kg.viz.style import legend_markdown

    lines = [USAGE, legend_markdown(), "", BIG, "## Performance", "",
             "Measured by `python bench/bench_viz.py` (median of "
             f"{runs} page load{'s' * (runs != 1)} each) in headless Chromium {version}, "
             f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
             f"{platform.python_version()}. *First draw* is `performance.now()` at "
             "vis-network's first `afterDrawing` (from the start of navigation); *click* is "
             "selecting a node (highlight and panel) until two frames later; *filter* is unticking "
             "the *unverified* status; *frame* is one full redraw of the whole graph. Up to "
             "1 000 nodes the first draw comes after the short physics pass.", "",
             "| graph | nodes | links | HTML | layout (Python) | page build (Python) "
             "| first draw | click | search | filter | frame |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(
            f"| {row['graph']} | {row['nodes']:,} | {row['edges']:,} "
            f"| {row['bytes'] / 1e6:.1f} MB | {row['layout_s']:.2f} s "
            f"| {row['render_s']:.2f} s | {row['first_draw_ms'] / 1000:.2f} s "
            f"| {row['click_ms']:.0f} ms | {row['search_ms']:.1f} ms "
            f"| {row['filter_ms']:.0f} ms | {row['frame_ms']:.0f} ms |")
    lines += ["", "The page build includes the layout. The HTML holds vis-network "
              "(about 0.65 MB) and the graph.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "VIZ.md")
    args = parser.parse_args()
    rows, version = measure(args.sizes, args.runs)
    args.out.write_text(report(rows, version, args.runs), encoding="utf-8")
    for row in rows:
        print(f"{row['graph']}: {row['bytes'] / 1e6:.1f} MB, first draw "
              f"{row['first_draw_ms'] / 1000:.2f} s, click {row['click_ms']:.0f} ms")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
