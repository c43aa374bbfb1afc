"""What kind of question is it: opening hours, a contact, or something to look up.

Pure keyword rules over folded words, per language. Computed answers are only given when
the question clearly asks for them; everything else goes to retrieval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guichet.content.understand.calendar_words import time_words
from guichet.content.understand.text import tokens, words
from guichet.content.understand.when import (
    MONTHS,
    WEEKDAYS,
    asks_season,
    mentions_moment,
    mentions_period,
    to_digits,
)

_HOURS = {
    "fr": {"ouvert", "ouverte", "ouverts", "ouvertes", "ouvre", "ouvrent", "ouverture",
           "ouvertures", "ferme", "fermee", "fermes", "fermees", "ferment", "fermeture",
           "horaire", "horaires", "rouvre"},
    "en": {"open", "opens", "opening", "close", "closes", "closed", "closing", "hours",
           "reopen", "reopens"},
}
_CLOSING = {"fr": {"ferme", "ferment", "fermeture"}, "en": {"close", "closes", "closing"}}
_SCHEDULE = {"fr": {"quand", "horaire", "horaires", "heure", "jusqu"},
             "en": {"when", "hours", "time", "until"}}
_CONTACT = {
    "fr": {"appeler", "appelle", "telephone", "telephoner", "numero", "contacter", "contact",
           "joindre", "courriel", "mail", "email", "qui"},
    "en": {"call", "phone", "telephone", "number", "contact", "reach", "email", "mail", "who",
           "ring"},
}
# Numbers, ordinals and times written as one word: "14", "1er", "3rd", "17h30".
_NUMBERISH = re.compile(r"\d[\dh]*(?:er|e|st|nd|rd|th)?")
# Words that only carry the intent or the moment, not the place asked about.
_FILLER = {
    "fr": {"est", "ce", "que", "quelle", "quel", "heure", "heures", "aujourd", "hui",
           "demain", "maintenant", "moment", "actuellement", "matin", "soir", "apres", "midi",
           "dois", "faut", "je", "pour", "jours", "jour", "ferie", "feries", "semaine",
           "week", "end", "numero", "telephone", "service", "adresse", "noel", "venir",
           "passer", "aller", "visiter", "visite", "visites", "visitable", "visitables",
           "encore"},
    "en": {"today", "tomorrow", "now", "currently", "moment", "morning", "afternoon",
           "evening", "tonight", "noon", "am", "pm", "time", "day", "days", "public",
           "holiday", "holidays", "week", "weekend", "number", "phone", "service", "should",
           "address", "right", "christmas", "year", "come", "visit", "go", "office",
           "visited", "visiting", "visitable", "still"},
}
# Visiting a place is going there while it is open: "le château se visite en hiver ?",
# "can we visit the castle in winter?" ask about its opening hours in that period.
_VISIT = {"fr": {"visiter", "visite", "visites", "visitable", "visitables"},
          "en": {"visit", "visited", "visiting", "visitable"}}
# "Y a-t-il un marché en hiver ?", "is there a market in August?", "le marché a lieu les
# jours fériés ?": whether a place with opening hours (a market) is held in that period.
_THERE_IS = {"fr": ("y a", "il y a", "y aura", "il y aura", "a lieu", "ont lieu", "aura lieu",
                    "se tient"),
             "en": ("is there", "are there", "will there be", "take place", "takes place",
                    "held")}
# "C'est quand le marché ?", "when is the market?": its schedule, when a service is named.
_WHEN_IS = {"fr": ("c est quand", "quand a lieu", "quand ont lieu"),
            "en": ("when is", "when s", "when are")}


@dataclass(frozen=True)
class Intent:
    """A question the kiosk can compute an answer for."""

    kind: str
    """"hours" or "contact" (:func:`detect`); "office", "price", "rule" or "address"
    (:func:`detect_fact`)."""
    closing: bool
    """For hours: the question is about closing time ("when does it close")."""
    schedule: bool
    """For hours: the question asks *when* (a schedule), not *whether* (yes/no)."""
    subject: str
    """The question without intent and time words: what to look the place up with."""
    polar: bool = False
    """For rules: a yes/no question in positive form ("faut-il…", "can I…"), so a rule of
    clear polarity may be answered "Oui"/"Non" first. For prices: a yes/no question about
    paying ("c'est gratuit ?", "is it free?"), answered from the price first."""
    free: bool = True
    """For a yes/no price question: it asks whether it is free ("gratuit", "free"), not
    whether one pays ("payant", "do I pay")."""
    implied: bool = False
    """For hours: read from "c'est quand", "se visite" or "y a-t-il" rather than an hours
    word, so only a service the question names in full is answered about."""


def detect(question: str, lang: str) -> Intent | None:
    """The computed-answer intent of ``question``, or None when it is something else."""
    found = words(to_digits(question, lang))
    seen = set(found)
    hours = _HOURS.get(lang, _HOURS["en"])
    contact = _CONTACT.get(lang, _CONTACT["en"])
    drop = (hours | contact | _SCHEDULE.get(lang, set()) | _FILLER.get(lang, set())
            | set(WEEKDAYS.get(lang, ())) | {w + "s" for w in WEEKDAYS.get(lang, ())}
            | set(MONTHS.get(lang, ())) | time_words(lang)
            | {w for phrase in _THERE_IS.get(lang, ()) for w in phrase.split()})
    kept = " ".join(w for w in found if w not in drop and not _NUMBERISH.fullmatch(w)
                    and len(w) > 1)
    # Stop words out too: "êtes-vous ouverts ?" is about the kiosk's own town hall.
    subject = kept if tokens(kept, lang) else ""
    if seen & hours:
        return Intent("hours", bool(seen & _CLOSING.get(lang, set())),
                      bool(seen & _SCHEDULE.get(lang, set())), subject)
    if seen & contact:
        return Intent("contact", False, False, subject)
    if mentions_moment(question, lang) or asks_season(question, lang):
        # "Can I come to the town hall at 5:30 pm?": a moment and a place is an hours
        # question even without the word "open"; no place found -> retrieval as usual.
        return Intent("hours", False, False, subject)
    folded = " ".join(found)
    there_is = _has_phrase(folded, _THERE_IS.get(lang, ()))
    if (seen & _VISIT.get(lang, set()) or there_is) and mentions_period(question, lang):
        # "Le château se visite en hiver ?", "y a le marché en août ?": open that period?
        return Intent("hours", False, bool(seen & _SCHEDULE.get(lang, set())), subject,
                      implied=True)
    if there_is:
        # "Y a-t-il un marché ?", "is there a market?": when it is held, its schedule.
        return Intent("hours", False, True, subject, implied=True)
    if _has_phrase(folded, _WHEN_IS.get(lang, ())):
        return Intent("hours", False, True, subject, implied=True)
    return None


def intent_words(lang: str) -> frozenset[str]:
    """The folded words that carry an intent or a moment: what typos are corrected towards
    ("horraires" -> "horaires") even when the pack never writes them."""
    return frozenset(_HOURS.get(lang, set()) | _CONTACT.get(lang, set())
                     | _SCHEDULE.get(lang, set()) | _FILLER.get(lang, set())
                     | set(WEEKDAYS.get(lang, ())) | set(MONTHS.get(lang, ())))

_CLOSED = {"fr": {"ferme", "fermee", "fermees", "fermes", "ferment"},
           "en": {"closed", "close", "closes", "shut"}}
_OPEN = {"fr": {"ouvert", "ouverte", "ouverts", "ouvertes", "ouvre", "ouvrent"},
         "en": {"open", "opens"}}


def asks_if_closed(question: str, lang: str) -> bool:
    """True for a yes/no question about being closed: "c'est fermé samedi ?", "la mairie
    ferme demain ?", "is it closed on Sunday?" (not "when does it close?", not "open or
    closed?")."""
    seen = set(words(to_digits(question, lang)))
    return bool(seen & _CLOSED.get(lang, set())) and not seen & _OPEN.get(lang, set()) \
        and not seen & _SCHEDULE.get(lang, set())

