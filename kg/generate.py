"""A deterministic corpus generator: realistic articles, speakers, figures and disputes.

Every article is an ``AnnotatedArticle`` (the one model) built from a seeded random source,
so the same seed and size give the same articles, quads and N-Quads bytes. Articles are
independent (each has its own seeded random source), which lets several processes
generate a large corpus in parallel and in order. People, organisations and topics come
from shared pools that grow with the corpus, and are drawn with a heavy tail (a few are named
very often, most rarely), as in real news: a person speaks in many articles, and queries
have small, large and very large answers. Usage::

    from kg.generate import generate_articles, write_nquads
    articles = list(generate_articles(claims=1_000, seed=7))
    write_nquads("corpus.nq", claims=100_000, seed=7, workers=2)
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import AnnotatedArticle, Article, Claim, Entity, Figure, Role, Span, Statement, Status

CLAIMS_PER_ARTICLE = 20

_FIRST = ("Anna", "Ben", "Chloé", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
          "Karim", "Lea", "Marc", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Samir", "Tina",
          "Ugo", "Vera", "Walid", "Xenia", "Yann", "Zoé", "Amir", "Bianca", "Carlos", "Dana",
          "Emil", "Fatou", "Gianni", "Hanna", "Ivan", "Julia", "Kenji", "Lucia", "Mehdi", "Nora")
_LAST = ("Martin", "Bernard", "Okafor", "Nguyen", "Schmidt", "Rossi", "Kowalski", "Haddad",
         "Silva", "Dubois", "Moreau", "Laurent", "Fischer", "Tanaka", "Petrov", "Garcia",
         "Lambert", "Roux", "Fontaine", "Chevalier", "Mercier", "Blanc", "Girard", "Bonnet",
         "Dupont", "Leroy", "Meyer", "Klein", "Novak", "Jensen", "Costa", "Ferrari", "Ahmed",
         "Kim", "Chen", "Singh", "Olsen", "Weber", "Marchand", "Renard")
_ORG_STEMS = ("Norvex", "Altura", "Kestrel", "Brightline", "Ovaro", "Quantis", "Meridia",
              "Solvane", "Tecnor", "Vireo", "Helion", "Caspia", "Lumora", "Drakon", "Ferrox")
_ORG_KINDS = ("Analytics", "Capital", "Systems", "Research", "Group", "Energy", "Labs",
              "Partners", "Institute", "Networks")
_ROLES = ("chief economist", "principal analyst", "chief executive", "research director",
          "spokesperson", "senior fellow", "head of policy", "founder")
_TOPIC_STEMS = ("Orion", "Atlas", "Nimbus", "Vega", "Polaris", "Helix", "Aurora", "Zephyr",
                "Titan", "Cobalt", "Lyra", "Quasar")
_TOPIC_KINDS = ("chip", "model", "data centre", "pipeline", "satellite", "vaccine", "reactor",
                "platform")
_PUBLISHERS = ("The Daily Ledger", "Le Courrier du Soir", "Tech Review Weekly",
               "Mobile World Live", "La Gazette Économique", "Global Wire")
_VERBS = ("cost", "required", "raised", "employs", "reached", "will need", "consumed", "sold")
_UNITS = ("processor", "employee", "user", "megawatt", "tonne", "vehicle", "percent")
_QUALIFIERS = ("exactly", "about", "nearly", "up-to", "at-least", "more-than", "only")
_QUALIFIER_WORDS = {"exactly": "", "about": "about ", "nearly": "nearly ", "up-to": "up to ",
                    "at-least": "at least ", "more-than": "more than ", "only": "only "}
_OPINIONS = ("the strategy is a serious mistake", "the market has underestimated the risk",
             "the result is impressive", "regulators are moving too slowly",
             "the announcement changes nothing for consumers")
_PREDICTIONS = ("prices will fall within two years", "the project will be delayed",
                "competitors will copy the approach", "demand will double by the decade's end")


@dataclass(frozen=True)
class Pools:
    """The shared people, organisations and topics of a corpus of a given size."""

    people: int
    orgs: int
    topics: int


def pools_for(claims: int) -> Pools:
    """Pool sizes that grow with the corpus: one person and one topic for every 20 claims,
    one organisation for every 200 (how often each is drawn is :func:`ranked`'s tail)."""
    return Pools(people=max(40, claims // 20), orgs=max(15, claims // 200),
                 topics=max(12, claims // 20))


HEAD_OFFSET = 10


def ranked(rng: random.Random, size: int) -> int:
    """A pool index drawn with a heavy tail: index ``r`` comes with probability about
    proportional to ``1 / (r + HEAD_OFFSET)`` (a Zipf–Mandelbrot law), so index 0 is the most
    named (about 1 % of draws in a pool of 50 000), the first hundred take over a quarter, and most
    are rare. Usage: ``topic = ranked(rng, pools.topics)``."""
    span = (size + HEAD_OFFSET) / HEAD_OFFSET
    return min(size - 1, int(HEAD_OFFSET * span ** rng.random()) - HEAD_OFFSET)


def ranked_share(rank: int, size: int) -> float:
    """The share of draws that :func:`ranked` gives to index ``rank`` in a pool of ``size``."""
    return math.log((rank + 1 + HEAD_OFFSET) / (rank + HEAD_OFFSET)) / math.log(
        (size + HEAD_OFFSET) / HEAD_OFFSET)


def person_name(index: int) -> str:
    """The name of pool person ``index`` (unique for every index below 1.1 million)."""
    first = _FIRST[index % len(_FIRST)]
    last = _LAST[(index // len(_FIRST)) % len(_LAST)]
    round_ = index // (len(_FIRST) * len(_LAST))
    if round_ == 0:
        return f"{first} {last}"
    initials = f"{chr(65 + (round_ - 1) % 26)}."
    if round_ > 26:
        initials = f"{chr(65 + ((round_ - 1) // 26 - 1) % 26)}. {initials}"
    return f"{first} {initials} {last}"


def org_name(index: int) -> str:
    """The name of pool organisation ``index``."""
    stem = _ORG_STEMS[index % len(_ORG_STEMS)]
    kind = _ORG_KINDS[(index // len(_ORG_STEMS)) % len(_ORG_KINDS)]
    round_ = index // (len(_ORG_STEMS) * len(_ORG_KINDS))
    return f"{stem} {kind}" if round_ == 0 else f"{stem} {kind} {round_ + 1}"


def topic_name(index: int) -> str:
    """The name of pool topic ``index`` (a product)."""
    stem = _TOPIC_STEMS[index % len(_TOPIC_STEMS)]
    kind = _TOPIC_KINDS[(index // len(_TOPIC_STEMS)) % len(_TOPIC_KINDS)]
    return f"{stem} {kind} {index // (len(_TOPIC_STEMS) * len(_TOPIC_KINDS)) + 1}"


class _Text:
    """An article body being written, with the spans of what was written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> Span:
        span = Span(self.length, self.length + len(text), text)
        self.parts.append(text)
        self.length += len(text)
        return span

    def value(self) -> str:
        return "".join(self.parts)


def _amount(rng: random.Random) -> tuple[float | int, str | None, str | None, str]:
    """A figure: value, unit, currency and the words that state it."""
    if rng.random() < 0.5:
        millions = rng.choice((1.5, 2.4, 5.6, 12, 30.8, 250, 500))
        scale = rng.choice((1_000_000, 1_000_000_000))
        value = int(round(millions * scale)) if float(millions).is_integer() else millions * scale
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        word = "million" if scale == 1_000_000 else "billion"
        return value, None, rng.choice(("USD", "EUR")), f"{millions:g} {word} dollars"
    unit = rng.choice(_UNITS)
    if unit == "percent":
        value = rng.choice((3.5, 12, 40, 7.25))
        return value, unit, None, f"{value:g} percent"
    value = rng.choice((120, 2_000, 15_000, 40_000, 1_200_000))
    return value, unit, None, f"{value:,} {unit}s"


def generate_article(index: int, seed: int, pools: Pools,
                     claims: int = CLAIMS_PER_ARTICLE) -> AnnotatedArticle:
    """Article number ``index`` of the corpus ``seed``: the same arguments, the same article."""
    rng = random.Random(f"kg-generate/{seed}/{index}")
    article_id = f"gen-{seed}-{index:07d}"
    publisher = rng.randrange(len(_PUBLISHERS))
    newsroom = f"newsroom-{publisher}"
    entities: dict[str, Entity] = {
        f"publisher-{publisher}": Entity(f"publisher-{publisher}", _PUBLISHERS[publisher],
                                         "organization"),
        newsroom: Entity(newsroom, f"the newsroom of {_PUBLISHERS[publisher]}", "group"),
    }
    text = _Text()
    title_topic = ranked(rng, pools.topics)
    title = f"{topic_name(title_topic)}: what the numbers say"
    text.add(title + ".\n\n")
    speakers: list[int] = []
    while len(speakers) < 4:
        person = ranked(rng, pools.people)
        if person not in speakers:
            speakers.append(person)
    made: list[Claim] = []
    for number in range(1, claims + 1):
        claim_id = f"c{number:02d}"
        person = speakers[rng.randrange(len(speakers))]
        person_id = f"person-{person:06d}"
        topic = title_topic if rng.random() < 0.4 else ranked(rng, pools.topics)
        topic_id = f"topic-{topic:05d}"
        org = ranked(rng, pools.orgs)
        org_id = f"org-{org:05d}"
        entities.setdefault(topic_id, Entity(topic_id, topic_name(topic), "product"))
        entities.setdefault(org_id, Entity(org_id, org_name(org), "organization"))
        kind = rng.choice(("direct-quote", "reported-speech", "reported-speech", "assertion"))
        category = rng.choice(("figure", "figure", "fact", "opinion", "prediction"))
        figures: tuple[Figure, ...] = ()
        statements: tuple[Statement, ...] = ()
        if kind == "assertion":
            claimants, lead = (newsroom,), ""
        else:
            claimants = (person_id,)
            name = person_name(person)
            if person_id not in entities:
                role_title = _ROLES[person % len(_ROLES)]
                lead_text = f"{name}, {role_title} at {org_name(person % pools.orgs)}"
                works_for = f"org-{person % pools.orgs:05d}"
                entities.setdefault(works_for, Entity(works_for, org_name(person % pools.orgs),
                                                      "organization"))
                role_span = Span(text.length + len(name) + 2, text.length + len(lead_text),
                                 lead_text[len(name) + 2:])
                entities[person_id] = Entity(
                    person_id, name, "person", aliases=(name.split()[-1],),
                    roles=(Role(role_title, works_for, role_span),))
                lead = lead_text
            else:
                lead = name
            lead += ' said: "' if kind == "direct-quote" else " said that "
        text.add(lead)
        if category in ("figure", "fact"):
            value, unit, currency, words = _amount(rng)
            qualifier = rng.choice(_QUALIFIERS)
            before = f"{org_name(org)} {rng.choice(_VERBS)} {_QUALIFIER_WORDS[qualifier]}"
            start = text.length
            text.add(before)
            figure_span = text.add(words)
            after = f" for the {topic_name(topic)}"
            text.add(after)
            claim_text = before + words + after
            figures = (Figure("f1", value, figure_span, unit, currency, qualifier,
                              f"{unit or currency} stated for {topic_name(topic)}", topic_id),)
            statements = (Statement(org_id, "statedFigure", object_figure="f1"),)
            category = "figure"
        else:
            start = text.length
            claim_text = rng.choice(_OPINIONS if category == "opinion" else _PREDICTIONS)
            text.add(claim_text)
        text.add('". ' if kind == "direct-quote" else ". ")
        disputes: tuple[str, ...] = ()
        if figures and made and rng.random() < 0.15:
            earlier = [c for c in made if c.figures and c.about == (topic_id,)]
            if earlier:
                disputes = (earlier[-1].id,)
        status = Status("unverified", "Stated in the article; not confirmed elsewhere.")
        roll = rng.random()
        if category == "opinion":
            status = Status("unverified", "Opinion; not checkable as fact.")
        elif roll < 0.05:
            status = Status("confirmed", "Confirmed by a second source in the article.")
        elif roll < 0.07:
            status = Status("refuted", "Contradicted by the figures the article cites.")
        made.append(Claim(claim_id, claim_text, start, start + len(claim_text), kind, category,
                          claimants, (f"publisher-{publisher}",), status, (topic_id,),
                          figures, statements, disputes))
    made = _contest(made)
    year = 2020 + rng.randrange(6)
    date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    article = Article(article_id, title, "en", text.value(), f"publisher-{publisher}", date,
                      f"https://news.example.org/{article_id}")
    ordered = [entities[k] for k in sorted(entities)]
    return AnnotatedArticle(article, ordered, made, origin=f"generated:{article_id}")


def _contest(claims: list[Claim]) -> list[Claim]:
    """Claims that another claim disputes are contested, on the basis of their opponents."""
    opponents: dict[str, list[str]] = {}
    for claim in claims:
        for other in claim.disputes:
            opponents.setdefault(other, []).append(claim.id)
    result = []
    for claim in claims:
        if claim.id in opponents:
            ids = tuple(opponents[claim.id])
            reason = f"Disputed by {', '.join(ids)}, which gives a different figure."
            claim = Claim(claim.id, claim.text, claim.start, claim.end, claim.kind,
                          claim.category, claim.claimants, claim.reported_by,
                          Status("contested", reason, based_on=ids), claim.about, claim.figures,
                          claim.statements, claim.disputes, claim.supports, claim.summary)
        result.append(claim)
    return result


def article_count(claims: int, per_article: int = CLAIMS_PER_ARTICLE) -> int:
    """How many articles hold ``claims`` claims."""
    return max(1, -(-claims // per_article))


def generate_articles(claims: int, seed: int = 0, start: int = 0, stop: int | None = None,
                      per_article: int = CLAIMS_PER_ARTICLE) -> Iterator[AnnotatedArticle]:
    """The articles (``start`` to ``stop``) of a corpus of ``claims`` claims."""
    pools = pools_for(claims)
    total = article_count(claims, per_article)
    for index in range(start, min(stop if stop is not None else total, total)):
        yield generate_article(index, seed, pools, per_article)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def nt_term(term: object) -> str:
    """N-Triples syntax of an rdflib IRI or literal (rdflib's ``n3()`` writes long strings
    with triple quotes, which N-Quads does not allow)."""
    from rdflib import Literal

    if not isinstance(term, Literal):
        return f"<{term}>"
    text = f'"{str(term).translate(_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype and str(term.datatype) != _XSD_STRING:
        return f"{text}^^<{term.datatype}>"
    return text


def article_nquads(annotated: AnnotatedArticle) -> str:
    """One article's quads (through kg.mapping, the one mapping) as N-Quads text."""
    from kg.mapping import article_quads

    return "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} <{g}> .\n"
                   for s, p, o, g in article_quads(annotated))


def _chunk(args: tuple[int, int, int, int, int]) -> bytes:
    claims, seed, start, stop, per_article = args
    return "".join(article_nquads(a) for a in generate_articles(
        claims, seed, start, stop, per_article)).encode("utf-8")


def iter_nquads(claims: int, seed: int = 0, workers: int = 1,
                per_article: int = CLAIMS_PER_ARTICLE, chunk: int = 50) -> Iterator[bytes]:
    """The corpus as N-Quads, ``chunk`` articles a piece, in order (``workers`` processes)."""
    total = article_count(claims, per_article)
    jobs = [(claims, seed, s, min(s + chunk, total), per_article) for s in range(0, total, chunk)]
    if workers <= 1:
        yield from map(_chunk, jobs)
        return
    from multiprocessing import get_context

    with get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_chunk, jobs)


def write_nquads(path: str | Path, claims: int, seed: int = 0, workers: int = 1,
                 per_article: int = CLAIMS_PER_ARTICLE) -> int:
    """Write the corpus as one N-Quads file; returns its size in bytes."""
    size = 0
    with open(path, "wb") as out:
        for piece in iter_nquads(claims, seed, workers, per_article):
            out.write(piece)
            size += len(piece)
    return size


def bulk_load(store_path: str | Path, nquads: str | Path) -> None:
    """Load an N-Quads file into an embedded store folder with pyoxigraph's bulk loader
    (fast, not transactional: for new stores and benchmarks)."""
    import pyoxigraph

    store = pyoxigraph.Store(str(store_path))
    store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store
