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

Pure word lists of French and English; quantities read by ``quantities``; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guichet.content.understand.names import FOLDED_DAYS, FOLDED_MONTHS
from guichet.content.understand.quantities import scan
from guichet.content.understand.text import words

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

# What quantities (``quantities``: the one reading of times, prices, phones) or words an
# entry's text must hold to answer each aspect; years, centuries, sizes and durations are
# read here, as ``quantities`` keeps them plain numbers.
_DURATION = re.compile(r"\b\d+ ?(?:jours?|heures?|semaines?|mois|ans|days?|hours?|weeks?|"
                       r"months?|years?|minutes?)\b")
_CENTURY = re.compile(r"siecle|century|\b[xvi]+e\b")
# France's emergency and short service numbers, after a word that dials them: "appelez le
# 17", "un SMS au 114", "call 112"; not "le 15e siècle", "au 15 mars", "40 places".
_SHORT_PHONE = re.compile(r"\b(?:le|au|call|dial|to|on)\s+(?:1[5-9]|11\d|19\d|3\d{3})\b"
                          r"(?!\s*(?:h\b|heures?|ans|euros?|%|jours?|mois|minutes?|places?|"
                          + "|".join(FOLDED_MONTHS["fr"] + FOLDED_MONTHS["en"]) + r"))")
_SIZE = re.compile(r"\d[ -]?(?:m|km|metres?|meters?|kilometres?|hectares?|ha|m2)\b")


def held(text: str, lang: str) -> frozenset[str]:
    """The aspects an entry's ``text`` (in ``lang``) can answer."""
    plain, found = scan(text, lang)
    kinds = {q.kind for q in found}
    numbers = [int(q.value) for q in found if q.kind == "number" and q.value.isdigit()]
    weekday = any(day in set(words(plain)) for day in FOLDED_DAYS.get(lang, ()))
    year = any(1000 <= n <= 2099 for n in numbers) or bool(_CENTURY.search(plain))
    out = set()
    if "time" in kinds or weekday:
        out.add("hours")
    if kinds & {"time", "date", "month"} or weekday or year or _DURATION.search(plain):
        out.add("when")
    if year:
        out.add("year")
    if kinds & {"price", "free"}:
        out.add("price")
    if "phone" in kinds or _SHORT_PHONE.search(plain):
        out.add("phone")
    if kinds & {"number", "price", "free", "time", "date", "phone"}:  # "gratuit" counts
        out.add("number")
    if _SIZE.search(plain):
        out.add("size")
    return frozenset(out)


def asked(folded: Iterable[str], lang: str) -> tuple[list[frozenset[str]], list[str]]:
    """What ``folded`` words of a question ask for: for each asking word, the aspects it
    may mean (any one will do), and the asking words themselves."""
    table = _ASK.get(lang, {})
    wanted: list[frozenset[str]] = []
    asking: list[str] = []
    for word in folded:
        kinds = frozenset(kind for kind, ask in table.items() if word in ask)
        if kinds:
            wanted.append(kinds)
            asking.append(word)
    return wanted, asking


def holds(wanted: Iterable[frozenset[str]], has: frozenset[str]) -> bool:
    """Whether an entry that ``held`` ``has`` holds something of each asked aspect."""
    return all(kinds & has for kinds in wanted)
