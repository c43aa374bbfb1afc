"""Source labels for visitors: the source's own words and the date it was checked.

Pure. "Règlement de la déchetterie (mis à jour le 1er mars 2026)" in French, "Règlement
de la déchetterie (updated 1 March 2026)" in English: the source text stays as the town
wrote it, the date is said in the answer's language. The id stays for machines
(``Answer.sources``); these labels are for people (``Answer.cited``).
"""

from __future__ import annotations

import datetime as dt

from guichet.content.pack.model import Anecdote, FaqEntry, Service, Town, in_language
from guichet.content.understand.names import MONTHS


def long_date(date: dt.date, lang: str) -> str:
    """"1er mars 2026" (French), "1 March 2026" (English and others)."""
    if lang == "fr":
        day = "1er" if date.day == 1 else str(date.day)
        return f"{day} {MONTHS['fr'][date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS['en'][date.month - 1]} {date.year}"


def source_label(source: str, updated: dt.date | None, lang: str) -> str:
    """``source`` followed by the date it was checked, when there is one."""
    if updated is None:
        return source
    when = (f"mis à jour le {long_date(updated, lang)}" if lang == "fr"
            else f"updated {long_date(updated, lang)}")
    return f"{source} ({when})"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def cited(item: Service | FaqEntry | Anecdote, town: Town, lang: str) -> str:
    """The label of an item of the pack: its ``source``, else its name (a service), its
    place (a story) or the town (a FAQ entry, written by the town's staff)."""
    source = item.source
    if not source:
        if isinstance(item, Service):
            source = _cap(in_language(item.name, lang, town.language)[0])
        elif isinstance(item, Anecdote):
            source = in_language(item.place, lang, town.language)[0]
        else:
            source = town.name
    return source_label(source, item.updated, lang)


_TRANSPORT = {"gtfs": ("Horaires des bus et navettes", "Bus and shuttle timetables"),
              "parking": ("Données des parkings", "Car park data")}


def transport_label(source_id: str, lang: str) -> str:
    """The label of a computed transport answer ("gtfs:L1" -> the timetables, with the line)."""
    kind, _, what = source_id.partition(":")
    french, english = _TRANSPORT.get(kind, ("Données de transport", "Transport data"))
    label = french if lang == "fr" else english
    if kind == "gtfs" and what:
        label += f" ({'ligne' if lang == 'fr' else 'line'} {what})"
    return label
