"""People, organisations, groups and places named in an article, with their mentions and roles.

Names come from the shipped gazetteer, from spaCy's French NER (cleaned: "Tant Roy Chua" ->
"Roy Chua", "Président Donald Trump" -> "Donald Trump" with the role "Président") and, for
English, from capitalised word sequences. Roles come from appositions ("Roy Chua, fondateur
du cabinet AvidThink", "Tom Becker, an analyst at Bernstein") and titles ("Mayor Ana Lopez").
Usage::

    from kg.extract.entities import find_entities
    table = find_entities(text, doc, "fr")
    table.at(1656, 1664).name   # -> "Roy Chua"
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.gazetteer import GazetteerEntry, load_gazetteer
from kg.extract.lexicon import LEXICONS, ROLE_NOUNS, looks_like_role, role_gender, word_set
from kg.extract.segments import SPACES, slugify
from kg.model import Entity, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

_UPPER = "A-ZÀ-ÖØ-Þ"
#: What a name cannot be made of alone.
_NOT_NAME = " .,;:!?«»“”\"'’‘-–—()[]{}/\\*…"
#: Arabic and Berber particles joined to a name by a hyphen (« Rami Abd al-Rahman »).
_PARTICLE = r"(?:al|el|ad|ar|as|an|at|ibn|bin|ben|abu|bou)-"
NAME_TOKEN = rf"(?:[{_UPPER}][\w&.’'-]*|[a-z]+[{_UPPER}][\w.-]*|{_PARTICLE}[{_UPPER}][\w&.’'-]*)"
_NAME_LINK = r"(?:of|for|de|du|des|van|von|der|da|di|al|bin|&)"
NAME_SEQUENCE = re.compile(
    rf"(?<![\w’'-]){NAME_TOKEN}(?:[ \u00a0](?:{_NAME_LINK}[ \u00a0])?{NAME_TOKEN})*"
)
_LEADING_NOISE = word_set(
    "Tant Le La Les L’ L' Selon Pour Mais Et De Du Des Un Une Ce Cette Ces Son Sa Ses Dans "
    "Avec Sur Par Chez Après Avant Depuis Quant The A An According For But And In On At By "
    "With From After Before Since As If When While This That These Those His Her Its Their "
    "Our Some Many Several Most Other Both Also Then So Yet Still However Meanwhile Asked "
    "Speaking Like")
_ORG_WORDS = word_set(
    "Inc Inc. Corp Corp. Corporation Company Co Co. Group Council Authority Department Agency "
    "Bank University Institute Institut Association Commission Ministry City Times Post Gazette "
    "News Journal Party Board Fund Ltd LLC Club Union Committee Office Police Court Service "
    "Administration Network Foundation Capital Partners Research Labs Systems Technologies "
    "Transit Transport Transportation Metro Railway Rail Airlines Motors Energy Bureau Center "
    "Centre Hospital School College Federation Alliance Coalition Society Trust Holdings Media "
    "Press Senate Congress Parliament Assembly Cabinet Treasury Reserve Consulting Ministère "
    "Agence Autorité Commission Conseil Cour Fondation Groupe Société Banque Université "
    "Observatoire Syndicat Fédération Parti Assemblée Sénat Mairie Région Département")
_MONTHS_DAYS = word_set(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Janvier Février Mars Avril Mai "
    "Juin Juillet Août Septembre Octobre Novembre Décembre")
_APPOSITION_END = re.compile(
    r"[,.;:()–—\n]|\s[–—]\s|\s(?:who|which|whose|qui|dont|où|que)\s")
_ORG_CONNECTOR = re.compile(
    r"\s(?:du|de la|de l['’]|des|de|d['’]|chez|auprès de|à l['’]|à la|au|à|at|of|with|for|"
    r"from)\s?(?=\S)"
)
_FUNCTION_WORDS = word_set("de du des d la le les l et of the and for à au aux en")
_DETERMINER = re.compile(
    r"^(?:(?:le|la|les|un|une|a|an|the|son|sa|ses|leur|leurs|its|their)[ \u00a0]+|l['’])",
    re.IGNORECASE)
_NOT_IN_NAMES = word_set("Le La Les L’ L' De Du Des Et Ou The A An And Of Or")
_NER_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place", "MISC": "organization"}
#: Other pipelines' labels, mapped onto the ones above (OntoNotes: English).
_NER_LABELS = {"PERSON": "PER", "GPE": "LOC", "FAC": "LOC", "NORP": "MISC"}


@dataclass
class EntityRecord:
    """An entity as it is being built: names, type, gender, roles, first mention."""

    id: str
    name: str
    type: str
    first: int
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    wikidata: str | None = None
    member_of: list[str] = field(default_factory=list)
    description: str | None = None
    interviewed: bool = False

    def surname(self) -> str | None:
        """The last word of a person's name ("Chua" for "Roy Chua")."""
        words = self.name.split()
        return words[-1] if self.type == "person" and len(words) > 1 else None

    def to_entity(self) -> Entity:
        """The frozen model entity."""
        return Entity(
            id=self.id, name=self.name, type=self.type, aliases=tuple(self.aliases),
            roles=tuple(self.roles), wikidata=self.wikidata, member_of=tuple(self.member_of),
            description=self.description,
        )


