"""Rule-based figure extraction: French seed article, English news sentences, edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import figures as figures_module
from kg.extract.figures import QUALIFIERS, FoundFigure, find_figures, parse_number

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "deepseek-stargate-mwl.txt"

# (text, value, unit, currency, qualifier) for every figure of the French seed article, in order.
SEED_FIGURES = [
    ("jusqu’à 500 milliards de dollars", 500_000_000_000, None, "USD", "up-to"),
    ("quatre prochaines années", 4, "year", None, "exactly"),
    ("3 %", 3, "percent", None, "exactly"),
    ("près 17 %", 17, "percent", None, "nearly"),
    ("deux mois", 2, "month", None, "exactly"),
    ("environ 5,6 millions de dollars", 5_600_000, None, "USD", "about"),
    ("que 2 000 processeurs", 2000, "processor", None, "only"),
    ("2,7 millions d’heures", 2_700_000, "hour", None, "exactly"),
    ("30,8 millions d’heures", 30_800_000, "hour", None, "exactly"),
    ("des dizaines de milliers de puces", 10_000, "chip", None, "at-least"),
    ("des milliards de dollars", 1_000_000_000, None, "USD", "at-least"),
    ("mille milliards de dollars ou plus", 10**12, None, "USD", "at-least"),
    ("500 milliards", 500_000_000_000, None, None, "exactly"),
]


def _summary(found: list[FoundFigure]) -> list[tuple[str, int | float, str | None, str | None,
                                                        str]]:
    return [(f.text, f.value, f.unit, f.currency, f.qualifier) for f in found]


def _only(text: str, lang: str) -> FoundFigure:
    found = find_figures(text, lang)
    assert len(found) == 1, _summary(found)
    return found[0]


def _assert_well_formed(text: str, found: list[FoundFigure]) -> None:
    last_end = 0
    for figure in found:
        assert text[figure.start:figure.end] == figure.text
        assert figure.start >= last_end, "figures overlap or are not sorted"
        last_end = figure.end
        assert figure.qualifier in QUALIFIERS
        assert figure.unit is None or figure.currency is None
        assert figure.text == figure.text.strip()
        if isinstance(figure.value, float):
            assert not figure.value.is_integer()


# --------------------------------------------------------------------------- the seed article

def test_seed_article_full_list() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    found = find_figures(text, "fr")
    assert _summary(found) == SEED_FIGURES
    _assert_well_formed(text, found)


def test_seed_article_offsets_match_the_annotation() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    by_text = {f.text: f for f in find_figures(text, "fr")}
    # Offsets of the hand annotation (data/annotations/deepseek-stargate-mwl.yaml).
    assert by_text["3 %"].start == 1170
    assert by_text["2,7 millions d’heures"].start == 1923
    assert by_text["des dizaines de milliers de puces"].start == 2258
    assert by_text["jusqu’à 500 milliards de dollars"].end == 698


def test_seed_article_without_text2num(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures_module, "_text2num", None)
    text = ARTICLE.read_text(encoding="utf-8")
    assert _summary(find_figures(text, "fr")) == SEED_FIGURES


# --------------------------------------------------------------------------- French sentences

@pytest.mark.parametrize(("sentence", "text", "value", "unit", "currency", "qualifier"), [
    ("Oracle, OpenAI et SoftBank Group se disent prêts à investir jusqu’à 500 milliards de "
     "dollars dans des infrastructures dédiées à l’IA.",
     "jusqu’à 500 milliards de dollars", 500_000_000_000, None, "USD", "up-to"),
    ("Les actions de Nvidia ont dévissé de près 17 % suite à la sortie de DeepSeek-R1.",
     "près 17 %", 17, "percent", None, "nearly"),
    ("Les actions ont dévissé de près de 17 % lundi.",
     "près de 17 %", 17, "percent", None, "nearly"),
    ("L’entraînement de DeepSeekV3 n’a requis que 2 000 processeurs H800.",
     "que 2 000 processeurs", 2000, "processor", None, "only"),
    ("Le groupe a investi 1,2 milliard d’euros en Europe.",
     "1,2 milliard d’euros", 1_200_000_000, None, "EUR", None),
    ("Le groupe a investi 1,2 milliard d'euros en Europe.",
     "1,2 milliard d'euros", 1_200_000_000, None, "EUR", None),
    ("Le titre a perdu 16,97 % en une séance.", "16,97 %", 16.97, "percent", None, None),
    ("Le titre a perdu 16,97\u202f% en une séance.", "16,97\u202f%", 16.97, "percent", None,
     None),
    ("L’usine emploie 30\u00a0000 salariés.", "30\u00a0000 salariés", 30000, "employee", None,
     None),
    ("Le projet coûterait un billion de dollars.", "un billion de dollars", 10**12, None, "USD",
     None),
    ("La Chine a produit 50 térawattheures de plus.", "50 térawattheures", 50,
     "terawatt-hour", None, None),
    ("Les centres de données consomment 10 TWh par an.", "10 TWh", 10, "terawatt-hour", None,
     None),
    ("Le plan prévoit la création de plus de 3 000 emplois.", "plus de 3 000 emplois", 3000,
     "job", None, "more-than"),
    ("L’application revendique au moins 5 millions d’utilisateurs.",
     "au moins 5 millions d’utilisateurs", 5_000_000, "user", None, "at-least"),
    ("Le chômage touche moins de 5 % des actifs.", "moins de 5 %", 5, "percent", None,
     "less-than"),
    ("Quelque 300 personnes ont manifesté.", "Quelque 300 personnes", 300, "person", None,
     "about"),
    ("La grève a duré presque 20 jours.", "presque 20 jours", 20, "day", None, "nearly"),
    ("Le chantier durera environ trois semaines.", "environ trois semaines", 3, "week", None,
     "about"),
    ("Le contrat porte sur 10 000 barils par jour.", "10 000 barils", 10000, "barrel", None,
     None),
    ("L’entreprise a émis 2 millions de tonnes de CO2.", "2 millions de tonnes", 2_000_000,
     "tonne", None, None),
    ("Le réseau couvre 1 200 kilomètres.", "1 200 kilomètres", 1200, "kilometre", None, None),
    ("Le fonds a levé 500 millions de yuans.", "500 millions de yuans", 500_000_000, None, "CNY",
     None),
    ("La banque a prêté 3 milliards de yens.", "3 milliards de yens", 3_000_000_000, None, "JPY",
     None),
    ("Il a payé 100 millions de livres sterling.", "100 millions de livres sterling",
     100_000_000, None, "GBP", None),
    ("Le club a reçu 20 millions de francs suisses.", "20 millions de francs suisses",
     20_000_000, None, "CHF", None),
    ("La start-up vaut 5 M€ et sa rivale 1,2 Md$.", "5 M€", 5_000_000, None, "EUR", None),
    ("Le budget atteint 10 € par personne.", "10 €", 10, None, "EUR", None),
    ("Nvidia a vendu des milliers de puces.", "des milliers de puces", 1000, "chip", None,
     "at-least"),
    ("L’IA coûtera des milliards de dollars.", "des milliards de dollars", 1_000_000_000, None,
     "USD", "at-least"),
    ("Il faudra investir mille milliards de dollars ou plus.",
     "mille milliards de dollars ou plus", 10**12, None, "USD", "at-least"),
    ("Une dizaine de morts ont été recensés.", "Une dizaine de morts", 10, "death", None,
     "about"),
    ("Le salon a attiré une centaine de milliers de cyclistes.",
     "une centaine de milliers", 100_000, None, None, "about"),
    ("Plusieurs centaines de salariés ont été licenciés.",
     "Plusieurs centaines de salariés", 100, "employee", None, "at-least"),
    ("Le chantier a duré vingt-deux ans.", "vingt-deux ans", 22, "year", None, None),
    ("Le délai est de quatre-vingt-dix jours.", "quatre-vingt-dix jours", 90, "day", None,
     None),
    ("La mise a atteint deux cent mille euros.", "deux cent mille euros", 200_000, None, "EUR",
     None),
    ("Mille personnes étaient présentes.", "Mille personnes", 1000, "person", None, None),
    ("Les ventes ont progressé de 10 pour cent.", "10 pour cent", 10, "percent", None, None),
    ("Le taux a gagné 2 points de pourcentage.", "2 points de pourcentage", 2,
     "percentage point", None, None),
    ("Le PIB a reculé de -3 % cette année.", "-3 %", -3, "percent", None, None),
    ("Le service compte 5 millions de nouveaux utilisateurs.",
     "5 millions de nouveaux utilisateurs", 5_000_000, "user", None, None),
    ("Le marché a reculé de 20 % ou plus.", "20 % ou plus", 20, "percent", None, "at-least"),
    ("Ils ont dépensé 3 milliards environ.", "3 milliards environ", 3_000_000_000, None, None,
     "about"),
    ("L’État doit verser jusqu'à 2 000 euros.", "jusqu'à 2 000 euros", 2000, None, "EUR",
     "up-to"),
    ("Le projet a été conçu en deux mois.", "deux mois", 2, "month", None, None),
    ("Il a été réélu pour les quatre prochaines années.", "quatre prochaines années", 4, "year",
     None, None),
    ("Le site a enregistré 2,5 millions de téléchargements.",
     "2,5 millions de téléchargements", 2_500_000, "download", None, None),
])
def test_french_sentences(sentence: str, text: str, value: int | float, unit: str | None,
                          currency: str | None, qualifier: str | None) -> None:
    found = find_figures(sentence, "fr")
    _assert_well_formed(sentence, found)
    figure = found[0]
    assert (figure.text, figure.value, figure.unit, figure.currency, figure.qualifier) == (
        text, value, unit, currency, qualifier or "exactly")
    assert type(figure.value) is type(value)


# --------------------------------------------------------------------------- English sentences

@pytest.mark.parametrize(("sentence", "text", "value", "unit", "currency", "qualifier"), [
    ("Nvidia's shares fell nearly 17% on Monday", "nearly 17%", 17, "percent", None, "nearly"),
    ("The company said it spent $5.6 million on training", "$5.6 million", 5_600_000, None,
     "USD", None),
    ("The partners will invest up to $500 billion over four years.", "up to $500 billion",
     500_000_000_000, None, "USD", "up-to"),
    ("The model was trained on about 2,048 Nvidia H800 chips.",
     "about 2,048 Nvidia H800 chips", 2048, "chip", None, "about"),
    ("The plant will create more than 10,000 jobs.", "more than 10,000 jobs", 10000, "job",
     None, "more-than"),
    ("The shares closed down 16.97 per cent.", "16.97 per cent", 16.97, "percent", None, None),
    ("The chief executive earned $294,000 last year.", "$294,000", 294_000, None, "USD", None),
    ("Regulators imposed a $10 million fine.", "$10 million", 10_000_000, None, "USD", None),
    ("The deal is worth 1.2 billion euros.", "1.2 billion euros", 1_200_000_000, None, "EUR",
     None),
    ("Revenue reached $1.2bn in the quarter.", "$1.2bn", 1_200_000_000, None, "USD", None),
    ("The club paid £3m for the striker.", "£3m", 3_000_000, None, "GBP", None),
    ("Brussels pledged €5 billion to the fund.", "€5 billion", 5_000_000_000, None, "EUR",
     None),
    ("The market rose 17% after the vote.", "17%", 17, "percent", None, None),
    ("The strike lasted two months.", "two months", 2, "month", None, None),
    ("A dozen people were hurt.", "A dozen people", 12, "person", None, None),
    ("Tens of thousands of people marched in the capital.", "Tens of thousands of people",
     10_000, "person", None, "at-least"),
    ("The app has at least 5 million users.", "at least 5 million users", 5_000_000, "user",
     None, "at-least"),
    ("Turnout was under 3% in the district.", "under 3%", 3, "percent", None, "less-than"),
    ("Some 300 people were evacuated.", "Some 300 people", 300, "person", None, "about"),
    ("The firm employs roughly two hundred workers.", "roughly two hundred workers", 200,
     "worker", None, "about"),
    ("The lab had only 2,000 GPUs.", "only 2,000 GPUs", 2000, "processor", None, "only"),
    ("It will cost US$5 million or more.", "US$5 million or more", 5_000_000, None, "USD",
     "at-least"),
    ("The country needs a trillion dollars.", "a trillion dollars", 10**12, None, "USD", None),
    ("China pledged 500 million yuan to the project.", "500 million yuan", 500_000_000, None,
     "CNY", None),
    ("The club earned 5 million pounds.", "5 million pounds", 5_000_000, None, "GBP", None),
    ("Data centres used 460 TWh in 2022.", "460 TWh", 460, "terawatt-hour", None, None),
    ("Almost 40 countries signed.", "Almost 40 countries", 40, "country", None, "nearly"),
    ("Millions of dollars were lost.", "Millions of dollars", 1_000_000, None, "USD",
     "at-least"),
    ("They unveiled a 10-year plan.", "10-year", 10, "year", None, None),
    ("Rates rose 0.5 percentage points.", "0.5 percentage points", 0.5, "percentage point",
     None, None),
    ("Over 300 people died in the floods.", "Over 300 people", 300, "person", None,
     "more-than"),
    ("The project took just over 3 years.", "just over 3 years", 3, "year", None,
     "more-than"),
    ("In March 5 million people voted.", "5 million people", 5_000_000, "person", None, None),
])
def test_english_sentences(sentence: str, text: str, value: int | float, unit: str | None,
                           currency: str | None, qualifier: str | None) -> None:
    found = find_figures(sentence, "en")
    _assert_well_formed(sentence, found)
    figure = found[0]
    assert (figure.text, figure.value, figure.unit, figure.currency, figure.qualifier) == (
        text, value, unit, currency, qualifier or "exactly")
    assert type(figure.value) is type(value)


def test_english_investment_sentence_full_list() -> None:
    sentence = "Oracle and OpenAI will invest up to $500 billion over four years in Stargate."
    assert _summary(find_figures(sentence, "en")) == [
        ("up to $500 billion", 500_000_000_000, None, "USD", "up-to"),
        ("four years", 4, "year", None, "exactly"),  # "over" a duration is not "more than"
    ]


def test_english_multiple_currencies() -> None:
    sentence = "Revenue reached $1.2bn while costs hit £3m and €5 billion in 2025."
    assert _summary(find_figures(sentence, "en")) == [
        ("$1.2bn", 1_200_000_000, None, "USD", "exactly"),
        ("£3m", 3_000_000, None, "GBP", "exactly"),
        ("€5 billion", 5_000_000_000, None, "EUR", "exactly"),
    ]


# --------------------------------------------------------------------------- not figures

@pytest.mark.parametrize(("sentence", "lang"), [
    ("Le 27 janvier, le Nasdaq a reculé.", "fr"),
    ("Le sommet aura lieu en 2024 à Paris.", "fr"),
    ("Le 1er mars 2025, tout a changé.", "fr"),
    ("La réunion commence à 14h30.", "fr"),
    ("Meta a publié Llama 3.1 cet été.", "fr"),
    ("DeepSeek-V3 et DeepSeek-R1 ont été entraînés sur des H800 et des H100.", "fr"),
    ("DeepSeekV3, l’app R-1 et la R&D.", "fr"),
    ("Les trois patrons et les deux grands partis.", "fr"),
    ("Un modèle, une licence, l’un des plus grands.", "fr"),
    ("Les ventes du 3e trimestre et du XXIe siècle.", "fr"),
    ("On January 27, the Nasdaq fell.", "en"),
    ("The summit will be held in 2025.", "en"),
    ("Meta released Llama 3.1 and OpenAI GPT-4.", "en"),
    ("The R1 model was trained on H100 chips.", "en"),
    ("The meeting starts at 10:30 am on 27 January 2025.", "en"),
    ("Boeing 737 MAX deliveries and Section 230.", "en"),
    ("The 1990s and the 2024 election.", "en"),
    ("A year ago, one of the founders left.", "en"),
    ("On March 5, 2024, the board met.", "en"),
])
def test_not_figures(sentence: str, lang: str) -> None:
    assert find_figures(sentence, lang) == []


def test_date_and_figure_in_one_sentence() -> None:
    sentence = "Le 27 janvier, le Nasdaq a enregistré un repli de 3 %, en 2025."
    assert _summary(find_figures(sentence, "fr")) == [("3 %", 3, "percent", None, "exactly")]


def test_model_number_next_to_a_figure() -> None:
    sentence = "Meta a utilisé 30,8 millions d’heures sur des puces H100 pour Llama 3.1."
    assert _summary(find_figures(sentence, "fr")) == [
        ("30,8 millions d’heures", 30_800_000, "hour", None, "exactly")]


@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("Ils ne sont que 300 à avoir voté.", "only"),
    ("Il ne pense pas que 300 personnes viendront.", "exactly"),
    ("Il a dit que 300 personnes viendront.", "exactly"),
])
def test_ne_que(sentence: str, qualifier: str) -> None:
    figure = _only(sentence, "fr")
    assert figure.value == 300
    assert figure.qualifier == qualifier


def test_bare_numbers_are_reported_without_unit() -> None:
    figure = _only("Mais 300 cyclistes ont défilé.", "fr")
    assert (figure.text, figure.value, figure.unit, figure.currency) == ("300", 300, None, None)


def test_ou_plus_tard_is_not_a_qualifier() -> None:
    figure = _only("Le projet aboutira dans deux mois ou plus tard.", "fr")
    assert (figure.text, figure.qualifier) == ("deux mois", "exactly")


# --------------------------------------------------------------------------- parse_number

@pytest.mark.parametrize(("words", "lang", "value"), [
    ("2 000", "fr", 2000),
    ("2\u00a0000", "fr", 2000),
    ("2\u202f000", "fr", 2000),
    ("30 000", "fr", 30000),
    ("2,000", "en", 2000),
    ("5,6", "fr", 5.6),
    ("16,97", "fr", 16.97),
    ("1.2", "en", 1.2),
    ("3.000", "fr", 3000),
    ("mille", "fr", 1000),
    ("deux", "fr", 2),
    ("vingt", "fr", 20),
    ("cent", "fr", 100),
    ("quatre-vingt-dix", "fr", 90),
    ("twenty", "en", 20),
    ("twenty-one", "en", 21),
    ("a dozen", "en", 12),
    ("two dozen", "en", 24),
    ("5,6 millions", "fr", 5_600_000),
    ("mille milliards", "fr", 10**12),
    ("un billion", "fr", 10**12),
    ("2 billion", "en", 2_000_000_000),
    ("3 trillion", "en", 3 * 10**12),
    ("1.2bn", "en", 1_200_000_000),
    ("des dizaines de milliers", "fr", 10_000),
    ("tens of thousands", "en", 10_000),
])
def test_parse_number(words: str, lang: str, value: int | float) -> None:
    parsed = parse_number(words, lang)
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize(("words", "lang"), [
    ("", "fr"), ("hello", "en"), ("2,0,0", "en"), ("3 pommes", "fr"), ("deux trois", "fr"),
])
def test_parse_number_rejects(words: str, lang: str) -> None:
    assert parse_number(words, lang) is None


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        find_figures("3 %", "de")


@pytest.mark.parametrize(("words", "lang", "value"), [
    ("deux", "fr", 2), ("vingt-deux", "fr", 22), ("quatre-vingts", "fr", 80),
    ("quatre-vingt-dix", "fr", 90), ("deux cent mille", "fr", 200_000),
    ("vingt et un", "fr", 21), ("twenty-one", "en", 21),
    ("one hundred and twenty", "en", 120), ("banane", "fr", None),
])
def test_fallback_number_words(words: str, lang: str, value: int | None) -> None:
    assert figures_module._fallback_words(words, lang) == value


# --------------------------------------------------------------------------- properties

PROPERTY_TEXTS = [
    (ARTICLE.read_text(encoding="utf-8"), "fr"),
    ("Entre 2 et 3 %, de 10 à 20 millions d'euros, 2024/2025, 1 000 000 de personnes, "
     "3,5 Mds€, 10 k€ et 5 000 $ ; les 27 États membres ; au cours des cinq dernières années.",
     "fr"),
    ("In 2023, 300 people; 10-15%; $5M; 3m people; 5km; 300 MW; the 3rd time; .5%; "
     "10,000-plus chips; no fewer than 3 dozen eggs; 2,048 GPUs or so; Rs 500; USD 3 million.",
     "en"),
]


@pytest.mark.parametrize(("text", "lang"), PROPERTY_TEXTS)
def test_spans_are_exact_sorted_and_disjoint(text: str, lang: str) -> None:
    found = find_figures(text, lang)
    assert found
    _assert_well_formed(text, found)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("La police a interpellé trois manifestants devant la préfecture.", 3, "protester"),
        ("Le séisme a détruit 1 200 logements et deux écoles.", 1200, "home"),
        ("Seize mausolées ont été endommagés.", 16, "mausoleum"),
        ("La sonde a parcouru 40 années-lumière.", 40, "light-year"),
        ("La pluie a atteint 81 mm en une nuit.", 81, "millimetre"),
        ("Le collisionneur atteint 13 TeV.", 13, "teraelectronvolt"),
    ],
)
def test_french_count_nouns_name_their_unit(sentence: str, value: int, unit: str) -> None:
    found = find_figures(sentence, "fr")
    assert (found[0].value, found[0].unit) == (value, unit)


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        # the count noun after « le nombre de »
        ("Le syndicat estime à 3 000 le nombre d'emplois menacés.", "fr", [(3000, "job")]),
        # a number that repeats the unit of the one before it in the sentence
        ("La motion a recueilli 310 voix pour et 190 contre.", "fr",
         [(310, "vote"), (190, "vote")]),
        ("Il y a 12 écoles : 7 à Lille et 5 à Douai.", "fr",
         [(12, "school"), (7, "school"), (5, "school")]),
        # ... or of the one right after it
        ("Les deux étoiles pèsent 2,5 et 1,2 masses solaires.", "fr",
         [(2, "star"), (2.5, "solar mass"), (1.2, "solar mass")]),
        # a number followed by its own noun keeps no unit
        ("Il a visité 12 écoles et 40 000 habitants en 3 semaines.", "fr",
         [(12, "school"), (40000, "inhabitant"), (3, "week")]),
        ("The union counted 300 buses, 40 in the north.", "en", [(300, "number"), (40, "number")]),
    ],
)
def test_a_number_without_its_unit_takes_the_sentence_s(sentence: str, lang: str,
                                                        expected: list) -> None:
    from kg.extract.claim_figures import article_figures

    assert [(f.value, f.unit) for f in article_figures(sentence, lang)] == expected
