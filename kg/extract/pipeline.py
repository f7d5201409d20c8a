"""Automatic extraction: article text in, :class:`kg.model.AnnotatedArticle` out.

The result has the same shape as a curated annotation (entities with roles, claims with
kind, claimants, reporters, figures and status), so it can be saved with
:func:`kg.extract.serialize.to_yaml`, reviewed, and ingested like one. Deterministic: the
same text and options give the same output. Usage::

    from kg.extract.pipeline import extract_article
    annotated = extract_article(text, title="Le monde de l’IA américain …", date="2025-01")
    [(c.id, c.kind, c.claimants) for c in annotated.claims]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kg.errors import UsageError
from kg.extract.claim_figures import ArticleFigure, article_figures, attach
from kg.extract.claims import find_claims
from kg.extract.content import Content
from kg.extract.entities import EntityTable, find_entities
from kg.extract.language import readable_text, resolve_language
from kg.extract.morphology import Morphology
from kg.extract.nlp import parse_many
from kg.extract.packs import pack
from kg.extract.segments import paragraphs, sentences, slugify
from kg.extract.statements import REDACTION, UNKNOWN, Draft, combine, find_statements
from kg.extract.status import Assessor, category
from kg.model import AnnotatedArticle, Article, AttributionCue, Claim, Entity, Figure, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TITLE_CHARS = 70
_ARTICLE_KEYS = ("text", "lang", "title", "publisher", "date", "url", "article_id")


def extract_article(text: str | bytes, lang: str = "auto", title: str | None = None,
                    publisher: str | None = None, date: str | None = None,
                    url: str | None = None, article_id: str | None = None) -> AnnotatedArticle:
    """Extract entities and claims from one article. Usage: see the module docstring."""
    return extract_many([{"text": text, "lang": lang, "title": title, "publisher": publisher,
                          "date": date, "url": url, "article_id": article_id}])[0]


def extract_many(items: Iterable[str | bytes | Mapping[str, Any]], lang: str = "auto",
                 jobs: int = 1) -> list[AnnotatedArticle]:
    """Extract many articles; French ones are parsed together with ``nlp.pipe``.

    Each item is a text or a mapping with ``text`` and optionally ``lang``, ``title``,
    ``publisher``, ``date``, ``url``, ``article_id`` (the arguments of
    :func:`extract_article`). Usage: ``extract_many([text1, text2], jobs=2)``.
    """
    prepared = [_prepare(item, lang, index) for index, item in enumerate(items)]
    docs: dict[int, Doc] = {}
    for language in ("fr", "en"):
        indexes = [i for i, p in enumerate(prepared) if p["lang"] == language]
        if indexes:
            parsed = parse_many([prepared[i]["text"] for i in indexes], language, jobs)
            docs.update(zip(indexes, parsed, strict=True))
    return [_extract(p, docs[i]) for i, p in enumerate(prepared)]


def _prepare(item: str | bytes | Mapping[str, Any], lang: str, index: int) -> dict[str, Any]:
    options: dict[str, Any] = dict(item) if isinstance(item, Mapping) else {"text": item}
    unknown = set(options) - set(_ARTICLE_KEYS)
    if unknown:
        raise UsageError(f"unknown article field(s): {', '.join(sorted(unknown))}")
    name = f"article {index + 1}" if index else "the text"
    text = readable_text(options.get("text") or "", name)
    options["text"] = text
    options["lang"] = resolve_language(text, options.get("lang") or lang, name)
    date = options.get("date")
    if date is not None and not DATE_RE.match(str(date)):
        raise UsageError(f"'{date}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    url = options.get("url")
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise UsageError(f"'{url}' is not an http(s) URL")
    article_id = options.get("article_id")
    if article_id is not None and not re.match(r"^[a-z0-9][a-z0-9-]*$", article_id):
        raise UsageError(f"'{article_id}' is not an article id (lower-case letters, digits, '-')")
    return options


def default_title(text: str) -> tuple[str, str | None]:
    """A headline for the article and a note when it had to be made up from the text."""
    title, note = _opening_words(text)
    if not title.strip():
        return "Article " + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], (
            "The article text has no headline nor words to make one of.")
    return title, note


def _opening_words(text: str) -> tuple[str, str | None]:
    spans = paragraphs(text)
    first = text[spans[0][0]:spans[0][1]]
    if len(spans) > 1 and first[-1] not in ".!?…»”\"" and len(first.split()) <= 20:
        return first, None
    sentence = sentences(text, *spans[0])[0]
    words = text[sentence[0]:sentence[1]].rstrip(".!?…")
    if len(words) > TITLE_CHARS:
        words = words[:TITLE_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return words, ("The article text has no headline; this title is the opening words of its "
                   "first sentence.")


def default_article_id(text: str, title: str | None) -> str:
    """Slug of the title, else "article-" and 12 hex digits of the text's SHA-256."""
    if title:
        slug = slugify(title)
        if len(slug) > 60:
            slug = slug[:61].rsplit("-", 1)[0]
        return slug
    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _extract(options: dict[str, Any], doc: Doc) -> AnnotatedArticle:
    text, lang = options["text"], options["lang"]
    title, note = (options["title"], None) if options.get("title") else default_title(text)
    article_id = options.get("article_id") or default_article_id(
        text, options.get("title"))
    table = find_entities(text, doc, lang)
    language = pack(lang)
    parsed = find_statements(doc, language, table)
    drafts = _unique(parsed if language.statements == "parse" else combine(
        find_claims(text, lang, table, Morphology(text, doc, lang)), parsed))
    ids = [f"c{i + 1:0{max(2, len(str(len(drafts))))}d}" for i in range(len(drafts))]
    figures = attach(article_figures(text, lang), [(d.start, d.end) for d in drafts])
    publisher = _publisher(table, options.get("publisher"))
    names = {ident: record.name for ident, record in table.records.items()}
    names[REDACTION] = pack(lang).newsroom
    names[UNKNOWN] = pack(lang).unknown_source
    categories = [category(d, text, lang, bool(figures.get(i))) for i, d in enumerate(drafts)]
    relations = Assessor(text, lang, drafts, figures, ids, names, categories).run()
    newsroom = redaction_id(article_id)
    unknown = f"{UNKNOWN}-{article_id}"
    own = {REDACTION: newsroom, UNKNOWN: unknown}
    claims = []
    content = Content(doc, table, language.lemma_units)
    for i, draft in enumerate(drafts):
        claimants = tuple(own.get(c, c) for c in draft.claimants)
        about = tuple(dict.fromkeys(m.entity_id for m in table.mentions_in(draft.start,
                                                                            draft.end)))
        claim_figures = tuple(_figure(n, f, content, (draft.start, draft.end))
                              for n, f in enumerate(figures.get(i, []), start=1))
        statements = content.statements(draft.start, draft.end, {
            f.id: (f.span.start, f.span.end) for f in claim_figures})
        claims.append(Claim(
            id=ids[i], text=text[draft.start:draft.end], start=draft.start, end=draft.end,
            kind=draft.kind, category=categories[i], claimants=claimants,
            reported_by=draft.reported_by, status=relations[i].status, about=about,
            figures=claim_figures, statements=statements,
            disputes=tuple(ids[j] for j in sorted(relations[i].disputes)),
            supports=tuple(ids[j] for j in sorted(relations[i].supports)),
            attribution=_attribution(draft, text),
        ))
    used = {e for c in claims for e in (*c.claimants, *c.reported_by, *c.about,
                                        *(f.about for f in c.figures if f.about),
                                        *(s.subject for s in c.statements),
                                        *(s.object_entity for s in c.statements
                                          if s.object_entity))}
    if publisher:
        used.add(publisher)
    entities = _own_voices(lang, newsroom, unknown, used) + table.entities(
        used - {newsroom, unknown})
    article = Article(id=article_id, title=title, language=lang, text=text,
                      publisher=publisher, date=str(options["date"]) if options.get("date")
                      else None, url=options.get("url"), title_note=note)
    return AnnotatedArticle(article=article, entities=entities, claims=claims,
                            origin=f"extracted:{article_id}")


