"""Write an extracted article as a curated-format annotation (YAML) or as JSON.

The YAML is what :func:`kg.annotation.load_annotation` reads, with the article text saved
next to it under ``text_file``; the JSON ``claims`` have the fields of
``kg claims --format json``. Both are deterministic. Usage::

    from kg.extract.serialize import to_json, to_yaml
    Path("out/a.txt").write_text(annotated.article.text, encoding="utf-8")
    Path("out/a.yaml").write_text(to_yaml(annotated, "a.txt"), encoding="utf-8")
"""

from __future__ import annotations

from typing import Any

import yaml

from kg.model import (
    AnnotatedArticle,
    AttributionCue,
    Claim,
    Entity,
    Figure,
    Span,
    Statement,
    Status,
)
from kg.vocab import CATEGORIES, article_iri, claim_iri, entity_iri

HEADER = """\
# Annotation extracted automatically by kg (rule-based; review before relying on it).
# Same format as the curated files: loaded and checked by kg/annotation.py.
# Offsets are Python code-point offsets into the article text: text[start:end] == text.
"""


def _span(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def _entity(entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": entity.id, "name": entity.name, "type": entity.type}
    if entity.aliases:
        out["aliases"] = list(entity.aliases)
    if entity.roles:
        roles = []
        for role in entity.roles:
            item: dict[str, Any] = {"title": role.title}
            if role.organization:
                item["organization"] = role.organization
            if role.span:
                item.update(_span(role.span))
            roles.append(item)
        out["roles"] = roles
    if entity.wikidata:
        out["wikidata"] = entity.wikidata
    if entity.member_of:
        out["member_of"] = list(entity.member_of)
    if entity.description:
        out["description"] = entity.description
    return out


def _figure(figure: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"id": figure.id, "value": figure.value}
    if figure.currency:
        out["currency"] = figure.currency
    else:
        out["unit"] = figure.unit
    if figure.qualifier != "exactly":
        out["qualifier"] = figure.qualifier
    if figure.quantity:
        out["quantity"] = figure.quantity
    if figure.about:
        out["about"] = figure.about
    out.update(_span(figure.span))
    return out


def _statement(statement: Statement) -> dict[str, Any]:
    out: dict[str, Any] = {"subject": statement.subject, "predicate": statement.predicate}
    if statement.object_entity:
        out["object"] = statement.object_entity
    if statement.object_figure:
        out["object_figure"] = statement.object_figure
    if statement.object_text:
        out["object_text"] = statement.object_text
    return out


def _status(status: Status) -> dict[str, Any]:
    out: dict[str, Any] = {"value": status.status, "reason": status.reason}
    if status.cue:
        out["cue"] = _span(status.cue)
    if status.based_on:
        out["based_on"] = list(status.based_on)
    return out


def _claim(claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": claim.id, "text": claim.text, "start": claim.start, "end": claim.end,
        "kind": claim.kind, "category": claim.category, "claimants": list(claim.claimants),
    }
    if claim.reported_by:
        out["reported_by"] = list(claim.reported_by)
    if claim.about:
        out["about"] = list(claim.about)
    if claim.summary:
        out["summary"] = claim.summary
    if claim.figures:
        out["figures"] = [_figure(f) for f in claim.figures]
    if claim.statements:
        out["statements"] = [_statement(s) for s in claim.statements]
    out["status"] = _status(claim.status)
    if claim.disputes:
        out["disputes"] = list(claim.disputes)
    if claim.supports:
        out["supports"] = list(claim.supports)
    if claim.attribution:
        out["attribution"] = _attribution(claim.attribution)
    return out


def _attribution(attribution: AttributionCue) -> dict[str, Any]:
    out: dict[str, Any] = {"confidence": attribution.confidence}
    if attribution.cue_class:
        out["cue_class"] = attribution.cue_class
    if attribution.cue:
        out["cue"] = _span(attribution.cue)
    return out


def _attribution_json(attribution: AttributionCue | None) -> dict[str, Any] | None:
    """The ``attribution`` field of a claim in JSON (None for a curated claim)."""
    if attribution is None:
        return None
    cue = attribution.cue
    return {"confidence": attribution.confidence, "cue_class": attribution.cue_class,
            "cue": {"text": cue.text, "start": cue.start, "end": cue.end} if cue else None}


def to_yaml(annotated: AnnotatedArticle, text_file_name: str) -> str:
    """The annotation file; ``text_file_name`` is where the article text is saved, relative
    to the YAML file. Usage: see the module docstring."""
    article = annotated.article
    head: dict[str, Any] = {"id": article.id, "title": article.title}
    if article.title_note:
        head["title_note"] = article.title_note
    if article.publisher:
        head["publisher"] = article.publisher
    head["language"] = article.language
    if article.date:
        head["date"] = article.date
    if article.url:
        head["url"] = article.url
    head["text_file"] = text_file_name
    body = {
        "article": head,
        "entities": [_entity(e) for e in annotated.entities],
        "claims": [_claim(c) for c in annotated.claims],
    }
    return HEADER + "\n" + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def _people(ids: tuple[str, ...], entities: dict[str, Entity]) -> list[dict[str, Any]]:
    out = []
    for ident in sorted(set(ids)):
        entity = entities.get(ident)
        out.append({"id": entity_iri(ident), "name": entity.name if entity else ident,
                    "type": entity.type if entity else None})
    return sorted(out, key=lambda p: p["name"].casefold())


def _json_figure(claim_node: str, figure: Figure) -> dict[str, Any]:
    return {
        "id": f"{claim_node}#{figure.id}",
        "value": figure.value,
        "unit": figure.currency or figure.unit,
        "is_money": figure.currency is not None,
        "qualifier": figure.qualifier,
        "quantity": figure.quantity,
        "text": figure.span.text,
        "start": figure.span.start,
        "end": figure.span.end,
        "about": entity_iri(figure.about) if figure.about else None,
    }


def to_json(annotated: AnnotatedArticle) -> dict[str, Any]:
    """Article metadata, entities and claims as plain data (``kg claims --format json``
    fields for the claims). Usage: ``json.dumps(to_json(annotated), ensure_ascii=False)``."""
    article = annotated.article
    entities = {e.id: e for e in annotated.entities}
    source = {"id": article_iri(article.id), "title": article.title}
    claims = []
    for claim in annotated.claims:
        node = claim_iri(article.id, claim.id)
        claims.append({
            "id": node,
            "claim_id": claim.id,
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "source": source,
            "claimants": _people(claim.claimants, entities),
            "reported_by": _people(claim.reported_by, entities),
            "kind": claim.kind,
            "category": claim.category,
            "checkable": CATEGORIES[claim.category][0],
            "status": claim.status.status,
            "status_reason": claim.status.reason,
            "summary": claim.summary,
            "figures": [_json_figure(node, f) for f in claim.figures],
            "about": sorted({entities[a].name if a in entities else a for a in claim.about},
                            key=str.casefold),
            "reviews": [],
            "disputes": sorted(claim_iri(article.id, d) for d in claim.disputes),
            "supports": sorted(claim_iri(article.id, s) for s in claim.supports),
            "attribution": _attribution_json(claim.attribution),
        })
    return {
        "article": {
            "id": article.id, "iri": article_iri(article.id), "title": article.title,
            "title_note": article.title_note, "language": article.language,
            "publisher": article.publisher, "date": article.date, "url": article.url,
        },
        "entities": [_entity(e) for e in annotated.entities],
        "claims": claims,
    }
