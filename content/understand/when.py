"""When a question is about: now, a moment, a day, a part of a day, or a period.

Pure: the caller passes "now" (the kiosk's local time). Understands what people say and
what Whisper writes, in French and English: "maintenant", "à 17 h 30", "demain matin",
"mardi après-midi", "après-demain", "ce week-end", "la semaine prochaine", "lundi
prochain", "en août", "au mois de juillet", "cet hiver", "à Pâques", "le lundi de
Pentecôte", "le 3", "25/12", "2026-12-25"; "tonight", "Friday afternoon", "this
weekend", "next Monday", "in October", "this summer", "Easter", "December 25th". Number
words become digits first (text2num: "dix-sept heures trente" -> "17 heures 30").
"midi" is noon only as a time ("à midi"), never inside "après-midi".

Library choice (measured 2026-12-03 on the 100 phrasings then in tests/unit/test_when.py):

- ``text2num`` (already a dependency): kept for number words; it leaves "après-midi",
  "week-end" and dates alone.
- ``dateparser`` 1.5.0: refused. Importing it costs 96-148 ms, its first French question
  82-117 ms (language data loaded lazily), then 0.47 ms a question (p90 3.2 ms) where
  ``parse_when`` takes 0.026 ms (p90 0.044 ms). It returns one instant, never a range, so
  none of the 43 parts of day and periods of the table ("mardi après-midi" -> Tuesday
  00:00, "ce week-end", "cet hiver", "this summer" -> nothing, "en août" -> 25 August),
  and is right on only 27 of the 52 single days and moments: "à 17 h 30" -> 3:15
  tomorrow, "demain à 9 h" -> 19:15, "mercredi" said on a Wednesday -> next week, "on
  the 3rd" -> 25 March, "le 1er mai" -> 25 May, "the day after tomorrow" -> tomorrow,
  "le lundi de Pentecôte" -> next Monday, no Noël, Pâques, Toussaint or Christmas. It
  would add four packages (pytz, tzlocal, regex, dateutil 4).
- ``opening-hours-py``: parses no natural language, so it cannot read a question; it is
  used where it fits, in ``facts.hours``: ``intervals(start, end)`` over a whole range
  in one call (a part of day, a month, a season, a year's season bounds: 9 ms for two
  years, cached).
- ``holidays``: dates the movable feasts (Easter, Ascension, Whit Monday), see
  ``calendar_words.movable_day``.

Bench: ``.venv/bin/python -m bench.when_parse``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from text_to_num import alpha2digit

from guichet.content.understand import calendar_words as cw
from guichet.content.understand.names import FOLDED_DAYS, FOLDED_MONTHS
from guichet.content.understand.text import fold
from guichet.content.understand.when_dates import (
    explicit_date,
    has_phrase,
    named_holiday,
    next_month,
    phrase_at,
    season_range,
)

WEEKDAYS = FOLDED_DAYS
MONTHS = FOLDED_MONTHS
_TIME_HINT = re.compile(r"\b\d{1,2} ?(?:h\b|heures?\b|:\d{2}|[ap]\.? ?m\b)|\b(?:midi|noon)\b"
                        r"|\b\d{1,2}/\d{1,2}\b|\b20\d\d \d{1,2} \d{1,2}\b")


@dataclass(frozen=True)
class When:
    """The moment or range a question is about.

    ``kind`` says which: "now", "moment" (a day and a time), "day", "part" (a part of
    a day: ``part`` names it, ``span`` gives its hours) or "period" (``date`` to
    ``end``, both included: ``period`` is "weekend", "week", "weekdays", "month",
    "season" or "year").
    """

    date: dt.date
    """The day asked about (today when none is named); a period's first day."""
    time: dt.time | None
    """The time of day asked about, or None for a whole day, part of day or period."""
    named_day: bool
    """True when the visitor named a day or a period (today, tomorrow, Saturday...)."""
    now: bool
    """True when the question is about this very moment."""
    part: str | None = None
    """"morning", "afternoon" or "evening" when a part of day was asked."""
    end: dt.date | None = None
    """A period's last day (included); None for a single day."""
    period: str | None = None
    """"weekend", "week", "weekdays", "month", "season", "year" or "holidays" (the public
    holidays of the coming year) for a period."""
    season: str | None = None
    """For a season: "winter", "spring", "summer" or "autumn"."""
    weekday: int | None = None
    """For a month or season asked about one weekday ("summer hours on Saturdays"): that
    weekday (0 = Monday); ``days`` then lists only those days of the period."""

    @property
    def kind(self) -> str:
        if self.now:
            return "now"
        if self.end is not None:
            return "period"
        if self.time is not None:
            return "moment"
        return "part" if self.part else "day"

    @property
    def span(self) -> cw.Span | None:
        """The hours of the asked part of day (end ``time(0)`` = midnight)."""
        return cw.PART_SPANS[self.part] if self.part else None

    @property
    def last(self) -> dt.date:
        return self.end or self.date

    def days(self) -> list[dt.date]:
        """Every day asked about, in order."""
        count = (self.last - self.date).days + 1
        every = [self.date + dt.timedelta(days=i) for i in range(count)]
        return every if self.weekday is None else [d for d in every
                                                   if d.weekday() == self.weekday]


