"""A networkx projection of the RDF graph: people, organisations, claims, figures, articles.

Nodes are keyed by IRI and carry scalar attributes only (str, int, float, bool; a missing
value is left out, never ``None``), so the graph goes straight to Gephi or to pandas:

- every node: ``kind`` (entity, claim, figure, article), ``type`` (person, organization,
  group, product, place, event, thing, claim, figure, article) and ``label``;
- entities: ``name``, ``aliases``, ``roles``, ``description``, ``wikidata``;
- claims: ``claim_id``, ``text``, ``status``, ``status_reason``, ``start``, ``end`` (offsets
  in the source), ``source`` (article IRI), ``source_title``, ``speakers``, ``reported_by``,
  ``claim_kind``, ``category``, ``checkable``, ``summary``, ``figures_text``, ``reviews``;
- figures: ``value``, ``value_text``, ``unit``, ``is_money``, ``qualifier``, ``quantity``,
  ``text``, ``start``, ``end``, ``claim``, ``source``, ``about_name``;
- articles: ``title``, ``date``, ``language``, ``url``, ``publisher``;
- claims of a *disputed* claim group (cross-source reconciliation, see
  :func:`kg.reconcile.reports.disputed_groups`: sources contradict each other on the same
  quantity or proposition) also have ``disputed_group`` (the group's IRI; the first by IRI
  when the claim is in several), ``disputed_group_label`` (its label), ``disputed_groups``
  (every such group's IRI, separated by a space) and ``disputed_group_labels`` (their labels
  in the same order, one per line). Other claims have none of these.

Claim groups are not nodes: a group is an interpretation over claims, not something a source
states, and its membership (with which figure, in which rank) is richer than one edge; the
page reads the groups back from these claim attributes (:func:`disputed_group_index`).

Edges are keyed by their ``relation`` (said, reported, about, disputes, supports, works_for,
member_of, has_figure, appears_in, published) and carry ``relation`` and ``label`` (and
``role`` for works_for). Node and edge order is deterministic. Usage::

    from kg.viz.projection import project
    graph = project(store)
    graph.nodes["https://kg.example.org/id/entity/roy-chua"]["label"]   # 'Roy Chua'
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.listing import list_claims, list_entities
from kg.store import Store
from kg.viz.style import EDGE_TYPES
from kg.vocab import PREFIXES

#: Kinds of node, in the order they are added to the graph.
KINDS = ("article", "entity", "claim", "figure")
#: Entity types (kg.vocab.ENTITY_TYPES) followed by the other node types.
ENTITY_NODE_TYPES = ("person", "organization", "group", "product", "place", "event", "thing")
NODE_TYPES = (*ENTITY_NODE_TYPES, "claim", "figure", "article")
#: Relations, in the order edges are added for each node.
RELATIONS = tuple(EDGE_TYPES)

_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())

_ARTICLES = """
SELECT ?a ?id ?title ?date ?language ?url ?publisher WHERE {
  ?a a schema:NewsArticle .
  OPTIONAL { ?a dct:identifier ?id }
  OPTIONAL { ?a schema:headline ?title }
  OPTIONAL { ?a schema:datePublished ?date }
  OPTIONAL { ?a schema:inLanguage ?language }
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:publisher ?publisher }
}"""

_ABOUT = "SELECT ?c ?e WHERE { ?c a schema:Claim ; schema:about ?e }"
_MEMBERS = "SELECT ?e ?g WHERE { ?e schema:memberOf ?g }"

#: Longest label of a claim node before it is cut (the full text is in ``text``).
CLAIM_LABEL_CHARS = 26


def short_label(text: str, limit: int = CLAIM_LABEL_CHARS) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.–-") + "…"


def claim_label(claim_id: str, text: str) -> str:
    """The short label of a claim node. Usage: ``claim_label("c11", text)``."""
    return f"{claim_id}: {short_label(text)}"


def format_number(value: int | float) -> str:
    """A figure's value for people: ``5600000`` gives ``'5 600 000'``, ``2.7`` gives ``'2.7'``."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.6g}".replace(",", " ")


