"""What a question asks *about* its subject: its hours, a time, a year, a price, a size...

"Horaires de la gendarmerie", "le pont date de quand", "combien coûte une concession":
the subject (gendarmerie, pont, concession) says which entry the question is about; the
aspect (hours, a date, a price) says what the entry must contain to be an answer. An
entry that names the subject but holds no time, date or price does not answer: "il n'y a
pas de gendarmerie ici" is no opening hours. Aspect words therefore count in an entry's
coverage only when it has them, and the entry's text must hold something of the asked
kind ("quand": any time; "date", "built": a year or a century; "combien": a number).

"Âge" and "old" are no date words: "quel âge a la maire ?" is not answered by the year
she was elected.

Pure word lists of French and English and patterns of their folded texts, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Aspect -> words (folded) that ask for it.
_ASK: dict[str, dict[str, frozenset[str]]] = {
    "fr": {
        "hours": frozenset("""horaire horaires heure heures ouvert ouverte ouverts ouvertes ouvre
            ouvrent ouverture ferme fermee fermes fermees fermeture""".split()),
        "when": frozenset("""quand depuis delai avance longtemps temps avant""".split()),
        "year": frozenset("""date dater datent construit construite construits bati batie
            annee annees siecle siecles fonde fondee""".split()),
        "price": frozenset("""prix cout coute coutent couter tarif tarifs payant payante
            gratuit gratuite cher chere euros""".split()),
        "size": frozenset("""haut haute hauteur mesure mesurent longueur long longue large
            largeur superficie surface""".split()),
        "phone": frozenset("""numero numeros telephone tel telephoner appeler joindre
            """.split()),
        "number": frozenset(["combien"]),
    },
    "en": {
        "hours": frozenset("""hours hour open opens opening close closes closing closed
            """.split()),
        "when": frozenset("""when since advance""".split()),
        "year": frozenset("""date dates built build founded year years century""".split()),
        "price": frozenset("""price prices cost costs charge fee fees free euros expensive much
            """.split()),
        "size": frozenset("""tall high height long length wide width big large size measure
            area""".split()),
        "phone": frozenset("""number phone telephone call ring""".split()),
        "number": frozenset(["many"]),
    },
}

_MONTHS = (r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
           r"decembre|january|february|march|april|may|june|july|august|september|october|"
           r"november|december")
_DAYS = (r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
         r"thursday|friday|saturday|sunday|weekdays?")
_CLOCK = r"\d{1,2} ?h\b|\d{1,2} ?h ?\d{2}|\d{1,2}(?::\d{2})? ?[ap]m\b|\bmidi\b|\bnoon\b|minuit"
_DURATION = (r"\d+ ?(?:jours?|heures?|semaines?|mois|ans|days?|hours?|weeks?|months?|"
             r"years?|minutes?)\b")
_YEAR = r"\b1\d{3}\b|\b20\d{2}\b|siecle|century|\b[xvi]+e\b"

# What an entry's (folded) text must hold to answer an aspect.
_HOLDS: dict[str, re.Pattern[str]] = {
    "hours": re.compile(rf"{_CLOCK}|\b(?:{_DAYS})\b"),
    "number": re.compile(r"\d"),
    "when": re.compile(rf"{_YEAR}|{_CLOCK}|{_DURATION}|\b(?:{_MONTHS}|{_DAYS})\b"),
    "year": re.compile(_YEAR),
    "price": re.compile(r"\d ?(?:€|euros?)|\beuros?\b|gratuit|\bfree\b|payant"),
    "size": re.compile(r"\d[ -]?(?:m|km|metres?|meters?|kilometres?|hectares?|ha|m2)\b"),
    "phone": re.compile(r"\d{2}(?: ?\d{2}){4}|\b1[5-9]\b|\b11\d\b|\b19\d\b|\b3\d{3}\b"),
}


def asked(words: Iterable[str], lang: str) -> tuple[list[frozenset[str]], list[str]]:
    """What folded ``words`` of a question ask for: for each asking word, the aspects it
    may mean ("long": a size or a duration), and the asking words themselves."""
    table = _ASK.get(lang, {})
    wanted: list[frozenset[str]] = []
    asking: list[str] = []
    for word in words:
        kinds = frozenset(kind for kind, ask in table.items() if word in ask)
        if kinds:
            wanted.append(kinds)
            asking.append(word)
    return wanted, asking


def holds(wanted: Iterable[frozenset[str]], folded_text: str) -> bool:
    """Whether a (folded) entry text holds something of each asked aspect."""
    return all(any(_HOLDS[kind].search(folded_text) for kind in kinds) for kinds in wanted)
