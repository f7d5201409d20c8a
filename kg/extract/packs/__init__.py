"""Language packs: everything the extractor knows about one language, in one place.

A pack names its spaCy pipeline and holds its word lists (cue verbs and nouns by class,
"according to" phrases, pronouns with gender and number, nouns that refer back to a person
or a group, titles), the dependency labels its parser uses, its number words and its
newsroom name. The pipeline asks the pack and never tests the language itself: adding a
language is one new module here, registered in :data:`PACKS`, and its gold corpus. Usage::

    from kg.extract.packs import pack
    fr = pack("fr")
    fr.cue_class("démentir")        # 'denial'
    fr.pronoun("elle")              # Pronoun(gender='f', number='sing', kind='person')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from kg.errors import UsageError
from kg.model import CUE_CLASSES

#: Cue classes: what kind of attribution a cue introduces.
#: Language codes with a pack, and the module that holds it.
PACKS = {"fr": "kg.extract.packs.fr", "en": "kg.extract.packs.en"}


@dataclass(frozen=True)
class Pronoun:
    """What a pronoun can refer to: gender ('m', 'f' or None), number, kind."""

    gender: str | None
    number: str          # "sing" or "plur"
    kind: str            # "person", "group" (people or bodies) or "thing"


@dataclass(frozen=True)
class Deps:
    """The dependency labels of the language's parser, by role in an attribution."""

    subject: frozenset[str]           # the speaker of an active cue
    passive_subject: frozenset[str]   # the subject of a passive cue (not the speaker)
    agent: frozenset[str]             # "by X" / "par X" of a passive (or its preposition)
    clause: frozenset[str]            # a complement clause: what was said
    open_clause: frozenset[str]       # an infinitive complement (want to, veut)
    object: frozenset[str]            # a direct object
    oblique: frozenset[str]           # a prepositional complement (à l'AFP, told X)
    detached: frozenset[str]          # a clause attached loosely (incise, parenthetical)
    apposition: frozenset[str]        # "X, an analyst at Y"
    relative: frozenset[str]          # "X, who said ..."
    name_parts: frozenset[str]        # tokens that build a name with its head
    passive_aux: frozenset[str]       # the auxiliary that marks a passive
    mark: frozenset[str]              # "que", "that"
    #: A clause a preposition governs ("by saying", "after explaining"), when the parser
    #: labels it apart from the oblique: climbed through to find who is speaking.
    prepositional_clause: frozenset[str] = frozenset()
    #: What an object is called: "called [the plan] [a disaster]".
    predicative: frozenset[str] = frozenset()
    #: Labels a source after its cue can carry, when the parser does not call it a subject
    #: (« …, juge le ministère » parsed as an object); empty: objects, subjects, obliques.
    postposed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RangeWords:
    """How a range of two figures is written: « entre 2 et 3 % », "from 5 to 7"."""

    starts: frozenset[str] = field(default_factory=frozenset)   # entre, de, between
    joins: frozenset[str] = field(default_factory=frozenset)    # et, à, -, and, to


@dataclass(frozen=True)
class LanguagePack:
    """The extractor's knowledge of one language. See the module docstring."""

    lang: str
    model: str
    newsroom: str
    unknown_source: str
    cue_verbs: dict[str, str]
    cue_nouns: dict[str, str]
    according: tuple[str, ...]
    pronouns: dict[str, Pronoun]
    first_person: frozenset[str]
    referring_nouns: frozenset[str]
    deps: Deps
    quote_marks: tuple[tuple[str, str], ...]
    not_names: frozenset[str] = field(default_factory=frozenset)
    told: frozenset[str] = field(default_factory=frozenset)
    #: (ending of an inflected form, ending of its infinitive): retried when the
    #: lemmatizer hands back the form itself (« indique » -> « indiquer »).
    verb_endings: tuple[tuple[str, str], ...] = ()
    #: Where statements come from: "parse" (kg.extract.statements alone), or
    #: "rules+parse": the older surface rules (kg.extract.claims) first, the parse naming
    #: the speakers they left unknown and adding the attributions they missed — kept while
    #: it scores better than the parse alone on the language's gold corpora
    #: (docs/EXTRACTION.md).
    statements: str = "parse"
    #: Clitics and auxiliaries that stand between a quotation and its cue (« a-t-il »).
    clitics: frozenset[str] = field(default_factory=frozenset)
    #: Fewest words of a noun phrase a cue governs for it to be what is reported
    #: ("denied the allegations" is content; "denied it" is not).
    object_words: int = 2
    range_words: RangeWords = field(default_factory=RangeWords)
    #: A counted noun's lemma is the unit's name ("640 buses": bus), as kg's units are
    #: English nouns; other languages name units through kg.extract.figures' tables.
    lemma_units: bool = False
    #: Words that open an unnamed group ("some", « certains »): lower-cased in its name.
    quantifiers: frozenset[str] = field(default_factory=frozenset)
    #: Nouns for documents whose author is their source (« le rapport du BEA »).
    document_nouns: frozenset[str] = field(default_factory=frozenset)
    #: Verbs of obligation or possibility: a cue they govern reports nothing (« les
    #: géants doivent démontrer que … » is a demand, not a finding).
    modals: frozenset[str] = field(default_factory=frozenset)
    #: Cue verbs that report only when someone is their subject (a name, a pronoun, a role,
    #: group or document noun): "the senator supports the plan", not "the plan would
    #: support jobs".
    speaker_cues: frozenset[str] = field(default_factory=frozenset)
    #: Cue verbs with no source of their own whose subject belongs to what they report
    #: ("Support for the plan appears to have fallen"): the content is the subject and the
    #: infinitive.
    raising_cues: frozenset[str] = field(default_factory=frozenset)

    def cue_class(self, lemma: str) -> str | None:
        """The class of a cue verb (by lemma, or by an inflection the lemmatizer missed),
        or None when it introduces no attribution."""
        word = lemma.lower()
        found = self.cue_verbs.get(word)
        if found is not None:
            return found
        for ending, infinitive in self.verb_endings:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                found = self.cue_verbs.get(word[:len(word) - len(ending)] + infinitive)
                if found is not None:
                    return found
        return None

    def noun_cue_class(self, lemma: str) -> str | None:
        """The class of a cue noun ("accusation", "déclaration"), or None."""
        return self.cue_nouns.get(lemma.lower())

    def pronoun(self, word: str) -> Pronoun | None:
        """What a third-person pronoun can refer to, or None for another word."""
        return self.pronouns.get(word.lower().lstrip("-"))


def by_class(**classes: str) -> dict[str, str]:
    """A cue table from space-separated lemma lists by class. Usage:
    ``by_class(speech="say tell", denial="deny")`` -> {"say": "speech", ...}; the first
    class a lemma is listed in wins."""
    table: dict[str, str] = {}
    for name, words in classes.items():
        cue_class = name.split("_")[0]  # speech_more: another list of speech cues
        if cue_class not in CUE_CLASSES:
            raise ValueError(f"unknown cue class {cue_class}")
        for word in words.split():
            table.setdefault(word.replace("_", " "), cue_class)
    return table


@cache
def pack(lang: str) -> LanguagePack:
    """The pack for ``lang`` ('fr', 'en'); a one-line error for a language kg lacks."""
    module = PACKS.get(lang)
    if module is None:
        raise UsageError(f"no language pack for '{lang}' (kg has: {', '.join(sorted(PACKS))})")
    return import_module(module).PACK
