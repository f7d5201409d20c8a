"""Score a predicted annotation (e.g. from ``kg extract``) against a gold annotation.

Both inputs are annotation files (or :class:`~kg.model.AnnotatedArticle` objects) about the
same article text; entities are compared by name, never by id, so the predicted file may mint
its own ids. Usage::

    from kg.evaluate import evaluate_files, to_table_rows
    report = evaluate_files("predicted.yaml", "data/annotations/deepseek-stargate-mwl.yaml")
    report.to_dict()["claims"]["f1"]

Metrics. A ratio whose denominator is zero is ``None`` (``n/a`` in the table), never 0 or 1.

Claims (``claims``)
    A predicted claim and a gold claim *can match* when their half-open character spans
    ``[start, end)`` overlap and, with ``inter`` the length of the intersection,
    ``inter / len(shorter span) >= min_overlap`` **and** ``inter / len(longer span) >= 0.25``.
    The pair's score is the Jaccard index ``inter / len(union)``. Matching is one-to-one and
    greedy: candidate pairs are taken by decreasing score (ties: larger intersection, then
    gold order, then predicted order) and a pair is kept when neither claim is taken yet.
    ``precision = matched / predicted``, ``recall = matched / gold``,
    ``f1 = 2PR / (P + R) = 2 matched / (gold + predicted)`` (so 0.0, not n/a, when nothing
    is predicted but the gold has claims).

Speakers (``speakers``)
    Over matched claims (``evaluated``): the fraction whose claimant sets agree. A predicted
    claimant and a gold claimant *are the same* when, after normalising names (Unicode NFC,
    typographic apostrophe ’ as ', casefolded, runs of spaces collapsed, leading article
    dropped):

    - the name or any alias of one equals the name or any alias of the other (a leading
      article, « le », « la », « l' », « les », « un », « une », « des », "the", "a", "an",
      is not compared: « la police » is « police »), or
    - both entities are persons and the last word of their names (the surname, with
      surrounding punctuation stripped) is equal.

    The sets agree when every gold claimant is the same as some predicted claimant and every
    predicted claimant is the same as some gold claimant. ``direct_quote_accuracy`` is the
    same fraction over the matched claims whose *gold* kind is ``direct-quote``
    (``direct_quotes`` of them): the acceptance criterion is the right speaker for at least 95%
    of the direct quotes.

Figures (``figures``)
    Figures are pooled per article, independently of claim matching; a figure repeated in
    several claims with the same span, value, unit and currency counts once. A predicted and a
    gold figure can match when their spans overlap at all; matching is one-to-one and greedy
    like claims (score: Jaccard of the spans). A matched figure has the right *value* when the
    values are equal within a relative tolerance of 1e-9, and the right *unit* when the gold
    currency equals the predicted currency exactly (ISO 4217 code), or, for a unit, when both
    units are equal after casefolding and stripping one trailing "s" (``hours`` = ``hour``).
    It is *correct* when both are right. ``recall = correct / gold``,
    ``precision = correct / predicted``, ``value_accuracy`` and ``unit_accuracy`` are over the
    ``matched`` pairs. ``misses`` lists every gold figure that is not correct, with the
    predicted value and unit (or null when no predicted figure overlaps it).

Status and kind (``status_agreement``, ``kind_agreement``)
    Over matched claims, the fraction with the same status value (``unverified``,
    ``contested``...), respectively the same kind (``direct-quote``, ``reported-speech``,
    ``assertion``).

Debugging lists: ``unmatched_gold`` and ``unmatched_predicted`` (claim id and text),
``wrong_speakers`` (gold and predicted claim ids, gold kind, claimant names on each side).

The two annotations must hold exactly the same article text, otherwise
:class:`~kg.errors.UsageError` is raised.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.annotation import load_annotation
from kg.errors import UsageError
from kg.model import AnnotatedArticle, Claim, Entity, Figure

#: A contained span must also cover at least this share of the longer span to match.
MIN_LONGER_SHARE = 0.25
#: Relative tolerance when comparing figure values.
VALUE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class ClaimRef:
    """A claim left without a partner: its id and text."""

    id: str
    text: str


@dataclass(frozen=True)
class ClaimMatch:
    """A matched pair of claims and its score (Jaccard index of the spans)."""

    gold_id: str
    predicted_id: str
    score: float


@dataclass(frozen=True)
class WrongSpeaker:
    """A matched claim whose predicted claimants differ from the gold claimants."""

    gold_id: str
    predicted_id: str
    kind: str
    gold_names: tuple[str, ...]
    predicted_names: tuple[str, ...]


@dataclass(frozen=True)
class FigureMiss:
    """A gold figure not found with the right value and unit."""

    gold_claim: str
    text: str
    start: int
    end: int
    expected_value: float | int
    expected_unit: str | None
    predicted_value: float | int | None = None
    predicted_unit: str | None = None
    predicted_text: str | None = None


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class EvalReport:
    """Counts of an evaluation; ratios are properties. Usage: ``report.to_dict()``."""

    gold_claims: int
    predicted_claims: int
    matches: tuple[ClaimMatch, ...]
    speakers_correct: int
    direct_quotes: int
    direct_quotes_correct: int
    status_agreed: int
    kind_agreed: int
    gold_figures: int
    predicted_figures: int
    matched_figures: int
    figures_correct: int
    figure_values_correct: int
    figure_units_correct: int
    figure_misses: tuple[FigureMiss, ...] = ()
    unmatched_gold: tuple[ClaimRef, ...] = ()
    unmatched_predicted: tuple[ClaimRef, ...] = ()
    wrong_speakers: tuple[WrongSpeaker, ...] = ()

    @property
    def matched_claims(self) -> int:
        """Number of one-to-one matched claim pairs."""
        return len(self.matches)

    @property
    def claim_precision(self) -> float | None:
        """Matched claims over predicted claims."""
        return _ratio(self.matched_claims, self.predicted_claims)

    @property
    def claim_recall(self) -> float | None:
        """Matched claims over gold claims."""
        return _ratio(self.matched_claims, self.gold_claims)

    @property
    def claim_f1(self) -> float | None:
        """Harmonic mean of claim precision and recall: 2 matched / (gold + predicted)."""
        return _ratio(2 * self.matched_claims, self.gold_claims + self.predicted_claims)

    @property
    def speaker_accuracy(self) -> float | None:
        """Matched claims with the right claimant set, over matched claims."""
        return _ratio(self.speakers_correct, self.matched_claims)

    @property
    def direct_quote_speaker_accuracy(self) -> float | None:
        """Speaker accuracy over matched claims whose gold kind is direct-quote."""
        return _ratio(self.direct_quotes_correct, self.direct_quotes)

    @property
    def status_agreement(self) -> float | None:
        """Matched claims with the same status value, over matched claims."""
        return _ratio(self.status_agreed, self.matched_claims)

    @property
    def kind_agreement(self) -> float | None:
        """Matched claims with the same kind, over matched claims."""
        return _ratio(self.kind_agreed, self.matched_claims)

    @property
    def figure_precision(self) -> float | None:
        """Correct figures over predicted figures."""
        return _ratio(self.figures_correct, self.predicted_figures)

    @property
    def figure_recall(self) -> float | None:
        """Correct figures over gold figures."""
        return _ratio(self.figures_correct, self.gold_figures)

    @property
    def figure_value_accuracy(self) -> float | None:
        """Matched figures with the right value, over matched figures."""
        return _ratio(self.figure_values_correct, self.matched_figures)

    @property
    def figure_unit_accuracy(self) -> float | None:
        """Matched figures with the right unit or currency, over matched figures."""
        return _ratio(self.figure_units_correct, self.matched_figures)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (for ``kg eval --format json``).

        Usage: ``json.dumps(report.to_dict())``.
        """
        return {
            "claims": {
                "precision": self.claim_precision,
                "recall": self.claim_recall,
                "f1": self.claim_f1,
                "gold": self.gold_claims,
                "predicted": self.predicted_claims,
                "matched": self.matched_claims,
            },
            "speakers": {
                "accuracy": self.speaker_accuracy,
                "direct_quote_accuracy": self.direct_quote_speaker_accuracy,
                "evaluated": self.matched_claims,
                "direct_quotes": self.direct_quotes,
            },
            "figures": {
                "precision": self.figure_precision,
                "recall": self.figure_recall,
                "value_accuracy": self.figure_value_accuracy,
                "unit_accuracy": self.figure_unit_accuracy,
                "gold": self.gold_figures,
                "predicted": self.predicted_figures,
                "matched": self.matched_figures,
                "misses": [
                    {
                        "gold_claim": m.gold_claim,
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                        "expected_value": m.expected_value,
                        "expected_unit": m.expected_unit,
                        "predicted_value": m.predicted_value,
                        "predicted_unit": m.predicted_unit,
                        "predicted_text": m.predicted_text,
                    }
                    for m in self.figure_misses
                ],
            },
            "status_agreement": self.status_agreement,
            "kind_agreement": self.kind_agreement,
            "unmatched_gold": [{"id": c.id, "text": c.text} for c in self.unmatched_gold],
            "unmatched_predicted": [
                {"id": c.id, "text": c.text} for c in self.unmatched_predicted
            ],
            "wrong_speakers": [
                {
                    "gold_id": w.gold_id,
                    "predicted_id": w.predicted_id,
                    "kind": w.kind,
                    "gold_names": list(w.gold_names),
                    "predicted_names": list(w.predicted_names),
                }
                for w in self.wrong_speakers
            ],
        }


