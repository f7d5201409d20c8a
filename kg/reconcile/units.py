"""Units of figures: their dimension and factor to the dimension's base unit.

Figures are compared only within a dimension (counts of the same thing, durations, areas,
one currency). Money is never converted between currencies: exchange rates depend on a
date. Usage::

    from kg.reconcile.units import unit_of
    unit_of("month")            # Unit(dimension='time', factor=730.5, name='month')
    unit_of("processor")        # Unit(dimension='count:chip', factor=1, name='chip')
    unit_of(None, "USD")        # Unit(dimension='money:USD', factor=1, name='USD')
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.reconcile.names import fold


@dataclass(frozen=True)
class Unit:
    """A unit: its dimension (what can be compared) and factor to the base unit."""

    dimension: str
    factor: float
    name: str


_MEASURES: dict[str, tuple[str, float]] = {
    # time, in hours
    "second": ("time", 1 / 3600), "minute": ("time", 1 / 60), "hour": ("time", 1.0),
    "day": ("time", 24.0), "week": ("time", 168.0), "month": ("time", 730.5),
    "year": ("time", 8766.0),
    # area, in square metres
    "square metre": ("area", 1.0), "square meter": ("area", 1.0), "m2": ("area", 1.0),
    "hectare": ("area", 1e4), "ha": ("area", 1e4), "square kilometre": ("area", 1e6),
    "square kilometer": ("area", 1e6), "km2": ("area", 1e6), "acre": ("area", 4046.8564224),
    # volume, in cubic metres
    "cubic metre": ("volume", 1.0), "cubic meter": ("volume", 1.0), "m3": ("volume", 1.0),
    "litre": ("volume", 1e-3), "liter": ("volume", 1e-3),
    # length, in metres
    "metre": ("length", 1.0), "meter": ("length", 1.0), "kilometre": ("length", 1e3),
    "kilometer": ("length", 1e3), "km": ("length", 1e3), "mile": ("length", 1609.344),
    # mass, in kilograms
    "kilogram": ("mass", 1.0), "kg": ("mass", 1.0), "tonne": ("mass", 1e3), "ton": ("mass", 1e3),
    # energy, in kWh; power, in kW
    "kilowatt hour": ("energy", 1.0), "kwh": ("energy", 1.0), "megawatt hour": ("energy", 1e3),
    "mwh": ("energy", 1e3), "gigawatt hour": ("energy", 1e6), "gwh": ("energy", 1e6),
    "terawatt hour": ("energy", 1e9), "twh": ("energy", 1e9),
    "watt": ("power", 1e-3), "kilowatt": ("power", 1.0), "megawatt": ("power", 1e3),
    "gigawatt": ("power", 1e6),
    # shares
    "percent": ("percent", 1.0), "%": ("percent", 1.0), "per cent": ("percent", 1.0),
    "percentage point": ("percentage-point", 1.0), "point": ("percentage-point", 1.0),
}

#: Count nouns that name the same thing (a GPU is a chip is a processor here).
_COUNT_SYNONYMS: dict[str, str] = {
    "chip": "chip", "processor": "chip", "gpu": "chip", "accelerator": "chip", "puce": "chip",
    "processeur": "chip",
    "person": "person", "people": "person", "participant": "person", "demonstrator": "person",
    "protester": "person", "marcher": "person", "manifestant": "person", "personne": "person",
}


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def unit_of(unit: str | None, currency: str | None = None) -> Unit:
    """The dimension and factor of a figure's unit (or ISO 4217 currency)."""
    if currency:
        return Unit(f"money:{currency.upper()}", 1.0, currency.upper())
    name = " ".join(fold(unit or "").replace("²", "2").replace("³", "3").split())
    words = name.split()
    if words:
        words[-1] = _singular(words[-1])
    singular = " ".join(words)
    for key in (name, singular):
        if key in _MEASURES:
            dimension, factor = _MEASURES[key]
            return Unit(dimension, factor, key)
    thing = _COUNT_SYNONYMS.get(singular, singular)
    return Unit(f"count:{thing}", 1.0, thing)
