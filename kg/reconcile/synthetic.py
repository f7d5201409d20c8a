"""A deterministic, seeded generator of annotated articles for benchmarks and scale tests.

Each article (French or English, alternately) quotes a few people and organisations about a
shared world: organisations and products with figures (staff, revenue, chips, market share)
that most sources repeat within rounding and some contradict, and "backed by" facts. Every
article mints its own entity ids and writes names the way news does ("Veltrix", "VELTRIX",
"Veltrix Corporation"; "Maria Okafor", then "Okafor" with her employer), so entity resolution
has real work; ``truth`` says which mentions are the same real entity. Usage::

    from kg.reconcile.synthetic import synthetic_corpus
    corpus = synthetic_corpus(100, seed=1)
    len(corpus.articles), corpus.truth["https://kg.example.org/id/entity/a00001-e01"]
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kg.model import AnnotatedArticle, Article, Claim, Entity, Figure, Role, Span, Statement, Status
from kg.vocab import entity_iri

_FIRST = ("Maria", "Jonas", "Aïcha", "Tomas", "Li", "Sofia", "Karim", "Elena", "Hugo", "Nadia",
          "Pavel", "Inès", "Oscar", "Yuki", "Amara", "Lucas", "Greta", "Omar", "Chloé", "Rafael",
          "Ingrid", "Mateo", "Zoé", "Felix", "Priya", "Anton", "Léa", "Samuel", "Hana", "Diego")
_LAST_A = ("Ok", "Ber", "Lund", "Mar", "Wen", "Dra", "Kes", "Sor", "Pel", "Tam", "Ro", "Fen",
           "Gal", "Hal", "Ist", "Jor", "Kal", "Mor", "Nor", "Ost")
_LAST_B = ("afor", "trand", "qvist", "eau", "asco", "gan", "sler", "ensen", "ini", "ura")
_ORG_A = ("Vel", "Nor", "Quan", "Astr", "Brin", "Cal", "Dex", "Eon", "Fal", "Gry", "Hel", "Ion",
          "Jun", "Kry", "Lum", "Myr", "Nex", "Orb", "Pyr", "Syn")
_ORG_B = ("trix", "cam", "tera", "alis", "vox", "dium", "ora", "gen", "byte", "wave")
_SUFFIXES = ("Corporation", "Inc.", "Group")

#: Quantities: predicate, unit or currency, (low, high) of the true value, words fr / en.
_QUANTITIES = (
    ("employeeCount", "person", None, (200, 90000), "emploie", "employs"),
    ("annualRevenue", None, "USD", (5e6, 9e9), "a réalisé un chiffre d’affaires de",
     "had revenue of"),
    ("chipsUsedForTraining", "chip", None, (500, 60000), "a entraîné son modèle sur",
     "trained its model on"),
    ("marketShare", "percent", None, (1, 60), "détient une part de marché de",
     "holds a market share of"),
)
_UNIT_WORDS = {"person": ("salariés", "employees"), "chip": ("puces", "chips"),
               "percent": ("%", "%")}


@dataclass(frozen=True)
class _Real:
    key: str
    name: str
    kind: str
    employer: str | None = None


@dataclass
class SyntheticCorpus:
    """Generated articles and the truth: entity IRI → key of the real entity it names."""

    articles: list[AnnotatedArticle]
    truth: dict[str, str] = field(default_factory=dict)


def _significant(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits: 8 734 512 → 8 730 000."""
    if value == 0:
        return 0.0
    from math import floor, log10

    return round(value, digits - 1 - floor(log10(abs(value))))


def _number_text(value: float, unit: str | None, currency: str | None, language: str
                 ) -> tuple[str, float]:
    """The words of a figure and the value they state (scales applied)."""
    scale_words = ((1e9, "milliards", "billion"), (1e6, "millions", "million"))
    for size, fr, en in scale_words:
        if currency and value >= size:
            mantissa = _significant(value / size, 3)
            digits = f"{mantissa:g}"
            if language == "fr":
                text = f"{digits.replace('.', ',')} {fr} de dollars"
            else:
                text = f"${digits} {en}"
            return text, mantissa * size
    if unit == "percent":
        digits = f"{value:g}"
        return (f"{digits.replace('.', ',')} %" if language == "fr" else f"{digits}%"), value
    whole = int(round(value))
    number = f"{whole:,}".replace(",", "\u00a0") if language == "fr" else f"{whole:,}"
    word = _UNIT_WORDS.get(unit or "", ("unités", "units"))[0 if language == "fr" else 1]
    return f"{number} {word}", float(whole)


