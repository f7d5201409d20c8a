"""Exports of the projection for Gephi: GEXF (with colours and positions) and GraphML.

Both keep scalar attributes only (no None, lists or dicts), one type per attribute, and stay
clear of the names GEXF reserves: node ``start``/``end`` (text offsets) become
``text_start``/``text_end``, and edges say what they are in ``relation``, never ``type``.
Same graph in, same bytes out (the GEXF "last modified" date is left out). networkx reads
both back (``nx.read_gexf``, ``nx.read_graphml``). Usage::

    from kg.gephi import write_gexf, write_graphml
    write_gexf(project(store), Path("graph.gexf"))
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.viz.style import hex_to_rgb, node_color

#: Node attributes renamed on the way out (GEXF reserves these names).
NODE_RENAMES = {"id": "node_id", "start": "text_start", "end": "text_end", "viz": "viz_data",
                "key": "node_key"}
#: Edge attributes renamed on the way out (``type`` would become the GEXF edge type).
EDGE_RENAMES = {"id": "edge_id", "type": "relation_type", "weight": "link_weight",
                "start": "text_start", "end": "text_end", "key": "edge_key"}
#: GEXF has only these shapes; the others are drawn as discs.
GEXF_SHAPES = {"dot": "disc", "square": "square", "triangle": "triangle",
               "triangleDown": "triangle", "diamond": "diamond"}


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return "; ".join(str(v) for v in items)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _clean(items: list[dict[str, Any]], renames: dict[str, str]) -> list[dict[str, Any]]:
    """Scalar, renamed attributes with one type per name (int+float become float; any other
    mix becomes text)."""
    out = [{renames.get(k, k): _scalar(v) for k, v in attrs.items()} for attrs in items]
    out = [{k: v for k, v in attrs.items() if v is not None} for attrs in out]
    kinds: dict[str, set[type]] = {}
    for attrs in out:
        for key, value in attrs.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, found in kinds.items():
        if len(found) < 2:
            continue
        cast: Any = float if found <= {int, float} else str
        for attrs in out:
            if key in attrs:
                attrs[key] = cast(attrs[key])
    return out


def gephi_graph(graph: nx.MultiDiGraph,
                positions: dict[Hashable, tuple[float, float]] | None = None,
                with_viz: bool = True) -> nx.MultiDiGraph:
    """A copy of ``graph`` that GEXF and GraphML writers accept, with positions and colours.

    Positions default to :func:`kg.viz.layout.layout` (y grows upwards, as in Gephi). Edges
    are keyed ``e0``, ``e1``... in graph order. Usage: ``gephi_graph(project(store))``.
    """
    from kg.viz.layout import layout
    from kg.viz.style import node_style

    if positions is None:
        positions = layout(graph)
    nodes = list(graph.nodes(data=True))
    node_attrs = _clean([dict(attrs) for _, attrs in nodes], NODE_RENAMES)
    edges = list(graph.edges(data=True))
    edge_attrs = _clean([dict(attrs) for _, _, attrs in edges], EDGE_RENAMES)
    out = nx.MultiDiGraph()
    for (node, attrs), clean in zip(nodes, node_attrs, strict=True):
        x, y = positions.get(node, (0.0, 0.0))
        node_type = attrs.get("type", "thing")
        color = node_color(node_type, attrs.get("status"))
        clean.setdefault("label", str(node))
        clean["x"], clean["y"] = float(x), float(-y)
        clean["color"] = color
        if with_viz:
            r, g, b = hex_to_rgb(color)
            shape = GEXF_SHAPES.get(node_style(node_type)["shape"], "disc")
            clean["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                            "position": {"x": float(x), "y": float(-y), "z": 0.0},
                            "size": 10.0 if node_type == "claim" else 8.0, "shape": shape}
        out.add_node(node, **clean)
    for index, ((u, v, _), clean) in enumerate(zip(edges, edge_attrs, strict=True)):
        out.add_edge(u, v, key=f"e{index}", **clean)
    return out


def _write_atomically(path: Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """The GEXF 1.2 document of ``graph`` (colours, positions, sizes), byte for byte stable."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(gephi_graph(graph, with_viz=True))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """The GraphML document of ``graph`` (with ``x``, ``y`` and ``color`` attributes)."""
    buffer = io.BytesIO()
    nx.write_graphml_xml(gephi_graph(graph, with_viz=False), buffer, encoding="utf-8",
                         prettyprint=True)
    return buffer.getvalue()


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Write ``graph`` as GEXF for Gephi. Usage: ``write_gexf(project(store), Path("g.gexf"))``."""
    return _write_atomically(path, gexf_bytes(graph))


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Write ``graph`` as GraphML. Usage: ``write_graphml(project(store), Path("g.graphml"))``."""
    return _write_atomically(path, graphml_bytes(graph))
