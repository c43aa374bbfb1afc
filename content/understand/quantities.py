"""The one reading of times, prices, dates, phones and numbers, however they are written.

"09:00", "9 h", "9 h 00", "9 am" and "neuf heures" are one time; "3,20 €", "3 euros 20",
"3.20 euros" and "trois euros vingt" one price; "25/12", "25 décembre" and "December 25"
one date. The guard reads an answer's facts with it; ``guichet eval`` compares an answer
with its expectations through it. Pure functions, no I/O.

:func:`scan` finds every quantity in a text (number words first turned into digits by
text2num), :func:`items` gives them as ``(kind, value)`` pairs, :func:`canonical` rewrites
a text with each quantity replaced by one token, and :func:`contains` says whether an
expected phrase is in a text once both are canonical.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from guichet.content.understand.names import FOLDED_MONTHS
from guichet.content.understand.text import fold
from guichet.content.understand.when import to_digits

Item = tuple[str, str]
"""(kind, canonical value): ("time", "14:00"), ("price", "3.20"), ("date", "12-25")..."""

_MONTH_NAMES = [(fr, en) for fr, en in zip(FOLDED_MONTHS["fr"], FOLDED_MONTHS["en"],
                                           strict=True)]
_MONTH_OF = {name: index + 1 for index, names in enumerate(_MONTH_NAMES) for name in names}
# Abbreviations, read only beside a day number ("Dec 25", "3 janv."): alone, "mar" or
# "sept" mean something else.
_SHORT_MONTHS = {"jan": 1, "janv": 1, "feb": 2, "fev": 2, "fevr": 2, "apr": 4, "avr": 4,
                 "jun": 6, "jul": 7, "juil": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
                 "nov": 11, "dec": 12}
_DATE_MONTH = {**_MONTH_OF, **_SHORT_MONTHS}
_MONTH_WORD = "(" + "|".join(sorted(_DATE_MONTH, key=len, reverse=True)) + r")(?:\.|\b)"
_AMPM = r"([ap])\.? ?m\b\.?"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s,;]+|\b[\w-]+\.(?:fr|com|org|net|eu|gouv\.fr)"
                  r"(?:/[^\s,;]*)?\b")
# "half past 9", "quarter to 5 pm"
_TIME_PAST = re.compile(rf"\b(half|quarter) (past|to) (\d{{1,2}})\b(?: ?{_AMPM})?")
# "9 am", "5:30 pm", "5.30pm", "5 30 pm" (text2num writes "five thirty pm" so)
_TIME_EN = re.compile(rf"\b(\d{{1,2}})(?:[:. ](\d{{2}}))? ?{_AMPM}")
# "9 h", "9h00", "17 heures 30", "9 heures et demie", "10 h moins le quart"
_TIME_FR = re.compile(r"\b(\d{1,2}) ?(?:heures?|h)(?![a-z])(?: ?(\d{2})\b)?"
                      r"(?: (et demie?|et quart|moins le quart|moins quart)\b)?")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
# "midi", "midi et demi", "midi trente", "noon", "12 noon"; never "après-midi"
_NOON = re.compile(r"(?<!apres )(?<!apres-)(?<!l apres )\b(midi|minuit)\b"
                   r"(?: (et demie?|et quart|(\d{2})\b))?"
                   r"|(?:\b12 )?\b(noon|midday|midnight)\b")
_DATE_NUMERIC = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")
_DATE_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}|premier)(?:er|re|e|st|nd|rd|th)? (?:of )?"
                             rf"{_MONTH_WORD}")
_DATE_MONTH_DAY = re.compile(rf"\b{_MONTH_WORD} ?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)?\b"
                             r"(?![:.,]?\d)(?! ?(?:h|heures?|am|pm|a m|p m)\b)")
# "may" alone is a verb: as a month it needs a day number, so only dates take it.
_MONTH = re.compile(rf"\b({'|'.join(n for n in _MONTH_OF if n != 'may')})\b")
_PHONE = re.compile(r"(?<!\d)(?<!\d[,.])(?:\+\d{1,3}[ .-]?)?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,5}"
                    r"(?!\d)")
# "5 euros 12 ans": what follows the euros is not always their cents.
_NOT_CENTS = r"h|heures?|%|ans|years?|mois|months?|jours?|days?|min|minutes?"
_PRICE = re.compile(r"€ ?(\d+)(?:[.,](\d{1,2}))?\b"
                    r"|\b(\d+)(?:[.,](\d{1,2}))? ?(?:€|\beuros?\b|\beur\b)"
                    rf"(?: ?(?:et )?(\d{{2}})\b(?! ?(?:{_NOT_CENTS})\b)(?: ?centimes?\b)?)?"
                    r"|\b(\d{1,2}) ?(?:centimes?|cents?)\b")
_FREE = re.compile(r"\bgratuit(?:e|s|es|ement)?\b|\bsans frais\b|(?<!feel )\bfree\b(?! to\b)"
                   r"(?: of charge)?|\bat no cost\b|\bno charge\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Centuries and ordinals: "XIIe siècle" = "12e" = "douzième" = "12th century" = "twelfth".
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ORDINAL = re.compile(r"\b(?:(\d{1,2})(?:e|eme|er|th|st|nd|rd)|([ivxlc]{2,6})(?:e|eme|er))\b"
                      r"(?: (?:siecles?|century|centuries))?")
_ONE = re.compile(r"\b(?:un|one) (euros?)\b")


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text, with its place in :func:`plain`'s rewriting."""

    kind: str
    """"time", "price", "free", "date", "month", "phone", "number", "email" or "url"."""
    value: str
    """Canonical value: "09:00", "3.20", "12-25", "december", "0353012010"..."""
    start: int
    end: int


