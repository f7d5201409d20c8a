"""Where kg finds its bundled files (ontology, shapes, annotations, canned queries).

In a source checkout they are the top-level ``ontology/`` and ``data/`` folders; in an
installed wheel they are copied under ``kg/_bundled/``. Usage::

    from kg.resources import ontology_file, bundled_annotations
    shapes = ontology_file("shapes.ttl")
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root(name: str) -> Path:
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's bundled '{name}' folder is missing; reinstall kg")


def ontology_file(name: str) -> Path:
    """A file of the ontology folder. Usage: ``ontology_file("kg.ttl")``."""
    return _root("ontology") / name


def bundled_annotations() -> list[Path]:
    """The curated annotation files shipped with kg, sorted by name."""
    return sorted((bundled_corpus() / "annotations").glob("*.yaml"))


def bundled_corpus() -> Path:
    """The corpus root of the bundled annotations (``annotations/`` and ``articles/``)."""
    return _root("data")


def queries_dir() -> Path:
    """The folder of canned ``.rq`` queries."""
    return _PACKAGE / "queries"
