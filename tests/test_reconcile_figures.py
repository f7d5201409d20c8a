"""Figure reconciliation: rounding from the digits written, qualifiers, units; names."""

from __future__ import annotations

import pytest

from kg.reconcile.figures import FigureValue, compare, half_step, interval
from kg.reconcile.gazetteer import load_gazetteer
from kg.reconcile.names import normalise, surname
from kg.reconcile.units import unit_of


def fig(value, text, unit=None, currency=None, qualifier="exactly", language="en"):
    return FigureValue(value, unit, currency, qualifier, text, language)


AGREE = [
    # the examples
    (fig(2000, "2 000", "chip", qualifier="about", language="fr"),
     fig(2048, "2,048 Nvidia H800 chips", "chip")),
    (fig(16.97, "16,97 %", "percent", language="fr"),
     fig(17, "17 %", "percent", qualifier="nearly", language="fr")),
    (fig(5600000, "5,6 millions de dollars", currency="USD", language="fr"),
     fig(5580000, "$5.58 million", currency="USD")),
    # "only 2 000 processeurs" is written to one significant digit: 1 500 to 2 500
    (fig(2000, "2 000 processeurs H800", "processor", qualifier="only", language="fr"),
     fig(2048, "2,048 Nvidia H800 chips", "chip", qualifier="about")),
    # unit conversion: two months and about 57 days; 16 hectares and 0.16 km²
    (fig(2, "deux mois", "month", language="fr"), fig(57, "57 days", "day", qualifier="about")),
    (fig(16, "16 hectares", "hectare", language="fr"),
     fig(0.16, "0.16 square kilometres", "square kilometre")),
    (fig(628000, "628 000 m³", "cubic metre", language="fr"),
     fig(630000, "630,000 cubic metres", "cubic metres")),
    # a lower bound and a value inside it
    (fig(10000, "des dizaines de milliers de puces", "chip", qualifier="at-least", language="fr"),
     fig(50000, "50,000 Nvidia H100 chips", "chip", qualifier="about")),
    (fig(500e9, "500 milliards de dollars", currency="USD", qualifier="up-to", language="fr"),
     fig(500e9, "$500 billion", currency="USD")),
]

DISAGREE = [
    (fig(2000, "2 000 processeurs H800", "processor", qualifier="only", language="fr"),
     fig(50000, "50,000 H100 chips", "chip", qualifier="about")),
    (fig(3, "3 %", "percent", language="fr"), fig(4, "4 %", "percent", language="fr")),
    (fig(3, "3 %", "percent", language="fr"),
     fig(5, "5 %", "percent", qualifier="more-than", language="fr")),
    (fig(5600000, "5,6 millions de dollars", currency="USD", qualifier="about", language="fr"),
     fig(500e6, "$500 million", currency="USD", qualifier="more-than")),
    (fig(7.2e6, "7,2 millions d’euros", currency="EUR", language="fr"),
     fig(9e6, "9 million euros", currency="EUR")),
    # 20 000 (15 000–25 000) and 30,000 (25 000–35 000) only touch: no agreement
    (fig(20000, "20 000 participants", "participant", language="fr"),
     fig(30000, "30,000", "person")),
]


@pytest.mark.parametrize(("a", "b"), AGREE)
def test_figures_that_agree(a: FigureValue, b: FigureValue) -> None:
    for left, right in ((a, b), (b, a)):
        result = compare(left, right)
        assert result is not None and result.agree, result
        assert "agrees with" in result.reason


@pytest.mark.parametrize(("a", "b"), DISAGREE)
def test_figures_that_disagree(a: FigureValue, b: FigureValue) -> None:
    for left, right in ((a, b), (b, a)):
        result = compare(left, right)
        assert result is not None and not result.agree, result
        assert "do not overlap" in result.reason


def test_other_currencies_and_other_things_are_not_compared() -> None:
    assert compare(fig(7e6, "7 million", currency="EUR"), fig(7e6, "7 million", currency="USD")) \
        is None
    assert compare(fig(15, "15 gendarmes", "gendarme"), fig(15, "15 chips", "chip")) is None


def test_rounding_comes_from_the_digits_written() -> None:
    assert half_step(2000, "2 000 processeurs", "fr") == 500
    assert half_step(2048, "2,048 chips", "en") == 0.5
    assert half_step(5600000, "5,6 millions de dollars", "fr") == pytest.approx(50000)
    assert half_step(5580000, "$5.58 million", "en") == pytest.approx(5000)
    assert half_step(16.97, "16,97 %", "fr") == pytest.approx(0.005)
    assert half_step(630000, "630,000 cubic metres", "en") == 5000
    # French writes 2,048 for two point zero four eight
    assert half_step(2.048, "2,048 milliards", "fr") == pytest.approx(0.0005)
    # numbers in words fall back to the value's own digits
    assert half_step(2, "deux mois", "fr") == 0.5
    assert half_step(10000, "des dizaines de milliers", "fr") == 5000


def test_qualifiers_widen_or_open_the_interval() -> None:
    about = interval(fig(2000, "2 000", "chip", qualifier="about", language="fr"))
    assert (about.low, about.high) == (1500, 2500)
    about = interval(fig(50000, "50,000", "chip", qualifier="about"))
    assert (about.low, about.high) == (45000, 55000)
    nearly = interval(fig(17, "17 %", "percent", qualifier="nearly"))
    assert nearly.low == pytest.approx(15.3) and nearly.high == 17.5
    assert interval(fig(5, "5 %", "percent", qualifier="more-than")).high == float("inf")
    assert interval(fig(5, "5 %", "percent", qualifier="up-to")).low == float("-inf")


def test_units_have_dimensions() -> None:
    assert unit_of("processors").dimension == unit_of("chip").dimension == "count:chip"
    assert unit_of("month").dimension == unit_of("days").dimension == "time"
    assert unit_of("hectares").factor == 1e4
    assert unit_of(None, "usd").dimension == "money:USD"
    assert unit_of("participant").dimension == unit_of("people").dimension == "count:person"


def test_names_are_normalised_for_comparison() -> None:
    assert normalise("Nvidia Corporation", "organization") == "nvidia"
    assert normalise("NVIDIA", "organization") == "nvidia"
    assert normalise("SoftBank Group", "organization") == "softbank"
    assert normalise("L’Écho du numérique", "organization") == "echo du numerique"
    assert normalise("Group", "organization") == "group"
    assert surname("Roy Chua") == surname("Chua") == "chua"


def test_the_gazetteer_links_names_to_wikidata() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Nvidia Corporation", "organization") == "Q182477"
    assert gazetteer.lookup("NVIDIA", "organization") == "Q182477"
    assert gazetteer.lookup("Nvidia", "person") is None
    assert gazetteer.lookup("Altman", "person") is None
