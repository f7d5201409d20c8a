"""Entity resolution: which entity IRIs are one real person, organisation, product or place.

Candidates are only compared when they share a blocking key (a Wikidata id, a normalised
name or alias, a surname), so the work grows with the number of mentions, not its square.
Rules, strongest first: a person's decision (kg merge), the same Wikidata item, the same
normalised name, an alias match, a surname-only mention with the same affiliation as one
full name. A recorded "distinct" decision, or two different Wikidata items, forbid a merge
whatever the rules say; every merge and every refusal is kept with its reason. Usage::

    from kg.reconcile.entities import resolve_entities
    resolution = resolve_entities(snapshot.entities, decisions)
    resolution.canonical["https://kg.example.org/id/entity/chua"]   # ... /entity/roy-chua
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kg.reconcile.decisions import ManualDecision
from kg.reconcile.gazetteer import Gazetteer, load_gazetteer
from kg.reconcile.names import given_names, normalise, surname
from kg.reconcile.snapshot import EntityRecord

#: Entity types that name one real thing (unnamed groups are never merged across sources).
RESOLVABLE = ("person", "organization", "product", "place", "event", "thing")
#: Types whose members' affiliations are resolved before people are compared.
_FIRST_PASS = ("organization", "product", "place", "event", "thing")


@dataclass(frozen=True)
class MergeEdge:
    """A decision about entities: merged by a rule (every entity of ``entities`` with each
    other, for the reason given) or refused (two entities, and why not)."""

    entities: tuple[str, ...]
    rule: str
    reason: str
    merged: bool


@dataclass
class Resolution:
    """Clusters of entity IRIs, their canonical entity, Wikidata ids and the decisions."""

    canonical: dict[str, str]
    clusters: dict[str, list[str]]
    wikidata: dict[str, str]
    gazetteer_hits: dict[str, str]
    edges: list[MergeEdge] = field(default_factory=list)

    def cluster_of(self, iri: str) -> str:
        """The canonical IRI of an entity (itself when it was never merged)."""
        return self.canonical.get(iri, iri)


class _Clusters:
    """Union-find with cannot-link constraints and Wikidata ids per cluster."""

    def __init__(self, iris: Iterable[str], wikidata: dict[str, set[str]]) -> None:
        self.parent = {i: i for i in iris}
        self.members = {i: {i} for i in self.parent}
        self.wikidata = {i: set(wikidata.get(i, ())) for i in self.parent}
        self.forbidden: dict[str, set[str]] = defaultdict(set)

    def find(self, iri: str) -> str:
        root = iri
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[iri] != root:
            self.parent[iri], iri = root, self.parent[iri]
        return root

    def forbid(self, a: str, b: str) -> None:
        self.forbidden[a].add(b)
        self.forbidden[b].add(a)

    def obstacle(self, a: str, b: str) -> str | None:
        """Why the clusters of a and b may not be merged, or None."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        small, large = sorted((ra, rb), key=lambda r: len(self.members[r]))
        for member in sorted(self.members[small]):
            clash = self.forbidden.get(member, set()) & self.members[large]
            if clash:
                return (f"a recorded decision keeps {_tail(member)} and {_tail(min(clash))} "
                        f"distinct")
        wa, wb = self.wikidata[ra], self.wikidata[rb]
        if wa and wb and not wa & wb:
            return f"different Wikidata items ({', '.join(sorted(wa | wb))})"
        return None

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]) or (
                len(self.members[ra]) == len(self.members[rb]) and rb < ra):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.wikidata[ra] |= self.wikidata.pop(rb)


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _quote(name: str) -> str:
    return f"“{name}”"


