"""Read claims, entities and figures back from a store as plain dicts (the JSON interface).

These dicts are the public shape of ``kg claims|entities|figures|show --format json``.
Usage::

    from kg.listing import list_claims
    with open_store() as store:
        claims = list_claims(store, by="Roy Chua", status="contested")
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

from rdflib import Literal

from kg.canned import SAFE_IRI
from kg.entity_index import ENTITY_INDEX_GRAPH, name_key
from kg.errors import UsageError
from kg.store import Row, Store
from kg.vocab import CATEGORY, DATA_BASE, KIND, PREFIXES, SCHEMA, STATUS

_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())

_CHUNK = 400
_VALUES = re.compile(r"VALUES \?(\w+) \{ ([^}]*) \}")

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
       ?start ?end ?confidence ?cueClass ?cueText ?cueStart ?cueEnd WHERE {
  ?c a schema:Claim ; dct:identifier ?id ; schema:text ?text ; kg:kind ?kind ;
     kg:category ?category ; kg:checkable ?checkable ; kg:status ?status ;
     kg:statusReason ?reason ; schema:appearance ?article ;
     prov:qualifiedAttribution ?attribution .
  ?attribution oa:hasTarget ?target . ?target oa:hasSelector ?pos .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?c schema:abstract ?summary }
  OPTIONAL { ?attribution kg:confidence ?confidence }
  OPTIONAL { ?attribution kg:cueClass ?cueClass }
  OPTIONAL { ?attribution kg:attributionCue ?cue .
             ?cue oa:hasSelector ?cuePos , ?cueQuote .
             ?cuePos a oa:TextPositionSelector ; oa:start ?cueStart ; oa:end ?cueEnd .
             ?cueQuote a oa:TextQuoteSelector ; oa:exact ?cueText }
}"""

_LINKS = """
SELECT ?c ?rel ?o WHERE {
  VALUES ?rel { schema:author schema:about kg:reportedBy kg:disputes kg:supports }
  ?c a schema:Claim ; ?rel ?o .
}"""

_FIGURES = """
SELECT ?c ?f ?value ?unit ?currency ?qualifier ?quantity ?text ?start ?end ?about WHERE {
  ?c kg:figure ?f . ?f schema:value ?value ; kg:qualifier ?qualifier ; kg:text ?text ;
     kg:span ?span .
  ?span oa:hasSelector ?pos .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?f schema:unitText ?unit }
  OPTIONAL { ?f schema:currency ?currency }
  OPTIONAL { ?f kg:quantity ?quantity }
  OPTIONAL { ?f schema:about ?about }
}"""

# An entity's facts, one property a query: the article graphs restate an entity's names,
# types and aliases, and one pattern joining them would multiply those restatements.
_ENTITY_FACTS = {
    "name": "?e schema:name ?v",
    "type": "?e a ?v . VALUES ?v { schema:Person schema:Organization kg:UnnamedGroup "
            "schema:Product schema:Place schema:Event schema:Thing }",
    "alias": "?e schema:alternateName ?v",
    "wikidata": '?e owl:sameAs ?v FILTER(STRSTARTS(STR(?v), "http://www.wikidata.org/entity/"))',
    "description": "?e schema:description ?v",
}

_REVIEWS = """
SELECT DISTINCT ?c ?r ?verdict ?label ?normalized ?name ?date ?retraction WHERE {
  ?r a schema:ClaimReview ; schema:itemReviewed ?c ; kg:verdict ?verdict ;
     schema:reviewRating ?rating ; schema:author/schema:name ?name .
  ?rating schema:alternateName ?label ; kg:normalizedRating ?normalized .
  OPTIONAL { ?r schema:datePublished ?date }
  OPTIONAL { ?retraction kg:retracts ?r }
}"""

_ROLES = f"""
SELECT ?e ?role ?title ?org ?orgName ?article WHERE {{
  ?e kg:role ?role . ?role schema:roleName ?title ; prov:wasDerivedFrom ?article .
  OPTIONAL {{ ?role kg:organization ?org .
             GRAPH <{ENTITY_INDEX_GRAPH}> {{ ?org schema:name ?orgName }} }}
}}"""


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


