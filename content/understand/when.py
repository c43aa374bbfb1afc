"""When a question is about: now, a day, or a moment — read from the visitor's words.

Pure: the caller passes "now" (the kiosk's local time). Understands what people say and
what Whisper writes: "maintenant", "demain", "samedi", "le 14 juillet", "à 17 h 30",
"now", "tomorrow", "on Saturday", "July 14", "at 5:30 pm", "at 17:30". Number words are
turned into digits first ("dix-sept heures trente" -> "17 heures 30").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import alpha2digit

from guichet.content.understand.names import FOLDED_DAYS, FOLDED_MONTHS
from guichet.content.understand.text import fold

WEEKDAYS = FOLDED_DAYS
MONTHS = FOLDED_MONTHS
_NOW = {"fr": ("maintenant", "en ce moment", "actuellement", "tout de suite"),
        "en": ("now", "right now", "currently", "at the moment")}
_TODAY = {"fr": ("aujourd hui", "ce matin", "cet apres midi", "ce soir"),
          "en": ("today", "this morning", "this afternoon", "tonight", "this evening")}
_TOMORROW = {"fr": ("demain",), "en": ("tomorrow",)}
_NOON = {"fr": ("midi",), "en": ("noon", "midday")}
# Fixed-date days people name instead of a date (movable feasts come from a date).
_NAMED_DAYS = {
    "fr": {"noel": (12, 25), "jour de l an": (1, 1), "nouvel an": (1, 1),
           "fete nationale": (7, 14), "toussaint": (11, 1), "armistice": (11, 11),
           "assomption": (8, 15), "fete du travail": (5, 1), "saint sylvestre": (12, 31)},
    "en": {"christmas": (12, 25), "new year s day": (1, 1), "new year": (1, 1),
           "bastille day": (7, 14), "all saints": (11, 1), "armistice day": (11, 11),
           "may day": (5, 1), "labour day": (5, 1), "new year s eve": (12, 31)},
}
_TIME_HINT = re.compile(r"\b\d{1,2} ?(?:h\b|heures?\b|:\d{2}|[ap]\.? ?m\b)|\b(?:midi|noon)\b")


@dataclass(frozen=True)
class When:
    """The moment a question is about."""

    date: dt.date
    """The day asked about (today when none is named)."""
    time: dt.time | None
    """The time of day asked about, or None for the whole day."""
    named_day: bool
    """True when the visitor named a day (today, tomorrow, Saturday, 14 July...)."""
    now: bool
    """True when the question is about this very moment."""


@lru_cache(maxsize=64)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    # One compiled alternation per list of phrases: escaping and looking up one pattern
    # per phrase on every question was a tenth of an answer's time.
    if not phrases:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    pattern = _phrases_pattern(tuple(phrases))
    return pattern is not None and pattern.search(text) is not None


def _time(text: str, lang: str) -> dt.time | None:
    # 17:30, 17h30, 17 h 30, 17 heures 30, 5:30 pm, 5 pm, 5.30pm
    pattern = (r"\b(\d{1,2})\s*(?:(?::|\.|heures?|h)\s*(\d{2})?|(?=\s*(?:am|pm|a m|p m)\b))"
               r"\s*(am|pm|a m|p m)?")
    for match in re.finditer(pattern, text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").replace(" ", "")
        whole = match.group(0)
        if not (":" in whole or "." in whole or "h" in whole or suffix):
            continue
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        if "et demie" in text[match.end():match.end() + 9] and not match.group(2):
            minute = 30
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    if _has(text, _NOON.get(lang, ())):
        return dt.time(12)
    return None


def _date(text: str, lang: str, today: dt.date) -> dt.date | None:
    months = MONTHS.get(lang, MONTHS["en"])
    month_alt = "|".join(months)
    day_month = re.search(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:of\s+)?({month_alt})\b", text)
    month_day = re.search(rf"\b({month_alt})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", text)
    numeric = re.search(r"\b(\d{1,2})/(\d{1,2})\b", text)
    if day_month:
        day, month = int(day_month.group(1)), months.index(day_month.group(2)) + 1
    elif month_day:
        day, month = int(month_day.group(2)), months.index(month_day.group(1)) + 1
    elif named := next((md for phrase, md in _NAMED_DAYS.get(lang, {}).items()
                        if re.search(rf"\b{phrase}\b", text)), None):
        month, day = named
    elif numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        day, month = (second, first) if lang == "en" and first <= 12 < second else (first, second)
    else:
        return None
    for year in (today.year, today.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        if date >= today:
            return date
    return None


def to_digits(text: str, lang: str) -> str:
    """Number words as digits: "dix-sept heures trente" -> "17 heures 30"."""
    try:
        return str(alpha2digit(text, lang)) if lang in ("fr", "en") else text
    except (ValueError, RuntimeError):  # the converter rejects some odd inputs
        return text


def _plain(question: str, lang: str) -> str:
    return " ".join(fold(to_digits(question, lang)).replace("'", " ").replace("-", " ").split())


def mentions_moment(question: str, lang: str) -> bool:
    """True when the question names a day, a date or a time ("demain", "at 5 pm")."""
    text = _plain(question, lang)
    names = (*_NOW.get(lang, ()), *_TODAY.get(lang, ()), *_TOMORROW.get(lang, ()),
             *WEEKDAYS.get(lang, ()), *MONTHS.get(lang, ()), *_NAMED_DAYS.get(lang, {}))
    return bool(_TIME_HINT.search(text)) or _has(text, tuple(names))


def parse_when(question: str, lang: str, now: dt.datetime) -> When:
    """The moment ``question`` is about, relative to ``now`` (aware, local time)."""
    text = _plain(question, lang)
    today = now.date()
    date = _date(text, lang, today)
    named = date is not None
    if date is None and _has(text, _TOMORROW.get(lang, ())):
        date, named = today + dt.timedelta(days=1), True
    if date is None:
        for index, name in enumerate(WEEKDAYS.get(lang, WEEKDAYS["en"])):
            if re.search(rf"\b{name}s?\b", text):
                date = today + dt.timedelta(days=(index - today.weekday()) % 7)
                named = True
                break
    if date is None and _has(text, _TODAY.get(lang, ())):
        date, named = today, True
    time = _time(text, lang)
    is_now = _has(text, _NOW.get(lang, ())) or (date is None and time is None)
    if is_now and time is None and date is None:
        return When(today, now.time().replace(second=0, microsecond=0), False, True)
    return When(date or today, time, named, False)
