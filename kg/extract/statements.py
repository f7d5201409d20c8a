"""The statements of an article: attributed ones from the parse, and the article's own.

Attributions (:mod:`kg.extract.attribute`) become drafts with their speakers resolved
(:mod:`kg.extract.coref`), their cue and a confidence; a statement whose source cannot be
found is kept with the article's "unknown source" as claimant, never dropped. Sentences
that report nothing, name someone or give a number, and are long enough to state something
are the article's own assertions. Ids, figures and statuses are added by
:mod:`kg.extract.pipeline`. Usage::

    from kg.extract.statements import find_statements
    drafts = find_statements(doc, pack("fr"), table)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.attribute import Attribution, attributions, overlap
from kg.extract.coref import RESOLUTION, Speakers
from kg.extract.entities import EntityTable
from kg.extract.lexicon import NON_CLAIM_VERBS
from kg.extract.packs import LanguagePack
from kg.extract.segments import is_heading

if TYPE_CHECKING:
    from spacy.tokens import Doc

Span2 = tuple[int, int]
#: Claimant ids the pipeline replaces with the article's own entities.
REDACTION = "redaction"
UNKNOWN = "unknown-source"
MIN_WORDS = 5


@dataclass
class Draft:
    """A statement found in the text, before ids, figures and status are attached."""

    start: int
    end: int
    kind: str
    claimants: tuple[str, ...]
    reported_by: tuple[str, ...] = ()
    verb: str | None = None
    sentence: Span2 = (0, 0)
    parent: Draft | None = None
    supports: list[Draft] = field(default_factory=list)
    pattern: str = ""
    cue: Span2 | None = None
    cue_class: str | None = None
    confidence: float | None = None


def find_statements(doc: Doc, pack: LanguagePack, table: EntityTable) -> list[Draft]:
    """Every statement of the parsed article, in reading order."""
    speakers = Speakers(doc, pack, table)
    drafts: list[Draft] = []
    found = attributions(doc, pack)
    for item in found:
        drafts.append(_draft(doc, item, speakers, table))
    table.finish()
    drafts.extend(_assertions(doc, table, found))
    return sorted(drafts, key=lambda d: (d.start, -d.end))


#: How a parse speaker was resolved when it may replace the article's own voice.
_NAMED = frozenset({"name", "pronoun", "nominal", "first-person", "group"})
#: Parse attributions whose source the sentence names; they replace a rule statement that
#: only carried the last speaker over ("context").
_GROUNDED = frozenset({"subject", "inverted", "postposed", "according", "agent",
                       "participle", "conjunct", "colon"})


def combine(rules: list[Draft], parsed: list[Draft]) -> list[Draft]:
    """The surface rules' statements, completed by the parse's: a rule statement left with
    an unknown source takes the speaker of a parse attribution over the same words (one
    left to the article's own voice, only a speaker the parse names); a parse attribution
    that no rule statement touches is added. Usage: ``combine(rule_drafts, parse_drafts)``.
    """
    out = list(rules)
    for found in parsed:
        if found.kind == "assertion":
            continue
        span = (found.start, found.end)
        same = [r for r in rules if overlap((r.start, r.end), span) >= 0.5 * min(
            r.end - r.start, found.end - found.start)]
        if not same:
            if not any(overlap((r.start, r.end), span) for r in rules):
                out.append(found)
            continue
        named = found.pattern.rsplit("/", 1)[-1] in _NAMED
        if found.claimants in ((UNKNOWN,), (REDACTION,)):
            continue
        grounded = found.pattern.split("/", 1)[0] in _GROUNDED and named
        for rule in same:
            if rule.claimants == (UNKNOWN,) or (rule.claimants == (REDACTION,) and named) or (
                    rule.pattern == "context" and grounded):
                rule.claimants = found.claimants
                rule.kind = found.kind if rule.kind == "assertion" else rule.kind
                rule.cue, rule.cue_class = found.cue, found.cue_class
                rule.confidence, rule.pattern = found.confidence, found.pattern
    return _carried_over(sorted(out, key=lambda d: (d.start, -d.end)))


#: Rule statements whose speaker is only the speaker of the moment.
_CARRIED = frozenset({"quote-continued"})


def _carried_over(drafts: list[Draft]) -> list[Draft]:
    """A statement that only continues the speaker of the moment (a quote standing alone, a
    sentence of partial quotes) takes the speaker of the statement right before it, as the
    parse may have named a speaker the rules did not see."""
    previous: Draft | None = None
    for draft in drafts:
        if draft.pattern in _CARRIED and previous is not None and \
                previous.claimants not in ((UNKNOWN,), (REDACTION,)):
            draft.claimants = previous.claimants
        if draft.kind != "assertion":
            previous = draft
    return drafts


def _draft(doc: Doc, item: Attribution, speakers: Speakers, table: EntityTable) -> Draft:
    ids, how = speakers.resolve(item)
    confidence = item.confidence * RESOLUTION.get(how, 1.0) if ids else min(
        item.confidence, 0.3)
    reporters: tuple[str, ...] = ()
    if item.recipient is not None:
        name = doc.text[item.recipient[0]:item.recipient[1]]
        record = table.at(*item.recipient)
        ident = record.id if record else table.lookup(name) or table.add(
            name, "organization", item.recipient[0])
        if record is None:
            table.mention(item.recipient[0], item.recipient[1], ident)
        reporters = (ident,)
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    sentence = (span.sent.start_char, span.sent.end_char) if span is not None else (
        item.start, item.end)
    lemma = None
    if item.cue is not None:
        cue_span = doc.char_span(item.cue[0], item.cue[1], alignment_mode="expand")
        lemma = cue_span[0].lemma_.lower() if cue_span is not None and len(cue_span) else \
            item.cue_text.lower()
    return Draft(item.start, item.end, item.kind, ids or (UNKNOWN,), reporters, lemma,
                 sentence, pattern=f"{item.how}/{how}", cue=item.cue,
                 cue_class=item.cue_class, confidence=round(confidence, 2))


def _assertions(doc: Doc, table: EntityTable, found: list[Attribution]) -> list[Draft]:
    """Sentences in the article's own voice that state something checkable."""
    text = doc.text
    taken = [(a.start, a.end) for a in found] + [a.cue for a in found if a.cue] + [
        a.source for a in found if a.source]
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1] in " \n\t.\u00a0":
            end -= 1
        while start < end and text[start] in " \n\t\u00a0":
            start += 1
        if end - start < 10 or any(s < end and start < e for s, e in taken):
            continue
        paragraph_start = text.rfind("\n", 0, start) + 1
        paragraph_end = text.find("\n", start)
        if is_heading(text, paragraph_start, len(text) if paragraph_end < 0 else paragraph_end):
            continue
        words = text[start:end].split()
        if len(words) < MIN_WORDS or NON_CLAIM_VERBS.search(text, start, end) or \
                words[0].lower() in ("je", "nous", "i", "we") or text[end - 1:end] == "?":
            continue
        if not table.mentions_in(start, end) and not re.search(r"\d", text[start:end]):
            continue
        out.append(Draft(start, end, "assertion", (REDACTION,), sentence=(start, end),
                         pattern="assertion"))
    return out
