"""Category, status and claim relations (disputes, supports) of extracted claims.

- A cue that the article does not vouch for a statement ("sans que ce soit confirmé", "not
  independently verified") makes the claim it governs unverified, with the cue quoted.
- The article's own conditional ("serait né", "reportedly") makes its assertion contested.
- A later claim that gives another value for the same kind of quantity, or that an opposition
  cue ("scepticisme", "disputed", "unconvinced") frames, disputes the earlier claim, which
  becomes contested based on it; a later claim with the same value supports it.
- Otherwise: unverified, "Stated by X; not confirmed by another source in the article."

Usage::

    from kg.extract.status import Assessor
    assessor = Assessor(text, "fr", drafts, figures_by_draft, names)
    assessor.run()
    assessor.status[0].reason
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.claim_figures import CLASS_NOUNS, ArticleFigure
from kg.extract.lexicon import LEXICONS, word_set
from kg.extract.segments import paragraphs, sentences
from kg.extract.statements import REDACTION, Draft
from kg.model import Span, Status

_STOPWORDS = word_set(
    "dans pour avec sans sous entre leurs cette celui celle ceux elles nous vous était "
    "avait sont être avoir plus moins très tout tous toute toutes autre autres comme "
    "with that this from have been were their there would could about which these those "
    "into than then they them what when where will more most other some such only also")


@dataclass
class Relations:
    """What the assessment found for one claim."""

    status: Status
    disputes: list[int] = field(default_factory=list)
    supports: list[int] = field(default_factory=list)


def category(draft: Draft, text: str, lang: str, has_figures: bool) -> str:
    """fact, figure, opinion or prediction, from the words of the claim and its verb."""
    lex = LEXICONS[lang]
    words = text[draft.start:draft.end]
    future = bool(lex.prediction.search(words)) and not lex.hedge_cues.search(words)
    if has_figures:
        strong_future = re.search(
            r"\b(?:\w{3,}(?:era|eront|ira|iront|dra|dront)|faudra|sera|seront|will|would)\b",
            words, re.IGNORECASE)
        return "prediction" if strong_future else "figure"
    if future:
        return "prediction"
    if draft.kind == "assertion":
        return "fact"
    if draft.kind == "direct-quote" or (draft.verb in lex.opinion_lemmas) or \
            draft.pattern in ("pour", "context") or lex.opinion.search(words):
        return "opinion"
    return "fact"


class Assessor:
    """Statuses and relations of all claims of one article."""

    def __init__(self, text: str, lang: str, drafts: list[Draft],
                 figures: dict[int, list[ArticleFigure]], ids: list[str],
                 names: dict[str, str], categories: list[str]) -> None:
        self.text = text
        self.lang = lang
        self.lex = LEXICONS[lang]
        self.drafts = drafts
        self.figures = figures
        self.ids = ids
        self.names = names
        self.categories = categories
        self.result: list[Relations] = [Relations(self._default(i)) for i in range(len(drafts))]
        self._index = {id(d): i for i, d in enumerate(drafts)}

    # ----------------------------------------------------------------- defaults

    def _who(self, i: int) -> str:
        draft = self.drafts[i]
        who = " and ".join(self.names.get(c, c) for c in draft.claimants)
        outlets = [self.names.get(r, r) for r in draft.reported_by
                   if r not in draft.claimants and self.names.get(r)]
        return f"{who} to {outlets[-1]}" if outlets else who

    def _default(self, i: int) -> Status:
        draft, cat = self.drafts[i], self.categories[i]
        if draft.claimants == (REDACTION,):
            if cat == "prediction":
                return Status("unverified", "The article's own prediction; not checkable yet.")
            return Status("unverified", "The article's own statement; no source given.")
        who = self._who(i)
        if cat == "prediction":
            return Status("unverified", f"Prediction by {who}; not checkable yet.")
        if cat == "opinion":
            return Status("unverified", f"Opinion of {who}; not checkable as fact.")
        return Status("unverified",
                      f"Stated by {who}; not confirmed by another source in the article.")

    # ----------------------------------------------------------------- run

    def run(self) -> list[Relations]:
        """Apply cues, then relations between claims; returns one entry per draft."""
        self._unverified_cues()
        self._hedges()
        self._confirmations()
        self._figure_relations()
        return self.result

    def _sentence_drafts(self, pos: int) -> list[int]:
        return [i for i, d in enumerate(self.drafts) if d.sentence[0] <= pos < d.sentence[1]]

    def _governed(self, cue_start: int, cue_end: int) -> int | None:
        """The claim a cue is about: the next one in its sentence, one that holds it, or the
        claim just before it."""
        same = self._sentence_drafts(cue_start)
        after = [i for i in same if self.drafts[i].start >= cue_end]
        if after:
            return min(after, key=lambda i: (self.drafts[i].start, self.drafts[i].end))
        holding = [i for i in same if self.drafts[i].start <= cue_start < self.drafts[i].end]
        if holding:
            return min(holding, key=lambda i: self.drafts[i].end - self.drafts[i].start)
        if same:
            return max(same, key=lambda i: self.drafts[i].end)
        before = [i for i, d in enumerate(self.drafts) if d.end <= cue_start]
        if before and cue_start - self.drafts[before[-1]].end < 400:
            return max(before, key=lambda i: self.drafts[i].end)
        return None

    def _span(self, match: re.Match[str]) -> Span:
        return Span(match.start(), match.end(), match.group(0))

    def _unverified_cues(self) -> None:
        for match in self.lex.unverified_cues.finditer(self.text):
            target = self._governed(match.start(), match.end())
            if target is None:
                continue
            cue = self._span(match)
            reason = (f"The article marks this as unconfirmed (« {cue.text} »)."
                      if not re.search(r"se (?:disent|dit)|say they|dont se", cue.text)
                      else f"The claimants' own statement about themselves (« {cue.text} »); "
                           "not confirmed by another source in the article.")
            self.result[target].status = Status("unverified", reason, cue)

    def _hedges(self) -> None:
        for match in self.lex.hedge_cues.finditer(self.text):
            holding = [i for i, d in enumerate(self.drafts)
                       if d.kind == "assertion" and d.start <= match.start() < d.end]
            if not holding:
                continue
            target = min(holding, key=lambda i: self.drafts[i].end - self.drafts[i].start)
            cue = self._span(match)
            self.result[target].status = Status(
                "contested",
                f"The article reports this in the conditional or at a distance (« {cue.text} »)"
                "; no source is named.", cue)

    def _confirmations(self) -> None:
        for i, draft in enumerate(self.drafts):
            for other in draft.supports:
                j = self._index.get(id(other))
                if j is not None and j not in self.result[i].supports:
                    self.result[i].supports.append(j)

    # ----------------------------------------------------------------- relations

    def _cue_in(self, start: int, end: int, outside: tuple[int, int] | None = None
                ) -> Span | None:
        for match in self.lex.contested_cues.finditer(self.text, start, end):
            if outside and outside[0] <= match.start() < outside[1]:
                continue
            return self._span(match)
        return None

    def _sentence_cue(self, j: int, outside: bool = False) -> Span | None:
        """An opposition cue in the sentence of claim ``j`` (or of the quote holding it)."""
        draft = self.drafts[j]
        start, end = draft.sentence
        if draft.parent is not None:
            start, end = min(start, draft.parent.start), max(end, draft.parent.end)
        return self._cue_in(start, end, (draft.start, draft.end) if outside else None)

    def _paragraph_cue(self, j: int) -> Span | None:
        draft = self.drafts[j]
        paragraph = next(((s, e) for s, e in paragraphs(self.text) if s <= draft.start < e),
                         (draft.start, draft.end))
        return self._cue_in(paragraph[0], draft.end)

    def _related(self, i: int, j: int) -> bool:
        a, b = self.drafts[i], self.drafts[j]
        return a.parent is b or b.parent is a or a is b or set(a.claimants) == set(b.claimants)

    def _keywords(self, i: int) -> set[str]:
        """Stems of the content words of a claim, figures left out."""
        draft = self.drafts[i]
        text = self.text[draft.start:draft.end]
        for figure in self.figures.get(i, []):
            text = text.replace(figure.text, " ")
        words = re.findall(r"[^\W\d_]{5,}", text.lower())
        return {w[:6] for w in words if w not in _STOPWORDS}

    def _signature(self, figure: ArticleFigure) -> str:
        """The words right after a figure ("a year", "par an"): what it is a rate of."""
        words = re.findall(r"[^\W\d_]+", self.text[figure.end:figure.end + 30].lower())
        return " ".join(words[:2])

    def _figure_relations(self) -> None:
        for j in range(len(self.drafts)):
            later = self.figures.get(j, [])
            if not later:
                if self._sentence_cue(j, outside=True) is not None and not self._has_children(j):
                    self._dispute_by_words(j)
                continue
            sentence_cue = self._sentence_cue(j)
            cue = sentence_cue or self._paragraph_cue(j)
            candidates: list[tuple[int, int, ArticleFigure]] = []
            for i in range(len(self.drafts)):
                if self.drafts[i].start >= self.drafts[j].start or self._related(i, j):
                    continue
                found = self._compare(i, j, later, cue, sentence_cue is not None)
                if found is not None:
                    candidates.append((found[0], i, found[1]))
            if sentence_cue is not None:
                for _, i, figure in candidates:
                    self._dispute(i, j, sentence_cue, figure)
            elif candidates:
                best = max(score for score, _, _ in candidates)
                winners = [(i, f) for score, i, f in candidates if score == best]
                if best >= 1 and len(winners) == 1:
                    self._dispute(winners[0][0], j, cue, winners[0][1])

    def _has_children(self, j: int) -> bool:
        return any(d.parent is self.drafts[j] for d in self.drafts)

    def _cue_words(self, cue: Span) -> set[str]:
        sentence = next(((s, e) for p in paragraphs(self.text) for s, e in
                         sentences(self.text, *p) if s <= cue.start < e), (cue.start, cue.end))
        words = re.findall(r"[^\W\d_]{5,}", self.text[sentence[0]:sentence[1]].lower())
        return {w[:6] for w in words if w not in _STOPWORDS}

    def _compare(self, i: int, j: int, later: list[ArticleFigure], cue: Span | None,
                 strong: bool) -> tuple[int, ArticleFigure] | None:
        """Record a support; return (evidence score, figure) when ``j`` may dispute ``i``."""
        earlier = self.figures.get(i, [])
        shared = [(a, b) for a in earlier for b in later if a.kind == b.kind]
        words_i = self._keywords(i)
        overlap = len(words_i & self._keywords(j))
        if any(a.value == b.value for a, b in shared):
            if overlap and not strong and i not in self.result[j].supports:
                self.result[j].supports.append(i)
            return None
        if cue is None:
            return None
        if shared:
            signature = any(self._signature(a) and self._signature(a) == self._signature(b)
                            for a, b in shared)
            score = overlap + len(words_i & self._cue_words(cue)) + (2 if signature else 0)
            return score, shared[0][1]
        if not earlier and strong:
            for figure in later:
                nouns = CLASS_NOUNS.get(figure.kind)
                if nouns and nouns.search(self.text, self.drafts[i].start, self.drafts[i].end):
                    return 1, figure
        return None

    def _dispute_by_words(self, j: int) -> None:
        """A claim framed as opposition ("affirment au contraire que …") disputes the earlier
        claim of someone else that shares most of its words, when one stands out."""
        cue = self._sentence_cue(j, outside=True)
        if cue is None:
            return
        mine = self._keywords(j)
        scores = {i: len(self._keywords(i) & mine) for i in range(len(self.drafts))
                  if self.drafts[i].start < self.drafts[j].start and not self._related(i, j)}
        best = max(scores.values(), default=0)
        winners = [i for i, score in scores.items() if score == best]
        if best >= 1 and len(winners) == 1:
            self._dispute(winners[0], j, cue, None)

    def _dispute(self, i: int, j: int, cue: Span | None, figure: ArticleFigure | None) -> None:
        if i in self.result[j].disputes:
            return
        self.result[j].disputes.append(i)
        who = " and ".join(self.names.get(c, c) for c in self.drafts[j].claimants)
        reason = f"Disputed by {who} ({self.ids[j]})"
        if figure is not None:
            reason += f", who give another figure (« {figure.text} »)"
        reason += f"; the article notes « {cue.text} »." if cue else "."
        previous = self.result[i].status
        based_on = tuple(dict.fromkeys([*previous.based_on, self.ids[j]]))
        if previous.status == "contested" and previous.based_on:
            reason = f"{previous.reason} {reason}"
        self.result[i].status = Status("contested", reason, cue, based_on)
