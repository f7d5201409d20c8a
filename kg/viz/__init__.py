"""The interactive graph page and the networkx projection it draws.

Usage::

    from kg.viz import project, render_page, write_page
    write_page(store, Path("graph.html"), focus="Roy Chua", depth=1)
"""

from __future__ import annotations

from kg.viz.page import render_page, write_page
from kg.viz.projection import project

__all__ = ["project", "render_page", "write_page"]
