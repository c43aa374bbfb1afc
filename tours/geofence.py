"""The audio trail's geofence: which stop to play, from a stream of GPS fixes.

Pure decision logic: no I/O, no clock (time comes with each fix). The phone runs the same
rules in ``tours/web/geofence.js``; both implementations must pass the shared vectors in
``tours/vectors/geofence.json``, so a change here is a change there, and in the vectors.

The rules, in the order they apply to each fix:

1. **Accuracy.** A fix whose accuracy (GPS 68 % radius) is larger than a zone's radius
   counts as neither inside nor outside *that* zone: that zone's streaks are left as they
   were (the fix is ignored for it, it does not break a streak either).
2. **Plausibility.** Every fix is compared with the last *accepted* fix: it is rejected
   when the distance between them is more than the tour's travel mode can cover in the
   time between them (``TRAVEL_SPEEDS``: walk 3 m/s, cycle 12 m/s, drive 40 m/s) plus
   what their accuracies explain, ``ACCURACY_SLACK`` x sqrt(acc1² + acc2²) (both
   positions may be off; 2 x the 68 % radius is about 99 %). A rejected fix counts for no
   zone and does not become the reference; a time that goes back counts as no time. The
   rejected fixes form a *track* while each is plausible from the previous rejected one
   (else the track restarts with it); once a track has 3 fixes spanning at least
   ``RECOVER_AFTER`` seconds, its last fix is accepted (the phone really moved: a bus, a
   tunnel) and the streaks go on from there. The first fix ever is accepted. An accepted
   fix becomes the reference, unless it is vaguer than the reference grown since
   (accuracy > reference accuracy + speed x time): a 120-m fix in a tunnel's mouth must
   not make the next outlier believable. Why: two fixes 296 m off in a row (an urban
   canyon), inside a stop while the walker was 250 m outside, used to fire it when only
   jumps over 1 km were checked.
3. **Enter and exit, with hysteresis.** A zone's entry condition holds after 2 consecutive
   accepted fixes at distance <= its radius. The current zone is left after 2 consecutive
   accepted fixes whose distance *minus their accuracy* is > its exit radius (default:
   radius + max(10 % of radius, 20 m)): the whole accuracy circle must be out, not just
   its centre. Any other fix breaks the exit streak, as any fix beyond the radius breaks
   the entry streak; neither changes anything else. Why the accuracy: on 1000 five-minute
   stands at a zone's edge, 15 m noise, flapping went from 97 % of stands to 0.9 %.
4. **One current zone.** The candidates are the zones whose entry condition holds, plus
   the current zone for as long as it is current (it need not be re-entered to stay);
   the candidate whose centre is closest to the latest fix wins (a tie goes to the zone
   listed first). When the winner is not the current zone, the current zone's "exit" is
   emitted first, then the winner becomes current. An exit (rule 3) is applied before
   the candidates are compared, so "exit A" and "enter B" can come from the same fix.
5. **Playback.** Becoming current emits "enter" (play the stop) only if the stop has not
   been played yet (or its mode is "resume") and every stop in its ``requires`` has been
   played. Otherwise the zone is still current, silently: its requirement met later, it
   fires on the next entry. "Played" means an "enter" was emitted at least once, or the
   stop was restored as played (``played``), or was played by hand with the page's "Play"
   or "Skip" (:meth:`Geofence.mark_played`, which emits nothing). Leaving the current
   zone always emits "exit", even if its entry was silent: the events are the full
   history of :attr:`Geofence.inside`.
6. **Distances** are haversine on a sphere of radius 6,371,008.8 m
   (:func:`guichet.content.mobility.geo.distance`, which every part of Guichet uses),
   written the same way (same operations, same order) in both languages so both compute
   the same doubles.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from guichet.content.mobility.geo import distance

_LOGGER = logging.getLogger(__name__)

TRAVEL_SPEEDS = {"walk": 3.0, "cycle": 12.0, "drive": 40.0}
"""Metres per second a fix may imply from the last accepted one, per travel mode (rule 2)."""
TRAVEL_DEFAULT = "walk"
"""The travel mode of a tour that declares none."""
ACCURACY_SLACK = 2.0
"""Multiples of the two fixes' combined accuracy a move may exceed its speed by (rule 2)."""
AGREEING_TO_ACCEPT = 3
"""Rejected fixes, each plausible from the one before, needed to accept a move (rule 2)."""
RECOVER_AFTER = 10.0
"""Seconds such a track of rejected fixes must span before it is accepted (rule 2)."""
STREAK = 2
"""Consecutive accepted fixes needed to enter or to leave a zone (rule 3)."""
MODES = ("once", "resume")
"""Playback modes: "once" never replays, "resume" may play again on a new entry."""


