"""Map another fact-checker's rating to kg's verdict scale (ClaimsKG-style normalisation).

A ClaimReview's ``reviewRating`` carries the fact-checker's own label (``alternateName``:
"Pants on Fire", "Faux", "Trompeur") and sometimes a number on their own scale
(``ratingValue`` between ``worstRating`` and ``bestRating``). kg keeps the label as it is and
adds a verdict of :data:`kg.vocab.VERDICTS` (which also gives the ClaimsKG normalised rating
TRUE / FALSE / MIXTURE / OTHER). The rules, first match wins:

1. ``additionalType`` is a kg verdict IRI (kg's own exports carry it): that verdict.
2. ``ratingValue``, ``bestRating`` and ``worstRating`` are all numbers, best differs from worst
   and the value lies between them: its position on the scale, rounded to the nearest of five
   steps (worst → false, mostly-false, mixture, mostly-true, best → true).
3. The label, lower-cased without accents or punctuation, is a kg verdict name
   ("mostly false", "Confirmed"): that verdict.
4. Keyword rules on the label, in English and French (:data:`KEYWORD_RULES`, in order).
5. Anything else: unverifiable.

Usage::

    from kg.claimreview.ratings import normalize_rating
    normalize_rating("Pants on Fire")            # Rating("false", "keyword 'pants on fire'")
    normalize_rating("3", value=3, best=5, worst=1)  # Rating("mixture", "rating 3 on 1..5")
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.vocab import VERDICT, VERDICTS

#: Where each verdict sits on a 1 (worst) .. 5 (best) scale in kg's exports. Verdicts that say
#: nothing about truth (unverifiable, unverified) have no number.
SCALE: dict[str, int] = {
    "false": 1,
    "refuted": 1,
    "mostly-false": 2,
    "mixture": 3,
    "contested": 3,
    "mostly-true": 4,
    "true": 5,
    "confirmed": 5,
}
BEST, WORST = 5, 1

#: The five steps of a numeric scale, worst to best.
STEPS = ("false", "mostly-false", "mixture", "mostly-true", "true")

#: Keyword rules, tried in this order on the normalised label (lower case, no accents,
#: punctuation as spaces); a keyword matches whole words. The first rule with a match wins.
KEYWORD_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("false", ("pants on fire", "totalement faux", "completely false", "hoax", "fake",
               "canular", "infox", "intox")),
    ("mostly-false", ("mostly false", "plutot faux", "largement faux", "misleading",
                      "trompeur", "trompeuse", "exaggerated", "exagere", "exageree")),
    ("mostly-true", ("mostly true", "mostly correct", "plutot vrai", "largement vrai",
                     "plutot juste")),
    ("mixture", ("half true", "mixture", "mixed", "mitige", "mitigee", "partly true",
                 "partly false", "partially true", "partially false", "partiellement vrai",
                 "partiellement faux", "en partie vrai", "en partie faux", "a nuancer",
                 "plus complique", "missing context", "manque de contexte")),
    ("unverifiable", ("unproven", "unverifiable", "unverified", "unsupported",
                      "unsubstantiated", "no evidence", "not proven", "insufficient evidence",
                      "inverifiable", "non verifiable", "pas de preuve", "sans preuve",
                      "non prouve", "non demontre")),
    ("false", ("false", "faux", "fausse", "incorrect", "inexact", "inexacte", "wrong",
               "untrue", "not true", "pas vrai", "errone", "erronee", "baseless",
               "unfounded", "infonde", "infondee", "sans fondement", "fabricated")),
    ("true", ("true", "vrai", "vraie", "correct", "accurate", "exact", "exacte", "juste",
              "confirme", "confirmee")),
)

_PATTERNS = tuple(
    (verdict, keyword, re.compile(rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])"))
    for verdict, keywords in KEYWORD_RULES
    for keyword in keywords
)


@dataclass(frozen=True)
class Rating:
    """A normalised rating: the kg verdict and how it was found (for the status reason)."""

    verdict: str
    basis: str

    @property
    def normalized(self) -> str:
        """The ClaimsKG rating: TRUE, FALSE, MIXTURE or OTHER."""
        return VERDICTS[self.verdict][1]


def plain(label: str) -> str:
    """A label lower-cased, without accents, punctuation as single spaces.

    Usage: ``plain("Plutôt VRAI !")`` → ``"plutot vrai"``.
    """
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_label.casefold()).split())


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def numeric_verdict(value: object, best: object, worst: object) -> str | None:
    """The verdict for ``value`` on the scale ``worst..best``, or None when not usable.

    Usage: ``numeric_verdict(2, 5, 1)`` → ``"mostly-false"``.
    """
    v, b, w = _number(value), _number(best), _number(worst)
    if v is None or b is None or w is None or b == w:
        return None
    position = (v - w) / (b - w)
    if not 0 <= position <= 1:
        return None
    return STEPS[int(position * 4 + 0.5)]


def normalize_rating(
    label: str | None,
    value: object = None,
    best: object = None,
    worst: object = None,
    additional_type: str | None = None,
) -> Rating:
    """The kg verdict for a fact-checker's rating (see the module docstring for the rules)."""
    if additional_type and additional_type.startswith(str(VERDICT)):
        name = additional_type[len(str(VERDICT)):]
        if name in VERDICTS:
            return Rating(name, f"kg verdict {name}")
    verdict = numeric_verdict(value, best, worst)
    if verdict:
        return Rating(verdict, f"rating {value} on {worst}..{best}")
    text = plain(label or "")
    if text.replace(" ", "-") in VERDICTS:
        return Rating(text.replace(" ", "-"), f"label '{label}'")
    for verdict, keyword, pattern in _PATTERNS:
        if pattern.search(text):
            return Rating(verdict, f"keyword '{keyword}'")
    return Rating("unverifiable", "label not recognised")
