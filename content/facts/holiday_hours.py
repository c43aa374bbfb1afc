"""Opening on public holidays: "le marché a lieu les jours fériés ?", "is the library open
on bank holidays?".

Pure. The answer looks at the public holidays of the coming year that fall on a weekday
the place usually opens (a holiday on its day off says nothing) and at the date closures
its hours declare ("Jan 01 off"). "Oui"/"Yes" exactly when it opens on at least one of
those holidays; "Non"/"No" when it opens on none of them.
"""

from __future__ import annotations

import datetime as dt

from guichet.content.facts.hours import Hours, closures, holiday_name, usual_days
from guichet.content.facts.sentences import _a, _cap, _join, fmt_date, fmt_intervals

_SHOWN = 3
"""How many holidays an answer names."""


def _named(date: dt.date, hours: Hours, today: dt.date, lang: str) -> str:
    year = f" {date.year}" if date.year != today.year else ""
    text = f"{fmt_date(date, lang)}{year} ({holiday_name(date, hours.country, lang)})"
    return f"le {text}" if lang == "fr" else text


def holidays_answer(hours: Hours, name: str, today: dt.date, yes_no: bool,
                    lang: str) -> str | None:
    """Whether and when ``name`` opens on the coming year's public holidays; None when no
    holiday falls on a day it usually opens and it declares no holiday closure."""
    fr = lang == "fr"
    last = today + dt.timedelta(days=364)
    days = [today + dt.timedelta(days=i) for i in range(365)]
    holidays = [d for d in days if holiday_name(d, hours.country, lang)]
    # A day it usually opens around that date (a summer pool's Tuesday in July, not in May).
    on_its_days = [d for d in holidays if usual_days(hours, d - dt.timedelta(days=7),
                                                     d + dt.timedelta(days=7))[d.weekday()][1]]
    opened = [d for d in on_its_days if hours.day(d)]
    shut = [d for d in on_its_days if not hours.day(d)]
    declared = [first for first, end in closures(hours, today, last)
                if first == end and holiday_name(first, hours.country, lang)
                and first not in shut]
    shut = sorted({*shut, *declared})
    if not opened and not shut:
        return None
    if opened:
        listed = _join([f"{_named(d, hours, today, lang)} "
                        f"{fmt_intervals(hours.day(d), lang)}" for d in opened[:_SHOWN]], lang)
        lead = ("Oui, " if fr else "Yes, ") if yes_no else ""
        text = _cap(f"{lead}{name} ouvre les jours fériés qui tombent sur ses jours "
                    f"d'ouverture : {listed}." if fr else
                    f"{lead}{name} is open on public holidays that fall on its opening days: "
                    f"{listed}.")
        if shut:
            except_ = _join([_named(d, hours, today, lang) for d in shut[:_SHOWN]], lang)
            text += f" Sauf : fermé {except_}." if fr else f" Except: closed on {except_}."
        return text
    listed = _join([_named(d, hours, today, lang) for d in shut[:_SHOWN]], lang)
    lead = ("Non, " if fr else "No, ") if yes_no else ""
    return _cap(f"{lead}les jours fériés, c'est fermé {_a(name)} : {listed}." if fr else
                f"{lead}{name} is closed on public holidays: {listed}.")