def to_digits(text: str, lang: str) -> str:
    """Number words as digits: "dix-sept heures trente" -> "17 heures 30"."""
    try:
        return str(alpha2digit(text, lang)) if lang in ("fr", "en") else text
    except (ValueError, RuntimeError):  # the converter rejects some odd inputs
        return text


def _plain(question: str, lang: str) -> str:
    text = fold(to_digits(question, lang))
    text = re.sub(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", r"\1 \2 \3", text)
    return " ".join(text.replace("'", " ").replace("-", " ").replace("?", " ").split())


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
    if has_phrase(text, cw.NOON.get(lang, ())):
        return dt.time(12)
    return None


def _part(text: str, lang: str) -> tuple[str | None, bool, str]:
    """The part of day named, whether the phrase means today, and the text without it."""
    for phrase, part, today in cw.PARTS.get(lang, ()):
        if has_phrase(text, (phrase,)):
            return part, today, re.sub(rf"\b{phrase}\b", " ", text)
    return None, False, text


def _weekday(text: str, lang: str, today: dt.date) -> dt.date | None:
    for index, name in enumerate(WEEKDAYS.get(lang, WEEKDAYS["en"])):
        found = re.search(rf"\b{name}s?\b", text)
        if found is None:
            continue
        ahead = (index - today.weekday()) % 7
        following = text[found.end():found.end() + 11]
        before = text[max(0, found.start() - 5):found.start()]
        if ahead == 0 and (any(w in following for w in cw.NEXT.get(lang, ()))
                           or "next" in before):
            ahead = 7  # "lundi prochain" said on a Monday: the one in a week
        return today + dt.timedelta(days=ahead)
    return None


def _dated(text: str, lang: str, today: dt.date) -> dt.date | None:
    """A day named by its date, a holiday or "demain" (not by a weekday alone)."""
    date = explicit_date(text, lang, today) or named_holiday(text, lang, today)
    if date is not None:
        return date
    for phrase, offset in cw.RELATIVE_DAYS.get(lang, ()):
        if has_phrase(text, (phrase,)):
            return today + dt.timedelta(days=offset)
    return None


def _period(text: str, lang: str, today: dt.date) -> tuple[str, dt.date, dt.date,
                                                           str | None] | None:
    """A weekend, week, month, season or year named in ``text``."""
    nxt = cw.NEXT.get(lang, ())
    if (found := phrase_at(text, cw.WEEKEND.get(lang, ()))) is not None:
        saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - dt.timedelta(days=1)
        around = text[max(0, found - 6):found + 22]
        if today.weekday() >= 5 and any(w in around for w in nxt):
            saturday += dt.timedelta(days=7)  # "next weekend" said on a weekend
        return "weekend", max(today, saturday), saturday + dt.timedelta(days=1), None
    if has_phrase(text, cw.WEEKDAYS_ONLY.get(lang, ())):
        # "en semaine": Monday to Friday of the coming working week (this one from Monday).
        monday = today + dt.timedelta(days=(7 - today.weekday()) % 7)
        return "weekdays", monday, monday + dt.timedelta(days=4), None
    if (found := phrase_at(text, cw.WEEK.get(lang, ()))) is not None:
        monday = today - dt.timedelta(days=today.weekday())
        around = text[max(0, found - 6):found + 20]
        if any(w in around for w in nxt):
            monday += dt.timedelta(days=7)
        return "week", max(monday, today), monday + dt.timedelta(days=6), None
    if has_phrase(text, cw.NEXT_MONTH.get(lang, ())):
        first = next_month(today.replace(day=1))
        return "month", first, next_month(first) - dt.timedelta(days=1), None
    if has_phrase(text, cw.THIS_MONTH.get(lang, ())):
        return "month", today, next_month(today.replace(day=1)) - dt.timedelta(days=1), None
    months = MONTHS.get(lang, MONTHS["en"])
    month_leads = "|".join(cw.MONTH_LEAD.get(lang, ()))
    for index, name in enumerate(months):
        if re.search(rf"\b(?:{month_leads}) {name}\b", text) or \
                (name != "may" and re.search(rf"\b{name}\b", text)):
            year = today.year if index + 1 >= today.month else today.year + 1
            first = dt.date(year, index + 1, 1)
            return "month", max(first, today), next_month(first) - dt.timedelta(days=1), None
    season_leads = "|".join(cw.SEASON_LEAD.get(lang, ()))
    for word, season in cw.SEASONS.get(lang, {}).items():
        if re.search(rf"\b(?:{season_leads}) {word}\b|\b{word} (?:{'|'.join(nxt)})\b", text):
            start, end = season_range(season, today)
            return "season", start, end, season
    if has_phrase(text, cw.THIS_YEAR.get(lang, ())):
        return "year", today, dt.date(today.year, 12, 31), None
    return None


def mentions_moment(question: str, lang: str) -> bool:
    """True when the question names a day, a date, a time or a part of day ("demain",
    "at 5 pm", "ce soir", "25/12"). Weekends, months and seasons are left out: "combien
    coûte la piscine en été ?" is about a price, not opening hours."""
    text = _plain(question, lang)
    names = (*cw.NOW.get(lang, ()), *(p for p, _ in cw.RELATIVE_DAYS.get(lang, ())),
             *(p for p, _, _ in cw.PARTS.get(lang, ())), *WEEKDAYS.get(lang, ()),
             *cw.FIXED_DAYS.get(lang, {}), *cw.MOVABLE_DAYS.get(lang, {}))
    return bool(_TIME_HINT.search(text)) or has_phrase(text, tuple(names))


def mentions_period(question: str, lang: str) -> bool:
    """True when the question names a weekend, a week, a month, a season or the year."""
    text = _plain(question, lang)
    return _period(text, lang, dt.date(2001, 1, 1)) is not None or \
        has_phrase(text, cw.PUBLIC_HOLIDAYS.get(lang, ()))


def says_when(text: str, lang: str) -> bool:
    """True when ``text`` names a time, a day, a month or a season: what an answer to
    "when…?" / "what are the hours of…?" must say at least."""
    return mentions_moment(text, lang) or mentions_period(text, lang) or \
        has_phrase(_plain(text, lang), (*MONTHS.get(lang, ()), *cw.SEASONS.get(lang, {})))


def asks_season(question: str, lang: str) -> bool:
    """True when the question asks about a season's bounds: "when does the season
    start?", "la piscine ouvre à partir de quand ?", "jusqu'à quand est-elle ouverte ?"."""
    return has_phrase(_plain(question, lang), cw.SEASON_ASKED.get(lang, ()))


def parse_when(question: str, lang: str, now: dt.datetime) -> When:
    """The moment or range ``question`` is about, relative to ``now`` (aware, local)."""
    text = _plain(question, lang)
    today = now.date()
    part, part_today, rest = _part(text, lang)
    time = _time(rest, lang)
    date = _dated(rest, lang, today)
    if date is None and time is None and has_phrase(rest, cw.PUBLIC_HOLIDAYS.get(lang, ())):
        # "still on when it's a public holiday?": the public holidays of the coming year.
        return When(today, None, True, False, end=today + dt.timedelta(days=364),
                    period="holidays")
    weekday = None if date is not None else _weekday(rest, lang, today)
    if weekday is not None and part is None and time is None:
        # "summer hours on Saturdays", "le lundi en août": that weekday within the period.
        found = _period(rest, lang, today)
        if found is not None and found[0] in ("month", "season"):
            period, start, end, season = found
            return When(start, None, True, False, end=end, period=period, season=season,
                        weekday=weekday.weekday())
    date = date or weekday
    if date is None and part_today:
        date = today
    if date is None and part is None and time is None:
        found = _period(rest, lang, today)
        if found is not None:
            period, start, end, season = found
            if start == end and period != "season":
                return When(start, None, True, False)
            return When(start, None, True, False, end=end, period=period, season=season)
    if time is not None:
        part = None  # "demain matin à 9 h": the time says more
    if date is None and time is None and part is None:
        return When(today, now.time().replace(second=0, microsecond=0), False, True)
    return When(date or today, time, date is not None or part is not None, False, part=part)
