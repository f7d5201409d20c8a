"""One reconciliation run: read the store, resolve entities, match claims, derive statuses,
and write the difference to the reconciliation graph and the changed status graphs.

Usage::

    from kg.reconcile.run import reconcile
    with open_store() as store:
        summary = reconcile(store)
    summary.disputes
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.mapping import Quad, status_quads
from kg.reconcile.decisions import standing_decisions
from kg.reconcile.difference import graph_difference
from kg.reconcile.entities import resolve_entities
from kg.reconcile.gazetteer import Gazetteer
from kg.reconcile.matching import match_claims
from kg.reconcile.quads import reconciliation_quads
from kg.reconcile.snapshot import Snapshot, read_snapshot
from kg.reconcile.statuses import CrossSourceStatus, cross_source_statuses, wanted_statuses
from kg.reconcile.terms import RECONCILIATION_GRAPH
from kg.store import Store, insert_data


@dataclass(frozen=True)
class ReconcileSummary:
    """What a run found and wrote."""

    entities: int
    clusters: int
    merged_entities: int
    merges: int
    refused_merges: int
    groups: int
    disputed_groups: int
    disputes: int
    supports: int
    statuses: int
    status_changes: int
    quads: int

    def lines(self) -> list[str]:
        """The summary as short lines of text (for the CLI)."""
        return [
            f"entities: {self.entities} ({self.merged_entities} merged into {self.clusters} "
            f"clusters by {self.merges} decisions; {self.refused_merges} merges refused)",
            f"claim groups: {self.groups} ({self.disputed_groups} disputed)",
            f"relations across sources: {self.disputes} disputes, {self.supports} supports",
            f"cross-source statuses: {self.statuses} ({self.status_changes} status graphs "
            f"rewritten)",
            f"wrote {self.quads} quads to {RECONCILIATION_GRAPH}",
        ]


def _status_changes(snapshot: Snapshot, statuses: dict[str, CrossSourceStatus]
                    ) -> dict[str, tuple[str, str]]:
    """Claims whose current status is not what it should be, with the right one."""
    wanted = wanted_statuses(snapshot, statuses)
    return {iri: wanted[iri] for iri in sorted(wanted)
            if snapshot.claims[iri].current_status != wanted[iri]}


#: New derived quads per transaction beyond the last one (bounds the memory of a first run
#: on a large store; see _write).
WRITE_BATCH = 100_000


def _write(store: Store, quads: list[Quad], status: list[Quad], drops: list[str]) -> None:
    """Turn the stored reconciliation graph into ``quads``, writing only the difference, and
    replace the ``drops`` status graphs with ``status``.

    Usually one transaction. When more than ``WRITE_BATCH`` quads are new (a first run on a
    large store), the surplus is inserted first, in transactions of that size; the last one
    holds the rest, the deletions and every status change, so a claim's status never changes
    before the assessment that explains it is stored, and an interrupted run leaves only
    extra derived quads that the next run (which writes the difference) completes."""
    removed, added = graph_difference(store, RECONCILIATION_GRAPH, quads)
    while len(added) > WRITE_BATCH:
        store.update(insert_data(added[:WRITE_BATCH]))
        added = added[WRITE_BATCH:]
    parts = [f"DROP SILENT GRAPH <{graph}>" for graph in drops]
    parts += _delete_data(removed)
    if added or status:
        parts.append(insert_data(added + status))
    if parts:
        store.update(" ;\n".join(parts))


def _delete_data(quads: list[Quad], chunk: int = 500) -> list[str]:
    """``DELETE DATA`` operations of at most ``chunk`` triples (remote stores refuse huge
    ones; on the embedded store the whole update is still one transaction)."""
    operations = []
    for start in range(0, len(quads), chunk):
        lines = "\n".join(f"GRAPH <{g}> {{ {s.n3()} {p.n3()} {o.n3()} }}"
                          for s, p, o, g in quads[start:start + chunk])
        operations.append(f"DELETE DATA {{\n{lines}\n}}")
    return operations


def reconcile(store: Store, gazetteer: Gazetteer | None = None) -> ReconcileSummary:
    """Rewrite the reconciliation graph and fix the claims' current statuses (one
    transaction, except for the first run on a large store: see :func:`_write`). Usage: see
    the module docstring."""
    snapshot = read_snapshot(store)
    resolution = resolve_entities(snapshot.entities, standing_decisions(store), gazetteer)
    groups, relations = match_claims(snapshot, resolution)
    statuses = cross_source_statuses(snapshot, relations)
    quads: list[Quad] = reconciliation_quads(snapshot, resolution, groups, relations, statuses)
    changes = _status_changes(snapshot, statuses)
    status = [q for claim, (value, reason) in changes.items()
              for q in status_quads(claim, value, reason)]
    _write(store, quads, status, [f"{claim}/status" for claim in changes])
    merged = [m for members in resolution.clusters.values() if len(members) > 1
              for m in members]
    return ReconcileSummary(
        entities=len(snapshot.entities),
        clusters=sum(1 for members in resolution.clusters.values() if len(members) > 1),
        merged_entities=len(merged),
        merges=sum(1 for e in resolution.edges if e.merged),
        refused_merges=sum(1 for e in resolution.edges if not e.merged),
        groups=len(groups),
        disputed_groups=sum(1 for g in groups if g.disputed),
        disputes=sum(1 for r in relations if r.kind == "disputes"),
        supports=sum(1 for r in relations if r.kind == "supports" and r.shown),
        statuses=len(statuses),
        status_changes=len(changes),
        quads=len(quads),
    )
