"""French: fr_core_news_md (Universal Dependencies labels), cues, pronouns, referring nouns.

Usage: ``from kg.extract.packs import pack; pack("fr")``.
"""

from __future__ import annotations

from kg.extract.lexicon import GROUP_NOUNS, ROLE_NOUNS, word_set
from kg.extract.packs import Deps, LanguagePack, Pronoun, RangeWords, by_class

CUES = by_class(
    denial="démentir nier contester réfuter rejeter récuser",
    accusation="accuser reprocher dénoncer critiquer fustiger blâmer incriminer épingler "
               "taxer",
    speech="dire déclarer affirmer préciser ajouter expliquer indiquer souligner rappeler "
           "annoncer assurer confier lancer répondre répliquer rétorquer raconter témoigner "
           "écrire noter relever observer signaler mentionner avertir prévenir marteler "
           "insister répéter commenter résumer conclure reconnaître admettre avouer concéder "
           "confirmer promettre jurer garantir certifier tweeter détailler poursuivre "
           "renchérir objecter plaider proclamer exposer nuancer tempérer glisser souffler "
           "alerter prédire interroger demander s'interroger s'exclamer s'inquiéter "
           "se_féliciter se_dire ironiser ajouter avancer arguer argumenter soutenir "
           "maintenir réclamer exiger appeler qualifier déplorer regretter saluer condamner "
           "se_réjouir se_plaindre s'indigner protester mettre_en_garde tonner",
    evidence="montrer démontrer révéler prouver établir constater chiffrer attester "
             "confirmer dévoiler indiquer prévoir calculer",
    belief="estimer penser croire juger considérer trouver craindre espérer douter redouter "
           "supposer imaginer sembler",
    intention="vouloir souhaiter compter envisager projeter entendre refuser menacer "
              "s'engager viser",
)

NOUN_CUES = by_class(
    denial="démenti",
    accusation="accusation reproche",
    speech="déclaration annonce affirmation propos aveu promesse avertissement "
           "communiqué",
    belief="avis opinion conviction crainte",
)

PRONOUNS = {
    "il": Pronoun("m", "sing", "person"), "elle": Pronoun("f", "sing", "person"),
    "ils": Pronoun("m", "plur", "group"), "elles": Pronoun("f", "plur", "group"),
    "lui": Pronoun("m", "sing", "person"), "celui-ci": Pronoun("m", "sing", "person"),
    "celle-ci": Pronoun("f", "sing", "person"), "ceux-ci": Pronoun("m", "plur", "group"),
    "on": Pronoun(None, "sing", "group"),
}

PACK = LanguagePack(
    lang="fr",
    model="fr_core_news_md",
    newsroom="la rédaction",
    unknown_source="source non identifiée",
    cue_verbs=CUES,
    cue_nouns=NOUN_CUES,
    according=("selon", "d'après", "d’après", "pour"),
    pronouns=PRONOUNS,
    first_person=word_set("je j' j’ nous me moi"),
    referring_nouns=ROLE_NOUNS | GROUP_NOUNS | word_set(
        "groupe société entreprise gouvernement ministère parquet police gendarmerie "
        "préfecture mairie région ville syndicat parti association institut agence "
        "autorité opposition justice tribunal cour procureur enquêteurs secours "
        "organisateurs direction fédération club équipe"),
    deps=Deps(
        subject=frozenset({"nsubj", "expl:subj"}),
        passive_subject=frozenset({"nsubj:pass"}),
        agent=frozenset({"obl:agent"}),
        clause=frozenset({"ccomp"}),
        open_clause=frozenset({"xcomp"}),
        object=frozenset({"obj"}),
        oblique=frozenset({"obl:arg", "iobj", "obl:mod", "obl"}),
        detached=frozenset({"advcl", "parataxis", "conj", "dep", "acl"}),
        apposition=frozenset({"appos"}),
        relative=frozenset({"acl:relcl"}),
        name_parts=frozenset({"flat:name", "flat:foreign", "compound", "flat"}),
        passive_aux=frozenset({"aux:pass"}),
        mark=frozenset({"mark"}),
    ),
    quote_marks=(("«", "»"), ("“", "”"), ('"', '"')),
    not_names=word_set(
        "Dans Lors Selon Pour Mais Et Or Donc Puis Ainsi Enfin Alors Aussi Cependant "
        "Toutefois Pourtant Néanmoins Ensuite Après Avant Depuis Pendant Malgré Avec Sans "
        "Sur Sous Chez Par Entre Vers Le La Les Un Une Des Du De Ce Cette Ces Il Elle Ils "
        "Elles On Nous Vous Je"),
    told=word_set("à au aux auprès"),
    statements="rules+parse",
    quantifiers=word_set("certains certaines plusieurs nombreux nombreuses quelques deux "
                         "trois quatre cinq tous toutes"),
    clitics=word_set("a ont avait avaient -t-il -t-elle -il -elle -ils -elles s' s’ se est "
                     "sont lui leur ensuite également aussi encore y en"),
    modals=word_set("devoir pouvoir falloir"),
    range_words=RangeWords(word_set("entre de d' des"), word_set("et à - –")),
    document_nouns=word_set(
        "rapport étude enquête sondage communiqué bilan document note analyse lettre "
        "avis décision jugement arrêt statistique chiffre résultat"),
    verb_endings=(("èrent", "er"), ("aient", "er"), ("ait", "er"), ("ées", "er"),
                  ("és", "er"), ("ée", "er"), ("é", "er"), ("ent", "er"), ("es", "er"),
                  ("e", "er"), ("era", "er"), ("a", "er"), ("it", "ire"), ("ient", "ir"),
                  ("it", "ir"), ("is", "ir")),
)
