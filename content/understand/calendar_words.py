"""The words of time, per language, folded: parts of day, relative days, periods, holidays.

Tables only, plus the one place movable feasts are dated (from the ``holidays`` package,
so Easter, Ascension and Whit Monday never drift from the public-holiday calendar the
opening hours use). Read by ``when`` (what a question is about) and ``intents`` (which
words are about time, not about a place).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from guichet.content.understand.names import FOLDED_DAYS, FOLDED_MONTHS

Span = tuple[dt.time, dt.time]
"""A part of day: start and end, ``time(0)`` as the end meaning midnight."""

PART_SPANS: dict[str, Span] = {
    "morning": (dt.time(6), dt.time(12)),
    "lunch": (dt.time(12), dt.time(14)),
    "afternoon": (dt.time(12), dt.time(18)),
    "evening": (dt.time(18), dt.time(0)),
}
"""What each part of day covers, on the kiosk's clock."""

# Folded phrase -> (part of day, True when the phrase itself means "today").
# Longest first where one contains another ("cet apres midi" before "apres midi").
PARTS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "fr": (("entre midi et 2", "lunch", False), ("entre midi et deux", "lunch", False),
           ("pause de midi", "lunch", False), ("pause dejeuner", "lunch", False),
           ("heure du dejeuner", "lunch", False), ("cet apres midi", "afternoon", True),
           ("cet aprem", "afternoon", True),
           ("apres midi", "afternoon", False), ("aprem", "afternoon", False),
           ("ce matin", "morning", True), ("matinee", "morning", False),
           ("matin", "morning", False), ("ce soir", "evening", True),
           ("soiree", "evening", False), ("soir", "evening", False)),
    "en": (("lunchtime", "lunch", False), ("lunch time", "lunch", False),
           ("at lunch", "lunch", False), ("over lunch", "lunch", False),
           ("during lunch", "lunch", False), ("this afternoon", "afternoon", True),
           ("afternoon", "afternoon", False),
           ("this morning", "morning", True), ("morning", "morning", False),
           ("tonight", "evening", True), ("this evening", "evening", True),
           ("evening", "evening", False)),
}
NOW = {"fr": ("maintenant", "en ce moment", "actuellement", "tout de suite"),
       "en": ("now", "right now", "currently", "at the moment")}
NOON = {"fr": ("midi",), "en": ("noon", "midday")}
# Relative days: phrase -> days from today (longest first: "apres demain" holds "demain").
RELATIVE_DAYS: dict[str, tuple[tuple[str, int], ...]] = {
    "fr": (("apres demain", 2), ("demain", 1), ("aujourd hui", 0)),
    "en": (("day after tomorrow", 2), ("tomorrow", 1), ("today", 0)),
}
NEXT = {"fr": ("prochain", "prochaine"), "en": ("next",)}
WEEKEND = {"fr": ("week end", "weekend", "we"), "en": ("weekend", "week end")}
WEEK = {"fr": ("semaine",), "en": ("week",)}
WEEKDAYS_ONLY = {"fr": ("en semaine", "jours de semaine", "jours de la semaine"),
                 "en": ("on weekdays", "weekdays", "during the week", "in the week")}
THIS_MONTH = {"fr": ("ce mois", "mois ci"), "en": ("this month",)}
NEXT_MONTH = {"fr": ("mois prochain",), "en": ("next month",)}
THIS_YEAR = {"fr": ("cette annee", "cet annee", "l annee"), "en": ("this year",)}
# Public holidays as a whole: "ouvert les jours fériés ?", "open on bank holidays?" (not in
# ``time_words``: "bank" is also a place; intents already drop "public", "holiday", "férié").
PUBLIC_HOLIDAYS = {"fr": ("jours feries", "jour ferie", "feries", "ferie"),
                   "en": ("public holidays", "public holiday", "bank holidays", "bank holiday")}
# Meteorological seasons: the months an opening_hours season rule is written in.
SEASON_MONTHS = {"winter": (12, 1, 2), "spring": (3, 4, 5), "summer": (6, 7, 8),
                 "autumn": (9, 10, 11)}
SEASONS = {
    "fr": {"hiver": "winter", "printemps": "spring", "ete": "summer", "automne": "autumn"},
    "en": {"winter": "winter", "spring": "spring", "summer": "summer", "autumn": "autumn",
           "fall": "autumn"},
}
# A season word only counts after one of these ("ete" is also "been", "fall" a verb).
SEASON_LEAD = {"fr": ("en", "au", "cet", "cette", "l", "d", "pendant", "ce", "tout l"),
               "en": ("in", "this", "the", "during", "next", "over")}