def _select(store: Store, body: str, var: str | None = None,
            only: list[str] | None = None) -> list[Row]:
    """Rows of ``body``; with ``only``, just those where ``?var`` is one of these IRIs (asked
    a chunk at a time, as a ``VALUES`` block at the top of the pattern). The body's own
    ``VALUES`` blocks then become filters: an engine may start from a ``VALUES`` block, and
    from the given IRIs, each has only a few values to test."""
    if only is None or var is None:
        return store.select(_q(body))
    body = _VALUES.sub(lambda m: f"FILTER(?{m[1]} IN ({', '.join(m[2].split())}))", body)
    head, where, tail = body.partition("WHERE {")
    rows: list[Row] = []
    for start in range(0, len(only), _CHUNK):
        values = " ".join(f"<{iri}>" for iri in only[start:start + _CHUNK])
        rows += store.select(_q(f"{head}{where}\n  VALUES ?{var} {{ {values} }}{tail}"))
    return rows


def _entity_names(store: Store, only: list[str] | None = None) -> dict[str, dict[str, Any]]:
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, pattern in _ENTITY_FACTS.items():
        for row in _select(store, f"SELECT DISTINCT ?e ?v WHERE {{ {pattern} }}", "e", only):
            facts[row["e"]["value"]][key].add(row["v"]["value"])
    entities: dict[str, dict[str, Any]] = {}
    for iri, fact in facts.items():
        kinds = {_TYPE_NAMES[t] for t in fact["type"]}
        if not fact["name"] or not kinds:
            continue
        wikidata = min(fact["wikidata"], default=None)
        entities[iri] = {
            "id": iri, "name": min(fact["name"]),
            "type": min(kinds - {"thing"}, default="thing"),
            "aliases": sorted(fact["alias"]),
            "wikidata": wikidata.rsplit("/", 1)[-1] if wikidata else None,
            "description": min(fact["description"], default=None), "roles": []}
    return entities


def matching_entities(store: Store, needle: str) -> list[str]:
    """The entities a user's words name: by a name or an alias (case and spacing ignored,
    one lookup in the entity index), by IRI, or by the last segment of their IRI.

    Usage: ``matching_entities(store, "roy chua")`` → ``["https://kg.example.org/id/entity/roy-chua"]``
    """
    wanted = needle.strip()
    candidates = {wanted.casefold(), f"{DATA_BASE}entity/{wanted.casefold()}"}
    iris = " ".join(f"<{c}>" for c in sorted(candidates) if SAFE_IRI.match(c))
    by_iri = (f"UNION {{ VALUES ?e {{ {iris} }} GRAPH <{ENTITY_INDEX_GRAPH}> "
              "{ ?e kg:nameKey ?key } }" if iris else "")
    rows = store.select(_q(f"""
SELECT DISTINCT ?e WHERE {{
  {{ GRAPH <{ENTITY_INDEX_GRAPH}> {{ ?e kg:nameKey {Literal(name_key(needle)).n3()} }} }}
  {by_iri}
}}"""))
    return sorted(row["e"]["value"] for row in rows)


def claims_linked(store: Store, entities: list[str], path: str) -> list[str]:
    """The claims linked to one of ``entities`` (IRIs) by the property path ``path``.

    Usage: ``read_claims(store, claims_linked(store, [article_iri], "schema:appearance"))``
    """
    if not entities:
        return []
    rows = _select(store, f"SELECT DISTINCT ?c WHERE {{ ?c a schema:Claim ; {path} ?e }}", "e",
                   entities)
    return sorted({row["c"]["value"] for row in rows})


def list_entities(store: Store, entity_type: str | None = None,
                  only: list[str] | None = None) -> list[dict[str, Any]]:
    """Every entity (or those ``only`` lists, by IRI) with ``id``, ``name``, ``type``,
    ``aliases``, ``roles``, ``wikidata``."""
    entities = _entity_names(store, only)
    for row in _select(store, _ROLES, "e", only):
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


