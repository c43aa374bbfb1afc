"""Opening hours for the period asked: a part of day, a weekend, a week, a month, a
season, a service's season bounds; yes/no questions answered "Oui"/"Non" first.

Pure, like ``sentences`` (whose helpers it uses, and to which it leaves "now", moments,
closing times and plain schedules). The yes or no always agrees with ``Hours``: for "is
it open…?", "yes" exactly when the place is open at some moment of the asked range
(``open_in``; a day asked about today counts from now on), and a "no" never names an
opening inside that range; "is it closed…?" gets the opposite word before the same facts.
"""

from __future__ import annotations

import datetime as dt

from guichet.content.facts.holiday_hours import holidays_answer
from guichet.content.facts.hours import (
    SEASON_GAP_DAYS,
    Hours,
    closures,
    holiday_name,
    is_seasonal,
    open_days,
    open_in,
    seasons,
    usual_days,
)
from guichet.content.facts.sentences import (
    _a,
    _cap,
    _day_parts,
    _de,
    _join,
    _next,
    day_phrase,
    fmt_date,
    fmt_intervals,
    fmt_time,
    hours_answer,
    lang_of,
    week_spans,
)
from guichet.content.pack.model import Service, Town, in_language
from guichet.content.understand.intents import asks_if_closed
from guichet.content.understand.names import DAYS, MONTHS
from guichet.content.understand.when import When, asks_season

_PART_WORDS = {
    "fr": {"morning": ("ce matin", "matin"), "afternoon": ("cet après-midi", "après-midi"),
           "evening": ("ce soir", "soir"), "lunch": ("ce midi", "entre midi et deux")},
    "en": {"morning": ("this morning", "morning"), "afternoon": ("this afternoon", "afternoon"),
           "evening": ("this evening", "evening"), "lunch": ("today at lunchtime", "at lunchtime")},
}
_SEASON_WORDS = {"fr": {"winter": "cet hiver", "spring": "ce printemps", "summer": "cet été",
                        "autumn": "cet automne"},
                 "en": {"winter": "this winter", "spring": "this spring",
                        "summer": "this summer", "autumn": "this autumn"}}


def _minutes(moment: dt.time | dt.datetime, is_end: bool) -> int:
    """Minutes since midnight; midnight as an end is 24 h."""
    time = moment.time() if isinstance(moment, dt.datetime) else moment
    minutes = time.hour * 60 + time.minute
    return 24 * 60 if is_end and minutes == 0 else minutes


def _end_of(span_end: dt.time) -> dt.timedelta:
    return dt.timedelta(days=1) if span_end == dt.time(0) else \
        dt.timedelta(hours=span_end.hour, minutes=span_end.minute)


