"""Score kg's extracted claims against PolNeAR's gold attributions (issue 14).

The metrics (docs/POLNEAR.md gives them with examples):

- **attributed-content recall**: a gold attribution is *found* when one predicted
  attributed claim covers at least half of its content: the characters the claim's span
  shares with the content pieces, over the content's length (the sum of its pieces).
- **precision of attributed claims**: a predicted attributed claim is *right* when, for
  some gold attribution of its article, it covers at least half of the gold content (as
  above) or at least half of the claim's own span lies inside that gold content.
- **named-speaker accuracy**: over found gold attributions whose source is named (see
  :func:`source_name`), the share whose best claim (the attributed claim that covers most
  of the content, the first one on a tie) has a claimant whose name or an alias matches the
  source (see :func:`speaker_matches`).
- **exact-match content F1**: gold content pieces (pieces separated by white space only are
  joined) and predicted attributed claim spans, both trimmed by :func:`trim`, match when
  their boundaries are equal; precision over predicted spans, recall over gold pieces.

A claim is *attributed* when its kind is not ``assertion`` or one of its claimants is not
the newsroom (an entity id starting ``redaction-``). Usage::

    from polnear import read_split
    from polnear_score import predictions, score
    dev = read_split("dev")
    result = score(dev.documents, [predictions(a) for a in extract_many(texts, lang="en")])
    result.metrics()
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from polnear import Attribution, Document, Piece

from kg.model import AnnotatedArticle

NEWSROOM_PREFIX = "redaction-"
FOUND = 0.5
TRIM = frozenset(" \t\n\r\f\v\u00a0\u2009\u202f\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e"
                 "\u201f\u00ab\u00bb\u2039\u203a.,;:!?\u2026-\u2013\u2014")
QUOTE_MARKS = ('"', "\u201c", "\u201d", "''", "``", "\u00ab", "\u00bb")
_NOT_NAME_WORDS = """
i me my we us our you your he him his she her it its they them their this that these those
the a an some many most much more other others another both all each every any no one two
three four several few who what which whose there here such
mr mrs ms miss dr prof sen senator rep representative gov governor president vice
secretary judge justice gen general chairman chairwoman chair speaker mayor sheriff
officials official aides aide sources source spokesman spokeswoman spokesperson
"""
NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
CUT_WORDS = frozenset(("of", "for", "at", "from", "with", "in", "on", "to", "by", "who", "whom",
                       "whose", "which", "that"))
_PARTS = re.compile(r"[,;()\[\]\u2013\u2014]|\s-\s")
_SENTENCE_END = frozenset(".!?:;\n")
_OPENERS = frozenset(" \t\u00a0\"'`\u2018\u201c([")


@dataclass(frozen=True)
class Predicted:
    """A predicted claim as the scorer sees it: its span, whether attributed, and the names
    (name and aliases of every claimant) of who says it."""

    start: int
    end: int
    attributed: bool
    names: tuple[str, ...] = ()


@dataclass
class Result:
    """Counts of a scoring run; :meth:`metrics` turns them into the reported numbers."""

    documents: int = 0
    gold: int = 0
    found: int = 0
    predicted_attributed: int = 0
    predicted_right: int = 0
    predicted_all: int = 0
    unnamed_attributed: int = 0
    named_found: int = 0
    named_right: int = 0
    exact_gold: int = 0
    exact_predicted: int = 0
    exact_gold_matched: int = 0
    exact_predicted_matched: int = 0
    by_bucket: dict[str, list[int]] = field(default_factory=dict)
    by_publisher: dict[str, list[int]] = field(default_factory=dict)
    misses: Counter[str] = field(default_factory=Counter)
    wrong_claims: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)

    def metrics(self) -> dict[str, object]:
        """The numbers to print or save (no corpus text). Usage: ``result.metrics()["recall"]``."""
        precision = self.exact_predicted_matched / max(1, self.exact_predicted)
        recall = self.exact_gold_matched / max(1, self.exact_gold)
        return {
            "documents": self.documents, "gold_attributions": self.gold,
            "recall": _ratio(self.found, self.gold), "found": self.found,
            "precision": _ratio(self.predicted_right, self.predicted_attributed),
            "predicted_attributed": self.predicted_attributed,
            "predicted_right": self.predicted_right, "predicted_claims": self.predicted_all,
            "attributed_without_claimant_name": self.unnamed_attributed,
            "named_speaker_accuracy": _ratio(self.named_right, self.named_found),
            "named_found": self.named_found, "named_right": self.named_right,
            "exact": {"precision": round(precision, 4), "recall": round(recall, 4),
                      "f1": _ratio(2 * precision * recall, precision + recall),
                      "gold_pieces": self.exact_gold, "predicted_spans": self.exact_predicted,
                      "gold_matched": self.exact_gold_matched,
                      "predicted_matched": self.exact_predicted_matched},
            "by_bucket": {k: {"gold": v[0], "found": v[1], "recall": _ratio(v[1], v[0])}
                          for k, v in sorted(self.by_bucket.items())},
            "by_publisher": {k: {"gold": v[0], "found": v[1], "recall": _ratio(v[1], v[0])}
                             for k, v in sorted(self.by_publisher.items())},
            "misses": dict(self.misses.most_common()),
            "wrong_claims": dict(self.wrong_claims.most_common()),
        }


def predictions(annotated: AnnotatedArticle) -> list[Predicted]:
    """kg's claims as :class:`Predicted`. Usage: ``predictions(extract_article(text))``."""
    entities = {entity.id: entity for entity in annotated.entities}
    out = []
    for claim in annotated.claims:
        names: list[str] = []
        for claimant in claim.claimants:
            entity = entities.get(claimant)
            if entity is not None:
                names += [entity.name, *entity.aliases]
        out.append(Predicted(claim.start, claim.end, is_attributed(claim.kind, claim.claimants),
                             tuple(names)))
    return out