def _cell(value: float | None, numerator: int, denominator: int) -> str:
    if value is None:
        return f"n/a ({numerator}/{denominator})"
    return f"{value:.3f} ({numerator}/{denominator})"


def to_table_rows(report: EvalReport) -> list[dict[str, str]]:
    """Rows ``{"metric", "value"}`` for a table view; ratios show their counts.

    Usage: ``render(to_table_rows(report), "table", columns=["metric", "value"])``.
    """
    r = report
    rows = [
        ("claims.precision", _cell(r.claim_precision, r.matched_claims, r.predicted_claims)),
        ("claims.recall", _cell(r.claim_recall, r.matched_claims, r.gold_claims)),
        ("claims.f1", "n/a" if r.claim_f1 is None else f"{r.claim_f1:.3f}"),
        ("speakers.accuracy", _cell(r.speaker_accuracy, r.speakers_correct, r.matched_claims)),
        ("speakers.direct_quote_accuracy",
         _cell(r.direct_quote_speaker_accuracy, r.direct_quotes_correct, r.direct_quotes)),
        ("figures.precision", _cell(r.figure_precision, r.figures_correct, r.predicted_figures)),
        ("figures.recall", _cell(r.figure_recall, r.figures_correct, r.gold_figures)),
        ("figures.value_accuracy",
         _cell(r.figure_value_accuracy, r.figure_values_correct, r.matched_figures)),
        ("figures.unit_accuracy",
         _cell(r.figure_unit_accuracy, r.figure_units_correct, r.matched_figures)),
        ("status_agreement", _cell(r.status_agreement, r.status_agreed, r.matched_claims)),
        ("kind_agreement", _cell(r.kind_agreement, r.kind_agreed, r.matched_claims)),
        ("unmatched_gold", str(len(r.unmatched_gold))),
        ("unmatched_predicted", str(len(r.unmatched_predicted))),
        ("wrong_speakers", str(len(r.wrong_speakers))),
        ("figures.misses", str(len(r.figure_misses))),
    ]
    return [{"metric": metric, "value": value} for metric, value in rows]


