"""Who a subject phrase stands for: names, pronouns, role nouns and unnamed groups.

"l’analyste d’AvidThink", "la ministre", "il", "selon elle", "she", a surname alone: each is
resolved to the most recent compatible person named earlier (role nouns are matched against
the roles found in appositions). "certains analystes", "les créateurs de DeepSeek", "US
officials" become unnamed groups. Usage::

    from kg.extract.speakers import Discourse
    discourse = Discourse(table)
    discourse.resolve(start, end)   # -> ("roy-chua",) or None
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.entities import NAME_SEQUENCE, EntityRecord, EntityTable
from kg.extract.lexicon import (
    GROUP_NOUNS,
    INSTITUTION_NOUNS,
    LEXICONS,
    ROLE_NOUNS,
    looks_like_role,
    role_gender,
    role_stem,
    word_set,
)
from kg.extract.segments import SPACES, strip

PRONOUNS = {
    "il": ("m", False), "elle": ("f", False), "ils": ("m", True), "elles": ("f", True),
    "lui": ("m", False), "eux": ("m", True), "he": ("m", False), "she": ("f", False),
    "they": (None, True), "him": ("m", False), "her": ("f", False), "them": (None, True),
    "it": ("n", False),
    # « ce dernier », « ces derniers »: the last one named, as a pronoun would be
    "ce dernier": ("m", False), "cette dernière": ("f", False), "ces derniers": ("m", True),
    "ces dernières": ("f", True), "celui-ci": ("m", False), "celle-ci": ("f", False),
    "ceux-ci": ("m", True),
}
_POSSESSIVE = re.compile(r"(?i)(his|her|its|their|son|sa|ses|leur|leurs)\s+([\w-]+)$")
_DEPENDENTS = word_set(
    "office cabinet campaign team entourage spokesperson spokesman spokeswoman porte-parole "
    "services staff aides")
FIRST_PERSON = word_set("je j’ j' nous on i we me moi")
_FILLERS = (
    "toutefois", "pour sa part", "pour leur part", "de son côté", "de leur côté", "lui-même",
    "elle-même", "eux-mêmes", "elles-mêmes", "également", "aussi", "encore", "ensuite",
    "enfin", "alors", "donc", "cependant", "néanmoins", "pourtant", "quant à lui",
    "quant à elle", "par ailleurs", "d’ailleurs", "d'ailleurs", "however", "also",
    "too", "then", "later", "again", "instead", "meanwhile", "in a statement",
    "in an interview", "on monday", "on tuesday", "on wednesday", "on thursday", "on friday",
    "on saturday", "on sunday", "last week", "this week", "yesterday", "today", "mais",
    "but", "and", "et", "a", "ont", "avait", "avaient", "aurait", "has", "have", "had",
    "ne", "n’", "n'", "for his part", "for her part",
)
_PLURAL_DETERMINERS = re.compile(
    r"^(?:certain(?:e)?s|plusieurs|quelques|de nombreu(?:x|ses)|nombre de|la plupart des|"
    r"beaucoup d['’e]\s?|d['’]autres|des|les|some|many|several|a few|most|other|few|"
    r"numerous|the|two|three|four|five|a number of|a group of|a majority of)\b\s*",
    re.IGNORECASE)
_DOCUMENTS = word_set(
    "figures data report study survey audit poll analysis estimates statistics review "
    "chiffres données rapport étude enquête sondage audit analyse estimations statistiques "
    "bilan")
_DOCUMENT_PATTERN = "|".join(sorted(_DOCUMENTS, key=len, reverse=True))
_ANAPHORIC = re.compile(
    r"(?i)(?:two|three|four|five|several|these|those|the|deux|trois|quatre|plusieurs|ces|"
    r"les)\s")
_ROLE_PHRASE = re.compile(
    r"^(?:(?:le|la|l['’]|the|notre|our|cet|cette|this|that)\s*)?"
    r"(?P<body>[\w’'-]+(?:\s[\w’'-]+){0,3}?)"
    r"(?:\s(?:de la|de l['’]|du|des|de|d['’]|of|at|chez|from|with)\s*(?P<org>.+))?$",
    re.IGNORECASE)


def _words(phrase: str) -> list[str]:
    """Lower-case words without elided articles ("l’Observatoire" -> "observatoire")."""
    return re.findall(r"[\w-]+", re.sub(r"(?i)\b[ldjnsc]['’]", "", phrase.lower()))


def _without_determiner(phrase: str) -> str:
    return re.sub(r"(?i)^(?:le|la|les|l['’]|the)\s*", "", phrase)


@dataclass
class Discourse:
    """Resolves subject phrases in reading order and remembers who spoke last."""

    table: EntityTable
    last_speakers: tuple[str, ...] = ()
    last_subject: tuple[str, ...] = ()
    references: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.table.text

    def spoke(self, position: int, speakers: tuple[str, ...]) -> None:
        """Record that ``speakers`` made a statement attributed at ``position``."""
        self.last_speakers = speakers
        self.last_subject = speakers
        self.references.extend((position, s) for s in speakers)

    def topic(self, start: int, end: int) -> None:
        """Remember the subject of a sentence that is no statement ("Le ministère n’a pas
        confirmé …"), for a pronoun in the next one; ``start == end`` forgets it."""
        self.last_subject = ()
        if start >= end:
            return
        phrase = self.text[start:end]
        mentions = self.table.mentions_in(start, end)
        if mentions and mentions[0].start - start <= 4:
            self.last_subject = (mentions[0].entity_id,)
            return
        words = _words(phrase)
        if 1 <= len(words) <= 4 and words[0] in ("le", "la", "the") and any(
                w in INSTITUTION_NOUNS for w in words[1:3]):
            ident = self._new(_without_determiner(phrase), "organization", start, end)
            record = self.table.records[ident]
            record.gender = record.gender or {"le": "m", "la": "f"}.get(words[0], "n")
            self.last_subject = (ident,)

    # ----------------------------------------------------------------- entry point

    def resolve(self, start: int, end: int, *, allow_first_person: bool = False
                ) -> tuple[str, ...] | None:
        """The entity ids a subject phrase stands for, or None if it names nobody."""
        start, end = self._trim(start, end)
        if start >= end:
            return None
        phrase = self.text[start:end]
        lowered = phrase.lower()
        if lowered in FIRST_PERSON:
            return None if not allow_first_person else self.last_speakers or None
        if lowered in PRONOUNS:
            return self._pronoun(lowered, start)
        parts = self._coordination(start, end)
        if parts:
            ids: list[str] = []
            for s, e in parts:
                found = self._single(s, e)
                if not found:
                    return self._single(start, end)
                ids.extend(i for i in found if i not in ids)
            return tuple(ids)
        return self._single(start, end)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        start, end = strip(self.text, start, end, SPACES + ",;:–—-«»“”\"")
        acronym = re.search(r"[ \u00a0]*\([^()]{1,20}\)$", self.text[start:end])
        if acronym and acronym.start() > 0:  # « La Confédération générale du travail (CGT) »
            end = start + acronym.start()
        changed = True
        while changed and start < end:
            changed = False
            phrase = self.text[start:end].lower()
            for filler in _FILLERS:
                if phrase.startswith(filler + " ") or phrase == filler:
                    start, end = strip(self.text, start + len(filler), end, SPACES + ",")
                    changed = True
                    break
                if phrase.endswith(" " + filler):
                    start, end = strip(self.text, start, end - len(filler), SPACES + ",")
                    changed = True
                    break
        return start, end

    def _coordination(self, start: int, end: int) -> list[tuple[int, int]]:
        phrase = self.text[start:end]
        match = re.match(r"(?i:tant)\s+(.+?)\s+que\s+(.+)$", phrase)
        if match:
            return [(start + match.start(1), start + match.end(1)),
                    (start + match.start(2), start + match.end(2))]
        pieces = re.split(r",\s+|\s+(?:et|and|ainsi que|as well as)\s+", phrase)
        if len(pieces) < 2:
            return []
        out, pos = [], 0
        for piece in pieces:
            offset = phrase.index(piece, pos)
            out.append((start + offset, start + offset + len(piece)))
            pos = offset + len(piece)
        return out

    # ----------------------------------------------------------------- one phrase

    def _single(self, start: int, end: int) -> tuple[str, ...] | None:
        start, end = self._trim(start, end)
        if start >= end:
            return None
        phrase = self.text[start:end]
        lowered = phrase.lower()
        if lowered in PRONOUNS:
            return self._pronoun(lowered, start)
        record = self._named(start, end)
        if record is not None:
            return (record.id,)
        words = _words(phrase)
        if not words or len(words) > 10:
            return None
        source = self._document(start, end)
        if source:
            return source
        if _PLURAL_DETERMINERS.match(phrase) or any(w in GROUP_NOUNS for w in words[:3]):
            group = self._group(start, end, words, _PLURAL_DETERMINERS.match(phrase))
            if group:
                return group
        organization = self._organization(start, end, words)
        if organization:
            return (organization,)
        role = self._role(start, end)
        if role:
            return role
        dependent = self._dependent(start, end)
        if dependent:
            return (dependent,)
        if any(w in INSTITUTION_NOUNS for w in words[:3]) and re.match(
                r"(?i)(?:le|la|l['’]|the|les)\b", phrase):
            ident = self._new(_without_determiner(phrase), "organization", start, end)
            record = self.table.records[ident]
            record.gender = record.gender or {"le": "m", "la": "f"}.get(words[0], "n")
            return (ident,)
        if NAME_SEQUENCE.fullmatch(phrase) and len(words) <= 4:
            entity_type = "person" if 2 <= len(words) <= 3 else "organization"
            return (self._new(phrase, entity_type, start, end),)
        return None

    def _dependent(self, start: int, end: int) -> str | None:
        """"his office", "son cabinet": the office of the person the pronoun stands for."""
        match = _POSSESSIVE.fullmatch(self.text[start:end])
        if match is None or match.group(2).lower() not in _DEPENDENTS | INSTITUTION_NOUNS:
            return None
        gender = {"his": "m", "her": "f"}.get(match.group(1).lower())
        owner = self._pronoun("he" if gender != "f" else "she", start)
        if not owner:
            return None
        name = self.table.records[owner[0]].name
        noun = match.group(2)
        label = f"{name}’s {noun}" if self.table.lang == "en" else f"{noun} de {name}"
        return self._new(label, "organization", start, end)

    def _document(self, start: int, end: int) -> tuple[str, ...] | None:
        """"the authority’s own figures" -> the authority; "a state audit" -> its source."""
        phrase = self.text[start:end]
        possessive = re.match(r"(.+?)['’]s\s+(?:own\s+|latest\s+|new\s+)?([\w-]+)", phrase)
        if possessive and possessive.group(2).lower() in _DOCUMENTS:
            return self._single(start, start + possessive.end(1))
        complement = re.match(
            rf"(?:les?|la|l['’]|une?|des|the|a|an)?\s*(?:[\w-]+\s+)?({_DOCUMENT_PATTERN})\b"
            r".*?\s(?:de la|de l['’]|du|des|de|d['’]|of|by|from)\s*(.+)$",
            phrase, re.IGNORECASE)
        if complement:
            tail = re.search(r"\s+(?:publiée?s?|parue?s?|rendue?s?|released|published|issued|"
                             r"dated)\b.*$", complement.group(2))
            offset = start + complement.start(2)
            return self._single(offset, offset + tail.start() if tail else end)
        bare = re.match(rf"(?:une?|la|le|l['’]|a|an|the)?\s*((?:[\w-]+\s+)?(?:{_DOCUMENT_PATTERN}))"
                        r"\b", phrase, re.IGNORECASE)
        if bare:
            name = bare.group(1)
            return (self._new(name, "organization", start + bare.start(1),
                              start + bare.end(1)),)
        return None

    def _organization(self, start: int, end: int, words: list[str]) -> str | None:
        """"the authority", "l’Observatoire": an organisation named earlier, by its noun."""
        if not re.match(r"(?i)(?:the|le|la|l['’])\s*", self.text[start:end]) or len(words) > 3:
            return None
        noun = words[-1] if len(words) <= 2 else None
        if noun is None or len(noun) < 4 or any(w in ROLE_NOUNS for w in words) or \
                not self.text[start:end].rstrip()[-len(noun):].islower():
            return None
        pattern = re.compile(rf"(?<!\w){re.escape(noun)}(?!\w)", re.IGNORECASE)
        best = None
        for m in self.table.mentions:
            record = self.table.records.get(m.entity_id)
            if m.start < start and record and record.type == "organization" and \
                    pattern.search(record.name):
                best = record.id
        return best

    def _named(self, start: int, end: int) -> EntityRecord | None:
        """An entity whose mention makes up the phrase (titles and determiners aside)."""
        mentions = self.table.mentions_in(start, end)
        if not mentions:
            phrase = self.text[start:end]
            known = self.table.lookup(phrase)
            if known is None and " " not in phrase.strip():
                known = self.table.person_by_surname(phrase.strip())
            return self.table.records.get(known) if known else None
        best = max(mentions, key=lambda m: m.end - m.start)
        rest = (self.text[start:best.start] + self.text[best.end:end]).strip(SPACES + ",")
        title_words = {w.lower().strip(".") for t in LEXICONS[self.table.lang].titles
                       for w in t.split()}
        allowed = title_words | {"le", "la", "l", "the", "m", "mme", "mr", "ms", "dr"}
        record = self.table.records[best.entity_id]
        if record.type == "person":
            allowed |= ROLE_NOUNS
        if all(w in allowed for w in _words(rest)) and record.type != "product":
            return record
        return None

    def _group(self, start: int, end: int, words: list[str], plural: re.Match[str] | None = None
               ) -> tuple[str, ...] | None:
        """A group named by its people: a group noun (« les analystes »), or a plural noun of
        people after a plural determiner (« les grévistes », « des infirmiers »)."""
        head = _words(self.text[plural.end() + start:end])[:1] if plural else []
        people = bool(head) and head[0][-1:] in "sx" and looks_like_role(head[0][:-1])
        if not people and not any(w in GROUP_NOUNS for w in words):
            return None
        phrase = self.text[start:end]
        name = phrase[0].lower() + phrase[1:] if _PLURAL_DETERMINERS.match(phrase) else phrase
        earlier = self._earlier_group(phrase, words)
        if earlier:
            self.table.mention(start, end, earlier)
            return (earlier,)
        ident = self._new(name, "group", start, end)
        record = self.table.records[ident]
        for m in self.table.mentions_in(start, end):
            other = self.table.records[m.entity_id]
            if other.type == "organization" and m.entity_id not in record.member_of:
                record.member_of.append(m.entity_id)
        return (ident,)

    def _earlier_group(self, phrase: str, words: list[str]) -> str | None:
        """"two officials familiar with …" after "US officials": the same group."""
        if not _ANAPHORIC.match(phrase):
            return None
        heads = [w for w in words if w in GROUP_NOUNS]
        if not heads:
            return None
        for record in reversed(list(self.table.records.values())):
            if record.type == "group" and heads[0] in _words(record.name):
                return record.id
        return None

    def _role(self, start: int, end: int) -> tuple[str, ...] | None:
        phrase = self.text[start:end]
        match = _ROLE_PHRASE.match(phrase)
        if not match:
            return None
        body_words = re.findall(r"[\w’'-]+", match.group("body").lower())
        nouns = [w for w in body_words if w in ROLE_NOUNS]
        if not nouns:
            return None
        stem = role_stem(nouns[-1])
        org_ids = {m.entity_id for m in self.table.mentions_in(start, end)}
        candidates, titled = [], []
        for record in self.table.records.values():
            if record.type != "person":
                continue
            for role in record.roles:
                stems = {role_stem(w) for w in re.findall(r"[\w’'-]+", role.title)}
                if stem in stems and (not org_ids or role.organization in org_ids):
                    candidates.append(record.id)
                    break
                if stem in stems and role.organization is None:
                    titled.append(record.id)  # « le président X » for « le président de … »
        candidates = candidates or titled
        if not candidates:
            if match.group("org") and not org_ids:
                return None
            gender = role_gender(nouns[-1])
            ident = self._new(phrase[0].lower() + phrase[1:], "person", start, end)
            if gender and self.table.records[ident].gender is None:
                self.table.records[ident].gender = gender
            return (ident,)
        best = self._most_recent(set(candidates), start)
        return (best,) if best else None

    def _new(self, name: str, entity_type: str, start: int, end: int) -> str:
        ident = self.table.add(name, entity_type, start)
        self.table.mention(start, end, ident)
        return ident

    # ----------------------------------------------------------------- coreference

    def _positions(self, position: int) -> list[tuple[int, str]]:
        mentions = [(m.start, m.entity_id) for m in self.table.mentions if m.start < position]
        refs = [(p, i) for p, i in self.references if p < position]
        return sorted(mentions + refs)

    def _most_recent(self, ids: set[str], position: int) -> str | None:
        best = None
        for _, ident in self._positions(position):
            if ident in ids:
                best = ident
        return best

    def _named_since(self, speaker: str, persons: set[str], position: int) -> bool:
        """Whether another person who fits was named after ``speaker`` last spoke: then « il »
        is that person, not a stale speaker (« … par Christian Jacob. Il a souhaité … »)."""
        spoke = max((p for p, i in self.references if i == speaker and p < position),
                    default=-1)
        return any(i != speaker and i in persons and spoke < p
                   for p, i in self._positions(position))

    def _pronoun(self, word: str, position: int) -> tuple[str, ...] | None:
        gender, plural = PRONOUNS[word]
        records = self.table.records
        if plural:
            if len(self.last_speakers) > 1 or any(
                    records[s].type in ("group", "organization") for s in self.last_speakers
                    if s in records):
                return self.last_speakers
            groups = {i for i, r in records.items() if r.type == "group"}
            recent = self._most_recent(groups, position)
            return (recent,) if recent else (self.last_speakers or None)
        topic = [s for s in self.last_subject if s in records]
        if len(topic) == 1 and records[topic[0]].type == "organization" and (
                records[topic[0]].gender == gender or (gender == "n" and self.table.lang == "en")):
            return (topic[0],)
        if gender == "n":
            return None
        last = [s for s in self.last_speakers if s in records and records[s].type == "person"]
        persons = {i for i, r in records.items()
                   if r.type == "person" and r.gender in (None, gender)}
        if len(last) == 1 and records[last[0]].gender in (None, gender) and \
                not self._named_since(last[0], persons, position):
            chosen = last[0]
        else:
            chosen = self._most_recent(persons, position)
        if chosen is None:
            return None
        if records[chosen].gender is None and gender:
            records[chosen].gender = gender
        return (chosen,)
