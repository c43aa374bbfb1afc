"""The OpenStreetMap form of opening hours written the French way.

Staff write "Lu-Ve 8h-18h", "du lundi au vendredi de 8h30 à 12h et de 14h à 17h",
"fermé le dimanche"; ``opening_hours`` wants "Mo-Fr 08:00-18:00", "Su off".
:func:`suggest` reads the days, hours and closures of such a text and writes them in the
OSM form, so that ``content check`` can say what to write instead of the parser's tokens.
It only suggests: the caller checks that the suggestion parses before showing it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_WORDS: dict[str, str] = {}
for _code, _words in zip(DAYS, (
        "lundi lun lu monday mon mo", "mardi mar ma tuesday tue tu",
        "mercredi mer me wednesday wed we", "jeudi jeu je thursday thu th",
        "vendredi ven ve friday fri fr", "samedi sam sa saturday sat sa",
        "dimanche dim di sunday sun su"), strict=True):
    for _word in _words.split():
        _DAY_WORDS[_word] = _code
for _word in ("feries", "ferie", "ph"):
    _DAY_WORDS[_word] = "PH"

_TOKEN = re.compile(
    r"(?P<time>\d{1,2}\s*(?:h|:)\s*\d{0,2}|midi|minuit)"
    r"|(?P<word>[a-z]+)"
    r"|(?P<range>[-–—])"
    r"|(?P<rule>[;/\n])"
    r"|(?P<list>[,+&])")
_RANGE_WORDS = {"au", "a", "jusqu", "to"}
_OFF_WORDS = {"ferme", "fermee", "fermes", "closed", "off"}
_SIGNALS = re.compile(r"\d\s*h|[a-z]{4,}|\b(lu|ma|me|je|ve|sa|di)\b")


@dataclass
class _Rule:
    days: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    off: bool = False

    def text(self) -> str:
        days = ",".join(self.days)
        what = ",".join(self.times) if self.times else ("off" if self.off else "")
        return " ".join(part for part in (days, what) if part)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _clock(token: str) -> str | None:
    if token == "midi":
        return "12:00"
    if token == "minuit":
        return "24:00"
    hours, _, minutes = re.split(r"\s*(h|:)\s*", token, maxsplit=1)
    hour, minute = int(hours), int(minutes or 0)
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(_fold(text)):
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "word":
            if value in _DAY_WORDS:
                kind = "day"
            elif value in _RANGE_WORDS:
                kind = "range"
            elif value in _OFF_WORDS:
                kind = "off"
            elif value == "et":
                kind = "list"
            else:
                continue  # "de", "le", "du", "les", "jours"...
        found.append((kind, value))
    return found


def _rules(tokens: list[tuple[str, str]]) -> list[_Rule] | None:
    rules = [_Rule()]
    pending_range = False
    for kind, value in tokens:
        rule = rules[-1]
        if kind == "rule":
            rules.append(_Rule())
            pending_range = False
        elif kind == "day":
            if rule.times or (rule.off and rule.days):
                rules.append(_Rule())
                rule = rules[-1]
            code = _DAY_WORDS[value]
            if pending_range and rule.days and rule.days[-1] in DAYS and code in DAYS:
                rule.days[-1] = f"{rule.days[-1]}-{code}"
            elif code not in rule.days:
                rule.days.append(code)
            pending_range = False
        elif kind == "time":
            clock = _clock(value)
            if clock is None:
                return None
            if pending_range and rule.times and "-" not in rule.times[-1]:
                rule.times[-1] = f"{rule.times[-1]}-{clock}"
            else:
                rule.times.append(clock)
            pending_range = False
        elif kind == "range":
            pending_range = True
        elif kind == "off":
            if rule.times:  # "samedi 9h-12h, fermé le dimanche": a rule of its own
                rules.append(_Rule())
            rules[-1].off = True
        # "list" (",", "et"): days or hours go on being listed in the same rule
    kept = [r for r in rules if r.days or r.times or r.off]
    if not kept or any(t.count("-") != 1 for r in kept for t in r.times):
        return None
    return kept


def suggest(expr: str) -> str | None:
    """The OSM form of ``expr`` ("Lu-Ve 8h-18h" → "Mo-Fr 08:00-18:00"), or None when it
    does not read as days and hours. Days without hours get ``HH:MM-HH:MM`` to fill in."""
    folded = _fold(expr)
    if not _SIGNALS.search(folded):
        return None
    rules = _rules(_tokens(expr))
    if rules is None:
        return None
    for rule in rules:
        if rule.days and not rule.times and not rule.off:
            rule.times.append("HH:MM-HH:MM")
    return "; ".join(rule.text() for rule in rules)
