"""Departures and car parks, phrased per language (pure; times as the screen shows them).

"Le prochain bus de la ligne 1 vers Gare SNCF part de Mairie à 14 h 12, puis à 14 h 42."
"""

from __future__ import annotations

import datetime as dt

from guichet.content.facts.sentences import day_phrase, fmt_time, lang_of
from guichet.content.mobility.departures import Departure
from guichet.content.mobility.gtfs import Feed
from guichet.content.mobility.parking import Availability, CarPark


def route_label(feed: Feed, route_id: str, lang: str) -> str:
    """"la ligne 3" / "line 3", or the route's long name ("la Navette des Vignes")."""
    route = feed.routes[route_id]
    short = route.short_name
    if short.isdigit() or (short and not route.long_name):
        return f"la ligne {short}" if lang == "fr" else f"line {short}"
    name = route.long_name.split(" : ")[0].strip()  # "Navette des Vignes : Mairie - ..."
    return f"la {name}" if lang == "fr" and name.lower().startswith("navette") else name


def _when(departure: Departure, now: dt.datetime, lang: str) -> str:
    local = departure.when
    time = fmt_time(local.time(), lang)
    if local.date() == now.date():
        return f"à {time}" if lang == "fr" else f"at {time}"
    day = day_phrase(local.date(), now.date(), lang)
    return f"{day} à {time}" if lang == "fr" else f"{day} at {time}"


def departures_answer(feed: Feed, found: list[Departure], origin: str, destination: str | None,
                      now: dt.datetime, lang: str, line: str | None = None) -> str:
    """One sentence for the first departure, "puis / then" for the next ones."""
    lang = lang_of(lang)
    fr = lang == "fr"
    towards = ""
    if destination:
        towards = f" vers {destination}" if fr else f" to {destination}"
    if not found:
        which = f" de {route_label(feed, line, lang)}" if fr and line else \
            f" on {route_label(feed, line, lang)}" if line else ""
        return (f"Je ne trouve aucun départ{which} de {origin}{towards} dans les sept "
                "prochains jours." if fr else
                f"I find no departure{which} from {origin}{towards} in the next seven days.")
    first = found[0]
    label = route_label(feed, first.route_id, lang)
    head = towards or (f" vers {first.headsign}" if fr else f" to {first.headsign}") \
        if first.headsign else towards
    if fr:
        text = f"Le prochain départ de {label}{head} part de {origin} {_when(first, now, lang)}"
    else:
        text = f"The next {label} departure{head} leaves {origin} {_when(first, now, lang)}"
    # Later departures on another line say which line they are.
    others = []
    for later in found[1:]:
        notes = []
        if later.route_id != first.route_id:
            notes.append(route_label(feed, later.route_id, lang).removeprefix("la "))
        if not destination and later.headsign and later.headsign != first.headsign:
            notes.append(f"vers {later.headsign}" if fr else f"to {later.headsign}")
        others.append(_when(later, now, lang) + (f" ({', '.join(notes)})" if notes else ""))
    if others:
        text += (", puis " if fr else ", then ") + ", ".join(others)
    return text + "."


def _park_phrase(park: CarPark, live: Availability | None, now: dt.datetime,
                 stale_after: dt.timedelta, lang: str) -> str:
    fr = lang == "fr"
    facts = []
    if park.places is not None:
        facts.append(f"{park.places} places")
    if park.free:
        facts.append("gratuit" if fr else "free")
    elif park.price_1h:
        price = park.price_1h.replace(".", ",") if fr else park.price_1h
        facts.append(f"{price} euros de l'heure" if fr else f"{price} euros an hour")
    if park.disabled_places:
        many = "s" if park.disabled_places > 1 else ""
        facts.append(f"dont {park.disabled_places} place{many} PMR" if fr else
                     f"{park.disabled_places} disabled place{many}")
    if live is not None:
        measured = live.measured.astimezone(now.tzinfo)
        at = fmt_time(measured.time().replace(second=0, microsecond=0), lang)
        if now - measured > stale_after:
            facts.append(f"{live.free_places} places libres lors du dernier comptage, à {at} "
                         "(information ancienne)" if fr else
                         f"{live.free_places} free places at the last count, at {at} "
                         "(old information)")
        else:
            facts.append(f"{live.free_places} places libres à {at}" if fr else
                         f"{live.free_places} free places at {at}")
    return f"{park.name} ({', '.join(facts)})" if facts else park.name


def parking_answer(parks: list[CarPark], availability: dict[str, Availability],
                   now: dt.datetime, stale_after: dt.timedelta, lang: str) -> str:
    lang = lang_of(lang)
    fr = lang == "fr"
    if not parks:
        return ("Je ne connais pas de parking qui corresponde." if fr else
                "I know of no car park that matches.")
    parts = [_park_phrase(p, availability.get(p.id), now, stale_after, lang) for p in parks]
    intro = "Vous pouvez vous garer : " if fr else "You can park at: "
    return intro + " ; ".join(parts) + "." if fr else intro + "; ".join(parts) + "."