@dataclass(frozen=True)
class Zone:
    """A stop's circle on the ground."""

    id: str
    """The stop's id, unique in the tour."""
    lat: float
    """Latitude of the centre, degrees (WGS 84)."""
    lon: float
    """Longitude of the centre, degrees (WGS 84)."""
    radius: float
    """Entry radius, metres."""
    exit_radius: float | None = None
    """Exit radius, metres; None means radius + max(10 % of radius, 20 m)."""
    requires: tuple[str, ...] = ()
    """Stops that must have played before this one may play."""
    mode: str = "once"
    """"once" (never replays) or "resume" (may play again on a new entry)."""

    def __post_init__(self) -> None:
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"zone {self.id!r}: invalid coordinates {self.lat}, {self.lon}")
        if not self.radius > 0:
            raise ValueError(f"zone {self.id!r}: radius must be > 0 m, not {self.radius}")
        if self.exit_radius is not None and not self.exit_radius >= self.radius:
            raise ValueError(f"zone {self.id!r}: exit_radius {self.exit_radius} m is "
                             f"smaller than the radius {self.radius} m")
        if self.mode not in MODES:
            raise ValueError(f"zone {self.id!r}: mode must be one of {MODES}, "
                             f"not {self.mode!r}")

    @property
    def leave_radius(self) -> float:
        """The exit radius in effect, metres (rule 3)."""
        if self.exit_radius is not None:
            return self.exit_radius
        return self.radius + max(0.1 * self.radius, 20.0)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Zone:
        """A zone from the JSON shape shared with the page (the vectors' ``zones``)."""
        exit_radius = data.get("exit_radius")
        return cls(id=str(data["id"]), lat=float(data["lat"]), lon=float(data["lon"]),
                   radius=float(data["radius"]),
                   exit_radius=None if exit_radius is None else float(exit_radius),
                   requires=tuple(data.get("requires") or ()),
                   mode=str(data.get("mode") or "once"))


@dataclass(frozen=True)
class Fix:
    """One position from the GPS."""

    lat: float
    """Latitude, degrees (WGS 84)."""
    lon: float
    """Longitude, degrees (WGS 84)."""
    accuracy: float
    """Metres: the radius of 68 % confidence the phone reports."""
    t: float
    """Seconds, from any epoch (only differences matter)."""


@dataclass(frozen=True)
class Event:
    """What the page must do."""

    kind: str
    """"enter" (play the stop) or "exit" (the visitor left the stop's zone)."""
    stop: str
    """The stop's id."""
    t: float
    """Time of the fix that caused it, seconds (same epoch as the fixes)."""


def plausible(before: Fix, after: Fix, speed: float) -> bool:
    """Rule 2: can ``after`` follow ``before`` at ``speed`` m/s, given both accuracies?"""
    d = distance(before.lat, before.lon, after.lat, after.lon)
    slack = ACCURACY_SLACK * math.sqrt(before.accuracy * before.accuracy
                                       + after.accuracy * after.accuracy)
    return d <= speed * max(0.0, after.t - before.t) + slack