def figure_text(figure: dict[str, Any]) -> str:
    """One figure in words: ``'about 5 600 000 USD (“5,6 millions de dollars”)'``."""
    qualifier = figure.get("qualifier")
    prefix = f"{qualifier.replace('-', ' ')} " if qualifier and qualifier != "exactly" else ""
    unit = f" {figure['unit']}" if figure.get("unit") else ""
    return f"{prefix}{format_number(figure['value'])}{unit} (“{figure['text']}”)"


def _select(store: Store, body: str) -> list[dict[str, dict[str, str]]]:
    return store.select(f"{_PREFIX_LINES}\n{body}")


def _value(row: dict[str, dict[str, str]], key: str) -> str | None:
    binding = row.get(key)
    return binding["value"] if binding else None


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes without ``None`` or empty strings (Gephi and GraphML refuse None)."""
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def _add_edge(graph: nx.MultiDiGraph, u: str, v: str, relation: str, **attrs: Any) -> None:
    if u in graph and v in graph and not graph.has_edge(u, v, key=relation):
        graph.add_edge(u, v, key=relation, relation=relation,
                       label=EDGE_TYPES[relation]["label"], **_scalars(attrs))


def _articles(store: Store) -> dict[str, dict[str, Any]]:
    articles: dict[str, dict[str, Any]] = {}
    for row in _select(store, _ARTICLES):
        iri = row["a"]["value"]
        entry = articles.setdefault(iri, {"id": iri})
        for key in ("title", "date", "language", "url", "publisher"):
            value = _value(row, key)
            if value is not None and (entry.get(key) is None or value < entry[key]):
                entry[key] = value
        entry.setdefault("title", _value(row, "id") or iri.rsplit("/", 1)[-1])
    return dict(sorted(articles.items()))


def _entity_attrs(entity: dict[str, Any]) -> dict[str, Any]:
    roles = [f"{r['title']}, {r['organization']}" if r.get("organization") else r["title"]
             for r in entity["roles"]]
    return _scalars({
        "kind": "entity",
        "type": entity["type"] or "thing",
        "label": entity["name"],
        "name": entity["name"],
        "aliases": "; ".join(entity["aliases"]),
        "roles": "; ".join(dict.fromkeys(roles)),
        "description": entity.get("description"),
        "wikidata": entity.get("wikidata"),
    })


def _claim_attrs(claim: dict[str, Any]) -> dict[str, Any]:
    reviews = [f"{r['rating']} ({r['verdict']}) by {r['reviewer']}"
               + (f", {r['date']}" if r.get("date") else "")
               + (" [retracted]" if r.get("retracted") else "")
               for r in claim.get("reviews", [])]
    return _scalars({
        "kind": "claim",
        "type": "claim",
        "label": claim_label(claim["claim_id"], claim["text"]),
        "claim_id": claim["claim_id"],
        "text": claim["text"],
        "status": claim["status"],
        "status_reason": claim["status_reason"],
        "start": claim["start"],
        "end": claim["end"],
        "source": claim["source"]["id"],
        "source_title": claim["source"].get("title"),
        "speakers": "; ".join(p["name"] for p in claim["claimants"]),
        "reported_by": "; ".join(p["name"] for p in claim["reported_by"]),
        "claim_kind": claim["kind"],
        "category": claim["category"],
        "checkable": claim["checkable"],
        "summary": claim.get("summary"),
        "figures_text": "; ".join(figure_text(f) for f in claim["figures"]),
        "reviews": "; ".join(reviews),
    })


def _figure_attrs(figure: dict[str, Any], claim: dict[str, Any],
                  names: dict[str, str]) -> dict[str, Any]:
    return _scalars({
        "kind": "figure",
        "type": "figure",
        "label": figure["text"],
        "value": float(figure["value"]),
        "value_text": figure_text(figure),
        "unit": figure.get("unit"),
        "is_money": bool(figure.get("is_money")),
        "qualifier": figure.get("qualifier"),
        "quantity": figure.get("quantity"),
        "text": figure["text"],
        "start": figure["start"],
        "end": figure["end"],
        "claim": claim["id"],
        "source": claim["source"]["id"],
        "about_name": names.get(figure.get("about") or ""),
    })


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _disputed_attrs(store: Store) -> dict[str, dict[str, str]]:
    """Claim IRI → its ``disputed_group*`` attributes (see the module docstring)."""
    from kg.reconcile.reports import disputed_memberships

    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group, label, claim in disputed_memberships(store):
        entry = (group, _one_line(label) or group)
        if entry not in groups[claim]:
            groups[claim].append(entry)
    return {claim: {"disputed_group": found[0][0], "disputed_group_label": found[0][1],
                    "disputed_groups": " ".join(g for g, _ in found),
                    "disputed_group_labels": "\n".join(label for _, label in found)}
            for claim, found in groups.items()}


def disputed_group_index(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The disputed groups of a projection (or of any part of it), read from its claim nodes:
    group IRI → ``{"label", "claims"}`` (the claim nodes, in graph order), sorted by IRI.

    Usage: ``[g["label"] for g in disputed_group_index(project(store)).values()]``.
    """
    index: dict[str, dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") != "claim" or not attrs.get("disputed_group"):
            continue
        iris = str(attrs.get("disputed_groups") or attrs["disputed_group"]).split()
        labels = str(attrs.get("disputed_group_labels")
                     or attrs.get("disputed_group_label") or "").split("\n")
        for k, iri in enumerate(iris):
            label = labels[k] if k < len(labels) and labels[k] else iri
            index.setdefault(iri, {"label": label, "claims": []})["claims"].append(node)
    return dict(sorted(index.items()))


def project(store: Store) -> nx.MultiDiGraph:
    """The whole store as a networkx MultiDiGraph (see the module docstring for attributes).

    Usage: ``graph = project(store); graph.number_of_nodes()``.
    """
    graph = nx.MultiDiGraph(name="kg")
    articles = _articles(store)
    entities = list_entities(store)
    claims = list_claims(store)
    names = {e["id"]: e["name"] for e in entities}
    disputed = _disputed_attrs(store)

    for iri, article in articles.items():
        graph.add_node(iri, **_scalars({
            "kind": "article", "type": "article", "label": short_label(article["title"], 32),
            "title": article["title"], "date": article.get("date"),
            "language": article.get("language"), "url": article.get("url"),
            "publisher": names.get(article.get("publisher") or ""),
        }))
    for entity in entities:
        graph.add_node(entity["id"], **_entity_attrs(entity))
    for claim in claims:
        for person in [*claim["claimants"], *claim["reported_by"]]:
            if person["id"] not in graph:  # an agent with no entity record: keep the link
                graph.add_node(person["id"], kind="entity", type=person["type"] or "thing",
                               label=person["name"], name=person["name"])
        graph.add_node(claim["id"], **_claim_attrs(claim), **disputed.get(claim["id"], {}))
    for claim in claims:
        for figure in claim["figures"]:
            graph.add_node(figure["id"], **_figure_attrs(figure, claim, names))

    about: dict[str, list[str]] = defaultdict(list)
    for row in _select(store, _ABOUT):
        about[row["c"]["value"]].append(row["e"]["value"])
    for claim in claims:
        iri = claim["id"]
        for person in claim["claimants"]:
            _add_edge(graph, person["id"], iri, "said")
        for person in claim["reported_by"]:
            _add_edge(graph, person["id"], iri, "reported")
        for entity in sorted(set(about[iri])):
            _add_edge(graph, iri, entity, "about")
        for other in claim["disputes"]:
            _add_edge(graph, iri, other, "disputes")
        for other in claim["supports"]:
            _add_edge(graph, iri, other, "supports")
        for figure in claim["figures"]:
            _add_edge(graph, iri, figure["id"], "has_figure")
        _add_edge(graph, iri, claim["source"]["id"], "appears_in")
    for entity in entities:
        for role in entity["roles"]:
            if role.get("organization_id"):
                _add_edge(graph, entity["id"], role["organization_id"], "works_for",
                          role=role["title"])
    members = sorted((r["e"]["value"], r["g"]["value"]) for r in _select(store, _MEMBERS))
    for member, group in members:
        _add_edge(graph, member, group, "member_of")
    for iri, article in articles.items():
        if article.get("publisher"):
            _add_edge(graph, article["publisher"], iri, "published")
    return graph
