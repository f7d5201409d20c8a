"""The interactive graph page: one self-contained, offline HTML file.

The page is kg's own template around vis-network's standalone build (inlined, so nothing is
fetched from the network), the graph as JSON in a ``<script type="application/json">``
element, and a small script that shows every piece of data as text, never as HTML. Positions
come from :mod:`kg.viz.layout`; physics runs in the browser only on small graphs. Usage::

    from kg.viz.page import render_page, write_page
    html = render_page(graph, "Claims about Stargate")
    write_page(store, Path("exports/graph.html"))
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.store import Store
from kg.viz.layout import layout
from kg.viz.projection import disputed_group_index, project
from kg.viz.select import select_graph
from kg.viz.style import (
    DISPUTED_GROUP_STYLE,
    EDGE_TYPES,
    NODE_TYPES,
    STATUS_COLORS,
    UNKNOWN_STATUS_COLOR,
    node_style,
)

#: Above this many nodes the browser runs no physics (positions come from Python only).
PHYSICS_MAX_NODES = 1000
#: Above this many nodes edges are straight and hidden while dragging or zooming.
BIG_GRAPH_NODES = 3000

#: How the panel reads each relation, from the node at either end.
RELATION_HEADINGS: dict[str, tuple[str, str]] = {
    "said": ("Said", "Said by"),
    "reported": ("Reported", "Reported by"),
    "about": ("About", "Claims about it"),
    "disputes": ("Disputes", "Disputed by"),
    "supports": ("Supports", "Supported by"),
    "works_for": ("Works for", "People working for it"),
    "member_of": ("Member of", "Members"),
    "has_figure": ("Figures", "Given in"),
    "appears_in": ("Appears in", "Claims in this source"),
    "published": ("Published", "Published by"),
}

_TYPE_NAMES = {"person": "Person", "organization": "Organisation", "group": "Unnamed group",
               "product": "Product", "place": "Place", "event": "Event", "thing": "Other thing",
               "claim": "Claim", "figure": "Figure", "article": "Article (source)"}

_SLOT = re.compile(r"__(CSP|TITLE|CSS|DATA|VIS|APP)__")


@cache
def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` are escaped.

    Usage: ``script_json({"text": "</script>"})`` gives ``'{"text":"\\u003c/script\\u003e"}'``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline_script(code: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _sha256(code: str) -> str:
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def page_data(graph: nx.MultiDiGraph, focus: str | None = None) -> dict[str, Any]:
    """What the page embeds: styles, nodes with positions and attributes, edges by index,
    and the disputed claim groups (``groups``: ``id``, ``label``, ``claims`` as node indices,
    sorted by label).

    Usage: ``page_data(graph)["meta"]["nodes"]``.
    """
    positions = layout(graph)
    index = {node: i for i, node in enumerate(graph.nodes)}
    nodes = []
    for node, attrs in graph.nodes(data=True):
        x, y = positions[node]
        record = {"id": node, "x": x, "y": y}
        record.update({k: _json_value(v) for k, v in attrs.items()
                       if isinstance(v, str | int | float | bool) and k not in record})
        record.setdefault("type", "thing")
        record.setdefault("label", node)
        nodes.append(record)
    edges = []
    for u, v, attrs in graph.edges(data=True):
        relation = attrs.get("relation", "about")
        extra = {k: _json_value(val) for k, val in attrs.items()
                 if k not in ("relation", "label") and isinstance(val, str | int | float | bool)}
        edges.append([index[u], index[v], relation, extra] if extra
                     else [index[u], index[v], relation])
    count = graph.number_of_nodes()
    types = {t: {**node_style(t), "label": s["label"], "name": _TYPE_NAMES.get(t, t)}
             for t, s in NODE_TYPES.items()}
    statuses = {k: {"label": v["label"], "color": v["color"],
                    "font_color": node_style("claim", k)["font_color"]}
                for k, v in STATUS_COLORS.items()}
    relations = {k: {**v, "out": RELATION_HEADINGS.get(k, (k, k))[0],
                     "in": RELATION_HEADINGS.get(k, (k, k))[1]} for k, v in EDGE_TYPES.items()}
    groups = [{"id": iri, "label": group["label"],
               "claims": [index[node] for node in group["claims"]]}
              for iri, group in disputed_group_index(graph).items()]
    groups.sort(key=lambda g: (g["label"].casefold(), g["id"]))
    return {
        "meta": {"nodes": count, "edges": graph.number_of_edges(),
                 "physics": count <= PHYSICS_MAX_NODES, "big": count > BIG_GRAPH_NODES,
                 "focus": focus if focus in index else None},
        "types": types,
        "statuses": statuses,
        "unknown_status": {"label": "Unknown", "color": UNKNOWN_STATUS_COLOR,
                           "font_color": "#1a1a1a"},
        "relations": relations,
        "disputed": DISPUTED_GROUP_STYLE,
        "groups": groups,
        "nodes": nodes,
        "edges": edges,
    }


def render_page(graph: nx.MultiDiGraph, title: str, focus: str | None = None) -> str:
    """The whole page as one HTML string (no outside request, data shown only as text).

    ``focus``: a node to select when the page opens. Usage: ``render_page(graph, "Seed")``.
    """
    vis = _inline_script(_asset("vis-network.min.js"))
    app = _inline_script(_asset("page.js"))
    csp = ("default-src 'none'; "
           f"script-src {_sha256(vis)} {_sha256(app)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    slots = {
        "CSP": csp,
        "TITLE": html.escape(title, quote=True),
        "CSS": _asset("page.css"),
        "DATA": script_json(page_data(graph, focus)),
        "VIS": vis,
        "APP": app,
    }
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("page.html"))


def page_title(graph: nx.MultiDiGraph, focus: str | None = None, depth: int = 2) -> str:
    """A title saying what the page shows: ``'kg — 41 claims from 1 article'``, or
    ``'kg — around Roy Chua (depth 1): 15 claims'`` with a focus."""
    kinds = [attrs.get("kind") for _, attrs in graph.nodes(data=True)]
    claims, articles = kinds.count("claim"), kinds.count("article")
    counted = f"{claims} claim{'s' * (claims != 1)}"
    if focus is not None and focus in graph:
        return f"kg — around {graph.nodes[focus].get('label', focus)} (depth {depth}): {counted}"
    return f"kg — {counted} from {articles} article{'s' * (articles != 1)}"


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_page(store: Store, out: Path, focus: str | None = None, depth: int = 2,
               statuses: list[str] | None = None, types: list[str] | None = None) -> Path:
    """Write the graph page of ``store`` to ``out`` (whole, or never half-written); returns it.

    ``focus`` (an entity's name, alias or id, or a claim's id or IRI) and ``depth`` keep only
    its neighbourhood; ``statuses`` and ``types`` keep only those claims and node types.
    Raises kg.errors.UsageError for an unknown focus, status or type.
    Usage: ``write_page(store, Path("graph.html"), focus="Roy Chua", depth=1)``.
    """
    from kg.viz.select import find_node

    graph = project(store)
    part = select_graph(graph, focus, depth, statuses, types)
    target = find_node(graph, focus) if focus else None
    out = Path(out)
    _write_atomically(out, render_page(part, page_title(part, target, depth), focus=target))
    return out
