"""Computed answers, phrased per language: opening hours and contacts of a service.

Pure: every sentence is built from the pack's own data and an explicit moment. The
screen shows "8 h 30" / "8:30 am"; ``voice.speakable`` turns them into words for speech.
"""

from __future__ import annotations

import datetime as dt

from guichet.content.facts.hours import Hours, Interval, holiday_name, usual_week
from guichet.content.pack.model import Service, Town, in_language
from guichet.content.understand.names import DAYS as _DAYS
from guichet.content.understand.names import MONTHS as _MONTHS
from guichet.content.understand.when import When


def lang_of(lang: str) -> str:
    return lang if lang in _DAYS else "en"


def fmt_time(time: dt.time, lang: str) -> str:
    if lang == "fr":
        if time == dt.time(12):
            return "midi"
        if time == dt.time(0):
            return "minuit"
        return f"{time.hour} h {time.minute:02d}" if time.minute else f"{time.hour} h"
    if time == dt.time(12):
        return "noon"
    if time == dt.time(0):
        return "midnight"
    hour = time.hour % 12 or 12
    suffix = "am" if time.hour < 12 else "pm"
    return f"{hour}:{time.minute:02d} {suffix}" if time.minute else f"{hour} {suffix}"


def fmt_date(date: dt.date, lang: str) -> str:
    lang = lang_of(lang)
    day, month = _DAYS[lang][date.weekday()], _MONTHS[lang][date.month - 1]
    first = "1er" if lang == "fr" and date.day == 1 else str(date.day)
    return f"{day} {first} {month}"


def day_phrase(date: dt.date, today: dt.date, lang: str) -> str:
    """"aujourd'hui" / "demain" / "le samedi 28 novembre" (and the English forms)."""
    if date == today:
        return "aujourd'hui" if lang == "fr" else "today"
    if date == today + dt.timedelta(days=1):
        return "demain" if lang == "fr" else "tomorrow"
    text = fmt_date(date, lang)
    if not 0 <= (date - today).days < 300:  # "le samedi 1er avril 2028", not a year too soon
        text += f" {date.year}"
    return f"le {text}" if lang == "fr" else f"on {text}"


def fmt_intervals(intervals: list[Interval], lang: str) -> str:
    parts = [f"{'de' if lang == 'fr' else 'from'} {fmt_time(a, lang)} "
             f"{'à' if lang == 'fr' else 'to'} {fmt_time(b, lang)}" for a, b in intervals]
    joiner = " et " if lang == "fr" else " and "
    return joiner.join(parts)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _contract(preposition: str, name: str) -> str:
    """French preposition + article: "à la mairie", "au bureau", "des halles"."""
    merged = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}
    article, _, rest = name.partition(" ")
    joined = merged.get((preposition, article.lower()))
    return f"{joined} {rest}" if joined and rest else f"{preposition} {name}"


def _a(name: str) -> str:
    return _contract("à", name)


def _de(name: str) -> str:
    return _contract("de", name)


def _next(hours: Hours, after: dt.datetime, today: dt.date, lang: str,
          horizon_days: int = 400) -> str:
    opening = hours.next_opening(after, horizon_days)
    if opening is None:
        return ("Aucune ouverture n'est prévue dans l'année." if lang == "fr"
                else "No opening is planned within a year.")
    when = f"{day_phrase(opening.date(), today, lang)} " \
           f"{'à' if lang == 'fr' else 'at'} {fmt_time(opening.time(), lang)}"
    later = [iv for iv in hours.day(opening.date()) if iv[0] == opening.time()]
    if opening.date() == today and later:
        # Opening later today: the whole stretch, "aujourd'hui de midi à 19 h".
        when = f"{day_phrase(today, today, lang)} {fmt_intervals(later, lang)}"
    return f"Prochaine ouverture : {when}." if lang == "fr" else f"It opens again {when}."


def _join(parts: list[str], lang: str) -> str:
    word = " et " if lang == "fr" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + word + parts[-1]


def _day_parts(weekdays: list[int], lang: str) -> list[str]:
    """[0,1,2,3,4] -> ["du lundi au vendredi"]; [0,2] -> ["le lundi", "le mercredi"]."""
    days = _DAYS[lang]
    runs: list[list[int]] = []
    for day in weekdays:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"du {days[run[0]]} au {days[run[-1]]}" if lang == "fr"
                         else f"{days[run[0]]} to {days[run[-1]]}")
        else:
            parts.extend(f"le {days[d]}" if lang == "fr" else days[d] for d in run)
    return parts


def week_spans(week: list[tuple[int, list[Interval]]], lang: str) -> tuple[str, list[int]]:
    """"du lundi au vendredi de 9 h à midi ; le samedi de …" for weekday -> intervals,
    and the weekdays closed all day."""
    groups: dict[tuple[Interval, ...], list[int]] = {}
    for weekday, intervals in week:
        groups.setdefault(tuple(intervals), []).append(weekday)
    closed = groups.pop((), [])
    ordered = sorted(groups.items(), key=lambda item: item[1][0])
    spans = [f"{_join(_day_parts(days, lang), lang)} {fmt_intervals(list(iv), lang)}"
             for iv, days in ordered]
    return (" ; " if lang == "fr" else "; ").join(spans), closed


