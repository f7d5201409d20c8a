"""Cross-source reconciliation: one entity per real person or organisation, claims grouped
with who said it first, figures compared within rounding, disputes and confirmations across
sources, and the statuses they imply (never above a fact-checker's review).

A run reads every source graph and writes one derived named graph,
``https://kg.example.org/id/graph/reconciliation``, replaced whole each time; people's
merge/unmerge decisions live in ``.../graph/reconciliation-decisions``, never regenerated.
Ingest runs it automatically. Usage::

    from kg.reconcile import reconcile, list_conflicts, disputed_groups
    with open_store() as store:
        summary = reconcile(store)
        conflicts = list_conflicts(store)
        groups = disputed_groups(store)
"""

from __future__ import annotations

from kg.reconcile.decisions import record_decision, standing_decisions
from kg.reconcile.reports import (
    canonical_entities,
    disputed_groups,
    list_claim_groups,
    list_conflicts,
    list_corroborations,
    list_merges,
    relation_rows,
)
from kg.reconcile.run import ReconcileSummary, reconcile
from kg.reconcile.terms import DECISIONS_GRAPH, RECONCILIATION_GRAPH

__all__ = [
    "DECISIONS_GRAPH",
    "RECONCILIATION_GRAPH",
    "ReconcileSummary",
    "canonical_entities",
    "disputed_groups",
    "list_claim_groups",
    "list_conflicts",
    "list_corroborations",
    "list_merges",
    "reconcile",
    "record_decision",
    "relation_rows",
    "standing_decisions",
]
