"""Rule-based extraction of figures (number, unit or currency, qualifier) from news text.

French and English are covered: digit groups ("2 000", "2,000", "5,6", "1.2"), scale words
("5,6 millions", "mille milliards", "un billion", "$1.2bn", "£3m"), numbers written in words
("deux mois", "two months", "a dozen"), vague amounts ("des dizaines de milliers de puces",
"tens of thousands of jobs"), currencies mapped to ISO 4217 codes, units mapped to one English
singular name, and qualifiers ("environ", "jusqu'à", "n'a requis que", "more than", "up to",
"ou plus"...). Years, dates, times of day and numbers inside names ("Llama 3.1", "H800",
"DeepSeek-V3", "R1") are not reported.

Usage::

    find_figures("Nvidia's shares fell nearly 17% on Monday", "en")
    # -> [FoundFigure(value=17, unit='percent', currency=None, qualifier='nearly',
    #                 start=21, end=31, text='nearly 17%')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

try:  # numbers written in words ("quatre-vingt-dix", "twenty-one"); a small fallback below
    from text_to_num import text2num as _text2num
except ImportError:  # pragma: no cover - the fallback is tested directly
    _text2num = None

__all__ = ["LANGS", "QUALIFIERS", "FoundFigure", "find_figures", "parse_number", "unit_at"]

LANGS = ("fr", "en")
QUALIFIERS = ("exactly", "about", "nearly", "up-to", "at-least", "more-than", "less-than", "only")


@dataclass(frozen=True)
class FoundFigure:
    """One figure found in a text.

    ``value`` is normalised ("5,6 millions" -> 5600000, "16,97 %" -> 16.97; an int when
    integral); ``unit`` is an English singular name ("hour", "percent", "processor"...) and
    ``currency`` an ISO 4217 code: at most one of them is set. ``start``/``end`` are str
    offsets and ``text == source[start:end]`` covers qualifier words, number, scale and
    unit or currency.
    """

    value: int | float
    unit: str | None
    currency: str | None
    qualifier: str
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- whitespace

_SPACES = " \t\u00a0\u202f\u2009"
_SP = f"[{_SPACES}]"
_WS = f"{_SP}+"
_OWS = f"{_SP}*"
_APOS = "['’]"
_WS_RX = re.compile(_WS)


def _ws(pattern: str) -> str:
    """Let each literal space of a table pattern match a run of (non-breaking) spaces."""
    return pattern.replace(" ", f"(?:{_WS})")


class _Lexicon:
    """Surface patterns mapped to a canonical name, matched longest pattern first."""

    def __init__(self, entries: list[tuple[str, str]],
                 cased: list[tuple[str, str]] | None = None, lead: str = "") -> None:
        items = [(_ws(p), c, False) for p, c in entries]
        items += [(_ws(p), c, True) for p, c in cased or []]
        items.sort(key=lambda item: -len(item[0]))
        self._items = [(re.compile(p, 0 if cs else re.IGNORECASE), c) for p, c, cs in items]
        alternatives = "|".join(p if cs else f"(?i:{p})" for p, _, cs in items)
        self._lead = re.compile(lead) if lead else None
        self._rx = re.compile(f"(?:{alternatives})(?!\\w)")

    def match(self, text: str, pos: int) -> tuple[int, int, str] | None:
        """Return (start, end, canonical) of an entry found at ``pos`` (after ``lead``)."""
        if self._lead is not None:
            lead = self._lead.match(text, pos)
            if lead is None:
                return None
            pos = lead.end()
        m = self._rx.match(text, pos)
        if m is None:
            return None
        for rx, canonical in self._items:
            if rx.fullmatch(m.group(0)):
                return m.start(), m.end(), canonical
        return None  # pragma: no cover - the alternation only matches listed entries


# --------------------------------------------------------------------------- units

_UNITS_FR = [
    ("heures?", "hour"), ("minutes?", "minute"), ("secondes?", "second"),
    ("jours?", "day"), ("journées?", "day"), ("semaines?", "week"), ("mois", "month"),
    ("ans?", "year"), ("années?", "year"), ("décennies?", "decade"), ("siècles?", "century"),
    ("pour ?cents?", "percent"), ("points? de pourcentage", "percentage point"),
    ("points?", "point"),
    ("processeurs?", "processor"), ("cartes? graphiques?", "processor"), ("puces?", "chip"),
    ("semi-?conducteurs?", "semiconductor"),
    ("térawatt-?heures?", "terawatt-hour"), ("gigawatt-?heures?", "gigawatt-hour"),
    ("mégawatt-?heures?", "megawatt-hour"), ("kilowatt-?heures?", "kilowatt-hour"),
    ("térawatts?", "terawatt"), ("gigawatts?", "gigawatt"), ("mégawatts?", "megawatt"),
    ("kilowatts?", "kilowatt"), ("watts?", "watt"),
    ("emplois?", "job"), ("postes?", "job"),
    ("utilisat(?:eur|rice)s?", "user"), ("internautes?", "user"), ("abonnés?", "subscriber"),
    ("clients?", "customer"), ("téléchargements?", "download"),
    ("salariés?", "employee"), ("employés?", "employee"), ("collaborateurs?", "employee"),
    ("travailleurs?", "worker"), ("personnes?", "person"), ("individus?", "person"),
    ("habitants?", "inhabitant"), ("enfants?", "child"), ("femmes?", "woman"),
    ("hommes?", "man"), ("élèves?", "pupil"), ("étudiante?s?", "student"),
    ("morts?", "death"), ("décès", "death"),
    ("victimes?", "victim"), ("patients?", "patient"), ("cas", "case"),
    ("ménages?", "household"), ("foyers?", "household"),
    ("actions?", "share"), ("barils?", "barrel"), ("tonnes?", "tonne"), ("kilos?", "kilogram"),
    ("kilogrammes?", "kilogram"), ("grammes?", "gram"), ("litres?", "litre"),
    ("kilomètres? carrés?", "square kilometre"), ("kilomètres?", "kilometre"),
    ("mètres? carrés?", "square metre"), ("mètres?", "metre"), ("centimètres?", "centimetre"),
    ("hectares?", "hectare"), ("degrés?", "degree"),
    ("pays", "country"), ("entreprises?", "company"), ("sociétés?", "company"),
    ("voitures?", "car"), ("véhicules?", "vehicle"), ("modèles?", "model"),
    ("paramètres?", "parameter"), ("jetons?", "token"), ("tokens?", "token"),
    ("serveurs?", "server"), ("centres? de données", "data centre"),
    ("gigaoctets?", "gigabyte"), ("téraoctets?", "terabyte"), ("mégaoctets?", "megabyte"),
    ("voix", "vote"), ("votes?", "vote"), ("sièges?", "seat"), ("membres?", "member"),
    ("fois", "time"),
    # what news copy counts, by domain (an English singular name each, as kg's units are)
    ("logements?", "home"), ("maisons?", "house"), ("familles?", "family"),
    ("villes?", "city"), ("communes?", "municipality"), ("villages?", "village"),
    ("régions?", "region"), ("départements?", "department"), ("provinces?", "province"),
    ("[EÉ]tats?", "state"), ("quartiers?", "district"),
    ("hôpitaux", "hospital"), ("hôpital", "hospital"), ("maternités?", "maternity ward"),
    ("écoles?", "school"), ("usines?", "factory"), ("magasins?", "shop"),
    ("centres? de détentions?", "detention centre"), ("prisons?", "prison"),
    ("banques?", "bank"), ("comptes? bancaires?", "bank account"), ("comptes?", "account"),
    ("soldats?", "soldier"), ("militaires?", "soldier"), ("policiers?", "police officer"),
    ("manifestants?", "protester"), ("citoyens?", "citizen"), ("électeurs?", "voter"),
    ("votants?", "voter"), ("suffrages?(?: exprimés?)?", "vote"), ("jeunes", "person"),
    ("otages?", "hostage"), ("prisonniers?", "prisoner"), ("détenus?", "detainee"),
    ("réfugiés?", "refugee"), ("migrants?", "migrant"), ("médecins?", "doctor"),
    ("journalistes?", "journalist"), ("enseignants?", "teacher"), ("touristes?", "tourist"),
    ("visiteurs?", "visitor"), ("spectateurs?", "spectator"), ("joueurs?", "player"),
    ("blessés?", "injured person"), ("animaux", "animal"), ("rats?", "rat"),
    ("arbres?", "tree"), ("embauches?", "hire"), ("licenciements?", "layoff"),
    ("pages?", "page"), ("témoignages?", "testimony"), ("recommandations?", "recommendation"),
    ("propositions?", "proposal"), ("produits?", "product"), ("sondages?", "poll"),
    ("matchs?|matches", "match"), ("buts?", "goal"), ("sets?", "set"), ("aces?", "ace"),
    ("médailles?", "medal"), ("victoires?", "win"), ("tournois?", "tournament"),
    ("mausolées?", "mausoleum"), ("tombes?", "tomb"), ("mosquées?", "mosque"),
    ("églises?", "church"), ("balles?", "bullet"), ("obus", "shell"), ("bombes?", "bomb"),
    ("missiles?", "missile"), ("roquettes?", "rocket"), ("avions?", "aircraft"),
    ("vols?", "flight"), ("trains?", "train"), ("navires?", "ship"), ("bateaux?", "boat"),
    ("milles? nautiques?", "nautical mile"), ("milles", "nautical mile"),
    ("millimètres?", "millimetre"), ("années?-lumière", "light-year"),
    ("masses? solaires?", "solar mass"), ("exoplanètes?", "exoplanet"),
    ("planètes?", "planet"), ("étoiles?", "star"),
]
_UNITS_EN = [
    ("hours?", "hour"), ("hrs?", "hour"), ("minutes?", "minute"), ("mins?", "minute"),
    ("seconds?", "second"), ("days?", "day"), ("weeks?", "week"), ("months?", "month"),
    ("years?", "year"), ("yrs?", "year"), ("decades?", "decade"), ("centuries", "century"),
    ("century", "century"),
    ("per ?cent", "percent"), ("percent", "percent"), ("pc", "percent"),
    ("percentage points?", "percentage point"), ("basis points?", "basis point"),
    ("points?", "point"),
    ("processors?", "processor"), ("graphics (?:cards?|processing units?)", "processor"),
    ("chips?", "chip"), ("semiconductors?", "semiconductor"),
    ("terawatt(?:-| )?hours?", "terawatt-hour"), ("gigawatt(?:-| )?hours?", "gigawatt-hour"),
    ("megawatt(?:-| )?hours?", "megawatt-hour"), ("kilowatt(?:-| )?hours?", "kilowatt-hour"),
    ("terawatts?", "terawatt"), ("gigawatts?", "gigawatt"), ("megawatts?", "megawatt"),
    ("kilowatts?", "kilowatt"), ("watts?", "watt"),
    ("jobs?", "job"), ("users?", "user"), ("subscribers?", "subscriber"),
    ("customers?", "customer"), ("downloads?", "download"),
    ("employees?", "employee"), ("staff(?:ers)?", "employee"), ("workers?", "worker"),
    ("people", "person"), ("persons?", "person"), ("residents?", "resident"),
    ("inhabitants?", "inhabitant"), ("children", "child"), ("child", "child"),
    ("women", "woman"), ("woman", "woman"), ("men", "man"), ("man", "man"),
    ("students?", "student"), ("pupils?", "pupil"),
    ("deaths?", "death"), ("victims?", "victim"), ("patients?", "patient"),
    ("cases?", "case"), ("households?", "household"),
    ("shares?", "share"), ("barrels?", "barrel"), ("(?:metric )?tonnes?", "tonne"),
    ("(?:metric )?tons?", "tonne"), ("kilograms?", "kilogram"), ("kilos?", "kilogram"),
    ("grams?", "gram"), ("lit(?:re|er)s?", "litre"),
    ("square kilomet(?:re|er)s?", "square kilometre"), ("kilomet(?:re|er)s?", "kilometre"),
    ("miles?", "mile"), ("square met(?:re|er)s?", "square metre"), ("met(?:re|er)s?", "metre"),
    ("centimet(?:re|er)s?", "centimetre"), ("millimet(?:re|er)s?", "millimetre"),
    ("hectares?", "hectare"), ("acres?", "acre"),
    ("degrees?", "degree"),
    ("countries", "country"), ("country", "country"), ("companies", "company"),
    ("company", "company"), ("firms?", "company"), ("cars?", "car"), ("vehicles?", "vehicle"),
    ("models?", "model"), ("parameters?", "parameter"), ("tokens?", "token"),
    ("servers?", "server"), ("data ?cent(?:re|er)s?", "data centre"),
    ("gigabytes?", "gigabyte"), ("terabytes?", "terabyte"), ("megabytes?", "megabyte"),
    ("votes?", "vote"), ("seats?", "seat"), ("members?", "member"), ("times", "time"),
    ("homes?", "home"), ("pounds?", "pound"),
]
_UNITS_CASED_COMMON = [
    ("%", "percent"), ("TWh", "terawatt-hour"), ("GWh", "gigawatt-hour"),
    ("MWh", "megawatt-hour"), ("kWh", "kilowatt-hour"), ("TW", "terawatt"), ("GW", "gigawatt"),
    ("MW", "megawatt"), ("kW", "kilowatt"), ("GPUs?", "processor"), ("CPUs?", "processor"),
    ("km²|km2", "square kilometre"), ("km", "kilometre"), ("m²|m2", "square metre"),
    ("kg", "kilogram"), ("cm", "centimetre"), ("mm", "millimetre"), ("°C", "degree"),
    ("°F", "degree"), ("TeV", "teraelectronvolt"), ("GeV", "gigaelectronvolt"),
    ("MeV", "megaelectronvolt"),
]
_UNITS_CASED_FR = [("Go", "gigabyte"), ("To", "terabyte"), ("Mo", "megabyte"), ("ha", "hectare")]
_UNITS_CASED_EN = [("GB", "gigabyte"), ("TB", "terabyte"), ("MB", "megabyte"),
                   ("bps", "basis point"), ("mph", "mile per hour")]

_TIME_UNITS = frozenset({"hour", "minute", "second", "day", "week", "month", "year", "decade",
                         "century"})

# --------------------------------------------------------------------------- currencies

_CURRENCY_FR = [
    ("dollars? (?:américains?|US)", "USD"), ("dollars? canadiens?", "CAD"),
    ("dollars? australiens?", "AUD"), ("dollars? de Hong Kong", "HKD"),
    ("dollars? de Singapour", "SGD"), ("dollars?", "USD"), ("euros?", "EUR"),
    ("livres? sterling", "GBP"), ("yuans?(?: renminbi)?", "CNY"), ("renminbis?", "CNY"),
    ("yens?", "JPY"), ("francs? suisses?", "CHF"), ("francs? CFA", "XOF"),
    ("roupies?(?: indiennes?)?", "INR"), ("roubles?", "RUB"), ("wons?", "KRW"),
    ("r[ée]als?", "BRL"),
]
_CURRENCY_EN = [
    ("(?:US|U\\.S\\.|American) dollars?", "USD"), ("Canadian dollars?", "CAD"),
    ("Australian dollars?", "AUD"), ("Hong Kong dollars?", "HKD"),
    ("Singapore dollars?", "SGD"), ("New Zealand dollars?", "NZD"), ("dollars?", "USD"),
    ("euros?", "EUR"), ("pounds? sterling", "GBP"), ("sterling", "GBP"), ("yuan", "CNY"),
    ("renminbi", "CNY"), ("yen", "JPY"), ("Swiss francs?", "CHF"),
    ("(?:Indian )?rupees?", "INR"), ("r[ou]bles?", "RUB"), ("reais", "BRL"),
]
# Ambiguous words that name a currency only after a scale word ("5 million pounds").
_CURRENCY_SCALED_EN = [("pounds?", "GBP"), ("won", "KRW")]
_CURRENCY_CASED = [
    ("USD|US\\$", "USD"), ("EUR|€", "EUR"), ("GBP|£", "GBP"), ("CNY|RMB", "CNY"),
    ("JPY|¥", "JPY"), ("CHF", "CHF"), ("CAD|C\\$", "CAD"), ("INR|₹", "INR"),
    ("AUD|A\\$", "AUD"), ("HKD|HK\\$", "HKD"), ("SGD", "SGD"), ("KRW|₩", "KRW"),
    ("BRL", "BRL"), ("RUB|₽", "RUB"), ("\\$", "USD"),
]
_PREFIX_CURRENCY = [
    ("(?<![A-Za-z])(?:US ?\\$|U\\.S\\. ?\\$)", "USD"), ("(?<![A-Za-z])CA?\\$", "CAD"),
    ("(?<![A-Za-z])AU?\\$", "AUD"), ("(?<![A-Za-z])HK\\$", "HKD"),
    ("(?<![A-Za-z])S\\$", "SGD"), ("(?<![A-Za-z])NZ\\$", "NZD"), ("(?<![A-Za-z])R\\$", "BRL"),
    ("\\$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₩", "KRW"),
    ("(?<![A-Za-z])Rs\\.?", "INR"),
    ("(?<![A-Za-z])(?:USD|EUR|GBP|CHF|CNY|RMB|JPY|CAD|INR|AUD|HKD|SGD|KRW|BRL)(?= |\u00a0)",
     "code"),
]

# --------------------------------------------------------------------------- scales

_SCALE_FR = [("milliards?", "1e9"), ("millions?", "1e6"), ("billions?", "1e12"),
             ("mille", "1e3")]
_SCALE_EN = [("trillion", "1e12"), ("billion", "1e9"), ("million", "1e6"),
             ("thousand", "1e3"), ("hundred", "1e2"), ("dozen", "12")]
_SCALE_EN_ABBR = [("bn|bln", "1e9"), ("mn|mln", "1e6"), ("tn|trn", "1e12")]
_GLUED_SCALE_EN = [("bn|bln|b", "1e9"), ("m|mn|mln", "1e6"), ("k", "1e3"), ("tn|trn", "1e12")]
_GLUED_SCALE_EN_MONEY = [("BN|Bn|B", "1e9"), ("M|MM", "1e6"), ("K", "1e3"), ("T|TN|Tn", "1e12")]
# "5 M€", "1,2 Md$", "3 Mds d'euros": abbreviations only trusted before a currency.
_ABBR_SCALE_FR = re.compile(
    f"{_OWS}(?:(?P<g>Mds?|Mrds?|mds?)|(?P<m>M)|(?P<k>k))(?={_OWS}(?:[€$£]|d{_APOS}|de{_WS}))")

# --------------------------------------------------------------------------- vague amounts

_VAGUE_PLURAL_FR = {"dizaines": 10, "centaines": 100, "milliers": 1000,
                    "millions": 10**6, "milliards": 10**9}
_VAGUE_SINGULAR_FR = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
                      "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
                      "soixantaine": 60, "centaine": 100, "millier": 1000}
_VAGUE_PLURAL_EN = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000,
                    "millions": 10**6, "billions": 10**9, "trillions": 10**12}
_VAGUE_SEVERAL_EN = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6,
                     "billion": 10**9}


def _alt(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_VAGUE_FR = _ws(
    f"(?:(?:des|plusieurs|quelques) (?P<pl>{_alt(_VAGUE_PLURAL_FR)})"
    f"|(?:une?) (?P<sg>{_alt(_VAGUE_SINGULAR_FR)}))"
    "(?: de (?P<mult>milliers|millions|milliards))?(?!\\w)")
_VAGUE_EN = _ws(
    f"(?:(?P<pl>{_alt(_VAGUE_PLURAL_EN)})(?: of (?P<mult>thousands|millions|billions))?"
    f"|(?:several|a few|a couple of) (?P<sev>{_alt(_VAGUE_SEVERAL_EN)}))(?!\\w)")

# --------------------------------------------------------------------------- number words

def _wordlist(words: str) -> list[str]:
    return words.split()


_WORDS_FR = _wordlist(
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt vingts trente quarante cinquante soixante septante huitante octante "
    "nonante cent cents mille")
_WORDS_EN = _wordlist(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand")
_SMALL_FR = {w: i for i, w in enumerate(_wordlist(
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize"))}
_SMALL_FR["une"] = 1
_SMALL_FR |= {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
              "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
_SMALL_EN = {w: i for i, w in enumerate(_WORDS_EN[:20])}
_SMALL_EN |= {w: 10 * (i + 2) for i, w in enumerate(_WORDS_EN[20:28])}


def _words_rx(words: list[str], joiner: str) -> str:
    word = f"(?:{'|'.join(sorted(words, key=len, reverse=True))})(?!\\w)"
    return f"{word}(?:(?:{joiner}){word})*"


_NUMBER_WORDS_FR = _words_rx(_WORDS_FR, f"-et-|{_WS}et{_WS}|-|{_WS}")
_NUMBER_WORDS_EN = (
    f"an?(?={_WS}(?:hundred|thousand|dozen|million|billion|trillion)(?!\\w))"
    f"|{_words_rx(_WORDS_EN, f'{_WS}and{_WS}|-|{_WS}')}")

_DIGITS_FR = f"\\d{{1,3}}(?:{_SP}\\d{{3}})+(?!\\d)(?:,\\d+)?|\\d+(?:[.,]\\d+)*"
_DIGITS_EN = "\\d{1,3}(?:[\u00a0\u202f\u2009]\\d{3})+(?!\\d)(?:\\.\\d+)?|\\d+(?:[.,]\\d+)*"

# --------------------------------------------------------------------------- qualifiers

_DE = "d(?:e |['’] ?)"
_PREFIX_QUALIFIERS_FR = [
    ("pas moins " + _DE, "at-least"), ("au moins ", "at-least"), ("au minimum ", "at-least"),
    ("pas plus " + _DE, "up-to"), ("au maximum ", "up-to"), ("au plus ", "up-to"),
    ("jusqu['’] ?(?:à|a) ", "up-to"),
    ("(?:un peu |bien |nettement |largement )?plus " + _DE, "more-than"),
    ("au-? ?delà " + _DE, "more-than"),
    ("(?:un peu |bien |nettement |largement )?moins " + _DE, "less-than"),
    ("(?:tout )?près " + _DE, "nearly"), ("près ", "nearly"), ("presque ", "nearly"),
    ("quasiment ", "nearly"), ("pratiquement ", "nearly"), ("pas loin " + _DE, "nearly"),
    ("environ ", "about"), ("quelque ", "about"), ("approximativement ", "about"),
    ("à peu près ", "about"), ("autour " + _DE, "about"), ("aux alentours " + _DE, "about"),
    ("de l['’] ?ordre " + _DE, "about"), ("plus ou moins ", "about"),
    ("grosso modo ", "about"), ("seulement ", "only"), ("uniquement ", "only"),
    ("à peine ", "only"), ("tout juste ", "only"), ("juste ", "only"),
    ("exactement ", "exactly"), ("précisément ", "exactly"),
]
_PREFIX_QUALIFIERS_EN = [
    ("no fewer than ", "at-least"), ("no less than ", "at-least"), ("at least ", "at-least"),
    ("a minimum of ", "at-least"), ("not less than ", "at-least"),
    ("no more than ", "up-to"), ("not more than ", "up-to"), ("at most ", "up-to"),
    ("a maximum of ", "up-to"), ("up to ", "up-to"), ("as many as ", "up-to"),
    ("as much as ", "up-to"), ("as high as ", "up-to"),
    ("(?:just |well |slightly |a little )?(?:more than|over|above|in excess of|upwards of"
     "|greater than) ", "more-than"),
    ("(?:just |slightly |a little )?(?:less than|fewer than|under|below) ", "less-than"),
    ("nearly ", "nearly"), ("almost ", "nearly"), ("close to ", "nearly"),
    ("just shy of ", "nearly"),
    ("about ", "about"), ("around ", "about"), ("roughly ", "about"),
    ("approximately ", "about"), ("approx\\. ?", "about"), ("some ", "about"),
    ("an estimated ", "about"), ("estimated ", "about"), ("circa ", "about"),
    ("only ", "only"), ("just ", "only"), ("a mere ", "only"), ("merely ", "only"),
    ("exactly ", "exactly"), ("precisely ", "exactly"),
]
_POSTFIX_QUALIFIERS_FR = [
    (" ou plus(?! (?:tard|tôt|vite|loin|longtemps|souvent))", "at-least"),
    (" et plus(?=\\s*(?:[.,;:!?)»]|$))", "at-least"), (" au moins", "at-least"),
    (" au minimum", "at-least"), (" au maximum", "up-to"), (" ou moins", "up-to"),
    (" environ", "about"),
]
_POSTFIX_QUALIFIERS_EN = [
    (" or more", "at-least"), ("-plus", "at-least"), (" or so", "about"),
    (" or less", "up-to"), (" or fewer", "up-to"), (" at most", "up-to"),
]

# --------------------------------------------------------------------------- modifiers

_ADJ_FR = ("prochaine?s?|derni(?:er|ère)s?|premi(?:er|ère)s?|nouve(?:au|aux|lle|lles)|autres?"
           "|longues?|bonnes?|petite?s?|grande?s?|seule?s?|courte?s?")
_ADJ_EN = ("new|more|additional|extra|full|straight|consecutive|previous|last|next|past"
           "|further|active|monthly|daily|weekly|annual|other|full-time|part-time")
_MODIFIERS_FR = re.compile(f"(?:(?i:{_ADJ_FR})(?!\\w){_WS}){{1,2}}")
_MODIFIERS_EN = re.compile(
    f"(?:(?:(?i:{_ADJ_EN})(?![\\w-])|[A-Z][\\w&'’.-]*|[A-Za-z]+\\d[\\w-]*){_WS}){{1,3}}")

# --------------------------------------------------------------------------- dates, names

_MONTHS_FR = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre"
              "|octobre|novembre|décembre|decembre|janv\\.|févr\\.|sept\\.|oct\\.|nov\\."
              "|déc\\.")
_WEEKDAYS_FR = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MONTHS_EN = ("January|February|March|April|May|June|July|August|September|October"
              "|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?"
              "|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
_WEEKDAYS_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MASKS_COMMON = [
    "\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}",  # 27/01/2025, 2025-01-27
    "\\d{1,2}:\\d{2}",  # 10:30
    "\\d{1,2}(?::\\d{2})? ?(?:a\\.m\\.|p\\.m\\.|am|pm)(?!\\w)",
]
_MASKS_FR = [
    f"(?i:(?:(?:{_WEEKDAYS_FR}) )?\\d{{1,2}}(?:er|ᵉʳ)? (?:{_MONTHS_FR})(?: \\d{{4}})?)",
    f"(?i:(?:{_MONTHS_FR}) \\d{{4}})",
    f"(?i:(?:{_WEEKDAYS_FR}) \\d{{1,2}})",
    "\\d{1,2} ?h ?\\d{2}(?!\\d)", "\\d{1,2} ?h(?!\\w)",
]
_MASKS_EN = [
    f"(?:{_MONTHS_EN}) \\d{{1,2}}(?:st|nd|rd|th)?(?:,? \\d{{4}})?"
    "(?!\\d|[.,]\\d| ?%| ?(?:per|million|billion|thousand|trillion)(?!\\w))",
    f"\\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS_EN})(?!\\w)(?:,? \\d{{4}})?",
    f"(?:{_MONTHS_EN}) \\d{{4}}",
    f"(?:{_WEEKDAYS_EN}),? \\d{{1,2}}(?!\\d)",
]
_LABELS = re.compile(
    "(?<!\\w)(?:n°|nº|no\\.|numéro|number|article|pages?|p\\.|chapitre|chapter|section"
    "|version|v\\.|rang|niveau|level|phase|saison|season|épisode|episode|tome|volume|vol\\."
    f"|#){_OWS}\\Z", re.IGNORECASE)
_CAPITALISED_BEFORE = re.compile(f"(?<![\\w'’-])[A-Z][\\w&'’.-]*(?={_WS}\\Z)")
# Capitalised words that may stand before a number without naming a product ("Mais 300").
_FUNCTION_WORDS = frozenset(_wordlist(
    "le la les l en dans pour mais et ou sur avec depuis selon après avant des de du un une "
    "ces ce cette ils elles il elle on nous vous soit entre par au aux à seuls seules the in "
    "on at by for with from since and but or of to all between after before until these "
    "those this that it they we he she its their our his her during within per than only "
    "some"))
_TIME_OF_DAY_FR = re.compile(f"(?<!\\w)(?i:à|vers){_WS}\\Z")
_QUE = re.compile(f"(?<!\\w)qu(?:e{_WS}|{_APOS}{_OWS})\\Z", re.IGNORECASE)
_NE = re.compile(f"(?<!\\w)n(?:e{_WS}|{_APOS}{_OWS})", re.IGNORECASE)
_NOT_ONLY = re.compile("(?<!\\w)(?:pas|jamais|point|guère|rien|personne|aucune?|nulle?)(?!\\w)",
                       re.IGNORECASE)
_CLAUSE_BREAK = re.compile("[.;:!?«»()\\n,\u2013\u2014]")
_AFTER_DIGITS_BAD = re.compile("[-/:]\\d")
_YEAR = re.compile("1[89]\\d\\d|20\\d\\d|2100")


# --------------------------------------------------------------------------- language tables

@dataclass(frozen=True)
class _Lang:
    code: str
    core: re.Pattern[str]
    vague: re.Pattern[str]
    number_word: re.Pattern[str]
    units: _Lexicon
    currencies: _Lexicon
    scaled_currencies: _Lexicon | None
    scales: _Lexicon
    glued_scales: _Lexicon | None
    glued_money_scales: _Lexicon | None
    connector: re.Pattern[str]
    modifiers: re.Pattern[str]
    prefix_qualifiers: tuple[tuple[re.Pattern[str], str], ...]
    postfix_qualifiers: tuple[tuple[re.Pattern[str], str], ...]
    masks: re.Pattern[str]


def _one_of(words: list[str]) -> re.Pattern[str]:
    return re.compile(f"(?:{'|'.join(sorted(words, key=len, reverse=True))})(?!\\w)",
                      re.IGNORECASE)


def _core(vague: str, digits: str, words: str) -> re.Pattern[str]:
    return re.compile(f"(?<![\\w.])(?<!\\w[-/:,])(?:(?P<vague>{vague})|(?P<digits>{digits})"
                      f"|(?P<words>{words}))", re.IGNORECASE)


def _qualifiers(entries: list[tuple[str, str]], prefix: bool) -> tuple[
        tuple[re.Pattern[str], str], ...]:
    if prefix:
        return tuple((re.compile(f"(?<![\\w-])(?:{_ws(p)})\\Z", re.IGNORECASE), q)
                     for p, q in entries)
    return tuple((re.compile(_ws(p) + "(?!\\w)", re.IGNORECASE), q) for p, q in entries)


def _build_lang(code: str) -> _Lang:
    fr = code == "fr"
    masks = _MASKS_COMMON + (_MASKS_FR if fr else _MASKS_EN)
    return _Lang(
        code=code,
        core=_core(_VAGUE_FR if fr else _VAGUE_EN, _DIGITS_FR if fr else _DIGITS_EN,
                   _NUMBER_WORDS_FR if fr else _NUMBER_WORDS_EN),
        vague=re.compile(_VAGUE_FR if fr else _VAGUE_EN, re.IGNORECASE),
        number_word=_one_of(_WORDS_FR if fr else [*_WORDS_EN, "a", "an"]),
        units=_Lexicon(_UNITS_FR if fr else _UNITS_EN,
                       _UNITS_CASED_COMMON + (_UNITS_CASED_FR if fr else _UNITS_CASED_EN)),
        currencies=_Lexicon(_CURRENCY_FR if fr else _CURRENCY_EN, _CURRENCY_CASED),
        scaled_currencies=None if fr else _Lexicon(_CURRENCY_SCALED_EN),
        scales=_Lexicon(_SCALE_FR if fr else _SCALE_EN, None if fr else _SCALE_EN_ABBR,
                        lead=_WS),
        glued_scales=None if fr else _Lexicon([], _GLUED_SCALE_EN),
        glued_money_scales=None if fr else _Lexicon([], _GLUED_SCALE_EN_MONEY),
        connector=re.compile(f"{_WS}d(?:e{_WS}|{_APOS}{_OWS})" if fr else f"{_WS}of{_WS}",
                             re.IGNORECASE),
        modifiers=_MODIFIERS_FR if fr else _MODIFIERS_EN,
        prefix_qualifiers=_qualifiers(_PREFIX_QUALIFIERS_FR if fr else _PREFIX_QUALIFIERS_EN,
                                      prefix=True),
        postfix_qualifiers=_qualifiers(
            _POSTFIX_QUALIFIERS_FR if fr else _POSTFIX_QUALIFIERS_EN, prefix=False),
        masks=re.compile("|".join(_ws(m) for m in masks)),
    )


_LANGS = {code: _build_lang(code) for code in LANGS}
_PREFIX_CURRENCY_RX = tuple((re.compile(f"(?:{p}){_OWS}\\Z"), c) for p, c in _PREFIX_CURRENCY)


def _lang(lang: str) -> _Lang:
    try:
        return _LANGS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}: expected one of {LANGS}") from None


# --------------------------------------------------------------------------- numbers

def _parse_digits(surface: str, lang: str) -> Decimal | None:
    """Digits with the language's separators as a Decimal, or None when malformed."""
    spaced = any(ch in surface for ch in _SPACES)
    s = "".join(ch for ch in surface if ch not in _SPACES)
    if spaced and not re.fullmatch(f"\\d{{1,3}}(?:{_SP}\\d{{3}})+(?:[.,]\\d+)?", surface):
        return None
    if lang == "fr":
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):  # 1.000.000 (dot thousands)
            s = s.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d+,\d+", s):
            s = s.replace(",", ".")
        elif not re.fullmatch(r"\d+(?:\.\d+)?", s):
            return None
    else:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
            s = s.replace(",", "")
        elif not re.fullmatch(r"\d+(?:\.\d+)?", s):
            return None
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        return None


