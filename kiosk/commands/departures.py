"""``guichet departures``: the next departures from a stop, for people or as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from guichet.content.mobility.departures import Towards, next_departures
from guichet.content.mobility.gtfs import load_feed
from guichet.content.mobility.sentences import departures_answer
from guichet.content.mobility.stopnames import StopNames
from guichet.content.pack.messages import text
from guichet.content.understand.text import fold
from guichet.kiosk.commands.common import (
    Subparsers,
    UsageError,
    config_from,
    parse_at,
    served_language,
)
from guichet.kiosk.compose import load_town_pack
from guichet.voice.errors import VoiceError


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
    moment = parse_at(at, feed.timezone) if at else dt.datetime.now(feed.timezone)
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
            route = feed.routes[d.route_id].short_name or d.route_id
            print(f"  {d.when:%Y-%m-%d %H:%M}  {route:>4}"
                  f"  {d.headsign or '-'}  (trip {d.trip_id}, stop {d.stop_id})")
    return 0


def add_parser(sub: Subparsers) -> None:
    dep = sub.add_parser("departures", help="next departures from a stop (GTFS)")
    dep.add_argument("--gtfs", type=Path, help="GTFS feed (.zip or folder); default: the "
                     "town pack's (mobility.gtfs)")
    dep.add_argument("--stop", required=True, help="stop name (as said) or stop_id")
    dep.add_argument("--at", help="local time YYYY-MM-DDTHH:MM (default: now)")
    dep.add_argument("--towards", help="a later stop, a headsign or a route")
    dep.add_argument("-n", type=int, default=3, help="how many departures (default 3)")
    dep.add_argument("--json", action="store_true", help="print a JSON list")
    dep.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    if args.n < 1:
        raise UsageError(text("n_positive"))
    gtfs, lang = args.gtfs, args.lang
    if gtfs is None or lang is None:
        # The town's feed and first language, unless both are given.
        pack = load_town_pack(config_from(args))
        lang = served_language(lang, pack.town.languages, pack.town.name) \
            or pack.town.languages[0]
        if gtfs is None:
            if not pack.mobility.gtfs:
                raise UsageError(text("no_feed"))
            gtfs = pack.mobility.gtfs[0]
    return run_departures(gtfs, args.stop, args.at, args.towards, args.n, args.json, lang)