class Geofence:
    """Feeds fixes one by one, says when a stop must play; see the module's rules."""

    def __init__(self, zones: list[Zone], played: Iterable[str] = (),
                 travel: str = TRAVEL_DEFAULT) -> None:
        if travel not in TRAVEL_SPEEDS:
            raise ValueError(f"travel mode must be one of {tuple(TRAVEL_SPEEDS)}, "
                             f"not {travel!r}")
        self._speed = TRAVEL_SPEEDS[travel]
        ids = [zone.id for zone in zones]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate zone ids: {sorted({i for i in ids if ids.count(i) > 1})}")
        for zone in zones:
            unknown = [r for r in zone.requires if r not in ids]
            if unknown:
                raise ValueError(f"zone {zone.id!r} requires unknown stops {unknown}")
        self._zones = list(zones)
        self._played: set[str] = set(played)
        self._inside: str | None = None
        self._in_streak = dict.fromkeys(ids, 0)
        self._out_streak = 0  # only the current zone can be left
        self._reference: Fix | None = None
        self._rejected: list[Fix] = []
        self.accepted = False
        """Whether the last fix fed passed rule 2 (for ``simulate``'s explanations)."""

    @property
    def inside(self) -> str | None:
        """The current zone's stop id, or None."""
        return self._inside

    @property
    def played(self) -> frozenset[str]:
        """Stops whose "enter" was emitted, or restored or marked as played."""
        return frozenset(self._played)

    def mark_played(self, stop_id: str) -> None:
        """Count a stop played by hand (the page's "Play"/"Skip") as played; no event.

        It then never fires again unless its mode is "resume", and it meets the
        ``requires`` of others. The current zone, the streaks and the events are untouched
        (a zone current silently fires on its next entry). Raises ValueError for an id
        that is not a zone.
        """
        if stop_id not in self._in_streak:
            raise ValueError(f"mark_played: unknown stop {stop_id!r}")
        self._played.add(stop_id)
        _LOGGER.debug("geofence: %s marked played", stop_id)

    def update(self, fix: Fix) -> list[Event]:
        """Feed one fix; the events it causes, in order (usually none)."""
        self.accepted = self._accept(fix)
        if not self.accepted:
            return []
        distances = [distance(z.lat, z.lon, fix.lat, fix.lon) for z in self._zones]
        for zone, d in zip(self._zones, distances):
            if fix.accuracy > zone.radius:
                continue  # rule 1: too vague to say anything about this zone
            self._in_streak[zone.id] = self._in_streak[zone.id] + 1 if d <= zone.radius else 0
            if zone.id == self._inside:  # rule 3: all of the accuracy circle beyond
                outside = d - fix.accuracy > zone.leave_radius
                self._out_streak = self._out_streak + 1 if outside else 0

        events: list[Event] = []
        if self._inside is not None and self._out_streak >= STREAK:
            events.append(Event("exit", self._inside, fix.t))
            self._inside = None

        winner: Zone | None = None
        best = math.inf
        for zone, d in zip(self._zones, distances):
            candidate = zone.id == self._inside or self._in_streak[zone.id] >= STREAK
            if candidate and d < best:
                winner, best = zone, d
        if winner is not None and winner.id != self._inside:
            if self._inside is not None:
                events.append(Event("exit", self._inside, fix.t))
            self._enter(winner, fix.t, events)
        for event in events:
            _LOGGER.debug("geofence: %s %s at t=%s", event.kind, event.stop, event.t)
        return events

    def _enter(self, zone: Zone, t: float, events: list[Event]) -> None:
        self._inside = zone.id
        self._out_streak = 0
        if zone.id in self._played and zone.mode != "resume":
            return
        if any(r not in self._played for r in zone.requires):
            _LOGGER.debug("geofence: %s entered before %s played", zone.id, zone.requires)
            return
        self._played.add(zone.id)
        events.append(Event("enter", zone.id, t))

    def _accept(self, fix: Fix) -> bool:
        """Rule 2: is this fix believable, given the last accepted one?"""
        ref = self._reference
        if ref is not None and not plausible(ref, fix, self._speed):
            track = self._rejected
            if track and plausible(track[-1], fix, self._speed):
                track.append(fix)
            else:
                self._rejected = track = [fix]
            if len(track) < AGREEING_TO_ACCEPT or track[-1].t - track[0].t < RECOVER_AFTER:
                _LOGGER.debug("geofence: fix at t=%s rejected (implausible move)", fix.t)
                return False
            _LOGGER.debug("geofence: %d rejected fixes over %.0f s agree: accepted",
                          len(track), track[-1].t - track[0].t)
        elif ref is not None and fix.accuracy > ref.accuracy + self._speed * max(
                0.0, fix.t - ref.t):
            self._rejected = []
            return True  # vaguer than the reference grown since: it stays the reference
        self._reference = fix
        self._rejected = []
        return True
