"""Text as it should be *said*: times, prices, phone numbers and numbers in words.

The screen shows "17 h 30" and "03 53 01 20 10"; the voice says "dix-sept heures trente"
and "zéro trois, cinquante-trois, zéro un, vingt, dix" (French phone numbers go in pairs).
Pure text-to-text, per language, with num2words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from num2words import num2words

_PHONE = re.compile(r"(?<![\d,.])(?:\+33\s?|0)\d(?:[ .-]?\d{2}){4}(?!\d|[,.]\d)")
_FR_TIME = re.compile(r"\b(\d{1,2}) ?h(?: ?(\d{2}))?\b")
_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))? ?([ap])(?:m\b|\.m\.)", re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_PRICE = re.compile(r"\b(\d+)[,.](\d{2}) ?(?:euros?|€)")
_NUMBER = re.compile(r"\b\d+(?:[,.]\d+)?\b")


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


def speakable(text: str, lang: str) -> str:
    """``text`` with its numbers written as words for a speech synthesizer."""
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
        (_PHONE, lambda m: _phone(m, lang)),
        (_PRICE, lambda m: _price(m, lang)),
    ]
    if lang == "fr":
        steps.append((_FR_TIME, _fr_time))
    else:
        steps.append((_EN_TIME, _en_time))
    steps += [(_CLOCK, lambda m: _clock(m, lang)), (_NUMBER, lambda m: _number(m, lang))]
    for pattern, render in steps:
        text = pattern.sub(render, text)
    return text