def is_attributed(kind: str, claimants: Sequence[str]) -> bool:
    """Not the article's own assertion. Usage: ``is_attributed("assertion", ("redaction-x",))``."""
    return kind != "assertion" or any(not c.startswith(NEWSROOM_PREFIX) for c in claimants)


def kind_conflicts(annotated: AnnotatedArticle) -> int:
    """Claims whose kind and claimants disagree: an ``assertion`` with a claimant other than
    the newsroom, or another kind said by the newsroom alone. Usage:
    ``kind_conflicts(annotated)``."""
    return sum(bool(claim.claimants) and (claim.kind == "assertion") == any(
        not c.startswith(NEWSROOM_PREFIX) for c in claim.claimants) for claim in annotated.claims)


def overlap(pieces: Sequence[Piece], start: int, end: int) -> int:
    """Characters of ``start:end`` inside ``pieces``. Usage: ``overlap([(0, 10)], 5, 20)``."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in pieces)


def length(pieces: Sequence[Piece]) -> int:
    """Characters in ``pieces`` (disjoint). Usage: ``length(((0, 4), (6, 9)))`` is 7."""
    return sum(e - s for s, e in pieces)


def trim(text: str, start: int, end: int) -> Piece:
    """``start:end`` without white space, quotation marks and ``.,;:!?…-–—`` at either end.

    Usage: ``trim('He said: "Yes."', 9, 15)`` is ``(10, 13)``.
    """
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def exact_pieces(text: str, content: Sequence[Piece]) -> list[Piece]:
    """Gold content pieces for exact match: joined across white space, then trimmed.

    Usage: ``exact_pieces(doc.text, attribution.content)``.
    """
    joined: list[Piece] = []
    for start, end in content:
        if joined and not text[joined[-1][1]:start].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    trimmed = [trim(text, s, e) for s, e in joined]
    return [p for p in trimmed if p[0] < p[1]]


def source_name(text: str, pieces: Sequence[Piece]) -> list[str]:
    """The name words of a source's head, lower-cased; the source is *named* when not empty.

    The source is cut into parts at ``, ; ( ) [ ] – —`` and `` - ``; a part's head is its
    words up to a preposition or relative word (:data:`CUT_WORDS`) that follows a
    lower-case word ("a reporter | for the Daily Planet", but "Secretary of State Ana Ruiz" is
    whole). The first part whose head ends with a name word gives the name words of that
    head. A name word starts with a capital letter, is not a pronoun, determiner, title or
    other word of :data:`NOT_NAMES`, and, if it starts a sentence (nothing but white space,
    quotes or an opening bracket after the start of the text, ``.!?:;`` or a new line), its
    lower-case form never appears as a word of the article. Usage:
    ``source_name(doc.text, attribution.source)``.
    """
    lower = _lower_words(text)
    for start, end in pieces:
        at = start
        for stop, after in [*((m.start(), m.end()) for m in _PARTS.finditer(text, start, end)),
                            (end, end)]:
            head = _head(list(_WORD.finditer(text, at, stop)))
            at = after
            if head and _is_name(text, head[-1], lower):
                return [_norm(w.group()) for w in head if _is_name(text, w, lower)]
    return []


def speaker_matches(source_names: Sequence[str], names: Sequence[str]) -> bool:
    """Whether one of ``names`` (a claimant's name and aliases) matches a named source.

    With the source's name words (:func:`source_name`) and each name's words, lower-cased,
    possessive ``'s`` and dots removed: it matches when the name's last word is the
    source's last name word, or the source's name words appear in a row in the name.
    Usage: ``speaker_matches(["ruiz"], ["Ana Ruiz"])``.
    """
    if not source_names:
        return False
    for name in names:
        words = [w for w in (_norm(m.group()) for m in _WORD.finditer(name)) if w]
        if not words:
            continue
        if words[-1] == source_names[-1]:
            return True
        size = len(source_names)
        if any(words[i:i + size] == list(source_names) for i in range(len(words) - size + 1)):
            return True
    return False


def bucket(document: Document, attribution: Attribution) -> str:
    """``quote`` or ``no quote`` (a quotation mark in the content), ``source`` or
    ``no source``. Usage: ``bucket(doc, attribution)`` is e.g. ``"quote, source"``."""
    words = document.words(attribution.content)
    quoted = "quote" if any(mark in words for mark in QUOTE_MARKS) else "no quote"
    return f"{quoted}, {'source' if attribution.source else 'no source'}"


def score(documents: Sequence[Document], predicted: Sequence[Sequence[Predicted]],
          samples: int = 0) -> Result:
    """Score predictions (one list per document, in order) against the gold attributions.

    With ``samples`` > 0, keeps that many short descriptions of each kind of miss and of
    wrong claim in ``Result.samples`` (corpus text: for the terminal, never for files).
    Usage: ``score(dev.documents, [predictions(a) for a in annotated]).metrics()``.
    """
    if len(documents) != len(predicted):
        raise ValueError(f"{len(documents)} documents but {len(predicted)} predictions")
    result = Result(documents=len(documents))
    for document, claims in zip(documents, predicted, strict=True):
        _score_document(document, claims, result, samples)
    return result


def _score_document(document: Document, claims: Sequence[Predicted], result: Result,
                    samples: int) -> None:
    text = document.text
    attributed = [c for c in claims if c.attributed]
    result.predicted_all += len(claims)
    result.unnamed_attributed += sum(c.attributed and not c.names for c in claims)
    for gold in document.attributions:
        size = length(gold.content)
        cover = [overlap(gold.content, c.start, c.end) / size for c in attributed]
        best = max(range(len(cover)), key=lambda i: (cover[i], -i), default=None)
        found = best is not None and cover[best] >= FOUND
        result.gold += 1
        result.found += found
        for table, key in ((result.by_bucket, bucket(document, gold)),
                           (result.by_publisher, document.publisher or "?")):
            counts = table.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += found
        if not found:
            reason = _miss(gold, claims, cover)
            result.misses[reason] += 1
            _sample(result, samples, f"missed: {reason}", _describe(document, gold))
            continue
        source = source_name(text, gold.source)
        if source and best is not None:
            result.named_found += 1
            if speaker_matches(source, attributed[best].names):
                result.named_right += 1
            else:
                _sample(result, samples, "wrong speaker", f"{_describe(document, gold)} | "
                        f"predicted: {' / '.join(attributed[best].names) or '-'}")
    for claim in attributed:
        result.predicted_attributed += 1
        span = claim.end - claim.start
        if any(overlap(g.content, claim.start, claim.end) >= FOUND * length(g.content)
               or overlap(g.content, claim.start, claim.end) >= FOUND * span
               for g in document.attributions):
            result.predicted_right += 1
            continue
        reason = _wrong(document, claim)
        result.wrong_claims[reason] += 1
        _sample(result, samples, f"wrong claim: {reason}",
                _clip(text[claim.start:claim.end]))
    gold_pieces = {p for g in document.attributions for p in exact_pieces(text, g.content)}
    spans = {p for p in (trim(text, c.start, c.end) for c in attributed) if p[0] < p[1]}
    result.exact_gold += len(gold_pieces)
    result.exact_predicted += len(spans)
    result.exact_gold_matched += len(gold_pieces & spans)
    result.exact_predicted_matched += len(spans & gold_pieces)


def _miss(gold: Attribution, claims: Sequence[Predicted], cover: list[float]) -> str:
    size = length(gold.content)
    if any(not c.attributed and overlap(gold.content, c.start, c.end) >= FOUND * size
           for c in claims):
        return "claimed as the newsroom's assertion"
    if any(value > 0 for value in cover):
        return "attributed claim covers less than half"
    return "no claim covers half"


def _wrong(document: Document, claim: Predicted) -> str:
    if any(overlap(g.content, claim.start, claim.end) for g in document.attributions):
        return "overlaps a gold content by less than half"
    if any(overlap((*g.source, *g.cue), claim.start, claim.end) for g in document.attributions):
        return "overlaps only gold sources or cues"
    return "outside every gold attribution"


def _describe(document: Document, gold: Attribution) -> str:
    source = _clip(document.words(gold.source) or "-", 40)
    cue = _clip(document.words(gold.cue), 30)
    return f"{document.name} {gold.id} [{source}] [{cue}] {_clip(document.words(gold.content))}"


def _sample(result: Result, samples: int, key: str, line: str) -> None:
    kept = result.samples.setdefault(key, [])
    if len(kept) < samples:
        kept.append(line)


def _clip(words: str, size: int = 110) -> str:
    words = " ".join(words.split())
    return words if len(words) <= size else words[:size - 1] + "…"


def _norm(word: str) -> str:
    word = word.lower().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace(".", "").strip("'-")


def _head(words: list[re.Match[str]]) -> list[re.Match[str]]:
    for i in range(1, len(words)):
        if words[i].group().lower() in CUT_WORDS and words[i - 1].group()[0].islower():
            return words[:i]
    return words


def _is_name(text: str, word: re.Match[str], lower: frozenset[str]) -> bool:
    raw = word.group()
    if not raw[0].isupper() or raw.lower().rstrip(".") in NOT_NAMES or not _norm(raw):
        return False
    return not (_sentence_initial(text, word.start()) and _norm(raw) in lower)


@lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(_norm(w) for w in _WORD.findall(text) if w[0].islower())


def _sentence_initial(text: str, at: int) -> bool:
    at -= 1
    while at >= 0 and text[at] in _OPENERS:
        at -= 1
    return at < 0 or text[at] in _SENTENCE_END


def _ratio(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0