class _World:
    def __init__(self, n: int, rng: random.Random) -> None:
        self.rng = rng
        org_count = max(8, n // 3)
        names = [a + b for a in _ORG_A for b in _ORG_B]
        self.orgs = [_Real(f"org{i}", names[i % len(names)] + ("" if i < len(names) else
                                                                f" {i // len(names) + 1}"),
                           "organization") for i in range(org_count)]
        people = []
        lasts = [a + b for a in _LAST_A for b in _LAST_B]
        for i in range(max(8, n // 2)):
            first = _FIRST[i % len(_FIRST)]
            last = lasts[(i * 7 + i // len(_FIRST)) % len(lasts)]
            people.append(_Real(f"person{i}", f"{first} {last}", "person",
                                self.orgs[rng.randrange(org_count)].key))
        self.people = people
        self.by_key = {r.key: r for r in self.orgs + self.people}
        self.values: dict[tuple[str, str], float] = {}
        self.backers: dict[str, str] = {}

    def true_value(self, subject: str, quantity: tuple) -> float:
        key = (subject, quantity[0])
        if key not in self.values:
            low, high = quantity[3]
            self.values[key] = _significant(self.rng.uniform(low, high), 4)
        return self.values[key]

    def backer(self, subject: str) -> str:
        if subject not in self.backers:
            others = [o.key for o in self.orgs if o.key != subject]
            self.backers[subject] = self.rng.choice(others)
        return self.backers[subject]


class _Writer:
    """Builds one article's text, entities and claims, with exact offsets."""

    def __init__(self, world: _World, index: int, language: str) -> None:
        self.world = world
        self.rng = world.rng
        self.index = index
        self.language = language
        self.article_id = f"a{index:05d}"
        self.text = ""
        self.entities: dict[str, Entity] = {}
        self.ids: dict[str, str] = {}
        self.claims: list[Claim] = []
        self.truth: dict[str, str] = {}

    def add(self, words: str) -> Span:
        start = len(self.text)
        self.text += words
        return Span(start, len(self.text), words)

    def entity(self, real: _Real, roles: tuple[Role, ...] = (), name: str | None = None) -> str:
        if real.key in self.ids:
            return self.ids[real.key]
        ident = f"{self.article_id}-e{len(self.ids) + 1:02d}"
        self.ids[real.key] = ident
        self.truth[entity_iri(ident)] = real.key
        self.entities[ident] = Entity(ident, name or real.name, real.kind, roles=roles)
        return ident

    def org_name(self, real: _Real) -> str:
        roll = self.rng.random()
        if roll < 0.2:
            return real.name.upper()
        if roll < 0.4:
            return f"{real.name} {self.rng.choice(_SUFFIXES)}"
        return real.name

    def speaker(self) -> str:
        """A person with an apposition; a third of them by surname only."""
        person = self.rng.choice(self.world.people)
        if person.key in self.ids:
            self.add(f"{self.entities[self.ids[person.key]].name}, ")
            return self.ids[person.key]
        employer = self.world.by_key[person.employer or ""]
        short = self.rng.random() < 0.33
        name = person.name.split()[-1] if short else person.name
        self.add(f"{name}, ")
        title = "analyste chez" if self.language == "fr" else "an analyst at"
        org_words = self.org_name(employer)
        span = self.add(f"{title} {org_words}")
        org = self.entity(employer, name=org_words)
        role = Role("analyste" if self.language == "fr" else "analyst", org, span)
        self.add(", ")
        return self.entity(person, (role,), name=name)

    def figure_claim(self, number: int) -> None:
        world = self.world
        subject_real = self.rng.choice(world.orgs)
        quantity = self.rng.choice(_QUANTITIES)
        predicate, unit, currency, _, fr_verb, en_verb = quantity
        truth = world.true_value(subject_real.key, quantity)
        roll = self.rng.random()
        if roll < 0.1:
            value, qualifier = truth * self.rng.choice((3, 5, 8)), "exactly"
        elif roll < 0.5:
            value, qualifier = _significant(truth, 2), "about"
        else:
            value, qualifier = _significant(truth, 3), "exactly"
        speaker = self.speaker()
        self.add("selon qui " if self.language == "fr" else "who said that ")
        subject_words = self.org_name(subject_real)
        qualifier_words = {"about": ("environ ", "about ")}.get(qualifier, ("", ""))
        verb = fr_verb if self.language == "fr" else en_verb
        start = len(self.text)
        self.add(f"{subject_words} {verb} ")
        self.add(qualifier_words[0 if self.language == "fr" else 1])
        figure_text, stated = _number_text(value, unit, currency, self.language)
        figure_span = self.add(figure_text)
        claim_span = Span(start, len(self.text), self.text[start:])
        self.add(". ")
        subject = self.entity(subject_real, name=subject_words)
        stated = _significant(stated, 6)
        figure = Figure("f1", int(stated) if float(stated).is_integer() else stated, figure_span,
                        unit=unit, currency=currency, qualifier=qualifier,
                        quantity=predicate, about=subject)
        self.claims.append(Claim(
            id=f"c{number:02d}", text=claim_span.text, start=claim_span.start,
            end=claim_span.end, kind="reported-speech", category="figure",
            claimants=(speaker,), reported_by=(), about=(subject,), figures=(figure,),
            statements=(Statement(subject, predicate, object_figure="f1"),),
            status=Status("unverified", "Generated: stated by one source.")))

    def backing_claim(self, number: int, publisher: str) -> None:
        subject_real = self.rng.choice(self.world.orgs)
        backer_real = self.world.by_key[self.world.backer(subject_real.key)]
        subject_words, backer_words = self.org_name(subject_real), self.org_name(backer_real)
        words = (f"{subject_words} est soutenu par {backer_words}" if self.language == "fr"
                 else f"{subject_words} is backed by {backer_words}")
        span = self.add(words)
        self.add(". ")
        subject = self.entity(subject_real, name=subject_words)
        backer = self.entity(backer_real, name=backer_words)
        self.claims.append(Claim(
            id=f"c{number:02d}", text=span.text, start=span.start, end=span.end,
            kind="assertion", category="fact", claimants=(publisher,), reported_by=(),
            about=(subject, backer), statements=(Statement(subject, "backedBy",
                                                           object_entity=backer),),
            status=Status("unverified", "Generated: the publisher's statement.")))

    def article(self, publisher_real: _Real) -> AnnotatedArticle:
        publisher = self.entity(publisher_real)
        number = 1
        for _ in range(self.rng.randint(4, 7)):
            self.figure_claim(number)
            number += 1
        for _ in range(self.rng.randint(0, 2)):
            self.backing_claim(number, publisher)
            number += 1
        day = 1 + self.index % 28
        month = 1 + (self.index // 28) % 12
        article = Article(id=self.article_id, title=f"Synthetic article {self.index}",
                          language=self.language, text=self.text, publisher=publisher,
                          date=f"2024-{month:02d}-{day:02d}")
        return AnnotatedArticle(article, list(self.entities.values()), self.claims,
                                origin=f"synthetic:{self.article_id}")


def synthetic_corpus(n: int, seed: int = 0) -> SyntheticCorpus:
    """``n`` annotated articles, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    world = _World(n, rng)
    publishers = [_Real(f"publisher{i}", f"Gazette {i}", "organization") for i in range(20)]
    corpus = SyntheticCorpus([])
    for index in range(n):
        writer = _Writer(world, index, "fr" if index % 2 else "en")
        corpus.articles.append(writer.article(publishers[index % len(publishers)]))
        corpus.truth.update(writer.truth)
    return corpus