def _fallback_words(words: str, lang: str) -> int | None:
    """Numbers in words without text2num: "deux", "vingt-deux", "quatre-vingts", "cent"."""
    small = _SMALL_FR if lang == "fr" else _SMALL_EN
    hundred, thousand = ("cent", "mille") if lang == "fr" else ("hundred", "thousand")
    total = current = 0
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t not in ("et", "and")]
    if not tokens:
        return None
    for token in tokens:
        if token in small:
            if token.startswith("vingt") and current % 100 == 4:
                current += 76  # quatre-vingt(s)
            else:
                current += small[token]
        elif token.rstrip("s") == hundred:
            current = (current or 1) * 100
        elif token == thousand:
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _words_value(words: str, lang: str) -> Decimal | None:
    norm = " ".join(words.lower().split())
    if norm in ("a", "an"):
        return Decimal(1)
    if _text2num is not None:
        try:
            return Decimal(_text2num(norm, lang))
        except ValueError:
            return None
    value = _fallback_words(norm, lang)
    return None if value is None else Decimal(value)


def _vague_value(match: re.Match[str], lang: str) -> tuple[Decimal, str]:
    """Value and default qualifier of "des dizaines de milliers", "tens of thousands"..."""
    groups = match.groupdict()
    mult = 1
    if groups.get("mult"):
        mult = {"thousands": 1000, "millions": 10**6, "billions": 10**9,
                "milliers": 1000, "milliards": 10**9}[groups["mult"].lower()]
    if lang == "fr":
        if groups.get("sg"):
            return Decimal(_VAGUE_SINGULAR_FR[groups["sg"].lower()] * mult), "about"
        return Decimal(_VAGUE_PLURAL_FR[groups["pl"].lower()] * mult), "at-least"
    if groups.get("sev"):
        return Decimal(_VAGUE_SEVERAL_EN[groups["sev"].lower()]), "at-least"
    return Decimal(_VAGUE_PLURAL_EN[groups["pl"].lower()] * mult), "at-least"


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _scan_scales(text: str, pos: int, lang: _Lang, money_prefix: bool) -> tuple[int, Decimal]:
    """Multiply by glued ("1.2bn"), abbreviated ("5 M€") and word scales ("mille milliards")."""
    mult = Decimal(1)
    glued = [lang.glued_scales] + ([lang.glued_money_scales] if money_prefix else [])
    for lexicon in glued:
        found = lexicon.match(text, pos) if lexicon is not None else None
        if found is not None:
            mult *= Decimal(found[2])
            pos = found[1]
            break
    if lang.code == "fr":
        abbr = _ABBR_SCALE_FR.match(text, pos)
        if abbr is not None:
            mult *= Decimal("1e9" if abbr["g"] else "1e6" if abbr["m"] else "1e3")
            pos = abbr.end()
    for _ in range(3):
        found = lang.scales.match(text, pos)
        if found is None:
            break
        mult *= Decimal(found[2])
        pos = found[1]
    return pos, mult


