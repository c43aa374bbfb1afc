"""Dates written in a question: "25/12", "25 décembre 2026", "le 3", "December 25th",
"2026-12-25" (written "2026 12 25" once folded), named holidays, season ranges.

Pure helpers of ``when`` over folded text; a date without a year is the next one to come.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from guichet.content.understand import calendar_words as cw
from guichet.content.understand.names import FOLDED_MONTHS


@lru_cache(maxsize=64)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    # One compiled alternation per list of phrases: escaping and looking up one pattern
    # per phrase on every question was a tenth of an answer's time.
    if not phrases:
        return None
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


def has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return phrase_at(text, phrases) is not None


def phrase_at(text: str, phrases: tuple[str, ...]) -> int | None:
    """Where the first of ``phrases`` occurs in ``text`` (whole words), or None."""
    pattern = _phrases_pattern(tuple(phrases))
    found = pattern.search(text) if pattern is not None else None
    return found.start() if found is not None else None


def next_month(first: dt.date) -> dt.date:
    """The first day of the month after ``first``'s."""
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _upcoming(month: int, day: int, today: dt.date, year: int | None) -> dt.date | None:
    for candidate in ((year,) if year else (today.year, today.year + 1)):
        try:
            date = dt.date(candidate, month, day)
        except ValueError:
            return None
        if year or date >= today:
            return date
    return None


def explicit_date(text: str, lang: str, today: dt.date) -> dt.date | None:
    """A date written with digits or a month name; None when there is none."""
    months = FOLDED_MONTHS.get(lang, FOLDED_MONTHS["en"])
    alt = "|".join(months)
    text = re.sub(r"\bpremier\b", "1er", text)
    iso = re.search(r"\b(20\d\d) (\d{1,2}) (\d{1,2})\b", text)
    if iso:
        return _upcoming(int(iso.group(2)), int(iso.group(3)), today, int(iso.group(1)))
    numeric = re.search(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", text)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        year = int(numeric.group(3)) if numeric.group(3) else None
        year = year + 2000 if year is not None and year < 100 else year
        day, month = (second, first) if lang == "en" and first <= 12 < second else \
            (first, second)
        return _upcoming(month, day, today, year)
    day_month = re.search(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:of\s+)?({alt})\b"
                          r"(?:\s+(20\d\d))?", text)
    if day_month:
        year = int(day_month.group(3)) if day_month.group(3) else None
        return _upcoming(months.index(day_month.group(2)) + 1, int(day_month.group(1)),
                         today, year)
    month_day = re.search(rf"\b({alt})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+(20\d\d))?",
                          text)
    if month_day and not re.match(r"\s*(?:h|heures?|:|am|pm)\b",
                                  text[month_day.end():month_day.end() + 7]):
        year = int(month_day.group(3)) if month_day.group(3) else None
        return _upcoming(months.index(month_day.group(1)) + 1, int(month_day.group(2)),
                         today, year)
    # "le 3", "du 1er", "the 3rd": a day of this month, or of the next once it is past.
    lead = r"\b(?:le|du|au|ce) (\d{1,2})(?:er)?\b" if lang == "fr" else \
        r"\b(?:the|on) (\d{1,2})(?:st|nd|rd|th)\b"
    day_only = re.search(lead, text)
    if day_only and not re.match(r"\s*(?:h\b|heures?|:|euros?|ans?|%)",
                                 text[day_only.end():day_only.end() + 8]):
        number = int(day_only.group(1))
        this_month = today.replace(day=1)
        for month_start in (this_month, next_month(this_month)):
            try:
                date = month_start.replace(day=number)
            except ValueError:
                continue
            if date >= today:
                return date
    return None


def named_holiday(text: str, lang: str, today: dt.date) -> dt.date | None:
    """The next date of a holiday named in ``text`` ("Noël", "lundi de Pâques", "Easter")."""
    movable = cw.MOVABLE_DAYS.get(lang, {})
    fixed = cw.FIXED_DAYS.get(lang, {})
    for phrase in sorted((*movable, *fixed), key=len, reverse=True):
        if not re.search(rf"\b{phrase}\b", text):
            continue
        if phrase in fixed:
            month, day = fixed[phrase]
            return _upcoming(month, day, today, None)
        name, offset = movable[phrase]
        for year in (today.year, today.year + 1):
            date = cw.movable_day(name, offset, year)
            if date is not None and date >= today:
                return date
    return None


def season_range(season: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The season's current or next months: winter of 2026 is Dec 2026 to Feb 2027."""
    months = cw.SEASON_MONTHS[season]
    first_month = months[0]
    year = today.year
    if season == "winter" and today.month in (1, 2):
        year -= 1
    start = dt.date(year, first_month, 1)
    end = next_month(dt.date(year + (1 if season == "winter" else 0), months[-1], 1)) \
        - dt.timedelta(days=1)
    if end < today:
        start, end = start.replace(year=start.year + 1), \
            next_month(end.replace(day=1, year=end.year + 1)) - dt.timedelta(days=1)
    return max(start, today) if start <= today else start, end
