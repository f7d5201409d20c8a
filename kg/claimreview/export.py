"""Export reviewed claims as schema.org ClaimReview JSON-LD, ready for a web page.

One ``ClaimReview`` per standing review (a review that has not been retracted): a claim
reviewed twice gives two ClaimReviews, as two fact-checkers' pages would. Retracted reviews
and the article's own assessments are not exported. The document is one JSON object,
``{"@context": "https://schema.org", "@graph": [...]}``, sorted by claim then review, with
``<``, ``>`` and ``&`` escaped so it can go inside ``<script type="application/ld+json">`` as
it is. Usage::

    from kg.claimreview.export import export_claimreview
    with open_store() as store:
        text = export_claimreview(store)
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from kg.claimreview.ratings import BEST, SCALE, WORST
from kg.listing import list_claims, list_entities
from kg.reviews import list_reviews
from kg.store import Store
from kg.vocab import KG, PREFIXES, SCHEMA, VERDICT

#: What Google and other consumers expect; kg itself reads it with a local copy.
SCHEMA_CONTEXT = "https://schema.org"
_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
_TYPES = {"person": "Person", "organization": "Organization", "group": "Organization",
          "product": "Product", "place": "Place", "event": "Event", "thing": "Thing"}


def _wikidata_url(qid: str | None) -> str | None:
    return f"https://www.wikidata.org/wiki/{qid}" if qid else None


def _agent(iri: str, name: str, kind: str | None, wikidata: str | None) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": _TYPES.get(kind or "thing", "Thing"), "@id": iri,
                            "name": name}
    if kind == "group":
        node["additionalType"] = str(KG.UnnamedGroup)
    if wikidata:
        node["sameAs"] = _wikidata_url(wikidata)
    return node


def _articles(store: Store) -> dict[str, dict[str, Any]]:
    rows = store.select(f"""{_PREFIX_LINES}
SELECT ?a ?headline ?url ?date ?lang ?publisher ?publisherName WHERE {{
  ?a a schema:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?headline }}
  OPTIONAL {{ ?a schema:url ?url }}
  OPTIONAL {{ ?a schema:datePublished ?date }}
  OPTIONAL {{ ?a schema:inLanguage ?lang }}
  OPTIONAL {{ ?a schema:publisher ?publisher .
              OPTIONAL {{ ?publisher schema:name ?publisherName }} }}
}}""")
    out: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: json.dumps(r, sort_keys=True)):
        entry = out.setdefault(row["a"]["value"], {})
        for key in ("headline", "url", "date", "lang", "publisher", "publisherName"):
            if key in row and key not in entry:
                entry[key] = row[key]["value"]
    return out


def _reviewers(store: Store) -> dict[str, tuple[str, str]]:
    """Review IRI → (author IRI, "Organization" or "Person")."""
    rows = store.select(f"""{_PREFIX_LINES}
SELECT ?r ?a ?t WHERE {{ ?r a schema:ClaimReview ; schema:author ?a . OPTIONAL {{ ?a a ?t }} }}""")
    types: dict[str, set[str]] = defaultdict(set)
    authors: dict[str, str] = {}
    for row in rows:
        authors[row["r"]["value"]] = min(authors.get(row["r"]["value"], row["a"]["value"]),
                                         row["a"]["value"])
        if "t" in row:
            types[row["a"]["value"]].add(row["t"]["value"])
    return {review: (author, "Organization" if str(SCHEMA.Organization) in types[author]
                     else "Person")
            for review, author in authors.items()}


def standing_reviews(store: Store) -> list[dict[str, Any]]:
    """Every review that is not retracted, sorted by claim then sequence.

    Usage: ``[r["verdict"] for r in standing_reviews(store)]``.
    """
    history = list_reviews(store)
    retracted = {h["retracts"] for h in history if h["kind"] == "retraction"}
    return sorted((h for h in history if h["kind"] == "review" and h["id"] not in retracted),
                  key=lambda h: (h["claim"], h["sequence"], h["id"]))


def claimreview_document(store: Store) -> dict[str, Any]:
    """The ClaimReview JSON-LD document of the store, as a dict (see the module docstring)."""
    reviews = standing_reviews(store)
    if not reviews:
        return {"@context": SCHEMA_CONTEXT, "@graph": []}
    claims = {c["id"]: c for c in list_claims(store)}
    entities = {e["id"]: e for e in list_entities(store)}
    articles = _articles(store)
    reviewers = _reviewers(store)
    graph = []
    for review in reviews:
        claim = claims[review["claim"]]
        article_iri = claim["source"]["id"]
        article = articles.get(article_iri, {})
        appearance: dict[str, Any] = {"@type": "NewsArticle", "@id": article_iri}
        if article.get("headline"):
            appearance["headline"] = article["headline"]
        if article.get("url"):
            appearance["url"] = article["url"]
        if article.get("date"):
            appearance["datePublished"] = article["date"]
        if article.get("lang"):
            appearance["inLanguage"] = article["lang"]
        if article.get("publisherName"):
            publisher = entities.get(article["publisher"], {})
            appearance["publisher"] = _agent(article["publisher"], article["publisherName"],
                                             publisher.get("type"), publisher.get("wikidata"))
        item: dict[str, Any] = {
            "@type": "Claim",
            "@id": claim["id"],
            "author": [_agent(p["id"], p["name"], p["type"],
                              entities.get(p["id"], {}).get("wikidata"))
                       for p in claim["claimants"]],
            "appearance": appearance,
        }
        if article.get("date"):
            item["datePublished"] = article["date"]
        verdict = review["verdict"]
        rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": review["rating"] or verdict,
            "additionalType": str(VERDICT[verdict]),
        }
        if verdict in SCALE:
            rating.update(ratingValue=SCALE[verdict], bestRating=BEST, worstRating=WORST)
        author_iri, author_type = reviewers.get(review["id"], (None, "Person"))
        author: dict[str, Any] = {"@type": author_type, "name": review["reviewer"]}
        if author_iri:
            author["@id"] = author_iri
        node: dict[str, Any] = {
            "@type": "ClaimReview",
            "@id": review["id"],
            "url": review["id"],
            "claimReviewed": claim["text"],
            "itemReviewed": item,
            "reviewRating": rating,
            "author": author,
        }
        if review["date"]:
            node["datePublished"] = review["date"]
        if review["note"]:
            node["reviewBody"] = review["note"]
        if review["evidence"]:
            node["citation"] = sorted(review["evidence"])
        graph.append(node)
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


def script_safe_json(document: Any) -> str:
    """JSON text that can sit inside ``<script type="application/ld+json">`` unchanged.

    Usage: ``f'<script type="application/ld+json">{script_safe_json(doc)}</script>'``.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def export_claimreview(store: Store) -> str:
    """The store's standing reviews as ClaimReview JSON-LD text, byte for byte stable."""
    return script_safe_json(claimreview_document(store))