# ------------------------------------------------------------------ facts of a service
# "où m'adresser pour…", "combien coûte…", "faut-il…", "où est…": answered from a
# service's handles, prices, rules and address. Each kind lists the words that say it;
# those words, and the verbs around them, are not what the question is about.
_OFFICE = {
    "fr": ("adresser", "qui s occupe", "qui gere", "qui traite", "quel service",
           "quel bureau", "quel guichet", "qui contacter", "qui dois je contacter",
           "a qui", "voir qui"),
    "en": ("which office", "which service", "which department", "which desk",
           "who handles", "who deals", "who is in charge", "who do i contact",
           "who should i contact", "who do i see", "where do i go for",
           "who takes care"),
}
_PRICE = {
    "fr": {"coute", "coutent", "couter", "cout", "couts", "prix", "tarif", "tarifs",
           "payant", "payante", "payants", "payantes", "payer", "gratuit", "gratuite",
           "gratuits", "gratuites"},
    "en": {"cost", "costs", "price", "prices", "fee", "fees", "charge", "charges", "pay",
           "free"},
}
# Of those, the words of a yes/no question about paying: "c'est payant ?", "is it free?".
_FREE = {"fr": {"gratuit", "gratuite", "gratuits", "gratuites", "gratos"},
         "en": {"free"}}
