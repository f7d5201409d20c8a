"""Automatic extraction (kg.extract): real spaCy model, real articles, scored by kg.evaluate."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.annotation import load_annotation
from kg.errors import UsageError
from kg.evaluate import evaluate_files
from kg.extract.language import detect_language
from kg.extract.nlp import pipeline
from kg.extract.pipeline import default_article_id, extract_article, extract_many
from kg.extract.segments import top_quotes
from kg.extract.serialize import to_json, to_yaml
from kg.model import AnnotatedArticle

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "data" / "articles" / "deepseek-stargate-mwl.txt"
SEED_GOLD = ROOT / "data" / "annotations" / "deepseek-stargate-mwl.yaml"
CORPUS = ROOT / "tests" / "corpus" / "extract"
CORPUS_ARTICLES = ("fr-energie", "en-transit")


@pytest.fixture(scope="session")
def french_model() -> object:
    """The French spaCy pipeline, loaded once for the whole session."""
    return pipeline("fr")


def _save(annotated: AnnotatedArticle, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(annotated.article.text, encoding="utf-8")
    path = folder / f"{name}.yaml"
    path.write_text(to_yaml(annotated, f"{name}.txt"), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seed(french_model: object, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seed article extracted once: the annotation, its saved YAML and its scores."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    annotated = extract_article(text)
    path = _save(annotated, tmp_path_factory.mktemp("seed"), "deepseek-stargate-mwl")
    return {"annotated": annotated, "path": path,
            "report": evaluate_files(path, SEED_GOLD).to_dict()}


# --------------------------------------------------------------------------- acceptance: seed


def test_seed_finds_ninety_percent_of_the_curated_claims(seed: dict) -> None:
    claims = seed["report"]["claims"]
    assert claims["recall"] >= 0.9, seed["report"]["unmatched_gold"]
    assert claims["precision"] >= 0.8, seed["report"]["unmatched_predicted"]


def test_seed_direct_quotes_have_the_right_speaker(seed: dict) -> None:
    speakers = seed["report"]["speakers"]
    assert speakers["direct_quote_accuracy"] >= 0.95, seed["report"]["wrong_speakers"]
    assert speakers["accuracy"] >= 0.9, seed["report"]["wrong_speakers"]


def test_seed_every_gold_figure_has_its_value_and_unit(seed: dict) -> None:
    figures = seed["report"]["figures"]
    assert figures["recall"] == 1.0, figures["misses"]


def test_seed_roles_and_reporters_follow_the_curated_conventions(seed: dict) -> None:
    annotated = seed["annotated"]
    chua = annotated.entity("roy-chua")
    assert [(r.title, r.organization) for r in chua.roles] == [
        ("fondateur et analyste principal", "avidthink")]
    assert annotated.entity("donald-trump").wikidata == "Q22686"
    by_text = {c.text: c for c in annotated.claims}
    quote = by_text["Le résultat est impressionnant"]
    assert quote.kind == "direct-quote"
    assert quote.claimants == ("roy-chua",)
    assert quote.reported_by == ("mobile-world-live",)
    nested = by_text[
        "DeepSeek avait eu accès à des dizaines de milliers de puces plus performantes"]
    assert annotated.entity(nested.claimants[0]).name == "certains analystes"
    assert nested.reported_by == ("roy-chua", "mobile-world-live")
    assert nested.status.cue is not None and nested.status.cue.text == "sans que ce soit confirmé"
    disputed = {annotated.claims[[c.id for c in annotated.claims].index(d)].text
                for d in nested.disputes}
    assert any("2 000 processeurs" in text for text in disputed)


def test_seed_assertions_belong_to_the_newsroom(seed: dict) -> None:
    annotated = seed["annotated"]
    assertions = [c for c in annotated.claims if c.kind == "assertion"]
    assert assertions
    newsroom = {annotated.entity(c.claimants[0]).name for c in assertions}
    assert newsroom == {"la rédaction"}


# --------------------------------------------------------------------------- acceptance: corpus


@pytest.mark.parametrize("name", CORPUS_ARTICLES)
def test_corpus_article_scores(name: str, french_model: object, tmp_path: Path) -> None:
    text_path, gold = CORPUS / f"{name}.txt", CORPUS / f"{name}.yaml"
    if not (text_path.exists() and gold.exists()):
        pytest.skip(f"{name} is not in the corpus")
    annotated = extract_article(text_path.read_text(encoding="utf-8"))
    report = evaluate_files(_save(annotated, tmp_path, name), gold).to_dict()
    assert report["claims"]["f1"] >= 0.8, (report["unmatched_gold"],
                                           report["unmatched_predicted"])
    assert report["speakers"]["accuracy"] >= 0.9, report["wrong_speakers"]


# --------------------------------------------------------------------------- output files


def test_yaml_round_trips_through_the_annotation_loader(seed: dict) -> None:
    loaded = load_annotation(seed["path"])
    annotated = seed["annotated"]
    assert [c.id for c in loaded.claims] == [c.id for c in annotated.claims]
    assert [(c.start, c.end, c.claimants, c.status) for c in loaded.claims] == [
        (c.start, c.end, c.claimants, c.status) for c in annotated.claims]
    assert {e.id for e in loaded.entities} == {e.id for e in annotated.entities}


def test_same_input_gives_byte_identical_yaml(seed: dict) -> None:
    again = extract_article(SEED_TEXT.read_text(encoding="utf-8"))
    assert to_yaml(again, "a.txt") == to_yaml(seed["annotated"], "a.txt")


def test_json_claims_have_the_fields_of_kg_claims(seed: dict, seed_claims: list[dict]) -> None:
    data = to_json(seed["annotated"])
    assert set(data["claims"][0]) == set(seed_claims[0])
    assert set(data["claims"][0]["figures"][0] if data["claims"][0]["figures"] else {}) <= set(
        next(f for c in seed_claims for f in c["figures"]))
    first = data["claims"][0]
    assert first["id"].endswith(f"/claim/{data['article']['id']}/{first['claim_id']}")
    money = next(f for c in data["claims"] for f in c["figures"] if f["is_money"])
    assert money["unit"] == "USD"


def test_metadata_and_default_ids(french_model: object, tmp_path: Path) -> None:
    text = "Le ministre a annoncé mardi que le budget atteindra 3 milliards d’euros en 2026."
    annotated = extract_article(text, title="Budget : 3 milliards", publisher="Journal Exemple",
                                date="2025-02-03", url="https://example.org/a")
    assert annotated.article.id == "budget-3-milliards"
    assert annotated.article.publisher == "journal-exemple"
    assert annotated.entity("journal-exemple").type == "organization"
    load_annotation(_save(annotated, tmp_path, "budget"))
    untitled = extract_article(text)
    assert untitled.article.id == default_article_id(text, None)
    assert untitled.article.id.startswith("article-") and len(untitled.article.id) == 20
    assert untitled.article.title_note


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("content", ["", "   \n\t ", b"", b"\x00\x01\x02binary\xff\xfe",
                                     b"\xff\xfe\xfa not utf-8"])
def test_empty_or_binary_input_is_refused(content: str | bytes) -> None:
    with pytest.raises(UsageError) as error:
        extract_article(content)
    assert "\n" not in str(error.value)


def test_german_text_is_an_unsupported_language() -> None:
    german = ("Die Bundesregierung hat am Mittwoch beschlossen, dass die Strompreise im "
              "nächsten Jahr sinken sollen. Der Minister sagte, er sei zuversichtlich.")
    with pytest.raises(UsageError, match="unsupported language"):
        extract_article(german)
    with pytest.raises(UsageError, match="unsupported language"):
        extract_article("Un texte.", lang="de")


def test_bad_metadata_is_refused() -> None:
    with pytest.raises(UsageError, match="not a date"):
        extract_article("The mayor said the plan would cost $2 million.", date="March 2025")


# --------------------------------------------------------------------------- building blocks


def test_language_detection() -> None:
    assert detect_language(SEED_TEXT.read_text(encoding="utf-8")) == "fr"
    assert detect_language("The council said on Tuesday that the tram would be late.") == "en"


@pytest.mark.parametrize("text, inner", [
    ("Il a dit : « Le plan est prêt ». Fin.", "Le plan est prêt"),
    ("She said: “The plan is ready.” Then", "The plan is ready."),
    ('He said: "The plan is ready." Then', "The plan is ready."),
    ("« Il m’a dit “jamais” et il a raison », note-t-elle.", "Il m’a dit “jamais” et il a raison"),
    ("“We heard ‘no’ twice,” she said.", "We heard ‘no’ twice,"),
])
def test_quotes_in_every_typography(text: str, inner: str) -> None:
    quotes = top_quotes(text, 0, len(text))
    assert len(quotes) == 1
    assert text[quotes[0].inner_start:quotes[0].inner_end] == inner


def _speakers(annotated: AnnotatedArticle) -> dict[str, tuple[str, ...]]:
    names = {e.id: e.name for e in annotated.entities}
    return {c.text: tuple(names[i] for i in c.claimants) for c in annotated.claims}


def test_english_attributions_and_coreference() -> None:
    text = (
        "The city council voted on Monday to spend $40 million on new trams.\n"
        "“This is long overdue,” said Mayor Ana Lopez. “Riders deserve better.”\n"
        "Tom Becker, an analyst at Bernstein, said the budget was unrealistic. "
        "“It will cost twice as much,” he added.\n"
        "Some council members argued that the trams would never run on time.\n"
        "Ridership fell 12% last year, according to the transit agency.\n"
    )
    annotated = extract_article(text)
    assert annotated.article.language == "en"
    speakers = _speakers(annotated)
    assert speakers["This is long overdue"] == ("Ana Lopez",)
    assert speakers["Riders deserve better"] == ("Ana Lopez",)
    assert speakers["the budget was unrealistic"] == ("Tom Becker",)
    assert speakers["It will cost twice as much"] == ("Tom Becker",)
    assert speakers["the trams would never run on time"] == ("some council members",)
    becker = next(e for e in annotated.entities if e.name == "Tom Becker")
    assert [(r.title, r.organization) for r in becker.roles] == [("analyst", "bernstein")]
    own = next(c for c in annotated.claims if c.text.startswith("The city council voted"))
    assert own.kind == "assertion" and own.figures[0].currency == "USD"


def test_french_coreference_by_role_and_pronoun(french_model: object) -> None:
    text = (
        "Jeanne Martin, directrice de l’Institut Exemple, estime que la production a doublé.\n"
        "« Nous n’avons jamais vu cela », ajoute la directrice. Selon elle, la hausse "
        "continuera en 2026.\n"
    )
    speakers = _speakers(extract_article(text))
    assert speakers["la production a doublé"] == ("Jeanne Martin",)
    assert speakers["Nous n’avons jamais vu cela"] == ("Jeanne Martin",)
    assert speakers["la hausse continuera en 2026"] == ("Jeanne Martin",)


def test_extract_many_mixes_languages(french_model: object) -> None:
    texts = ["Le maire estime que le projet coûtera 2 millions d’euros.",
             {"text": "The mayor said the project would cost $2 million.", "title": "Cost"}]
    first, second = extract_many(texts, jobs=1)
    assert first.article.language == "fr" and second.article.language == "en"
    assert second.article.id == "cost"
    assert [f.value for c in first.claims for f in c.figures] == [2000000]
