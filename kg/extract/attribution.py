"""Reporting patterns: who is said to say what, as spans of the article text.

Recognised: "X estime que …" / "X said (that) …" (with appositions, relative clauses,
compound tenses, "à MWL" / "told Reuters" recipients, "arguing that …"); "Pour X, …",
"Selon X, …", "According to X, …"; "…, selon X." / "…, officials said."; incises after or
inside quotes ("», juge l’analyste", "a-t-il déclaré", "said Mayor Ana Lopez", "she said");
relative follow-ups (", qui précise que …"); "X se disent prêts à …". Usage::

    from kg.extract.attribution import Patterns
    patterns = Patterns(text, "fr")
    found = patterns.reported(sentence_start, sentence_end)
    text[found.content[0]:found.content[1]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.lexicon import (
    APOS,
    FR_INFINITIVE_CUES,
    FR_NOUN_PHRASE_CUES,
    GERUNDS,
    GROUP_NOUNS,
    INSTITUTION_NOUNS,
    LEXICONS,
    ROLE_NOUNS,
    Lexicon,
    looks_like_role,
    word_set,
)
from kg.extract.segments import SPACES, strip

Span2 = tuple[int, int]

_DETERMINERS_BEFORE_NOUN = {
    "fr": re.compile(r"(?:\b(?:l|d)['’]|\b(?:la|le|les|une|un|cette|ce|cet|son|sa|ses|leur|leurs|"
                     r"des|du|notre|votre|nos|vos|mon|ma|mes)\s+)$", re.IGNORECASE),
    "en": re.compile(r"\b(?:the|a|an|his|her|their|its|this|that|our|your|my)\s+$",
                     re.IGNORECASE),
}
_FR_FILLER_WORDS = word_set(
    "notamment outre surtout toujours nouveau "
    "à au aux pour sa part également aussi toutefois donc encore d'ailleurs d’ailleurs par "
    "ailleurs lui-même elle-même eux-mêmes alors ensuite enfin même bien pourtant cependant "
    "néanmoins de son leur côté ainsi clairement volontiers sans détour ouvertement "
    "publiquement hier lundi mardi mercredi jeudi vendredi samedi dimanche récemment dans un "
    "une entretien communiqué interview le la les l' l’ sur auprès avec déjà elle il lui leur "
    "contraire quant eux elles désormais -t-il -t-elle")
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NOT_FUNCTION = r"(?!(?:on|at|in|that|to|with|for|by|of)\b)"
_EN_FILLERS = re.compile(
    rf"(?:on {_DAY}(?: (?:morning|afternoon|evening|night))?|{_DAY}|last (?:week|month|year)|"
    r"this (?:week|month|year)|yesterday|today|earlier|later|"
    rf"(?:in|at|during) (?:a|an|the) [\w-]+(?: {_NOT_FUNCTION}[\w-]+)?|"
    r"by (?:phone|email|telephone)|via email|"
    r"recently|also|again|repeatedly|publicly|previously|flatly|then)\b", re.IGNORECASE)
_EN_CLAUSE_START = re.compile(
    r"(?:the|a|an|it|he|she|they|we|i|this|that|these|those|there|its|his|her|their|our|"
    r"some|many|most|no|none|all|every|each|any|more|fewer|only|[A-Z]|\d|\$|£|€)\b")
_EN_CLAUSE_VERBS = word_set(
    "say tell add argue claim insist warn note predict think believe estimate acknowledge "
    "admit concede contend maintain explain suggest write stress reckon fear expect report "
    "announce confirm allege assert caution")
_SOURCE_FR = re.compile(rf"(?:selon|d{APOS}après|pour|aux yeux d(?:e |{APOS})|"
                        rf"de l{APOS}avis d(?:e |{APOS})|à en croire)\s+", re.IGNORECASE)
_SOURCE_EN = re.compile(r"(?:according to|in the view of|in the words of|for)\s+",
                        re.IGNORECASE)
_POSTPOSED_SOURCE = {
    "fr": re.compile(rf"(?:selon|d{APOS}après|à en croire)\s+", re.IGNORECASE),
    "en": re.compile(r"according to\s+", re.IGNORECASE),
}
_SUBJECT_END = re.compile(r"[,.;:!?()«»“”\"]|\s[–—]\s")
_SUBJECT_CUT = {
    "fr": re.compile(r"\s(?:sur|à|au|aux|lors|devant|pendant|dans|en|depuis|après|avant|"
                     r"mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|hier)\s"),
    "en": re.compile(r"\s(?:at|in|on|during|outside|after|before|from|to|ahead|while|as|"
                     r"when|via|with)\s"),
}
_RECIPIENT_AFTER = {
    "fr": re.compile(r"\s*(?:sur|à|au|aux|auprès de|dans)\s+(?:l['’]|la\s|le\s)?"
                     r"([A-ZÀ-Þ][\w&’'-]*(?:[ \u00a0](?:de |du |des )?[A-ZÀ-Þ][\w&’'-]*)*)"),
    "en": re.compile(r"\s*(?:to|on|in an interview with|told)\s+(?:the\s)?"
                     r"([A-Z][\w&’'-]*(?:[ \u00a0][A-Z][\w&’'-]*)*)"),
}
_FINITE = re.compile(r"\s(?:ont|a|avait|avaient|sont|est|était|étaient|have|has|had|were|was|"
                     r"is|are|remain|remains|remained)\s")
_AUX_PRONOUN = re.compile(r"(?:a-t|ont|avait|avaient|aurait|auraient|eut)-(il|elle|ils|elles|on)"
                          r"\s+", re.IGNORECASE)
#: A clitic before the verb of an incise: « », lui avait dit X ».
_CLITIC = re.compile(r"(?:lui|leur|nous|vous|me|m['’]|s['’]|se)\s*", re.IGNORECASE)
_INVERTED_PRONOUN = re.compile(r"(?:-t)?-(il|elle|ils|elles|on)(?![\w-])", re.IGNORECASE)
_AUXILIARY_FR = re.compile(
    r"(?:a|ont|avait|avaient|aurait|est|sont|était|étaient)\s+"
    r"(?:(?:ensuite|également|aussi|encore|déjà|enfin|alors|"
    r"toutefois|pourtant|même|plus tard|d['’]ailleurs|par ailleurs|lui-même|elle-même|"
    r"pour sa part|de son côté)\s+)*", re.IGNORECASE)
_SELF_CLAIM = {
    "fr": re.compile(r"\bse (?:disent|dit|disait|disaient|déclarent|déclare|montrent|montre|"
                     r"affirment|affirme)\b"),
    "en": re.compile(r"\b(?:say|says|said|claim|claims|claimed) (?:they|it) (?:are|is|"
                     r"were|was)\b"),
}
_RELATIVE_HEAD = re.compile(r"(?:qui|who|which|whose|dont|où|that)\b", re.IGNORECASE)
_STRESSED_PRONOUNS = word_set("lui elle eux elles themselves himself herself")
_COMPLEMENTISER = {
    "fr": re.compile(rf"\s*(?:qu(?:e\s+|{APOS})|si\s+|pourquoi\s+|comment\s+|combien\s+)"),
    "en": re.compile(r"\s*(?:that|why|whether|if|how)\s+"),
}
_TRAILING_AUX = re.compile(
    r"\s(?:a|ont|avait|avaient|aurait|auraient|has|have|had|will|would|also|ne|n['’]|lui|"
    r"leur|se|s['’]|pour sa part|pour leur part|lui-même|elle-même|eux-mêmes|également|aussi|"
    r"toutefois|encore|déjà|quant à lui|quant à elle|quant à eux|de son côté|de leur côté|"
    r"et|and|however|later|au contraire|but|mais)$", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A reporting pattern: the subject phrase, the verb, the content and what it covers."""

    subject: Span2
    verb: str | None
    content: Span2
    start: int
    end: int
    recipient: Span2 | None = None
    pattern: str = "que"


