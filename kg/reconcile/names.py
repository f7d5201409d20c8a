"""Name normalisation and blocking keys for entity resolution.

Two mentions are only compared when they share a key, so resolution stays near-linear.
Usage::

    from kg.reconcile.names import normalise, surname
    normalise("Nvidia Corporation", "organization")   # 'nvidia'
    surname("Roy Chua")                               # 'chua'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_LEADING_ARTICLES = re.compile(r"^(?:the|le|la|les|l'|un|une|des)\s*(?=\S)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: Legal and generic suffixes that do not distinguish organisations.
ORGANIZATION_SUFFIXES = frozenset({
    "corporation", "corp", "inc", "incorporated", "ltd", "limited", "llc", "plc", "sa", "sas",
    "ag", "gmbh", "co", "company", "group", "holdings", "groupe",
})
#: Title words that are not part of a person's name.
PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "m", "mme", "mlle", "sir", "president",
})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, accents and typographic apostrophes removed: 'L’Équipe' → "l'equipe"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()


def tokens(name: str) -> list[str]:
    """The words of a name, folded, without punctuation or a leading article."""
    folded = _LEADING_ARTICLES.sub("", fold(name))
    return [t for t in _NON_WORD.split(folded) if t]


@lru_cache(maxsize=1 << 16)
def normalise(name: str, entity_type: str = "thing") -> str:
    """The comparison key of a name for an entity type ('' when nothing is left).

    Organisations lose legal suffixes (Corporation, Inc., Group); people lose titles.
    """
    words = tokens(name)
    if entity_type == "organization":
        while len(words) > 1 and words[-1] in ORGANIZATION_SUFFIXES:
            words.pop()
    elif entity_type == "person":
        words = [w for w in words if w not in PERSON_TITLES] or words
    return " ".join(words)


def surname(name: str) -> str:
    """The last word of a person's name, folded: 'Roy Chua' → 'chua'."""
    words = normalise(name, "person").split()
    return words[-1] if words else ""


def given_names(name: str) -> list[str]:
    """Every word of a person's name but the last: 'Roy Chua' → ['roy']."""
    return normalise(name, "person").split()[:-1]
