"""People's entity decisions: "these two are one" (kg merge), "these two are distinct"
(kg unmerge). They live in their own graph, which reconciliation never regenerates; the
latest decision about a pair stands, earlier ones are kept. Usage::

    from kg.reconcile.decisions import record_decision, standing_decisions
    with open_store() as store:
        record_decision(store, "chua", "roy-chua", same=False, reason="Two analysts")
        standing = standing_decisions(store)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.errors import UsageError
from kg.reconcile.terms import DECISIONS_GRAPH, MANUAL_DECISION, MERGE_DECISION, RULE, decision_iri
from kg.store import Store, insert_data
from kg.vocab import DATA_BASE, KG, PREFIXES, SCHEMA, entity_iri

_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
_BAD_IRI_CHARS = set('<>"{}|^`\\ ')


@dataclass(frozen=True)
class ManualDecision:
    """One recorded decision about two entities."""

    iri: str
    sequence: int
    same: bool
    entities: tuple[str, str]
    reason: str
    date: str | None
    author: str | None

    @property
    def rule(self) -> str:
        """'manual-same' or 'manual-distinct'."""
        return "manual-same" if self.same else "manual-distinct"


def read_decisions(store: Store) -> list[ManualDecision]:
    """Every recorded decision, oldest first."""
    rows = store.select(f"""{_PREFIX_LINES}
SELECT ?d ?seq ?rule ?e ?reason ?date ?author WHERE {{ GRAPH <{DECISIONS_GRAPH}> {{
  ?d a kg:ManualDecision ; kg:sequence ?seq ; kg:rule ?rule ; kg:entity ?e ; kg:reason ?reason .
  OPTIONAL {{ ?d dct:date ?date }} OPTIONAL {{ ?d prov:wasAttributedTo/schema:name ?author }}
}} }}""")
    found: dict[str, dict] = {}
    for row in rows:
        entry = found.setdefault(row["d"]["value"], {
            "seq": int(row["seq"]["value"]), "rule": row["rule"]["value"], "entities": set(),
            "reason": row["reason"]["value"], "date": row.get("date", {}).get("value"),
            "author": row.get("author", {}).get("value")})
        entry["entities"].add(row["e"]["value"])
    out = []
    for iri, entry in found.items():
        pair = sorted(entry["entities"])
        if len(pair) != 2:
            continue
        out.append(ManualDecision(iri, entry["seq"], entry["rule"] == str(RULE["manual-same"]),
                                  (pair[0], pair[1]), entry["reason"], entry["date"],
                                  entry["author"]))
    return sorted(out, key=lambda d: (d.sequence, d.iri))


def standing_decisions(store: Store) -> list[ManualDecision]:
    """The latest decision about each pair of entities, ordered by pair."""
    latest: dict[tuple[str, str], ManualDecision] = {}
    for decision in read_decisions(store):
        latest[decision.entities] = decision
    return [latest[pair] for pair in sorted(latest)]


def resolve_entity(store: Store, ref: str) -> str:
    """The IRI of an entity given its IRI or its id (``roy-chua``); it must be in the store."""
    ref = ref.strip()
    iri = ref if ref.startswith(("http://", "https://")) else entity_iri(ref)
    if not iri.startswith(DATA_BASE + "entity/") or _BAD_IRI_CHARS & set(iri):
        raise UsageError(f"'{ref}' is not an entity id or IRI (see `kg entities`)")
    rows = store.select(f"{_PREFIX_LINES}\nSELECT ?n WHERE {{ <{iri}> schema:name ?n }} LIMIT 1")
    if not rows:
        raise UsageError(f"unknown entity '{ref}' (see `kg entities` for the ids)")
    return iri


def record_decision(
    store: Store,
    first: str,
    second: str,
    same: bool,
    reason: str | None = None,
    author: str | None = None,
    date: str | None = None,
) -> ManualDecision:
    """Record that two entities are one (``same``) or distinct; returns the decision.

    Nothing earlier is changed: the new decision outranks older ones about the same pair.
    Run :func:`kg.reconcile.reconcile` afterwards to apply it.
    """
    a, b = sorted((resolve_entity(store, first), resolve_entity(store, second)))
    if a == b:
        raise UsageError("give two different entities")
    if date is None:
        date = dt.date.today().isoformat()
    else:
        try:
            date = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise UsageError(f"--date '{date}' is not a date (YYYY-MM-DD)") from None
    text = (reason or "").strip() or (
        "Recorded as the same entity." if same else "Recorded as distinct entities.")
    sequence = max((d.sequence for d in read_decisions(store)), default=0) + 1
    node = decision_iri(sequence)
    g = DECISIONS_GRAPH
    rule = RULE["manual-same" if same else "manual-distinct"]
    quads = [
        (node, RDF.type, MANUAL_DECISION, g),
        (node, RDF.type, MERGE_DECISION, g),
        (node, KG.sequence, Literal(sequence), g),
        (node, KG.rule, rule, g),
        (node, KG.merged, Literal(same), g),
        (node, KG.entity, URIRef(a), g),
        (node, KG.entity, URIRef(b), g),
        (node, KG.reason, Literal(text), g),
        (node, DCTERMS.date, Literal(date, datatype=XSD.date), g),
    ]
    if author and author.strip():
        from kg.reviews import slug

        person = URIRef(entity_iri(slug(author)))
        quads += [(node, PROV.wasAttributedTo, person, g),
                  (person, RDF.type, SCHEMA.Person, g),
                  (person, SCHEMA.name, Literal(author.strip()), g)]
    store.update(insert_data(quads))
    return ManualDecision(str(node), sequence, same, (a, b), text, date,
                          author.strip() if author else None)
