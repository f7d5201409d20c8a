"""The shipped gazetteer: well-known names → Wikidata items, by entity type.

Usage::

    from kg.reconcile.gazetteer import load_gazetteer
    gazetteer = load_gazetteer()
    gazetteer.lookup("Nvidia Corporation", "organization")   # 'Q182477'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kg.reconcile.names import normalise

GAZETTEER_FILE = Path(__file__).resolve().parent / "gazetteer.yaml"


@dataclass(frozen=True)
class Gazetteer:
    """Normalised (type, name) → Wikidata id; ambiguous names are left out."""

    entries: dict[tuple[str, str], str]

    def lookup(self, name: str, entity_type: str) -> str | None:
        """The Wikidata id of a name for an entity type, or None."""
        return self.entries.get((entity_type, normalise(name, entity_type)))


def parse_gazetteer(data: dict) -> Gazetteer:
    """Build a gazetteer from its YAML mapping (type → list of {wikidata, names})."""
    entries: dict[tuple[str, str], str] = {}
    ambiguous: set[tuple[str, str]] = set()
    for entity_type, items in sorted((data or {}).items()):
        for item in items or []:
            for name in item["names"]:
                key = (entity_type, normalise(str(name), entity_type))
                if key in entries and entries[key] != item["wikidata"]:
                    ambiguous.add(key)
                entries[key] = item["wikidata"]
    return Gazetteer({k: v for k, v in entries.items() if k not in ambiguous and k[1]})


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer shipped with kg (or another file). Usage: ``load_gazetteer()``."""
    source = Path(path) if path else GAZETTEER_FILE
    return parse_gazetteer(yaml.safe_load(source.read_text(encoding="utf-8")))
