"""Validate annotation files and load them into a store, all or nothing.

Every file is read, validated and mapped before the store is touched; the write is
one transaction that replaces each article's graphs whole and updates the entity index
(:mod:`kg.entity_index`). Usage::

    from kg.ingest import ingest_files
    with open_store() as store:
        summaries = ingest_files(store, ["data/annotations/deepseek-stargate-mwl.yaml"])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.annotation import load_annotation
from kg.entity_index import index_statements, index_update, stated
from kg.errors import UsageError
from kg.mapping import article_graphs, article_quads
from kg.model import AnnotatedArticle
from kg.store import Store, owned_graphs_query, replacement_update
from kg.vocab import claim_iri, graph_iri


@dataclass(frozen=True)
class IngestSummary:
    """What one article added to the store."""

    path: str
    article: str
    graph: str
    claims: int
    entities: int
    quads: int


def prepare(annotated: AnnotatedArticle, check_shapes: bool = True) -> list[tuple]:
    """Map an article to quads and check them against the SHACL shapes before any write."""
    quads = article_quads(annotated)
    if check_shapes:
        from kg.shacl import check_quads

        check_quads(quads, annotated.origin)
    return quads


def _keep_reviewed_status(
    quads: list[tuple], overrides: dict[str, tuple[str, str]]
) -> list[tuple]:
    """Claims that reviews have rated keep the status their latest standing review set."""
    from kg.mapping import status_quads
    from kg.vocab import KG

    if not overrides:
        return quads
    kept = [q for q in quads if not (str(q[0]) in overrides
                                     and q[1] in (KG.status, KG.statusReason)
                                     and str(q[3]) == f"{q[0]}/status")]
    for claim, (status, reason) in sorted(overrides.items()):
        kept.extend(status_quads(claim, status, reason))
    return kept


def ingest_articles(
    store: Store, articles: Sequence[AnnotatedArticle], check_shapes: bool = True,
    reconcile: bool = True,
) -> list[IngestSummary]:
    """Replace the graphs of each article in one transaction, then reconcile the store
    (:func:`kg.reconcile.reconcile`) unless ``reconcile`` is false. Usage: see module
    docstring."""
    seen: dict[str, str] = {}
    for annotated in articles:
        article_id = annotated.article.id
        if article_id in seen:
            raise UsageError(
                f"{annotated.origin}: article id '{article_id}' is also used by {seen[article_id]}"
            )
        seen[article_id] = annotated.origin
    prepared = [(a, prepare(a, check_shapes)) for a in articles]
    from kg.reviews import status_overrides

    claims = {a.article.id: [claim_iri(a.article.id, c.id) for c in a.claims] for a in articles}
    overrides = status_overrides(store, [c for cs in claims.values() for c in cs])
    old: set[str] = set()
    all_quads: list[tuple] = []
    summaries = []
    for annotated, quads in prepared:
        quads = _keep_reviewed_status(quads, {c: overrides[c] for c in claims[annotated.article.id]
                                              if c in overrides})
        owner = graph_iri(annotated.article.id)
        old.update(article_graphs(annotated))
        old.update(row["g"]["value"] for row in store.select(owned_graphs_query(owner)))
        old.add(owner)
        all_quads.extend(quads)
        summaries.append(
            IngestSummary(
                path=annotated.origin,
                article=annotated.article.id,
                graph=owner,
                claims=len(annotated.claims),
                entities=len(annotated.entities),
                quads=len(quads),
            )
        )
    before = stated(store, old)
    store.update(f"{replacement_update(old, all_quads)} ;\n"
                 f"{index_update(index_statements(all_quads), before)}")
    if reconcile:
        from kg.reconcile.run import reconcile as reconcile_store

        reconcile_store(store)
    return summaries


def ingest_files(
    store: Store, paths: Sequence[str | Path], check_shapes: bool = True,
    reconcile: bool = True, corpus_root: str | Path | None = None,
) -> list[IngestSummary]:
    """Validate and load annotation files; raises before writing anything if one is bad.
    Their ``text_file`` must lie in the corpus root (:func:`kg.annotation.corpus_root_for`)."""
    articles = [load_annotation(p, corpus_root) for p in paths]
    return ingest_articles(store, articles, check_shapes, reconcile)


def remove_articles(store: Store, article_ids: Sequence[str], reconcile: bool = True) -> list[str]:
    """Remove articles: their graphs and the graphs they own (claim statuses and content),
    keeping the entity index right, then reconcile the store unless ``reconcile`` is false.
    Reviews of their claims are kept (re-ingesting the article brings them back into force).
    Raises UsageError, before writing anything, if an article is not in the store.
    Usage: ``remove_articles(store, ["en-wire-deepseek"])`` → the removed graphs."""
    from kg.backup import write_graphs

    graphs: list[str] = []
    for article_id in dict.fromkeys(article_ids):
        owner = graph_iri(article_id)
        if not store.select(f"SELECT ?s WHERE {{ GRAPH <{owner}> {{ ?s ?p ?o }} }} LIMIT 1"):
            raise UsageError(f"no article '{article_id}' in the store at {store.location}")
        graphs.append(owner)
        graphs.extend(row["g"]["value"] for row in store.select(owned_graphs_query(owner)))
    write_graphs(store, [], graphs)
    if reconcile:
        from kg.reconcile.run import reconcile as reconcile_store

        reconcile_store(store)
    return sorted(graphs)