def parse_number(words: str, lang: str) -> int | float | None:
    """Parse a number written with digits, words and scale words; None if it is not one.

    Usage: ``parse_number("5,6 millions", "fr")`` -> 5600000; ``parse_number("twenty", "en")``
    -> 20; ``parse_number("mille milliards", "fr")`` -> 1000000000000.
    """
    cfg = _lang(lang)
    text = words.strip()
    m = cfg.core.match(text)
    if m is None:
        return None
    if m["vague"] is not None:
        vague = cfg.vague.fullmatch(m["vague"])
        value = _vague_value(vague, lang)[0] if vague is not None else None
    elif m["digits"] is not None:
        value = _parse_digits(m["digits"], lang)
    else:
        value = _words_value(m["words"], lang)
    if value is None:
        return None
    end, mult = _scan_scales(text, m.end(), cfg, money_prefix=False)
    if text[end:].strip(_SPACES):
        return None
    return _as_number(value * mult)


# --------------------------------------------------------------------------- extraction

@dataclass(frozen=True)
class _Candidate:
    figure: FoundFigure
    fallback: FoundFigure | None  # the same figure without its left-hand qualifier


def _prefix_currency(text: str, start: int) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for rx, code in _PREFIX_CURRENCY_RX:
        m = rx.search(text, max(0, start - 8), start)
        if m is not None and (best is None or m.start() < best[0]):
            currency = code
            if code == "code":
                currency = m.group(0).strip(_SPACES)
                currency = "CNY" if currency == "RMB" else currency
            best = (m.start(), currency)
    return best


