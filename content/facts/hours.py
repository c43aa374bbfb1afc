"""Opening hours, computed: open at a moment, a day's intervals, the week, the next change.

Pure functions over an OpenStreetMap ``opening_hours`` expression (parsed by
opening-hours-py, with the country's public holidays) and explicit, aware datetimes; the
caller decides what "now" is. Public holiday names come from the ``holidays`` package.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from opening_hours import OpeningHours, State

Interval = tuple[dt.time, dt.time]
"""An opening interval within one day; ``time(0)`` as the end means midnight."""


@lru_cache(maxsize=256)
def _parse(expr: str, country: str, timezone: str) -> OpeningHours:
    return OpeningHours(expr, country=country, timezone=ZoneInfo(timezone))


@dataclass(frozen=True)
class Hours:
    """The opening hours of one place, in the town's time zone."""

    expr: str
    """The ``opening_hours`` expression."""
    country: str = "FR"
    """Country code for public holidays (``PH``)."""
    timezone: str = "Europe/Paris"
    """IANA time zone."""

    @property
    def _oh(self) -> OpeningHours:
        return _parse(self.expr, self.country, self.timezone)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_open(self, when: dt.datetime) -> bool:
        return bool(self._oh.is_open(when.astimezone(self.tz)))

    def next_change(self, when: dt.datetime) -> dt.datetime | None:
        change = self._oh.next_change(when.astimezone(self.tz))
        return change.astimezone(self.tz) if change is not None else None

    def day(self, date: dt.date) -> list[Interval]:
        """Open intervals of ``date``, in order (empty when closed all day)."""
        return list(_day(self, date))

    def closes_after(self, when: dt.datetime) -> dt.time | None:
        """When the place closes next on the same day, if it is open at ``when``."""
        local = when.astimezone(self.tz)
        for begin, end in self.day(local.date()):
            if begin <= local.time() < end:
                return end
            if end == dt.time(0) and begin <= local.time():
                # Open past midnight: the real closing is the end of tomorrow's first slot.
                tomorrow = self.day(local.date() + dt.timedelta(days=1))
                if tomorrow and tomorrow[0][0] == dt.time(0):
                    return tomorrow[0][1]
                return end
        return None

    def next_opening(self, when: dt.datetime, horizon_days: int = 14) -> dt.datetime | None:
        """The next moment the place opens, strictly after ``when`` (None within horizon)."""
        local = when.astimezone(self.tz)
        for offset in range(horizon_days + 1):
            date = local.date() + dt.timedelta(days=offset)
            for begin, _end in self.day(date):
                start = dt.datetime.combine(date, begin, self.tz)
                if start > local:
                    return start
        return None

    def week(self, monday: dt.date) -> list[tuple[dt.date, list[Interval]]]:
        """The seven days from ``monday`` with their intervals."""
        return [(monday + dt.timedelta(days=i), self.day(monday + dt.timedelta(days=i)))
                for i in range(7)]


@lru_cache(maxsize=64)
def _holidays(country: str, year: int, lang: str) -> dict[dt.date, str] | None:
    # Building a year's calendar costs about 0.4 ms, more than the rest of an answer:
    # built once per country, year and language, kept as a plain dict (read-only, so
    # threads may share it; a holidays object fills in other years on lookup).
    language = {"en": "en_US"}.get(lang, lang)
    try:
        calendar = holidays.country_holidays(country, years=year, language=language)
    except (NotImplementedError, KeyError):
        return None
    return {day: str(name) for day, name in calendar.items()}


@lru_cache(maxsize=4096)
def _day(hours: Hours, date: dt.date) -> tuple[Interval, ...]:
    # Pure in (expression, country, zone, date): "when does the museum reopen?" walks
    # up to months of days, asked again by every visitor.
    start = dt.datetime.combine(date, dt.time(0), hours.tz)
    end = start + dt.timedelta(days=1)
    return tuple((begin.astimezone(hours.tz).time(), finish.astimezone(hours.tz).time())
                 for begin, finish, state, _comment in hours._oh.intervals(start, end)
                 if state == State.OPEN)


def holiday_name(date: dt.date, country: str, lang: str) -> str | None:
    """The public holiday on ``date`` in the town's country, named in ``lang``, or None."""
    calendar = _holidays(country, date.year, lang)
    name = calendar.get(date) if calendar is not None else None
    return name or None


def usual_week(hours: Hours, around: dt.date) -> list[tuple[int, list[Interval]]]:
    """Weekday (0 = Monday) -> intervals for an ordinary week near ``around``.

    Public holidays would make a week look unusual, so a day falling on one is taken
    from the following week instead.
    """
    result = []
    monday = around - dt.timedelta(days=around.weekday())
    for weekday in range(7):
        date = monday + dt.timedelta(days=weekday)
        for _ in range(4):
            if holiday_name(date, hours.country, "fr") is None:
                break
            date += dt.timedelta(days=7)
        result.append((weekday, hours.day(date)))
    return result


