"""Claim matching: group statements that say the same thing, and relate them across sources.

Two kinds of groups:

- **figure**: figures about the same subject (entity cluster) and the same kind of quantity
  (the predicate of the claim's content triple that holds the figure, else the figure's
  ``kg:quantity`` words) in one dimension (same currency, same counted thing, any duration);
- **proposition**: the same content triple (subject and object clusters, predicate);
- **figure-kind**: for claims made by ``kg extract``, whose quantity words and verb
  predicates are the article's own, figures about the same subject in one dimension,
  compared with the figures of any other article (curated or extracted); only pairs with
  an extracted claim are related there.

Groups hold claims from at least two articles, ordered by who said it first (article date,
then article, then position). Across articles, figures that agree within rounding and
qualifiers give ``kg:supports``, figures that do not give ``kg:disputes``; the later claim
supports or disputes the earlier one. Usage::

    from kg.reconcile.matching import match_claims
    groups, relations = match_claims(snapshot, resolution)
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from kg.reconcile.entities import Resolution
from kg.reconcile.figures import FigureValue, compare
from kg.reconcile.names import fold, normalise
from kg.reconcile.snapshot import ClaimRecord, FigureRecord, Snapshot
from kg.reconcile.terms import group_iri, relation_iri
from kg.reconcile.units import unit_of
from kg.vocab import DATA_BASE

#: Above this many members a group compares each claim with one representative per
#: distinct value instead of with every other claim (keeps big groups near-linear).
PAIR_LIMIT = 48
_ENTITY_BASE = DATA_BASE + "entity/"


@dataclass(frozen=True)
class Member:
    """A claim in a group, with the figure that put it there (figure groups)."""

    claim: str
    figure: FigureRecord | None = None


@dataclass(frozen=True)
class Relation:
    """``source`` (the later claim) supports or disputes ``target`` (the earlier one).

    Every relation counts for statuses; only ``shown`` ones are written to the graph: every
    dispute, and for each claim the first earlier claim it agrees with (what it repeats)
    and the first from an independent origin (what confirms it), so that agreement inside
    a big group stays linear in its size."""

    iri: str
    kind: str
    source: str
    target: str
    group: str
    match: str
    reason: str
    independent: bool
    shown: bool = True


@dataclass
class ClaimGroup:
    """Claims that say the same thing, first one first; ``repeats`` maps a later claim to
    the earlier claim of another source it agrees with."""

    iri: str
    match: str
    subject: str
    predicate: str
    label: str
    members: list[Member]
    repeats: dict[str, str] = field(default_factory=dict)
    disputed: bool = False


def _tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "group"


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def claim_ref(iri: str) -> str:
    """A claim's short reference: 'deepseek-stargate-mwl/c11'."""
    return iri.removeprefix(DATA_BASE + "claim/")


