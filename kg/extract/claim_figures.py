"""Figures of an article, in the curated span convention, attached to the claims stating them.

:func:`kg.extract.figures.find_figures` finds the numbers; here each span is narrowed to the
number and its unit words (the hedge, "environ", "jusqu’à", "ou plus", stays in the
qualifier), an amount repeated without its currency ("500 milliards") takes the currency of
the same amount stated earlier, "des milliards – par milliers" is read as thousands of
billions, and each figure goes to the innermost claim whose span holds it. Usage::

    from kg.extract.claim_figures import article_figures, attach
    figures = article_figures(text, "fr")
    by_claim = attach(figures, [(claim.start, claim.end) for claim in drafts])
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from kg.extract.figures import FoundFigure, find_figures, unit_at
from kg.extract.packs import pack

_THOUSANDS = re.compile(r"[ \u00a0]*[–—,-]?[ \u00a0]*(?:par (?:milliers|centaines|dizaines)|"
                        r"by the (?:thousands|hundreds|dozens))", re.IGNORECASE)
_FACTORS = {"milliers": 1000, "centaines": 100, "dizaines": 10, "thousands": 1000,
            "hundreds": 100, "dozens": 12}
#: Units that count the same kind of thing, for comparing figures across claims.
UNIT_CLASSES = {"processor": "chip", "chip": "chip", "semiconductor": "chip",
                "employee": "worker", "worker": "worker", "job": "worker",
                "user": "user", "subscriber": "user", "customer": "user"}
#: Nouns naming the counted things of a unit class, to spot claims about them without a number.
CLASS_NOUNS = {
    "chip": re.compile(r"\b(?:puces?|processeurs?|chips?|processors?|GPUs?|semi-?conducteurs?|"
                       r"semiconductors?)\b", re.IGNORECASE),
}


@dataclass(frozen=True)
class ArticleFigure:
    """A figure found in the article, with its span in the curated convention."""

    value: int | float
    unit: str | None
    currency: str | None
    qualifier: str
    start: int
    end: int
    text: str

    @property
    def kind(self) -> str:
        """What the figure counts: the currency, or the unit's class."""
        if self.currency:
            return self.currency
        return UNIT_CLASSES.get(self.unit or "", self.unit or "number")


def _same(a: FoundFigure, b: FoundFigure) -> bool:
    return a.value == b.value and a.unit == b.unit and a.currency == b.currency


def _bare(text: str, figure: FoundFigure, lang: str) -> tuple[int, int]:
    """The narrowest span that still reads as the same figure (no hedge words)."""
    start, end = figure.start, figure.end
    for match in re.finditer(r"\s+", text[figure.start:figure.end]):
        candidate = figure.start + match.end()
        found = find_figures(text[candidate:end], lang)
        if found and found[0].start == 0 and found[0].end == end - candidate and _same(
                found[0], figure):
            start = candidate
    for match in reversed(list(re.finditer(r"\s+", text[start:end]))):
        candidate = start + match.start()
        found = find_figures(text[start:candidate], lang)
        if found and found[0].start == 0 and found[0].end == candidate - start and _same(
                found[0], figure):
            end = candidate
    return start, end


def article_figures(text: str, lang: str) -> list[ArticleFigure]:
    """Every figure of the article, normalised. Usage: see the module docstring."""
    out: list[ArticleFigure] = []
    for found in find_figures(text, lang):
        value = found.value
        if not _plausible(value):
            continue  # a run of hundreds of digits is no figure (and no float holds it)
        start, end = _bare(text, found, lang)
        extra = _THOUSANDS.match(text, found.end)
        if extra is not None and found.qualifier == "at-least":
            word = extra.group(0).split()[-1].lower()
            value = value * _FACTORS[word]
            end = extra.end()
        currency, unit = found.currency, found.unit
        if currency is None and unit is None:
            earlier = next((f for f in reversed(out) if f.value == value and f.currency), None)
            if earlier is not None:
                currency = earlier.currency
            else:
                unit = "number"
        sign = _SIGN.search(text, 0, start)
        if sign is not None and value > 0:  # « - 33 % », "+4.5%": a signed change
            value = -value if sign.group(1) in "-−–" else value
            start = sign.start(1)
        out.append(ArticleFigure(value, unit, currency, found.qualifier, start, end,
                                 text[start:end]))
    return _elided(_ranges(out, text, lang), text, lang)


