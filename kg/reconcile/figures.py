"""Compare figures about the same quantity, within rounding and qualifiers.

Each figure becomes an interval of the values its words allow: the rounding of the digits
as written (2 000 → 1 500–2 500; 5,58 → 5,575–5,585), widened by its qualifier ("about"
and "nearly" allow 10 %, "at least" has no upper end), in the base unit of its dimension
(two months = 1 461 hours). Two figures agree when their intervals overlap. Usage::

    from kg.reconcile.figures import FigureValue, compare
    a = FigureValue(2000, "processor", None, "only", "2 000 processeurs H800", "fr")
    b = FigureValue(2048, "chip", None, "about", "2,048 Nvidia H800 chips", "en")
    compare(a, b).agree   # True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kg.reconcile.units import Unit, unit_of

#: Relative width that "about" and "nearly" add (at least the rounding of the digits).
APPROXIMATION = 0.10
_NUMBER = re.compile(r"\d(?:[\d\s\u00a0\u202f.,']*\d)?")
_SCALES = (1.0, 1e2, 1e3, 1e6, 1e9, 1e12)


@dataclass(frozen=True)
class FigureValue:
    """A figure as a source wrote it: value, unit or currency, qualifier, words, language."""

    value: float
    unit: str | None
    currency: str | None
    qualifier: str
    text: str
    language: str = "en"


@dataclass(frozen=True)
class Interval:
    """The values a figure allows, in the base unit of its dimension."""

    low: float
    high: float
    unit: Unit
    half_step: float

    def overlaps(self, other: Interval) -> bool:
        """True when the two intervals share more than a boundary point."""
        return self.low < other.high and other.low < self.high

    def describe(self) -> str:
        """'1 500–2 500 chip', 'at least 5 000 chip', 'at most 500 billion USD'."""
        unit = self.unit.name if self.unit.factor == 1 else _base_name(self.unit.dimension)
        unit = {"percent": "%"}.get(unit, unit)
        if math.isinf(self.high) and math.isinf(self.low):
            return f"any {unit}"
        if math.isinf(self.high):
            return f"at least {format_number(self.low)} {unit}"
        if math.isinf(self.low):
            return f"at most {format_number(self.high)} {unit}"
        return f"{format_number(self.low)}–{format_number(self.high)} {unit}"


@dataclass(frozen=True)
class Comparison:
    """Whether two figures agree, and why, in words."""

    agree: bool
    reason: str


def _base_name(dimension: str) -> str:
    return {"time": "hour", "area": "m²", "volume": "m³", "length": "m", "mass": "kg",
            "energy": "kWh", "power": "kW"}.get(dimension, dimension)


def format_number(value: float) -> str:
    """A short readable number: 2 048, 5.58 million, 500 billion, 16.97."""
    magnitude = abs(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= size:
            return f"{value / size:.6g} {word}"
    if magnitude >= 1000 or value == int(value):
        return f"{round(value):,}".replace(",", " ")
    return f"{value:.6g}"


def _split_number(token: str, language: str) -> tuple[str, str]:
    """(integer digits, decimal digits) of a written number, by the language's separators."""
    token = re.sub(r"[\s\u00a0\u202f']", "", token)
    if "." in token and "," in token:
        decimal = "." if token.rfind(".") > token.rfind(",") else ","
    elif "," in token or "." in token:
        sep = "," if "," in token else "."
        groups = token.split(sep)
        thousands = all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
        # English writes 2,048 for two thousand and forty-eight; French writes 2,048 for 2.048.
        native_thousands = {"en": ",", "fr": "."}.get(language, ",")
        decimal = "" if thousands and (sep == native_thousands or len(groups) > 2) else sep
    else:
        decimal = ""
    if not decimal:
        return re.sub(r"\D", "", token), ""
    whole, _, fraction = token.rpartition(decimal)
    return re.sub(r"\D", "", whole), re.sub(r"\D", "", fraction)


def half_step(value: float, text: str, language: str) -> float:
    """Half the unit of the last significant digit written: the rounding tolerance.

    Trailing zeros of a whole number are not significant (2 000 → ±500); decimals are
    (5,60 → ±0,005 million). Numbers in words fall back to the digits of the value.
    """
    match = _NUMBER.search(text)
    if match:
        whole, fraction = _split_number(match.group(0), language)
        written = float(f"{whole or '0'}.{fraction or '0'}")
        if written:
            for scale in _SCALES:
                if math.isclose(abs(value), written * scale, rel_tol=1e-9):
                    if fraction:
                        step = 10.0 ** -len(fraction)
                    else:
                        stripped = whole.rstrip("0")
                        step = 10.0 ** (len(whole) - len(stripped)) if stripped else 1.0
                    return 0.5 * step * scale
    return 0.5 * _value_step(value)


def _value_step(value: float) -> float:
    if value == 0:
        return 1.0
    if value == int(value):
        digits = str(abs(int(value)))
        return 10.0 ** (len(digits) - len(digits.rstrip("0")))
    decimals = len(repr(float(value)).split(".")[1].rstrip("0")) if "." in repr(value) else 0
    return 10.0 ** -decimals


def interval(figure: FigureValue) -> Interval:
    """The values a figure allows, from its digits and its qualifier, in base units."""
    unit = unit_of(figure.unit, figure.currency)
    v = float(figure.value) * unit.factor
    h = half_step(float(figure.value), figure.text, figure.language) * unit.factor
    wide = max(h, APPROXIMATION * abs(v))
    qualifier = figure.qualifier
    if qualifier == "about":
        low, high = v - wide, v + wide
    elif qualifier == "nearly":
        low, high = v - wide, v + h
    elif qualifier in ("up-to", "less-than"):
        low, high = -math.inf, v + h
    elif qualifier in ("at-least", "more-than"):
        low, high = v - h, math.inf
    else:  # exactly, only
        low, high = v - h, v + h
    return Interval(low, high, unit, h)


def comparable(a: FigureValue, b: FigureValue) -> bool:
    """True when both figures measure the same dimension (same currency, same thing)."""
    return unit_of(a.unit, a.currency).dimension == unit_of(b.unit, b.currency).dimension


def _words(figure: FigureValue) -> str:
    prefix = "" if figure.qualifier == "exactly" else f"{figure.qualifier.replace('-', ' ')} "
    return f"{prefix}“{figure.text}”"


def compare(a: FigureValue, b: FigureValue) -> Comparison | None:
    """Whether two figures of one dimension agree (None when they cannot be compared)."""
    if not comparable(a, b):
        return None
    ia, ib = interval(a), interval(b)
    left = f"{_words(a)} ({ia.describe()})"
    right = f"{_words(b)} ({ib.describe()})"
    if ia.overlaps(ib):
        return Comparison(True, f"{left} agrees with {right} within rounding and qualifiers")
    return Comparison(False, f"{left} contradicts {right}: the ranges do not overlap")
