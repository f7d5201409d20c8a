"""Cross-source statuses: what other sources say about a claim changes its status.

Precedence, strongest first:

1. a fact-checker's standing review (``kg review``): never overridden here;
2. the cross-source assessment made by reconciliation: **contested** when a claim of another
   article disputes it (unless its article says refuted), else **confirmed** when a claim of
   another article from an independent origin agrees, its own article left it unverified and
   it is checkable (a fact or a figure: opinions and predictions are not confirmed by
   agreement);
3. the article's own assessment.

The cross-source assessment is a ``kg:StatusAssessment`` in the reconciliation graph. Its
``kg:sequence`` places it in the history so that the current status is always the latest
standing assessment (what :func:`kg.reviews.effective` and the SHACL shapes expect): after
every assessment of the sources when no review stands (so it sets the status), just before
the standing review otherwise (so the review keeps it, and retracting the review falls back
to the cross-source status, not to the article's). Usage::

    from kg.reconcile.statuses import cross_source_statuses, wanted_statuses
    statuses = cross_source_statuses(snapshot, relations)
    wanted = wanted_statuses(snapshot, statuses)   # claim → (status, reason)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kg.reconcile.matching import Relation
from kg.reconcile.snapshot import Assessment, ClaimRecord, Snapshot

#: How many other claims a status reason spells out before "and N more".
REASONS_SHOWN = 3


@dataclass(frozen=True)
class CrossSourceStatus:
    """A claim's status from other sources: reason, the claims it rests on, its place in
    the claim's status history."""

    claim: str
    status: str
    reason: str
    based_on: tuple[str, ...]
    sequence: int


def standing_review(history: Sequence[Assessment]) -> Assessment | None:
    """The review that sets the status now (latest not retracted), if one does.

    The same rule as :func:`kg.reviews.effective`, on the sources' own assessments."""
    retracted = {a.retracts for a in history if a.kind == "retraction"}
    standing = sorted((a for a in history if a.kind != "retraction" and a.iri not in retracted),
                      key=lambda a: (a.sequence, a.iri))
    return standing[-1] if standing and standing[-1].kind == "review" else None


def _latest(history: Sequence[Assessment]) -> Assessment | None:
    return max(history, key=lambda a: (a.sequence, a.iri)) if history else None


def _join(reasons: list[str]) -> str:
    shown = reasons[:REASONS_SHOWN]
    more = len(reasons) - len(shown)
    text = " ".join(shown)
    return f"{text} (and {more} more)" if more else text


def _sequence(claim: ClaimRecord) -> int:
    review = standing_review(claim.history)
    if review is not None:
        return max(review.sequence - 1, 0)
    return max((a.sequence for a in claim.history), default=0) + 1


def cross_source_statuses(snapshot: Snapshot, relations: Sequence[Relation]
                          ) -> dict[str, CrossSourceStatus]:
    """The cross-source status of each claim that other sources dispute or confirm."""
    disputes: dict[str, list[Relation]] = defaultdict(list)
    supports: dict[str, list[Relation]] = defaultdict(list)
    for relation in relations:
        if relation.kind == "supports" and not relation.independent:
            continue
        target = disputes if relation.kind == "disputes" else supports
        target[relation.source].append(relation)
        target[relation.target].append(relation)
    out: dict[str, CrossSourceStatus] = {}
    for claim in sorted(set(disputes) | set(supports)):
        record = snapshot.claims[claim]
        own = record.article_status[0]

        def other(relation: Relation, claim: str = claim) -> str:
            return relation.target if relation.source == claim else relation.source

        if disputes[claim] and own != "refuted":
            chosen = sorted(disputes[claim], key=lambda r: snapshot.order_key(other(r)))
            reason = "Disputed by another source. " + _join([r.reason for r in chosen])
            status = "contested"
        elif supports[claim] and own == "unverified" and record.checkable:
            chosen = sorted(supports[claim], key=lambda r: snapshot.order_key(other(r)))
            reason = "Confirmed by an independent source. " + _join([r.reason for r in chosen])
            status = "confirmed"
        else:
            continue
        based_on = tuple(sorted({other(r) for r in chosen}))
        out[claim] = CrossSourceStatus(claim, status, reason, based_on, _sequence(record))
    return out


def wanted_statuses(snapshot: Snapshot, statuses: dict[str, CrossSourceStatus]
                    ) -> dict[str, tuple[str, str]]:
    """The (status, reason) each claim's status graph should hold: the standing review's,
    else the cross-source one, else the latest assessment of its sources."""
    out: dict[str, tuple[str, str]] = {}
    for iri, claim in snapshot.claims.items():
        review = standing_review(claim.history)
        latest = _latest(claim.history)
        if review is not None:
            out[iri] = (review.status, review.reason)
        elif iri in statuses:
            out[iri] = (statuses[iri].status, statuses[iri].reason)
        elif latest is not None:
            out[iri] = (latest.status, latest.reason)
        else:
            out[iri] = claim.article_status
    return out
