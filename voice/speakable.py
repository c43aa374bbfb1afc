"""Text as it should be *said*: times, prices, phone numbers and numbers in words.

The screen shows "17 h 30" and "03 53 01 20 10"; the voice says "dix-sept heures trente"
and "zéro trois, cinquante-trois, zéro un, vingt, dix" (French phone numbers go in pairs).
Thousands separators join one number ("12,000" in English, "12 000" in French, with a
space, a no-break or a narrow no-break space; a French "1,5" is a decimal). Prices
before or after their currency ("€2.50", "5 €" -> "two euros fifty", "cinq euros").
English years from 1000 to 2099 and decades as said ("1066" -> "ten sixty-six", "1800"
-> "eighteen hundred", "the 1280s" -> "the twelve eighties"; a grouped "1,800" stays a
quantity; in French "mille deux cent quatre-vingts"), ordinals ("12th" -> "twelfth",
"XIIe siècle" / "12e" -> "douzième", "1ère" -> "première", "2nde" -> "seconde").
:func:`pronounce` respells words from a table (a tour's ``pronunciation:``) before
synthesis. Pure text-to-text, per language, with num2words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

from num2words import num2words

_PHONE = re.compile(r"(?<![\d,.])(?:\+33\s?|0)\d(?:[ .-]?\d{2}){4}(?!\d|[,.]\d)")
_FR_TIME = re.compile(r"\b(\d{1,2}) ?h(?: ?(\d{2}))?\b")
_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))? ?([ap])(?:m\b|\.m\.)", re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_EN_DECADE = re.compile(r"\b(1(?:0[1-9]|[1-9]\d)0|20[0-9]0)s\b")
_FR_ROMAN = re.compile(r"\b([IVXL]+)(e|ème|er)(?=(?:\s*(?:et|ou|à|-|–)\s*[IVXL]+(?:e|ème))?"
                       r"\s+(?:siècles?|millénaires?)\b)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
# Currency names: one, many, one cent, many cents.
_CURRENCIES = {
    "en": {"€": ("euro", "euros", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
           "$": ("dollar", "dollars", "cent", "cents")},
    "fr": {"€": ("euro", "euros", "centime", "centimes"),
           "£": ("livre", "livres", "penny", "pence"), "$": ("dollar", "dollars", "cent", "cents")},
}


def _integer_pattern(lang: str) -> str:
    """An integer, its digit groups joined: commas in English ("12,000"), spaces in French
    ("12 000", also U+00A0 and U+202F). Nor a leading zero nor a number just before
    ("0 800 123 456") starts a group."""
    separator = "," if lang == "en" else "[ \u00a0\u202f]"
    return rf"(?:(?<!\d{separator})[1-9]\d{{0,2}}(?:{separator}\d{{3}})+(?!\d)|\d+)"


@cache
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    number = _integer_pattern(lang)
    scale = "(?: (million|billion|millions|milliards?))?"
    return {
        "price_after": re.compile(rf"(?<![\d,.])({number})(?:[,.](\d{{1,2}}))?(?![\d,.]\d)"
                                  r" ?(euros?\b|€|£|\$)"),
        "price_before": re.compile(rf"([€£$]) ?({number})(?:[.,](\d+))?(?!\d){scale}"),
        "number": re.compile(rf"\b({number})(?:[,.](\d+))?\b"),
        "en_ordinal": re.compile(rf"\b({number})(?:st|nd|rd|th)\b"),
        "fr_ordinal": re.compile(rf"\b({number})(e|ème|er|re|ère|nde?)(s?)\b"),
    }


def _words(number: float, lang: str, **kwargs: object) -> str:
    try:
        words = str(num2words(number, lang=lang, **kwargs))
    except NotImplementedError:
        words = str(num2words(number, lang="en", **kwargs))
    return words.replace(", ", " ")  # "one thousand, five hundred": no pause when said


def _integer(text: str) -> int:
    return int(re.sub(r"\D", "", text))


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
    hours = _words(hour, "fr")
    hours = hours[:-2] + "une" if hours.endswith("un") else hours  # une heure, vingt et une
    words = f"{hours} heure" if hour < 2 else f"{hours} heures"
    return f"{words} {_words(minute, 'fr')}" if minute else words


def _en_minutes(minute: int) -> str:
    return f"oh {_words(minute, 'en')}" if minute < 10 else _words(minute, "en")


def _en_time(match: re.Match[str]) -> str:
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 12 or minute > 59:
        return match.group(0)
    suffix = "a m" if match.group(3).lower() == "a" else "p m"
    if minute == 0:
        return f"{_words(hour, 'en')} {suffix}"
    return f"{_words(hour, 'en')} {_en_minutes(minute)} {suffix}"


def _clock(match: re.Match[str], lang: str) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59:
        return match.group(0)
    if lang == "fr":
        return _fr_time(re.match(r"(\d+) ?h ?(\d+)", f"{hour} h {minute:02d}"))  # type: ignore[arg-type]
    if minute:
        return f"{_words(hour, lang)} {_en_minutes(minute)}"
    if hour == 12:
        return "noon"
    if hour in (0, 24):
        return "midnight"
    return _words(hour, lang) + (" o'clock" if hour < 12 else " hundred")


def _money(whole: str, decimals: str | None, symbol: str, lang: str,
           scale: str | None = None) -> str:
    """A price in words: €2.50 is "two euros fifty", €3.5 million "three point five
    million euros", €0.50 "fifty cents", 1 000 000 € "un million d'euros"."""
    one, many, cent, cents = _CURRENCIES.get(lang, _CURRENCIES["en"])[symbol]
    value = _integer(whole)
    if scale or (decimals and len(decimals) > 2):
        amount = _words(float(f"{value}.{decimals}") if decimals else value, lang)
        return _of(" ".join(w for w in (amount, scale) if w), many, lang)
    hundredths = int(decimals.ljust(2, "0")) if decimals else 0
    if value == 0 and hundredths:
        return f"{_words(hundredths, lang)} {cent if hundredths == 1 else cents}"
    tail = f" {_words(hundredths, lang)}" if hundredths else ""
    return _of(_words(value, lang), one if value == 1 else many, lang) + tail