class _Matcher:
    def __init__(self, snapshot: Snapshot, resolution: Resolution) -> None:
        self.snapshot = snapshot
        self.resolution = resolution
        self.origins = {iri: self._origin(c) for iri, c in snapshot.claims.items()}
        #: The finer (figure or proposition) groups each claim is in, by key.
        self.finer: dict[str, set[tuple[str, ...]]] = defaultdict(set)

    def name(self, iri: str) -> str:
        head = self.resolution.cluster_of(iri)
        record = self.snapshot.entities.get(head) or self.snapshot.entities.get(iri)
        return record.name if record else _tail(iri)

    def _origin(self, claim: ClaimRecord) -> frozenset[str]:
        """Who the statement comes from: claimant clusters and the groups they belong to."""
        out = set()
        for claimant in claim.claimants:
            out.add(self.resolution.cluster_of(claimant))
            record = self.snapshot.entities.get(claimant)
            if record:
                out.update(self.resolution.cluster_of(g) for g in record.member_of)
        return frozenset(out)

    def speakers(self, claim: str) -> str:
        names = sorted({self.name(c) for c in self.snapshot.claims[claim].claimants})
        return " and ".join(names) if names else "an unnamed source"

    def where(self, claim: str) -> str:
        record = self.snapshot.claims[claim]
        article = self.snapshot.articles.get(record.article)
        title = article.title if article and article.title else _tail(record.article)
        return f"{self.speakers(claim)} in “{title}” ({claim_ref(claim)})"

    # -- keys ------------------------------------------------------------------------------

    def figure_keys(self, claim: ClaimRecord) -> list[tuple[tuple[str, ...], Member, str]]:
        out = []
        for figure in claim.figures:
            holders = [s for s in claim.statements if s.obj_is_iri and s.obj == figure.iri]
            if holders:
                subject, predicate = holders[0].subject, holders[0].predicate
                kind = _tail(predicate)
            elif (figure.quantity or claim.extracted) and (figure.about or
                                                          len(claim.about) == 1):
                subject = figure.about or next(iter(claim.about))
                predicate = "quantity:" + " ".join(normalise(figure.quantity or "").split())
                kind = figure.quantity or "figure"
            else:
                continue
            dimension = unit_of(figure.unit, figure.currency).dimension
            head = self.resolution.cluster_of(subject)
            key = ("figure", head, predicate, dimension)
            label = f"{self.name(subject)} · {kind} ({dimension.split(':')[-1]})"
            out.append((key, Member(claim.iri, figure), label))
            out.append((("figure-kind", head, "", dimension), Member(claim.iri, figure),
                        f"{self.name(subject)} · {dimension.split(':')[-1]}"))
        return out

    def proposition_keys(self, claim: ClaimRecord) -> list[tuple[tuple[str, ...], Member, str]]:
        figures = {f.iri for f in claim.figures}
        out = []
        for statement in claim.statements:
            if statement.obj_is_iri and statement.obj in figures:
                continue
            if statement.obj_is_iri and statement.obj.startswith(_ENTITY_BASE):
                obj = self.resolution.cluster_of(statement.obj)
                shown = self.name(statement.obj)
            elif statement.obj_is_iri:
                obj, shown = statement.obj, _tail(statement.obj)
            else:
                obj, shown = "text:" + normalise(statement.obj), statement.obj
            head = self.resolution.cluster_of(statement.subject)
            key = ("proposition", head, statement.predicate, obj)
            label = f"{self.name(statement.subject)} · {_tail(statement.predicate)} · {shown}"
            out.append((key, Member(claim.iri), label))
        return out

    # -- groups and relations --------------------------------------------------------------

    def figure_value(self, member: Member) -> FigureValue:
        figure = member.figure
        assert figure is not None
        article = self.snapshot.articles.get(self.snapshot.claims[member.claim].article)
        return FigureValue(figure.value, figure.unit, figure.currency, figure.qualifier,
                           figure.text, article.language if article else "en")

    def agreement(self, later: Member, earlier: Member) -> tuple[bool, str] | None:
        if later.figure is None or earlier.figure is None:
            return True, "both state the same thing"
        result = compare(self.figure_value(later), self.figure_value(earlier))
        return None if result is None else (result.agree, result.reason)

    def relate(self, group: ClaimGroup, later: Member, earlier: Member) -> Relation | None:
        outcome = self.agreement(later, earlier)
        if outcome is None:
            return None
        agree, detail = outcome
        a, b = later.claim, earlier.claim
        independent = not (self.origins[a] & self.origins[b])
        if agree:
            kind = "supports"
            tail = ("independent sources" if independent else
                    "same origin (" + ", ".join(sorted(self.name(o) for o in
                                                       self.origins[a] & self.origins[b]))
                    + "): a repeat, not an independent confirmation")
            reason = (f"{self.where(a)} agrees with {self.where(b)} on {group.label}: "
                      f"{detail}; {tail}.")
        else:
            kind = "disputes"
            reason = (f"{self.where(a)} contradicts {self.where(b)} on {group.label}: "
                      f"{detail}.")
        return Relation(str(relation_iri(_hash(kind, a, b, group.iri))), kind, a, b, group.iri,
                        group.match, reason, independent)

    def comparable(self, group: ClaimGroup, a: Member, b: Member) -> bool:
        """Whether a pair is compared in this group: in a figure-kind group, only a pair
        with an extracted claim that no finer group already compares."""
        if group.match != "figure-kind":
            return True
        claims = self.snapshot.claims
        if not (claims[a.claim].extracted or claims[b.claim].extracted):
            return False
        return not (self.finer.get(a.claim, set()) & self.finer.get(b.claim, set()))

    def compare_group(self, group: ClaimGroup) -> list[Relation]:
        relations: list[Relation] = []
        article = {m.claim: self.snapshot.claims[m.claim].article for m in group.members}
        many = len(group.members) > PAIR_LIMIT
        representatives: list[Member] = []
        for index, member in enumerate(group.members):
            earlier = representatives if many else group.members[:index]
            found = [r for r in (self.relate(group, member, other) for other in earlier
                                 if article[other.claim] != article[member.claim] and
                                 self.comparable(group, member, other))
                     if r is not None]
            supports = [r for r in found if r.kind == "supports"]
            shown = {r.iri for r in found if r.kind == "disputes"}
            shown.update(r.iri for r in supports[:1])
            shown.update(r.iri for r in [r for r in supports if r.independent][:1])
            relations.extend(replace(r, shown=r.iri in shown) for r in found)
            if supports:
                group.repeats[member.claim] = supports[0].target
            group.disputed = group.disputed or len(supports) < len(found)
            if many and not supports:
                representatives.append(member)
        return relations


def match_claims(snapshot: Snapshot, resolution: Resolution
                 ) -> tuple[list[ClaimGroup], list[Relation]]:
    """Claim groups (with members from two articles or more) and the relations between
    their claims across articles, both sorted by IRI."""
    matcher = _Matcher(snapshot, resolution)
    buckets: dict[tuple[str, ...], dict[str, Member]] = defaultdict(dict)
    labels: dict[tuple[str, ...], str] = {}
    for iri in sorted(snapshot.claims):
        claim = snapshot.claims[iri]
        for key, member, label in matcher.figure_keys(claim) + matcher.proposition_keys(claim):
            buckets[key].setdefault(member.claim, member)
            labels[key] = min(labels.get(key, label), label)
            if key[0] != "figure-kind":
                matcher.finer[member.claim].add(key)
    groups: list[ClaimGroup] = []
    relations: list[Relation] = []
    for key in sorted(buckets):
        members = sorted(buckets[key].values(), key=lambda m: snapshot.order_key(m.claim))
        if len({snapshot.claims[m.claim].article for m in members}) < 2 or (
                key[0] == "figure-kind" and not any(snapshot.claims[m.claim].extracted
                                                    for m in members)):
            continue
        label = labels[key]
        iri = str(group_iri(f"{_slug(label)}-{_hash(*key)[:10]}"))
        group = ClaimGroup(iri, key[0], key[1], key[2], label, members)
        relations.extend(matcher.compare_group(group))
        groups.append(group)
    groups.sort(key=lambda g: g.iri)
    relations.sort(key=lambda r: r.iri)
    return groups, relations