def open_in(hours: Hours, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime,
                                                                              dt.datetime]]:
    """The open stretches between ``start`` and ``end``, clipped to them, in order (one
    opening-hours-py ``intervals`` call, however long the range)."""
    return [(max(begin, start).astimezone(hours.tz), min(finish, end).astimezone(hours.tz))
            for begin, finish, state, _comment in hours._oh.intervals(start, end)
            if state == State.OPEN and finish > start and begin < end]


def open_days(hours: Hours, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from ``first`` to ``last`` (included) on which the place opens at all."""
    return list(_open_days(hours, first, last))


@lru_cache(maxsize=256)
def _open_days(hours: Hours, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    start = dt.datetime.combine(first, dt.time(0), hours.tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), hours.tz)
    days: set[dt.date] = set()
    for begin, finish in open_in(hours, start, end):
        day = begin.date()
        while dt.datetime.combine(day, dt.time(0), hours.tz) < finish:
            days.add(day)
            day += dt.timedelta(days=1)
    return tuple(sorted(d for d in days if first <= d <= last))


SEASON_GAP_DAYS = 21
"""A place shut longer than this between two open days has seasons (a weekly day off,
a week of holidays do not make one)."""


def seasons(hours: Hours, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The open seasons between ``first`` and ``last``: (first open day, last open day)
    of each run of openings; one run spanning the whole range means no season."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in open_days(hours, first, last):
        if runs and (day - runs[-1][1]).days <= SEASON_GAP_DAYS:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def is_seasonal(hours: Hours, around: dt.date) -> bool:
    """True when the place closes for a season in the year from ``around``."""
    runs = seasons(hours, around, around + dt.timedelta(days=365))
    if not runs:
        return False
    return len(runs) > 1 or (runs[0][0] - around).days > SEASON_GAP_DAYS or \
        (around + dt.timedelta(days=365) - runs[0][1]).days > SEASON_GAP_DAYS


def usual_days(hours: Hours, first: dt.date, last: dt.date) -> list[tuple[int, list[Interval]]]:
    """Weekday (0 = Monday) -> the intervals most of that weekday's days between ``first``
    and ``last`` have, public holidays left out (a month's or a season's usual week)."""
    counts: dict[int, dict[tuple[Interval, ...], int]] = {d: {} for d in range(7)}
    day = first
    while day <= last:
        if holiday_name(day, hours.country, "fr") is None:
            found = tuple(hours.day(day))
            counts[day.weekday()][found] = counts[day.weekday()].get(found, 0) + 1
        day += dt.timedelta(days=1)
    result: list[tuple[int, list[Interval]]] = []
    for weekday, seen in counts.items():
        best: tuple[Interval, ...] = max(seen, key=lambda k: seen[k]) if seen else ()
        result.append((weekday, list(best)))
    return result


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")
# One rule of the expression closing a date or a stretch of dates: "Jan 01 off",
# "2026 Aug 10-2026 Aug 23 off", "Dec 24-Jan 2 closed" (OpenStreetMap opening_hours syntax).
_CLOSURE = re.compile(r"^(?:(\d{4}) )?([A-Z][a-z]{2}) (\d{1,2})(?:\s*-\s*(?:(\d{4}) )?"
                      r"(?:([A-Z][a-z]{2}) )?(\d{1,2}))? (?:off|closed)$")


def closures(hours: Hours, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The stretches of dates the expression closes by a rule of their own, overlapping
    ``first``..``last``: (first day, last day), kept only when every day of it is shut."""
    found: list[tuple[dt.date, dt.date]] = []
    for rule in hours.expr.split(";"):
        match = _CLOSURE.match(rule.strip())
        if match is None or match.group(2) not in _MONTH_ABBR or \
                (match.group(5) or match.group(2)) not in _MONTH_ABBR:
            continue
        years = [int(match.group(1))] if match.group(1) else \
            sorted({first.year - 1, first.year, last.year})
        for year in years:
            start_month = _MONTH_ABBR.index(match.group(2)) + 1
            end_month = _MONTH_ABBR.index(match.group(5) or match.group(2)) + 1
            end_year = int(match.group(4)) if match.group(4) else \
                year + (1 if end_month < start_month else 0)
            try:
                begin = dt.date(year, start_month, int(match.group(3)))
                end = dt.date(end_year, end_month, int(match.group(6) or match.group(3)))
            except ValueError:
                continue
            if begin > end or end < first or begin > last or (end - begin).days > 366:
                continue
            days = [begin + dt.timedelta(days=i) for i in range((end - begin).days + 1)]
            if not any(hours.day(day) for day in days):
                found.append((begin, end))
    return sorted(set(found))
