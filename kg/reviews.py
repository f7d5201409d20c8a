"""Fact-checkers' reviews of claims: verdicts with evidence, kept as history, never deleted.

A review is a ``schema:ClaimReview`` that is also a ``kg:StatusAssessment``; it lives in the
claim's review graph, which re-ingesting the article never touches. The claim's current status
(its status graph) is the latest assessment that is not retracted; a retraction is recorded as
a new assessment. Usage::

    from kg.reviews import add_review, list_reviews, retract_review
    with open_store() as store:
        add_review(store, "c11", verdict="mostly-false", reviewer="Ana Pereira",
                   evidence=["https://example.org/report"], note="Chip count unverified")
        history = list_reviews(store, "c11")
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.errors import UsageError
from kg.listing import resolve_claim
from kg.mapping import Quad, status_quads
from kg.store import Store, insert_data
from kg.vocab import KG, PREFIXES, SCHEMA, STATUS, VERDICT, VERDICTS, entity_iri, review_graph_iri

_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())


def slug(name: str) -> str:
    """An id from a name: 'Ana Pereira' → 'ana-pereira'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "reviewer"


def _assessments(store: Store, claim: str) -> list[dict[str, Any]]:
    rows = store.select(f"""{_PREFIX_LINES}
SELECT ?a ?seq ?status ?reason ?retracts ?review ?verdict ?label ?normalized ?author ?authorName
       ?date ?note WHERE {{
  <{claim}> kg:statusAssessment ?a . ?a kg:sequence ?seq ; kg:status ?status ; kg:reason ?reason .
  OPTIONAL {{ ?a kg:retracts ?retracts }}
  OPTIONAL {{ ?a a schema:ClaimReview . BIND(true AS ?review) }}
  OPTIONAL {{ ?a kg:verdict ?verdict }}
  OPTIONAL {{ ?a schema:reviewRating ?rating . ?rating schema:alternateName ?label ;
              kg:normalizedRating ?normalized }}
  OPTIONAL {{ ?a schema:author ?author . ?author schema:name ?authorName }}
  OPTIONAL {{ ?a dct:date ?date }}
  OPTIONAL {{ ?a schema:reviewBody ?note }}
}}""")
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = row["a"]["value"]
        entry = out.setdefault(iri, {
            "id": iri,
            "sequence": int(row["seq"]["value"]),
            "status": row["status"]["value"].rsplit("/", 1)[-1],
            "reason": row["reason"]["value"],
            "kind": "review" if "review" in row else (
                "retraction" if "retracts" in row else "article"),
            "retracts": row.get("retracts", {}).get("value"),
            "verdict": row["verdict"]["value"].rsplit("/", 1)[-1] if "verdict" in row else None,
            "rating": row.get("label", {}).get("value"),
            "normalized_rating": row.get("normalized", {}).get("value"),
            "reviewer": row.get("authorName", {}).get("value"),
            "date": row.get("date", {}).get("value"),
            "note": row.get("note", {}).get("value"),
            "evidence": [],
        })
        if entry["kind"] == "article" and "retracts" in row:
            entry["kind"] = "retraction"
    evidence = store.select(f"""{_PREFIX_LINES}
SELECT ?a ?url WHERE {{ <{claim}> kg:statusAssessment ?a . ?a schema:citation ?url }}""")
    for row in evidence:
        out[row["a"]["value"]]["evidence"].append(row["url"]["value"])
    for entry in out.values():
        entry["evidence"].sort()
    return sorted(out.values(), key=lambda a: (a["sequence"], a["id"]))