def _link_wikidata(entities: dict[str, EntityRecord], gazetteer: Gazetteer
                   ) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Annotated Wikidata ids, else an unambiguous gazetteer hit by name or alias."""
    ids: dict[str, set[str]] = {}
    hits: dict[str, str] = {}
    for iri, record in entities.items():
        if record.type not in RESOLVABLE:
            continue
        if record.wikidata:
            ids[iri] = set(record.wikidata)
            continue
        found = {gazetteer.lookup(n, record.type) for n in record.names | record.aliases}
        found.discard(None)
        if len(found) == 1:
            qid = found.pop()
            ids[iri] = {qid}
            hits[iri] = qid
    return ids, hits


def _is_short_person_name(name: str) -> bool:
    """'Chua', 'R. Chua': a surname alone or with initials only."""
    return all(len(g) == 1 for g in given_names(name)) and bool(surname(name))


class _Resolver:
    def __init__(self, entities: dict[str, EntityRecord], decisions: Sequence[ManualDecision],
                 gazetteer: Gazetteer) -> None:
        self.entities = entities
        self.resolvable = sorted(i for i, e in entities.items() if e.type in RESOLVABLE)
        self.wikidata, self.hits = _link_wikidata(entities, gazetteer)
        self.clusters = _Clusters(sorted(entities), self.wikidata)
        self.edges: list[MergeEdge] = []
        self.decisions = [d for d in decisions if all(e in entities for e in d.entities)]
        for decision in self.decisions:
            if not decision.same:
                self.clusters.forbid(*decision.entities)

    def attempt(self, a: str, b: str, rule: str, reason: str, record: bool = True) -> bool:
        """Merge a and b by a rule unless something forbids it; a refusal is always recorded,
        a merge only when ``record`` (buckets record theirs together)."""
        if self.clusters.find(a) == self.clusters.find(b):
            return True
        obstacle = self.clusters.obstacle(a, b)
        pair = tuple(sorted((a, b)))
        if obstacle:
            self.edges.append(MergeEdge(pair, rule, f"{reason}; not merged: {obstacle}.", False))
            return False
        self.clusters.union(a, b)
        if record:
            self.edges.append(MergeEdge(pair, rule, f"{reason}.", True))
        return True

    def bucket(self, members: list[str], rule: str, why: Callable[[list[str]], str]) -> None:
        """Merge every member of a bucket with the earliest member it may join; one recorded
        decision per group of entities the bucket merged."""
        ordered = sorted(set(members))
        links: dict[str, set[str]] = defaultdict(set)
        for index, member in enumerate(ordered[1:], start=1):
            for anchor in ordered[:index]:
                if self.clusters.find(anchor) == self.clusters.find(member):
                    break
                if self.clusters.obstacle(anchor, member) is None:
                    self.attempt(anchor, member, rule, "", record=False)
                    links[anchor].add(member)
                    links[member].add(anchor)
                    break
            else:
                anchor = ordered[0]
                self.attempt(anchor, member, rule, why([anchor, member]))
        seen: set[str] = set()
        for start in sorted(links):
            if start in seen:
                continue
            component, stack = set(), [start]
            while stack:
                node = stack.pop()
                if node not in component:
                    component.add(node)
                    stack.extend(links[node] - component)
            seen |= component
            merged = sorted(component)
            self.edges.append(MergeEdge(tuple(merged), rule, f"{why(merged)}.", True))

    def run(self) -> None:
        for decision in self.decisions:
            if decision.same:
                a, b = decision.entities
                self.attempt(a, b, "manual-same", f"A person decided: {decision.reason}")
        self._by_wikidata()
        for types in (_FIRST_PASS, ("person",)):
            self._by_names(types)
        self._by_surname_and_affiliation()

    def _source(self, iri: str) -> str:
        return "from the gazetteer" if iri in self.hits else "annotated"

    def _by_wikidata(self) -> None:
        buckets: dict[str, list[str]] = defaultdict(list)
        for iri in self.resolvable:
            for qid in self.wikidata.get(iri, ()):
                buckets[qid].append(iri)
        for qid in sorted(buckets):
            self.bucket(buckets[qid], "same-wikidata", lambda ms, q=qid: (
                f"each is Wikidata {q} ("
                + "; ".join(f"{_tail(m)}: {self._source(m)}" for m in ms) + ")"))

    def _by_names(self, types: tuple[str, ...]) -> None:
        names: dict[tuple[str, str], list[str]] = defaultdict(list)
        aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
        spelled: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        for iri in self.resolvable:
            record = self.entities[iri]
            if record.type not in types:
                continue
            for name in sorted(record.names):
                if record.type == "person" and _is_short_person_name(name):
                    continue  # a surname alone is ambiguous: see the affiliation rule
                key = (record.type, normalise(name, record.type))
                if key[1]:
                    names[key].append(iri)
                    spelled[key].setdefault(iri, name)
            for alias in sorted(record.aliases):
                key = (record.type, normalise(alias, record.type))
                if key[1] and not (record.type == "person" and _is_short_person_name(alias)):
                    aliases[key].append(iri)
                    spelled[key].setdefault(iri, alias)
        def spellings(key: tuple[str, str], members: list[str]) -> str:
            return ", ".join(_quote(n) for n in sorted({spelled[key][m] for m in members}))

        for key in sorted(names):
            self.bucket(names[key], "same-name", lambda ms, k=key: (
                f"same normalised name “{k[1]}” ({spellings(k, ms)})"))
        for key in sorted(set(names) | set(aliases)):
            members = names.get(key, []) + aliases.get(key, [])
            if len(set(members)) > 1:
                self.bucket(members, "alias", lambda ms, k=key: (
                    f"“{k[1]}” is a name or alias of each ({spellings(k, ms)})"))

    def _affiliations(self, iri: str) -> set[str]:
        record = self.entities[iri]
        orgs = record.organizations | record.member_of
        return {self.clusters.find(o) for o in orgs if o in self.entities}

    def _initials(self, iri: str) -> set[str]:
        """First letters of the first given name of every member of iri's cluster."""
        root = self.clusters.find(iri)
        return {given_names(n)[0][0] for m in self.clusters.members[root]
                for n in self.entities[m].names if given_names(n)}

    def _by_surname_and_affiliation(self) -> None:
        people: dict[str, list[str]] = defaultdict(list)
        for iri in self.resolvable:
            record = self.entities[iri]
            if record.type == "person":
                for name in record.names:
                    if surname(name):
                        people[surname(name)].append(iri)
        for key in sorted(people):
            members = sorted(set(people[key]))
            short = [m for m in members
                     if all(_is_short_person_name(n) for n in self.entities[m].names)]
            for mention in short:
                self._attach_short(mention, members)

    def _attach_short(self, mention: str, members: list[str]) -> None:
        record = self.entities[mention]
        mine = self._affiliations(mention)
        if not mine:
            return
        initials = {g[0] for n in record.names for g in given_names(n)}
        candidates: dict[str, list[str]] = defaultdict(list)
        for other in members:
            if other == mention or not (mine & self._affiliations(other)):
                continue
            if initials and not initials & self._initials(other):
                continue
            candidates[self.clusters.find(other)].append(other)
        if not candidates:
            return
        with_full_name = sorted(r for r, ms in candidates.items() if any(
            not _is_short_person_name(n) for m in ms for n in self.entities[m].names))
        roots = with_full_name or sorted(candidates)
        if len(with_full_name) > 1:
            names = ", ".join(sorted({self.entities[r].name for r in with_full_name}))
            pair = tuple(sorted((mention, with_full_name[0])))
            self.edges.append(MergeEdge(pair, "surname-affiliation",
                                        f"“{record.name}” could be any of {names}; "
                                        f"not merged: ambiguous.", False))
            return
        target = min(candidates[roots[0]])
        org = sorted(mine & self._affiliations(target))[0]
        org_name = self.entities[org].name if org in self.entities else _tail(org)
        self.attempt(mention, target, "surname-affiliation",
                     f"“{record.name}” is the surname of “{self.entities[target].name}” and "
                     f"both have a role at {org_name}")


