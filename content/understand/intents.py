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
           "passer", "aller", "visiter"},
    "en": {"today", "tomorrow", "now", "currently", "moment", "morning", "afternoon",
           "evening", "tonight", "noon", "am", "pm", "time", "day", "days", "public",
           "holiday", "holidays", "week", "weekend", "number", "phone", "service", "should",
           "address", "right", "christmas", "year", "come", "visit", "go"},
}


@dataclass(frozen=True)
class Intent:
    """A question the kiosk can compute an answer for."""

    kind: str
    """"hours" or "contact"."""
    closing: bool
    """For hours: the question is about closing time ("when does it close")."""
    schedule: bool
    """For hours: the question asks *when* (a schedule), not *whether* (yes/no)."""
    subject: str
    """The question without intent and time words: what to look the place up with."""


def detect(question: str, lang: str) -> Intent | None:
    """The computed-answer intent of ``question``, or None when it is something else."""
    found = words(to_digits(question, lang))
    seen = set(found)
    hours = _HOURS.get(lang, _HOURS["en"])
    contact = _CONTACT.get(lang, _CONTACT["en"])
    drop = (hours | contact | _SCHEDULE.get(lang, set()) | _FILLER.get(lang, set())
            | set(WEEKDAYS.get(lang, ())) | {w + "s" for w in WEEKDAYS.get(lang, ())}
            | set(MONTHS.get(lang, ())) | time_words(lang))
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