def plain(text: str, lang: str) -> str:
    """``text`` with number words as digits, lowercased, accents folded."""
    digits = _ONE.sub(r"1 \1", to_digits(text, lang))
    return fold(digits).replace("’", "'")


def _hhmm(hour: int, minute: int) -> str | None:
    return f"{hour:02d}:{minute:02d}" if 0 <= hour < 25 and 0 <= minute < 60 else None


def _twelve(hour: int, minute: int, half: str | None) -> str | None:
    """A time said on a 12-hour clock ("5 pm"); a 24-hour hour keeps its value."""
    if hour > 12:
        return _hhmm(hour, minute)
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return _hhmm(hour, minute)


def _time_past(m: re.Match[str]) -> str | None:
    hour = int(m.group(3))
    if m.group(2) == "to":
        return _twelve(hour - 1 if hour > 1 else 12, 45, m.group(4))
    return _twelve(hour, 30 if m.group(1) == "half" else 15, m.group(4))


def _time_fr(m: re.Match[str]) -> str | None:
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    extra = m.group(3) or ""
    if "moins" in extra:
        return _hhmm((hour - 1) % 24, 45)
    return _hhmm(hour, 30 if "demi" in extra else 15 if "quart" in extra else minute)


def _noon(m: re.Match[str]) -> str | None:
    word = m.group(1) or m.group(4)
    hour = 0 if word in ("minuit", "midnight") else 12
    extra = m.group(2) or ""
    minute = 30 if "demi" in extra else 15 if "quart" in extra else int(m.group(3) or 0)
    return _hhmm(hour, minute)


def _date(day: int, month: int) -> str | None:
    days_in = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if 1 <= month <= 12 and 1 <= day <= days_in[month - 1]:
        return f"{month:02d}-{day:02d}"
    return None


def _numeric_date(m: re.Match[str]) -> str | None:
    first, second = int(m.group(1)), int(m.group(2))
    if (first, second) in ((24, 7), (7, 7)) and not m.group(3):
        return None  # "24/7", "7/7": every day, not a date
    if second > 12 >= first:  # "12/25": month first, the American way
        first, second = second, first
    return _date(first, second)


def _day_month(m: re.Match[str]) -> str | None:
    day = 1 if m.group(1) == "premier" else int(m.group(1))
    return _date(day, _DATE_MONTH[m.group(2)])


def _phone(m: re.Match[str]) -> str | None:
    digits = re.sub(r"\D", "", m.group(0))
    if len(digits) < 8:
        return None  # "3237", "15 17": short numbers, read as numbers
    if digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def amount(units: int, cents: int = 0) -> str:
    """A sum in euros as the guard writes it: "86", "3.20"."""
    return f"{units}.{cents:02d}" if cents else str(units)


def _price(m: re.Match[str]) -> str | None:
    if m.group(6):
        return amount(0, int(m.group(6)))
    units, decimals = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    cents_text = decimals or m.group(5) or "0"
    cents = int(cents_text) * (10 if len(cents_text) == 1 and decimals else 1)
    return amount(int(units), cents)


def _roman(numeral: str) -> int | None:
    values = [_ROMAN[c] for c in numeral]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    # Only well-formed numerals ("xii", "xv"), so words such as "vie" stay words.
    return total if 1 <= total <= 30 and _to_roman(total) == numeral else None