def _figures(store: Store, only: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _select(store, _FIGURES, "c", only):
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


def list_claims(
    store: Store,
    by: str | None = None,
    about: str | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Every claim as a dict (the ``kg claims --format json`` interface), filtered.

    ``by`` and ``about`` match an entity's name, an alias or its id, case-insensitively; with
    either, only the matching claims are read from the store.
    """
    only: list[str] | None = None
    if by:
        only = claims_linked(store, matching_entities(store, by), "schema:author")
    if about:
        found = claims_linked(store, matching_entities(store, about), "schema:about")
        only = found if only is None else sorted(set(only) & set(found))
    claims = read_claims(store, only)
    if status:
        claims = [c for c in claims if c["status"] == status]
    if kind:
        claims = [c for c in claims if c["kind"] == kind]
    return claims


def _attribution(row: Row) -> dict[str, Any] | None:
    """The cue and confidence of an extracted claim's attribution (None for a curated one)."""
    if "confidence" not in row:
        return None
    cue = {"text": row["cueText"]["value"], "start": int(row["cueStart"]["value"]),
           "end": int(row["cueEnd"]["value"])} if "cueText" in row else None
    return {"confidence": float(row["confidence"]["value"]),
            "cue_class": _value(row, "cueClass"), "cue": cue}


def read_claims(store: Store, only: list[str] | None = None) -> list[dict[str, Any]]:
    """The claim dicts of every claim, or of the claims ``only`` lists (IRIs), in the order of
    ``kg claims`` (source, then position). Usage: ``read_claims(store, [claim_iri])``."""
    if only == []:
        return []
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in _select(store, _LINKS, "c", only):
        rel = row["rel"]["value"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        links[row["c"]["value"]][rel].append(row["o"]["value"])
    named = None if only is None else sorted(
        {iri for rel in links.values() for key in ("author", "reportedBy", "about")
         for iri in rel[key]})
    entities = _entity_names(store, named)
    figures = _figures(store, only)
    reviews: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _select(store, _REVIEWS, "c", only):
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
    for row in _select(store, _CLAIMS, "c", only):
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
            "attribution": _attribution(row),
        })
    claims.sort(key=lambda c: (c["source"]["id"], c["start"], c["id"]))
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
        if iri.startswith(DATA_BASE + "claim/") and SAFE_IRI.match(iri):
            rows = store.select(_q(f"SELECT ?t WHERE {{ <{iri}> a schema:Claim ; a ?t }}"))
            if rows:
                return iri
    raise UsageError(f"unknown claim '{ref}' (see `kg claims` for the ids)")


def show_claim(store: Store, ref: str) -> dict[str, Any]:
    """One claim with everything known about it, including its status history."""
    iri = resolve_claim(store, ref)
    found = read_claims(store, [iri])
    if not found:
        raise UsageError(f"claim '{ref}' is incomplete in the store (run `kg validate`)")
    claim = found[0]
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
    for key, prop in (("disputed_by", "kg:disputes"), ("supported_by", "kg:supports")):
        rows = store.select(_q(
            f"SELECT DISTINCT ?c WHERE {{ ?c a schema:Claim ; {prop} <{iri}> }}"))
        claim[key] = sorted(row["c"]["value"] for row in rows)
    return claim


def list_figures(store: Store, about: str | None = None) -> list[dict[str, Any]]:
    """Every figure with its claim, claimants and source: ``kg figures --format json``.

    With ``about``, the figures of the claims about that entity and the figures about it."""
    only: list[str] | None = None
    wanted: set[str] = set()
    claims_about: set[str] = set()
    if about:
        wanted = set(matching_entities(store, about))
        claims_about = set(claims_linked(store, sorted(wanted), "schema:about"))
        only = sorted(claims_about | set(claims_linked(store, sorted(wanted),
                                                        "kg:figure/schema:about")))
    out = []
    for claim in read_claims(store, only):
        for figure in claim["figures"]:
            out.append({**figure, "claim": claim["id"], "claim_id": claim["claim_id"],
                        "claim_text": claim["text"],
                        "claimants": [p["name"] for p in claim["claimants"]],
                        "source": claim["source"]["id"]})
    if about:
        out = [f for f in out if f["about"] in wanted or f["claim"] in claims_about]
    return out
