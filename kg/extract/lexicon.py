"""Word lists of French and English journalism: speech verbs, titles, roles, groups, cues.

Everything the extractor recognises by word lives here, so adding a verb or a cue is a
one-line change. Usage::

    from kg.extract.lexicon import LEXICONS
    "précise" in LEXICONS["fr"].speech_verbs
"""

from __future__ import annotations

import re
from dataclasses import dataclass

APOS = "['’]"


def word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list. Usage: ``word_set("estime juge")``."""
    return frozenset(words.split())


# --------------------------------------------------------------------------- French verbs

_FR_REGULAR = sorted(word_set("""
affirmer déclarer estimer juger préciser noter ajouter concéder continuer insister considérer
remarquer souligner expliquer indiquer assurer rappeler suggérer proclamer annoncer penser
avancer confier observer relever constater marteler regretter déplorer dénoncer confirmer
révéler signaler alerter analyser résumer commenter lancer tempérer nuancer pointer détailler
raconter témoigner argumenter plaider avouer trancher glisser jurer répéter objecter rétorquer
mentionner tabler chiffrer accuser espérer douter contester nier prédire préciser exposer
certifier garantir protester insinuer s'inquiéter s'alarmer s'exclamer s'interroger
s'étonner se_féliciter ironiser renchérir enchaîner opposer arguer souffler demander
exiger réclamer évoquer justifier revendiquer préconiser recommander proposer déterminer
envisager se_réjouir s'indigner saluer redouter souhaiter menacer accepter refuser dévoiler
appeler
"""))

_FR_IRREGULAR = {
    "dire": "dit disent disait disaient dirent",
    "écrire": "écrit écrivent écrivait écrivaient écrivit écrivirent",
    "prévenir": "prévient préviennent prévenait prévenaient prévint prévinrent prévenu",
    "soutenir": "soutient soutiennent soutenait soutenaient soutint soutinrent soutenu",
    "maintenir": "maintient maintiennent maintenait maintenaient maintint maintinrent maintenu",
    "reprendre": "reprend reprennent reprenait reprenaient reprit reprirent repris",
    "répondre": "répond répondent répondait répondaient répondit répondirent répondu",
    "conclure": "conclut concluent concluait concluaient conclurent conclu",
    "croire": "croit croient croyait croyaient crut crurent cru",
    "promettre": "promet promettent promettait promettaient promit promirent promis",
    "admettre": "admet admettent admettait admettaient admit admirent admis",
    "reconnaître": "reconnaît reconnait reconnaissent reconnaissait reconnaissaient reconnut "
                   "reconnurent reconnu",
    "avertir": "avertit avertissent avertissait avertissaient avertirent averti",
    "poursuivre": "poursuit poursuivent poursuivait poursuivaient poursuivit poursuivirent "
                  "poursuivi",
    "craindre": "craint craignent craignait craignaient craignit craignirent",
    "démentir": "dément démentent démentait démentaient démentit démentirent démenti",
    "prévoir": "prévoit prévoient prévoyait prévoyaient prévit prévirent prévu",
    "prédire": "prédit prédisent prédisait prédisaient",
    "convenir": "convient conviennent convenait convenaient convint convinrent convenu",
    "reconnaitre": "reconnait",
    "décrire": "décrit décrivent décrivait décrivaient décrivit décrivirent",
    "faire savoir": "fait_savoir font_savoir faisait_savoir faisaient_savoir fit_savoir "
                    "firent_savoir",
    "faire état": "fait_état font_état faisait_état faisaient_état fit_état firent_état",
    "faire remarquer": "fait_remarquer font_remarquer faisait_remarquer faisaient_remarquer",
    "mettre en cause": "met_en_cause mettent_en_cause mettait_en_cause mis_en_cause",
    "vouloir": "veut veulent voulait voulaient voulu",
    "prétendre": "prétend prétendent prétendait prétendaient prétendu",
    "se réjouir": "réjouit réjouissent réjouissait réjouissaient réjoui réjouie réjouis",
}

#: Cues whose content may be a noun phrase (« la direction a confirmé un plan de … »,
#: « la CGT estime à 75 000 le nombre … », « X fait état de l'exécution de … »).
FR_NOUN_PHRASE_CUES = word_set(
    "annoncer confirmer dénoncer démentir réclamer demander exiger estimer prévoir relever "
    "regretter déplorer craindre redouter évoquer justifier contester revendiquer préconiser "
    "recommander proposer envisager saluer décrire reconnaître admettre nier souhaiter "
    "s'inquiéter mettre_en_cause vouloir".replace("_", " "))
#: Cues whose content may be an infinitive clause with the cue's subject (« elle raconte
#: avoir été encerclée », « il promet de baisser les impôts »).
FR_INFINITIVE_CUES = word_set(
    "dire affirmer assurer raconter déclarer reconnaître admettre avouer nier démentir "
    "estimer penser croire espérer souhaiter vouloir promettre prétendre jurer menacer "
    "refuser accepter envisager craindre redouter confier expliquer")

#: Verbs whose subject's statement is an opinion rather than a report of fact.
FR_OPINION_LEMMAS = word_set(
    "estimer juger penser croire considérer espérer craindre douter regretter déplorer")


def _fr_forms(lemma: str) -> set[str]:
    """Third-person forms and past participle of a regular -er verb (and its reflexive)."""
    reflexive = lemma.startswith(("s'", "se "))
    if reflexive:
        lemma = lemma[2:].lstrip()
    stem = lemma[:-2]
    present = stem
    match = re.search(r"é([^aeiouyéèê]+)$", stem)
    if match:  # concéder -> concède, suggérer -> suggère
        present = stem[: match.start()] + "è" + match.group(1)
    soft = stem + ("e" if stem.endswith("g") else "")
    forms = {present + "e", present + "ent", soft + "ait", soft + "aient", soft + "a",
             stem + "èrent", stem + "é", stem + "ée", stem + "és", stem + "ées"}
    if reflexive:
        return {f"s'{f}" if f[0] in "aeiouéèêh" else f"se {f}" for f in forms}
    return forms


def _build_fr_verbs() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma in (word.replace("_", " ") for word in _FR_REGULAR):
        for form in _fr_forms(lemma):
            forms.setdefault(form, lemma)
    for lemma, words in _FR_IRREGULAR.items():
        for form in words.split():
            forms.setdefault(form.replace("_", " "), lemma)
    return forms


# --------------------------------------------------------------------------- English verbs

_EN_VERBS = {
    "say": "say says said", "tell": "tell tells told", "add": "add adds added",
    "acknowledge": "acknowledge acknowledges acknowledged", "argue": "argue argues argued",
    "note": "note notes noted", "warn": "warn warns warned",
    "explain": "explain explains explained", "claim": "claim claims claimed",
    "insist": "insist insists insisted", "state": "state states stated",
    "write": "write writes wrote", "predict": "predict predicts predicted",
    "suggest": "suggest suggests suggested", "contend": "contend contends contended",
    "maintain": "maintain maintains maintained", "admit": "admit admits admitted",
    "concede": "concede concedes conceded", "believe": "believe believes believed",
    "estimate": "estimate estimates estimated", "announce": "announce announces announced",
    "confirm": "confirm confirms confirmed", "deny": "deny denies denied",
    "stress": "stress stresses stressed", "emphasise": "emphasise emphasises emphasised",
    "emphasize": "emphasize emphasizes emphasized", "reckon": "reckon reckons reckoned",
    "recall": "recall recalls recalled", "observe": "observe observes observed",
    "remark": "remark remarks remarked", "allege": "allege alleges alleged",
    "assert": "assert asserts asserted", "continue": "continue continues continued",
    "reply": "reply replies replied", "respond": "respond responds responded",
    "caution": "caution cautions cautioned", "counter": "counter counters countered",
    "agree": "agree agrees agreed", "conclude": "conclude concludes concluded",
    "think": "think thinks thought", "expect": "expect expects expected",
    "fear": "fear fears feared", "promise": "promise promises promised",
    "testify": "testify testifies testified", "report": "report reports reported",
    "complain": "complain complains complained", "worry": "worry worries worried",
    "doubt": "doubt doubts doubted", "dispute": "dispute disputes disputed",
    "project": "project projects projected", "forecast": "forecast forecasts forecasted",
    "boast": "boast boasts boasted", "reiterate": "reiterate reiterates reiterated",
    "point out": "point out points out pointed out", "go on": "go on goes on went on",
    "pledge": "pledge pledges pledged", "vow": "vow vows vowed",
    "declare": "declare declares declared", "question": "question questions questioned",
    "ask": "ask asks asked", "wonder": "wonder wonders wondered",
}

EN_OPINION_LEMMAS = word_set("believe think reckon fear doubt worry hope")


def _build_en_verbs() -> dict[str, str]:
    return {form: lemma for lemma, words in _EN_VERBS.items()
            for form in _split_multiword(words)}


def _en_gerund(lemma: str) -> str:
    head, _, tail = lemma.partition(" ")
    if head.endswith("ie"):
        head = head[:-2] + "y"
    elif head.endswith("e") and not head.endswith(("ee", "ye")):
        head = head[:-1]
    elif head == "admit":
        head += "t"
    return (head + "ing" + (" " + tail if tail else "")).strip()


def _fr_gerund(lemma: str) -> str | None:
    if not lemma.endswith("er") or lemma.startswith(("s'", "se ")):
        return None
    stem = lemma[:-2]
    if stem.endswith("c"):
        return stem[:-1] + "çant"
    return stem + ("eant" if stem.endswith("g") else "ant")


#: Present participles that introduce a reported statement: "arguing that", "estimant que".
GERUNDS = {
    "en": {_en_gerund(lemma): lemma for lemma in _EN_VERBS},
    "fr": {g: lemma for lemma in _FR_REGULAR if (g := _fr_gerund(lemma))} | {
        "disant": "dire", "soutenant": "soutenir", "reconnaissant": "reconnaître",
        "admettant": "admettre", "prévenant": "prévenir", "promettant": "promettre",
        "répondant": "répondre", "écrivant": "écrire", "croyant": "croire"},
}

#: Verbs of praise or greeting: a sentence built on them states no checkable content.
NON_CLAIM_VERBS = re.compile(
    r"\b(?:a |ont |avait )?(?:salu[ée]s?|salue(?:nt)?|félicit[ée](?:nt)?|remerci[ée](?:nt)?|"
    r"welcomed|praised|thanked|hailed|applauded|congratulated)\b", re.IGNORECASE)


def _split_multiword(words: str) -> list[str]:
    parts = words.split()
    if len(parts) % 2 == 0 and all(p in ("out", "on") for p in parts[1::2]):
        return [f"{a} {b}" for a, b in zip(parts[::2], parts[1::2], strict=True)]
    return parts


# --------------------------------------------------------------------------- roles and groups

ROLE_NOUNS = word_set("""
analyste analyst fondateur fondatrice founder cofondateur cofondatrice co-fondateur
co-fondatrice cofounder co-founder directeur directrice director président présidente
president chair chairman chairwoman chairperson chief chef ministre minister maire mayor
porte-parole spokesperson spokesman spokeswoman économiste economist chercheur chercheuse
researcher professeur professeure professor expert experte consultant consultante associé
associée partner responsable head dirigeant dirigeante executive officer manager pdg ceo cfo
cto coo patron patronne boss sénateur sénatrice senator député députée lawmaker conseiller
conseillère councillor councilor adviser advisor secrétaire secretary gouverneur governor
ingénieur ingénieure engineer avocat avocate lawyer attorney juge judge commissaire
commissioner administrateur administratrice administrator délégué déléguée trésorier
trésorière treasurer spécialiste specialist stratège strategist scientist scientifique
journaliste journalist reporter auteur autrice author historien historienne historian
sociologue sociologist planner urbaniste statisticien statisticienne statistician trader
investisseur investisseuse investor ambassadeur ambassadrice ambassador superintendent
inspector sheriff official représentant représentante representative gérant gérante fellow
lecturer doyen doyenne dean recteur rectrice coordinateur coordinatrice coordinator
organisateur organisatrice organizer organiser militant militante activist syndicaliste
médecin doctor climatologue climatologist physicien physicienne physicist ingénieure
délégué-général déléguée-générale vice-président vice-présidente secretary-general
secrétaire-général secrétaire-générale director-general directeur-général
""")

_FEMININE_ROLES = word_set(
    """