# --- matching -----------------------------------------------------------------------------


def claim_overlap(a: tuple[int, int], b: tuple[int, int], min_overlap: float = 0.5) -> float | None:
    """The match score (Jaccard) of two claim spans, or None when they cannot match.

    Usage: ``claim_overlap((0, 10), (2, 10))`` gives 0.8.
    """
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return None
    shorter, longer = sorted((a[1] - a[0], b[1] - b[0]))
    if inter / shorter < min_overlap or inter / longer < MIN_LONGER_SHARE:
        return None
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _figure_overlap(a: tuple[int, int], b: tuple[int, int]) -> float | None:
    """Jaccard of two figure spans when they overlap at all."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return None
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _greedy(candidates: list[tuple[float, int, int, int]]) -> list[tuple[int, int, float]]:
    """One-to-one pairs from (score, intersection, gold index, predicted index) candidates."""
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    pairs = []
    for score, _, g, p in candidates:
        if g in taken_gold or p in taken_predicted:
            continue
        taken_gold.add(g)
        taken_predicted.add(p)
        pairs.append((g, p, score))
    return sorted(pairs)


def _intersection(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _match_claims(gold: list[Claim], predicted: list[Claim],
                  min_overlap: float) -> list[tuple[int, int, float]]:
    candidates = []
    for g, gc in enumerate(gold):
        for p, pc in enumerate(predicted):
            a, b = (gc.start, gc.end), (pc.start, pc.end)
            score = claim_overlap(a, b, min_overlap)
            if score is not None:
                candidates.append((score, _intersection(a, b), g, p))
    return _greedy(candidates)


# --- speakers -----------------------------------------------------------------------------


#: A leading article is not part of what a name names (« la police » = « police »,
#: "the Trump campaign" = "Trump campaign").
_ARTICLE = re.compile(r"^(?:(?:le|la|les|un|une|des|the|a|an) |l')(?=\S)")


def _normal(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("\u2019", "'").replace("\u02bc", "'")
    return _ARTICLE.sub("", " ".join(name.casefold().split()))


def _surname(name: str) -> str:
    words = _normal(name).split()
    return words[-1].strip(string.punctuation) if words else ""


def _lookup(annotated: AnnotatedArticle, entity_id: str) -> Entity:
    """The entity of this id; an unknown id stands for an entity named by its id."""
    try:
        return annotated.entity(entity_id)
    except KeyError:
        return Entity(id=entity_id, name=entity_id, type="thing")


def same_entity(predicted: Entity, gold: Entity) -> bool:
    """Whether two entities of different files are the same, by name (see module doc).

    Usage: ``same_entity(pred.entity("p1"), gold.entity("roy-chua"))``.
    """
    names_p = {_normal(n) for n in (predicted.name, *predicted.aliases)}
    names_g = {_normal(n) for n in (gold.name, *gold.aliases)}
    if names_p & names_g:
        return True
    if predicted.type == "person" and gold.type == "person":
        surname = _surname(gold.name)
        return bool(surname) and surname == _surname(predicted.name)
    return False


def _same_speakers(predicted: list[Entity], gold: list[Entity]) -> bool:
    return all(any(same_entity(p, g) for p in predicted) for g in gold) and all(
        any(same_entity(p, g) for g in gold) for p in predicted
    )


# --- figures ------------------------------------------------------------------------------


def _pooled(annotated: AnnotatedArticle) -> list[tuple[str, Figure]]:
    """All figures of the article with their claim id; exact repeats counted once."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for claim in annotated.claims:
        for figure in claim.figures:
            key = (figure.span.start, figure.span.end, figure.value, figure.unit,
                   figure.currency)
            if key not in seen:
                seen.add(key)
                out.append((claim.id, figure))
    return out