def _of(amount: str, unit: str, lang: str) -> str:
    """The amount and its unit: in French "deux millions de dollars", "d'euros"."""
    if lang == "fr" and re.search(r"(?:millions?|milliards?)$", amount):
        return amount + (" d'" if unit[0] in "aeiou" else " de ") + unit
    return f"{amount} {unit}"


def _number(match: re.Match[str], lang: str) -> str:
    whole, decimals = match.group(1), match.group(2)
    value = _integer(whole)
    if decimals:
        return _words(float(f"{value}.{decimals}"), lang)
    if lang == "en" and whole.isdigit() and 1000 <= value <= 2099:
        return _words(value, lang, to="year")  # a grouped "1,800" is a quantity
    return _words(value, lang)


def _en_decade(match: re.Match[str]) -> str:
    words = _words(int(match.group(1)), "en", to="year")
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _fr_ordinal(number: int, suffix: str, plural: str = "") -> str | None:
    """12, "e" -> "douzième"; 1, "re" -> "première"; 2, "nde", "s" -> "secondes"; None
    for a "nd" after another number than 2."""
    if suffix.startswith("nd"):
        if number != 2:
            return None
        word = "seconde" if suffix == "nde" else "second"
    elif number == 1:
        word = "première" if suffix in ("re", "ère") else "premier"
    else:
        word = _words(number, "fr", to="ordinal")
    return word + plural


def _roman(text: str) -> int | None:
    values = [_ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    return total if 0 < total < 90 else None


def _fr_roman(match: re.Match[str]) -> str:
    number = _roman(match.group(1))
    return (number and _fr_ordinal(number, match.group(2))) or match.group(0)


def _fr_arabic_ordinal(match: re.Match[str]) -> str:
    said = _fr_ordinal(_integer(match.group(1)), match.group(2), match.group(3))
    return said or match.group(0)


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
    found = _patterns("en" if lang == "en" else "fr")
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
        (_PHONE, lambda m: _phone(m, lang)),
        (found["price_before"], lambda m: _money(m.group(2), m.group(3), m.group(1), lang,
                                                 m.group(4))),
        (found["price_after"], lambda m: _money(m.group(1), m.group(2),
                                                "€" if m.group(3).startswith("euro")
                                                else m.group(3), lang)),
    ]
    if lang == "fr":
        steps += [(_FR_TIME, _fr_time), (_FR_ROMAN, _fr_roman),
                  (found["fr_ordinal"], _fr_arabic_ordinal)]
    else:
        steps += [(_EN_TIME, _en_time), (_EN_DECADE, _en_decade),
                  (found["en_ordinal"],
                   lambda m: _words(_integer(m.group(1)), lang, to="ordinal"))]
    steps += [(_CLOCK, lambda m: _clock(m, lang)), (found["number"], lambda m: _number(m, lang))]
    for pattern, render in steps:
        text = pattern.sub(render, text)
    return text
