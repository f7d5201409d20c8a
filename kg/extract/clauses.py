"""Cut sentences and reported contents into the statements they hold.

- coordinated complements: "… que A, que B et que C" -> A, B, C;
- confirmations: "A, ce que confirme B" -> A and B (B supports A);
- boasts: "la croissance dont se targue Huawei" -> Huawei's own claim;
- appositions that state a fact: "DeepSeek, soutenu par High-Flyer", "DeepSeek-R1, l’app la plus
  téléchargée …";
- a final detached participle clause: "…, élaboré grâce à …";
- the article's own sentences: at a colon, "tandis que", a fronted "après …," phrase.

Every function takes and returns (start, end) offsets into the article text. Usage::

    from kg.extract.clauses import split_enumeration
    parts = split_enumeration(text, start, end, "fr")
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.lexicon import APOS
from kg.extract.segments import SPACES, strip, trim_claim

Span2 = tuple[int, int]

_ENUMERATION_FR = re.compile(rf",\s+(?:et\s+)?qu(?:e\s+|{APOS})|\s+et\s+qu(?:e\s+|{APOS})")
_ENUMERATION_EN = re.compile(r",\s+(?:and\s+)?that\s+|\s+and\s+that\s+")
_CONFIRMATION_FR = re.compile(
    r",\s+ce qu(?:e|['’])\s*(?:confirme|confirment|illustre|illustrent|montre|montrent|"
    r"démontre|démontrent|atteste|attestent|prouve|prouvent)(?:\s+(?:par ailleurs|"
    r"d['’]ailleurs|également|aussi|notamment|bien))?\s+")
_CONFIRMATION_EN = re.compile(r",\s+as (?:shown|confirmed|illustrated|evidenced) by\s+")
_COMMENT = re.compile(
    r",\s+(?:un|une|a|an)\s+(?:chiffre|figure|estimation|estimate|affirmation|claim|montant|"
    r"amount|number|nombre|prévision|forecast|assertion)\s+(?:qui|que|qu['’]|that|which)\b")
_BOAST_FR = re.compile(r"\bdont se (?:targue|targuent|vante|vantent|prévaut|prévalent)\s+")
_SUPERLATIVE = re.compile(
    r"^(?:l['’]|le |la |les |the |un |une |a |an )?(?:[\w’'-]+ ){0,2}?"
    r"(?:(?:le|la|les) plus|(?:le|la) moins|premi(?:er|ère)|seul(?:e)?|plus grand(?:e)?|"
    r"most|least|largest|biggest|first|only|top|leading)\b", re.IGNORECASE)
_PARTICIPLE_BY = re.compile(
    r"^(?:[\w’'-]+(?:é|ée|és|ées|i|ie|is|u|ue|us|it|ite|its)\s+(?:par|à hauteur de)|"
    r"(?:[\w-]+ed|run|led|held|built|bought|made|owned|known)\s+by)\b", re.IGNORECASE)
_ASSERTION_BREAKS_FR = re.compile(
    r"\s*[:;]\s+|,\s+(?:tandis qu(?:e|['’])|alors qu(?:e|['’])|dans lequel|dans laquelle|"
    r"dans lesquels|dans lesquelles)\s*")
_ASSERTION_BREAKS_EN = re.compile(r"\s*[:;]\s+|,\s+(?:whereas|while|in which)\s+")
_FRONTED_FR = re.compile(
    rf"(?:après|avant|suite à|malgré|depuis|lors d(?:e |{APOS})|à la suite d(?:e |{APOS}))\s*")
_FRONTED_EN = re.compile(r"(?:after|before|following|despite|since)\s+", re.IGNORECASE)
_LEADING_CONNECTORS = re.compile(
    rf"(?:(?:de fait|dans ce contexte|en effet|par ailleurs|d{APOS}ailleurs|or|mais|et|donc|"
    r"pourtant|cependant|toutefois|néanmoins|en revanche|enfin|ainsi|in fact|indeed|"
    r"meanwhile|however|but|and|so|yet|still|moreover)\b[,\s]*)+", re.IGNORECASE)


def _outside_quotes(text: str, start: int, pos: int) -> bool:
    segment = text[start:pos]
    return (segment.count("«") == segment.count("»") and segment.count("“") == segment.count("”")
            and segment.count('"') % 2 == 0)


def split_enumeration(text: str, start: int, end: int, lang: str) -> list[Span2]:
    """"A, que B et que C" -> [A, B, C]: complements of one reporting verb."""
    pattern = _ENUMERATION_FR if lang == "fr" else _ENUMERATION_EN
    breaks = [m for m in pattern.finditer(text, start, end) if _outside_quotes(text, start,
                                                                               m.start())]
    if not breaks:
        return [(start, end)]
    parts, pos = [], start
    for match in breaks:
        parts.append(trim_claim(text, pos, match.start()))
        pos = match.end()
    parts.append(trim_claim(text, pos, end))
    return [p for p in parts if p[0] < p[1]]


def split_confirmation(text: str, start: int, end: int, lang: str) -> tuple[Span2, Span2] | None:
    """"A, ce que confirme B" -> (A, B); B supports A."""
    pattern = _CONFIRMATION_FR if lang == "fr" else _CONFIRMATION_EN
    match = pattern.search(text, start, end)
    if match is None or not _outside_quotes(text, start, match.start()):
        return None
    return trim_claim(text, start, match.start()), trim_claim(text, match.end(), end)


def boaster(text: str, start: int, end: int, lang: str) -> Span2 | None:
    """The subject of "dont se targue X" inside a statement: the one who claims it."""
    if lang != "fr":
        return None
    match = _BOAST_FR.search(text, start, end)
    if match is None:
        return None
    stop = re.search(r"[,.;:]", text[match.end():end])
    subject_end = match.end() + stop.start() if stop else end
    return strip(text, match.end(), subject_end)


def fact_appositions(text: str, start: int, end: int, names: list[Span2]) -> list[Span2]:
    """"NAME, soutenu par X" / "NAME, l’app la plus téléchargée …": an apposition that is a fact.

    ``names`` are the spans of named entities inside ``start:end``.
    """
    out = []
    for n_start, n_end in names:
        if not start <= n_start < n_end <= end:
            continue
        match = re.match(r",[ \u00a0]+", text[n_end:end])
        if match is None:
            continue
        app_start = n_end + match.end()
        stop = re.search(r"[,;:.]|\s[–—]\s", text[app_start:end])
        app_end = app_start + stop.start() if stop else end
        apposition = text[app_start:app_end]
        if len(apposition.split()) < 2 or len(apposition.split()) > 20:
            continue
        if _SUPERLATIVE.match(apposition) or _PARTICIPLE_BY.match(apposition):
            out.append(trim_claim(text, n_start, app_end))
    return out


def split_coordination(text: str, start: int, end: int,
                       is_finite_verb: Callable[[int], bool], lang: str) -> list[Span2]:
    """"A permettra … et créera …" -> two statements sharing their subject."""
    word = "et" if lang == "fr" else "and"
    for match in re.finditer(rf"(?:,\s*)?\s{word}\s+", text[start:end]):
        pos = start + match.end()
        if _outside_quotes(text, start, pos) and is_finite_verb(pos) and \
                len(text[start:start + match.start()].split()) >= 4 and \
                len(text[pos:end].split()) >= 3:
            return [trim_claim(text, start, start + match.start()), trim_claim(text, pos, end)]
    return [(start, end)]


def strip_comment(text: str, start: int, end: int) -> Span2:
    """Drop a final comment on the statement: ", un chiffre qui n’a pas été vérifié"."""
    match = _COMMENT.search(text, start, end)
    if match is None or not _outside_quotes(text, start, match.start()):
        return start, end
    return trim_claim(text, start, match.start())


def final_superlative(text: str, start: int, end: int) -> int | None:
    """Start of a final apposition that ranks its noun (", le plus ambitieux jamais voté")."""
    for match in re.finditer(r",[ \u00a0]+", text[start:end]):
        pos = start + match.end()
        rest = text[pos:end]
        if "," in rest or not _outside_quotes(text, start, pos):
            continue
        if _SUPERLATIVE.match(rest) and len(rest.split()) >= 4 and \
                len(text[start:pos].split()) >= 5:
            return pos
    return None


def final_participle(text: str, start: int, end: int,
                     is_participle: Callable[[int], bool]) -> int | None:
    """Offset of a final detached participle clause (", élaboré grâce à …"), or None."""
    for match in re.finditer(r",[ \u00a0]+(?=[a-zàâçéèêëîïôûù])", text[start:end]):
        pos = start + match.end()
        if not _outside_quotes(text, start, pos):
            continue
        rest = text[pos:end]
        if len(rest.split()) >= 5 and len(text[start:pos].split()) >= 5 and is_participle(pos):
            return pos
    return None


def assertion_clauses(text: str, start: int, end: int, lang: str) -> list[Span2]:
    """Independent clauses of one of the article's own sentences."""
    pattern = _ASSERTION_BREAKS_FR if lang == "fr" else _ASSERTION_BREAKS_EN
    parts, pos = [], start
    for match in pattern.finditer(text, start, end):
        if _outside_quotes(text, start, match.start()):
            parts.append((pos, match.start()))
            pos = match.end()
    parts.append((pos, end))
    out: list[Span2] = []
    for part in parts:
        out.extend(_fronted(text, *part, lang))
    return [trim_claim(text, *p) for p in out if text[p[0]:p[1]].strip(SPACES)]


def _fronted(text: str, start: int, end: int, lang: str) -> list[Span2]:
    """"après les révélations …, le Président …" -> the fronted phrase and the main clause."""
    start = strip(text, start, end)[0]
    pattern = _FRONTED_FR if lang == "fr" else _FRONTED_EN
    match = pattern.match(text, start, end)
    if match is None:
        return [(start, end)]
    comma = text.find(",", match.end(), end)
    if comma < 0 or len(text[comma:end].split()) < 4 or len(text[match.end():comma].split()) < 4:
        return [(start, end)]
    return [(match.end(), comma), (comma + 1, end)]


def skip_connectors(text: str, start: int, end: int) -> int:
    """Offset past leading discourse connectors ("De fait, ", "Mais ", "However, ")."""
    start = strip(text, start, end)[0]
    match = _LEADING_CONNECTORS.match(text, start, end)
    return match.end() if match else start