#: Confidence of a claim left to the article's own voice (no cue was found for it), and of
#: an attribution by the older surface rules, which do not grade their patterns.
OWN_VOICE_CONFIDENCE = 0.5
RULES_CONFIDENCE = 0.6


def _attribution(draft: Draft, text: str) -> AttributionCue:
    """The cue, its class and the confidence of a draft's attribution."""
    if draft.kind == "assertion":
        return AttributionCue(confidence=OWN_VOICE_CONFIDENCE)
    cue = Span(draft.cue[0], draft.cue[1], text[draft.cue[0]:draft.cue[1]]) if draft.cue \
        and text[draft.cue[0]:draft.cue[1]].strip() else None
    confidence = RULES_CONFIDENCE if draft.confidence is None else draft.confidence
    return AttributionCue(confidence=confidence, cue=cue, cue_class=draft.cue_class)


def _unique(drafts: list[Draft]) -> list[Draft]:
    seen: set[tuple[int, int]] = set()
    out = []
    for draft in sorted(drafts, key=lambda d: (d.start, d.end)):
        if (draft.start, draft.end) in seen or draft.end - draft.start < 3:
            continue
        seen.add((draft.start, draft.end))
        out.append(draft)
    return out


def _figure(index: int, figure: ArticleFigure, content: Content,
            claim: tuple[int, int]) -> Figure:
    unit = None if figure.currency else figure.unit
    end, text = figure.end, figure.text
    counted = content.counted_noun(figure.start, figure.end) if unit == "number" and \
        content.lemma_units else None
    if counted is not None:  # "640 buses": unit bus (an English lemma is a unit name)
        end, unit = counted
        text = content.doc.text[figure.start:end]
    quantity, about = content.figure(figure.start, end, unit, claim)
    return Figure(id=f"f{index}", value=figure.value,
                  span=Span(figure.start, end, text),
                  unit=unit, currency=figure.currency, qualifier=figure.qualifier,
                  quantity=quantity, about=about)


def _publisher(table: EntityTable, publisher: str | None) -> str | None:
    if not publisher:
        return None
    known = table.lookup(publisher)
    if known is not None:
        return known
    return table.add(publisher, "organization", len(table.text))


def redaction_id(article_id: str) -> str:
    """Id of the article's own voice: one per article, since entity ids are global."""
    return f"redaction-{article_id}"


def _own_voices(lang: str, newsroom: str, unknown: str, used: set[str]) -> list[Entity]:
    """The article's own voice and its unidentified source, when claims use them."""
    out = []
    if newsroom in used:
        out.append(Entity(id=newsroom, name=pack(lang).newsroom, type="group",
                          description="The unnamed author(s) of the article; claimant of "
                                      "the article's own assertions."))
    if unknown in used:
        out.append(Entity(id=unknown, name=pack(lang).unknown_source, type="group",
                          description="Whoever said what the article quotes or reports "
                                      "without naming a source (kept for review)."))
    return out
