"""Who the source of an attribution is: a named entity, or what a pronoun or noun refers to.

A name is the entity named there (created if the entity table lacks it). A third-person
pronoun (« il », « elle », "they") refers to the nearest earlier entity of a compatible kind,
gender and number — preferring the speakers of the last sentences, the way news copy
chains quotes. A definite noun that describes (« l'analyste », « le groupe », "the company")
refers to the nearest earlier entity with that role or kind; a noun phrase that names a
group in its own right (« des analystes », « les analystes de la banque », "the Trump
campaign") is an unnamed group of its own. Each resolution says how sure it is. Usage::

    from kg.extract.coref import Speakers
    speakers = Speakers(doc, pack("fr"), table)
    ids, how = speakers.resolve(attribution)   # (("roy-chua",), "name")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.attribute import Attribution
from kg.extract.entities import EntityTable
from kg.extract.lexicon import (
    GROUP_NOUNS,
    INSTITUTION_NOUNS,
    looks_like_role,
    role_stem,
    word_set,
)
from kg.extract.packs import LanguagePack

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Confidence of each way of resolving a source (multiplies the attribution's own).
RESOLUTION = {"name": 1.0, "group": 0.95, "nominal": 0.8, "pronoun": 0.8,
              "pronoun-ambiguous": 0.6, "first-person": 0.6, "unresolved": 0.5}
_PERSON_LABELS = ("PER", "PERSON")
_ORG_LABELS = ("ORG", "NORP", "GPE")
_ORG_NOUNS = word_set(
    "groupe société entreprise compagnie firme gouvernement ministère parti syndicat "
    "association agence institut banque company firm government ministry party union "
    "agency campaign administration department committee team club")
_DETERMINERS = word_set("le la les l' l’ un une des du de the a an some several many")


class Speakers:
    """Resolves sources in reading order (each resolution is remembered)."""

    def __init__(self, doc: Doc, pack: LanguagePack, table: EntityTable) -> None:
        self.doc = doc
        self.text = doc.text
        self.pack = pack
        self.table = table
        self.history: list[tuple[int, tuple[str, ...]]] = []

    def resolve(self, found: Attribution) -> tuple[tuple[str, ...], str]:
        """The entity ids of the source and how they were found ("unknown": none)."""
        if found.source is None or found.source_head is None:
            return (), "unknown"
        head = self.doc[found.source_head]
        start, end = found.source
        ids, how = self._resolve(head, start, end, found.cue_class)
        if ids:
            self.history.append((start, ids))
        return ids, how

    def _resolve(self, head: Token, start: int, end: int, cue_class: str = "speech"
                 ) -> tuple[tuple[str, ...], str]:
        word = head.text.lower().lstrip("-")
        if word in self.pack.first_person:
            last = self._recent(start, lambda _record: True, speakers_only=True)
            return (last, "first-person") if last else ((), "unresolved")
        pronoun = self.pack.pronoun(word) if head.pos_ == "PRON" or word in \
            self.pack.pronouns else None
        if pronoun is not None:
            return self._pronoun(head, pronoun.gender, pronoun.number, pronoun.kind, start)
        record = (self.table.covering(head.idx, head.idx + len(head.text)) if
                  head.pos_ == "PROPN" else None) or self.table.at(start, end)
        if record is not None:
            return (record.id,), "name"
        known = self.table.lookup(_as_name(self.text[start:end])) or (
            self.table.person_by_surname(head.text) if head.text[:1].isupper() else None)
        if known is not None:
            self.table.mention(start, end, known)
            return (known,), "name"
        named = self._named_beside(head)
        if named is not None:
            return (named,), "name"
        owner = self._document_owner(head)
        if owner is not None:  # "the authority's own figures": the authority
            words = sorted(owner.subtree, key=lambda t: t.i)
            words = [t for t in words if t.dep_ != "case" and t.text not in ("'s", "’s")]
            found = self._resolve(owner, words[0].idx, words[-1].idx + len(words[-1].text))
            if found[0]:
                return found
        inside = self.table.mentions_in(start, end)
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN" and not inside:
            return (self._named(head, start, end),), "name"
        if inside and head.pos_ == "PROPN":
            return (inside[-1].entity_id,), "name"
        if head.pos_ == "NOUN" and cue_class == "evidence" and not self.can_speak(head):
            return (), "unresolved"  # "the numbers show": not a source to name
        if lemma in self.pack.referring_nouns or head.pos_ == "NOUN":
            return self._nominal(head, lemma, start, end, bool(inside))
        return (), "unresolved"

    def can_speak(self, head: Token) -> bool:
        """Whether a common noun can name a source: people, a role, a body, a group, or a
        document (« l'étude montre »); not things, places or events."""
        words = {head.lemma_.lower(), head.text.lower()}
        known = self.pack.referring_nouns | self.pack.document_nouns | GROUP_NOUNS | \
            INSTITUTION_NOUNS | _ORG_NOUNS
        return bool(words & known) or any(looks_like_role(w) for w in words)

    def _named_beside(self, head: Token) -> str | None:
        """The name a description stands beside: its apposition (« le directeur, John
        Womersley »), the name it introduces (« le quotidien El Punt Avui »), or the author
        of a document (« le rapport du BEA », "a study by Gallup")."""
        if head.pos_ not in ("NOUN", "PRON") or head.lemma_.lower() in self.pack.pronouns:
            return None
        document = head.lemma_.lower() in self.pack.document_nouns
        for token in head.subtree:
            if token.i > head.i and token.dep_ in self.pack.deps.apposition and \
                    token.pos_ == "PROPN" and token.ent_type_ not in ("LOC", "GPE"):
                return self._entity_at(token)
        for child in head.children:
            if child.i < head.i or child.pos_ != "PROPN":
                continue
            cases = [g for g in child.children if g.dep_ in ("case", "prep")]
            if child.dep_ in self.pack.deps.apposition | self.pack.deps.name_parts or (
                    not cases and child.dep_ in ("nmod", "appos", "npadvmod")) or (
                    document and child.dep_ in ("nmod", "pobj")):
                return self._entity_at(child)
        if document:
            for child in head.children:
                if child.dep_ in ("prep", "agent") and child.text.lower() in ("of", "by"):
                    names = [g for g in child.children if g.pos_ == "PROPN"]
                    if names:
                        return self._entity_at(names[0])
        return None

    def _document_owner(self, head: Token) -> Token | None:
        """Whose document it is: the possessor or the « de X » of a document noun."""
        if head.lemma_.lower() not in self.pack.document_nouns:
            return None
        for child in head.children:
            if child.pos_ in ("NOUN", "PROPN", "PRON") and (
                    child.dep_ in ("poss", "nmod:poss") or (child.dep_ == "nmod" and any(
                        g.dep_ == "case" for g in child.children))):
                return child
            if child.dep_ == "prep" and child.text.lower() in ("of", "by"):
                objects = [g for g in child.children if g.pos_ in ("NOUN", "PROPN")]
                if objects:
                    return objects[0]
        return None

    def _entity_at(self, token: Token) -> str:
        """The entity a proper-noun phrase names (added to the table if new)."""
        words = [t for t in token.subtree if t.i >= token.i and (
            t.i == token.i or t.dep_ in self.pack.deps.name_parts)]
        first = token
        for child in token.children:
            if child.i < token.i and child.pos_ == "PROPN":
                first = min(first, child, key=lambda t: t.i)
        start = first.idx
        end = max(t.idx + len(t.text) for t in [token, *words])
        record = self.table.at(start, end) or self.table.covering(start, end)
        if record is not None:
            return record.id
        inside = self.table.mentions_in(start, end)
        if inside:
            return inside[-1].entity_id
        return self._named(token, start, end)

    def _pronoun(self, head: Token, gender: str | None, number: str, kind: str,
                 start: int) -> tuple[tuple[str, ...], str]:
        def fits(record_id: str) -> bool:
            record = self.table.records.get(record_id)
            if record is None:
                return False
            if kind == "person":
                return record.type == "person" and (gender is None or record.gender in
                                                    (None, gender))
            if kind == "group":
                return record.type in ("group", "organization") or number == "plur"
            return record.type in ("organization", "group", "thing", "product")

        last = self._recent(start, fits)
        if not last:
            return (), "unresolved"
        rivals = {m.entity_id for m in self.table.mentions
                  if self._sentence_before(m.start, start) and fits(m.entity_id)}
        return last, "pronoun" if len(rivals - set(last)) == 0 else "pronoun-ambiguous"

    def _recent(self, before: int, fits: object, speakers_only: bool = False
                ) -> tuple[str, ...]:
        """The nearest earlier entity that ``fits``: speakers of the last two sentences
        first, then any mention."""
        check = fits if callable(fits) else (lambda _id: True)
        window = self._sentence_start(before, back=2)
        for position, ids in reversed(self.history):
            if position < before and (speakers_only or position >= window) and all(
                    check(i) for i in ids):
                return ids
        if speakers_only:
            return ()
        for mention in reversed(self.table.mentions):
            if mention.end <= before and check(mention.entity_id):
                return (mention.entity_id,)
        return ()

    def _nominal(self, head: Token, lemma: str, start: int, end: int,
                 names_inside: bool) -> tuple[tuple[str, ...], str]:
        words = [t for t in self.doc[head.i:head.i + 1].sent if start <= t.idx < end]
        definite = bool(words) and words[0].text.lower() in ("le", "la", "l'", "l’", "the",
                                                            "les", "ce", "cette", "this")
        plural = "Plur" in head.morph.get("Number") or lemma in GROUP_NOUNS or \
            head.text.lower() in GROUP_NOUNS
        bare = len(words) <= 2 and definite and not names_inside
        if bare:  # "the agency" -> the Port Avalon Transit Agency named before
            named = self._named_by_noun(head.text, start)
            if named is not None:
                return (named,), "nominal"
        if bare and not plural:
            stem = role_stem(head.text)

            def fits(record_id: str) -> bool:
                record = self.table.records.get(record_id)
                if record is None:
                    return False
                if lemma in _ORG_NOUNS:
                    return record.type == "organization"
                return record.type == "person" and (
                    not record.roles or any(role_stem(w) == stem for r in record.roles
                                            for w in r.title.split()))

            found = self._recent(start, fits)
            if found:
                return found, "nominal"
        if definite and not plural and looks_like_role(head.text):
            found = self._holder(role_stem(head.text), start, end)
            if found:  # « le président de la République » after « le président X »
                return (found,), "nominal"
        name = _as_name(self.text[start:end])
        first, _, rest = name.partition(" ")
        if first.lower() in _DETERMINERS | self.pack.quantifiers and rest[:1].islower():
            name = name[:1].lower() + name[1:]  # "Some council members" -> "some ..."
        entity_type = "organization" if lemma in _ORG_NOUNS and not plural else "group"
        ident = self.table.lookup(name) or self.table.add(name, entity_type, start)
        self.table.mention(start, end, ident)
        return (ident,), "group"

    def _holder(self, stem: str, start: int, end: int) -> str | None:
        """The person last named with this role: one whose role names the organisation the
        phrase names, else one whose title has no organisation (« le président X »)."""
        inside = {m.entity_id for m in self.table.mentions_in(start, end)}
        best: dict[bool, str] = {}
        for mention in self.table.mentions:
            record = self.table.records.get(mention.entity_id)
            if mention.end > start or record is None or record.type != "person":
                continue
            for role in record.roles:
                if stem in {role_stem(w) for w in role.title.split()} and (
                        role.organization in inside or role.organization is None):
                    best[role.organization in inside and bool(inside)] = record.id
        return best.get(True) or best.get(False)

    def _named_by_noun(self, noun: str, before: int) -> str | None:
        """ "the authority" -> the Port Avalon Regional Transit Authority named before."""
        word = noun.lower()
        for mention in reversed(self.table.mentions):
            record = self.table.records.get(mention.entity_id)
            if mention.end <= before and record is not None and record.type != "person" and \
                    word in (w.lower() for w in record.name.split()[1:]):
                return record.id
        return None

    def _named(self, head: Token, start: int, end: int) -> str:
        name = _as_name(self.text[start:end])
        label = head.ent_type_
        words = name.split()
        if label in _PERSON_LABELS or (len(words) >= 2 and label not in _ORG_LABELS and
                                       all(w[:1].isupper() for w in words)):
            entity_type = "person"
        else:
            entity_type = "organization"
        ident = self.table.lookup(name) or self.table.add(name, entity_type, start)
        self.table.mention(start, end, ident)
        return ident

    def _sentence_start(self, offset: int, back: int = 0) -> int:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return 0
        sent = span[0].sent
        for _ in range(back):
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return sent.start_char

    def _sentence_before(self, position: int, offset: int) -> bool:
        return self._sentence_start(offset, back=1) <= position < offset


def _as_name(words: str) -> str:
    """A source's words as an entity name: no leading determiner of a proper name."""
    parts = words.split()
    if len(parts) > 1 and parts[0].lower() in _DETERMINERS and parts[1][:1].isupper():
        parts = parts[1:]
    return " ".join(parts).strip(" ,.;:")
