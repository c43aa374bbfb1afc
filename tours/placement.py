"""Where the stops are: warnings about a tour's geometry that ``tour check`` gives.

Pure: stops in, (line, message) warnings out. Three mistakes it catches before a poster
is printed: a stop whose centre lies in another's zone (where zones meet the closest
centre wins, so it can be masked), a stop far from every other one for the tour's mode
(lat and lon swapped, a degree mistyped), and a radius smaller than a phone's usual
accuracy (fixes vaguer than the radius are ignored for it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from guichet.content.mobility.geo import distance
from guichet.tours.geofence import TRAVEL_DEFAULT, TRAVEL_SPEEDS

ADVISED = (15.0, 300.0)
"""Radii outside this range get a warning (izi.TRAVEL: 65-100 m on foot)."""
GPS_ACCURACY = 20.0
"""Metres: a phone's typical accuracy in a town (15-20 m, more between tall buildings)."""
FAR_LEG = 5400.0
"""Seconds: a stop farther from every other one than an hour and a half at the tour's
top speed (``TRAVEL_SPEEDS``: walk 16 km, cycle 65 km, drive 216 km) is suspect."""
_TOURS = {"walk": "walking", "cycle": "cycling", "drive": "driving"}


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
    """A warning for each pair of stops where one's centre lies in the other's zone.

    Zones that merely overlap are fine: where they meet the closest centre wins
    (geofence rule 4), so while the centres are at least the larger radius apart each
    stop keeps to itself at least the inner half of its radius. Closer than that, the
    smaller zone's centre is inside the larger one, which wins all around it: coming
    from the larger stop, a visitor hears the smaller one only past the midpoint."""
    found = []
    for i, first in enumerate(stops):
        for second in stops[i + 1:]:
            gap = distance(first.lat, first.lon, second.lat, second.lon)
            inner, outer = sorted((first, second), key=lambda s: s.radius)
            if gap >= outer.radius:
                continue
            fix = (f"give '{outer.id}' a radius under {gap:.0f} m" if gap >= 25
                   else "make them one stop")
            found.append((second.line, f"zones of '{first.id}' and '{second.id}' overlap: "
                          f"the centre of '{inner.id}' is inside the zone of '{outer.id}' "
                          f"({gap:.0f} m apart, radius of '{outer.id}' {outer.radius:g} m); "
                          f"the closest centre wins, so coming from '{outer.id}' a visitor "
                          f"hears '{inner.id}' only within {gap / 2:.0f} m of its centre: "
                          f"move them more than {outer.radius:g} m apart or {fix}"))
    return found


def far_stops(stops: Sequence[Placed], travel: str = TRAVEL_DEFAULT) -> list[tuple[int, str]]:
    """A warning for each stop farther from its nearest other stop than ``FAR_LEG``
    seconds at the top speed of the tour's ``travel`` mode."""
    limit = TRAVEL_SPEEDS[travel] * FAR_LEG
    found = []
    for stop in stops:
        others = [s for s in stops if s is not stop]
        if not others:
            continue
        near = min(others, key=lambda s: distance(stop.lat, stop.lon, s.lat, s.lon))
        away = distance(stop.lat, stop.lon, near.lat, near.lon)
        if away <= limit:
            continue
        hint = "a degree mistyped?"
        if -90 <= stop.lon <= 90 and min(distance(stop.lon, stop.lat, s.lat, s.lon)
                                         for s in others) <= limit:
            hint = "lat and lon swapped? (swapped, it is among them)"
        found.append((stop.line, f"stop '{stop.id}' is {away / 1000:,.0f} km from the other "
                      f"stops (the nearest, '{near.id}', is at {near.lat:.4f}, "
                      f"{near.lon:.4f}): {hint}; on a {_TOURS[travel]} tour no stop should "
                      f"be more than {limit / 1000:,.0f} km from the others: check its "
                      "'lat' and 'lon'"))
    return found


def radius_advice(what: str, radius: float, key: str = "radius") -> str | None:
    """One warning for a zone's ``radius`` (or ``exit_radius``) outside 15-300 m or,
    for a radius, under a phone's usual accuracy in town: the reason it matters first."""
    small = (f"a phone's usual GPS accuracy in town ({GPS_ACCURACY:g} m): fixes less "
             "precise than the radius are ignored for it, so it may fire late or never; "
             "make it 25 m or more")
    outside = not ADVISED[0] <= radius <= ADVISED[1]
    if key == "radius" and radius < GPS_ACCURACY:
        return (f"'radius' of {what} is {radius:g} m: outside 15-300 m and smaller than "
                f"{small}" if outside else
                f"the radius of {what} ({radius:g} m) is smaller than {small}")
    if outside:
        return (f"'{key}' of {what} is {radius:g} m: outside 15-300 m; on foot 65-100 m "
                "works best (+15-20 m in dense centres)")
    return None