def _prefix_qualifier(text: str, start: int, lang: _Lang) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for rx, qualifier in lang.prefix_qualifiers:
        m = rx.search(text, max(0, start - 40), start)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), qualifier)
    if best is None and lang.code == "fr":
        only = _ne_que(text, start)
        if only is not None:
            best = (only, "only")
    return best


def _ne_que(text: str, start: int) -> int | None:
    """Start of "que" in a restrictive "ne ... que" ("n'a requis que 2 000"), else None."""
    que = _QUE.search(text, max(0, start - 12), start)
    if que is None:
        return None
    window_start = max(0, que.start() - 80)
    breaks = list(_CLAUSE_BREAK.finditer(text, window_start, que.start()))
    clause_start = breaks[-1].end() if breaks else window_start
    negations = list(_NE.finditer(text, clause_start, que.start()))
    if not negations:
        return None
    between = text[negations[-1].end():que.start()]
    if _NOT_ONLY.search(between) or len(between.split()) > 5:
        return None
    return que.start()


def _postfix_qualifier(text: str, end: int, lang: _Lang) -> tuple[int, str] | None:
    for rx, qualifier in lang.postfix_qualifiers:
        m = rx.match(text, end)
        if m is not None:
            return m.end(), qualifier
    return None


def _noun(text: str, pos: int, lang: _Lang, *, scaled: bool, vague: bool,
          glued_only: bool) -> tuple[int, str | None, str | None] | None:
    """Unit or currency after the number: (end, unit, currency), or None."""
    starts = [pos]
    if not glued_only:
        ws = _WS_RX.match(text, pos)
        if ws is not None:
            starts.append(ws.end())
        if lang.code == "en" and text.startswith("-", pos):
            starts.append(pos + 1)  # "10-year", "five-year"
        if vague or (scaled and lang.code == "fr"):
            connector = lang.connector.match(text, pos)
            if connector is not None:
                starts.append(connector.end())
    for index, start in enumerate(starts):
        hyphen = lang.code == "en" and start == pos + 1 and text.startswith("-", pos)
        if not hyphen:
            if scaled and lang.scaled_currencies is not None:
                found = lang.scaled_currencies.match(text, start)
                if found is not None:
                    return found[1], None, found[2]
            found = lang.currencies.match(text, start)
            if found is not None:
                return found[1], None, found[2]
        found = lang.units.match(text, start)
        if found is not None:
            return found[1], found[2], None
        if index > 0:
            modifiers = lang.modifiers.match(text, start)
            if modifiers is not None:
                found = lang.units.match(text, modifiers.end())
                if found is not None:
                    return found[1], found[2], None
    return None


