"""Attributions from the syntactic parse: cue, source and content of every reported statement.

For each sentence, a cue is a verb of speech, evidence, belief, intention, accusation or
denial (by lemma, from the language pack), a cue noun with its clause, or an "according to"
phrase. Its source is its subject wherever it stands (before it, inverted « a-t-il dit »,
postposed « estiment les analystes »), the agent of a passive (none for a passive without
one), the subject of the clause a participle or gerund hangs on, or the noun a relative
clause describes. Its content is its complement clause, the clause it interrupts (an
incise), or the quotation next to it. Quotations no cue explains are attributed by their
paragraph (a quote-only paragraph continues the previous speaker) or kept with no source.
Speakers are resolved by :mod:`kg.extract.coref`. Usage::

    from kg.extract.attribute import attributions
    found = attributions(doc, pack("fr"))
    [(a.kind, a.cue_text, a.text(doc.text)) for a in found]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.extract.lexicon import looks_like_role
from kg.extract.packs import LanguagePack
from kg.extract.quotes import Quote, find_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Span2 = tuple[int, int]
_TRIM = " \t\n\r\u00a0\u202f,;:—–-"
_CLOSING = "»”\"'’"
#: Prepositions that build a name or a title with the noun before them.
_OF = frozenset({"de", "du", "des", "d'", "d’", "of"})
_OPENING = "«“\"'‘"
#: Confidence by how the source was found (the speaker resolution multiplies it).
CONFIDENCE = {
    "subject": 0.9, "inverted": 0.9, "postposed": 0.8, "agent": 0.85, "according": 0.9,
    "conjunct": 0.8, "participle": 0.75, "relative": 0.8, "noun": 0.75, "quote-cue": 0.85,
    "colon": 0.8, "quote-paragraph": 0.55, "passive": 0.6, "none": 0.3,
    "quote-sentence": 0.5, "unattributed-quote": 0.2, "cue-before": 0.7,
}


@dataclass(frozen=True)
class Attribution:
    """One attributed statement: content span, kind, cue, source mention, confidence."""

    start: int
    end: int
    kind: str                     # "direct-quote" or "reported-speech"
    cue: Span2 | None             # where the cue is (None for an unattributed quote)
    cue_text: str
    cue_class: str
    source: Span2 | None          # the source's words as written; None: no source named
    source_head: int | None       # token index of the source's head word
    how: str                      # how the source was found (a key of CONFIDENCE)
    recipient: Span2 | None = None

    @property
    def confidence(self) -> float:
        """How sure the attribution is, before the speaker is resolved (0-1)."""
        return CONFIDENCE[self.how]

    def text(self, text: str) -> str:
        """The content as written."""
        return text[self.start:self.end]


def attributions(doc: Doc, pack: LanguagePack) -> list[Attribution]:
    """Every attribution of the parsed article, in reading order."""
    return _Reader(doc, pack).run()


class _Reader:
    def __init__(self, doc: Doc, pack: LanguagePack) -> None:
        self.doc = doc
        self.text = doc.text
        self.plain = _without_abbreviation_stops(doc)
        self.pack = pack
        self.deps = pack.deps
        self.quotes = find_quotes(self.text, pack.quote_marks)
        self.found: list[Attribution] = []
        self.open_cues: list[Token] = []  # cues that introduced nothing in their sentence

    # ----------------------------------------------------------------- walk

    def run(self) -> list[Attribution]:
        for sent in self.doc.sents:
            for token in sent:
                if self._is_cue_verb(token):
                    self._verb(token, sent)
                elif self._is_according(token):
                    self._according(token, sent)
                elif self._is_cue_noun(token):
                    self._noun(token)
                elif token.pos_ == "NOUN":
                    self._noun_topic(token)
        self._name_colons()
        self._quotes()
        return self._merged(sorted(self.found, key=lambda a: (a.start, -a.end)))

    def _name_colons(self) -> None:
        """ "Ana Ruiz: Budget Cuts Will Hurt Schools", "RUIZ: We will not back down.": a
        paragraph that opens with a name and a colon reports the rest of its sentence."""
        for match in re.finditer(r"(?m)^[ \t]*([^:\n]{1,60}?)[ \t]*:[ \t]+(?=\S)", self.plain):
            names = self._tokens(match.start(1), match.end(1))
            if not names or len(names) > 5 or not all(
                    t.pos_ == "PROPN" or t.text[:1].isupper() and t.pos_ in ("NOUN", "ADJ")
                    or t.text.isupper() for t in names):
                continue
            head = names[-1]
            if len(head.text) < 2 or head.ent_type_ in ("GPE", "LOC", "DATE", "TIME") or \
                    not (head.pos_ == "PROPN" or head.text.isupper()):
                continue
            start = match.end()
            end = _sentence_end(self.plain, start)
            if any(q.start == start and q.end >= end - 2 for q in self.quotes):
                continue  # "Kerry: “…”": a colon quote
            kind = self._kind((start, end))
            start, end = self._trim(start, end, kind)
            if len(self.text[start:end].split()) < 3:
                continue
            colon = match.end(1)
            self.found.append(Attribution(
                start, end, kind, (colon, colon + 1), ":", "speech",
                (names[0].idx, _end(head)), head.i, "colon"))

    def _is_cue_verb(self, token: Token) -> bool:
        if token.pos_ not in ("VERB", "AUX") or not self._verb_class(token):
            return False
        return token.dep_ not in self.deps.name_parts

    def _verb_class(self, token: Token) -> str | None:
        """The cue class of a verb by its lemma, or by its form when the lemmatizer went
        astray ("hoping" -> "hop": the pack's endings give "hope")."""
        found = self.pack.cue_class(_lemma(token))
        if found is None and _lemma(token) == token.lemma_.lower():
            found = self.pack.cue_class(token.text.lower())
        topic = self._topic(token) if found is None else None
        return self.pack.cue_class(f"{_lemma(token)} {topic.text.lower()}") if topic \
            else found

    def _topic(self, verb: Token) -> Token | None:
        """The preposition that makes a verb a cue with it ("talk about", "call for")."""
        for child in verb.children:
            if child.i > verb.i and child.dep_ in self.deps.oblique and child.pos_ == "ADP" \
                    and self.pack.cue_class(f"{_lemma(verb)} {child.text.lower()}"):
                return child
        return None

    def _is_cue_noun(self, token: Token) -> bool:
        return token.pos_ == "NOUN" and self.pack.noun_cue_class(token.lemma_) is not None

    def _according_phrase(self, token: Token) -> str | None:
        """The "according to" phrase that starts at ``token`` (« d'après », "according to")."""
        if token.i > 0 and self.doc[token.i - 1].idx + len(self.doc[token.i - 1].text) == \
                token.idx and self.doc[token.i - 1].is_alpha:
            return None
        ahead = self.text[token.idx:token.idx + 20].lower().replace("’", "'")
        for phrase in self.pack.according:
            normal = phrase.replace("’", "'")
            if ahead.startswith(normal) and not ahead[len(normal):len(normal) + 1].isalpha():
                return phrase
        return None

    def _is_according(self, token: Token) -> bool:
        phrase = self._according_phrase(token)
        if phrase is None:
            return False
        return phrase not in ("pour", "per") or self._names_someone(token)

    def _names_someone(self, token: Token) -> bool:
        """« pour X » and "per X" are attributions only when X is a speaker and the phrase
        opens a clause (« Pour le procureur, … »), not « le vice-président pour l'Asie »."""
        target = self._according_object(token)
        if target is None:
            return False
        if token.i > token.sent.start and not self.doc[token.i - 1].is_punct:
            return False
        head = self.doc[target]
        return head.pos_ == "PROPN" or head.ent_type_ in ("PER", "PERSON", "ORG") or (
            head.lemma_.lower() in self.pack.referring_nouns)

    # ----------------------------------------------------------------- cues

    def _verb(self, verb: Token, sent: Span) -> None:
        cue_class = self._verb_class(verb) or "speech"
        if verb.dep_ in self.deps.relative and verb.head.lemma_.lower() in ("ce", "which"):
            return  # « ce que confirme X », ", which X confirms": the writer's note
        if verb.dep_ in self.deps.open_clause and verb.head.lemma_.lower() in self.pack.modals:
            return  # « ils doivent démontrer que … »: what they must do, not what they said
        inside = self._incise_in_quote(verb)
        if _lemma(verb) in self.pack.raising_cues:
            raised = self._raised(verb)
            if raised is None:
                return
            start, end = self._trim(*raised, "reported-speech")
            self.found.append(Attribution(
                start, end, self._kind((start, end)), (verb.idx, _end(verb)), verb.text,
                cue_class, None, None, "passive"))
            return
        if inside is not None:
            quote, source = inside
            content: Span2 | None = (quote.inner_start, quote.inner_end)
            how = "inverted"
        else:
            content = self._content(verb, cue_class)
            if content is None:
                self.open_cues.append(verb)
                return
            source, how = self._source(verb, content)
        if _lemma(verb) in self.pack.speaker_cues and not self._speaker(source):
            return  # "the plan would support 2,000 jobs"
        content = self._quote_before_cue(self._whole_quote(content, verb.idx), verb)
        content = self._in_paragraph(content, verb)
        kind = self._kind(content)
        start, end = self._trim(*content, kind)
        if end - start < 3:
            return
        head = source
        span = self._mention(head) if head is not None else None
        self.found.append(Attribution(
            start, end, kind, (verb.idx, verb.idx + len(verb.text)), verb.text, cue_class,
            span, head, how, self._recipient(verb)))

    def _content(self, verb: Token, cue_class: str) -> Span2 | None:
        """The content's character span, or None when the cue introduces nothing."""
        clauses = [c for c in verb.children if c.dep_ in self.deps.clause and not (
            c.i < verb.i and re.search(r"\n|[.!?…:;]\s", self.plain[
                _end(max((t for t in c.subtree if not (t.is_punct or t.is_space)),
                         key=lambda t: t.i, default=c)):verb.idx]))]
        for child in sorted(clauses, key=lambda c: c.i < verb.i):
            return self._subtree_span(child, exclude=self.deps.mark)
        if cue_class in ("intention", "belief", "accusation", "denial") or \
                _lemma(verb) in ("promise", "vow", "promettre", "threaten", "menacer"):
            for child in verb.children:
                if child.dep_ in self.deps.open_clause and child.i > verb.i:
                    return self._subtree_span(child, exclude=self.deps.mark)
        named = self._naming(verb)
        if named is not None:
            return named
        objected = any(c.dep_ in self.deps.object for c in verb.children)
        for child in verb.children:  # "insisted in an interview that ...": hung on the noun
            if child.i > verb.i and child.dep_ in self.deps.oblique and not objected:
                for noun in child.children:
                    for clause in noun.children:
                        if clause.dep_ in self.deps.clause | {"acl"} and any(
                                g.dep_ in self.deps.mark and g.i < clause.i
                                for g in clause.children):
                            return self._subtree_span(clause, exclude=self.deps.mark)
        topic = self._topic(verb)
        objects = [g for g in topic.children if g.i > topic.i] if topic is not None else []
        if objects:  # "talked about the budget"
            tokens = sorted((t for g in objects for t in g.subtree), key=lambda t: t.i)
            return tokens[0].idx, _end(tokens[-1])
        quote = self._adjacent_quote(verb)
        if quote is not None:
            return quote.inner_start, quote.inner_end
        if verb.dep_ in self.deps.detached | self.deps.clause and verb.head.i < verb.i and \
                verb.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and self._is_incise(verb):
            head = verb.head
            skip = {t.i for t in verb.subtree}
            tokens = [t for t in head.subtree if t.i not in skip and t.i < verb.i]
            if tokens:
                return tokens[0].idx, _end(tokens[-1])
        incise = self._set_off(verb)
        if incise is not None:
            return incise
        if verb.dep_ in self.deps.clause and verb.head.i > verb.i:
            return None  # "he said" inside a larger clause that is itself content
        if cue_class in ("accusation", "denial", "speech", "evidence", "belief"):
            for child in verb.children:
                if child.dep_ in self.deps.object and child.i > verb.i and \
                        child.pos_ in ("NOUN", "PROPN") and len(list(child.subtree)) >= \
                        self.pack.object_words and not (
                            cue_class == "speech" and _names_a_person(child)):
                    return self._subtree_span(child)  # not « a lancé la maire de Nantes »
            if cue_class == "accusation":
                for child in verb.children:
                    if child.dep_ in self.deps.oblique | self.deps.open_clause and \
                            child.i > verb.i:
                        pieces = [t for t in child.subtree if t.i > verb.i]
                        if pieces and len(pieces) >= 2:
                            return pieces[0].idx, _end(pieces[-1])
        return None

    def _in_paragraph(self, content: Span2, verb: Token) -> Span2:
        """A complement does not run into another paragraph: cut at the break on the far
        side from the cue (the parse sometimes joins a heading or an answer to it)."""
        start, end = content
        breaks = [m.start() for m in re.finditer(r"\n", self.text[start:end])]
        if not breaks:
            return content
        if verb.idx >= end:
            return start + breaks[-1] + 1, end
        return start, start + breaks[0]

    def _raised(self, verb: Token) -> Span2 | None:
        """ "Support for the plan appears to have fallen": the subject and the infinitive;
        "it seems that ...": the clause."""
        clauses = [c for c in verb.children if c.dep_ in self.deps.clause and c.i > verb.i]
        if clauses:
            return self._subtree_span(clauses[0], exclude=self.deps.mark)
        subjects = [c for c in verb.children if c.dep_ in self.deps.subject and c.i < verb.i]
        infinitives = [c for c in verb.children if c.dep_ in self.deps.open_clause and
                       c.i > verb.i]
        if not subjects or not infinitives or subjects[0].pos_ == "PRON":
            return None
        first = min(t.i for t in subjects[0].subtree)
        last = max(t.i for t in infinitives[0].subtree)
        return self.doc[first].idx, _end(self.doc[last])

    def _naming(self, verb: Token) -> Span2 | None:
        """ "called the plan a disaster": the object and what it is called."""
        parts = [c for c in verb.children if c.i > verb.i and
                 c.dep_ in self.deps.object | self.deps.predicative]
        if not any(c.dep_ in self.deps.predicative for c in parts):
            return None
        tokens = sorted((t for c in parts for t in c.subtree), key=lambda t: t.i)
        return tokens[0].idx, _end(tokens[-1])

    def _quote_before_cue(self, content: Span2, verb: Token) -> Span2:
        """A complement that ends a quotation the cue follows is the whole quotation, when
        the parse cut the quotation into sentences (“A. B,” he said)."""
        for quote in self.quotes:
            if quote.inner_start < content[0] < quote.inner_end <= content[1] + 2 and \
                    quote.end <= verb.idx:
                return quote.inner_start, max(quote.inner_end, content[1])
        return content

    def _set_off(self, verb: Token) -> Span2 | None:
        """What a cue set off by commas reports: the clause around it ("The risk, he said,
        is real"), or the start of its sentence when the cue ends it and the parse made it
        the root ("Those who borrow struggle, he said.")."""
        words = [t for t in verb.subtree if not t.is_punct]
        if not words or words[-1].i + 1 >= len(self.doc):
            return None
        before = self.doc[words[0].i - 1] if words[0].i > 0 else None
        after = self.doc[words[-1].i + 1]
        if any(c.dep_ in self.deps.clause | self.deps.mark for c in verb.children):
            return None
        if verb.dep_ in self.deps.detached and verb.head.i > words[-1].i and \
                before is not None and before.text in (",", "—", "–") and \
                after.text in (",", "—", "–"):
            tokens = sorted(verb.head.subtree, key=lambda t: t.i)
            if tokens[0].i < words[0].i:
                return tokens[0].idx, _end(tokens[-1])
        sent = verb.sent
        subjects = [c for c in verb.children if c.dep_ in self.deps.subject and c.i < verb.i]
        lead = min(subjects[-1].subtree, key=lambda t: t.i) if subjects else verb
        comma = self.doc[lead.i - 1] if lead.i > sent.start else None
        if verb.head.i == verb.i and comma is not None and comma.text == "," and all(
                t.is_punct for t in self.doc[after.i:sent.end]):
            tokens = [t for t in self.doc[sent.start:comma.i] if not t.is_space]
            if len([t for t in tokens if not t.is_punct]) >= 3 and any(
                    t.pos_ in ("VERB", "AUX") for t in tokens) and not re.search(
                    r"\n|[.!?…]\s", self.plain[tokens[0].idx:_end(tokens[-1])]):
                return tokens[0].idx, _end(tokens[-1])
        return None

    def _whole_quote(self, content: Span2, cue_at: int = -1) -> Span2:
        """A complement that starts a quotation and stops inside it is the whole quotation
        (X added “A has made a difference but B”), unless the cue is quoted too."""
        for quote in self.quotes:
            if quote.inner_start <= content[0] <= quote.inner_start + 1 and \
                    content[1] < quote.inner_end and \
                    not quote.inner_start <= cue_at < quote.inner_end:
                return quote.inner_start, quote.inner_end
        return content

    def _incise_in_quote(self, verb: Token) -> tuple[Quote, int] | None:
        """« C'est une erreur, a déclaré le maire. Nous ferons appel. »: a cue inside a
        quotation, right after a comma, with its subject after it."""
        quote = next((q for q in self.quotes if q.inner_start <= verb.idx < q.inner_end), None)
        if quote is None:
            return None
        first = min(t.i for t in verb.subtree if t.i <= verb.i and t.dep_.startswith("aux")
                    or t.i == verb.i)
        if first == 0 or self.doc[first - 1].text not in (",", "—", "–"):
            return None
        for child in verb.children:
            if child.i > verb.i and child.pos_ in ("NOUN", "PROPN", "PRON") and \
                    child.dep_ in self.deps.subject | self.deps.object:
                return quote, child.i
        return None

    def _is_incise(self, verb: Token) -> bool:
        """A cue after what it reports: no conjunction of its own, a comma (or a quote
        mark) before it or before its subject, and its subject after it or right before."""
        if any(c.dep_ in self.deps.mark for c in verb.children):
            return False
        first = min(t.i for t in verb.subtree)
        before = self.doc[first - 1] if first > 0 else None
        return before is not None and (before.is_punct or before.text in _CLOSING)

    def _adjacent_quote(self, verb: Token) -> Quote | None:
        """A quotation in the verb's sentence, outside it, next to it (an incise or a lead)."""
        sent = verb.sent
        best = None
        for quote in self.quotes:
            if quote.end <= sent.start_char or quote.start >= sent.end_char:
                continue
            if quote.start <= verb.idx < quote.end:
                return None
            gap = verb.idx - quote.end if quote.end <= verb.idx else quote.start - verb.idx
            between = self.plain[min(quote.end, verb.idx):max(quote.start, verb.idx)]
            if quote.start > verb.idx and not re.search(r"[:,]\s*$", between.strip(" ")):
                continue
            if quote.end <= verb.idx and re.search(r"\n|[.!?…]\s", between):
                continue  # a quote of the sentence or paragraph before
            if best is None or gap < best[0]:
                best = (gap, quote)
        return best[1] if best else None

    def _source(self, verb: Token, content: Span2) -> tuple[int | None, str]:
        """The token that names the source, and how it was found."""
        subjects = [c for c in verb.children if c.dep_ in self.deps.subject]
        subjects = [c for c in subjects if c.text.lower().lstrip("-") not in ("t", "")]
        if subjects:
            subject = subjects[0]
            if verb.dep_ in self.deps.relative and subject.pos_ == "PRON" and \
                    verb.head.pos_ in ("NOUN", "PROPN") and subject.i == min(
                        t.i for t in verb.subtree):
                return verb.head.i, "relative"  # "the candidate who backs the plan"
            inverted = subject.i > verb.i or subject.text.startswith("-")  # « a-t-il dit »
            return subject.i, "inverted" if inverted else "subject"
        if any(c.dep_ in self.deps.passive_aux for c in verb.children) or any(
                c.dep_ in self.deps.passive_subject for c in verb.children):
            for child in verb.children:
                if child.dep_ in self.deps.agent:
                    objects = [g for g in child.children if g.pos_ in ("NOUN", "PROPN", "PRON")]
                    return (objects[0] if objects else child).i, "agent"
            return None, "passive"
        if verb.dep_ in self.deps.relative and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head.i, "relative"
        after_content = content[1] <= verb.idx
        if after_content:
            for child in verb.children:
                if child.i > verb.i and child.pos_ in ("NOUN", "PROPN") and \
                        child.dep_ in (self.deps.postposed or self.deps.object |
                                       self.deps.subject | {"nmod", "obl"}) \
                        and not any(g.dep_ in ("case", "prep") for g in child.children):
                    return child.i, "postposed"  # not « sous les applaudissements »
        head = verb.head
        if verb.dep_ == "conj" and head.i < verb.i:
            if head.dep_ in self.deps.clause and self._is_cue_verb(head.head):
                head = head.head  # "X wrote that A and questioned B": X questioned
            for child in head.children:
                if child.dep_ in self.deps.subject:
                    return child.i, "conjunct"
        if verb.dep_ in self.deps.detached | {"acl", "xcomp"} and head.i != verb.i:
            for child in head.children:
                if child.dep_ in self.deps.subject:
                    return child.i, "participle"
            if head.pos_ in ("NOUN", "PROPN"):
                return head.i, "participle"
        controller = self._controller(verb)
        if controller is not None:
            return controller, "participle"
        return None, "none"

    def _controller(self, verb: Token) -> int | None:
        """Who speaks in a gerund or infinitive frame further up ("X landed in trouble by
        saying ...", "X was sidelined after showing ...", "X began writing ..."): from a
        clause a preposition or a verb governs, the subject of the first clause above it."""
        through = self.deps.detached | self.deps.open_clause | self.deps.oblique | \
            self.deps.prepositional_clause
        if verb.dep_ not in self.deps.prepositional_clause | self.deps.open_clause:
            return None
        token = verb
        sent = verb.sent
        for _ in range(5):
            if token.dep_ not in through or token.head.i == token.i or not \
                    sent.start <= token.head.i < sent.end:
                return None
            token = token.head
            if token.pos_ in ("NOUN", "PROPN", "PRON"):
                return None  # a participle on a noun ("a speech stressing ...")
            for child in token.children:
                if child.dep_ in self.deps.subject | self.deps.passive_subject and \
                        child.i != verb.i:
                    between = self.text[min(child.idx, verb.idx):max(child.idx, verb.idx)]
                    return None if "\n" in between else child.i
            if token.dep_ in self.deps.relative and token.head.pos_ in ("NOUN", "PROPN"):
                return token.head.i
        return None

    def _recipient(self, verb: Token) -> Span2 | None:
        """Whom it was said to: « à l'AFP », "told Reuters"."""
        for child in verb.children:
            if child.dep_ in self.deps.oblique and child.pos_ in ("PROPN", "NOUN"):
                cases = [g for g in child.children if g.text.lower() in self.pack.told]
                if cases:
                    return self._mention(child.i)
            if child.dep_ in ("dobj", "dative", "iobj") and _lemma(verb) == "tell" and \
                    child.pos_ in ("PROPN", "NOUN"):
                return self._mention(child.i)
        return None

    def _according(self, token: Token, sent: Span) -> None:
        target = self._according_object(token)
        if target is None:
            return
        phrase_end = max(t.i for t in self.doc[target].subtree)
        phrase = set(range(token.i, phrase_end + 1))
        anchor = token.head if token.dep_ not in ("case", "prep") else self.doc[target].head
        if token.dep_ == "prep":
            anchor = token.head
        while anchor.i in phrase and anchor.head.i != anchor.i:
            anchor = anchor.head
        tokens = [t for t in anchor.subtree if t.i not in phrase] if anchor.i not in phrase \
            else [t for t in sent if t.i not in phrase]
        before = [t for t in tokens if t.i < token.i and not _separator(t)]
        after = [t for t in tokens if t.i > phrase_end and not _separator(t)]
        if anchor.i < token.i:
            tokens = before
        elif anchor.i > phrase_end:
            tokens = after
        else:
            tokens = before if len(before) >= len(after) else after
        tokens = self._whole_sentence(token, phrase_end, sent) or tokens
        if not tokens:
            return
        start, end = self._trim(tokens[0].idx, _end(tokens[-1]), "reported-speech")
        if end - start < 3:
            return
        cue_end = token.idx + len(self._according_phrase(token) or token.text)
        self.found.append(Attribution(
            start, end, self._kind((start, end)), (token.idx, cue_end),
            self.text[token.idx:cue_end], "according", self._mention(target), target,
            "according"))

    def _whole_sentence(self, token: Token, phrase_end: int, sent: Span) -> list[Token]:
        """ "A and B, according to X.": an "according to" phrase that ends its sentence
        reports all of the sentence before it; one that opens it, all of it after."""
        words = [t for t in sent if not t.is_space]
        before = [t for t in words if t.i < token.i]
        after = [t for t in words if t.i > phrase_end]
        if before and all(t.is_punct for t in after):
            stop = max((m.end() for m in re.finditer(r"\n|[.!?…:][»”\"'’]*\s",
                                                      self.plain[sent.start_char:token.idx])),
                       default=0) + sent.start_char
            return [t for t in before if t.idx >= stop and not (
                t.is_punct and t.text in ",;:—–")] if stop < token.idx else []
        if after and all(t.is_punct for t in before):
            stop = _sentence_end(self.plain, _end(self.doc[phrase_end]))
            colon = re.search(r":\s", self.plain[_end(self.doc[phrase_end]):stop])
            stop = _end(self.doc[phrase_end]) + colon.start() if colon else stop
            return [t for t in after if _end(t) <= stop]
        return []

    def _according_object(self, token: Token) -> int | None:
        """The head word of X in « selon X », "according to X"."""
        if token.dep_ == "case" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head.i
        for candidate in token.subtree:
            if candidate.i > token.i and candidate.pos_ in ("NOUN", "PROPN", "PRON") and \
                    candidate.dep_ not in self.deps.name_parts | {"amod", "nmod", "poss"}:
                return candidate.i  # "the trade association": association, not trade
        return None

    def _noun(self, noun: Token) -> None:
        """ "his claim that ...", « l'accusation selon laquelle ... »."""
        for child in noun.children:
            if child.dep_ in self.deps.clause | {"acl"} and any(
                    g.dep_ in self.deps.mark for g in child.children):
                start, end = self._trim(*self._subtree_span(child, self.deps.mark),
                                        "reported-speech")
                owner = [g for g in noun.children if g.dep_ in ("poss", "nmod:poss", "det")
                         and g.pos_ in ("PRON", "PROPN", "DET") and g.text.lower() not in
                         ("the", "a", "an", "le", "la", "les", "l'", "l’", "un", "une")]
                head = owner[0].i if owner else None
                self.found.append(Attribution(
                    start, end, self._kind((start, end)), (noun.idx, _end(noun)), noun.text,
                    self.pack.noun_cue_class(noun.lemma_) or "speech",
                    self._mention(head) if head is not None else None, head,
                    "noun" if head is not None else "none"))
                return

    def _noun_topic(self, noun: Token) -> None:
        """ "his criticism of the deal", "the senator's support for the bill": a cue noun
        with the preposition that introduces what it is about, said by its possessor."""
        owners = [g for g in noun.children if g.dep_ in ("poss", "nmod:poss") and
                  g.pos_ in ("PRON", "PROPN", "NOUN")]
        if not owners:
            return
        for child in noun.children:
            cue_class = self.pack.noun_cue_class(f"{noun.lemma_} {child.text.lower()}")
            objects = [g for g in child.children if g.i > child.i]
            if child.i > noun.i and cue_class and objects:
                tokens = sorted((t for g in objects for t in g.subtree), key=lambda t: t.i)
                start, end = self._trim(tokens[0].idx, _end(tokens[-1]), "reported-speech")
                if end - start < 3:
                    return
                self.found.append(Attribution(
                    start, end, self._kind((start, end)), (noun.idx, _end(child)),
                    self.text[noun.idx:_end(child)], cue_class, self._mention(owners[0].i),
                    owners[0].i, "noun"))
                return

    # ----------------------------------------------------------------- quotes

    def _quotes(self) -> None:
        """Quotations that no cue has explained: by colon, by paragraph, or unattributed."""
        previous_para: tuple[int, int] | None = None
        last_of_para: Attribution | None = None
        for quote in self.quotes:
            covered = any(overlap((a.start, a.end), (quote.inner_start, quote.inner_end))
                          >= 0.5 * (quote.inner_end - quote.inner_start) and (
                              a.cue is None or not quote.start <= a.cue[0] < quote.end)
                          for a in self.found)  # "“I think ...”": said by someone else
            para = _paragraph(self.text, quote.start)
            if para != previous_para:
                before = [a for a in self.found if a.end <= para[0]]
                last_of_para = before[-1] if before else None
                previous_para = para
            if covered or quote.inner_end - quote.inner_start < 3:
                continue
            if len(self.text[quote.inner_start:quote.inner_end].split()) < 3:
                continue  # a scare-quoted word or name, not a statement
            self.found.append(self._explain(quote, para, last_of_para))

    def _speaker(self, head: int | None) -> bool:
        """Whether a source can speak: a name, a pronoun, or a role, group or document noun."""
        if head is None:
            return False
        token = self.doc[head]
        words = {token.lemma_.lower(), token.text.lower()}
        return token.pos_ in ("PROPN", "PRON") or token.ent_type_ != "" or \
            bool(words & (self.pack.referring_nouns | self.pack.document_nouns))

    def _third_person(self, head: int | None) -> bool:
        """Whether a source is someone other than the speaker and the listener."""
        if head is None:
            return False
        word = self.doc[head].text.lower().lstrip("-")
        return word not in self.pack.first_person and (
            self.doc[head].pos_ != "PRON" or self.pack.pronoun(word) is not None)

    def _explain(self, quote: Quote, para: Span2, last: Attribution | None) -> Attribution:
        start, end = self._trim(quote.inner_start, quote.inner_end, "direct-quote")
        inside = [a for a in self.found if a.cue is not None and
                  quote.inner_start <= a.cue[0] < quote.inner_end and a.source is not None
                  and a.end <= a.cue[0] and self._third_person(a.source_head)]
        # an incise (« ..., a déclaré le maire. ... »), not "you know" or what is reported
        if inside:  # « C'est une erreur, a déclaré le maire. Nous ferons appel. »
            self.found.remove(inside[0])
            return replace(inside[0], start=start, end=end, kind="direct-quote")
        running = [a for a in self.found if a.source is not None and a.cue is not None and
                   a.start < quote.inner_start < a.end <= quote.inner_end and
                   not quote.start <= a.cue[0] < quote.end]
        if running:  # "X said that “A. B.”": the complement runs on to the quote's end
            self.found.remove(running[-1])
            return replace(running[-1], end=end, kind=self._kind((running[-1].start, end)))
        earlier = [a for a in self.found if a.kind == "direct-quote" and a.end <= quote.start
                   and a.start >= para[0] and a.source is not None]
        if earlier and (_is_incise(self.plain[earlier[-1].end:quote.inner_start], True) or (
                earlier[-1].cue is not None and earlier[-1].end <= earlier[-1].cue[0] <
                quote.start and not self._cue_between(earlier[-1].cue[1], quote.start,
                                                       earlier[-1].source_head))):
            # "“A,” he said. “B.”" / "“A,” said the mayor at a news conference. “B.”"
            return replace(earlier[-1], start=start, end=end)
        lead = self.plain[para[0]:quote.start]
        colon = re.search(r":\s*$", lead)
        clause = para[0] + max((m.end() for m in re.finditer(r"[.!?…][»”\"']*\s", lead)),
                               default=0)
        same = [a for a in self.found if a.cue is not None and a.source is not None and
                clause <= a.cue[0] < quote.start and a.end <= quote.start]
        if colon is not None and same:  # « Selon X, ... : « ... » », "X said: “...”"
            return replace(same[-1], start=start, end=end, kind="direct-quote", how="colon")
        if colon is not None:
            sentence = self.doc.char_span(clause, quote.start, alignment_mode="expand")
            subject = self._lead_subject(sentence) if sentence is not None else None
            lead_tokens = self._tokens(clause, colon.start() + para[0])
            lead_cue = lead_tokens[0] if lead_tokens and self._is_cue_word(
                lead_tokens[0]) else None
            if lead_cue is not None:
                lead_tokens = lead_tokens[1:]  # "Stated Stone: “…”"
            if subject is None and lead_tokens and not any(
                    t.pos_ in ("VERB", "AUX") for t in lead_tokens):
                names = [t for t in lead_tokens if t.pos_ == "PROPN" or (
                    t.pos_ == "NOUN" and t.text[:1].isupper())]
                subject = names[-1].i if names else None  # "Kerry: “…”"
            if subject is not None:
                mention = self._mention(subject)
                if mention is not None and lead_cue is not None and \
                        mention[0] <= lead_cue.idx < mention[1] and lead_tokens:
                    mention = (lead_tokens[0].idx, mention[1])
                return Attribution(start, end, "direct-quote", None, "", "speech",
                                   mention, subject, "colon")
        rest = (self.text[para[0]:quote.start] + self.text[quote.end:para[1]]).strip(
            " .,;:\u00a0")
        if not rest and last is not None and last.source is not None and \
                self._paragraph_before(para) == _paragraph(self.text, last.start):
            return Attribution(start, end, "direct-quote", last.cue, last.cue_text,
                               last.cue_class, last.source, last.source_head,
                               "quote-paragraph")
        framed = self._frame(quote, clause, start, end) or self._announced(quote, start, end)
        if framed is not None:
            return framed
        if not self.text[clause:quote.start].strip(" \u00a0") and \
                not re.search(r"\w", self.text[quote.end:_sentence_end(self.plain, quote.end)]):
            previous = [a for a in self.found if a.source is not None and
                        para[0] <= a.start and a.end <= quote.start]
            if previous:  # "He asked for a recount. “We were robbed.”"
                return replace(previous[-1], start=start, end=end, kind="direct-quote",
                               how="quote-sentence")
        return Attribution(start, end, "direct-quote", None, "", "speech", None, None,
                           "unattributed-quote")

    # ------------------------------------------------ quotes the parse missed

    def _announced(self, quote: Quote, start: int, end: int) -> Attribution | None:
        """ "X said in a statement. “…”": a cue that introduced nothing, at the end of the
        sentence right before the quotation, introduces it."""
        for verb in reversed(self.open_cues):
            stop = _sentence_end(self.plain, verb.idx)
            if stop > quote.start:
                continue
            if self.text[stop:quote.start].strip() or not all(
                    t.is_punct or t.dep_ in ("prep", "pobj", "advmod", "npadvmod", "det",
                                             "amod", "compound", "obl", "case") or
                    t.pos_ in ("ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM")
                    for t in self._tokens(_end(verb), stop)):
                return None
            source, how = self._source(verb, (start, end))
            if source is None or how not in ("subject", "inverted", "postposed"):
                return None
            return Attribution(start, end, "direct-quote", (verb.idx, _end(verb)), verb.text,
                               self._verb_class(verb) or "speech", self._mention(source),
                               source, "cue-before")
        return None

    def _frame(self, quote: Quote, clause: int, start: int, end: int) -> Attribution | None:
        """A cue word right after the quotation (« … », juge le ministère) or right before
        it (X a dénoncé un « … », X estime que « … », Selon X, « … »), found from the
        words around the quote when the parse of a quoted sentence went astray."""
        after = self._cue_after(quote)
        if after is not None:
            cue, source = after
            if source:
                return self._framed(start, end, cue, source, "postposed")
        subject = self._subject_cue_after(quote)
        if subject is not None:
            cue, head = subject
            return Attribution(start, end, "direct-quote", (cue.idx, _end(cue)), cue.text,
                               self.pack.cue_class(_lemma(cue)) or "speech",
                               self._mention(head.i), head.i, "subject")
        before = self._cue_before(quote, clause)
        if before is not None:
            cue, source = before
            if source:
                return self._framed(start, end, cue, source, "subject")
        return None

    def _framed(self, start: int, end: int, cue: Token, source: list[Token], how: str
                ) -> Attribution:
        head = next((t for t in source if t.pos_ in ("PROPN", "NOUN", "PRON")), source[0])
        span = (source[0].idx + (1 if source[0].text.startswith("-") else 0), _end(source[-1]))
        cue_class = self.pack.cue_class(_lemma(cue)) or self.pack.cue_class(cue.text) or \
            "according"
        return Attribution(start, end, "direct-quote", (cue.idx, _end(cue)), cue.text,
                           cue_class, span, head.i, how)

    def _is_cue_word(self, token: Token) -> bool:
        return token.is_alpha and (self.pack.cue_class(_lemma(token)) is not None or
                                   self.pack.cue_class(token.text) is not None)

    def _cue_after(self, quote: Quote) -> tuple[Token, list[Token] | None] | None:
        tokens = self._tokens(quote.end, _sentence_end(self.plain, quote.end))
        for index, token in enumerate(tokens[:5]):
            if self._is_cue_word(token):
                return token, self._noun_phrase(tokens[index + 1:])
            if not (token.is_punct or token.pos_ in ("AUX", "PRON") or
                    token.text.lower() in self.pack.clitics):
                return None
        return None

    def _subject_cue_after(self, quote: Quote) -> tuple[Token, Token] | None:
        """ "“A!” the mayor said.": a cue verb after the quotation whose subject comes
        right after it, when the parse put the quotation in a sentence of its own."""
        tokens = [t for t in self._tokens(quote.end, _sentence_end(self.plain, quote.end))
                  if not t.is_punct]
        for token in tokens[:8]:
            if token.pos_ != "VERB" or not self._is_cue_word(token):
                continue
            subjects = [c for c in token.children if c.dep_ in self.deps.subject and
                        c.i < token.i]
            outside = [c for c in token.children if c.dep_ in self.deps.clause and
                       not quote.start <= c.idx < quote.end]
            if subjects and not outside and tokens[0].i == min(
                    t.i for t in subjects[0].subtree):
                return token, subjects[0]
            return None
        return None

    def _cue_before(self, quote: Quote, clause: int) -> tuple[Token, list[Token] | None] | None:
        tokens = self._tokens(clause, quote.start)
        if any(q.start >= clause and q.end <= quote.start for q in self.quotes):
            return None
        for index in range(len(tokens) - 1, max(-1, len(tokens) - 6), -1):
            token = tokens[index]
            if self._is_cue_word(token) and token.pos_ in ("VERB", "NOUN", "AUX", "ADJ"):
                subjects = [c for c in token.children if c.dep_ in self.deps.subject
                            and c.i < token.i]
                if subjects:
                    sub = sorted(subjects[0].subtree, key=lambda t: t.i)
                    return token, [t for t in sub if t.idx >= clause] or None
                return token, self._noun_phrase(list(reversed(tokens[:index])), backwards=True)
            if token.pos_ == "VERB" or (token.is_punct and token.text not in ",:"):
                break
        for index, token in enumerate(tokens):
            if self._according_phrase(token) is None or token.text.lower() in ("pour", "per"):
                continue
            words = [t for t in tokens[index + 1:] if not t.is_space]
            if any(t.pos_ == "VERB" for t in words):
                return None
            while words and words[-1].is_punct:
                words.pop()
            named = [t for t in words if t.pos_ == "PROPN"]
            if named:  # « Selon la fédération des banques, Febelfin, »: the name
                words = [t for t in words if t.i >= named[-1].i or t.head.i == named[-1].i]
            return token, words or None
        return None

    def _noun_phrase(self, tokens: list[Token], backwards: bool = False) -> list[Token] | None:
        """The noun phrase that starts the run of ``tokens`` (or ends it, ``backwards``):
        skips clitics, adverbs and « à l'AFP », stops at a comma or a clause."""
        words: list[Token] = []
        skipping = True
        depth = 0
        phrase = False  # inside a prepositional phrase before the name (« sous les bravos »)
        for token in tokens:
            text = token.text.lower()
            if phrase and not backwards:
                phrase = token.pos_ in ("DET", "ADJ", "ADP", "NUM") or (
                    token.pos_ in ("NOUN", "PROPN") and token.nbor(1).pos_ in ("ADJ", "ADP")
                    if token.i + 1 < len(self.doc) else False)
                continue
            if token.text in (")", "(") and backwards:
                depth += 1 if token.text == ")" else -1
                continue
            if depth > 0:
                continue
            if skipping and (token.pos_ in ("ADV", "AUX") or text in self.pack.clitics or
                             token.is_space):
                continue
            if skipping and not backwards and text in self.pack.told:
                recipient = [t for t in token.head.subtree] if token.head.i > token.i else []
                if recipient:
                    continue
            if skipping and not backwards and token.pos_ == "ADP":
                phrase = True
                continue
            if token.is_punct or token.pos_ in ("VERB", "SCONJ", "CCONJ") or token.is_space:
                break
            if not backwards and token.pos_ == "ADP" and words and text not in _OF:
                break  # « la maire de Nantes » goes on; « à la presse » does not
            skipping = False
            words.append(token)
        if backwards:
            words.reverse()
            while words and words[0].pos_ == "ADP":
                words = words[1:]
        if not words or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
            return None
        if not backwards:
            told = self._told_span(tokens)
            words = [t for t in words if told is None or not told[0] <= t.idx < told[1]]
        return words or None

    def _told_span(self, tokens: list[Token]) -> Span2 | None:
        for token in tokens[:3]:
            if token.text.lower() in self.pack.told:
                names = [t for t in tokens if t.i > token.i and t.pos_ in ("PROPN", "NOUN")]
                if names:
                    return token.idx, _end(names[0])
        return None

    def _tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return [t for t in span if not t.is_space] if span is not None else []

    def _cue_between(self, start: int, end: int, source: int | None = None) -> bool:
        """Whether a cue lies between, other than one of the same source (", who thinks")."""
        return any(a.cue is not None and start <= a.cue[0] < end and (
            source is None or a.source_head != source) for a in self.found)

    def _lead_subject(self, span: Span) -> int | None:
        for token in span:
            if token.dep_ in self.deps.subject and token.head.i < len(self.doc):
                return token.i
        return None

    def _paragraph_before(self, para: Span2) -> Span2 | None:
        before = self.text.rfind("\n", 0, para[0])
        while before > 0 and self.text[before - 1] in "\n \t\u00a0":
            before -= 1
        return _paragraph(self.text, before - 1) if before > 0 else None

    def _merged(self, found: list[Attribution]) -> list[Attribution]:
        """One claim per statement: a quote cut by "he said" is one claim; an attribution
        inside another with the same span is dropped."""
        quoted = [(a.start, a.end) for a in found if a.kind == "direct-quote"]
        found = [a for a in found if a.cue is None or not any(
            s <= a.cue[0] < e and s <= a.start and a.end <= e and (s, e) != (a.start, a.end)
            for s, e in quoted)]  # « Nous pensons que ... »: part of the quote
        out: list[Attribution] = []
        for item in found:
            if out and (out[-1].start, out[-1].end) == (item.start, item.end):
                if out[-1].source is None and item.source is not None:
                    out[-1] = item
                continue
            if out and item.kind == "direct-quote" == out[-1].kind and \
                    _paragraph(self.text, item.start) == _paragraph(self.text, out[-1].end) \
                    and _is_incise(self.plain[out[-1].end:item.start]) and (
                    out[-1].source == item.source or item.source is None or
                    out[-1].source is None):
                keep = out[-1] if out[-1].source is not None else item
                out[-1] = replace(keep, start=out[-1].start, end=item.end)
                continue
            out.append(item)
        return out

    # ----------------------------------------------------------------- spans

    def _kind(self, content: Span2) -> str:
        start, end = content
        for quote in self.quotes:
            inner = quote.inner_end - quote.inner_start
            if quote.inner_start >= start - 2 and quote.inner_end <= end + 2 and \
                    inner >= 0.8 * (end - start):
                return "direct-quote"
        return "reported-speech"

    def _trim(self, start: int, end: int, kind: str) -> Span2:
        text = self.text
        while start < end and (text[start] in _TRIM or text[start] in _OPENING):
            start += 1
        while end > start and (text[end - 1] in _TRIM + "." or text[end - 1] in _CLOSING):
            end -= 1
        if kind == "direct-quote":
            while end > start and text[end - 1] in ".!?…,;" + _TRIM:
                end -= 1
        lead = re.match(r"(?:que|qu['’]|that)\s*", text[start:end], re.IGNORECASE)
        if lead and kind != "direct-quote":
            start += lead.end()
        return start, end

    def _subtree_span(self, token: Token, exclude: Iterable[str] = ()) -> Span2:
        skip = set(exclude)
        tokens = [t for t in token.subtree if not (t.dep_ in skip and t.head.i == token.i
                                                     and t.i < token.i)]
        return tokens[0].idx, _end(tokens[-1])

    def _mention(self, head: int | None) -> Span2 | None:
        """The words naming the source: its head with its name parts, determiner and
        modifiers before it, without appositions, relative clauses or ages."""
        if head is None:
            return None
        token = self.doc[head]
        keep = [token]
        for child in token.children:
            before = child.i < token.i and child.dep_ not in ("punct", "case", "cc")
            if before or child.i > token.i and child.dep_ in self.deps.name_parts | {
                    "nmod", "amod"} and not any(t.is_punct for t in self.doc[token.i:child.i]):
                keep.extend(child.subtree)
        keep = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
        first = keep[0]
        while first.i < token.i and (first.is_punct or first.dep_ == "case"):
            keep = keep[1:]
            first = keep[0]
        last = keep[-1]
        if last.i + 1 < len(self.doc) and self.doc[last.i + 1].text in ("'s", "’s") and \
                not last.whitespace_ and last.pos_ == "PROPN":
            last = self.doc[last.i + 1]  # « Moody's »: the name, not « Moody »
        start = first.idx + (1 if first.text.startswith("-") else 0)
        return start, _end(last)


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    particle = [c for c in token.children if c.dep_ in ("prt", "compound:prt")]
    if particle:
        phrasal = f"{lemma} {particle[0].text.lower()}"
        return phrasal
    return lemma


def _names_a_person(token: Token) -> bool:
    """A person named or described (« la maire de Nantes », "Ana Lopez"): what a speech
    verb has as its object only when that is its postposed speaker."""
    return token.ent_type_ in ("PER", "PERSON") or (
        token.pos_ == "NOUN" and looks_like_role(token.text))


def _separator(token: Token) -> bool:
    return token.is_punct and token.text in ",;:.!?()[]—–-«»“”\"'"


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def overlap(a: Span2, b: Span2) -> int:
    """How many characters two spans share. Usage: ``overlap((0, 10), (5, 20))`` -> 5."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _paragraph(text: str, offset: int) -> Span2:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _without_abbreviation_stops(doc: Doc) -> str:
    """The text with the period of each abbreviation the tokenizer kept in its word
    ("Mr.", "U.S.", « M. ») masked, so that searching for sentence ends skips them."""
    chars = list(doc.text)
    for token in doc:
        if len(token.text) > 1 and token.text.endswith(".") and any(
                c.isalpha() for c in token.text):
            chars[token.idx + len(token.text) - 1] = "\u2024"
    return "".join(chars)


def _sentence_end(text: str, offset: int) -> int:
    """Where the sentence that goes on at ``offset`` ends (its stop, or the paragraph's end)."""
    found = re.search(r"[.!?…](?=\s|$)|\n", text[offset:])
    return offset + found.end() if found else len(text)


def _is_incise(between: str, across: bool = False) -> bool:
    """ "», a-t-il dit, «" or "," he said, "": a short stretch with no sentence end (or,
    ``across`` sentences, one that ends right before the next quote: "he said. “")."""
    words = between.strip(" ,.\u00a0«»“”\"'").split()
    if not 0 < len(words) <= 6:
        return False
    return across or not re.search(r"[.!?]\s", between)
