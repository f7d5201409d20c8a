"""HTML pages for people: a claim, an entity (person, organisation, group...), an article.

Everything shown comes from the kg listings (``show_claim``, ``read_claims``,
``list_entities``) over any store, and every piece of data is escaped by ``kg.server.html``:
a claim whose words contain ``<script>`` shows those words. Links to IRIs under the base IRI
stay on this server. Usage::

    from kg.server.pages import resource_page
    html_bytes = resource_page(store, iri, "claim", links)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from kg.errors import KgError
from kg.listing import claims_linked, list_entities, read_claims, show_claim
from kg.server.html import Markup, document, link, tag
from kg.store import Store
from kg.vocab import DATA_BASE, PREFIXES, SCHEMA

#: Maps an IRI to the URL that shows it (a path on this server, or the IRI itself).
Links = Callable[[str], str]

_STATUS_CLASSES = {"unverified", "contested", "confirmed", "refuted"}


def _short(iri: str) -> str:
    if iri.startswith(DATA_BASE) and len(iri) > len(DATA_BASE):
        return iri[len(DATA_BASE):]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _status(status: str) -> Markup:
    css = status if status in _STATUS_CLASSES else "other"
    return tag("span", status, class_=f"status status-{css}")


def _definitions(rows: list[tuple[str, Any]]) -> Markup:
    items = []
    for label, value in rows:
        if value in (None, "", [], ()):
            continue
        items += [tag("dt", label), tag("dd", value)]
    return tag("dl", items)


def _table(headers: list[str], rows: list[list[Any]], empty: str = "none") -> Markup:
    if not rows:
        return tag("p", empty, class_="empty")
    return tag("table",
               tag("thead", tag("tr", [tag("th", h) for h in headers])),
               tag("tbody", [tag("tr", [tag("td", cell) for cell in row]) for row in rows]))


def _people(people: list[dict[str, Any]], links: Links) -> list[Any]:
    out: list[Any] = []
    for i, person in enumerate(people):
        if i:
            out.append(", ")
        out.append(link(person["name"], links(person["id"])))
    return out


def _term(value: str, links: Links) -> Markup:
    if value.startswith(("http://", "https://")):
        return link(_short(value), links(value))
    return tag("span", value)


def _footer(iri: str, links: Links) -> Markup:
    here = links(iri)
    describe = "/query?query=" + quote(f"DESCRIBE <{iri}>", safe="")
    formats = [("Turtle", "turtle"), ("JSON-LD", "jsonld"), ("N-Triples", "ntriples")]
    alternates: list[Any] = []
    for i, (label, name) in enumerate(formats):
        if i:
            alternates.append(" · ")
        alternates.append(link(label, f"{here}?format={name}"))
    return tag("footer",
               tag("p", "IRI: ", tag("code", iri)),
               tag("p", "Also as ", alternates, " · ", link("query it", describe)))


def _nav(kind: str) -> Markup:
    return tag("nav", link("kg", "/query"), " › ", kind)


def _claim_rows(claims: list[dict[str, Any]], links: Links) -> list[list[Any]]:
    return [[link(c["claim_id"], links(c["id"])), _people(c["claimants"], links),
             tag("q", c["text"]), _status(c["status"])] for c in claims]


def claim_page(store: Store, iri: str, links: Links) -> bytes:
    """The page of one claim: words, speakers, source, figures, status and why, relations."""
    claim = show_claim(store, iri)
    related_iris = sorted({*claim["disputes"], *claim["supports"], *claim["disputed_by"],
                           *claim["supported_by"],
                           *(b for a in claim["status_history"] for b in a["based_on"])})
    texts = _claim_texts(store, related_iris)

    def related(iris: list[str]) -> list[Any]:
        return [tag("li", link(texts.get(i, ("", i))[0] or i, links(i)), " ",
                    tag("q", texts.get(i, ("", ""))[1])) for i in iris]

    source = claim["source"]
    figures = [[f["value"], f["unit"] or "", f["qualifier"], f["quantity"] or "",
                tag("q", f["text"]), f"{f['start']}–{f['end']}",
                _term(f["about"], links) if f["about"] else ""] for f in claim["figures"]]
    history = [[a["sequence"], _status(a["status"]), a["reason"], a["date"] or "",
                tag("q", a["cue"]) if a["cue"] else "",
                [link(texts.get(b, (b, ""))[0], links(b)) for b in a["based_on"]]]
               for a in claim["status_history"]]
    statements = [[_term(s["subject"], links), _term(s["predicate"], links),
                   _term(s["object"], links)] for s in claim["statements"]]
    relations = [(label, tag("ul", related(claim[key]))) for label, key in
                 [("Disputes", "disputes"), ("Supports", "supports"),
                  ("Disputed by", "disputed_by"), ("Supported by", "supported_by")]
                 if claim[key]]
    body = [
        _nav("claim"),
        tag("main",
            tag("h1", f"Claim {claim['claim_id']}"),
            tag("blockquote", claim["text"], class_="claim-text"),
            tag("p", claim["summary"], class_="summary") if claim["summary"] else None,
            _definitions([
                ("Status", [_status(claim["status"]), " ", claim["status_reason"]]),
                ("Said by", _people(claim["claimants"], links)),
                ("Reported by", _people(claim["reported_by"], links)),
                ("Source", [link(source["title"] or source["id"], links(source["id"])),
                            f" (characters {claim['start']}–{claim['end']})"]),
                ("Kind", f"{claim['kind']}, {claim['category']}"
                         + (" (checkable)" if claim["checkable"] else " (not checkable)")),
                ("About", ", ".join(claim["about"])),
                *relations,
            ]),
            tag("h2", "Figures"),
            _table(["value", "unit", "qualifier", "quantity", "words", "characters",
                    "about"], figures),
            tag("h2", "Status history"),
            _table(["#", "status", "reason", "date", "cue", "based on"], history),
            tag("h2", "What the claim says (stated, not asserted as true)"),
            _table(["subject", "predicate", "object"], statements)),
        _footer(iri, links),
    ]
    return document(f"Claim {claim['claim_id']}: {claim['text'][:80]}", *body)


def _claim_texts(store: Store, iris: list[str]) -> dict[str, tuple[str, str]]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    rows = store.select(
        "PREFIX schema: <http://schema.org/> PREFIX dct: <http://purl.org/dc/terms/> "
        f"SELECT ?c ?id ?text WHERE {{ VALUES ?c {{ {values} }} "
        "?c dct:identifier ?id ; schema:text ?text }")
    return {r["c"]["value"]: (r["id"]["value"], r["text"]["value"]) for r in rows}


def entity_page(store: Store, iri: str, links: Links) -> bytes:
    """The page of a person, organisation, group...: names, roles, their claims."""
    entity = next(iter(list_entities(store, only=[iri])), None)
    if entity is None:
        return other_page(store, iri, links)
    said, reported, concerning = (read_claims(store, claims_linked(store, [iri], path))
                                  for path in ("schema:author", "kg:reportedBy", "schema:about"))
    roles = [[r["title"], link(r["organization"], links(r["organization_id"]))
              if r["organization_id"] else "", link("source", links(r["source"]))]
             for r in entity["roles"]]
    wikidata = entity["wikidata"]
    body = [
        _nav(entity["type"] or "entity"),
        tag("main",
            tag("h1", entity["name"]),
            _definitions([
                ("Type", entity["type"]),
                ("Also called", ", ".join(entity["aliases"])),
                ("Description", entity["description"]),
                ("Wikidata", link(wikidata, f"https://www.wikidata.org/wiki/{wikidata}")
                 if wikidata else None),
            ]),
            tag("h2", "Roles"), _table(["title", "organisation", "where"], roles),
            tag("h2", f"Claims made ({len(said)})"),
            _table(["claim", "said by", "words", "status"], _claim_rows(said, links)),
            tag("h2", f"Claims about {entity['name']} ({len(concerning)})"),
            _table(["claim", "said by", "words", "status"], _claim_rows(concerning, links)),
            tag("h2", f"Claims reported ({len(reported)})") if reported else None,
            _table(["claim", "said by", "words", "status"], _claim_rows(reported, links))
            if reported else None),
        _footer(iri, links),
    ]
    return document(entity["name"], *body)


def _values_by_predicate(store: Store, iri: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for row in store.select(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"):
        values.setdefault(row["p"]["value"], []).append(row["o"]["value"])
    return values


def article_page(store: Store, iri: str, links: Links) -> bytes:
    """The page of an article: title, date, language, publisher, its claims and its text."""
    values = _values_by_predicate(store, iri)

    def first(*predicates: str) -> str | None:
        for predicate in predicates:
            if values.get(predicate):
                return sorted(values[predicate])[0]
        return None

    schema, dct = str(SCHEMA), "http://purl.org/dc/terms/"
    title = first(schema + "headline", dct + "title") or iri
    url = first(schema + "url")
    publisher = first(schema + "publisher")
    claims = read_claims(store, claims_linked(store, [iri], "schema:appearance"))
    text = first(schema + "articleBody")
    body = [
        _nav("article"),
        tag("main",
            tag("h1", title),
            _definitions([
                ("Published", first(schema + "datePublished", dct + "issued")),
                ("Language", first(schema + "inLanguage", dct + "language")),
                ("Publisher", _term(publisher, links) if publisher else None),
                ("Original", link(url, url) if url else None),
                ("Note", first(PREFIXES["kg"] + "titleNote")),
            ]),
            tag("h2", f"Claims ({len(claims)})"),
            _table(["claim", "said by", "words", "status"], _claim_rows(claims, links)),
            tag("details", tag("summary", "Text of the article"),
                tag("div", text, class_="article-text")) if text else None),
        _footer(iri, links),
    ]
    return document(title, *body)


def other_page(store: Store, iri: str, links: Links) -> bytes:
    """A plain page for any other IRI the graph knows: its properties as a table."""
    values = _values_by_predicate(store, iri)
    rows = [[_term(p, links), _term(v, links)] for p in sorted(values)
            for v in sorted(values[p])]
    body = [_nav("resource"),
            tag("main", tag("h1", _short(iri)), _table(["property", "value"], rows)),
            _footer(iri, links)]
    return document(_short(iri), *body)


def resource_page(store: Store, iri: str, kind: str, links: Links) -> bytes:
    """The HTML page for ``iri`` of a kind from ``describe.resource_kind``."""
    builders = {"claim": claim_page, "entity": entity_page, "article": article_page}
    builder = builders.get(kind, other_page)
    try:
        return builder(store, iri, links)
    except KgError:
        return other_page(store, iri, links)


def not_found_page(iri: str) -> bytes:
    """The 404 page for an IRI the graph does not know."""
    return document("Not found", _nav("not found"), tag(
        "main", tag("h1", "Not in the graph"),
        tag("p", "Nothing is known about ", tag("code", iri), "."),
        tag("p", link("Search with a query", "/query"))))