def _unit_of(figure: Figure) -> str | None:
    return figure.currency if figure.currency is not None else figure.unit


def _same_value(a: float | int, b: float | int) -> bool:
    return math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=0.0)


def _unit_key(unit: str) -> str:
    unit = unit.casefold().strip()
    return unit[:-1] if unit.endswith("s") else unit


def _same_unit(predicted: Figure, gold: Figure) -> bool:
    if gold.currency is not None:
        return predicted.currency == gold.currency
    if predicted.currency is not None:
        return False
    if gold.unit is None or predicted.unit is None:
        return gold.unit == predicted.unit
    return _unit_key(predicted.unit) == _unit_key(gold.unit)


# --- evaluation ---------------------------------------------------------------------------


def _check_same_text(predicted: AnnotatedArticle, gold: AnnotatedArticle) -> None:
    a, b = predicted.article.text, gold.article.text
    if a == b:
        return
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
              min(len(a), len(b)))
    raise UsageError(
        f"{predicted.origin or 'the predicted annotation'} and "
        f"{gold.origin or 'the gold annotation'} are not about the same article text "
        f"(they differ from character {at})"
    )


def evaluate(predicted: AnnotatedArticle, gold: AnnotatedArticle,
             min_overlap: float = 0.5) -> EvalReport:
    """Score ``predicted`` against ``gold`` (same article text), as the module doc describes.

    Usage: ``evaluate(load_annotation("pred.yaml"), load_annotation("gold.yaml")).to_dict()``.
    """
    if not 0 < min_overlap <= 1:
        raise UsageError(f"min_overlap must be in (0, 1], got {min_overlap}")
    _check_same_text(predicted, gold)

    pairs = _match_claims(gold.claims, predicted.claims, min_overlap)
    matched_gold = {g for g, _, _ in pairs}
    matched_predicted = {p for _, p, _ in pairs}
    speakers_correct = direct_quotes = direct_quotes_correct = status_agreed = kind_agreed = 0
    wrong: list[WrongSpeaker] = []
    for g, p, _ in pairs:
        gc, pc = gold.claims[g], predicted.claims[p]
        gold_speakers = [_lookup(gold, e) for e in gc.claimants]
        predicted_speakers = [_lookup(predicted, e) for e in pc.claimants]
        right = _same_speakers(predicted_speakers, gold_speakers)
        speakers_correct += right
        if gc.kind == "direct-quote":
            direct_quotes += 1
            direct_quotes_correct += right
        if not right:
            wrong.append(WrongSpeaker(
                gold_id=gc.id,
                predicted_id=pc.id,
                kind=gc.kind,
                gold_names=tuple(e.name for e in gold_speakers),
                predicted_names=tuple(e.name for e in predicted_speakers),
            ))
        status_agreed += gc.status.status == pc.status.status
        kind_agreed += gc.kind == pc.kind

    gold_figures, predicted_figures = _pooled(gold), _pooled(predicted)
    candidates = []
    for g, (_, gf) in enumerate(gold_figures):
        for p, (_, pf) in enumerate(predicted_figures):
            a, b = (gf.span.start, gf.span.end), (pf.span.start, pf.span.end)
            score = _figure_overlap(a, b)
            if score is not None:
                candidates.append((score, _intersection(a, b), g, p))
    figure_pairs = {g: p for g, p, _ in _greedy(candidates)}
    values_correct = units_correct = figures_correct = 0
    misses: list[FigureMiss] = []
    for g, (claim_id, gf) in enumerate(gold_figures):
        miss = FigureMiss(claim_id, gf.span.text, gf.span.start, gf.span.end, gf.value,
                          _unit_of(gf))
        if g not in figure_pairs:
            misses.append(miss)
            continue
        pf = predicted_figures[figure_pairs[g]][1]
        value_ok, unit_ok = _same_value(pf.value, gf.value), _same_unit(pf, gf)
        values_correct += value_ok
        units_correct += unit_ok
        if value_ok and unit_ok:
            figures_correct += 1
        else:
            misses.append(FigureMiss(
                claim_id, gf.span.text, gf.span.start, gf.span.end, gf.value, _unit_of(gf),
                predicted_value=pf.value, predicted_unit=_unit_of(pf),
                predicted_text=pf.span.text,
            ))

    return EvalReport(
        gold_claims=len(gold.claims),
        predicted_claims=len(predicted.claims),
        matches=tuple(
            ClaimMatch(gold.claims[g].id, predicted.claims[p].id, score) for g, p, score in pairs
        ),
        speakers_correct=speakers_correct,
        direct_quotes=direct_quotes,
        direct_quotes_correct=direct_quotes_correct,
        status_agreed=status_agreed,
        kind_agreed=kind_agreed,
        gold_figures=len(gold_figures),
        predicted_figures=len(predicted_figures),
        matched_figures=len(figure_pairs),
        figures_correct=figures_correct,
        figure_values_correct=values_correct,
        figure_units_correct=units_correct,
        figure_misses=tuple(misses),
        unmatched_gold=tuple(
            ClaimRef(c.id, c.text) for i, c in enumerate(gold.claims) if i not in matched_gold
        ),
        unmatched_predicted=tuple(
            ClaimRef(c.id, c.text)
            for i, c in enumerate(predicted.claims)
            if i not in matched_predicted
        ),
        wrong_speakers=tuple(wrong),
    )


def evaluate_files(predicted_path: str | Path, gold_path: str | Path,
                   min_overlap: float = 0.5) -> EvalReport:
    """Load two annotation files and :func:`evaluate` them (the ``kg eval`` command).

    Usage: ``evaluate_files("out/pred.yaml", "data/annotations/deepseek-stargate-mwl.yaml")``.
    """
    predicted = load_annotation(predicted_path)
    gold = load_annotation(gold_path)
    return evaluate(predicted, gold, min_overlap=min_overlap)
