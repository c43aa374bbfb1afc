"""Realistic GPS walks as GPX files, for the geofence tests: the one thing faked there.

No GPS receiver exists here, so a walk is made up: a visitor follows straight legs
through waypoints at walking pace (1.3 m/s), may stand still at some of them, and the
"phone" reports a fix every second (or every 3 s) with the errors phones really make:
Gaussian noise on each axis, a few single fixes 200 m off with an over-confident accuracy
(multipath in streets), a few fixes kilometres off (a glitch after a tunnel), and a few
fixes with a poor accuracy and an error to match (indoors, under trees). Seeded: the
same arguments give the same walk.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import gpxpy.gpx

from guichet.content.mobility.geo import EARTH_RADIUS

START = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Waypoint:
    """A point of the route."""

    lat: float
    """Latitude, degrees."""
    lon: float
    """Longitude, degrees."""
    dwell: float = 0.0
    """Seconds the visitor stands still here before walking on."""


@dataclass(frozen=True)
class Noise:
    """How wrong the phone is."""

    sigma: float = 8.0
    """Standard deviation of the position error on each axis, metres."""
    outliers: int = 3
    """Single fixes thrown ``outlier_distance`` away, with an ordinary accuracy."""
    outlier_distance: float = 200.0
    """Metres between an outlier and the true position."""
    jumps: int = 1
    """Single fixes 1.5 to 3 km away (what the bad-fix rule is for)."""
    poor: int = 4
    """Fixes with a poor accuracy (90 to 150 m) and an error of that size."""


@dataclass(frozen=True)
class Sample:
    """One fix of the walk, with the truth the test knows and the phone does not."""

    t: float
    """Seconds since the start of the walk."""
    lat: float
    """Reported latitude, degrees."""
    lon: float
    """Reported longitude, degrees."""
    accuracy: float
    """Reported accuracy, metres (68 % radius)."""
    true_lat: float
    """Where the visitor really was, latitude."""
    true_lon: float
    """Where the visitor really was, longitude."""
    kind: str = "fix"
    """"fix", "outlier", "jump" or "poor"."""


def offset(lat: float, lon: float, east: float, north: float) -> tuple[float, float]:
    """The point ``east``/``north`` metres from (lat, lon), on the local tangent plane."""
    dlat = math.degrees(north / EARTH_RADIUS)
    dlon = math.degrees(east / (EARTH_RADIUS * math.cos(math.radians(lat))))
    return lat + dlat, lon + dlon


def toward(a: tuple[float, float], b: tuple[float, float],
           metres: float) -> tuple[float, float]:
    """The point ``metres`` from ``a`` on the way to ``b``."""
    east, north = _metres(a, b)
    length = math.hypot(east, north)
    return offset(a[0], a[1], east / length * metres, north / length * metres)


def walk(waypoints: list[Waypoint], *, seed: int, speed: float = 1.3, interval: float = 1.0,
         noise: Noise | None = None) -> list[Sample]:
    """The fixes a phone would report along the route, one every ``interval`` seconds."""
    noise = noise or Noise()
    rng = random.Random(seed)
    truth = _timeline(waypoints, speed, interval)
    count = len(truth)
    # Special fixes go at distinct, non-adjacent places, away from the first and last fix.
    slots = rng.sample(range(2, count - 2, 3), noise.outliers + noise.jumps + noise.poor)
    kinds = dict.fromkeys(slots[:noise.outliers], "outlier")
    kinds.update(dict.fromkeys(slots[noise.outliers:noise.outliers + noise.jumps], "jump"))
    kinds.update(dict.fromkeys(slots[noise.outliers + noise.jumps:], "poor"))

    samples = []
    for index, (t, lat, lon) in enumerate(truth):
        kind = kinds.get(index, "fix")
        accuracy = round(1.5 * noise.sigma * rng.uniform(0.8, 1.25), 1)
        if kind == "poor":
            accuracy = round(rng.uniform(90.0, 150.0), 1)
            east, north = rng.gauss(0, accuracy / 1.5), rng.gauss(0, accuracy / 1.5)
        elif kind in ("outlier", "jump"):
            away = noise.outlier_distance if kind == "outlier" else rng.uniform(1500, 3000)
            angle = rng.uniform(0, 2 * math.pi)
            east, north = away * math.cos(angle), away * math.sin(angle)
        else:
            east, north = rng.gauss(0, noise.sigma), rng.gauss(0, noise.sigma)
        fix_lat, fix_lon = offset(lat, lon, east, north)
        samples.append(Sample(t, fix_lat, fix_lon, accuracy, lat, lon, kind))
    return samples


def write_gpx(samples: list[Sample], path: Path, *, hdop: bool = True,
              times: bool = True) -> Path:
    """The walk as a GPX track (hdop = accuracy / 5 m, as phones' loggers write it)."""
    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name="test walk")
    segment = gpxpy.gpx.GPXTrackSegment()
    gpx.tracks.append(track)
    track.segments.append(segment)
    for sample in samples:
        segment.points.append(gpxpy.gpx.GPXTrackPoint(
            sample.lat, sample.lon,
            time=START + timedelta(seconds=sample.t) if times else None,
            horizontal_dilution=sample.accuracy / 5 if hdop else None))
    path.write_text(gpx.to_xml(), encoding="utf-8")
    return path


def _metres(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    # East and north metres from a to b on the tangent plane at a: exact enough within a town.
    north = math.radians(b[0] - a[0]) * EARTH_RADIUS
    east = math.radians(b[1] - a[1]) * EARTH_RADIUS * math.cos(math.radians(a[0]))
    return east, north


def _timeline(waypoints: list[Waypoint], speed: float,
              interval: float) -> list[tuple[float, float, float]]:
    """True (t, lat, lon) every ``interval`` seconds along the legs and the stops."""
    # Phases: (start time, end time, from, to), standing still when from == to.
    phases: list[tuple[float, float, Waypoint, Waypoint]] = []
    t = 0.0
    for here, there in pairwise(waypoints):
        if here.dwell:
            phases.append((t, t + here.dwell, here, here))
            t += here.dwell
        duration = math.hypot(*_metres((here.lat, here.lon), (there.lat, there.lon))) / speed
        phases.append((t, t + duration, here, there))
        t += duration
    end = t
    points = []
    phase = 0
    for step in range(int(end / interval) + 1):
        now = step * interval
        while phases[phase][1] < now and phase < len(phases) - 1:
            phase += 1
        start, stop, a, b = phases[phase]
        share = 0.0 if stop == start else min(1.0, (now - start) / (stop - start))
        east, north = _metres((a.lat, a.lon), (b.lat, b.lon))
        lat, lon = offset(a.lat, a.lon, east * share, north * share)
        points.append((now, lat, lon))
    return points
