"""Hostile article text through ``kg extract``: a one-line error, or an annotation that loads.

Each case is a kind of input the article fuzzer (bench/fuzz_articles.py) found to break the
extractor or the annotation it writes; the check is the round trip a user makes: extract,
save the YAML and the text next to it, load it back with kg's own reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.annotation import load_annotation
from kg.errors import UsageError
from kg.extract.pipeline import extract_article
from kg.extract.serialize import to_yaml

SENTENCE = ("Le maire Jean Morel a déclaré que la piscine rouvrira en mai. « Nous avons trouvé "
            "2 millions d'euros », a ajouté l'adjointe Claire Petit. ")


def _round_trip(text: str, folder: Path) -> None:
    annotated = extract_article(text, lang="fr")
    (folder / "a.txt").write_text(annotated.article.text, encoding="utf-8", newline="")
    (folder / "a.yaml").write_text(to_yaml(annotated, "a.txt"), encoding="utf-8", newline="")
    loaded = load_annotation(folder / "a.yaml")
    assert loaded.article.title.strip()
    ids = {e.id for e in loaded.entities}
    for claim in loaded.claims:
        assert loaded.article.text[claim.start:claim.end] == claim.text
        named = {*claim.claimants, *claim.reported_by, *claim.about,
                 *(f.about for f in claim.figures if f.about),
                 *(s.subject for s in claim.statements),
                 *(s.object_entity for s in claim.statements if s.object_entity)}
        assert named <= ids


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE.replace("piscine", "pisc\x08ine").replace("mai", "m\x1bai") + SENTENCE * 2,
        SENTENCE.replace(". «", ".\x85«").replace("ajouté", "ajou\ufffeté"),   # NEL, U+FFFE
        SENTENCE.replace(". «", ".\u2028«") + "\u2029" + SENTENCE,                # separators
        "\x0b\x0c\t\n" + SENTENCE,                                                 # no headline
        SENTENCE + "Le déficit atteint " + "9" * 5000 + " euros selon la mairie. ",  # 5 000 digits
        SENTENCE + "La dette serait de 1" + "0" * 400 + " euros, selon Paul Roux. ",
        "« « « « " + SENTENCE + " » » » »" * 3,                                    # stray quotes
    ],
    ids=["controls", "nel-and-fffe", "unicode-separators", "no-headline", "5000-digits",
         "beyond-a-float", "stray-quotes"],
)
def test_hostile_text_gives_an_annotation_that_loads_back(text: str, tmp_path: Path) -> None:
    _round_trip(text, tmp_path)


def test_a_number_of_thousands_of_digits_is_no_figure() -> None:
    annotated = extract_article(SENTENCE + "Le déficit atteint " + "9" * 5000 + " euros. ",
                                lang="fr")
    assert all(abs(f.value) < 1e24 for c in annotated.claims for f in c.figures)
    assert any(f.value == 2_000_000 for c in annotated.claims for f in c.figures)


def test_an_article_past_a_million_characters_is_a_one_line_error() -> None:
    with pytest.raises(UsageError) as error:
        extract_article(SENTENCE * 8000, lang="fr")
    message = str(error.value)
    assert "characters" in message and "1 000 000" in message and "\n" not in message
