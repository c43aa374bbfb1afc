"""Next departures from a stop: exact, from the feed's calendar, after midnight too.

Pure: the feed and the moment are arguments. A GTFS time counts from "noon minus 12 h"
of its service day (so 24:35:00 is 00:35 the next morning, and DST days stay right), so
a 00:20 question also looks at the previous service days' late trips.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from guichet.content.mobility.gtfs import Feed

UTC = dt.UTC


@dataclass(frozen=True)
class Departure:
    """One bus leaving a stop."""

    trip_id: str
    route_id: str
    stop_id: str
    when: dt.datetime
    """Local departure time (aware, in the feed's time zone)."""
    headsign: str
    """Where the trip goes, as the feed says."""
    service_date: dt.date
    """The service day the trip belongs to (may be the day before ``when``)."""


@dataclass(frozen=True)
class Towards:
    """Which trips to keep: of ``line`` (when given), and going on to one of ``stop_ids``
    or with ``headsign`` or on one of ``route_ids`` (any of the three, when given)."""

    stop_ids: frozenset[str] = frozenset()
    headsign: str = ""
    route_ids: frozenset[str] = frozenset()
    line: frozenset[str] = frozenset()
    """Route ids the trip must belong to ("line 1 to the station")."""


def origin(date: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The instant GTFS times of service day ``date`` count from: noon minus 12 hours."""
    noon = dt.datetime.combine(date, dt.time(12), zone)
    return noon.astimezone(UTC) - dt.timedelta(hours=12)


def _goes_towards(feed: Feed, trip_id: str, seq: int, towards: Towards) -> bool:
    trip = feed.trips[trip_id]
    if towards.line and trip.route_id not in towards.line:
        return False
    if not (towards.route_ids or towards.headsign or towards.stop_ids):
        return True
    if towards.route_ids and trip.route_id in towards.route_ids:
        return True
    if towards.headsign and towards.headsign.casefold() in trip.headsign.casefold():
        return True
    if towards.stop_ids:
        return any(s in towards.stop_ids for q, s in feed.trip_stops.get(trip_id, ()) if q > seq)
    return False


def next_departures(
    feed: Feed, stop_ids: list[str], at: dt.datetime, count: int = 3,
    towards: Towards | None = None, horizon_days: int = 7,
) -> list[Departure]:
    """The next ``count`` departures from any of ``stop_ids`` at or after ``at``."""
    zone = feed.timezone
    now = at.astimezone(UTC)
    today = at.astimezone(zone).date()
    back = feed.max_seconds // 86400 + 1
    found: list[Departure] = []
    for offset in range(-back, horizon_days + 1):
        date = today + dt.timedelta(days=offset)
        start = origin(date, zone)
        threshold = (now - start).total_seconds()
        if found and len(found) >= count and start > found[-1].when:
            break  # every later service day starts after the last departure kept
        running: dict[str, bool] = {}
        for stop_id in stop_ids:
            times = feed.departures.get(stop_id, [])
            index = bisect.bisect_left(times, (threshold, "", -1))
            kept = 0
            for seconds, trip_id, seq in times[index:]:
                service = feed.trips[trip_id].service_id
                if service not in running:
                    running[service] = feed.runs(service, date)
                if not running[service]:
                    continue
                if towards is not None and not _goes_towards(feed, trip_id, seq, towards):
                    continue
                when = (start + dt.timedelta(seconds=seconds)).astimezone(zone)
                found.append(Departure(trip_id, feed.trips[trip_id].route_id, stop_id, when,
                                       feed.trips[trip_id].headsign, date))
                kept += 1
                if kept >= count:
                    break
        found.sort(key=lambda d: (d.when, d.trip_id))
        found = found[:count] if len(found) > count else found
    return found[:count]