def effective(assessments: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The assessment that sets the current status: the latest not retracted, not a retraction."""
    retracted = {a["retracts"] for a in assessments if a["kind"] == "retraction"}
    standing = [a for a in assessments if a["kind"] != "retraction" and a["id"] not in retracted]
    return standing[-1] if standing else None


def _write(store: Store, claim: str, quads: list[Quad], status: str, reason: str) -> None:
    """Add assessment quads and rewrite the status graph, in one transaction."""
    status_graph = f"{claim}/status"
    update = f"DROP SILENT GRAPH <{status_graph}> ;\n" + insert_data(
        quads + status_quads(claim, status, reason))
    store.update(update)


def _date(value: str | None) -> str:
    if value is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--date '{value}' is not a date (YYYY-MM-DD)") from None


def add_review(
    store: Store,
    claim_ref: str,
    verdict: str,
    reviewer: str,
    evidence: Sequence[str] = (),
    note: str | None = None,
    date: str | None = None,
    rating_label: str | None = None,
) -> dict[str, Any]:
    """Record a review; it becomes the claim's current status. Returns the stored review.

    ``rating_label`` keeps another fact-checker's own label (e.g. "Pants on Fire") next to
    the normalised verdict; it defaults to the verdict itself.
    """
    if verdict not in VERDICTS:
        raise UsageError(f"unknown verdict '{verdict}' (expected one of: {', '.join(VERDICTS)})")
    if not reviewer.strip():
        raise UsageError("--reviewer needs a name")
    for url in evidence:
        if not _URL.match(url):
            raise UsageError(f"--evidence '{url}' is not an http(s) URL")
    claim = resolve_claim(store, claim_ref)
    day = _date(date)
    history = _assessments(store, claim)
    sequence = max((a["sequence"] for a in history), default=0) + 1
    status, normalized, _ = VERDICTS[verdict]
    reason = note or f"Reviewed by {reviewer}: {verdict}."
    graph = URIRef(review_graph_iri(claim))
    node = URIRef(f"{claim}/review/{sequence}")
    rating = URIRef(f"{node}#rating")
    author = URIRef(entity_iri(slug(reviewer)))
    quads: list[Quad] = [
        (graph, RDF.type, KG.ReviewGraph, graph),
        (URIRef(claim), KG.statusAssessment, node, graph),
        (node, RDF.type, SCHEMA.ClaimReview, graph),
        (node, RDF.type, KG.StatusAssessment, graph),
        (node, SCHEMA.itemReviewed, URIRef(claim), graph),
        (node, SCHEMA.reviewRating, rating, graph),
        (node, SCHEMA.author, author, graph),
        (node, PROV.wasAttributedTo, author, graph),
        (node, SCHEMA.datePublished, Literal(day, datatype=XSD.date), graph),
        (node, DCTERMS.date, Literal(day, datatype=XSD.date), graph),
        (node, KG.status, STATUS[status], graph),
        (node, KG.verdict, VERDICT[verdict], graph),
        (node, KG.reason, Literal(reason), graph),
        (node, KG.sequence, Literal(sequence), graph),
        (rating, RDF.type, SCHEMA.Rating, graph),
        (rating, SCHEMA.alternateName, Literal(rating_label or verdict), graph),
        (rating, KG.normalizedRating, Literal(normalized), graph),
        (author, RDF.type, SCHEMA.Person, graph),
        (author, RDF.type, PROV.Person, graph),
        (author, SCHEMA.name, Literal(reviewer.strip()), graph),
    ]
    if note:
        quads.append((node, SCHEMA.reviewBody, Literal(note), graph))
    quads += [(node, SCHEMA.citation, URIRef(url), graph) for url in sorted(set(evidence))]
    _write(store, claim, quads, status, reason)
    return _stored(store, claim, str(node))


def _stored(store: Store, claim: str, node: str) -> dict[str, Any]:
    entry = next(a for a in _assessments(store, claim) if a["id"] == node)
    return {"claim": claim, **entry}


def retract_review(store: Store, claim_ref: str, reviewer: str, note: str | None = None,
                   date: str | None = None) -> dict[str, Any]:
    """Withdraw the latest standing review by recording a retraction (nothing is deleted)."""
    claim = resolve_claim(store, claim_ref)
    history = _assessments(store, claim)
    current = effective(history)
    if current is None or current["kind"] != "review":
        raise UsageError(f"claim {claim} has no standing review to retract")
    day = _date(date)
    sequence = max(a["sequence"] for a in history) + 1
    after = effective([*history, {"kind": "retraction", "retracts": current["id"],
                                  "id": "", "sequence": sequence}])
    status = after["status"] if after else "unverified"
    reason = note or f"Review {current['sequence']} retracted by {reviewer}."
    if after:
        reason = f"{reason} Back to: {after['reason']}"
    graph = URIRef(review_graph_iri(claim))
    node = URIRef(f"{claim}/review/{sequence}")
    author = URIRef(entity_iri(slug(reviewer)))
    quads: list[Quad] = [
        (URIRef(claim), KG.statusAssessment, node, graph),
        (node, RDF.type, KG.Retraction, graph),
        (node, RDF.type, KG.StatusAssessment, graph),
        (node, KG.retracts, URIRef(current["id"]), graph),
        (node, SCHEMA.author, author, graph),
        (node, PROV.wasAttributedTo, author, graph),
        (node, DCTERMS.date, Literal(day, datatype=XSD.date), graph),
        (node, KG.status, STATUS[status], graph),
        (node, KG.reason, Literal(reason), graph),
        (node, KG.sequence, Literal(sequence), graph),
        (author, RDF.type, SCHEMA.Person, graph),
        (author, RDF.type, PROV.Person, graph),
        (author, SCHEMA.name, Literal(reviewer.strip()), graph),
    ]
    _write(store, claim, quads, status, reason)
    return _stored(store, claim, str(node))


def list_reviews(store: Store, claim_ref: str | None = None) -> list[dict[str, Any]]:
    """The review history (reviews and retractions) of one claim, or of every claim."""
    if claim_ref:
        claims = [resolve_claim(store, claim_ref)]
    else:
        rows = store.select(f"""{_PREFIX_LINES}
SELECT DISTINCT ?c WHERE {{ ?c kg:statusAssessment ?a . ?a kg:sequence ?s FILTER(?s > 0) }}""")
        claims = sorted(r["c"]["value"] for r in rows)
    out = []
    for claim in claims:
        for entry in _assessments(store, claim):
            if entry["kind"] != "article":
                out.append({"claim": claim, **entry})
    return out


def status_overrides(store: Store, claims: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Current (status, reason) of claims whose reviews outrank the article's assessment.

    Used by ingest so that re-ingesting an article keeps the status its reviews set; reads
    only the given claims (the cost does not grow with the store).
    """
    ordered = sorted(set(claims))
    reviewed: set[str] = set()
    for start in range(0, len(ordered), 500):
        values = " ".join(f"<{c}>" for c in ordered[start:start + 500])
        rows = store.select(f"""{_PREFIX_LINES}
SELECT DISTINCT ?c WHERE {{ VALUES ?c {{ {values} }}
  ?c kg:statusAssessment ?a . ?a kg:sequence ?s FILTER(?s > 0) }}""")
        reviewed.update(r["c"]["value"] for r in rows)
    out = {}
    for claim in sorted(reviewed):
        history = [a for a in _assessments(store, claim) if a["sequence"] > 0]
        current = effective(history)
        if current is not None:
            out[claim] = (current["status"], current["reason"])
    return out
