"""Mobility questions: next departures (GTFS) and where to park, answered from the pack.

Loads the feeds and car parks the pack names, finds the stops, line and moment a
question speaks of, and phrases the answer. The kiosk's own stop (``mobility.stop``) is
the origin when the visitor names only a destination.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from guichet.content.mobility.departures import Towards, next_departures
from guichet.content.mobility.gtfs import Feed, GtfsError, load_feed
from guichet.content.mobility.parking import (
    Availability,
    CarPark,
    choose,
    load_availability,
    load_car_parks,
)
from guichet.content.mobility.sentences import departures_answer, parking_answer
from guichet.content.mobility.stopnames import StopMatch, StopNames
from guichet.content.pack.model import Mobility
from guichet.content.pack.yamlsrc import Problem
from guichet.content.understand.text import fold, words
from guichet.content.understand.when import mentions_moment, parse_when

_LOGGER = logging.getLogger(__name__)

_TRANSIT = {"fr": {"bus", "navette", "ligne", "depart", "departs", "arret", "autobus", "car"},
            "en": {"bus", "shuttle", "line", "departure", "departures", "stop", "coach"}}
_PARKING = {"fr": {"garer", "stationner", "stationnement", "parking", "parkings", "voiture"},
            "en": {"park", "parking", "car"}}
_TO = {"fr": r"(?:vers|pour|direction|jusqu a|a destination de|aller a|aller au)\s",
       "en": r"(?:to|towards|for|direction)\s"}
_FROM = {"fr": r"(?:depuis|de|du|a partir de)\s", "en": r"(?:from|at)\s"}
_FREE = {"fr": {"gratuit", "gratuits", "gratuite", "gratuitement"}, "en": {"free"}}
_DISABLED = {"fr": {"pmr", "handicape", "handicapes", "handicap"},
             "en": {"disabled", "wheelchair", "accessible", "blue"}}


@dataclass
class MobilityAnswer:
    """A computed mobility answer."""

    text: str
    sources: list[str]
    facts: tuple[str, ...]


@dataclass
class MobilityData:
    """The town's transport data, loaded once."""

    config: Mobility
    feeds: list[tuple[Feed, StopNames]] = field(default_factory=list)
    parks: list[CarPark] = field(default_factory=list)
    availability: dict[str, Availability] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, config: Mobility) -> MobilityData:
        data = cls(config)
        for path in config.gtfs:
            try:
                feed = load_feed(path)
            except GtfsError as err:
                _LOGGER.error("GTFS feed unusable, departures from it are not answered: %s",
                              err)
                data.problems.append(Problem(str(path), 0, str(err)))
                continue
            data.problems.extend(feed.problems)
            data.feeds.append((feed, StopNames(feed, config.stop_aliases)))
        if config.parking is not None:
            data.parks, problems = load_car_parks(config.parking)
            data._add(problems, "car parks unusable, parking is not answered from them")
        if config.parking_availability is not None:
            data.availability, problems = load_availability(config.parking_availability)
            data._add(problems, "free places unusable, parking answers do not count them")
        return data

    def _add(self, problems: list[Problem], consequence: str) -> None:
        for problem in problems:
            if problem.severity == "error":
                _LOGGER.error("%s: %s", consequence, problem.located())
        self.problems.extend(problems)

    def answer(self, question: str, lang: str, now: dt.datetime) -> MobilityAnswer | None:
        said = set(words(question))
        if said & _PARKING.get(lang, _PARKING["en"]) and self.parks:
            return self._parking(said, lang, now)
        if said & _TRANSIT.get(lang, _TRANSIT["en"]) and self.feeds:
            return self._departures(question, lang, now)
        return None

    def _parking(self, said: set[str], lang: str, now: dt.datetime) -> MobilityAnswer:
        home = self._home_position()
        parks = choose(self.parks, home, bool(said & _FREE.get(lang, set())),
                       bool(said & _DISABLED.get(lang, set())))
        stale = dt.timedelta(minutes=self.config.stale_after_min)
        text = parking_answer(parks, self.availability, now, stale, lang)
        return MobilityAnswer(text, [f"parking:{p.id}" for p in parks], (text,))

    def _home_position(self) -> tuple[float, float] | None:
        for feed, names in self.feeds:
            match = names.match(self.config.stop) if self.config.stop else None
            if match:
                stop = feed.stops[match.stop_ids[0]]
                if stop.lat is not None and stop.lon is not None:
                    return stop.lat, stop.lon
        return None

    def _departures(self, question: str, lang: str, now: dt.datetime) -> MobilityAnswer | None:
        text = " ".join(fold(question).replace("'", " ").replace("-", " ").split())
        when = parse_when(question, lang, now) if mentions_moment(question, lang) else None
        at = now if when is None or when.now else dt.datetime.combine(
            when.date, when.time or (now.time() if when.date == now.date() else dt.time(0)),
            now.tzinfo)
        for feed, names in self.feeds:
            origin, destination = self._places(text, lang, names)
            if origin is None:
                continue
            towards = self._towards(feed, text, lang, destination)
            found = next_departures(feed, list(origin.stop_ids), at, 3, towards)
            line = None
            if towards is not None and len(towards.line) == 1:
                line = next(iter(towards.line))
            answer = departures_answer(feed, found, origin.name,
                                       destination.name if destination else None, now, lang,
                                       line)
            sources = sorted({f"gtfs:{d.route_id}" for d in found}) or ["gtfs"]
            return MobilityAnswer(answer, sources, (answer,))
        return None

    def _places(self, text: str, lang: str, names: StopNames
                ) -> tuple[StopMatch | None, StopMatch | None]:
        mentioned = names.find_in(text)
        destination = origin = None
        for match in mentioned:
            before = text[:max(match.start, 0)]
            if re.search(_TO.get(lang, _TO["en"]) + r"(?:la |le |les |l |the )?$", before):
                destination = destination or match
            elif re.search(_FROM.get(lang, _FROM["en"]) + r"(?:la |le |les |l |the )?$",
                           before):
                origin = origin or match
        rest = [m for m in mentioned if m is not destination and m is not origin]
        home = names.match(self.config.stop) if self.config.stop else None
        if origin is None and destination is None and rest:
            if home is not None and set(rest[0].stop_ids) & set(home.stop_ids):
                origin = rest[0]
            else:
                destination = rest[0]
        elif rest and origin is None:
            origin = rest[0]
        elif rest and destination is None:
            destination = rest[0]
        return origin or home, destination

    @staticmethod
    def _towards(feed: Feed, text: str, lang: str, destination: StopMatch | None
                 ) -> Towards | None:
        line = re.search(r"\b(?:ligne|line)\s+(?:n\s*)?(\w+)\b", text) or \
            re.search(r"\bbus\s+(?:n\s*)?(\d+)\b", text)
        routes: frozenset[str] = frozenset()
        if line:
            routes = frozenset(r.id for r in feed.routes.values()
                               if fold(r.short_name) == line.group(1))
        elif re.search(r"\b(?:navette|shuttle)\b", text):
            routes = frozenset(r.id for r in feed.routes.values()
                               if "navette" in fold(r.long_name) or "shuttle" in
                               fold(r.long_name) or fold(r.short_name) == "n")
        if destination is None and not routes:
            return None
        stops = frozenset(destination.stop_ids) if destination else frozenset()
        return Towards(stop_ids=stops, line=routes)
