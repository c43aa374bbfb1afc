"""``guichet departures``: the next departures from a stop, for people or as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from content.departures import Towards, next_departures
from content.gtfs import load_feed
from content.mobility_facts import departures_answer
from content.stopnames import StopNames
from content.text import fold
from voice.errors import VoiceError


class StopNotFound(VoiceError):
    """A stop name or id that the feed does not have."""


def run_departures(gtfs: Path, stop: str, at: str | None, towards: str | None, count: int,
                   as_json: bool, lang: str) -> int:
    feed = load_feed(gtfs)
    for problem in feed.problems[:20]:
        print(f"warning: {problem}", flush=True) if not as_json else None
    names = StopNames(feed)
    origin = names.match(stop)
    if origin is None:
        raise StopNotFound(f"no stop named or numbered '{stop}' in {gtfs}")
    if at:
        try:
            moment = dt.datetime.fromisoformat(at)
        except ValueError:
            raise StopNotFound(f"--at '{at}' is not a local time such as 2026-11-25T14:05"
                               ) from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=feed.timezone)
    else:
        moment = dt.datetime.now(feed.timezone)
    filt = None
    destination = None
    if towards:
        destination = names.match(towards)
        routes = frozenset(r.id for r in feed.routes.values()
                           if towards in (r.id, r.short_name) or fold(towards) == fold(r.long_name))
        if destination is None and not routes and not any(
                fold(towards) in fold(t.headsign) for t in feed.trips.values()):
            raise StopNotFound(f"--towards '{towards}' is neither a stop, a headsign nor a "
                               f"route of {gtfs}")
        filt = Towards(frozenset(destination.stop_ids) if destination else frozenset(),
                       towards, routes)
    found = next_departures(feed, list(origin.stop_ids), moment, count, filt)
    if as_json:
        print(json.dumps([{
            "trip_id": d.trip_id, "route_id": d.route_id, "stop_id": d.stop_id,
            "departure": d.when.strftime("%Y-%m-%dT%H:%M"), "headsign": d.headsign,
            "service_date": d.service_date.isoformat()} for d in found], ensure_ascii=False))
    else:
        local = moment.astimezone(feed.timezone)
        print(departures_answer(feed, found, origin.name,
                                destination.name if destination else None, local, lang))
        for d in found:
            print(f"  {d.when:%Y-%m-%d %H:%M}  {feed.routes[d.route_id].short_name or d.route_id:>4}"
                  f"  {d.headsign or '-'}  (trip {d.trip_id}, stop {d.stop_id})")
    return 0
