"""Import ClaimReview JSON-LD from any fact-checker: claims, claimants and reviews.

Every file is read and checked before the store is touched. The reviewed claims become the
same model as curated annotations (:class:`kg.model.AnnotatedArticle`), ingested with
:func:`kg.ingest.ingest_articles`; the reviews are then added with :func:`kg.reviews.add_review`,
which keeps the fact-checker's own label next to the normalised verdict. Usage::

    from kg.claimreview.importer import import_claimreviews
    with open_store() as store:
        summary = import_claimreviews(store, ["politifact.json", "page.html"])

How claims are matched and built (see docs/CLAIMREVIEW.md):

- A ClaimReview whose ``itemReviewed`` ``@id`` is a claim already in the store, with the same
  text, is attached to it; so is one whose source already holds a claim with the same text.
- Otherwise claims are grouped by source (``firstAppearance``, else ``appearance``, else the
  ClaimReview's ``url``): one synthetic article per source, whose id is kg's own article id
  when the source is a kg article IRI, else a slug of the URL. Its text is the reviewed claims
  of that source, one per paragraph (joined by a blank line), so each claim's offsets cover
  exactly its words. Importing more claims of a source already imported appends them.
- A claim with an ``author`` is ``reported-speech`` by that claimant; one without is the
  source's own ``assertion`` (by the source's author or publisher, else an unnamed group).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kg.claimreview.reader import Agent, ClaimReviewRecord, Source, is_url, read_claimreviews
from kg.errors import UsageError
from kg.model import AnnotatedArticle, Article, Claim, Entity, Status
from kg.store import Store
from kg.vocab import (
    CATEGORY,
    DATA_BASE,
    KIND,
    PREFIXES,
    SCHEMA,
    STATUS,
    VERDICTS,
    article_iri,
    claim_iri,
    graph_iri,
)

#: The title note that marks an article built by ``kg import`` (and so safe to extend).
IMPORT_NOTE = ("Synthetic text built by kg import from schema.org ClaimReview: the claims "
               "reviewed at this source, one per paragraph.")
SEPARATOR = "\n\n"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
_CLASS_TYPES = (
    (str(SCHEMA.Person), "person"),
    (str(SCHEMA.Organization), "organization"),
    (PREFIXES["kg"] + "UnnamedGroup", "group"),
    (str(SCHEMA.Product), "product"),
    (str(SCHEMA.Place), "place"),
    (str(SCHEMA.Event), "event"),
    (str(SCHEMA.Thing), "thing"),
)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    files: tuple[str, ...]
    reviews_added: int
    duplicates_skipped: int
    claims_created: int
    claims_matched: int
    articles: tuple[str, ...]


@dataclass
class _Plan:
    """One article to ingest: an existing imported article extended, or a new one."""

    article_id: str
    base: AnnotatedArticle | None
    source: Source
    records: list[ClaimReviewRecord] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    from kg.reviews import slug

    value = slug(text)
    return "" if value == "reviewer" and "reviewer" not in text.lower() else value


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def source_article_id(key: str | None) -> str:
    """The article id for a source: kg's own id for a kg article IRI, else a URL slug.

    Usage: ``source_article_id("https://www.example.org/news/a.html")`` →
    ``"example-org-news-a-html"``.
    """
    if key is None:
        return "claimreview-unsourced"
    prefix = f"{DATA_BASE}article/"
    if key.startswith(prefix) and ID_RE.match(key[len(prefix):]):
        return key[len(prefix):]
    parts = urlsplit(key)
    host = parts.netloc.lower().split("@")[-1].removeprefix("www.")
    base = _slug(" ".join(p for p in (host, parts.path, parts.query) if p)) or "source"
    if len(base) > 60:
        base = f"{base[:51].rstrip('-')}-{_short_hash(key)}"
    return base


class _Importer:
    """Plans an import against the store's current content, then writes it."""

    def __init__(self, store: Store) -> None:
        from kg.listing import list_entities

        self.store = store
        self.plans: dict[str, _Plan] = {}
        self.targets: list[tuple[int, ClaimReviewRecord, str | tuple[str, str]]] = []
        self.index: dict[int, int] = {}
        self._states: dict[str, tuple[bool, bool, dict[str, str]]] = {}
        self.known = {e["id"].removeprefix(f"{DATA_BASE}entity/"): e for e in list_entities(store)
                      if e["id"].startswith(f"{DATA_BASE}entity/")}

    # -- the store as it is ------------------------------------------------------------------

    def _select(self, body: str) -> list[dict]:
        return self.store.select(f"{_PREFIX_LINES}\n{body}")

    def _state(self, article_id: str) -> tuple[bool, bool, dict[str, str]]:
        """(exists, imported by kg import, claim text → claim IRI) of an article id."""
        if article_id not in self._states:
            g, a = graph_iri(article_id), article_iri(article_id)
            rows = self._select(f"""SELECT ?note WHERE {{ GRAPH <{g}> {{
  <{a}> a schema:NewsArticle . OPTIONAL {{ <{a}> kg:titleNote ?note }} }} }}""")
            imported = any(r.get("note", {}).get("value") == IMPORT_NOTE for r in rows)
            rows_texts = self._select(
                f"SELECT ?c ?t WHERE {{ GRAPH <{g}> {{ <{a}> kg:claim ?c . ?c schema:text ?t }} }}")
            texts = {" ".join(r["t"]["value"].split()): r["c"]["value"] for r in rows_texts}
            self._states[article_id] = (bool(rows), imported, texts)
        return self._states[article_id]

    def _existing_claim(self, iri: str | None, text: str) -> str | None:
        if not iri or not iri.startswith(f"{DATA_BASE}claim/") or not is_url(iri):
            return None
        rows = self._select(f"SELECT ?t WHERE {{ <{iri}> a schema:Claim ; schema:text ?t }}")
        return iri if any(" ".join(r["t"]["value"].split()) == text for r in rows) else None

    def _load_imported(self, article_id: str) -> AnnotatedArticle:
        """Rebuild an article that ``kg import`` made, to extend it without losing anything."""
        g, a = graph_iri(article_id), article_iri(article_id)
        row = self._select(f"""SELECT ?title ?lang ?body ?publisher ?date ?url WHERE {{
GRAPH <{g}> {{
  <{a}> schema:headline ?title ; schema:inLanguage ?lang ; schema:articleBody ?body .
  OPTIONAL {{ <{a}> schema:publisher ?publisher }} OPTIONAL {{ <{a}> schema:datePublished ?date }}
  OPTIONAL {{ <{a}> schema:url ?url }} }} }}""")[0]

        def value(r: dict, key: str) -> str | None:
            return r[key]["value"] if key in r else None

        publisher = value(row, "publisher")
        article = Article(
            id=article_id, title=row["title"]["value"], language=row["lang"]["value"],
            text=row["body"]["value"],
            publisher=publisher.removeprefix(f"{DATA_BASE}entity/") if publisher else None,
            date=value(row, "date"), url=value(row, "url"), title_note=IMPORT_NOTE)
        found: dict[str, dict] = {}
        for r in self._select(f"""SELECT ?e ?name ?type ?alias ?wd ?desc WHERE {{ GRAPH <{g}> {{
  ?e schema:name ?name ; a ?type . OPTIONAL {{ ?e schema:alternateName ?alias }}
  OPTIONAL {{ ?e owl:sameAs ?wd }} OPTIONAL {{ ?e schema:description ?desc }} }} }}"""):
            entry = found.setdefault(r["e"]["value"], {"name": r["name"]["value"], "types": set(),
                                                        "aliases": set(), "wd": None, "desc": None})
            entry["types"].add(r["type"]["value"])
            if "alias" in r:
                entry["aliases"].add(r["alias"]["value"])
            entry["wd"] = entry["wd"] or (value(r, "wd") or "").rsplit("/", 1)[-1] or None
            entry["desc"] = entry["desc"] or value(r, "desc")
        entities = []
        for iri, e in sorted(found.items()):
            kind = next((t for cls, t in _CLASS_TYPES if cls in e["types"]), None)
            if kind is None or not iri.startswith(f"{DATA_BASE}entity/"):
                continue
            entities.append(Entity(id=iri.removeprefix(f"{DATA_BASE}entity/"), name=e["name"],
                                   type=kind, aliases=tuple(sorted(e["aliases"])),
                                   wikidata=e["wd"], description=e["desc"]))
        links: dict[str, dict[str, list[str]]] = {}
        for r in self._select(f"""SELECT ?c ?rel ?e WHERE {{ GRAPH <{g}> {{ <{a}> kg:claim ?c .
  VALUES ?rel {{ schema:author kg:reportedBy schema:about }} ?c ?rel ?e }} }}"""):
            rel = r["rel"]["value"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            links.setdefault(r["c"]["value"], {}).setdefault(rel, []).append(
                r["e"]["value"].removeprefix(f"{DATA_BASE}entity/"))
        claims = []
        for r in self._select(f"""SELECT ?c ?id ?text ?kind ?category ?start ?end ?status ?reason
WHERE {{ GRAPH <{g}> {{ <{a}> kg:claim ?c . ?c dct:identifier ?id ; schema:text ?text ;
  kg:kind ?kind ; kg:category ?category ; kg:statusAssessment ?sa ;
  prov:qualifiedAttribution/oa:hasTarget/oa:hasSelector ?pos .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?sa kg:sequence ?seq ; kg:status ?status ; kg:reason ?reason FILTER(?seq = 0) }} }}"""):
            rel = links.get(r["c"]["value"], {})
            claims.append(Claim(
                id=r["id"]["value"], text=r["text"]["value"], start=int(r["start"]["value"]),
                end=int(r["end"]["value"]), kind=r["kind"]["value"].removeprefix(str(KIND)),
                category=r["category"]["value"].removeprefix(str(CATEGORY)),
                claimants=tuple(sorted(rel.get("author", []))),
                reported_by=tuple(sorted(rel.get("reportedBy", []))),
                about=tuple(sorted(rel.get("about", []))),
                status=Status(r["status"]["value"].removeprefix(str(STATUS)),
                              r["reason"]["value"])))
        claims.sort(key=lambda c: (c.start, c.id))
        return AnnotatedArticle(article, entities, claims, origin=article_iri(article_id))

    # -- planning ----------------------------------------------------------------------------

    def add(self, index: int, record: ClaimReviewRecord) -> None:
        """Decide where a record's review goes: an existing claim or a claim to create.

        ``index`` is the record's position among every file's records (their order).
        """
        self.index[id(record)] = index
        text = record.claim_text
        existing = self._existing_claim(record.claim_iri, text)
        if existing:
            self.targets.append((index, record, existing))
            return
        key = record.source.key
        article_id = source_article_id(key)
        exists, imported, texts = self._state(article_id)
        if exists and not imported and text not in texts:
            article_id = f"{article_id}-{_short_hash(key or '')}"
            exists, imported, texts = self._state(article_id)
            if exists and not imported and text not in texts:
                raise UsageError(f"{record.where}: article id '{article_id}' is taken by an "
                                 "article that was not imported")
        if text in texts:
            self.targets.append((index, record, texts[text]))
            return
        plan = self.plans.get(article_id)
        if plan is None:
            base = self._load_imported(article_id) if exists else None
            plan = self.plans[article_id] = _Plan(article_id, base, record.source)
        plan.records.append(record)
        if text not in plan.texts:
            plan.texts.append(text)
        self.targets.append((index, record, (article_id, text)))

    def _entity(self, agent: Agent, entities: dict[str, Entity]) -> str:
        """The entity id for an agent: kg's own id, a known Wikidata item or name, else a slug."""
        prefix = f"{DATA_BASE}entity/"
        eid = None
        if agent.iri and agent.iri.startswith(prefix) and ID_RE.match(agent.iri[len(prefix):]):
            eid = agent.iri[len(prefix):]
        if eid is None and agent.wikidata:
            eid = next((k for k, e in sorted(self.known.items())
                        if e["wikidata"] == agent.wikidata), None)
        if eid is None:
            needle = agent.name.casefold()
            same = sorted(k for k, e in self.known.items()
                          if needle in {n.casefold() for n in [e["name"], *e["aliases"]]})
            eid = same[0] if len(same) == 1 else None
        eid = eid or _slug(agent.name) or f"entity-{_short_hash(agent.name)}"
        if eid not in entities:
            entities[eid] = self._described(eid, agent)
        return eid

    def _described(self, eid: str, agent: Agent) -> Entity:
        known = self.known.get(eid)
        if known and known["type"]:
            aliases = () if agent.name == known["name"] else (agent.name,)
            return Entity(eid, known["name"], known["type"], aliases=aliases,
                          wikidata=known["wikidata"] or agent.wikidata)
        return Entity(eid, agent.name, agent.type, wikidata=agent.wikidata)

    def _build(self, plan: _Plan) -> tuple[AnnotatedArticle, dict[str, str]]:
        """The article of a plan, with its claims; returns it and claim text → claim IRI."""
        base = plan.base
        source = plan.source
        entities: dict[str, Entity] = {e.id: e for e in base.entities} if base else {}
        claims: list[Claim] = list(base.claims) if base else []
        text = base.article.text if base else ""
        first = plan.records[0]
        if base:
            article = base.article
        else:
            publisher = (self._entity(source.publisher, entities) if source.publisher else None)
            dates = sorted(r.claim_date for r in plan.records if r.claim_date)
            where = source.url or source.iri
            article = Article(
                id=plan.article_id,
                title=source.headline or (f"Claims reviewed at {where}" if where else
                                          "Claims reviewed without a known source"),
                language=source.language or first.language or "und",
                text="",
                publisher=publisher,
                date=source.date or (dates[0] if dates else None),
                url=source.url if is_url(source.url) else None,
                title_note=IMPORT_NOTE,
            )
        taken = {c.id for c in claims}
        wanted: dict[str, str] = {}
        prefix = f"{claim_iri(plan.article_id, '')}"
        for record in plan.records:
            iri = record.claim_iri or ""
            cid = iri[len(prefix):] if iri.startswith(prefix) else ""
            if (ID_RE.match(cid) and cid not in taken and record.claim_text not in wanted
                    and cid not in wanted.values()):
                wanted[record.claim_text] = cid
        taken |= set(wanted.values())
        number = 0
        for claim_text in plan.texts:
            if claim_text not in wanted:
                number += 1
                while f"c{number:02d}" in taken:
                    number += 1
                wanted[claim_text] = f"c{number:02d}"
                taken.add(wanted[claim_text])
        iris = {}
        for claim_text in plan.texts:
            records = [r for r in plan.records if r.claim_text == claim_text]
            claimants: list[str] = []
            for record in records:
                for agent in record.claimants:
                    eid = self._entity(agent, entities)
                    if eid not in claimants:
                        claimants.append(eid)
            kind = "reported-speech"
            if not claimants:
                kind = "assertion"
                speaker = source.author or source.publisher
                if speaker:
                    claimants.append(self._entity(speaker, entities))
                else:
                    eid = f"author-of-{plan.article_id}"[:80].rstrip("-")
                    entities.setdefault(eid, Entity(
                        eid, f"author of {source.url or source.iri or 'an unknown source'}",
                        "group", description="The unnamed author of a source that a "
                        "ClaimReview quotes."))
                    claimants.append(eid)
            latest = max(records, key=lambda r: _review_order(self.index[id(r)], r))
            verdict = latest.rating.verdict
            reason = (f"Rated '{latest.label}' by {latest.reviewer.name} (normalised: "
                      f"{verdict}, {latest.rating.basis}); imported from ClaimReview.")
            start = len(text) + (len(SEPARATOR) if text else 0)
            text = f"{text}{SEPARATOR if text else ''}{claim_text}"
            cid = wanted[claim_text]
            claims.append(Claim(
                id=cid, text=claim_text, start=start, end=start + len(claim_text), kind=kind,
                category="fact", claimants=tuple(claimants), reported_by=(),
                status=Status(VERDICTS[verdict][0], reason)))
            iris[claim_text] = claim_iri(plan.article_id, cid)
        article = Article(**{**article.__dict__, "text": text})
        annotated = AnnotatedArticle(article, sorted(entities.values(), key=lambda e: e.id),
                                     claims, origin=f"{first.where.split(': ClaimReview')[0]}")
        return annotated, iris

    # -- writing -----------------------------------------------------------------------------

    def write(self, files: Sequence[str]) -> ImportSummary:
        from kg.ingest import ingest_articles
        from kg.reviews import add_review, list_reviews

        built = [self._build(plan) for plan in self.plans.values()]
        created: dict[tuple[str, str], str] = {}
        for (annotated, iris) in built:
            for claim_text, iri in iris.items():
                created[(annotated.article.id, claim_text)] = iri
        if built:
            ingest_articles(self.store, [annotated for annotated, _ in built])
        added = skipped = 0
        seen: dict[str, set[tuple]] = {}
        matched = set()
        ordered = sorted(self.targets, key=lambda t: _review_order(t[0], t[1]))
        for _, record, target in ordered:
            claim = created[target] if isinstance(target, tuple) else target
            if not isinstance(target, tuple):
                matched.add(claim)
            if claim not in seen:
                seen[claim] = {_review_key(r["reviewer"], r["date"], r["rating"], r["verdict"],
                                           r["evidence"], r["note"])
                               for r in list_reviews(self.store, claim) if r["kind"] == "review"}
            evidence = _evidence(record)
            date = record.date or dt.date.today().isoformat()
            key = _review_key(record.reviewer.name, date, record.label, record.rating.verdict,
                              evidence, record.note)
            if key in seen[claim]:
                skipped += 1
                continue
            add_review(self.store, claim, record.rating.verdict, record.reviewer.name,
                       evidence, record.note, date, rating_label=record.label)
            seen[claim].add(key)
            added += 1
        return ImportSummary(
            files=tuple(files), reviews_added=added, duplicates_skipped=skipped,
            claims_created=len(created), claims_matched=len(matched),
            articles=tuple(sorted(self.plans)))


def _review_order(index: int, record: ClaimReviewRecord) -> tuple:
    """Reviews are added oldest first (undated last, in file order): the latest sets the
    claim's current status."""
    return (record.date is None, record.date or "", index)


def _review_key(reviewer: str, date: str | None, label: str | None, verdict: str | None,
                evidence: Sequence[str], note: str | None) -> tuple:
    return (reviewer.strip(), date, label, verdict, tuple(sorted(set(evidence))), note)


def _evidence(record: ClaimReviewRecord) -> list[str]:
    """The review's citations, and its own page unless that is a kg IRI (kg's own export)."""
    urls = set(record.citations)
    if record.url and is_url(record.url) and not record.url.startswith(DATA_BASE):
        urls.add(record.url)
    return sorted(urls)


def import_claimreviews(store: Store, paths: Sequence[str | Path]) -> ImportSummary:
    """Read every file, check it, then add its claims and reviews; nothing is written when a
    file is bad. Re-importing the same reviews adds nothing. Usage: see the module docstring.
    """
    if not paths:
        raise UsageError("give at least one ClaimReview file (JSON-LD or HTML)")
    records = [record for path in paths for record in read_claimreviews(path)]
    importer = _Importer(store)
    for index, record in enumerate(records):
        importer.add(index, record)
    return importer.write([str(p) for p in paths])