def _week(service_name: str, hours: Hours, today: dt.date, lang: str) -> str:
    spans, closed = week_spans(usual_week(hours, today), lang)
    holidays_off = "PH off" in hours.expr
    if not spans:
        start = dt.datetime.combine(today, dt.time(0), hours.tz)
        nxt = _next(hours, start, today, lang)
        return (f"En ce moment, c'est fermé {_a(service_name)}. {nxt}" if lang == "fr" else
                f"{_cap(service_name)} is closed at the moment. {nxt}")
    if lang == "fr":
        text = f"Horaires {_de(service_name)} : " + spans + "."
        shut = _day_parts(closed, lang) + (["les jours fériés"] if holidays_off else [])
        return text + (f" Fermeture {_join(shut, lang)}." if shut else "")
    text = f"{_cap(service_name)} opening hours: " + spans + "."
    shut = _day_parts(closed, lang) + (["public holidays"] if holidays_off else [])
    return text + (f" Closed on {_join(shut, lang)}." if shut else "")


def hours_answer(service: Service, town: Town, when: When, closing: bool, schedule: bool,
                 now: dt.datetime, lang: str) -> str:
    """The opening-hours answer about ``service`` for the moment ``when``."""
    lang = lang_of(lang)
    name, _ = in_language(service.name, lang, town.language)
    hours = Hours(service.opening_hours, town.country, town.timezone)
    today = now.date()
    fr = lang == "fr"
    if schedule and not closing and not when.named_day and (when.time is None or when.now):
        return _week(name, hours, today, lang)
    date = when.date
    intervals = hours.day(date)
    phrase = day_phrase(date, today, lang)
    holiday = holiday_name(date, town.country, lang)
    if closing and date == today and (when.time is None or when.now):
        close = hours.closes_after(now)
        if close is not None:
            after = [iv for iv in intervals if iv[0] >= close and close != dt.time(0)]
            then = ""
            if after:
                then = (f", puis rouvre {fmt_intervals(after, lang)}" if fr else
                        f", then opens again {fmt_intervals(after, lang)}")
            return f"{_cap(phrase)}, {name} ferme à {fmt_time(close, lang)}{then}." if fr else \
                f"{_cap(phrase)}, {name} closes at {fmt_time(close, lang)}{then}."
        later = [iv for iv in intervals if iv[0] > now.time()]
        if later:
            return (f"{_cap(name)} rouvre {phrase} {fmt_intervals(later, lang)}." if fr else
                    f"{_cap(name)} opens again {phrase} {fmt_intervals(later, lang)}.")
        return (f"{_cap(name)} ne rouvre plus {phrase}. {_next(hours, now, today, lang)}" if fr else
                f"{_cap(name)} does not open again {phrase}. {_next(hours, now, today, lang)}")
    if when.time is not None:
        moment = dt.datetime.combine(date, when.time, hours.tz)
        at = ("maintenant" if when.now else f"{phrase} à {fmt_time(when.time, lang)}") if fr \
            else ("now" if when.now else f"{phrase} at {fmt_time(when.time, lang)}")
        if hours.is_open(moment):
            close = hours.closes_after(moment)
            until = f", jusqu'à {fmt_time(close, lang)}" if fr and close else \
                f", until {fmt_time(close, lang)}" if close else ""
            return (f"Oui, {at}, c'est ouvert {_a(name)}{until}." if fr else
                    f"Yes, {name} is open {at}{until}.")
        return (f"Non, {at}, c'est fermé {_a(name)}. {_next(hours, moment, today, lang)}" if fr else
                f"No, {name} is closed {at}. {_next(hours, moment, today, lang)}")
    if intervals:
        return (f"{_cap(phrase)}, {name} ouvre {fmt_intervals(intervals, lang)}." if fr else
                f"{_cap(name)} is open {phrase} {fmt_intervals(intervals, lang)}.")
    reason = ""
    if holiday:
        reason = f" C'est un jour férié : {holiday}." if fr else \
            f" It is a public holiday: {holiday}."
    start = dt.datetime.combine(date, dt.time(0), hours.tz)
    return (f"{_cap(phrase)}, c'est fermé {_a(name)} toute la journée.{reason} "
            f"{_next(hours, start, today, lang)}" if fr else
            f"{_cap(name)} is closed all day {phrase}.{reason} {_next(hours, start, today, lang)}")


def contact_answer(service: Service, town: Town, handle: str | None, lang: str) -> str:
    """How to reach ``service``; ``handle`` names what the visitor came for."""
    lang = lang_of(lang)
    name, _ = in_language(service.name, lang, town.language)
    fr = lang == "fr"
    if not service.phone:
        # Never pass the desk's number off as the service's own.
        text = (f"Je n'ai pas de numéro pour {name}. Adressez-vous à l'accueil de la mairie "
                f"au {town.desk_phone}." if fr else f"I have no phone number for {name}. "
                f"Please ask the town hall desk on {town.desk_phone}.")
    elif handle:
        text = (f"Pour {handle}, contactez {name} au {service.phone}." if fr else
                f"For {handle}, contact {name} on {service.phone}.")
    else:
        text = (f"Vous pouvez joindre {name} au {service.phone}." if fr else
                f"You can reach {name} on {service.phone}.")
    if service.email:
        text += (f" Courriel : {service.email}." if fr else f" E-mail: {service.email}.")
    if service.address:
        text += (f" Adresse : {service.address}." if fr else f" Address: {service.address}.")
    return text
