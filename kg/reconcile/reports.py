"""Read reconciliation results back from a store as plain dicts (the JSON interface).

``list_conflicts`` and ``list_corroborations`` give every ``kg:disputes`` / ``kg:supports``
relation, whether an article's annotation states it (``origin: annotation``) or
reconciliation found it across sources (``origin: reconciliation``); each entry holds the two
claims exactly as ``kg claims --format json`` gives them, the first disputing or supporting
the second. Usage::

    from kg.reconcile.reports import disputed_groups, list_conflicts
    with open_store() as store:
        for conflict in list_conflicts(store):
            print(conflict["reason"])
        groups = disputed_groups(store)   # for the graph page
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg.listing import list_claims, list_entities
from kg.reconcile.decisions import read_decisions
from kg.reconcile.matching import claim_ref
from kg.reconcile.terms import MATCH, RECONCILIATION_GRAPH, RULE
from kg.store import Row, Store
from kg.vocab import PREFIXES

_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
_DERIVED = f"<{RECONCILIATION_GRAPH}>"


def _q(body: str) -> str:
    return f"{_PREFIX_LINES}\n{body}"


def _v(row: Row, key: str) -> str | None:
    binding = row.get(key)
    return binding["value"] if binding else None


def _claims_by_id(store: Store) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in list_claims(store)}


def _annotated_reasons(store: Store) -> dict[tuple[str, str], str]:
    """(claim, based-on claim) → the reason of the article's assessment that cites it."""
    rows = store.select(_q(f"""SELECT ?c ?b ?reason WHERE {{ GRAPH ?g {{
  ?c kg:statusAssessment ?a . ?a kg:sequence 0 ; kg:reason ?reason ; kg:basedOn ?b }}
  FILTER(?g != {_DERIVED}) }}"""))
    return {(r["c"]["value"], r["b"]["value"]): r["reason"]["value"] for r in rows}


def _relations(store: Store, kind: str) -> list[dict[str, Any]]:
    claims = _claims_by_id(store)
    out: list[dict[str, Any]] = []
    for row in store.select(_q(f"""SELECT ?r ?s ?o ?reason ?match ?group ?independent WHERE {{
  GRAPH {_DERIVED} {{ ?r a kg:ClaimRelation ; rdf:subject ?s ; rdf:predicate kg:{kind} ;
    rdf:object ?o ; kg:reason ?reason ; kg:group ?group ; kg:independent ?independent .
    ?group kg:matchedBy ?match }} }}""")):
        source, target = row["s"]["value"], row["o"]["value"]
        if source not in claims or target not in claims:
            continue
        out.append({
            "id": row["r"]["value"],
            "relation": kind,
            "origin": "reconciliation",
            "claims": [claims[source], claims[target]],
            "reason": row["reason"]["value"],
            "match": row["match"]["value"].removeprefix(str(MATCH)),
            "group": row["group"]["value"],
            "independent": row["independent"]["value"] == "true",
        })
    reasons = _annotated_reasons(store)
    for row in store.select(_q(f"""SELECT DISTINCT ?s ?o WHERE {{
  GRAPH ?g {{ ?s kg:{kind} ?o }} FILTER(?g != {_DERIVED}) }}""")):
        source, target = row["s"]["value"], row["o"]["value"]
        if source not in claims or target not in claims:
            continue
        title = claims[source]["source"]["title"] or claims[source]["source"]["id"]
        reason = reasons.get((target, source)) or reasons.get((source, target)) or (
            f"Stated in the annotation of “{title}”: {claim_ref(source)} {kind} "
            f"{claim_ref(target)}.")
        out.append({
            "id": None,
            "relation": kind,
            "origin": "annotation",
            "claims": [claims[source], claims[target]],
            "reason": reason,
            "match": None,
            "group": None,
            "independent": None,
        })
    out.sort(key=lambda e: (e["origin"], e["claims"][1]["id"], e["claims"][0]["id"],
                            e["id"] or ""))
    return out


def list_conflicts(store: Store) -> list[dict[str, Any]]:
    """Every dispute between two claims: ``claims`` (the disputing claim, then the disputed
    one, as ``kg claims`` gives them), ``reason``, ``origin``, ``match``, ``group``."""
    return _relations(store, "disputes")


def list_corroborations(store: Store) -> list[dict[str, Any]]:
    """Every agreement between two claims (``independent`` tells a confirmation by another
    origin from a repeat of the same origin), shaped like :func:`list_conflicts`."""
    return _relations(store, "supports")


