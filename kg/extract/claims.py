"""Find the statements of an article: direct quotes, reported speech and the article's own.

The article is read paragraph by paragraph, in order, so that "il", "l’analyste" or an
unattributed follow-up quote resolve to the speaker of the moment. Each statement becomes a
:class:`Draft` with its span, kind, claimants and reporters; ids, figures and statuses are
added by :mod:`kg.extract.pipeline` and :mod:`kg.extract.status`. Usage::

    from kg.extract.claims import find_claims
    drafts = find_claims(text, "fr", table, Morphology(text, doc, "fr"))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import clauses
from kg.extract.attribution import Found, Incise, Patterns
from kg.extract.entities import EntityTable
from kg.extract.lexicon import GROUP_NOUNS, NON_CLAIM_VERBS
from kg.extract.morphology import Morphology
from kg.extract.segments import (
    Quote,
    is_heading,
    paragraphs,
    sentences,
    strip,
    top_quotes,
    trim_claim,
)
from kg.extract.speakers import FIRST_PERSON, Discourse
from kg.extract.statements import REDACTION, Draft

Span2 = tuple[int, int]
QUOTE_SHARE = 0.75
MIN_WORDS = 4
_CONTINUATIONS = re.compile(
    r"(?:quand|lorsqu|lorsque|car|parce qu|puisqu|alors qu|même si|si|mais|et|because|when|as|"
    r"since|while|although|though|but|and)\b", re.IGNORECASE)
_GERUND_LEAD = re.compile(
    r"\s*(?:en\s+)?(?:ajoutant|estimant|précisant|soulignant|expliquant|adding|saying|"
    r"explaining|noting|arguing|insisting)(?:\s+(?:qu(?:e\s+|['’])|that\s+))?", re.IGNORECASE)
_REPORTED_PATTERNS = ("que", "pour", "source", "postposed", "relative", "remainder")


@dataclass
class _FullQuote:
    quote: Quote
    first: Span2
    last: Span2
    lead: Found | None
    incise: Incise | None


@dataclass(frozen=True)
class _Voice:
    """Who speaks in a stretch of text, with the reporters and the verb."""

    speakers: tuple[str, ...]
    reported_by: tuple[str, ...]
    verb: str | None
    sentence: Span2


class _Finder:
    def __init__(self, text: str, lang: str, table: EntityTable,
                 morphology: Morphology) -> None:
        self.text = text
        self.lang = lang
        self.table = table
        self.patterns = Patterns(text, lang)
        self.discourse = Discourse(table)
        self.morphology = morphology
        self.drafts: list[Draft] = []
        self.interviewers: set[str] = set()

    # ----------------------------------------------------------------- walk

    def run(self) -> list[Draft]:
        self.interviewers = self._interviewers()
        for p_start, p_end in paragraphs(self.text):
            if is_heading(self.text, p_start, p_end):
                continue
            self._paragraph(p_start, p_end)
        return self.drafts

    def _interviewers(self) -> set[str]:
        """Outlets that speakers talk to ("précise à MWL") and that the article presents
        as doing the interviews (an outlet opening a sentence)."""
        outlets = set()
        for _, v_end, lemma in self.patterns.verbs_in(0, len(self.text)):
            if self.lang == "en" and lemma != "tell":
                continue
            pattern = r"\s+(?:à|au|aux)\s+" if self.lang == "fr" else r"\s+"
            match = re.match(pattern + r"(?:the\s+)?([A-ZÀ-Þ][\w&’'-]*)",
                             self.text[v_end:v_end + 60])
            if match:
                offset = v_end + match.start(1)
                record = self.table.at(offset, offset + len(match.group(1)))
                if record and record.type == "organization":
                    outlets.add(record.id)
        starts = {s for p in paragraphs(self.text) for s, _ in sentences(self.text, *p)}
        return {m.entity_id for m in self.table.mentions
                if m.entity_id in outlets and m.start in starts}

    def _paragraph(self, p_start: int, p_end: int) -> None:
        sents = sentences(self.text, p_start, p_end)
        fulls = self._full_quotes(sents, top_quotes(self.text, p_start, p_end))
        units: list[tuple[int, _FullQuote | Span2]] = [(f.first[0], f) for f in fulls]
        covered = [(f.first[0], f.last[1]) for f in fulls]
        for s in sents:
            if not any(s[0] < c_end and c_start < s[1] for c_start, c_end in covered):
                units.append((s[0], s))
        for _, unit in sorted(units, key=lambda u: u[0]):
            if isinstance(unit, _FullQuote):
                self._full_quote(unit)
            else:
                self._sentence(*unit)

    # ----------------------------------------------------------------- full quotes

    def _full_quotes(self, sents: list[Span2], quotes: list[Quote]) -> list[_FullQuote]:
        out: list[_FullQuote] = []
        previous_end = -1
        for quote in quotes:
            first = next((s for s in sents if s[0] <= quote.start < s[1]), None)
            last = next((s for s in sents if s[0] < quote.end <= s[1]), None) or (
                sents[-1] if sents else None)
            if first is None or last is None:
                continue
            before = self.text[first[0]:quote.start].strip()
            lead = None
            continuation = previous_end >= 0 and not self.text[previous_end:quote.start].strip(
                " ,\u00a0")
            if before and not continuation:
                if not before.endswith((":", ",")):
                    continue
                lead = self._lead(first[0], quote.start)
                if lead is None:
                    continue
            incise = self.patterns.incise(quote.end, last[1])
            tail = self.text[quote.end:last[1]].strip(" .\u00a0")
            if tail and incise is None and quote.closed:
                continue
            if continuation:
                first = (quote.start, first[1])
            out.append(_FullQuote(quote, first, last, lead, incise))
            previous_end = incise.end if incise else -1
        return out

    def _lead(self, start: int, quote_start: int) -> Found | None:
        """The attribution before a quote: "Roy Chua a déclaré :", "Selon lui,"."""
        end = strip(self.text, start, quote_start, " :,\u00a0")[1]
        source = self.patterns.source_first(start, quote_start)
        if source is not None:
            return source
        verbs = self.patterns.verbs_in(start, end)
        if not verbs:
            return None
        v_start, _, lemma = verbs[-1]
        subject = self.patterns.subject_of(start, v_start)
        if subject is None:
            return None
        return Found(subject, lemma, (quote_start, quote_start), start, end)

    def _full_quote(self, unit: _FullQuote) -> None:
        quote = unit.quote
        splits = self._inner_incises(quote)
        speakers, recipient, position = None, None, quote.start
        if unit.lead is not None:
            speakers = self.discourse.resolve(*unit.lead.subject)
            recipient = unit.lead.recipient
            position = unit.lead.subject[0]
        for incise in [unit.incise, *[i for _, i in splits]]:
            if speakers is None and incise is not None:
                speakers = self.discourse.resolve(*incise.subject)
                recipient = recipient or incise.recipient
                position = incise.subject[0]
        pattern = "quote" if speakers else "quote-continued"
        speakers = speakers or self.discourse.last_speakers or None
        if not speakers:
            return
        self.discourse.spoke(position, speakers)
        verb = unit.incise.verb if unit.incise else (unit.lead.verb if unit.lead else None)
        voice = _Voice(speakers, self._reporters(speakers, recipient), verb,
                       (unit.first[0], unit.last[1]))
        pieces, pos = [], quote.inner_start
        for comma, incise in splits:
            pieces.append((pos, comma))
            pos = incise.end
        pieces.append((pos, quote.inner_end))
        for index, piece in enumerate(pieces):
            # the part before any incise is one claim however many sentences it holds;
            # after an incise, each sentence is one (« A, dit-il. B. C »)
            parts = [piece] if index == 0 else sentences(self.text, *piece)
            for part in parts:
                span = trim_claim(self.text, *part)
                if span[0] < span[1]:
                    draft = self._add(span, "direct-quote", voice, pattern)
                    self._nested(draft)
        if unit.incise is not None:
            self._remainder(unit.incise.end, unit.last[1], voice)

    def _inner_incises(self, quote: Quote) -> list[tuple[int, Incise]]:
        """Attributions inside a quote: "« A, continue X. B »" -> split after A."""
        out = []
        for match in re.finditer(r",[ \u00a0]+", self.text[quote.inner_start:quote.inner_end]):
            comma = quote.inner_start + match.start()
            incise = self.patterns.incise(comma + 1, quote.inner_end)
            if incise is None:
                continue
            after = re.match(r"\s*[.,]\s*(?=\S)", self.text[incise.end:quote.inner_end])
            if after is None or len(self.text[incise.end:quote.inner_end].split()) < 2:
                continue
            if self.discourse.resolve(*incise.subject) is None:
                continue
            out.append((comma, Incise(incise.subject, incise.verb, incise.end + after.end(),
                                      incise.recipient)))
        return out

    def _remainder(self, pos: int, end: int, voice: _Voice) -> None:
        """"« … », juge l’analyste, quand on compare …" / ", qui promet …": the speaker's too."""
        relative = self.patterns.relative_statement(pos, end)
        if relative is not None:
            self._add(trim_claim(self.text, *relative.content), "reported-speech",
                      _Voice(voice.speakers, voice.reported_by, relative.verb, voice.sentence),
                      "relative")
            return
        rest = self.text[pos:end]
        if not rest.lstrip().startswith(","):
            return
        start = pos + rest.index(",") + 1
        start = strip(self.text, start, end)[0]
        if self.text[start:start + 1] in "«“\"‘" or self.patterns.trailing_apposition(pos, end):
            return
        lead = _GERUND_LEAD.match(self.text, start, end)
        if lead and lead.end() > start:
            start = lead.end()
        elif not _CONTINUATIONS.match(self.text, start, end):
            return
        span = trim_claim(self.text, start, end)
        if len(self.text[span[0]:span[1]].split()) >= MIN_WORDS:
            self._add(span, "reported-speech", voice, "remainder")

    def _nested(self, outer: Draft) -> None:
        """Reported speech inside a quote: "« Certains analystes ont suggéré que … »"."""
        found = self.patterns.verb_complement(outer.start, outer.end)
        if found is None:
            return
        words = self.text[found.subject[0]:found.subject[1]].lower().split()
        if not words or words[0] in FIRST_PERSON or words[0] in (
                "my", "our", "mon", "ma", "mes", "notre", "nos"):
            return
        speakers = self.discourse.resolve(*found.subject)
        if not speakers or set(speakers) & set(outer.claimants):
            return
        span = trim_claim(self.text, *found.content)
        reported_by = tuple(dict.fromkeys([*outer.claimants, *outer.reported_by]))
        draft = self._add(span, "reported-speech",
                          _Voice(speakers, reported_by, found.verb, outer.sentence), "nested")
        draft.parent = outer

    # ----------------------------------------------------------------- sentences

    def _sentence(self, start: int, end: int) -> None:
        found = self.patterns.reported(start, end)
        if found is not None:
            speakers = self.discourse.resolve(*found.subject)
            if speakers and not (found.pattern == "pour" and not self._speaker_like(speakers)):
                self.discourse.spoke(found.subject[0], speakers)
                voice = _Voice(speakers, self._reporters(speakers, found.recipient),
                               found.verb, (start, end))
                self._content(found.content, voice, found.pattern)
                if found.pattern == "postposed":
                    self._remainder(found.subject[1], end, voice)
                return
        own = self.patterns.self_claim(start, end)
        if own is not None:
            speakers = self.discourse.resolve(*own.subject)
            if speakers:
                self._add(trim_claim(self.text, *own.content), "reported-speech",
                          _Voice(speakers, (), own.verb, (start, end)), "self")
                self._assertions(start, own.subject[0], (start, end))
                return
        if self._partial_quote_words(start, end) >= MIN_WORDS and self.discourse.last_speakers:
            speakers = self.discourse.last_speakers
            span = trim_claim(self.text, clauses.skip_connectors(self.text, start, end), end)
            self._add(span, "reported-speech",
                      _Voice(speakers, self._reporters(speakers, None), None, (start, end)),
                      "context")
            return
        self._assertions(start, end, (start, end))
        subject = self.patterns.leading_np(clauses.skip_connectors(self.text, start, end), end)
        self.discourse.topic(*(subject or (start, start)))

    def _speaker_like(self, speakers: tuple[str, ...]) -> bool:
        return all(self.table.records[s].type in ("person", "group") for s in speakers
                   if s in self.table.records)

    def _partial_quote_words(self, start: int, end: int) -> int:
        return max((len(self.text[q.inner_start:q.inner_end].split())
                    for q in top_quotes(self.text, start, end)), default=0)

    def _add(self, span: Span2, kind: str, voice: _Voice, pattern: str) -> Draft:
        draft = Draft(span[0], span[1], kind, voice.speakers, voice.reported_by, voice.verb,
                      voice.sentence, pattern=pattern)
        self.drafts.append(draft)
        return draft

    def _content(self, content: Span2, voice: _Voice, pattern: str) -> None:
        """Claims of a reported content, cut into its statements."""
        quotes = top_quotes(self.text, *content)
        span = trim_claim(self.text, *content)
        length = max(1, span[1] - span[0])
        if len(quotes) == 1 and (quotes[0].inner_end - quotes[0].inner_start) >= \
                QUOTE_SHARE * length:
            q = quotes[0]
            self._add(trim_claim(self.text, q.inner_start, q.inner_end), "direct-quote", voice,
                      pattern)
            return
        span = clauses.strip_comment(self.text, *span)
        second = self.patterns.second_verb(*span)
        if second is not None:
            self._content((span[0], second[0]), voice, pattern)
            self._content((second[1], span[1]), _Voice(voice.speakers, voice.reported_by,
                                                        second[2], voice.sentence), pattern)
            return
        previous: Draft | None = None
        for part in clauses.split_enumeration(self.text, *span, self.lang):
            confirmation = clauses.split_confirmation(self.text, *part, self.lang)
            main = confirmation[0] if confirmation else part
            for piece in clauses.split_coordination(self.text, *main,
                                                    self.morphology.is_finite_verb, self.lang):
                previous = self._statement(piece, voice, pattern) or previous
            if confirmation and previous is not None:
                self._confirmation(confirmation[1], previous, voice)

    def _confirmation(self, other: Span2, confirmed: Draft, voice: _Voice) -> None:
        """", ce que confirme la croissance dont se targue Huawei": Huawei's claim supports."""
        boaster = clauses.boaster(self.text, *other, self.lang)
        extra_voice = voice
        if boaster is not None:
            resolved = self.discourse.resolve(*boaster)
            if resolved:
                extra_voice = _Voice(resolved, tuple(dict.fromkeys(
                    [*voice.speakers, *voice.reported_by])), voice.verb, voice.sentence)
        extra = self._add(other, "reported-speech", extra_voice, "confirmation")
        extra.supports.append(confirmed)

    def _statement(self, span: Span2, voice: _Voice, pattern: str) -> Draft | None:
        if span[0] >= span[1]:
            return None
        cut = clauses.final_participle(self.text, *span, self.morphology.is_participle)
        pieces = [(span[0], cut), (cut, span[1])] if cut is not None else [span]
        first = None
        for piece in pieces:
            draft = self._add(trim_claim(self.text, *piece), "reported-speech", voice, pattern)
            first = first or draft
            self._appositions((draft.start, draft.end), voice, "reported-speech")
        return first

    def _appositions(self, span: Span2, voice: _Voice, kind: str) -> list[Span2]:
        names = [(m.start, m.end) for m in self.table.mentions_in(*span)]
        found = [a for a in clauses.fact_appositions(self.text, *span, names) if a != span]
        for apposition in found:
            self._add(apposition, kind, voice, "apposition")
        return found

    # ----------------------------------------------------------------- the article's own

    def _assertions(self, start: int, end: int, sentence: Span2) -> None:
        start = clauses.skip_connectors(self.text, start, end)
        voice = _Voice((REDACTION,), (), None, sentence)
        for c_start, c_end in clauses.assertion_clauses(self.text, start, end, self.lang):
            c_start = clauses.skip_connectors(self.text, c_start, c_end)
            subject_end = self._group_subject(c_start, c_end)
            words = len(self.text[c_start:c_end].split())
            if words < MIN_WORDS or words == MIN_WORDS and not re.search(
                    r"\d", self.text[c_start:c_end]) or NON_CLAIM_VERBS.search(
                    self.text, c_start, c_end) or not self._newsworthy(subject_end, c_end,
                                                                       c_start):
                continue
            main = (c_start, c_end)
            for a_start, a_end in self._appositions(main, voice, "assertion"):
                if a_end == c_end and a_start > c_start:
                    main = trim_claim(self.text, c_start, self.text.find(",", a_start, a_end))
            ranked = clauses.final_superlative(self.text, *main)
            if ranked is not None:
                self._add(trim_claim(self.text, ranked, main[1]), "assertion", voice,
                          "apposition")
                main = trim_claim(self.text, main[0], ranked)
            self._add(main, "assertion", voice, "assertion")

    def _group_subject(self, start: int, end: int) -> int:
        """Register a group that opens a clause ("US officials gave …"); returns its end."""
        words = list(re.finditer(r"[^\s\u00a0,]+", self.text[start:end]))[:4]
        for word in words:
            if word.group(0).lower() in GROUP_NOUNS:
                stop = start + word.end()
                if self.discourse.resolve(start, stop):
                    return stop
                break
        return start

    def _newsworthy(self, start: int, end: int, clause_start: int) -> bool:
        """A clause of the article's own worth a claim: any statement of five words or more
        (« L'argent transitait par leur compte en banque » is checkable though it names
        nobody and gives no number), but not the interviewer's words nor the first person."""
        mentions = self.table.mentions_in(start, end)
        if mentions and mentions[0].entity_id in self.interviewers and \
                mentions[0].start - clause_start <= 3:
            return False
        words = self.text[clause_start:end].split()
        return bool(words) and words[0].lower() not in ("nous", "we", "i", "je")

    # ----------------------------------------------------------------- reporters

    def _reporters(self, speakers: tuple[str, ...], recipient: Span2 | None) -> tuple[str, ...]:
        out: list[str] = []
        if recipient is not None:
            record = self.table.at(*recipient)
            if record is None:
                name = self.text[recipient[0]:recipient[1]]
                ident = self.table.lookup(name) or self.table.add(name, "organization",
                                                                  recipient[0])
                if ident not in [m.entity_id for m in self.table.mentions]:
                    self.table.mention(recipient[0], recipient[1], ident)
                record = self.table.records.get(ident)
            if record is not None and record.type in ("organization", "thing"):
                record.type = "organization"
                out.append(record.id)
        for speaker in speakers:
            record = self.table.records.get(speaker)
            if record is not None and record.type == "person" and record.interviewed:
                out.extend(o for o in sorted(self.interviewers) if o not in out)
        return tuple(out)


def find_claims(text: str, lang: str, table: EntityTable,
                morphology: Morphology) -> list[Draft]:
    """Every statement of the article, in reading order. Usage: see the module docstring."""
    return _Finder(text, lang, table, morphology).run()
