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

# Aspect -> words (folded) that ask for it. Only words that ask: "appeler", "call" are
# left out ("what do you call the inhabitants?"), and so are adjectives that describe
# ("large items", "une haute tour"): a size is asked by its noun or by "how" + adjective.
_ASK: dict[str, dict[str, frozenset[str]]] = {
    "fr": {
        "hours": frozenset("""horaire horaires heure heures ouvert ouverte ouverts ouvertes ouvre
            ouvrent ouverture ferme fermee fermes fermees fermeture""".split()),
        "when": frozenset("""quand depuis delai avance longtemps temps avant""".split()),
        "year": frozenset("""construit construite construits bati batie annee annees siecle
            siecles fonde fondee""".split()),
        "price": frozenset("""prix cout coute coutent couter tarif tarifs payant payante
            gratuit gratuite cher chere euros""".split()),
        "size": frozenset("""hauteur mesure mesurent longueur largeur superficie""".split()),
        "phone": frozenset("""numero numeros telephone tel""".split()),
        "number": frozenset(["combien"]),
    },
    "en": {
        "hours": frozenset("""hours hour open opens opening close closes closing closed
            """.split()),
        "when": frozenset("""when since advance""".split()),
        "year": frozenset("""built founded year years century""".split()),
        "price": frozenset("""price prices cost costs charge fee fees free euros expensive much
            """.split()),
        "size": frozenset("""tall height length width measure""".split()),
        "phone": frozenset("""number phone telephone""".split()),
        "number": frozenset(["many"]),
    },
}
# "Date": a year when asked with "quand"/"when" ("de quand date l'église ?", "when does it
# date from?"), else any time ("une date de mariage").
_DATE = {"fr": ({"date", "dater", "datent"}, {"quand", "depuis"}),
         "en": ({"date", "dates", "dated"}, {"when", "from", "back"})}
# "How" + adjective asks a size: "how high", "how big"; "how long" asks a length before
# "is/are" ("how long is the bridge?") and a duration otherwise ("how long does it take?").
_HOW_SIZE = {"high", "big", "wide", "large", "deep", "far", "tall"}
_IS = {"is", "are", "was", "were"}


# What quantities (``quantities``: the one reading of times, prices, phones) or words an
# entry's text must hold to answer each aspect; years, centuries, sizes and durations are
# read here, as ``quantities`` keeps them plain numbers.
_DURATION = re.compile(r"\b\d+ ?(?:jours?|heures?|semaines?|mois|ans|days?|hours?|weeks?|"
                       r"months?|years?|minutes?)\b")
_CENTURY = re.compile(r"siecle|century|\b[xvi]+e\b")
# Parts of the day and week say when a place or line answers as a weekday does ("le soir
# et le week-end, appelez le 15").
_PARTS = frozenset("""matin midi soir soiree nuit weekend week morning afternoon evening
    night""".split())
# France's emergency and short service numbers, after a word that dials them or opening a
# sentence: "appelez le 17", "un SMS au 114", "112 is..."; not "le 15e siècle", "au 15
# mars", "40 places".
_SHORT_PHONE = re.compile(r"(?:^|[.;:!?(]\s*|\b(?:le|au|call|dial|to|on|numero|number)\s+)"
                          r"(?:1[5-9]|11\d|19\d|3\d{3})\b"
                          r"(?!\s*(?:h\b|heures?|ans|euros?|%|jours?|mois|minutes?|places?|"
                          + "|".join(FOLDED_MONTHS["fr"] + FOLDED_MONTHS["en"]) + r"))")
_SIZE = re.compile(r"\d[ -]?(?:m|km|metres?|meters?|kilometres?|hectares?|ha|m2)\b")


def held(text: str, lang: str) -> frozenset[str]:
    """The aspects an entry's ``text`` (in ``lang``) can answer."""
    plain, found = scan(text, lang)
    kinds = {q.kind for q in found}
    numbers = [int(q.value) for q in found if q.kind == "number" and q.value.isdigit()]
    said = set(words(plain))
    weekday = any(day in said for day in FOLDED_DAYS.get(lang, ())) or bool(said & _PARTS)
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
    said = list(folded)
    dates, year_words = _DATE.get(lang, (set(), set()))
    wanted: list[frozenset[str]] = []
    asking: list[str] = []
    for i, word in enumerate(said):
        kinds = frozenset(kind for kind, ask in table.items() if word in ask)
        before = said[i - 1] if i else ""
        after = said[i + 1] if i + 1 < len(said) else ""
        if word in dates:
            kinds = frozenset({"year" if year_words & set(said) else "when"})
        elif lang == "en" and before == "how" and word == "long":
            kinds = frozenset({"size" if after in _IS else "when"})
        elif lang == "en" and before == "how" and word in _HOW_SIZE:
            kinds = frozenset({"size"})
        if kinds:
            wanted.append(kinds)
            asking.append(word)
    return wanted, asking


def holds(wanted: Iterable[frozenset[str]], has: frozenset[str]) -> bool:
    """Whether an entry that ``held`` ``has`` holds something of each asked aspect."""
    return all(kinds & has for kinds in wanted)