def relation_rows(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows of conflicts or corroborations for tables and CSV."""
    rows = []
    for entry in entries:
        first, second = entry["claims"]
        rows.append({
            "claim": claim_ref(first["id"]),
            "speaker": "; ".join(p["name"] for p in first["claimants"]),
            "text": first["text"],
            "other": claim_ref(second["id"]),
            "other_speaker": "; ".join(p["name"] for p in second["claimants"]),
            "other_text": second["text"],
            "origin": entry["origin"],
            "independent": entry["independent"],
            "reason": entry["reason"],
        })
    return rows


def list_claim_groups(store: Store) -> list[dict[str, Any]]:
    """Every claim group: what it is about, who said it first, who repeated it and where.

    Each group has ``id``, ``label``, ``match`` (figure or proposition), ``subject``
    (``{id, name}``), ``predicate`` or ``quantity``, ``disputed``, ``first`` (claim IRI),
    ``members`` (ordered: ``rank``, ``claim``, ``claim_id``, ``source``, ``date``, ``start``,
    ``end``, ``claimants``, ``text``, ``figure``, ``role`` — first, repeat, dissent or
    other — and ``repeats``, the earlier claim it agrees with), ``conflicts`` and
    ``corroborations`` (``{from, to, reason}``).
    """
    rows = store.select(_q(f"""SELECT ?g ?label ?match ?subject ?disputed ?predicate ?quantity
       ?entry ?claim ?rank ?figure ?repeats WHERE {{ GRAPH {_DERIVED} {{
  ?g a kg:ClaimGroup ; rdfs:label ?label ; kg:matchedBy ?match ; kg:subjectEntity ?subject ;
     kg:disputed ?disputed ; kg:membership ?entry .
  ?entry kg:claim ?claim ; kg:rank ?rank .
  OPTIONAL {{ ?g kg:groupPredicate ?predicate }} OPTIONAL {{ ?g kg:quantity ?quantity }}
  OPTIONAL {{ ?entry kg:figure ?figure }} OPTIONAL {{ ?entry kg:repeats ?repeats }} }} }}"""))
    if not rows:
        return []
    claims = _claims_by_id(store)
    names = {e["id"]: e["name"] for e in list_entities(store)}
    dates = {r["a"]["value"]: r["d"]["value"] for r in store.select(_q(
        "SELECT ?a ?d WHERE { ?a a schema:NewsArticle ; schema:datePublished ?d }"))}
    relations: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(
        lambda: {"disputes": [], "supports": []})
    for row in store.select(_q(f"""SELECT ?group ?kind ?s ?o ?reason WHERE {{
  GRAPH {_DERIVED} {{ ?r a kg:ClaimRelation ; kg:group ?group ; rdf:predicate ?kind ;
    rdf:subject ?s ; rdf:object ?o ; kg:reason ?reason }} }}""")):
        kind = row["kind"]["value"].rsplit("#", 1)[-1]
        relations[row["group"]["value"]][kind].append(
            {"from": row["s"]["value"], "to": row["o"]["value"],
             "reason": row["reason"]["value"]})
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = row["g"]["value"]
        group = groups.setdefault(iri, {
            "id": iri,
            "label": row["label"]["value"],
            "match": row["match"]["value"].removeprefix(str(MATCH)),
            "subject": {"id": row["subject"]["value"],
                        "name": names.get(row["subject"]["value"], row["subject"]["value"])},
            "predicate": _v(row, "predicate"),
            "quantity": _v(row, "quantity"),
            "disputed": row["disputed"]["value"] == "true",
            "first": None,
            "members": [],
            "conflicts": sorted(relations[iri]["disputes"], key=lambda r: (r["to"], r["from"])),
            "corroborations": sorted(relations[iri]["supports"],
                                     key=lambda r: (r["to"], r["from"])),
        })
        claim = claims.get(row["claim"]["value"])
        if claim is None:
            continue
        figure_iri = _v(row, "figure")
        figure = next((f for f in claim["figures"] if f["id"] == figure_iri), None)
        group["members"].append({
            "rank": int(row["rank"]["value"]),
            "claim": claim["id"],
            "claim_id": claim["claim_id"],
            "source": claim["source"],
            "date": dates.get(claim["source"]["id"]),
            "start": claim["start"],
            "end": claim["end"],
            "claimants": claim["claimants"],
            "text": claim["text"],
            "status": claim["status"],
            "figure": figure,
            "repeats": _v(row, "repeats"),
        })
    out = []
    for group in sorted(groups.values(), key=lambda g: g["id"]):
        group["members"].sort(key=lambda m: m["rank"])
        dissent = {r["from"] for r in group["conflicts"]} | {r["to"] for r in group["conflicts"]}
        for member in group["members"]:
            member["role"] = ("first" if member["rank"] == 1 else "repeat" if member["repeats"]
                              else "dissent" if member["claim"] in dissent else "other")
        group["first"] = group["members"][0]["claim"] if group["members"] else None
        out.append(group)
    return out


def disputed_groups(store: Store) -> list[dict[str, Any]]:
    """The claim groups in which one source contradicts another (for the graph page).

    Same shape as :func:`list_claim_groups`. Usage: ``[g["label"] for g in
    disputed_groups(store)]``.
    """
    return [g for g in list_claim_groups(store) if g["disputed"]]


def disputed_memberships(store: Store) -> list[tuple[str, str, str]]:
    """``(group IRI, group label, claim IRI)`` for every claim of a disputed group, sorted.

    The claims of :func:`disputed_groups` in one query, without the claims' details (for the
    graph projection). Usage: ``{claim for _, _, claim in disputed_memberships(store)}``.
    """
    rows = store.select(_q(f"""SELECT DISTINCT ?g ?label ?claim WHERE {{ GRAPH {_DERIVED} {{
  ?g a kg:ClaimGroup ; rdfs:label ?label ; kg:disputed ?disputed ; kg:membership ?entry .
  ?entry kg:claim ?claim . FILTER(STR(?disputed) = "true") }} }}"""))
    return sorted({(r["g"]["value"], r["label"]["value"], r["claim"]["value"]) for r in rows})


def canonical_entities(store: Store) -> dict[str, str]:
    """Entity IRI → the canonical IRI of its cluster, for every merged entity."""
    rows = store.select(_q(f"""SELECT ?e ?c WHERE {{ GRAPH {_DERIVED} {{
  ?e kg:canonical ?c }} }}"""))
    return {r["e"]["value"]: r["c"]["value"] for r in rows}


def list_merges(store: Store) -> list[dict[str, Any]]:
    """Every cluster of merged entities with its members and the decisions that explain it:
    ``id`` (the canonical entity), ``name``, ``type``, ``wikidata``, ``members`` (as
    ``kg entities`` gives them) and ``decisions`` (``entities``, ``rule``, ``merged``,
    ``reason``, ``manual``), refused merges included."""
    canonical = canonical_entities(store)
    entities = {e["id"]: e for e in list_entities(store)}
    decisions: list[dict[str, Any]] = []
    for row in store.select(_q(f"""SELECT ?d ?rule ?merged ?reason
       (GROUP_CONCAT(STR(?e); separator=" ") AS ?pair) WHERE {{ GRAPH {_DERIVED} {{
  ?d a kg:MergeDecision ; kg:rule ?rule ; kg:merged ?merged ; kg:reason ?reason ;
     kg:entity ?e }} }} GROUP BY ?d ?rule ?merged ?reason""")):
        decisions.append({
            "entities": sorted(row["pair"]["value"].split()),
            "rule": row["rule"]["value"].removeprefix(str(RULE)),
            "merged": row["merged"]["value"] == "true",
            "reason": row["reason"]["value"],
            "manual": False,
        })
    for decision in read_decisions(store):
        decisions.append({
            "entities": list(decision.entities),
            "rule": decision.rule,
            "merged": decision.same,
            "reason": decision.reason,
            "manual": True,
            "id": decision.iri,
            "sequence": decision.sequence,
            "date": decision.date,
        })
    clusters: dict[str, list[str]] = defaultdict(list)
    for member, head in canonical.items():
        clusters[head].append(member)
    out = []
    for head, members in sorted(clusters.items()):
        members.sort()
        inside = set(members)
        entry = entities.get(head, {"name": head, "type": None, "wikidata": None})
        out.append({
            "id": head,
            "name": entry["name"],
            "type": entry["type"],
            "wikidata": entry.get("wikidata") or next(
                (entities[m]["wikidata"] for m in members
                 if m in entities and entities[m]["wikidata"]), None),
            "members": [entities.get(m, {"id": m}) for m in members],
            "decisions": sorted(
                (d for d in decisions if inside & set(d["entities"])),
                key=lambda d: (not d["manual"], d["entities"], d["rule"])),
        })
    return out

