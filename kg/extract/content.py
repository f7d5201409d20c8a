"""What an extracted claim says, as data: its figures' quantity and subject, and its triples.

From the parse of the claim's words:

- each figure's **quantity** is what it counts or measures: the counted noun with its
  modifiers (« 2 000 processeurs H800 » → "processeurs H800"), else the word it measures
  (« un repli de 3 % du Nasdaq » → "repli du Nasdaq"; "fell 3%" → "fall"); its **about**
  is the entity that word belongs to, else the subject of its clause, else the one entity
  the claim names;
- the claim's **content triple** is subject–predicate–object of its main clause: the
  subject an entity named there, the predicate the verb's lemma (ASCII, camelCase, "not"
  before a negated verb), the object a figure, an entity or the object's words.

Claims whose parse gives none of these get none. Usage::

    from kg.extract.content import Content
    content = Content(doc, table)
    quantity, about = content.figure(figure_start, figure_end, claim_start, claim_end)
    statements = content.statements(claim_start, claim_end, figures_by_id)
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from kg.extract.entities import EntityTable
from kg.model import Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Units that are the measure, not the thing counted: their quantity is the word they measure.
MEASURES = frozenset({"percent", "number", "point", "time", "year", "month", "week", "day",
                      "hour", "minute"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj"})
_OBJECTS = frozenset({"obj", "dobj", "attr", "oprd"})
_OBLIQUES = frozenset({"obl", "obl:arg", "obl:mod", "npadvmod", "prep", "pobj", "advmod"})
#: Words that negate a verb (« ne » alone does not: « n'a requis que » is "only").
_NEGATIONS = frozenset({"not", "pas", "n't", "jamais", "never", "point", "guère"})
_MODIFIERS = frozenset({"amod", "nmod", "compound", "flat", "flat:name", "appos", "nummod"})
MAX_OBJECT_CHARS = 160


class Content:
    """Figures' quantities and claims' triples from one parsed article."""

    def __init__(self, doc: Doc, table: EntityTable, lemma_units: bool = False) -> None:
        self.doc = doc
        self.table = table
        self.lemma_units = lemma_units

    # ---------------------------------------------------------------- figures

    def figure(self, start: int, end: int, unit: str | None, claim: tuple[int, int]
               ) -> tuple[str | None, str | None]:
        """The quantity words and the entity id a figure is about (either may be None)."""
        span = self._span(start, end)
        if span is None:
            return None, self._only_entity(claim)
        root = span.root
        if unit not in MEASURES and unit is not None:
            nouns = [t for t in span if t.pos_ == "NOUN"]
            if nouns:
                noun = nouns[-1]
                words = [t for t in noun.subtree if t.i >= noun.i and start <= t.idx < end
                         or t.i == noun.i or (t.head.i == noun.i and t.i > noun.i and
                                              t.dep_ in _MODIFIERS and t.idx >= end)]
                return _words(words), self._owner(noun, claim, own_modifiers=False)
            return None, self._owner(root, claim)
        measured = root.head if root.head.i != root.i else root
        while measured.i != measured.head.i and start <= measured.idx < end:
            measured = measured.head
        if not (claim[0] <= measured.idx < claim[1]) or measured.pos_ not in (
                "NOUN", "VERB", "PROPN", "ADJ"):
            return None, self._only_entity(claim)
        words = [measured] + [t for t in measured.children if t.dep_ in ("nmod", "compound")
                              and t.i > measured.i and not (start <= t.idx < end)
                              for t in t.subtree]
        words = [t for t in words if claim[0] <= t.idx < claim[1]]
        quantity = measured.lemma_.lower() if measured.pos_ == "VERB" else _words(
            sorted(set(words), key=lambda t: t.i)[:6])
        return quantity, self._owner(measured, claim)

    def counted_noun(self, start: int, end: int) -> tuple[int, str] | None:
        """A bare number's counted noun right after it ("640 buses", "500 diesel buses"):
        where the noun ends and its lemma."""
        span = self._span(start, end)
        if span is None:
            return None
        head = span.root.head
        if head.pos_ != "NOUN" or head.idx < end or head.i - span.end > 2 or any(
                t.pos_ not in ("ADJ", "NOUN") for t in self.doc[span.end:head.i]):
            return None
        return head.idx + len(head.text), head.lemma_.lower()

    def _owner(self, word: Token, claim: tuple[int, int], own_modifiers: bool = True
               ) -> str | None:
        """The entity a measured word belongs to: an entity among its modifiers (not for
        a counted noun: « processeurs H800 » are not about H800), else the subject of its
        clause, else the only entity of the claim."""
        for child in word.subtree if own_modifiers else ():
            if child.i != word.i and claim[0] <= child.idx < claim[1]:
                record = self.table.covering(child.idx, child.idx + len(child.text))
                if record is not None:
                    return record.id
        clause = word
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        for child in clause.children:
            if child.dep_ in _SUBJECTS:
                found = self._entity_in(child)
                if found is not None:
                    return found
        if clause.pos_ in ("VERB", "AUX"):
            found = self._subject_before(clause, claim)
            if found is not None:
                return found
        return self._only_entity(claim)

    def _only_entity(self, claim: tuple[int, int]) -> str | None:
        ids = {m.entity_id for m in self.table.mentions_in(*claim)}
        return ids.pop() if len(ids) == 1 else None

    # ---------------------------------------------------------------- triples

    def statements(self, start: int, end: int, figures: dict[str, tuple[int, int]]
                   ) -> tuple[Statement, ...]:
        """The claim's content triple(s): one per main verb with an entity subject."""
        span = self._span(start, end)
        if span is None:
            return ()
        roots = [t for t in span if (t.head.i == t.i or not start <= t.head.idx < end)
                 and t.pos_ in ("VERB", "AUX")]
        out = []
        for root in roots[:1]:
            verbs = [root] + [c for c in root.children if c.dep_ == "conj" and
                              c.pos_ == "VERB" and start <= c.idx < end]
            subject = self._subject(root) or self._subject_before(root, (start, end))
            if subject is None:
                continue
            for verb in verbs:
                statement = self._triple(verb, subject, figures, (start, end))
                if statement is not None:
                    out.append(statement)
        return tuple(dict.fromkeys(out))

    def _subject(self, verb: Token) -> str | None:
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return self._entity_in(child)
        return None

    def _subject_before(self, verb: Token, claim: tuple[int, int]) -> str | None:
        """When the parse gave the verb no subject: the noun phrase that opens the claim
        before it, if it names one entity."""
        for token in self.doc[verb.sent.start:verb.i]:
            if claim[0] <= token.idx and token.pos_ in ("NOUN", "PROPN") and (
                    token.head.i == verb.i or not claim[0] <= token.head.idx < claim[1]):
                return self._entity_in(token)
        return None

    def _triple(self, verb: Token, subject: str, figures: dict[str, tuple[int, int]],
                claim: tuple[int, int]) -> Statement | None:
        predicate = _predicate(verb)
        if predicate is None:
            return None
        for child in sorted(verb.children, key=lambda c: c.dep_ not in _OBJECTS):
            if child.dep_ not in _OBJECTS | _OBLIQUES or child.i < verb.i:
                continue
            tokens = [t for t in child.subtree if claim[0] <= t.idx < claim[1]]
            if not tokens:
                continue
            lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            figure = next((ident for ident, (s, e) in figures.items() if lo <= s and e <= hi),
                          None)
            if figure is not None:
                return Statement(subject, predicate, object_figure=figure)
            if child.dep_ not in _OBJECTS:
                continue
            entity = self._entity_in(child, head_only=True)
            if entity is not None and entity != subject:
                return Statement(subject, predicate, object_entity=entity)
            words = " ".join(self.doc.text[lo:hi].split())
            if 2 <= len(words) <= MAX_OBJECT_CHARS:
                return Statement(subject, predicate, object_text=words)
        return None

    def _entity_in(self, token: Token, head_only: bool = False) -> str | None:
        record = self.table.covering(token.idx, token.idx + len(token.text))
        if record is not None:
            return record.id
        if head_only:
            return None
        subtree = sorted(token.subtree, key=lambda t: t.i)
        mentions = self.table.mentions_in(subtree[0].idx,
                                          subtree[-1].idx + len(subtree[-1].text))
        return mentions[0].entity_id if len(mentions) == 1 else None

    def _span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")


def _predicate(verb: Token) -> str | None:
    """The verb's lemma as a predicate name: ASCII, camelCase, "not" when negated."""
    lemma = unicodedata.normalize("NFKD", verb.lemma_.lower())
    lemma = "".join(c for c in lemma if not unicodedata.combining(c))
    parts = [p for p in re.split(r"[^a-z0-9]+", lemma) if p]
    if not parts or not parts[0][0].isalpha():
        return None
    name = parts[0] + "".join(p.capitalize() for p in parts[1:])
    if any(c.lower_ in _NEGATIONS and c.dep_ in ("neg", "advmod") for c in verb.children):
        name = "not" + name[0].upper() + name[1:]
    return name


def _words(tokens: list[Token]) -> str | None:
    text = " ".join(t.text for t in tokens if not t.like_num and t.pos_ not in ("DET", "PUNCT"))
    return text.strip() or None