# A month alone is a period after one of these (English "may" is also a verb).
MONTH_LEAD = {"fr": ("en", "au mois de", "au mois d", "mois de", "mois d", "pendant",
                     "tout le mois de", "tout le mois d", "courant", "debut", "fin"),
              "en": ("in", "during", "for", "of", "this", "next", "until", "through")}
# A question about a service's season rather than a day: "when does the season start?".
SEASON_ASKED = {
    "fr": ("saison", "a partir de quand", "jusqu a quand", "quelle periode", "quels mois",
           "reouverture", "fermeture annuelle"),
    "en": ("season", "from when", "until when", "what months", "which months",
           "reopen", "reopens", "annual closure"),
}
# Fixed-date days people name instead of a date: phrase -> (month, day).
FIXED_DAYS: dict[str, dict[str, tuple[int, int]]] = {
    "fr": {"veille de noel": (12, 24), "reveillon de noel": (12, 24), "noel": (12, 25),
           "jour de l an": (1, 1), "nouvel an": (1, 1), "fete nationale": (7, 14),
           "toussaint": (11, 1), "armistice": (11, 11), "assomption": (8, 15),
           "fete du travail": (5, 1), "saint sylvestre": (12, 31),
           "fete de la victoire": (5, 8)},
    "en": {"christmas eve": (12, 24), "christmas": (12, 25), "new year s eve": (12, 31),
           "new year s day": (1, 1), "new year": (1, 1), "bastille day": (7, 14),
           "all saints": (11, 1), "armistice day": (11, 11), "may day": (5, 1),
           "labour day": (5, 1), "labor day": (5, 1), "victory day": (5, 8)},
}
# Movable feasts: phrase -> (name in the holidays package's English calendar, offset days).
MOVABLE_DAYS: dict[str, dict[str, tuple[str, int]]] = {
    "fr": {"lundi de paques": ("Easter Monday", 0), "dimanche de paques": ("Easter Monday", -1),
           "paques": ("Easter Monday", -1), "lundi de pentecote": ("Pentecost Monday", 0),
           "dimanche de pentecote": ("Pentecost Monday", -1),
           "pentecote": ("Pentecost Monday", -1), "jeudi de l ascension": ("Ascension Day", 0),
           "ascension": ("Ascension Day", 0)},
    "en": {"easter monday": ("Easter Monday", 0), "easter sunday": ("Easter Monday", -1),
           "easter": ("Easter Monday", -1), "whit monday": ("Pentecost Monday", 0),
           "pentecost monday": ("Pentecost Monday", 0), "whitsun": ("Pentecost Monday", -1),
           "pentecost": ("Pentecost Monday", -1), "ascension day": ("Ascension Day", 0),
           "ascension": ("Ascension Day", 0)},
}


@lru_cache(maxsize=32)
def movable_day(name: str, offset: int, year: int) -> dt.date | None:
    """The date of a movable feast in ``year`` (Western calendar, as France keeps it)."""
    calendar = holidays.France(years=year, language="en_US")
    found = next((day for day, label in calendar.items() if label == name), None)
    return found + dt.timedelta(days=offset) if found is not None else None


def time_words(lang: str) -> frozenset[str]:
    """Every folded word that only says *when*: intents drop them from the place asked."""
    phrases: list[str] = [p for p, _, _ in PARTS.get(lang, ())]
    for table in (NOW, NOON, NEXT, WEEKEND, WEEK, WEEKDAYS_ONLY, THIS_MONTH, NEXT_MONTH, THIS_YEAR,
                  SEASON_ASKED, MONTH_LEAD, SEASON_LEAD):
        phrases.extend(table.get(lang, ()))
    phrases.extend(p for p, _ in RELATIVE_DAYS.get(lang, ()))
    for mapping in (SEASONS, FIXED_DAYS, MOVABLE_DAYS):
        phrases.extend(mapping.get(lang, {}))
    phrases.extend(FOLDED_DAYS.get(lang, ()))
    phrases.extend(FOLDED_MONTHS.get(lang, ()))
    extra = {"fr": "mois annee an jour jours fin debut premier ce cet cette commence "
                   "commencer termine finit",
             "en": "month year day days the this first start starts begin begins end ends "
                   "finish finishes"}.get(lang, "")
    found = {word for phrase in phrases for word in phrase.split() if len(word) > 1}
    return frozenset((found | set(extra.split())) - {"de", "du", "le", "les", "of"})
