"""Read claims, entities and figures back from a store as plain dicts (the JSON interface).

These dicts are the public shape of ``kg claims|entities|figures|show --format json``.
Usage::

    from kg.listing import list_claims
    with open_store() as store:
        claims = list_claims(store, by="Roy Chua", status="contested")
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from kg.errors import UsageError
from kg.store import Row, Store
from kg.vocab import CATEGORY, DATA_BASE, KIND, PREFIXES, SCHEMA, STATUS

_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())

_TYPE_NAMES = {
    str(SCHEMA.Person): "person",
    str(SCHEMA.Organization): "organization",
    PREFIXES["kg"] + "UnnamedGroup": "group",
    str(SCHEMA.Product): "product",
    str(SCHEMA.Place): "place",
    str(SCHEMA.Event): "event",
    str(SCHEMA.Thing): "thing",
}

_CLAIMS = """
SELECT ?c ?id ?text ?kind ?category ?checkable ?status ?reason ?summary ?article ?title
       ?start ?end WHERE {
  ?c a schema:Claim ; dct:identifier ?id ; schema:text ?text ; kg:kind ?kind ;
     kg:category ?category ; kg:checkable ?checkable ; kg:status ?status ;
     kg:statusReason ?reason ; schema:appearance ?article ;
     prov:qualifiedAttribution/oa:hasTarget/oa:hasSelector ?pos .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?c schema:abstract ?summary }
}"""

_LINKS = """
SELECT ?c ?rel ?o WHERE {
  VALUES ?rel { schema:author schema:about kg:reportedBy kg:disputes kg:supports }
  ?c a schema:Claim ; ?rel ?o .
}"""

_FIGURES = """
SELECT ?c ?f ?value ?unit ?currency ?qualifier ?quantity ?text ?start ?end ?about WHERE {
  ?c kg:figure ?f . ?f schema:value ?value ; kg:qualifier ?qualifier ; kg:text ?text ;
     kg:span/oa:hasSelector ?pos .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?f schema:unitText ?unit }
  OPTIONAL { ?f schema:currency ?currency }
  OPTIONAL { ?f kg:quantity ?quantity }
  OPTIONAL { ?f schema:about ?about }
}"""

_ENTITIES = """
SELECT ?e ?name ?type ?alias ?wikidata ?description WHERE {
  ?e schema:name ?name ; a ?type .
  VALUES ?type { schema:Person schema:Organization kg:UnnamedGroup schema:Product
                 schema:Place schema:Event schema:Thing }
  OPTIONAL { ?e schema:alternateName ?alias }
  OPTIONAL { ?e owl:sameAs ?wikidata
             FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }
  OPTIONAL { ?e schema:description ?description }
}"""

_REVIEWS = """
SELECT DISTINCT ?c ?r ?verdict ?label ?normalized ?name ?date ?retraction WHERE {
  ?r a schema:ClaimReview ; schema:itemReviewed ?c ; kg:verdict ?verdict ;
     schema:reviewRating ?rating ; schema:author/schema:name ?name .
  ?rating schema:alternateName ?label ; kg:normalizedRating ?normalized .
  OPTIONAL { ?r schema:datePublished ?date }
  OPTIONAL { ?retraction kg:retracts ?r }
}"""

_ROLES = """
SELECT ?e ?role ?title ?org ?orgName ?article WHERE {
  ?e kg:role ?role . ?role schema:roleName ?title ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?role kg:organization ?org . ?org schema:name ?orgName }
}"""


def _q(body: str) -> str:
    return f"{_PREFIX_LINES}\n{body}"


def _value(row: Row, key: str) -> str | None:
    binding = row.get(key)
    return binding["value"] if binding else None


def _short(iri: str, namespace: Any) -> str:
    return iri[len(str(namespace)):] if iri.startswith(str(namespace)) else iri


def number(binding: dict[str, str]) -> int | float:
    """A JSON number from an xsd numeric literal: integers stay integers."""
    value = Decimal(binding["value"])
    return int(value) if value == value.to_integral_value() else float(value)


def _entity_names(store: Store) -> dict[str, dict[str, Any]]:
    entities: dict[str, dict[str, Any]] = {}
    for row in store.select(_q(_ENTITIES)):
        iri = row["e"]["value"]
        entry = entities.setdefault(
            iri,
            {"id": iri, "name": row["name"]["value"], "type": None, "aliases": [],
             "wikidata": None, "description": None, "roles": []},
        )
        kind = _TYPE_NAMES.get(row["type"]["value"])
        if kind and (entry["type"] is None or kind != "thing"):
            entry["type"] = kind
        entry["name"] = min(entry["name"], row["name"]["value"])
        alias = _value(row, "alias")
        if alias and alias not in entry["aliases"]:
            entry["aliases"].append(alias)
        wikidata = _value(row, "wikidata")
        if wikidata:
            entry["wikidata"] = wikidata.rsplit("/", 1)[-1]
        entry["description"] = entry["description"] or _value(row, "description")
    return entities


def list_entities(store: Store, entity_type: str | None = None) -> list[dict[str, Any]]:
    """Every entity with ``id``, ``name``, ``type``, ``aliases``, ``roles``, ``wikidata``."""
    entities = _entity_names(store)
    for row in store.select(_q(_ROLES)):
        entry = entities.get(row["e"]["value"])
        if entry is None:
            continue
        role = {
            "title": row["title"]["value"],
            "organization": _value(row, "orgName"),
            "organization_id": _value(row, "org"),
            "source": row["article"]["value"],
        }
        if role not in entry["roles"]:
            entry["roles"].append(role)
    out = sorted(entities.values(), key=lambda e: (e["name"].casefold(), e["id"]))
    for entry in out:
        entry["aliases"].sort()
        entry["roles"].sort(key=lambda r: (r["source"], r["title"]))
    if entity_type:
        out = [e for e in out if e["type"] == entity_type]
    return out


def _figures(store: Store) -> dict[str, list[dict[str, Any]]]:
    figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.select(_q(_FIGURES)):
        currency = _value(row, "currency")
        figures[row["c"]["value"]].append({
            "id": row["f"]["value"],
            "value": number(row["value"]),
            "unit": currency or _value(row, "unit"),
            "is_money": currency is not None,
            "qualifier": _short(row["qualifier"]["value"], PREFIXES["qualifier"]),
            "quantity": _value(row, "quantity"),
            "text": row["text"]["value"],
            "start": int(row["start"]["value"]),
            "end": int(row["end"]["value"]),
            "about": _value(row, "about"),
        })
    for entries in figures.values():
        entries.sort(key=lambda f: (f["start"], f["id"]))
    return figures


def _matches(entity: dict[str, Any], needle: str) -> bool:
    needle = needle.casefold().strip()
    names = [entity["name"], *entity["aliases"], entity["id"], entity["id"].rsplit("/", 1)[-1]]
    return any(needle == n.casefold() for n in names)


def list_claims(
    store: Store,
    by: str | None = None,
    about: str | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Every claim as a dict (the ``kg claims --format json`` interface), filtered.

    ``by`` and ``about`` match an entity's name, an alias or its id, case-insensitively.
    """
    entities = _entity_names(store)
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in store.select(_q(_LINKS)):
        rel = row["rel"]["value"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        links[row["c"]["value"]][rel].append(row["o"]["value"])
    figures = _figures(store)
    reviews: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.select(_q(_REVIEWS)):
        reviews[row["c"]["value"]].append({
            "id": row["r"]["value"],
            "verdict": _short(row["verdict"]["value"], PREFIXES["verdict"]),
            "rating": row["label"]["value"],
            "normalized_rating": row["normalized"]["value"],
            "reviewer": row["name"]["value"],
            "date": _value(row, "date"),
            "retracted": "retraction" in row,
        })

    def people(iris: list[str]) -> list[dict[str, Any]]:
        out = []
        for iri in sorted(set(iris)):
            entity = entities.get(iri, {"name": iri, "type": None})
            out.append({"id": iri, "name": entity["name"], "type": entity["type"]})
        return sorted(out, key=lambda p: p["name"].casefold())

    claims = []
    for row in store.select(_q(_CLAIMS)):
        iri = row["c"]["value"]
        rel = links[iri]
        claims.append({
            "id": iri,
            "claim_id": row["id"]["value"],
            "text": row["text"]["value"],
            "start": int(row["start"]["value"]),
            "end": int(row["end"]["value"]),
            "source": {"id": row["article"]["value"], "title": _value(row, "title")},
            "claimants": people(rel["author"]),
            "reported_by": people(rel["reportedBy"]),
            "kind": _short(row["kind"]["value"], KIND),
            "category": _short(row["category"]["value"], CATEGORY),
            "checkable": row["checkable"]["value"] == "true",
            "status": _short(row["status"]["value"], STATUS),
            "status_reason": row["reason"]["value"],
            "summary": _value(row, "summary"),
            "figures": figures.get(iri, []),
            "about": sorted({entities.get(a, {"name": a})["name"] for a in rel["about"]},
                            key=str.casefold),
            "reviews": sorted(reviews.get(iri, []), key=lambda r: r["id"]),
            "disputes": sorted(set(rel["disputes"])),
            "supports": sorted(set(rel["supports"])),
        })
    claims.sort(key=lambda c: (c["source"]["id"], c["start"], c["id"]))

    def involves(claim: dict[str, Any], needle: str, field: str) -> bool:
        iris = [p["id"] for p in claim[field]] if field == "claimants" else [
            e for e in entities if entities[e]["name"] in claim["about"]
        ]
        return any(_matches(entities[i], needle) for i in iris if i in entities)

    if by:
        claims = [c for c in claims if involves(c, by, "claimants")]
    if about:
        claims = [c for c in claims if involves(c, about, "about")]
    if status:
        claims = [c for c in claims if c["status"] == status]
    if kind:
        claims = [c for c in claims if c["kind"] == kind]
    return claims


def resolve_claim(store: Store, ref: str) -> str:
    """The IRI of a claim given its IRI, ``article/cNN`` or a unique ``cNN``."""
    if ref.startswith(("http://", "https://")):
        candidates = [ref]
    else:
        ref = ref.strip("/")
        candidates = [f"{DATA_BASE}claim/{ref}"] if "/" in ref else []
        if not candidates:
            rows = store.select(_q(
                "SELECT ?c WHERE { ?c a schema:Claim ; dct:identifier ?id } "
            ))
            candidates = sorted(r["c"]["value"] for r in rows
                                if r["c"]["value"].rsplit("/", 1)[-1] == ref)
            if len(candidates) > 1:
                raise UsageError(
                    f"claim '{ref}' is ambiguous: {', '.join(candidates)} (give article/{ref})"
                )
    for iri in candidates:
        if iri.startswith(DATA_BASE + "claim/") and all(ch not in iri for ch in '<>"{}|^`\\ '):
            rows = store.select(_q(f"SELECT ?t WHERE {{ <{iri}> a schema:Claim ; a ?t }}"))
            if rows:
                return iri
    raise UsageError(f"unknown claim '{ref}' (see `kg claims` for the ids)")


def show_claim(store: Store, ref: str) -> dict[str, Any]:
    """One claim with everything known about it, including its status history."""
    iri = resolve_claim(store, ref)
    every = list_claims(store)
    claim = next(c for c in every if c["id"] == iri)
    history = store.select(_q(f"""
SELECT ?a ?status ?reason ?seq ?date ?cueText ?basedOn WHERE {{
  <{iri}> kg:statusAssessment ?a . ?a kg:status ?status ; kg:reason ?reason .
  OPTIONAL {{ ?a kg:sequence ?seq }}
  OPTIONAL {{ ?a dct:date ?date }}
  OPTIONAL {{ ?a kg:cue/oa:hasSelector/oa:exact ?cueText }}
  OPTIONAL {{ ?a kg:basedOn ?basedOn }}
}}"""))
    assessments: dict[str, dict[str, Any]] = {}
    for row in history:
        entry = assessments.setdefault(row["a"]["value"], {
            "id": row["a"]["value"],
            "status": _short(row["status"]["value"], STATUS),
            "reason": row["reason"]["value"],
            "sequence": int(_value(row, "seq") or 0),
            "date": _value(row, "date"),
            "cue": _value(row, "cueText"),
            "based_on": [],
        })
        based_on = _value(row, "basedOn")
        if based_on and based_on not in entry["based_on"]:
            entry["based_on"].append(based_on)
    claim["status_history"] = sorted(assessments.values(), key=lambda a: (a["sequence"], a["id"]))
    statements = store.select(_q(f"""
SELECT ?s ?p ?o WHERE {{ <{iri}> kg:assertion ?g . GRAPH ?g {{ ?s ?p ?o }} }}"""))
    claim["statements"] = sorted(
        [{"subject": r["s"]["value"], "predicate": r["p"]["value"], "object": r["o"]["value"]}
         for r in statements],
        key=lambda s: (s["subject"], s["predicate"], s["object"]),
    )
    claim["disputed_by"] = sorted(c["id"] for c in every if iri in c["disputes"])
    claim["supported_by"] = sorted(c["id"] for c in every if iri in c["supports"])
    return claim


def list_figures(store: Store, about: str | None = None) -> list[dict[str, Any]]:
    """Every figure with its claim, claimants and source: ``kg figures --format json``."""
    out = []
    for claim in list_claims(store):
        for figure in claim["figures"]:
            out.append({**figure, "claim": claim["id"], "claim_id": claim["claim_id"],
                        "claim_text": claim["text"],
                        "claimants": [p["name"] for p in claim["claimants"]],
                        "source": claim["source"]["id"]})
    if about:
        entities = _entity_names(store)
        wanted = {iri for iri, e in entities.items() if _matches(e, about)}
        claims_about = {c["id"] for c in list_claims(store, about=about)}
        out = [f for f in out if f["about"] in wanted or f["claim"] in claims_about]
    return out
