"""The projection as a pyvis ``Network``, for exploring the graph in a notebook.

Same shapes and colours as the page (:mod:`kg.viz.style`); node and edge titles are plain
text (any "<" or ">" in the data is replaced by a look-alike character, since pyvis's
template may assign titles as HTML). Usage::

    from kg.viz import project
    from kg.viz.notebook import to_pyvis
    net = to_pyvis(project(store))
    net.save_graph("graph.html")      # pyvis's own page (loads vis-network from a CDN)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.viz.layout import layout
from kg.viz.style import EDGE_TYPES, node_style

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

_INERT = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def plain(text: object) -> str:
    """Text that no HTML renderer can read as markup. Usage: ``plain("<b>")`` gives ``'‹b›'``."""
    return str(text).translate(_INERT)


def to_pyvis(graph: nx.MultiDiGraph, height: str = "800px") -> Network:
    """A pyvis Network of the projection, laid out like the page (positions from networkx)."""
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=True, cdn_resources="remote")
    positions = layout(graph)
    for node, attrs in graph.nodes(data=True):
        style = node_style(attrs.get("type", "thing"), attrs.get("status"))
        x, y = positions[node]
        title = attrs.get("text") or attrs.get("label", node)
        net.add_node(str(node), label=plain(attrs.get("label", node)), title=plain(title),
                     shape=style["shape"], color=style["color"], x=x, y=y, physics=False)
    for source, target, attrs in graph.edges(data=True):
        look = EDGE_TYPES.get(attrs.get("relation", ""), {})
        net.add_edge(str(source), str(target), title=plain(attrs.get("label", "")),
                     color=look.get("color", "#9e9e9e"), dashes=look.get("dashes", False))
    return net