def _canonical(members: list[str], entities: dict[str, EntityRecord],
               wikidata: dict[str, set[str]]) -> str:
    """The member with an annotated Wikidata id, then one from the gazetteer, then the
    fullest name, then the first IRI."""
    return min(members, key=lambda m: (0 if entities[m].wikidata else 1 if wikidata.get(m)
                                       else 2, -len(entities[m].name.split()), m))


def resolve_entities(
    entities: dict[str, EntityRecord],
    decisions: Sequence[ManualDecision] = (),
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """Cluster entity IRIs into real entities; deterministic for the same input."""
    resolver = _Resolver(entities, decisions, gazetteer or load_gazetteer())
    resolver.run()
    groups: dict[str, list[str]] = defaultdict(list)
    for iri in sorted(entities):
        groups[resolver.clusters.find(iri)].append(iri)
    canonical: dict[str, str] = {}
    clusters: dict[str, list[str]] = {}
    wikidata: dict[str, str] = {}
    for members in groups.values():
        head = _canonical(members, entities, resolver.wikidata)
        clusters[head] = members
        for member in members:
            canonical[member] = head
        ids = set().union(*(resolver.wikidata.get(m, set()) for m in members))
        if len(ids) == 1:
            wikidata[head] = next(iter(ids))
    edges = sorted(set(resolver.edges), key=lambda e: (e.entities, e.rule, e.merged, e.reason))
    return Resolution(canonical, clusters, wikidata, resolver.hits, edges)