def asked_range(when: When, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The stretch of time a day, part of day or period question is about."""
    midnight = dt.datetime.combine(when.date, dt.time(0), tz)
    if when.span is not None:
        begin, end = when.span
        return (midnight + dt.timedelta(hours=begin.hour, minutes=begin.minute),
                midnight + _end_of(end))
    return midnight, dt.datetime.combine(when.last + dt.timedelta(days=1), dt.time(0), tz)


def _with_year(date: dt.date, today: dt.date, lang: str) -> str:
    text = fmt_date(date, lang)
    return f"{text} {date.year}" if date.year != today.year else text


def _part_phrase(when: When, today: dt.date, lang: str) -> str:
    assert when.part is not None
    this, word = _PART_WORDS[lang][when.part]
    if when.date == today:
        return this
    if when.date == today + dt.timedelta(days=1):
        return f"demain {word}" if lang == "fr" else f"tomorrow {word}"
    if lang == "fr":
        return f"{day_phrase(when.date, today, lang)} {word}"
    at = "at lunchtime" if when.part == "lunch" else f"in the {word}"
    return f"{day_phrase(when.date, today, lang)}, {at}"


def _months_label(first: dt.date, last: dt.date, today: dt.date, lang: str) -> str:
    names = MONTHS[lang]
    year = f" {last.year}" if last.year != today.year or first.year != today.year else ""
    if (first.year, first.month) == (last.year, last.month):
        return f"en {names[first.month - 1]}{year}" if lang == "fr" else \
            f"in {names[first.month - 1]}{year}"
    return (f"de {names[first.month - 1]} à {names[last.month - 1]}{year}" if lang == "fr"
            else f"from {names[first.month - 1]} to {names[last.month - 1]}{year}")


def _period_phrase(when: When, today: dt.date, lang: str) -> str:
    fr = lang == "fr"
    if when.period == "weekend":
        if (when.date - today).days < 7:
            return "ce week-end" if fr else "this weekend"
        return (f"le week-end du {_with_year(when.date, today, lang)}" if fr else
                f"the weekend of {_with_year(when.date, today, lang)}")
    if when.period == "week":
        monday = today - dt.timedelta(days=today.weekday())
        if when.date - monday < dt.timedelta(days=7):
            return "cette semaine" if fr else "this week"
        if when.date - monday < dt.timedelta(days=14):
            return "la semaine prochaine" if fr else "next week"
        return (f"la semaine du {_with_year(when.date, today, lang)}" if fr else
                f"the week of {_with_year(when.date, today, lang)}")
    if when.period == "weekdays":
        return "en semaine" if fr else "on weekdays"
    if when.period == "year":
        return "d'ici la fin de l'année" if fr else "until the end of the year"
    phrase = _months_label(when.date, when.last, today, lang)
    if when.period == "season" and when.season:
        phrase = f"{_SEASON_WORDS[lang][when.season]} ({phrase})"
    if when.weekday is not None:
        day = DAYS[lang][when.weekday]
        phrase += f", le {day}" if fr else f", on {day}s"
    return phrase


def _holidays_shut(hours: Hours, days: list[dt.date], today: dt.date, lang: str) -> str:
    """The public holidays of ``days`` the place is shut on though it opens that weekday."""
    shut = [d for d in days if holiday_name(d, hours.country, lang) and not hours.day(d)
            and usual_days(hours, d - dt.timedelta(days=7),
                           d + dt.timedelta(days=7))[d.weekday()][1]]
    if not shut:
        return ""
    named = [f"{'le ' if lang == 'fr' else ''}{_with_year(d, today, lang)} "
             f"({holiday_name(d, hours.country, lang)})" for d in shut[:4]]
    return (f" Fermeture {_join(named, lang)}." if lang == "fr" else
            f" Closed on {_join(named, lang)}.")


def _closures(found: list[tuple[dt.date, dt.date]], today: dt.date, lang: str) -> str:
    """The closures the hours declare ("2026 Aug 10-2026 Aug 23 off") within the period:
    "Fermeture du lundi 10 août au dimanche 23 août." (a summer's usual week hides them)."""
    if not found:
        return ""
    said = [(f"du {_with_year(a, today, lang)} au {_with_year(b, today, lang)}" if lang == "fr"
             else f"from {_with_year(a, today, lang)} to {_with_year(b, today, lang)}")
            for a, b in found]
    return (f" Fermeture {_join(said, lang)}." if lang == "fr" else
            f" Closed {_join(said, lang)}.")


def _segments(hours: Hours, when: When, lang: str) -> list[tuple[dt.date, dt.date, str, list[int]]]:
    """Months of the period with the same usual week merged: (first, last, spans, shut)."""
    out: list[tuple[dt.date, dt.date, str, list[int]]] = []
    first = when.date
    while first <= when.last:
        after = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        last = min(when.last, after - dt.timedelta(days=1))
        if when.period in ("weekend", "week", "weekdays"):
            last = when.last
            week = [(d.weekday(), hours.day(d)) for d in when.days()]
        else:
            # A season opening mid-month: the month's week is the one of its open days.
            opened = open_days(hours, first, last)
            week = usual_days(hours, opened[0], opened[-1]) if opened else \
                usual_days(hours, first, last)
        spans, shut = week_spans(week, lang)
        if when.weekday is not None:
            # The weekday is already in the period's phrase: only its hours here.
            shown = dict(week).get(when.weekday, [])
            spans = fmt_intervals(shown, lang) if shown else ""
            shut = [] if shown else [when.weekday]
        if out and out[-1][2] == spans and out[-1][3] == shut:
            out[-1] = (out[-1][0], last, spans, shut)
        else:
            out.append((first, last, spans, shut))
        first = last + dt.timedelta(days=1)
    return out


def _period_answer(hours: Hours, name: str, when: When, yes_no: bool, today: dt.date,
                   lang: str) -> str:
    fr = lang == "fr"
    start, end = asked_range(when, hours.tz)
    is_open = bool(open_in(hours, start, end)) if when.weekday is None else \
        any(hours.day(day) for day in when.days())
    lead = (("Oui, " if fr else "Yes, ") if is_open else ("Non, " if fr else "No, ")) \
        if yes_no else ""
    phrase = _period_phrase(when, today, lang)
    if not is_open:
        text = (f"{phrase}, c'est fermé {_a(name)}." if fr else
                f"{name} is closed {phrase}.")
        return _cap(lead + text) + " " + _next(hours, end, today, lang)
    parts = []
    segments = _segments(hours, when, lang)
    for first, last, spans, shut in segments:
        label = "" if len(segments) == 1 else \
            _months_label(first, last, today, lang) + (" : " if fr else ": ")
        closed = _join(_day_parts(shut, lang), lang) if shut else ""
        if not spans:
            parts.append(label + ("fermé" if fr else "closed"))
            continue
        tail = (f", fermé {closed}" if fr else f", closed {closed}") if closed else ""
        parts.append(label + spans + tail)
    body = (" ; " if fr else "; ").join(parts)
    text = (f"{phrase}, {name} ouvre {body}." if fr else f"{phrase}, {name} is open {body}.")
    text = _cap(lead + text)
    declared = [(a, b) for a, b in closures(hours, when.date, when.last)
                if when.period in ("month", "season") and any(a <= d <= b for d in when.days())]
    text += _holidays_shut(hours, [d for d in when.days()
                                   if not any(a <= d <= b for a, b in declared)], today, lang)
    text += _closures(declared, today, lang)
    runs = [run for run in seasons(hours, when.date - dt.timedelta(days=366),
                                   when.last + dt.timedelta(days=366))
            if run[0] <= when.last and run[1] >= when.date]
    if runs and is_seasonal(hours, when.date - dt.timedelta(days=200)) and \
            (runs[0][0] > when.date or runs[0][1] < when.last):
        text += " " + _season_sentence(name, runs[0], today, lang)
    return text


def _season_sentence(name: str, run: tuple[dt.date, dt.date], today: dt.date,
                     lang: str) -> str:
    first, last = (_with_year(d, today, lang) for d in run)
    if lang == "fr":
        if run[0] <= today:
            return f"La saison {_de(name)} a commencé le {first} ; elle dure jusqu'au {last}."
        return f"La saison {_de(name)} commence le {first} et se termine le {last}."
    if run[0] <= today:
        return f"The season of {name} began on {first} and runs until {last}."
    return f"The season of {name} starts on {first} and ends on {last}."


def season_answer(hours: Hours, name: str, today: dt.date, lang: str) -> str | None:
    """When the service's season starts and ends (None for a service open all year)."""
    if not is_seasonal(hours, today - dt.timedelta(days=200)):
        return None
    year_start = dt.date(today.year, 1, 1)
    runs = seasons(hours, year_start, dt.date(today.year + 1, 12, 31))
    coming = [run for run in runs if run[1] >= today]
    if not coming:
        return None
    text = _season_sentence(name, coming[0], today, lang)
    past = [run for run in runs if run[1] < today and run[0].year == today.year]
    if past and coming[0][0] > today:
        ended = fmt_date(past[-1][1], lang)
        text = (f"La saison {today.year} {_de(name)} s'est terminée le {ended}. " if lang == "fr"
                else f"The {today.year} season of {name} ended on {ended}. ") + text
    if coming[0][0] > today:
        # Out of season: say it is shut now before when it opens again.
        text = (f"En ce moment, c'est fermé {_a(name)}. " if lang == "fr" else
                f"{_cap(name)} is closed at the moment. ") + text
    within = usual_days(hours, coming[0][0], coming[0][1])
    spans, _shut = week_spans(within, lang)
    if spans:
        text += (f" Pendant la saison : {spans}." if lang == "fr" else
                 f" During the season: {spans}.")
    return text


def _gaps(start: dt.datetime, end: dt.datetime,
          inside: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.time, dt.time]]:
    """The closed stretches of [start, end) between the open ones."""
    gaps, cursor = [], start
    for begin, finish in inside:
        if begin > cursor:
            gaps.append((cursor.time(), begin.time()))
        cursor = max(cursor, finish)
    if cursor < end:
        gaps.append((cursor.time(), end.time()))
    return gaps


def _part_answer(hours: Hours, name: str, when: When, yes_no: bool, today: dt.date,
                 lang: str) -> str:
    fr = lang == "fr"
    start, end = asked_range(when, hours.tz)
    inside = open_in(hours, start, end)
    # Each opening of that part of day is shown whole ("de 12 h à 19 h" for an afternoon).
    shown = [iv for iv in hours.day(when.date) if _minutes(iv[0], False) < _minutes(end, True)
             and _minutes(iv[1], True) > _minutes(start, False)]
    phrase = _part_phrase(when, today, lang)
    if inside:
        lead = ("Oui, " if fr else "Yes, ") if yes_no else ""
        text = (_cap(f"{lead}{phrase}, {name} ouvre {fmt_intervals(shown, lang)}.") if fr else
                _cap(f"{lead}{phrase}, {name} is open {fmt_intervals(shown, lang)}."))
        if when.part == "lunch":
            # Lunchtime is the question itself: say which part of it is closed.
            gaps = _gaps(start, end, inside)
            if gaps:
                text += (f" Fermé {fmt_intervals(gaps, lang)}." if fr else
                         f" Closed {fmt_intervals(gaps, lang)}.")
        return text
    lead = ("Non, " if fr else "No, ") if yes_no else ""
    text = _cap(f"{lead}{phrase}, c'est fermé {_a(name)}." if fr else
                f"{lead}{phrase}, {name} is closed.")
    other = hours.day(when.date)
    if other:
        that_day = day_phrase(when.date, today, lang)
        text += (f" {_cap(that_day)}, {name} ouvre {fmt_intervals(other, lang)}." if fr else
                 f" {_cap(name)} is open {that_day} {fmt_intervals(other, lang)}.")
    return text + " " + _next(hours, end, today, lang)


def _day_answer(hours: Hours, name: str, town: Town, when: When, now: dt.datetime,
                lang: str) -> str:
    fr = lang == "fr"
    today = now.date()
    intervals = hours.day(when.date)
    phrase = day_phrase(when.date, today, lang)
    _start, midnight = asked_range(when, hours.tz)
    if intervals and when.date == today and not open_in(hours, now, midnight):
        # Asked today once the day's last opening is over: no, not any more.
        shut = fmt_time(intervals[-1][1], lang)
        return (f"Non, plus aujourd'hui : c'est fermé {_a(name)} depuis {shut}. "
                f"{_next(hours, now, today, lang)}" if fr else
                f"No, not any more today: {name} closed at {shut}. "
                f"{_next(hours, now, today, lang)}")
    if intervals:
        return (f"Oui, {phrase}, {name} ouvre {fmt_intervals(intervals, lang)}." if fr else
                f"Yes, {name} is open {phrase} {fmt_intervals(intervals, lang)}.")
    holiday = holiday_name(when.date, town.country, lang)
    reason = ("" if not holiday else f" C'est un jour férié : {holiday}." if fr else
              f" It is a public holiday: {holiday}.")
    start = dt.datetime.combine(when.date, dt.time(0), hours.tz)
    return (f"Non, {phrase}, c'est fermé {_a(name)} toute la journée.{reason} "
            f"{_next(hours, start, today, lang)}" if fr else
            f"No, {name} is closed all day {phrase}.{reason} {_next(hours, start, today, lang)}")


_FLIP = {"Oui, ": "Non, ", "Non, ": "Oui, ", "Yes, ": "No, ", "No, ": "Yes, "}


def _flipped(text: str) -> str:
    """The same facts answering "is it closed?": "Oui, … ouvre …" -> "Non, … ouvre …"."""
    for lead, other in _FLIP.items():
        if text.startswith(lead):
            return other + text[len(lead):]
    return text


def answer_hours(service: Service, town: Town, question: str, when: When, closing: bool,
                 schedule: bool, now: dt.datetime, lang: str) -> str:
    """The opening-hours answer about ``service`` for what ``question`` (read as
    ``when``) asks.

    ``schedule``: the question asks *when* ("quels horaires"); otherwise it asks
    *whether* and gets "Oui"/"Non" first, about being open, or about being closed
    ("c'est fermé samedi ?": "Non, … ouvre de 9 h à midi").
    """
    lang = lang_of(lang)
    name, _ = in_language(service.name, lang, town.language)
    hours = Hours(service.opening_hours, town.country, town.timezone)
    today = now.date()
    closed_asked = not schedule and asks_if_closed(question, lang)
    yes_no = not schedule and (not closing or closed_asked)
    off_season = when.kind == "now" and schedule and not closing and \
        hours.next_opening(now, SEASON_GAP_DAYS) is None and \
        is_seasonal(hours, today - dt.timedelta(days=200))
    if (asks_season(question, lang) and when.kind == "now") or when.period == "year" or \
            off_season:
        # "Le camping ouvre quand ?" out of season: the season's bounds, not one moment.
        found = season_answer(hours, name, today, lang)
        if found is not None:
            return found
        week = hours_answer(service, town, When(today, None, False, True), False, True, now,
                            lang)
        return (f"{_cap(name)} ouvre toute l'année. {week}" if lang == "fr" else
                f"{_cap(name)} is open all year round. {week}")
    if when.period == "holidays":  # no holiday on its days: its usual week says it all
        text = holidays_answer(hours, name, today, yes_no, lang) or \
            hours_answer(service, town, When(today, None, False, True), False, True, now, lang)
    elif when.kind == "period":
        text = _period_answer(hours, name, when, yes_no, today, lang)
    elif when.kind == "part" and (yes_no or not closing or when.date != today):
        text = _part_answer(hours, name, when, yes_no, today, lang)
    elif when.kind in ("day", "part") and yes_no:
        text = _day_answer(hours, name, town, when, now, lang)
    elif yes_no:
        text = hours_answer(service, town, when, False, False, now, lang)
    else:
        text = hours_answer(service, town, when, closing, schedule, now, lang)
    return _flipped(text) if yes_no and closed_asked else text