@dataclass(frozen=True)
class Incise:
    """An attribution next to a quote: subject span, verb lemma, recipient, where it ends."""

    subject: Span2
    verb: str | None
    end: int
    recipient: Span2 | None = None


def _split_recipient(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a run of capitalised words after « à » splits into a recipient and the name of
    the speaker: after an acronym (« à l'AFP Jean Dupont »), else before the last two words
    (« à Radio Nova Jean Dupont »). Returns (end of the recipient, start of the name)."""
    words = list(re.finditer(r"[^ \u00a0]+", text[start:end]))
    if len(words) < 2:
        return None
    first = words[0].group(0)
    if first.isupper() and len(first) >= 2:
        return start + words[0].end(), start + words[1].start()
    if len(words) >= 3:
        return start + words[-3].end(), start + words[-2].start()
    return None


#: Lower-case words that open a subject or a new clause, not an aside.
_OPENS_A_SUBJECT = word_set(
    "il elle ils elles on nous je he she they we i the a an his her their its our some many "
    "most all both several officials celui-ci celle-ci mais et puis or donc ensuite and but "
    "then")
#: A name set off by commas after a description (« le président du CERN, Michel Spiro, »).
_APPOSED_NAME = re.compile(r"[ \u00a0]*((?:[A-ZÀ-Þ][\w’'.-]+[ \u00a0]?){1,4}?)[ \u00a0]*,")
_DESCRIPTION = re.compile(r"[ \u00a0]*(?:le|la|les|l['’]|un|une|the|a|an)[ \u00a0]",
                          re.IGNORECASE)
#: A name followed by its role without a comma (« Jean Dupont le vice-président de X »).
_NAME_THEN_ROLE = re.compile(r"((?:[A-ZÀ-Þ][\w’'-]+[ \u00a0]){1,3}?[A-ZÀ-Þ][\w’'-]+)[ \u00a0]+"
                             r"(?:le|la|l['’])[ \u00a0]?\w")
#: A relative pronoun (and clitic, auxiliary) right before a cue: ", qui lui avait".
_RELATIVE_BEFORE = re.compile(
    r"(?i),\s*(?:qui|who)\s+(?:(?:lui|leur|nous|vous|me|m['’]|l['’])\s*)?"
    r"(?:(?:a|ont|avait|avaient|aurait|has|have|had)\s+)?$")
#: The name or noun phrase that ends a stretch of text (a relative clause's antecedent).
_TRAILING_NAME = re.compile(r"(?<![\w’'-])(?:[A-ZÀ-Þ][\w’'.-]*[ \u00a0](?:(?:de|du|des|al|el)"
                            r"[ \u00a0])?){0,3}[A-ZÀ-Þ][\w’'.-]*$")
_TRAILING_NP = re.compile(r"(?<![\w’'-])(?:le|la|les|l['’]|the)[ \u00a0]?[^,;:]{0,60}$",
                          re.IGNORECASE)
#: A gerund phrase between a cue and its « que » (« en recevant la coupe »).
_GERUND_ASIDE = re.compile(r"en\s+[a-zéèêç]+ant(?:\s+[^\s,.;:«»]+){0,4}?(?=\s+qu)",
                           re.IGNORECASE)
#: Capitalised words that open a sentence without naming anyone.
_NOT_A_SUBJECT = word_set(
    "lors dans selon pour après avant depuis pendant malgré avec sans sur sous chez par entre "
    "vers en à au aux aujourd'hui hier demain ainsi alors mais et or donc puis enfin cependant "
    "toutefois pourtant néanmoins ensuite désormais during after before since with without "
    "in on at for from today yesterday but and then however meanwhile")
#: An infinitive clause after a cue: « avoir été », « de baisser », « ne pas céder ».
_INFINITIVE = re.compile(r"(?:d['’]|de\s+)?((?:ne\s+(?:pas|plus|jamais)\s+)?"
                         r"(?!(?:contre|entre|notre|votre|autre|hier|leur|premier|dernier)\b)"
                         r"[a-zéèêâîôûç]{2,}(?:er|ir|re|oir))(?![\w’'-])")
#: A comma between clauses, not the decimal comma of « 16,97 ».
_COMMA = re.compile(r",(?!\d)")
#: What starts a noun phrase: a determiner, a possessive or a number.
_NP_START = re.compile(
    r"(?:(?:le|la|les|un|une|des|du|ce|cet|cette|ces|son|sa|ses|leur|leurs|notre|nos|"
    r"plusieurs|certains|certaines|toute|toutes|tout|tous)\s|[ld]['’]|\d|[«“]\s?\w)",
    re.IGNORECASE)
#: Where a noun-phrase content stops: the writer's own clause after it.
_CLAUSE_BREAK = re.compile(r"\s*(?:;|,\s+[a-zéè]+ant\b|\s+et\s+(?:a|ont|avait|avaient)\s|"
                           r",\s+(?:tandis|alors|mais|ce qui|et ce|selon|"
                           r"afin|avant|après|lors|pendant|dont|où))")


def _clause_end(text: str, start: int, end: int) -> int:
    found = _CLAUSE_BREAK.search(text, start, end)
    return found.start() if found else end


@lru_cache(maxsize=2)
def _verb_pattern(lang: str) -> re.Pattern[str]:
    forms = sorted([*LEXICONS[lang].speech_verbs, *GERUNDS[lang]], key=len, reverse=True)
    alternatives = "|".join(re.escape(f).replace("'", "['’]") for f in forms)
    return re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'])", re.IGNORECASE)


_WORD_RUN = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=2)
def _first_words(lang: str) -> frozenset[str]:
    """The first word of every verb form of the language (« fait » of « fait état »)."""
    forms = [*LEXICONS[lang].speech_verbs, *GERUNDS[lang]]
    return frozenset(_WORD_RUN.match(f.lower().replace("’", "'")).group(0)
                     for f in forms if _WORD_RUN.match(f))


class Patterns:
    """The reporting patterns of one article text in one language."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.lex: Lexicon = LEXICONS[lang]
        self.verbs = _verb_pattern(lang)
        self.gerunds = GERUNDS[lang]

    def _lemma(self, form: str) -> str | None:
        return self.lex.verb_lemma(form) or self.gerunds.get(form.lower())

    # ----------------------------------------------------------------- verbs

    def verbs_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Speech verbs between ``start`` and ``end`` that are verbs, not nouns."""
        out = []
        firsts = _first_words(self.lang)
        for word in _WORD_RUN.finditer(self.text, start, end):
            if word.group(0).lower().replace("’", "'") not in firsts:
                continue  # the verb table's one regex only where a form can start
            match = self.verbs.match(self.text, word.start(), end)
            if match is None:
                continue
            before = self.text[max(0, match.start() - 12):match.start()]
            if _DETERMINERS_BEFORE_NOUN[self.lang].search(before):
                continue
            lemma = self._lemma(match.group(0))
            if lemma:
                out.append((match.start(), match.end(), lemma))
        return out

    def is_gerund(self, start: int, end: int) -> bool:
        """Whether the verb at ``start:end`` is a present participle ("arguing")."""
        return self.text[start:end].lower() in self.gerunds

    # ----------------------------------------------------------------- reported speech

    def reported(self, start: int, end: int) -> Found | None:
        """The first reporting pattern of a sentence, if any."""
        return (self.source_first(start, end) or self.verb_complement(start, end)
                or self.postposed(start, end))

    def source_first(self, start: int, end: int) -> Found | None:
        """"Pour X, …", "Selon X, …", "According to X, …" at the start of a sentence."""
        start = self.skip_connectors(start, end)
        pattern = _SOURCE_FR if self.lang == "fr" else _SOURCE_EN
        match = pattern.match(self.text, start, end)
        if match is None:
            return None
        subject_start = match.end()
        comma = self.text.find(",", subject_start, end)
        if comma < 0 or len(self.text[subject_start:comma].split()) > 12:
            return None
        named = _APPOSED_NAME.match(self.text, comma + 1, end)
        if named and _DESCRIPTION.match(self.text, subject_start, comma):
            # « Selon le président du CERN, Michel Spiro, … »: the name
            subject_start, comma = named.start(1), named.end(1)
        content_start = self.skip_asides(comma + 1, end)
        content = strip(self.text, content_start, end)
        if len(self.text[content[0]:content[1]].split()) < 3:
            return None
        inner = self.verb_complement(content_start, end)
        if inner is not None and inner.subject[0] - content_start <= 2:
            # « Selon l'AFP, le Conseil a appelé à … »: the Conseil said it, the AFP reports
            return replace(inner, start=start, recipient=(subject_start, comma))
        word = match.group(0).split()[0].lower()
        return Found((subject_start, comma), None, content, start, end,
                     pattern="pour" if word in ("pour", "for") else "source")

    def skip_asides(self, start: int, end: int) -> int:
        """Offset past role appositions and relative clauses: ", économiste à X, qui a …,"."""
        while True:
            found = _COMMA.search(self.text, start, end)  # not the one of « 16,97 % »
            if found is None:
                return start
            comma = found.start()
            segment = strip(self.text, start, comma)
            if not (self._is_apposition(*segment) or self._is_relative(*segment) or (
                    segment[0] < segment[1] and self._is_aside(*segment))):
                return start
            start = comma + 1

    def skip_connectors(self, start: int, end: int) -> int:
        """Offset past leading connectors ("Mais", "De fait,")."""
        start = strip(self.text, start, end)[0]
        changed = True
        while changed:
            changed = False
            for connector in self.lex.connectors:
                match = re.match(rf"(?i){re.escape(connector)}\b[ ,\u00a0]*", self.text[start:end])
                if match and match.end() > 0:
                    start += match.end()
                    changed = True
                    break
        return start

    def verb_complement(self, start: int, end: int) -> Found | None:
        """"X précise à MWL que …", "X said (that) …", "…, arguing that …"."""
        for v_start, v_end, lemma in self.verbs_in(start, end):
            relative = self._relative_before(start, v_start)
            if relative is None and re.search(
                    r"(?i)\b(?:qui|who|which)\s+(?:(?:a|ont|has|have)\s+)?$",
                    self.text[max(start, v_start - 12):v_start]) or (
                    relative is not None and self.postposed(start, end) is not None):
                continue  # « …, estime la ministre, qui précise que … »: the postposed cue
            scan = self._complement_fr(v_end, end) if self.lang == "fr" else \
                self._complement_en(v_end, end, lemma)
            pattern = "que"
            if scan is None and self.lang == "fr" and lemma in FR_NOUN_PHRASE_CUES | \
                    FR_INFINITIVE_CUES | {"faire état"}:
                scan, pattern = self._noun_phrase_fr(v_end, end, lemma), "np"
            if scan is None:
                continue
            content_start, recipient = scan
            if relative is not None:  # « X, le ministre, qui a déclaré que … »: X
                subject = self._antecedent(start, relative.start())
            elif self.is_gerund(v_start, v_end):
                subject = self.leading_np(start, v_start)
            else:
                subject = self.subject_before(start, v_start)
            if subject is None:
                continue
            content = strip(self.text, content_start, end)
            if pattern == "np":
                content = strip(self.text, content[0], _clause_end(self.text, *content))
            if len(self.text[content[0]:content[1]].split()) < 3:
                continue
            return Found(subject, lemma, content, subject[0], end, recipient, pattern=pattern)
        return None

    def _noun_phrase_fr(self, pos: int, end: int, lemma: str
                        ) -> tuple[int, Span2 | None] | None:
        """Where a noun-phrase content starts after a cue: past fillers (« mardi »,
        « également »), a recipient (« au gouvernement »), « de » after « faire état »,
        « à » before a number after « estimer »."""
        recipient = None
        for _ in range(8):
            while pos < end and self.text[pos] in SPACES:
                pos += 1
            rest = self.text[pos:end]
            if rest.startswith(","):  # « a relevé, grâce aux indications de X, l'existence »
                close = self.text.find(",", pos + 1, min(end, pos + 120))
                if close < 0:
                    return None
                pos = close + 1
                continue
            if rest[:1] in "«“" and _NP_START.match(rest) and lemma in FR_NOUN_PHRASE_CUES:
                return pos, recipient  # « a dénoncé « une attaque … » »
            word = re.match(r"[^\s,.;:«»]+", rest)
            if word is None:
                return None
            lowered = word.group(0).lower().replace("’", "'")
            if lemma == "faire état":  # « fait état de l'exécution de … »
                if lowered.startswith("d'"):
                    return pos + 2, recipient
                return (pos + len(lowered), recipient) if lowered in ("de", "du", "des") \
                    else None
            if _NP_START.match(rest) and lemma in FR_NOUN_PHRASE_CUES:
                return pos, recipient
            if lemma in FR_INFINITIVE_CUES:  # « raconte avoir été … », « promet de baisser »
                infinitive = _INFINITIVE.match(rest)
                if infinitive:
                    return pos + infinitive.start(1), recipient
            if lowered in ("à", "au", "aux") and re.match(r"\S+\s+\d", rest):
                return pos + len(word.group(0)) + 1, recipient
            if lowered in ("à", "au", "aux", "auprès"):
                told = re.match(r"\S+\s+(?:de\s+)?(?:l['’]|la\s+|le\s+|les\s+)?[\w’'-]+", rest)
                if told is None:
                    return None
                recipient = recipient or (pos, pos + told.end())
                pos += told.end()
                continue
            if lowered not in _FR_FILLER_WORDS or lowered in ("le", "la", "les", "l'", "un",
                                                              "une"):
                return None
            pos += len(word.group(0))
        return None

    def _complement_fr(self, pos: int, end: int) -> tuple[int, Span2 | None] | None:
        recipient = None
        inverted = _INVERTED_PRONOUN.match(self.text, pos, end)
        if inverted:
            pos = inverted.end()
        for _ in range(14):
            while pos < end and self.text[pos] in SPACES:
                pos += 1
            rest = self.text[pos:end]
            que = re.match(rf"(?:(?:à\s+)?ce\s+)?qu(?:e\s+|{APOS})", rest, re.IGNORECASE)
            if que:  # « que », « ce que », « à ce que »
                return pos + que.end(), recipient
            if rest.startswith(","):
                close = self.text.find(",", pos + 1, min(end, pos + 90))
                if close < 0:
                    return None
                pos = close + 1
                continue
            named = _RECIPIENT_AFTER["fr"].match(self.text, pos, end)
            if named and named.start() == pos:
                recipient = (named.start(1), named.end(1))
                pos = named.end()
                continue
            gerund = _GERUND_ASIDE.match(rest)  # « déclare en recevant la coupe que … »
            if gerund:
                pos += gerund.end()
                continue
            word = re.match(r"[^\s,.;:«»]+", rest)
            if word is None or word.group(0).lower() not in _FR_FILLER_WORDS:
                return None
            pos += len(word.group(0))
        return None

    def _skip_en_fillers(self, pos: int, end: int) -> int:
        for _ in range(6):
            while pos < end and self.text[pos] in SPACES + ",":
                pos += 1
            filler = _EN_FILLERS.match(self.text, pos, end)
            if filler is None:
                return pos
            pos = filler.end()
        return pos

    def _complement_en(self, pos: int, end: int, lemma: str) -> tuple[int, Span2 | None] | None:
        recipient = None
        pos = self._skip_en_fillers(pos, end)
        if lemma == "tell":
            match = re.match(r"((?:the\s+)?[A-Za-z][\w’'-]*(?:\s+[A-Z][\w’'&-]*){0,3})",
                             self.text[pos:end])
            if match is None:
                return None
            recipient = self._named_recipient(pos + match.start(1), pos + match.end(1))
            pos = self._skip_en_fillers(pos + match.end(), end)
        complement = _COMPLEMENTISER["en"].match(self.text, pos, end)
        if complement:
            return complement.end(), recipient
        if lemma in _EN_CLAUSE_VERBS and _EN_CLAUSE_START.match(self.text, pos, end) and \
                self.text[pos:pos + 1] not in "«“\"":
            return pos, recipient
        return None

    def _named_recipient(self, start: int, end: int) -> Span2 | None:
        """A recipient worth recording: a name ("the Daily Ledger"), not "reporters"."""
        words = self.text[start:end].split()
        named = [w for w in words if w[0].isupper() and w.lower() != "the"]
        return (start, end) if named else None

    # ----------------------------------------------------------------- subjects

    def subject_before(self, start: int, verb_start: int) -> Span2 | None:
        """The subject phrase of a verb: "Roy Chua, fondateur …, " -> "Roy Chua"."""
        left_start = start
        for match in re.finditer(r"[;:]|[»”\"]\s*,|\s[–—]\s", self.text[start:verb_start]):
            left_start = start + match.end()
        left = self._strip_aux(*strip(self.text, left_start, verb_start, SPACES + ","))
        if left[0] >= left[1]:
            return None
        segments = self._segments(*left)
        index = len(segments) - 1
        while index > 0 and (self._is_apposition(*segments[index]) or
                             self._is_relative(*segments[index]) or
                             self._is_aside(*segments[index]) or
                             self.text[slice(*segments[index])].lower() in _STRESSED_PRONOUNS):
            index -= 1
        chosen = segments[index]
        words = self.text[chosen[0]:chosen[1]].split()
        if len(words) > 10 or _FINITE.search(" " + self.text[chosen[0]:chosen[1]] + " "):
            return self.leading_np(chosen[0], chosen[1])
        return chosen

    def _relative_before(self, start: int, verb_start: int) -> re.Match[str] | None:
        """The ", qui (lui) a" right before a verb, if any."""
        return _RELATIVE_BEFORE.search(self.text, max(start, verb_start - 24), verb_start)

    def subject_of(self, start: int, verb_start: int) -> Span2 | None:
        """The subject of a verb: its antecedent when the verb is in a relative clause
        (« X, le préfet, qui lui avait répondu : »), else the phrase before it."""
        relative = self._relative_before(start, verb_start)
        if relative is not None:
            return self._antecedent(start, relative.start())
        return self.subject_before(start, verb_start)

    def _antecedent(self, start: int, comma: int) -> Span2 | None:
        """What a relative clause after ``comma`` describes: the name or noun phrase that
        ends the text before it, role appositions aside."""
        segments = self._segments(start, comma)
        if not segments:
            return None
        index = len(segments) - 1
        if index > 0 and self._is_apposition(*segments[index]):
            index -= 1
        seg_start, seg_end = segments[index]
        found = _TRAILING_NAME.search(self.text, seg_start, seg_end) or \
            _TRAILING_NP.search(self.text, seg_start, seg_end)
        return strip(self.text, found.start(), seg_end) if found else None

    def leading_np(self, start: int, end: int) -> Span2 | None:
        """The noun phrase at the start of a clause: "Some council members remain …"."""
        start, end = strip(self.text, start, end, SPACES + ",")
        for segment in self._segments(start, end):
            found = self._np_at(*segment)
            if found is not None:
                return found
        return None

    def _np_at(self, start: int, end: int) -> Span2 | None:
        words = list(re.finditer(r"[^\s\u00a0]+", self.text[start:end]))
        if not words:
            return None
        first = words[0].group(0).lower()
        if first in ("il", "elle", "ils", "elles", "he", "she", "they"):
            return start + words[0].start(), start + words[0].end()
        if first.replace("’", "'") in _NOT_A_SUBJECT:
            return None  # « Lors de son discours », « Aujourd'hui »: no name
        determiner = first in ("le", "la", "les", "the") or re.match(rf"[lL]{APOS}", first)
        names = None if determiner else re.match(r"(?:[A-ZÀ-Þ][\w&’'.-]*[ \u00a0]?){1,4}",
                                                 self.text[start:end])
        for index, word in enumerate(words[:5]):
            token = re.sub(rf"^[ldLD]{APOS}", "", word.group(0)).lower().strip(",.")
            if token in GROUP_NOUNS or token in ROLE_NOUNS or (
                    determiner and index <= 2 and token in INSTITUTION_NOUNS):
                stop = start + word.end()
                nxt = words[index + 1].group(0).lower() if index + 1 < len(words) else ""
                if nxt in ("de", "d’", "du", "des", "of") or nxt.startswith(("d’", "d'")):
                    tail = re.match(r"[ \u00a0]+(?:de la|de l['’]|du|des|de|d['’]|of)[ \u00a0]*"
                                    r"(?:l['’]|la |le |les |the )?[\w’'-]+",
                                    self.text[stop:end])
                    if tail:
                        stop += tail.end()
                return start, stop
        if names and names.group(0).strip():
            return strip(self.text, start, start + names.end())
        return None

    def _strip_aux(self, start: int, end: int) -> Span2:
        while start < end:
            match = _TRAILING_AUX.search(" " + self.text[start:end])
            inverted = re.fullmatch(r"(?:a|ont|avait|avaient)-t-(?:il|elle|ils|elles)",
                                    self.text[start:end])
            if inverted:
                return start, start
            if match is None:
                return start, end
            new_end = start + max(0, match.start() - 1)
            start, end = strip(self.text, start, new_end, SPACES + ",")
        return start, end

    def _segments(self, start: int, end: int) -> list[Span2]:
        out = []
        pos = start
        for match in re.finditer(r",(?!\d)\s*", self.text[start:end]):
            out.append(strip(self.text, pos, start + match.start()))
            pos = start + match.end()
        out.append(strip(self.text, pos, end))
        return [s for s in out if s[0] < s[1]]

    def _is_apposition(self, start: int, end: int) -> bool:
        words = [w.lower().strip(".,") for w in self.text[start:end].split()]
        if not words or len(words) > 16:
            return False
        article = words[0] in ("le", "la", "l’", "un", "une", "a", "an", "the")
        head = words[1:4] if article else words[:3]
        head = [re.sub(r"^.*[’']s$", "", w) for w in head]
        if not any(w in ROLE_NOUNS or any(p in ROLE_NOUNS for p in w.split("’")) for w in head) \
                and not (head and looks_like_role(head[0]) and not _FINITE.search(
                    " " + self.text[start:end] + " ")):
            return False
        return article or not self.text[start].isupper()

    def _is_aside(self, start: int, end: int) -> bool:
        """A segment between a subject and its verb that cannot be the subject: it starts
        with a lower-case word that opens no noun phrase (« encore en fonction jusqu'en
        2013 », « dirigé par X », « 34 ans », "once a senator")."""
        word = self.text[start:end].split()[0]
        first = word.lower().replace("’", "'")
        if re.match(r"\d", first):
            return True
        return word[:1].islower() and not _NP_START.match(first + " ") and \
            first not in _OPENS_A_SUBJECT

    def _is_relative(self, start: int, end: int) -> bool:
        return bool(_RELATIVE_HEAD.match(self.text, start, end)) or \
            self.text[start:end].lower().startswith(("venu", "interrogé", "speaking", "asked"))

    # ----------------------------------------------------------------- postposed

    def postposed(self, start: int, end: int) -> Found | None:
        """"…, selon X." / "…, a indiqué le ministère." / "…, officials said."."""
        for match in reversed(list(re.finditer(r",\s+", self.text[start:end]))):
            tail = start + match.end()
            clause = max([start, *(start + m.end() for m in re.finditer(
                r"[;:]\s", self.text[start:start + match.start()]))])
            content = strip(self.text, clause, start + match.start())
            if len(self.text[content[0]:content[1]].split()) < 4:
                continue
            content = (self.skip_connectors(*content), content[1])
            source = _POSTPOSED_SOURCE[self.lang].match(self.text, tail, end)
            if source:
                subject = strip(self.text, source.end(), end, SPACES + ".")
                if len(self.text[subject[0]:subject[1]].split()) <= 10:
                    return Found(subject, None, content, start, end, pattern="source")
                continue
            incise = self.incise(tail, end, require_end=True)
            if incise is not None:
                return Found(incise.subject, incise.verb, content, start, end,
                             incise.recipient, pattern="postposed")
        return None

    # ----------------------------------------------------------------- incises

    def incise(self, pos: int, end: int, require_end: bool = False) -> Incise | None:
        """An attribution right after a quote or a clause: ", juge l’analyste", "she said"."""
        while pos < end and self.text[pos] in SPACES + ",":
            pos += 1
        found = self._incise_fr(pos, end) if self.lang == "fr" else self._incise_en(pos, end)
        if found is None:
            return None
        if require_end:
            rest = self.text[found.end:end].strip(SPACES + ".!?")
            if rest and not (self.trailing_apposition(found.end, end) or
                             self.relative_statement(found.end, end)):
                return None
        return found

    def trailing_apposition(self, pos: int, end: int) -> bool:
        """Whether the rest of a sentence is only a role apposition: ", an analyst at X."."""
        rest = self.text[pos:end].strip(SPACES)
        if not rest.startswith(",") and not _DESCRIPTION.match(rest):
            return False  # ", an analyst at X" or « le vice-président de X »
        words = [w.lower().strip(".,") for w in rest.lstrip(",").split()]
        return bool(words) and any(w in ROLE_NOUNS for w in words[:4]) and "," not in rest[1:]

    def relative_statement(self, pos: int, end: int) -> Found | None:
        """", qui précise que …" / ", qui promet …" / ", who added that …" after a speaker."""
        match = re.match(r"\s*,\s*(?:qui|who)\s+", self.text[pos:end])
        if match is None:
            return None
        verb_pos = pos + match.end()
        auxiliary = re.match(r"(?:a|ont|has|have|had)\s+", self.text[verb_pos:end])
        if auxiliary:
            verb_pos += auxiliary.end()
        verb = self.verbs.match(self.text, verb_pos, end)
        if verb is None:
            return None
        lemma = self._lemma(verb.group(0))
        complement = _COMPLEMENTISER[self.lang].match(self.text, verb.end(), end)
        if complement:
            content_start = complement.end()
        elif lemma in ("promettre", "annoncer", "promise", "announce", "pledge", "prévoir"):
            content_start = verb.end()
        else:
            return None
        content = strip(self.text, content_start, end, SPACES + ".")
        return Found((pos, pos), lemma, content, pos, end, pattern="relative")

    def _subject_end(self, pos: int, end: int) -> int:
        """Where a subject phrase stops: punctuation, but not the dot of "Dr." or "M."."""
        for stop in _SUBJECT_END.finditer(self.text, pos, end):
            if self.text[stop.start()] == "." and re.search(
                    r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z])$", self.text[pos:stop.start()]) and \
                    stop.start() + 1 < end and self.text[stop.start() + 1] in SPACES and \
                    re.match(r"\s+[A-ZÀ-Þ]", self.text[stop.start() + 1:end]) and re.search(
                        r"\b(?:Dr|Mr|Mrs|Ms|St|Prof|Pr|M|Mme|Sen|Rep|Gov|Gen|[A-Z])$",
                        self.text[pos:stop.start()]):
                continue
            return stop.start()
        return end

    def _subject_after(self, pos: int, end: int) -> tuple[Span2, Span2 | None] | None:
        subject_end = self._subject_end(pos, end)
        cut = _SUBJECT_CUT[self.lang].search(self.text, pos, subject_end)
        recipient = None
        if cut is not None:
            named = _RECIPIENT_AFTER[self.lang].match(self.text, cut.start(), subject_end)
            if named:
                recipient = (named.start(1), named.end(1))
            subject_end = cut.start()
        subject = strip(self.text, pos, subject_end)
        described = _NAME_THEN_ROLE.match(self.text, *subject)
        if described:  # « explique Jean Dupont le vice-président de X »: the name
            subject = (subject[0], subject[0] + len(described.group(1)))
        named = re.match(r",[ \u00a0]+((?:[A-ZÀ-Þ][\w’'-]+[ \u00a0]?){2,4})(?=\s*[,.;]|$)",
                         self.text[subject_end:end])
        if named and self._is_apposition(*subject):
            subject = strip(self.text, subject_end + named.start(1), subject_end + named.end(1))
        words = self.text[subject[0]:subject[1]].split()
        if not words or len(words) > 8:
            return None
        return subject, recipient

    def _incise_fr(self, pos: int, end: int) -> Incise | None:
        text = self.text
        clitic = _CLITIC.match(text, pos, end)
        if clitic and (_AUXILIARY_FR.match(text, clitic.end(), end) or self.verbs.match(
                text, clitic.end(), end)):
            pos = clitic.end()
        aux = _AUX_PRONOUN.match(text, pos, end)
        if aux:
            verb = self.verbs.match(text, aux.end(), end)
            if verb is None:
                return None
            return Incise((aux.start(1), aux.end(1)), self._lemma(verb.group(0)), verb.end())
        source = _POSTPOSED_SOURCE["fr"].match(text, pos, end)
        if source:
            found = self._subject_after(source.end(), end)
            return Incise(found[0], None, found[0][1]) if found else None
        auxiliary = _AUXILIARY_FR.match(text, pos, end)
        verb = self.verbs.match(text, auxiliary.end() if auxiliary else pos, end)
        if verb is None or self.is_gerund(verb.start(), verb.end()):
            return None
        lemma = self._lemma(verb.group(0))
        inverted = _INVERTED_PRONOUN.match(text, verb.end(), end)
        if inverted:
            return Incise((inverted.start(1), inverted.end(1)), lemma, inverted.end())
        after = verb.end()
        recipient = None
        to = _RECIPIENT_AFTER["fr"].match(text, after, end)
        if to:
            recipient = (to.start(1), to.end(1))
            after = to.end()
        found = self._subject_after(after, end)
        if to and found is None:  # « déclare à l'AFP Jean Dupont »: the run held the name
            split = _split_recipient(text, to.start(1), to.end(1))
            if split is not None:
                recipient = (to.start(1), split[0])
                found = self._subject_after(split[1], end)
        if found is None:
            return None
        (subject, late_recipient) = found
        return Incise(subject, lemma, self._incise_end(subject[1], end),
                      recipient or late_recipient)

    def _incise_end(self, pos: int, end: int) -> int:
        """Where an incise stops: after a recipient such as "sur Radio Rhin-Moselle"."""
        named = _RECIPIENT_AFTER[self.lang].match(self.text, pos, end)
        return named.end() if named else pos

    def _incise_en(self, pos: int, end: int) -> Incise | None:
        text = self.text
        source = _POSTPOSED_SOURCE["en"].match(text, pos, end)
        if source:
            found = self._subject_after(source.end(), end)
            return Incise(found[0], None, found[0][1]) if found else None
        verb = self.verbs.match(text, pos, end)
        if verb is not None:
            if self.is_gerund(verb.start(), verb.end()):
                return None
            found = self._subject_after(verb.end(), end)
            if found is None:
                return None
            subject, recipient = found
            return Incise(subject, self._lemma(verb.group(0)),
                          self._skip_en_fillers(subject[1], end), recipient)
        window_end = self._subject_end(pos, end)
        for match in self.verbs.finditer(text, pos, window_end):
            subject = strip(text, pos, match.start())
            words = text[subject[0]:subject[1]].split()
            if not words or len(words) > 6 or self.is_gerund(match.start(), match.end()):
                return None
            lemma = self._lemma(match.group(0))
            recipient = None
            after = match.end()
            if lemma == "tell":
                to = re.match(r"\s+((?:the\s+)?[A-Za-z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})",
                              text[after:window_end])
                if to:
                    recipient = self._named_recipient(after + to.start(1), after + to.end(1))
                    after += to.end()
            return Incise(subject, lemma, self._skip_en_fillers(after, window_end), recipient)
        return None

    # ----------------------------------------------------------------- more statements

    def second_verb(self, start: int, end: int) -> tuple[int, int, str] | None:
        """"… but said …" / "… and questioned why …" / "… et ajoute que …" inside a content:
        (where the first statement ends, where the second one starts, the verb)."""
        for match in re.finditer(r"(?:,\s*)?\s(?:but|and|mais|et)\s+(?:(?:a|ont|has|have)\s+)?",
                                 self.text[start:end]):
            verb_pos = start + match.end()
            verb = self.verbs.match(self.text, verb_pos, end)
            if verb is None or _DETERMINERS_BEFORE_NOUN[self.lang].search(
                    self.text[verb_pos - 6:verb_pos]):
                continue
            lemma = self._lemma(verb.group(0))
            complement = _COMPLEMENTISER[self.lang].match(self.text, verb.end(), end)
            if complement:
                return start + match.start(), complement.end(), lemma or ""
            if self.lang == "en":
                scan = self._complement_en(verb.end(), end, lemma or "")
                if scan:
                    return start + match.start(), scan[0], lemma or ""
        return None

    # ----------------------------------------------------------------- self-descriptions

    def self_claim(self, start: int, end: int) -> Found | None:
        """"Oracle, OpenAI et SoftBank Group se disent prêts à investir …"."""
        match = _SELF_CLAIM[self.lang].search(self.text, start, end)
        if match is None:
            return None
        left_start = start
        for boundary in re.finditer(r"[;:]|,\s+(?:dans lequel|dans laquelle|où|dont|which|"
                                    r"in which|where)\s+|\b(?:dans lequel|dans laquelle|où|"
                                    r"in which|where)\s+", self.text[start:match.start()]):
            left_start = start + boundary.end()
        subject = strip(self.text, left_start, match.start(), SPACES + ",")
        if subject[0] >= subject[1] or len(self.text[subject[0]:subject[1]].split()) > 10:
            return None
        content = strip(self.text, subject[0], end)
        return Found(subject, "dire" if self.lang == "fr" else "say", content, subject[0], end,
                     pattern="self")