fondatrice cofondatrice co-fondatrice directrice présidente chercheuse professeure experte
consultante associée dirigeante patronne sénatrice députée conseillère ingénieure avocate
administratrice déléguée trésorière autrice historienne statisticienne investisseuse
ambassadrice représentante gérante doyenne rectrice coordinatrice organisatrice militante
physicienne chairwoman spokeswoman vice-présidente déléguée-générale
""")

_MASCULINE_ROLES = word_set(
    """
fondateur cofondateur co-fondateur directeur président chercheur professeur expert
consultant associé dirigeant patron sénateur député conseiller ingénieur avocat
administrateur délégué trésorier auteur historien statisticien investisseur ambassadeur
représentant gérant doyen recteur coordinateur organisateur militant physicien chairman
spokesman vice-président délégué-général
""")

GROUP_NOUNS = word_set(
    """
analystes analysts experts expertes économistes economists chercheurs chercheuses researchers
scientists scientifiques observateurs observers spécialistes specialists créateurs creators
fondateurs founders dirigeants leaders executives responsables officials élus lawmakers
députés sénateurs senators habitants residents riverains critiques critics opposants opponents
partisans supporters défenseurs advocates militants activists syndicats unions salariés
employés employees workers travailleurs investisseurs investors médecins doctors enseignants
teachers parents usagers users riders passengers voyageurs commuters members conseillers
councillors councilors ingénieurs engineers juristes avocats sources industriels géants
associations autorités authorities régulateurs regulators fabricants manufacturers
producteurs producers opérateurs operators banques banks économistes agriculteurs farmers
consommateurs consumers électeurs voters chauffeurs drivers commerçants merchants
propriétaires owners locataires tenants manifestants protesters ministres ministers
dirigeantes sources observatrices spécialistes porte-parole spokespeople planners
""")

#: Nouns of bodies that speak: "le ministère", "the authority".
INSTITUTION_NOUNS = word_set(
    "ministère gouvernement mairie ville municipalité préfecture région département commission "
    "entreprise société groupe compagnie banque agence autorité régulateur syndicat parti "
    "conseil direction administration opérateur fédération association institut observatoire "
    "city government ministry department agency authority company firm bank council "
    "administration committee board union operator regulator commission office "
    "police")

#: Titles written before a person's name, with the gender they imply (None: unknown).
TITLES_FR = {
    "M.": "m", "Mme": "f", "Mme.": "f", "Mlle": "f", "Dr": None, "Pr": None,
    "président": "m", "présidente": "f", "Président": "m", "Présidente": "f",
    "ministre": None, "Ministre": None, "maire": None, "sénateur": "m", "sénatrice": "f",
    "député": "m", "députée": "f", "PDG": None, "directeur": "m", "directrice": "f",
    "porte-parole": None, "professeur": None, "professeure": "f", "général": "m",
    "juge": None, "commissaire": None, "gouverneur": "m", "chancelier": "m",
    "chancelière": "f", "patron": "m", "patronne": "f", "Premier ministre": None,
    "première ministre": "f", "Première ministre": "f", "premier ministre": None,
    "docteur": None, "Docteur": None,
    "roi": "m", "reine": "f", "pape": "m", "secrétaire d'État": None,
    "secrétaire d’État": None, "vice-président": "m", "vice-présidente": "f",
}
TITLES_EN = {
    "Mr": "m", "Mr.": "m", "Mrs": "f", "Mrs.": "f", "Ms": "f", "Ms.": "f", "Miss": "f",
    "Dr": None, "Dr.": None, "Prof": None, "Prof.": None, "Professor": None, "Mayor": None,
    "Deputy Mayor": None, "Minister": None, "Prime Minister": None, "President": None,
    "Vice President": None, "Senator": None, "Sen.": None, "Governor": None, "Gov.": None,
    "Rep.": None, "Representative": None, "Councillor": None, "Councilor": None,
    "Council member": None, "Councilmember": None, "Councilwoman": "f", "Councilman": "m",
    "Commissioner": None, "Secretary": None, "Chancellor": None, "Judge": None,
    "Justice": None, "Chief": None, "Director": None, "Chairman": "m", "Chairwoman": "f",
    "CEO": None, "General": None, "Gen.": None, "Sheriff": None, "Superintendent": None,
    "Inspector": None, "Detective": None, "Officer": None, "Sir": "m", "Dame": "f",
    "Lord": "m", "Lady": "f", "King": "m", "Queen": "f", "Pope": "m", "Mayor-elect": None,
    "Transport Secretary": None, "Transportation Secretary": None, "State Senator": None,
    "Assemblyman": "m", "Assemblywoman": "f", "Alderman": "m", "Alderwoman": "f",
}

# --------------------------------------------------------------------------- status cues

UNVERIFIED_CUES_FR = (
    "sans que (?:ce|cela|ça) (?:soit|ait été|n['’]ait été) (?:confirmé|vérifié)e?s?",
    "n['’](?:a|ont) pas (?:encore )?(?:pu )?(?:été|être) (?:confirmé|vérifié)e?s?"
    "(?: de (?:manière|façon) indépendante)?",
    "n['’](?:a|ont) pas (?:encore )?(?:confirmé|vérifié)",
    "non (?:confirmé|vérifié)e?s?", "sans confirmation", "invérifiables?",
    "pas été (?:confirmé|vérifié)e?s? de (?:manière|façon) indépendante",
    "de source non (?:confirmée|officielle)", "se disent prêts?", "se dit prête?",
    "se disent prêtes", "dont se (?:targue|targuent|vante|vantent)",
)
UNVERIFIED_CUES_EN = (
    "(?:could|can|has|have|had) not (?:been |be )?(?:independently |immediately )?"
    "(?:verified|confirmed|verify|confirm)",
    "not (?:been )?independently (?:verified|confirmed)", "unconfirmed", "unverified",
    "did not (?:immediately )?confirm", "declined to confirm", "without confirmation",
    "has yet to be (?:verified|confirmed)", "say they are ready",
)
CONTESTED_CUES_FR = (
    "contest(?:e|ent|é|ée|és|ées)", "sceptiques?", "scepticisme", "(?<!sans )dout(?:e|ent)",
    "met(?:tent)? en doute", "mis en doute", "dément(?:ent)?", "démenti", "ni(?:e|ent) ",
    "réfut(?:e|ent)", "remet(?:tent)? en cause ce chiffre", "en désaccord",
    "s['’]inscri(?:t|vent) en faux", "surestimé(?:e|s|es)?", "exagéré(?:e|s|es)?",
    "au contraire", "à l['’]inverse", "trop optimistes?", "irréalistes?",
)
CONTESTED_CUES_EN = (
    "disputed?", "disputes", "unconvinced", "skeptic(?:al|s)?", "sceptic(?:al|s)?",
    "doubts?", "doubted", "denie[sd]", "deny", "rejected", "rejects", "challenged",
    "contested", "contests?", "refuted", "dismissed", "overstated",
    "inflated", "exaggerated", "disagree[sd]?", "(?:too|overly) optimistic", "unrealistic",
    "on the contrary", "a different account",
)
#: The article keeps its distance: conditional of être/avoir (« serait né »), "reportedly".
HEDGE_CUES_FR = (
    r"(?:serai(?:t|ent)|aurai(?:t|ent)) (?:[a-zàâçéèêëîïôûùüÿ’'-]+ ){0,2}?"
    r"[a-zàâçéèêëîïôûùüÿ-]+(?:é|ée|és|ées|i|ie|is|it|u|ue|us|né|née|nés|nées|eu|été)\b",
)
HEDGE_CUES_EN = ("reportedly", "allegedly", r"(?:is|are|was|were) said to",
                 r"(?:is|are) believed to have")

#: Markers of a statement about the future or a possibility.
PREDICTION_FR = re.compile(
    r"\b(?:pourr(?:ait|aient|a|ont)|devr(?:ait|aient|a|ont)|risque(?:nt)? de|va(?:s|nt)? "
    r"(?:\w+er|\w+ir|\w+re|continuer)|vont \w+|sera(?:it|ient|nt)?|seront|aura(?:it|ient)?|"
    r"auront|\w{3,}(?:era|eront|ira|iront|ra|ront)|à l['’]avenir|d['’]ici \d{4}|"
    r"il est possible que|plus tard|prochaine?s?)\b", re.IGNORECASE)
PREDICTION_EN = re.compile(
    r"\b(?:will|would|could|may|might|shall|is expected to|are expected to|going to|"
    r"is set to|are set to|by 20\d\d|next year|in the future|likely to)\b", re.IGNORECASE)
OPINION_FR = re.compile(
    r"\b(?:je pense|nous pensons|à mon avis|impressionnant|trop|mieux|pire|important|"
    r"essentiel|bon|bonne|mauvais|utile|inutile|inquiète|craint|malheureusement|"
    r"heureusement|devr(?:ait|aient)|doi(?:t|vent)|il faut)\b", re.IGNORECASE)
OPINION_EN = re.compile(
    r"\b(?:I think|we think|I believe|in my view|impressive|too|better|worse|important|"
    r"essential|good|bad|useful|should|must|need to|unfortunately|fortunately|"
    r"disaster|great|terrible)\b", re.IGNORECASE)

#: Words that may open a sentence without being part of a name ("Mais Roy Chua ...").
CONNECTORS_FR = (
    "mais", "or", "et", "donc", "puis", "ainsi", "enfin", "de fait", "en effet", "d'ailleurs",
    "d’ailleurs", "par ailleurs", "dans ce contexte", "en outre", "toutefois", "cependant",
    "pourtant", "néanmoins", "en revanche", "de son côté", "pour sa part", "quant à lui",
    "quant à elle", "aussi", "alors", "certes", "bref",
)
CONNECTORS_EN = (
    "but", "and", "so", "yet", "still", "however", "meanwhile", "in fact", "indeed",
    "moreover", "also", "then", "instead", "now", "still", "for his part", "for her part",
)


@dataclass(frozen=True)
class Lexicon:
    """The words of one language that the extractor relies on."""

    lang: str
    speech_verbs: dict[str, str]
    opinion_lemmas: frozenset[str]
    titles: dict[str, str | None]
    unverified_cues: re.Pattern[str]
    contested_cues: re.Pattern[str]
    hedge_cues: re.Pattern[str]
    prediction: re.Pattern[str]
    opinion: re.Pattern[str]
    connectors: tuple[str, ...]
    redaction_name: str

    def verb_lemma(self, form: str) -> str | None:
        """The lemma of a speech-verb form, or None. Usage: ``lex.verb_lemma("juge")``."""
        return self.speech_verbs.get(form.lower().replace("’", "'")) or self.speech_verbs.get(
            form.lower())


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


_ROLE_SUFFIX = re.compile(
    r"(?:logue|iste|ien|ienne|teur|trice|euse|aire|ier|ière|eur|ist|ian|or|er|ant|ante)$")
_NOT_ROLES = word_set(
    "secteur valeur moteur couleur chaleur hauteur erreur honneur bonheur malheur intérieur "
    "extérieur supérieur inférieur premier dernier entier ancien moyen quotidien other under "
    "after water number their never power order major minor former latter whether either "
    "neither however rather together further better matter paper manner member")


def looks_like_role(word: str) -> bool:
    """A role noun, or a word shaped like a profession ("gynécologue", "urbanist"),
    for the first words of an apposition after a name."""
    lowered = word.lower().strip(".,;:")
    if lowered in ROLE_NOUNS:
        return True
    return len(lowered) >= 5 and lowered not in _NOT_ROLES and bool(_ROLE_SUFFIX.search(lowered))


def role_gender(word: str) -> str | None:
    """'f', 'm' or None for a role noun. Usage: ``role_gender("directrice")`` -> 'f'."""
    lowered = word.lower()
    if lowered in _FEMININE_ROLES:
        return "f"
    if lowered in _MASCULINE_ROLES:
        return "m"
    return None


def role_stem(word: str) -> str:
    """A role noun reduced for matching across gender, number and language."""
    lowered = word.lower().strip(".,;:")
    for suffix, repl in (("trice", "teur"), ("euse", "eur"), ("ienne", "ien"), ("ée", "é"),
                         ("ante", "ant"), ("ente", "ent")):
        if lowered.endswith(suffix) and len(lowered) > len(suffix) + 2:
            lowered = lowered[: -len(suffix)] + repl
            break
    if lowered.endswith("s") and len(lowered) > 4 and not lowered.endswith("ss"):
        lowered = lowered[:-1]
    translations = {"analyste": "analyst", "maire": "mayor", "ministre": "minister",
                    "porte-parole": "spokesperson", "spokesman": "spokesperson",
                    "spokeswoman": "spokesperson", "directeur": "director",
                    "président": "president", "fondateur": "founder",
                    "économiste": "economist", "chercheur": "researcher",
                    "professeur": "professor"}
    return translations.get(lowered, lowered)


LEXICONS: dict[str, Lexicon] = {
    "fr": Lexicon(
        lang="fr",
        speech_verbs=_build_fr_verbs(),
        opinion_lemmas=FR_OPINION_LEMMAS,
        titles=TITLES_FR,
        unverified_cues=_alternation(UNVERIFIED_CUES_FR),
        contested_cues=_alternation(CONTESTED_CUES_FR),
        hedge_cues=_alternation(HEDGE_CUES_FR),
        prediction=PREDICTION_FR,
        opinion=OPINION_FR,
        connectors=CONNECTORS_FR,
        redaction_name="la rédaction",
    ),
    "en": Lexicon(
        lang="en",
        speech_verbs=_build_en_verbs(),
        opinion_lemmas=EN_OPINION_LEMMAS,
        titles=TITLES_EN,
        unverified_cues=_alternation(UNVERIFIED_CUES_EN),
        contested_cues=_alternation(CONTESTED_CUES_EN),
        hedge_cues=_alternation(HEDGE_CUES_EN),
        prediction=PREDICTION_EN,
        opinion=OPINION_EN,
        connectors=CONNECTORS_EN,
        redaction_name="the newsroom",
    ),
}
