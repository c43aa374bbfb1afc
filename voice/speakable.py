"""Text as it should be *said*: times, prices, phone numbers and numbers in words.

The screen shows "17 h 30" and "03 53 01 20 10"; the voice says "dix-sept heures trente"
and "zéro trois, cinquante-trois, zéro un, vingt, dix" (French phone numbers go in pairs).
Years and decades as said ("1280" -> "twelve eighty", "the 1280s" -> "the twelve
eighties"; in French "mille deux cent quatre-vingts"), ordinals ("12th" -> "twelfth",
"XIIe siècle" / "12e" -> "douzième"). :func:`pronounce` respells words from a table
(a tour's ``pronunciation:``) before synthesis. Pure text-to-text, per language, with
num2words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from num2words import num2words

_PHONE = re.compile(r"(?<![\d,.])(?:\+33\s?|0)\d(?:[ .-]?\d{2}){4}(?!\d|[,.]\d)")
_FR_TIME = re.compile(r"\b(\d{1,2}) ?h(?: ?(\d{2}))?\b")
_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))? ?([ap])(?:m\b|\.m\.)", re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_PRICE = re.compile(r"\b(\d+)[,.](\d{2}) ?(?:euros?|€)")
_NUMBER = re.compile(r"\b\d+(?:[,.]\d+)?\b")
_EN_DECADE = re.compile(r"\b(1[1-9]\d0|20[0-9]0)s\b")
_EN_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_FR_ORDINAL = re.compile(r"\b(\d+)(e|ème|er|re)\b")
_FR_ROMAN = re.compile(r"\b([IVXL]+)(e|ème|er)(?=(?:\s*(?:et|ou|à|-|–)\s*[IVXL]+(?:e|ème))?"
                       r"\s+(?:siècles?|millénaires?)\b)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _words(number: float, lang: str, **kwargs: object) -> str:
    try:
        return str(num2words(number, lang=lang, **kwargs))
    except NotImplementedError:
        return str(num2words(number, lang="en", **kwargs))


def _phone(match: re.Match[str], lang: str) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if digits.startswith("33"):
        digits = "0" + digits[2:]
    pairs = [digits[i:i + 2] for i in range(0, len(digits), 2)]
    spoken = []
    for pair in pairs:
        if lang == "fr":
            # "03" is "zéro trois", "20" is "vingt": pairs, as the French say numbers.
            spoken.append(" ".join(_words(int(d), lang) for d in pair) if pair[0] == "0"
                          else _words(int(pair), lang))
        else:
            spoken.append(" ".join(_words(int(d), lang) for d in pair))
    return ", ".join(spoken)


def _fr_time(match: re.Match[str]) -> str:
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 24 or minute > 59:
        return match.group(0)
    words = "une heure" if hour == 1 else f"{_words(hour, 'fr')} heures"
    return f"{words} {_words(minute, 'fr')}" if minute else words


def _en_time(match: re.Match[str]) -> str:
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 12 or minute > 59:
        return match.group(0)
    suffix = "a m" if match.group(3).lower() == "a" else "p m"
    if minute == 0:
        return f"{_words(hour, 'en')} {suffix}"
    minutes = f"oh {_words(minute, 'en')}" if minute < 10 else _words(minute, "en")
    return f"{_words(hour, 'en')} {minutes} {suffix}"


def _clock(match: re.Match[str], lang: str) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59:
        return match.group(0)
    if lang == "fr":
        return _fr_time(re.match(r"(\d+) ?h ?(\d+)", f"{hour} h {minute:02d}"))  # type: ignore[arg-type]
    return f"{_words(hour, lang)} {_words(minute, lang) if minute else 'hundred'}"


def _price(match: re.Match[str], lang: str) -> str:
    euros, cents = int(match.group(1)), int(match.group(2))
    unit = "euros" if euros != 1 else "euro"
    tail = f" {_words(cents, lang)}" if cents else ""
    return f"{_words(euros, lang)} {unit}{tail}"


def _number(match: re.Match[str], lang: str) -> str:
    text = match.group(0)
    if re.fullmatch(r"\d+", text):
        value = int(text)
        if lang == "en" and 1100 <= value <= 2099 and value % 100:
            return _words(value, lang, to="year")
        return _words(value, lang)
    return _words(float(text.replace(",", ".")), lang)


def _en_decade(match: re.Match[str]) -> str:
    words = _words(int(match.group(1)), "en", to="year")
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _fr_ordinal(number: int, suffix: str) -> str:
    if number == 1:
        return "première" if suffix == "re" else "premier"
    return _words(number, "fr", to="ordinal")


def _roman(text: str) -> int | None:
    values = [_ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    return total if 0 < total < 90 else None


def _fr_roman(match: re.Match[str]) -> str:
    number = _roman(match.group(1))
    return match.group(0) if number is None else _fr_ordinal(number, match.group(2))


def pronounce(text: str, table: Mapping[str, str]) -> str:
    """``text`` with each whole word (or phrase) of ``table`` replaced by its spelling for
    the voice, e.g. {"Cité": "Sité"}; longer entries first, case as written."""
    if not table:
        return text
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    return pattern.sub(lambda m: table[m.group(0)], text)


def speakable(text: str, lang: str) -> str:
    """``text`` with its numbers written as words for a speech synthesizer."""
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
        (_PHONE, lambda m: _phone(m, lang)),
        (_PRICE, lambda m: _price(m, lang)),
    ]
    if lang == "fr":
        steps += [(_FR_TIME, _fr_time), (_FR_ROMAN, _fr_roman),
                  (_FR_ORDINAL, lambda m: _fr_ordinal(int(m.group(1)), m.group(2)))]
    else:
        steps += [(_EN_TIME, _en_time), (_EN_DECADE, _en_decade),
                  (_EN_ORDINAL, lambda m: _words(int(m.group(1)), lang, to="ordinal"))]
    steps += [(_CLOCK, lambda m: _clock(m, lang)), (_NUMBER, lambda m: _number(m, lang))]
    for pattern, render in steps:
        text = pattern.sub(render, text)
    return text
