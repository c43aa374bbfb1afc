"""Where the stops are: warnings about a tour's geometry that ``tour check`` gives.

Pure: stops in, (line, message) warnings out. Two mistakes it catches before a poster is
printed: zones that overlap (where they meet, the closest centre wins), and a stop far
from all the others (lat and lon swapped, a degree mistyped), which no walk ever reaches.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Protocol

from guichet.content.mobility.geo import distance

FAR_FROM_OTHERS = 20_000.0
"""Metres from the median position of the other stops beyond which a stop is suspect."""
GPS_ACCURACY = 20.0
"""Metres: a phone's typical accuracy in a town (15-20 m, more between tall buildings)."""


class Placed(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def radius(self) -> float: ...
    @property
    def line(self) -> int: ...


def overlaps(stops: Sequence[Placed]) -> list[tuple[int, str]]:
    """A warning for each pair of stops whose zones overlap."""
    found = []
    for i, first in enumerate(stops):
        for second in stops[i + 1:]:
            gap = distance(first.lat, first.lon, second.lat, second.lon)
            if gap < first.radius + second.radius:
                found.append((second.line, f"zones of '{first.id}' and '{second.id}' overlap "
                              f"({gap:.0f} m apart, radii {first.radius:g} + "
                              f"{second.radius:g} m): the closest centre wins where they meet"))
    return found


def far_stops(stops: Sequence[Placed]) -> list[tuple[int, str]]:
    """A warning for each stop more than 20 km from the median position of the others."""
    found = []
    for stop in stops:
        others = [s for s in stops if s is not stop]
        if not others:
            continue
        lat = statistics.median(s.lat for s in others)
        lon = statistics.median(s.lon for s in others)
        away = distance(stop.lat, stop.lon, lat, lon)
        if away <= FAR_FROM_OTHERS:
            continue
        hint = "a degree mistyped?"
        if -90 <= stop.lon <= 90 and distance(stop.lon, stop.lat, lat, lon) <= FAR_FROM_OTHERS:
            hint = "lat and lon swapped? (swapped, it is among them)"
        found.append((stop.line, f"stop '{stop.id}' is {away / 1000:,.0f} km from the other "
                      f"stops (their median position {lat:.4f}, {lon:.4f}): {hint}; no walk "
                      "would reach it"))
    return found


def small_radius(stop_id: str, radius: float) -> str | None:
    """A warning for a radius smaller than a phone's usual accuracy in town, or None."""
    if radius >= GPS_ACCURACY:
        return None
    return (f"the radius of stop '{stop_id}' ({radius:g} m) is smaller than a phone's usual "
            f"GPS accuracy in town ({GPS_ACCURACY:g} m): fixes less precise than the radius "
            "are ignored for it, so it may fire late or never; make it 25 m or more")
