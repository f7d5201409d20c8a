"""How each kind of node and edge looks: one mapping for the page, its legend, Gephi and the docs.

Node types are the entity types of :mod:`kg.vocab` plus ``claim``, ``figure`` and ``article``;
claims take their colour from their status. Usage::

    from kg.viz.style import node_style, legend
    node_style("claim", "contested")["color"]   # '#f57c00'
    legend()["nodes"][0]["label"]               # 'Person'
"""

from __future__ import annotations

from typing import Any

#: Node types in legend order: entities first, then claims, figures and articles.
NODE_TYPES: dict[str, dict[str, str]] = {
    "person": {"label": "Person", "shape": "dot", "color": "#1f77b4"},
    "organization": {"label": "Organisation", "shape": "square", "color": "#8e5cc2"},
    "group": {"label": "Unnamed group", "shape": "triangle", "color": "#17a2b8"},
    "product": {"label": "Product", "shape": "diamond", "color": "#8c564b"},
    "place": {"label": "Place", "shape": "hexagon", "color": "#9e9d24"},
    "event": {"label": "Event", "shape": "star", "color": "#d81b60"},
    "thing": {"label": "Other thing", "shape": "triangleDown", "color": "#757575"},
    "claim": {"label": "Claim (colour = status)", "shape": "box", "color": "#cfd8dc"},
    "figure": {"label": "Figure", "shape": "ellipse", "color": "#fff8e1"},
    "article": {"label": "Article (source)", "shape": "database", "color": "#37474f"},
}

#: Claim statuses (the keys of kg.vocab.STATUSES) and their colours.
STATUS_COLORS: dict[str, dict[str, str]] = {
    "unverified": {"label": "Unverified", "color": "#cfd8dc"},
    "contested": {"label": "Contested", "color": "#f57c00"},
    "confirmed": {"label": "Confirmed", "color": "#43a047"},
    "refuted": {"label": "Refuted", "color": "#e53935"},
}
#: Colour of a claim whose status is missing or not in STATUS_COLORS.
UNKNOWN_STATUS_COLOR = "#eeeeee"

#: How the page marks a claim of a disputed claim group (sources contradict each other):
#: a thick border and a halo of this colour around the node, whatever its status.
DISPUTED_GROUP_STYLE: dict[str, str] = {
    "label": "Claim in a disputed group",
    "border": "#b71c1c",
    "halo": "rgba(211,47,47,0.85)",
}

#: Relations (edge types), their reading and their look. ``dashes`` and ``width`` follow
#: vis-network's edge options; ``label`` is shown on the edge only when ``show_label`` is true.
EDGE_TYPES: dict[str, dict[str, Any]] = {
    "said": {"label": "said", "color": "#1f77b4", "width": 2, "dashes": False},
    "reported": {"label": "reported", "color": "#64b5f6", "width": 1.5, "dashes": True},
    "about": {"label": "about", "color": "#9e9e9e", "width": 1, "dashes": False},
    "disputes": {"label": "disputes", "color": "#e53935", "width": 3, "dashes": False,
                 "show_label": True},
    "supports": {"label": "supports", "color": "#43a047", "width": 3, "dashes": False,
                 "show_label": True},
    "works_for": {"label": "works for", "color": "#8e5cc2", "width": 1.5, "dashes": True},
    "member_of": {"label": "member of", "color": "#17a2b8", "width": 1.5, "dashes": True},
    "has_figure": {"label": "gives figure", "color": "#ffb300", "width": 1, "dashes": False},
    "appears_in": {"label": "appears in", "color": "#dde3e6", "width": 0.5, "dashes": False},
    "published": {"label": "published", "color": "#37474f", "width": 1, "dashes": True},
}

_DARK_FILLS = {"#37474f", "#1f77b4", "#8e5cc2", "#8c564b", "#d81b60", "#757575", "#e53935"}


def node_color(node_type: str, status: str | None = None) -> str:
    """The fill colour of a node. Usage: ``node_color("claim", "refuted")`` gives ``'#e53935'``."""
    if node_type == "claim":
        return STATUS_COLORS.get(status or "", {}).get("color", UNKNOWN_STATUS_COLOR)
    return NODE_TYPES.get(node_type, NODE_TYPES["thing"])["color"]


def node_style(node_type: str, status: str | None = None) -> dict[str, str]:
    """Shape, fill and text colour of a node. Usage: ``node_style("person")["shape"]``."""
    base = NODE_TYPES.get(node_type, NODE_TYPES["thing"])
    color = node_color(node_type, status)
    inside = base["shape"] in ("box", "ellipse", "database")
    font = "#ffffff" if inside and color in _DARK_FILLS else "#1a1a1a"
    return {"shape": base["shape"], "color": color, "font_color": font}


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#1f77b4"`` as ``(31, 119, 180)``."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def legend() -> dict[str, list[dict[str, Any]]]:
    """The legend as data: node types, claim statuses and relations, in display order."""
    nodes = [{"type": t, "label": s["label"], **node_style(t)} for t, s in NODE_TYPES.items()]
    statuses = [{"status": k, "label": v["label"], "color": v["color"], "shape": "box"}
                for k, v in STATUS_COLORS.items()]
    edges = [{"relation": k, "label": v["label"], "color": v["color"], "width": v["width"],
              "dashes": v["dashes"]} for k, v in EDGE_TYPES.items()]
    return {"nodes": nodes, "statuses": statuses, "edges": edges}


def legend_markdown() -> str:
    """The legend as Markdown tables (for docs/VIZ.md)."""
    lines = ["| node type | shape | colour |", "|---|---|---|"]
    for entry in legend()["nodes"]:
        color = "by status, below" if entry["type"] == "claim" else f"`{entry['color']}`"
        lines.append(f"| {entry['label']} (`{entry['type']}`) | {entry['shape']} | {color} |")
    lines += ["", "| claim status | colour |", "|---|---|"]
    for entry in legend()["statuses"]:
        lines.append(f"| {entry['label']} (`{entry['status']}`) | `{entry['color']}` |")
    lines += ["", "| relation | reads | colour | line |", "|---|---|---|---|"]
    for entry in legend()["edges"]:
        line = "dashed" if entry["dashes"] else "solid"
        lines.append(f"| `{entry['relation']}` | {entry['label']} | `{entry['color']}` | "
                     f"{line}, {entry['width']} px |")
    return "\n".join(lines) + "\n"
