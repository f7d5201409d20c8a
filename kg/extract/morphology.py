"""Verb forms at a character offset: spaCy's morphology for French, word shapes for English.

Usage::

    from kg.extract.morphology import Morphology
    morphology = Morphology(text, doc, "fr")
    morphology.is_participle(offset)   # "élaboré" in ", élaboré grâce à …"
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_EN_PARTICIPLE = re.compile(
    r"(?:[a-z]+ed|built|made|led|held|run|bought|known|shown|given|taken|written|won|"
    r"sold|paid|set|put|kept|left|found|brought)\b")
_EN_FINITE = re.compile(
    r"(?:will|would|could|can|should|may|might|must|has|have|had|is|are|was|were|does|did|"
    r"remains?|says?|said)\b")


class Morphology:
    """Answers "is the word at this offset a participle / a finite verb?"."""

    def __init__(self, text: str, doc: Doc | None, lang: str) -> None:
        self.text = text
        self.lang = lang
        self._tokens: dict[int, Token] = {}
        if doc is not None and lang == "fr":
            self._tokens = {token.idx: token for token in doc}

    def is_participle(self, offset: int) -> bool:
        """A past participle opening a detached clause (", élaboré grâce à …")."""
        if self.lang == "fr":
            token = self._tokens.get(offset)
            return token is not None and "Part" in token.morph.get("VerbForm") and \
                token.pos_ in ("VERB", "ADJ", "AUX")
        return bool(_EN_PARTICIPLE.match(self.text, offset))

    def is_finite_verb(self, offset: int) -> bool:
        """A conjugated verb ("créera", "would"): the head of a coordinated clause."""
        if self.lang == "fr":
            token = self._tokens.get(offset)
            return token is not None and token.pos_ in ("VERB", "AUX") and \
                "Fin" in token.morph.get("VerbForm")
        return bool(_EN_FINITE.match(self.text, offset))