#: Figures at or past this size are not figures of news copy (a trillion trillions).
MAX_VALUE = 1e24


def _plausible(value: int | float) -> bool:
    if isinstance(value, int):
        return value.bit_length() < 80 and abs(value) < MAX_VALUE
    return math.isfinite(value) and abs(value) < MAX_VALUE


#: A sign right before a number, after a space, an opening bracket or the line start.
_SIGN = re.compile(r"(?:^|(?<=[\s(\[]))([-−–+])[ \u00a0]?$")


def _ranges(figures: list[ArticleFigure], text: str, lang: str) -> list[ArticleFigure]:
    """« entre 2 et 3 % », « de 18 à 25 ans », "between 2 and 3%": two figures, the lower
    bound at least and the upper one up to, both with the unit written after the second."""
    words = pack(lang).range_words
    out = list(figures)
    for i in range(len(out) - 1):
        low, high = out[i], out[i + 1]
        between = text[low.end:high.start].strip().lower()
        if between not in words.joins or low.value >= high.value:
            continue
        before = text[max(0, low.start - 12):low.start].lower().split()
        bare = low.unit in (None, "number") and low.currency is None
        if not (before and before[-1] in words.starts) and not bare:
            continue
        out[i] = replace(low, unit=high.unit if bare else low.unit,
                         currency=high.currency if bare else low.currency,
                         qualifier="at-least" if low.qualifier == "exactly" else low.qualifier)
        out[i + 1] = replace(high, qualifier="up-to" if high.qualifier == "exactly"
                             else high.qualifier)
    return out


#: « 75 000 le nombre d'emplois »: the count noun comes after the number.
_NUMBER_OF = re.compile(r"\s+(?:le|au) nombre (?:de |d['’])|\s+the number of ", re.IGNORECASE)
#: What follows a number whose unit is left out: a preposition, a conjunction, punctuation.
_NO_NOUN = re.compile(r"\s*(?:[,;:.)!?]|$|(?:à|au|aux|en|pour|contre|et|ou|dans|sur|chez|in|"
                      r"at|for|against|and|or|on)(?!\w))", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _elided(figures: list[ArticleFigure], text: str, lang: str) -> list[ArticleFigure]:
    """A number stated without its unit takes the unit the sentence gives it: « estime à
    75 000 le nombre d'emplois », « 302 voix pour et 225 contre », « 27 centres : 10 à
    Damas, 4 à Homs », « entre 1,5 et 0,41 masses solaires »."""
    out = list(figures)
    joins = pack(lang).range_words.joins | {"and", "or", "ou"}
    for i, figure in enumerate(out):
        if figure.unit != "number" or figure.currency is not None:
            continue
        named = _NUMBER_OF.match(text, figure.end)
        unit = unit_at(text, named.end(), lang) if named else None
        if unit is None and _NO_NOUN.match(text, figure.end):
            before = [f for f in out[:i] if f.unit not in (None, "number") and
                      not _SENTENCE_BREAK.search(text, f.end, figure.start)]
            after = [f for f in out[i + 1:i + 2] if f.unit not in (None, "number") and
                     text[figure.end:f.start].strip().lower() in joins]
            source = after[0] if after else before[-1] if before else None
            unit = source.unit if source is not None and source.currency is None else None
        if unit is not None:
            out[i] = replace(figure, unit=unit)
    return out


def attach(figures: list[ArticleFigure], spans: list[tuple[int, int]]
           ) -> dict[int, list[ArticleFigure]]:
    """Figures per claim index: each figure goes to the smallest span that contains it."""
    out: dict[int, list[ArticleFigure]] = {}
    for figure in figures:
        holders = [i for i, (s, e) in enumerate(spans) if s <= figure.start and figure.end <= e]
        if holders:
            best = min(holders, key=lambda i: spans[i][1] - spans[i][0])
            out.setdefault(best, []).append(figure)
    return out