def _to_roman(value: int) -> str:
    out = ""
    for symbol, amount_ in (("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1)):
        while value >= amount_:
            out, value = out + symbol, value - amount_
    return out


def _ordinal(m: re.Match[str]) -> str | None:
    if m.group(1):
        return str(int(m.group(1)))
    if len(m.group(2)) < 3 and not m.group(0).endswith(("siecle", "siecles", "century")):
        return None  # "la vie", "il lie": a short numeral only before "siècle" ("XVe siècle")
    found = _roman(m.group(2))
    return str(found) if found is not None else None


def number(text: str) -> str:
    """A number as the guard writes it: "14", "3.60" (a comma is a decimal point)."""
    value = float(text.replace(",", "."))
    return str(int(value)) if value == int(value) else f"{value:.2f}"


_Reader = Callable[[re.Match[str]], "str | None"]
# Order matters: each reader sees the text with what the earlier ones took blanked out.
_READERS: tuple[tuple[re.Pattern[str], str, _Reader], ...] = (
    (_EMAIL, "email", lambda m: m.group(0).rstrip(".")),
    (_URL, "url", lambda m: re.sub(r"^(https?://)?(www\.)?", "", m.group(0)).rstrip("./")),
    (_TIME_PAST, "time", _time_past),
    (_TIME_EN, "time", lambda m: _twelve(int(m.group(1)), int(m.group(2) or 0), m.group(3))),
    (_TIME_FR, "time", _time_fr),
    (_CLOCK, "time", lambda m: _hhmm(int(m.group(1)), int(m.group(2)))),
    (_NOON, "time", _noon),
    (_DATE_NUMERIC, "date", _numeric_date),
    (_DATE_DAY_MONTH, "date", _day_month),
    (_DATE_MONTH_DAY, "date", lambda m: _date(int(m.group(2)), _DATE_MONTH[m.group(1)])),
    (_MONTH, "month", lambda m: _MONTH_NAMES[_MONTH_OF[m.group(1)] - 1][1]),
    (_PHONE, "phone", _phone),
    (_PRICE, "price", _price),
    (_FREE, "free", lambda m: "0"),
    (_ORDINAL, "ordinal", _ordinal),
    (_NUMBER, "number", lambda m: number(m.group(0))),
)


def scan(text: str, lang: str) -> tuple[str, list[Quantity]]:
    """:func:`plain` ``text`` and every quantity in it, in reading order."""
    out = plain(text, lang)
    masked = out
    found: list[Quantity] = []
    for pattern, kind, read in _READERS:
        for match in pattern.finditer(masked):
            value = read(match)
            if value is None:
                continue
            found.append(Quantity(kind, value, match.start(), match.end()))
            masked = masked[:match.start()] + " " * (match.end() - match.start()) + \
                masked[match.end():]
    found.sort(key=lambda q: q.start)
    return out, found


def _expand(quantity: Quantity) -> list[Item]:
    if quantity.kind == "date":
        month, day = quantity.value.split("-")
        return [("date", quantity.value), ("month", _MONTH_NAMES[int(month) - 1][1]),
                ("number", str(int(day)))]
    return [(quantity.kind, quantity.value)]


def items(text: str, lang: str) -> set[Item]:
    """Every quantity of ``text`` as (kind, value); a date also gives its month and day.
    "Gratuit"/"free" is not an item (the guard's meaning checks read it)."""
    return {item for q in scan(text, lang)[1] if q.kind != "free" for item in _expand(q)}


def _token(item: Item) -> str:
    kind, value = item
    return f"⟦{'price' if kind == 'free' else kind}:{value}⟧"


def canonical(text: str, lang: str) -> str:
    """``text`` for comparison: folded, punctuation out, each quantity one token
    ("9 h" and "9 am" both become ``⟦time:09:00⟧``; "25/12" ``⟦date:12-25⟧ ⟦month:december⟧``,
    so "décembre" alone is found in it)."""
    out, found = scan(text, lang)
    parts, last = [], 0
    for quantity in found:
        parts.append(_words(out[last:quantity.start]))
        expanded = _expand(quantity)[:2]
        parts.append(" ".join(_token(item) for item in expanded))
        last = quantity.end
    parts.append(_words(out[last:]))
    return " ".join(p for p in parts if p)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s@]", " ", text).split())


def contains(text: str, text_lang: str, expected: str, expected_lang: str) -> bool:
    """True when ``expected`` is in ``text`` once both are :func:`canonical`.

    A decimal number expected also matches the same sum in euros ("3,20" is in "3 euros 20");
    a whole number does not ("18" is not "18 h" nor "18 euros").
    """
    haystack = canonical(text, text_lang)
    needle = canonical(expected, expected_lang)
    if needle in haystack:
        return True
    as_price = re.sub(r"⟦number:(\d+\.\d+)⟧", r"⟦price:\1⟧", needle)
    return as_price != needle and as_price in haystack