_PAID = {"fr": {"payant", "payante", "payants", "payantes", "payer"}, "en": {"pay"}}
_PRICE_ALSO = {"fr": {"combien", "euros", "euro", "fait", "ca"},
               "en": {"much", "euros", "euro"}}
_RULE = {
    "fr": {"faut", "peut", "peux", "puis", "dois", "doit", "doivent", "besoin", "accepte",
           "acceptes", "acceptee", "acceptees", "accepter", "acceptez", "autorise",
           "autorisee", "autorises", "autorisees", "obligatoire", "obligatoires", "interdit",
           "interdite", "interdits", "interdites", "prend", "prennent", "droit", "refuse",
           "refusee", "refuses", "refusees", "possible"},
    "en": {"need", "needs", "can", "may", "allowed", "accept", "accepts", "accepted",
           "take", "takes", "required", "must", "have", "forbidden", "prohibited",
           "refused", "permitted", "compulsory", "possible", "let", "lets"},
}
_RULE_ALSO = {
    "fr": {"apporter", "apporte", "amener", "emmener", "deposer", "depose", "jeter",
           "entrer", "mettre", "laisser", "utiliser", "avoir", "venir", "aller", "il", "on"},
    "en": {"bring", "drop", "leave", "put", "throw", "get", "enter", "use", "off",
           "dump", "into", "in"},
}
# Open questions ("qu'est-ce qu'on peut…", "what can I…"): not a yes/no about one rule.
_WH = {"fr": {"quoi", "quel", "quelle", "quels", "quelles", "comment", "combien",
                "pourquoi", "quand", "ou", "lesquels", "lesquelles"},
         "en": {"what", "which", "how", "why", "where", "when", "who", "whom"}}
# A question in negative form: "je ne peux pas…?", "is it forbidden…?", "without a badge".
_NEGATIVE = {"fr": {"pas", "sans", "interdit", "interdite", "interdits", "interdites",
                    "refuse", "refusee", "refuses", "refusees", "jamais", "ni", "non"},
             "en": {"not", "no", "without", "forbidden", "prohibited", "refused", "never",
                    "cannot", "banned", "t", "nor"}}
_ADDRESS_AFTER_OU = {"est", "sont", "se", "trouve", "trouvent", "situe", "situent", "ca",
                     "c", "etes"}
_ADDRESS_PHRASES = {"fr": ("comment aller", "comment se rendre", "comment venir",
                           "comment trouver", "c est ou"),
                    "en": ("how do i get to", "how to get to", "how can i get to",
                           "location of", "where")}