@dataclass(frozen=True)
class Mention:
    """A stretch of text that names an entity."""

    start: int
    end: int
    entity_id: str


class EntityTable:
    """The entities of one article and where each is named. Usage: see module docstring."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.records: dict[str, EntityRecord] = {}
        self.mentions: list[Mention] = []
        self._by_key: dict[str, str] = {}

    # ----------------------------------------------------------------- building

    def add(self, name: str, entity_type: str, first: int, *, gender: str | None = None,
            wikidata: str | None = None, entity_id: str | None = None,
            description: str | None = None) -> str:
        """The id of the entity called ``name``, created if it is new."""
        name = " ".join(name.split())
        if not name.strip(_NOT_NAME):  # a span of punctuation (« » —) is no name
            name = "?"
        key = _key(name)
        if entity_id is None and key in self._by_key:
            return self._by_key[key]
        if entity_id is not None and entity_id in self.records:
            self._by_key.setdefault(key, entity_id)
            return entity_id
        ident = entity_id or slugify(_DETERMINER.sub("", name) or name)
        base, n = ident, 2
        while ident in self.records:
            ident, n = f"{base}-{n}", n + 1
        self.records[ident] = EntityRecord(ident, name, entity_type, first, gender=gender,
                                           wikidata=wikidata, description=description)
        self._by_key[key] = ident
        return ident

    def alias(self, entity_id: str, alias: str) -> None:
        """Record another name of an entity (an entity created under that name merges in)."""
        record = self.records[entity_id]
        if alias != record.name and alias not in record.aliases:
            record.aliases.append(alias)
        other = self._by_key.get(_key(alias))
        if other is not None and other != entity_id:
            self.mentions = [Mention(m.start, m.end, entity_id) if m.entity_id == other else m
                             for m in self.mentions]
            del self.records[other]
        self._by_key[_key(alias)] = entity_id

    def mention(self, start: int, end: int, entity_id: str) -> None:
        """Record that ``text[start:end]`` names the entity."""
        self.mentions.append(Mention(start, end, entity_id))

    def finish(self) -> None:
        """Sort mentions and drop those inside a longer one."""
        ordered = sorted(set(self.mentions), key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for m in ordered:
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        self.mentions = kept

    # ----------------------------------------------------------------- queries

    def lookup(self, name: str) -> str | None:
        """The id of an entity with this name or alias, if known."""
        return self._by_key.get(_key(name))

    def at(self, start: int, end: int) -> EntityRecord | None:
        """The entity whose mention covers exactly or most of ``start:end``."""
        for m in self.mentions:
            if m.start >= start and m.end <= end and (m.end - m.start) >= 0.6 * (end - start):
                return self.records[m.entity_id]
        return None

    def covering(self, start: int, end: int) -> EntityRecord | None:
        """The entity of a mention that contains ``start:end`` (a name cut short by the
        parse: "Mitt" of "Mitt Romney")."""
        for m in self.mentions:
            if m.start <= start and end <= m.end:
                return self.records[m.entity_id]
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``start:end``."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def person_by_surname(self, word: str) -> str | None:
        """The person whose surname is ``word``, if exactly one matches."""
        found = {r.id for r in self.records.values() if r.surname() == word}
        return found.pop() if len(found) == 1 else None

    def entities(self, used: set[str]) -> list[Entity]:
        """Model entities for the ids in ``used`` plus their roles' organisations."""
        wanted = set(used)
        for ident in list(wanted):
            record = self.records.get(ident)
            if record:
                wanted.update(r.organization for r in record.roles if r.organization)
                wanted.update(record.member_of)
        records = [self.records[i] for i in wanted if i in self.records]
        records.sort(key=lambda r: (r.first, r.id))
        return [r.to_entity() for r in records]


