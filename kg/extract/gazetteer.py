"""The shipped gazetteer: well-known people, organisations and places, with Wikidata ids.

Usage::

    from kg.extract.gazetteer import load_gazetteer
    gazetteer = load_gazetteer()
    [(m.start, m.entry.id) for m in gazetteer.find("Nvidia et SoftBank", "fr")]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.yaml")
_SECTIONS = {"organizations": "organization", "people": "person", "places": "place"}


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: its id, type, names per language, aliases and Wikidata id."""

    id: str
    type: str
    names: dict[str, str]
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    gender: str | None = None

    def name(self, lang: str) -> str:
        """The entity's name in ``lang`` (falls back to any name given)."""
        return self.names.get(lang) or next(iter(self.names.values()))

    def surfaces(self) -> tuple[str, ...]:
        """Every spelling that stands for this entity in a text."""
        return tuple(dict.fromkeys([*self.names.values(), *self.aliases]))


@dataclass(frozen=True)
class GazetteerMatch:
    """A gazetteer entity named in a text at ``start:end``."""

    start: int
    end: int
    entry: GazetteerEntry


class Gazetteer:
    """Entries and a matcher that finds their names as whole words, longest first."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries = entries
        self._by_surface = {s: e for e in entries for s in e.surfaces()}
        alternatives = sorted(self._by_surface, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])"
        )

    def find(self, text: str, lang: str) -> list[GazetteerMatch]:
        """Every mention of a known entity in ``text``. Usage: see the module docstring."""
        del lang  # names of every language are searched: articles quote foreign names
        return [GazetteerMatch(m.start(), m.end(), self._by_surface[m.group(0)])
                for m in self._pattern.finditer(text)]

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry that has ``name`` as a name or alias, if any."""
        return self._by_surface.get(name)


def _entry(raw: dict, entity_type: str) -> GazetteerEntry:
    names = raw["name"] if isinstance(raw["name"], dict) else {"fr": raw["name"],
                                                                "en": raw["name"]}
    return GazetteerEntry(
        id=raw["id"],
        type=entity_type,
        names={str(k): str(v) for k, v in names.items()},
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        wikidata=raw.get("wikidata"),
        gender=raw.get("gender"),
    )


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read the gazetteer YAML once. Usage: ``load_gazetteer().lookup("SoftBank").id``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = [_entry(raw, entity_type)
               for section, entity_type in _SECTIONS.items()
               for raw in data.get(section, [])]
    return Gazetteer(entries)