def _is_name_number(text: str, start: int) -> bool:
    """True for "Llama 3.1", "Boeing 737": a capitalised word (not "Mais", "The") before."""
    word = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
    return word is not None and word.group(0).lower() not in _FUNCTION_WORDS


def _build(text: str, m: re.Match[str], lang: _Lang,
           masks: list[tuple[int, int]]) -> _Candidate | None:
    core_start, core_end = m.span()
    default_qualifier = "exactly"
    vague = m["vague"] is not None
    words = m["words"] is not None
    if vague:
        vague_match = lang.vague.fullmatch(m["vague"])
        if vague_match is None:  # pragma: no cover - same pattern as in the core
            return None
        value, default_qualifier = _vague_value(vague_match, lang.code)
    elif words:
        value = None
        pieces = list(lang.number_word.finditer(text, core_start, core_end))
        for piece in reversed(pieces):  # "deux et trois": keep the longest prefix that parses
            value = _words_value(text[core_start:piece.end()], lang.code)
            if value is not None:
                core_end = piece.end()
                break
        if value is None:
            return None
        if text[core_start:core_end].lower().startswith("cent") and re.search(
                f"(?i:pour){_WS}\\Z", text[max(0, core_start - 8):core_start]):
            return None  # the "cent" of "pour cent"
    else:
        value = _parse_digits(m["digits"], lang.code)
        if value is None or _AFTER_DIGITS_BAD.match(text, core_end):
            return None
        if any(s < core_end and core_start < e for s, e in masks):
            return None

    start = core_start
    if m["digits"] is not None and core_start > 0 and text[core_start - 1] in "+-−" and (
            core_start == 1 or not text[core_start - 2].isalnum()):
        start -= 1  # "-3 %", "+5 %", "−0,4 point"
        if text[start] != "+":
            value = -value
    currency: str | None = None
    unit: str | None = None
    prefix = _prefix_currency(text, start) if m["digits"] is not None else None
    if prefix is not None:
        start, currency = prefix
    pos, mult = _scan_scales(text, core_end, lang, money_prefix=prefix is not None)
    scaled = mult != 1
    glued = pos < len(text) and (text[pos].isalnum() or text[pos] == "_")
    end = pos
    if currency is None:
        noun = _noun(text, pos, lang, scaled=scaled, vague=vague, glued_only=glued)
        if noun is not None:
            end, unit, currency = noun
    if glued and end == pos:
        return None  # "H800"-like tails: "3e", "1er", "5G", "24h"
    qualifier = default_qualifier
    post = _postfix_qualifier(text, end, lang)
    if post is not None:
        end, qualifier = post
    left = _prefix_qualifier(text, start, lang)
    if left is not None and lang.code == "en" and unit in _TIME_UNITS and re.fullmatch(
            f"(?i:over){_WS}", text[left[0]:start]):
        left = None  # "over four years" is a duration, not "more than four years"
    bare_start = start
    if left is not None:
        start, qualifier = left

    bare = not scaled and unit is None and currency is None and not vague
    if words and (bare or (value == 1 and not scaled and text[core_start:core_end].lower()
                           in ("un", "une", "a", "an"))):
        return None  # "deux grands partis", "un modèle": no figure without unit or scale
    if m["digits"] is not None and bare and left is None and post is None:
        digits = m["digits"]
        if _YEAR.fullmatch(digits):
            return None
        if lang.code == "fr" and "." in digits and "," not in digits and value < 1000:
            return None  # "3.1" in French text is a version, not a decimal
        if _is_name_number(text, core_start) or _LABELS.search(
                text, max(0, core_start - 20), core_start):
            return None
    if (lang.code == "fr" and unit == "hour" and not scaled and value <= 24
            and _TIME_OF_DAY_FR.search(text, max(0, start - 8), start)):
        return None  # "à 14 heures" is a time of day

    number = _as_number(value * mult)
    figure = FoundFigure(number, unit, currency, qualifier, start, end, text[start:end])
    fallback = None
    if left is not None:
        fallback = replace(figure, qualifier=post[1] if post else default_qualifier,
                           start=bare_start, text=text[bare_start:end])
    return _Candidate(figure, fallback)


def find_figures(text: str, lang: str) -> list[FoundFigure]:
    """Find the figures of a French ("fr") or English ("en") text, sorted by start.

    Usage: ``find_figures("n'a requis que 2 000 processeurs H800", "fr")`` -> one figure,
    value 2000, unit "processor", qualifier "only", text "que 2 000 processeurs".
    """
    cfg = _lang(lang)
    masks = [match.span() for match in cfg.masks.finditer(text)]
    candidates = [c for m in cfg.core.finditer(text) if (c := _build(text, m, cfg, masks))]
    candidates.sort(key=lambda c: (c.figure.start, -c.figure.end))
    figures: list[FoundFigure] = []
    last_end = 0
    for candidate in candidates:
        figure = candidate.figure
        if figure.start < last_end:
            figure = candidate.fallback
            if figure is None or figure.start < last_end:
                continue
        figures.append(figure)
        last_end = figure.end
    return figures


def unit_at(text: str, pos: int, lang: str) -> str | None:
    """The unit a count noun at ``pos`` names, or None. Usage:
    ``unit_at("le nombre d'emplois", 12, "fr")`` -> 'job'."""
    found = _lang(lang).units.match(text, pos)
    return found[2] if found is not None else None