def _has_phrase(folded: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {phrase} " in padded for phrase in phrases)


def _is_price(found: list[str], lang: str) -> bool:
    if set(found) & _PRICE.get(lang, set()):
        return True
    for index, word in enumerate(found):
        after = found[index + 1] if index + 1 < len(found) else ""
        # "c'est combien ?", "combien ça coûte" — not "combien de livres…"
        if lang == "fr" and word == "combien" and after not in ("de", "d"):
            return True
        # "how much to rent a bike?" too — not "how much time…"
        if lang == "en" and word == "much" and index and found[index - 1] == "how" and \
                after in ("", "is", "s", "does", "do", "for", "are", "it", "will", "would",
                          "to"):
            return True
    return False


def _is_address(found: list[str], folded: str, lang: str) -> bool:
    if "adresse" in found or "address" in found:
        return True
    if _has_phrase(folded, _ADDRESS_PHRASES.get(lang, ())):
        return True
    return lang == "fr" and any(w == "ou" and i + 1 < len(found) and
                                found[i + 1] in _ADDRESS_AFTER_OU for i, w in enumerate(found))


# Hours words that are also what a price or a rule is about: "un week-end", "par jour".
_PERIODS = {"jour", "jours", "semaine", "week", "end", "day", "days", "weekend", "soir",
            "matin", "morning", "evening"}
# Words that describe a thing without changing what it is: "de vieux pneus" are tyres,
# "my old sofa" is furniture. Out of a rule question's subject, so that the rule on
# tyres holds the whole question.
_QUALIFIERS = {"fr": {"vieux", "vieil", "vieille", "vieilles", "usage", "usages", "usagee",
                      "usagees", "casse", "cassee", "casses", "cassees", "ancien",
                      "ancienne", "anciens", "anciennes", "abime", "abimee", "abimes",
                      "abimees"},
               "en": {"old", "used", "broken", "worn", "damaged", "unwanted"}}
# Pronouns, determiners and "here" that search keeps but that name nothing of a service's
# facts: "quelqu'un d'une autre commune", "an adult who lives here", "some glass".
_PRONOUNS = {"quelqu", "quelques", "plusieurs", "ici", "here", "someone", "somebody",
             "anyone", "some", "several"}
# Nouns that ask a price by themselves: "caution salle des fêtes", "location de la salle
# pour un week-end" (a deposit, a rental are amounts). Only when no other kind fits, and
# kept in the subject: they tell the price items apart.
_PRICE_NOUNS = {"fr": {"caution", "cautions", "location", "loyer"},
                "en": {"deposit", "deposits", "rental", "hire"}}


def _kept(folded: str, phrases: tuple[str, ...], drop: set[str]) -> str:
    for phrase in phrases:
        folded = f" {folded} ".replace(f" {phrase} ", " ").strip()
    return " ".join(w for w in folded.split() if w not in drop and not w.isdigit()
                    and len(w) > 1)


def detect_fact(question: str, lang: str) -> Intent | None:
    """A question about a service's handles ("office"), prices, rules or address, or None.

    Opening-hours questions are left to :func:`detect`: "quand est-ce que la piscine est
    ouverte ?" is not a rule question because it says "est-ce que"."""
    found = words(question)
    seen = set(found)
    folded = " ".join(found)
    if seen & _HOURS.get(lang, _HOURS["en"]):
        return None
    drop = _FILLER.get(lang, set()) | set(WEEKDAYS.get(lang, ())) | set(MONTHS.get(lang, ()))
    phrases: tuple[str, ...] = ()
    polar, free = False, True
    if _has_phrase(folded, _OFFICE.get(lang, ())):
        kind, phrases = "office", _OFFICE.get(lang, ())
        drop |= _CONTACT.get(lang, set()) | {"pour", "ou", "for", "about", "go", "see", "in"}
    elif _is_price(found, lang):
        kind = "price"
        drop = (drop - _PERIODS) | _PRONOUNS | _PRICE.get(lang, set()) | \
            _PRICE_ALSO.get(lang, set())
        # "le badge est payant ?", "is it free for kids?": yes/no, answered from the price.
        asked_free = bool(seen & _FREE.get(lang, set()))
        polar = (asked_free or bool(seen & _PAID.get(lang, set()))) and \
            not seen & (_WH.get(lang, set()) | _NEGATIVE.get(lang, set()) |
                        {"combien", "much", "prix", "tarif", "tarifs", "price", "prices"})
        free = asked_free
    elif seen & _RULE.get(lang, set()) and not seen & _WH.get(lang, set()) and \
            "qu est ce" not in folded:
        kind = "rule"
        drop = (drop - _PERIODS) | _PRONOUNS | _RULE.get(lang, set()) | \
            _RULE_ALSO.get(lang, set()) | _QUALIFIERS.get(lang, set())
        polar = not seen & _NEGATIVE.get(lang, set())
    elif _is_address(found, folded, lang):
        kind, phrases = "address", _ADDRESS_PHRASES.get(lang, ())
        drop |= {"ou", "where", "address", "located", "find", "situe", "trouve", "trouvent"}
    elif seen & _PRICE_NOUNS.get(lang, set()) and not seen & _WH.get(lang, set()):
        kind = "price"
        drop = (drop - _PERIODS) | _PRONOUNS | _PRICE_ALSO.get(lang, set())
    else:
        return None
    kept = _kept(folded, phrases, drop)
    return Intent(kind, False, False, kept if tokens(kept, lang) else "", polar, free)


# "Combien de m³ par jour ?", "jusqu'à quand annuler ?", "how long before…": a limit the
# service's rules state with a number. Not a price ("combien de" is not "combien ça
# coûte") nor a yes/no; the rule found must hold a number (see match_rule).
_LIMIT = {
    "fr": ("combien de temps", "combien de", "combien d", "jusqu a quand", "jusqua quand",
           "jusqu a quelle heure", "jusqua quelle heure", "a partir de quel age",
           "a partir de quelle heure", "quel age", "au plus tard"),
    "en": ("how long", "how many", "how far in advance", "how early", "until when",
           "until what time", "up to what time", "how old", "what age", "by when"),
}


def detect_limit(question: str, lang: str) -> Intent | None:
    """A question asking for a number a rule states (a "rule" intent, never yes/no), or
    None. Hours questions are left to :func:`detect`, prices to :func:`detect_fact`."""
    found = words(question)
    folded = " ".join(found)
    phrases = _LIMIT.get(lang, ())
    if set(found) & _HOURS.get(lang, _HOURS["en"]) or not _has_phrase(folded, phrases):
        return None
    drop = ((_FILLER.get(lang, set()) - _PERIODS) | _RULE.get(lang, set())
            | _RULE_ALSO.get(lang, set()) | _WH.get(lang, set())
            | {"avant", "before", "advance", "heure", "time", "age", "old"})
    kept = _kept(folded, phrases, drop)
    return Intent("rule", False, False, kept if tokens(kept, lang) else "")
