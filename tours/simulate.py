"""A tour walked on paper: read a GPX track, feed it to the geofence, say which stop fires when.

For authors who want to know, before printing the poster, that a walk along the intended
route plays every stop in order. The command line lives in the CLI (``guichet tour
simulate``); this module only reads and computes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from guichet.tours.geofence import TRAVEL_DEFAULT, Event, Fix, Geofence, Zone
from guichet.tours.why import Missed, Witness

if TYPE_CHECKING:
    import gpxpy.gpx

_LOGGER = logging.getLogger(__name__)

HDOP_METRES = 5.0
"""Metres of accuracy per unit of HDOP: a rough user-equivalent range error."""
DEFAULT_ACCURACY = 10.0
"""Accuracy in metres of a point without <hdop>: a phone outdoors on a good day."""
NO_TIME_STEP = 1.0
"""Seconds between points when the track has no times at all."""


class GpxError(ValueError):
    """A GPX file that cannot be used as a walk; the message names the file and the fault."""


def read_gpx(path: str | Path) -> list[Fix]:
    """The track points of a GPX file as fixes; t counts seconds from the first point.

    Accuracy is <hdop> x 5 m when present, else 10 m. Without any <time>, points are 1 s
    apart. Raises :class:`GpxError` for a file that cannot be read or used.
    """
    path = Path(path)
    try:  # optional (the "web" extra): only authors simulating walks need it
        import gpxpy
        import gpxpy.gpx
    except ImportError as err:
        raise GpxError(f"{path}: reading GPX needs gpxpy: pip install 'guichet[web]'") from err
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise GpxError(f"{path}: cannot read the file ({err.strerror or err})") from err
    except UnicodeDecodeError as err:
        raise GpxError(f"{path}: not UTF-8 text (byte {err.start}); "
                       f"is this really a GPX file?") from err
    try:
        gpx = gpxpy.parse(text)
    except gpxpy.gpx.GPXXMLSyntaxException as err:
        raise GpxError(f"{path}: not valid XML ({_cause(err)})") from err
    except gpxpy.gpx.GPXException as err:
        raise GpxError(f"{path}: not a valid GPX file ({err})") from err

    points = [point for track in gpx.tracks for segment in track.segments
              for point in segment.points]
    if not points:
        routes = sum(len(route.points) for route in gpx.routes)
        hint = (f"; it has {routes} route points (<rtept>): record or convert it as a track"
                if routes else "")
        raise GpxError(f"{path}: no track points (<trkpt>) to walk{hint}")

    timed = [point.time is not None for point in points]
    if any(timed) and not all(timed):
        number = timed.index(False) + 1 if timed[0] else timed.index(True) + 1
        raise GpxError(f"{path}: track point {number} of {len(points)} has no readable <time> "
                       f"while others do; give every point a time, or none")
    times = (_seconds(points) if all(timed)
             else [i * NO_TIME_STEP for i in range(len(points))])
    for number, (before, after) in enumerate(pairwise(times), start=2):
        if after < before:
            raise GpxError(f"{path}: track point {number}'s <time> is earlier than the "
                           f"previous point's ({after - before:+.0f} s)")

    fixes = []
    for number, (point, t) in enumerate(zip(points, times), start=1):
        if not (-90 <= point.latitude <= 90 and -180 <= point.longitude <= 180):
            raise GpxError(f"{path}: track point {number} has invalid coordinates "
                           f"{point.latitude}, {point.longitude}")
        hdop = point.horizontal_dilution
        accuracy = DEFAULT_ACCURACY if hdop is None else hdop * HDOP_METRES
        fixes.append(Fix(lat=point.latitude, lon=point.longitude, accuracy=accuracy, t=t))
    _LOGGER.debug("%s: %d fixes over %.0f s", path, len(fixes), times[-1])
    return fixes


def simulate(zones: list[Zone], fixes: Iterable[Fix], played: Iterable[str] = (),
             travel: str = TRAVEL_DEFAULT) -> list[Event]:
    """The "enter" events of a walk, in firing order: which stop plays, and when."""
    return walk_through(zones, fixes, played, travel)[0]


def walk_through(zones: list[Zone], fixes: Iterable[Fix], played: Iterable[str] = (),
                 travel: str = TRAVEL_DEFAULT) -> tuple[list[Event], list[Missed]]:
    """The "enter" events of a walk, and why each stop that never fired did not."""
    fence = Geofence(zones, played, travel)
    witness = Witness(zones, played)
    fired = []
    for fix in fixes:
        events = fence.update(fix)
        witness.saw(fix, fence)
        fired += [event for event in events if event.kind == "enter"]
    return fired, witness.missed({event.stop for event in fired})


def _seconds(points: list[gpxpy.gpx.GPXTrackPoint]) -> list[float]:
    # A time without a zone is read as UTC, so one file mixing both still subtracts.
    stamps = [_aware(point.time) for point in points if point.time is not None]
    return [(stamp - stamps[0]).total_seconds() for stamp in stamps]


def _aware(stamp: datetime) -> datetime:
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)


def _cause(err: Exception) -> str:
    # gpxpy wraps the XML parser's error; its message carries the line and column.
    return str(err.__cause__ or err).removeprefix("Error parsing XML: ")