def _key(name: str) -> str:
    return re.sub(r"[\s\u00a0’']+", " ", _DETERMINER.sub("", name.strip())).casefold()


def _is_product_like(name: str) -> bool:
    """"H800", "DeepSeek-R1", "iPhones", "Llama 3.1", "DeepSeekV3": models and products."""
    return bool(re.search(r"\d", name)) or bool(re.match(r"[a-z]+[A-Z]", name))


def _clean(text: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """Narrow a candidate name: no leading title or function word, no trailing lowercase."""
    titles = LEXICONS[lang].titles
    while start < end:
        match = re.match(r"[^\s\u00a0]+", text[start:end])
        if match is None:
            break
        token = match.group(0)
        elided = re.match(r"[lLdDsSjJnNcCqQ]u?['’](?=\w)", token)
        if elided:
            start += elided.end()
            continue
        if token in _LEADING_NOISE or token in titles or token.rstrip(".") in titles or (
            token[0].islower() and not re.search(f"[{_UPPER}]", token)
        ):
            start += match.end()
            while start < end and text[start] in SPACES:
                start += 1
            continue
        break
    linked = re.search(r"\s(?:de|des|du|d['’]\w|of|for)\s", text[start:end])
    while end > start and not linked:
        match = re.search(r"[^\s\u00a0]+$", text[start:end])
        if match is None:
            break
        token = match.group(0)
        if token[0].islower() and not re.search(f"[{_UPPER}\\d]", token):
            end = start + match.start()
            while end > start and text[end - 1] in SPACES:
                end -= 1
            continue
        break
    possessive = re.search(r"['’]s?$", text[start:end])
    if possessive:
        end = start + possessive.start()
    if end > start and text[end - 1] == "." and not re.search(r"(?:\b\w\.){2,}$|Inc\.$|Co\.$",
                                                              text[start:end]):
        end -= 1
    if end - start < 2 or not re.search(f"[{_UPPER}]", text[start:end]):
        return None
    return start, end


def _extend_right(text: str, end: int) -> int:
    """Extend a name over following capitalised words ("Mobile World" + "Live")."""
    while True:
        match = re.match(rf"[ \u00a0]({NAME_TOKEN})", text[end:])
        if match is None or match.group(1) in _NOT_IN_NAMES:
            return end
        token = match.group(1).rstrip(".,")
        end += 1 + len(token)


def _acronym_of(name: str, candidate: str) -> bool:
    """"MWL" for "Mobile World Live", "ILEE" for "Institut lorrain d’études économiques"."""
    letters = candidate.replace(".", "").upper()
    words = [re.sub(r"^[dlDL]['’]", "", w) for w in re.split(r"[\s-]+", name)]
    capitals = "".join(w[0] for w in words if w and w[0].isupper())
    content = "".join(w[0] for w in words if w and w.lower() not in _FUNCTION_WORDS)
    plain = unicodedata.normalize("NFKD", content).encode("ascii", "ignore").decode().upper()
    return len(letters) >= 2 and letters in (capitals.upper(), plain)


class _Finder:
    """Fills an EntityTable from gazetteer, NER and rule-based names."""

    def __init__(self, text: str, lang: str, doc: Doc | None) -> None:
        self.text = text
        self.lang = lang
        self.doc = doc
        self.table = EntityTable(text, lang)
        self.gazetteer = load_gazetteer()
        self.taken: list[tuple[int, int]] = []

    def run(self) -> EntityTable:
        for match in self.gazetteer.find(self.text, self.lang):
            self._add_known(match.entry, match.start, match.end)
        for start, end, label in self._candidates():
            self._add_candidate(start, end, label)
        self.table.finish()
        self._acronyms()
        self._roles()
        self.table.finish()
        return self.table

    def _add_known(self, entry: GazetteerEntry, start: int, end: int) -> None:
        ident = self.table.add(entry.name(self.lang), entry.type, start, gender=entry.gender,
                               wikidata=entry.wikidata, entity_id=entry.id)
        surface = self.text[start:end]
        if surface != self.table.records[ident].name and surface in entry.aliases:
            self.table.alias(ident, surface)
        self.table.mention(start, end, ident)
        self.taken.append((start, end))

    def _candidates(self) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        if self.doc is not None and self.doc.has_annotation("ENT_IOB"):
            for ent in self.doc.ents:
                label = _NER_LABELS.get(ent.label_, ent.label_)
                if label in _NER_TYPES:
                    out.append((ent.start_char, ent.end_char, label))
        else:
            for match in NAME_SEQUENCE.finditer(self.text):
                pos = match.start()
                for stop in re.finditer(r"(?<=[a-z]{2})\.[ \u00a0]+", match.group(0)):
                    out.append((pos, match.start() + stop.start(), "NAME"))
                    pos = match.start() + stop.end()
                out.append((pos, match.end(), "NAME"))
        return out

    def _overlaps_known(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def _add_candidate(self, start: int, end: int, label: str) -> None:
        first = self.text[start:end].split()[0] if self.text[start:end].split() else ""
        if label in ("ORG", "MISC") and first.islower() and first in ROLE_NOUNS:
            return  # "ministre de la Santé": a role, not an organisation
        cleaned = _clean(self.text, start, end, self.lang)
        if cleaned is None:
            return
        start, end = cleaned
        if label != "NAME":
            end = self._extension(end, _extend_right(self.text, end))
        if self._overlaps_known(start, end):
            return
        name = self.text[start:end]
        if label == "NAME" and not self._plausible_english_name(start, name):
            return
        if "&" in name and len(name) <= 4:
            return
        entity_type = self._type_of(name, label, start, end)
        if entity_type is None:
            return
        ident = self._resolve_single(name, entity_type)
        if ident is None:
            gender = self._title_gender(start)
            ident = self.table.add(name, entity_type, start, gender=gender)
        self.table.mention(start, end, ident)

    def _extension(self, end: int, extended: int) -> int:
        """Where a name extended over capitalised words stops: before the next name the NER
        found or a title ("Senate" + "Minority Leader Harry M. Reid": "Senate")."""
        titles = LEXICONS[self.lang].titles
        stops = [e.start_char for e in self.doc.ents if end < e.start_char < extended] \
            if self.doc is not None else []
        stops += [end + m.start() for m in re.finditer(r"\S+", self.text[end:extended])
                  if m.group() in titles or m.group().rstrip(".,") in titles]
        if not stops:
            return extended
        cut = min(stops)
        while cut > end and self.text[cut - 1] in SPACES:
            cut -= 1
        return cut

    def _plausible_english_name(self, start: int, name: str) -> bool:
        words = name.split()
        if all(w in _MONTHS_DAYS for w in words):
            return False
        if _sentence_initial(self.text, start) and len(words) == 1:
            elsewhere = [m for m in re.finditer(rf"(?<![\w-]){re.escape(words[0])}(?![\w-])",
                                                self.text)
                         if not _sentence_initial(self.text, m.start())]
            if not elsewhere:
                return False
        return not (len(words) == 1 and words[0].upper() == words[0] and len(words[0]) <= 1)

    def _type_of(self, name: str, label: str, start: int, end: int) -> str | None:
        words = name.split()
        if _is_product_like(name):
            return "product"
        if any(w in _ORG_WORDS for w in words):
            return "organization"
        if label == "LOC":
            return "place"
        if re.search(r"(?:^|\s)(?:the|The)[ \u00a0]$", self.text[max(0, start - 5):start]):
            return "organization" if label == "NAME" else _NER_TYPES.get(label, "thing")
        titled = self._title_gender(start) is not None or self._titled(start)
        apposition = self._apposition_after(end) is not None
        if label in ("PER", "NAME"):
            capitalised = all(w[0].isupper() for w in words if w not in
                              ("de", "van", "von", "der", "da", "di", "al", "bin"))
            if len(words) >= 2 and capitalised and (
                    label == "PER" or titled or apposition or not name.isupper()):
                return "person"
            if len(words) == 1:
                return "person" if titled else "thing"
            return "thing"
        if apposition and len(words) >= 2:
            return "person"
        return _NER_TYPES.get(label, "thing")

    def _resolve_single(self, name: str, entity_type: str) -> str | None:
        known = self.table.lookup(name)
        if known is not None:
            return known
        words = name.split()
        if len(words) == 1:
            return self.table.person_by_surname(words[0])
        return None

    def _titled(self, start: int) -> bool:
        before = self.text[max(0, start - 30):start]
        titles = LEXICONS[self.lang].titles
        return any(re.search(rf"(?<!\w){re.escape(t)}[ \u00a0]$", before) for t in titles)

    def _title_gender(self, start: int) -> str | None:
        before = self.text[max(0, start - 30):start]
        for title, gender in LEXICONS[self.lang].titles.items():
            if gender and re.search(rf"(?<!\w){re.escape(title)}[ \u00a0]$", before):
                return gender
        return None

    def _acronyms(self) -> None:
        for m in list(self.table.mentions):
            match = re.match(r"[ \u00a0]*\(([A-Z][A-Za-z0-9&.]{1,10})\)", self.text[m.end:])
            record = self.table.records.get(m.entity_id)
            if record is None:
                continue
            if match and _acronym_of(record.name, match.group(1)):
                acronym = match.group(1)
                if acronym in record.aliases:
                    continue
                self.table.alias(record.id, acronym)
                for found in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", self.text):
                    self.table.mentions = [x for x in self.table.mentions
                                           if x.start != found.start()]
                    self.table.mention(found.start(), found.end(), record.id)

    # ----------------------------------------------------------------- roles

    def _apposition_after(self, end: int) -> tuple[int, int] | None:
        """The span of a role apposition right after a name: ", fondateur du cabinet X"."""
        match = re.match(r",[ \u00a0]+", self.text[end:])
        if match is None:
            return None
        start = end + match.end()
        stop = _APPOSITION_END.search(self.text, start)
        stop_at = stop.start() if stop else len(self.text)
        words = self.text[start:stop_at].split()
        if not words or len(words) > 16:
            return None
        head = [w.lower().strip(".,") for w in words[:4]]
        if head and _DETERMINER.match(words[0] + " "):
            head = head[1:]
        if not any(looks_like_role(w) for w in head[:2]) and \
                not any(w in ROLE_NOUNS for w in head[:3]):
            return None
        return start, stop_at

    def _roles(self) -> None:
        for m in list(self.table.mentions):
            record = self.table.records[m.entity_id]
            if record.type not in ("person", "thing", "organization"):
                continue
            span = self._apposition_after(m.end)
            if span is not None and record.type != "place":
                if record.type != "person" and len(record.name.split()) >= 2:
                    record.type = "person"
                if record.type == "person":
                    self._add_role(record, *span)
                    record.interviewed = True
            if record.type == "person":
                self._title_role(record, m.start)
                self._role_before(record, m.start)

    def _organization(self, start: int, end: int) -> tuple[str | None, int | None]:
        """The organisation named in a role phrase and where its name starts."""
        mentions = [m for m in self.table.mentions
                    if start <= m.start and m.end <= end
                    and self.table.records[m.entity_id].type in ("organization", "thing")]
        if mentions:
            org = mentions[-1]
            self.table.records[org.entity_id].type = "organization"
            return org.entity_id, org.start
        possessive = re.match(r"(?:the\s+)?([\w-]+(?:\s[\w-]+)?)['’]s\s", self.text[start:end])
        if possessive:
            ident = self.organization_named(possessive.group(1), start)
            if ident:
                return ident, start
        return None, None

    def organization_named(self, noun: str, before: int) -> str | None:
        """The organisation named earlier whose name holds ``noun`` ("the authority")."""
        pattern = re.compile(rf"(?<!\w){re.escape(noun)}(?!\w)", re.IGNORECASE)
        found = None
        for m in self.table.mentions:
            record = self.table.records.get(m.entity_id)
            if m.start < before and record and record.type == "organization" and \
                    pattern.search(record.name):
                found = record.id
        return found

    def _add_role(self, record: EntityRecord, start: int, end: int) -> None:
        text = self.text
        det = _DETERMINER.match(text[start:end])
        if det:
            start += det.end()
        phrase = text[start:end]
        org_id, org_start = self._organization(start, end)
        title = phrase.strip()
        if org_id is not None and org_start is not None:
            possessive = re.match(r"(?:the\s+)?[\w-]+(?:\s[\w-]+)?['’]s\s+", phrase)
            if possessive and org_start == start:
                title = phrase[possessive.end():].strip()
            else:
                for connector in _ORG_CONNECTOR.finditer(phrase):
                    if start + connector.start() < org_start:
                        title = phrase[:connector.start()].strip()
                        break
        if not title:
            return
        role = Role(title=title, organization=org_id, span=Span(start, end, phrase))
        if all(r.span != role.span for r in record.roles):
            record.roles.append(role)
        if record.gender is None:
            for word in title.split():
                gender = role_gender(word)
                if gender:
                    record.gender = gender
                    break

    def _role_before(self, record: EntityRecord, start: int) -> None:
        """"la ministre de la Transition énergétique, Hélène Marchal": a role before the name."""
        before = self.text[max(0, start - 90):start]
        match = re.search(r"(?:^|[\s(])(?:le|la|l['’]|the|sa|son|his|her|its|their)[ \u00a0]*"
                          r"([^,.;:()]{2,80}),[ \u00a0]+$", before, re.IGNORECASE)
        if match is None:
            return
        words = [w.lower() for w in match.group(1).split()]
        skip = 0
        if words and re.search(r"['’]s$", words[0]):
            skip = len(match.group(1).split()[0]) + 1
            words = words[1:]
        if not words or words[0] not in ROLE_NOUNS or len(words) > 8:
            return
        group_start = start - len(before) + match.start(1)
        r_start, r_end = group_start + skip, group_start + len(match.group(1).rstrip())
        self._add_role(record, r_start, r_end)

    def _title_role(self, record: EntityRecord, start: int) -> None:
        before = self.text[max(0, start - 60):start]
        titles = LEXICONS[self.lang].titles
        honorifics = ("M.", "Mme", "Mme.", "Mlle", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
                      "Miss", "Sir", "Dame", "Lord", "Lady", "Dr", "Dr.", "Pr", "Prof", "Prof.")
        for title in sorted(titles, key=len, reverse=True):
            flags = 0 if title in honorifics else re.IGNORECASE
            match = re.search(rf"(?<![\w-]){re.escape(title)}[ \u00a0]$", before, flags)
            if match:
                gender = titles[title]
                if record.gender is None and gender:
                    record.gender = gender
                if title in honorifics:
                    return
                t_start = start - len(before) + match.start()
                words = match.group(0).strip()
                span = Span(t_start, t_start + len(words), words)
                if all(r.span != span for r in record.roles):
                    record.roles.append(Role(title=words, span=span))
                return


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start]
    return start == 0 or bool(re.search(r"(?:[.!?…:»”\"\n]|^)[\s\u00a0«“\"]*$", before))


def find_entities(text: str, doc: Doc | None, lang: str) -> EntityTable:
    """Every entity named in ``text`` with its mentions and roles. Usage: see module doc."""
    return _Finder(text, lang, doc).run()
