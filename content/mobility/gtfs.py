"""Loading a GTFS static feed (zip or folder): checked row by row, never all-or-nothing.

A broken row is reported with its file and line and skipped (and counted); a missing
required file, or a file that cannot be read past a line, is an error. A feed is input
from outside: its files are streamed, never read whole, and refused before reading when
they would expand beyond :data:`MAX_FEED_BYTES` or expand like a zip bomb
(:data:`MAX_RATIO`). Frequency-based trips are expanded into departures at load
time, and every stop's departures are sorted once, so that a query is a binary search.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guichet.content.mobility.csvrows import CsvBroken, dict_rows
from guichet.content.pack.yamlsrc import Problem

_LOGGER = logging.getLogger(__name__)

REQUIRED = ("agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
READ = (*REQUIRED, "calendar.txt", "calendar_dates.txt", "frequencies.txt")
"""The files of a feed that are read; the others are never opened."""
MAX_FEED_BYTES = 64 * 1024 * 1024
"""Largest the files read may be together, expanded: some 1.4 million stop times, which
take 600 MB once loaded. A town needs the lines that serve it, not a region's."""
MAX_RATIO = 100
"""Largest expansion of a zip member over 1 MB: CSV deflates 5 to 20 times."""
MAX_PROBLEMS = 100
"""Broken rows kept for the report; the others are only counted."""
_MB = 1024 * 1024


class GtfsError(Exception):
    """The feed cannot be used at all (not a zip, a required file missing...)."""


@dataclass(frozen=True)
class Stop:
    id: str
    name: str
    lat: float | None
    lon: float | None
    parent: str | None
    """The station this stop belongs to (``parent_station``)."""
    location_type: int


@dataclass(frozen=True)
class Route:
    id: str
    short_name: str
    long_name: str


@dataclass(frozen=True)
class Trip:
    id: str
    route_id: str
    service_id: str
    headsign: str


@dataclass
class Feed:
    """A loaded feed, ready for departure queries."""

    timezone: ZoneInfo
    """The agency's time zone: every time of the feed is local to it."""
    stops: dict[str, Stop]
    routes: dict[str, Route]
    trips: dict[str, Trip]
    trip_stops: dict[str, list[tuple[int, str]]]
    """Trip -> (stop_sequence, stop_id) in order (for "towards")."""
    departures: dict[str, list[tuple[int, str, int]]]
    """Stop -> sorted (seconds after the service day's origin, trip_id, stop_sequence)."""
    weekly: dict[str, tuple[tuple[bool, ...], dt.date, dt.date]]
    """Service -> (Monday..Sunday flags, start date, end date) from calendar.txt."""
    exceptions: dict[str, dict[dt.date, int]]
    """Service -> date -> 1 (added) or 2 (removed), from calendar_dates.txt."""
    problems: list[Problem] = field(default_factory=list)
    """Rows skipped or files doubtful, with file and line (the first :data:`MAX_PROBLEMS`)."""
    skipped: int = 0
    """How many rows were skipped."""
    max_seconds: int = 0
    """Latest departure time in the feed (may exceed 24 h)."""

    def runs(self, service_id: str, date: dt.date) -> bool:
        """True when ``service_id`` runs on the service day ``date``."""
        exception = self.exceptions.get(service_id, {}).get(date)
        if exception is not None:
            return exception == 1
        weekly = self.weekly.get(service_id)
        return bool(weekly and weekly[1] <= date <= weekly[2] and weekly[0][date.weekday()])

    def children(self, stop_id: str) -> list[str]:
        """The stop itself, or the platforms of a station."""
        kids = [s.id for s in self.stops.values() if s.parent == stop_id]
        return kids or [stop_id]


class _Files:
    """Reads the feed's CSV files from a zip or a folder, sizes checked before reading."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.zip: zipfile.ZipFile | None = None
        self.infos: dict[str, zipfile.ZipInfo] = {}
        if source.is_dir():
            self.names = {p.name for p in source.iterdir()}
        else:
            if not source.exists():
                raise GtfsError(f"{source}: no such file")
            try:
                self.zip = zipfile.ZipFile(source)
            except (zipfile.BadZipFile, OSError):
                raise GtfsError(f"{source}: not a zip file: a GTFS feed is a .zip of .txt "
                                "files (or a folder of them)") from None
            # Some producers zip a folder: accept files one level down.
            self.infos = {Path(i.filename).name: i for i in self.zip.infolist()
                          if not i.is_dir()}
            self.names = set(self.infos)
        missing = [name for name in REQUIRED if name not in self.names]
        if "calendar.txt" not in self.names and "calendar_dates.txt" not in self.names:
            missing.append("calendar.txt or calendar_dates.txt")
        if missing:
            raise GtfsError(f"{source}: required file(s) missing: {', '.join(missing)}")
        self._check_sizes()

    def _check_sizes(self) -> None:
        total = 0
        for name in READ:
            if name not in self.names:
                continue
            if self.zip is not None:
                info = self.infos[name]
                size, packed = info.file_size, info.compress_size
                if size > _MB and size > MAX_RATIO * max(packed, 1):
                    raise GtfsError(
                        f"{self.source}:{name}: would expand {size // max(packed, 1):,} times "
                        f"its compressed size ({size / _MB:,.0f} MB from {packed // 1024:,} "
                        f"KB), more than {MAX_RATIO} times: not a plain GTFS file")
            else:
                size = (self.source / name).stat().st_size
            if size > MAX_FEED_BYTES:
                raise GtfsError(
                    f"{self.source}:{name}: {size / _MB:,.1f} MB of text, more than the "
                    f"{MAX_FEED_BYTES // _MB} MB a feed may hold: keep only the lines that "
                    "serve the town")
            total += size
        if total > MAX_FEED_BYTES:
            raise GtfsError(
                f"{self.source}: its files hold {total / _MB:,.1f} MB of text together, more "
                f"than {MAX_FEED_BYTES // _MB} MB: keep only the lines that serve the town")

    def rows(self, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, row) pairs; nothing when the optional file is absent."""
        if name not in self.names:
            return
        where = f"{self.source}:{name}"
        try:
            with (self.zip.open(self.infos[name]) if self.zip is not None
                  else (self.source / name).open("rb")) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace",
                                        newline="")
                yield from dict_rows(text, where)
        except CsvBroken as err:
            problem = err.problem
            raise GtfsError(f"{problem.file}:{problem.line}: {problem.message}") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
            raise GtfsError(f"{where}: damaged, cannot be read ({err})") from None
        except (RuntimeError, NotImplementedError) as err:  # encrypted, unknown compression
            raise GtfsError(f"{where}: cannot be read ({err}); zip the feed again without "
                            "a password, with the usual compression") from None


def parse_time(value: str) -> int:
    """'25:10:00' -> seconds after the service day's origin (may exceed 24 h)."""
    hours, minutes, seconds = (int(x) for x in value.split(":"))
    if minutes > 59 or seconds > 59 or hours < 0:
        raise ValueError(value)
    return hours * 3600 + minutes * 60 + seconds


def _date(value: str) -> dt.date:
    return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))


class _Loader:
    def __init__(self, source: Path) -> None:
        self.files = _Files(source)
        self.problems: list[Problem] = []
        self.skipped = 0

    def bad(self, name: str, line: int, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(f"{self.files.source}:{name}", line, message,
                                         "warning"))
        self.skipped += 1

    def timezone(self) -> ZoneInfo:
        for line, row in self.files.rows("agency.txt"):
            try:
                return ZoneInfo(row["agency_timezone"])
            except (KeyError, ZoneInfoNotFoundError, ValueError):
                raise GtfsError(f"{self.files.source}:agency.txt:{line}: missing or unknown "
                                f"agency_timezone {row.get('agency_timezone')!r}") from None
        raise GtfsError(f"{self.files.source}:agency.txt: no agency")

    def stops(self) -> dict[str, Stop]:
        stops = {}
        for line, row in self.files.rows("stops.txt"):
            try:
                lat = float(row["stop_lat"]) if row.get("stop_lat") else None
                lon = float(row["stop_lon"]) if row.get("stop_lon") else None
                stops[row["stop_id"]] = Stop(row["stop_id"], row.get("stop_name", ""), lat, lon,
                                             row.get("parent_station") or None,
                                             int(row.get("location_type") or 0))
            except (KeyError, ValueError) as err:
                self.bad("stops.txt", line, f"unreadable stop ({err})")
        return stops

    def routes(self) -> dict[str, Route]:
        routes = {}
        for line, row in self.files.rows("routes.txt"):
            if not row.get("route_id"):
                self.bad("routes.txt", line, "route without route_id")
                continue
            routes[row["route_id"]] = Route(row["route_id"], row.get("route_short_name", ""),
                                            row.get("route_long_name", ""))
        return routes

    def trips(self, routes: dict[str, Route]) -> dict[str, Trip]:
        trips = {}
        for line, row in self.files.rows("trips.txt"):
            if not row.get("trip_id") or not row.get("service_id"):
                self.bad("trips.txt", line, "trip without trip_id or service_id")
            elif row.get("route_id") not in routes:
                self.bad("trips.txt", line, f"unknown route_id {row.get('route_id')!r}")
            else:
                trips[row["trip_id"]] = Trip(row["trip_id"], row["route_id"], row["service_id"],
                                             row.get("trip_headsign", ""))
        return trips

    def calendars(self) -> tuple[dict, dict]:
        weekly = {}
        days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        for line, row in self.files.rows("calendar.txt"):
            try:
                flags = tuple(row[d] == "1" for d in days)
                weekly[row["service_id"]] = (flags, _date(row["start_date"]),
                                             _date(row["end_date"]))
            except (KeyError, ValueError, IndexError) as err:
                self.bad("calendar.txt", line, f"unreadable service ({err})")
        exceptions: dict[str, dict[dt.date, int]] = defaultdict(dict)
        for line, row in self.files.rows("calendar_dates.txt"):
            try:
                kind = int(row["exception_type"])
                if kind not in (1, 2):
                    raise ValueError(f"exception_type {kind}")
                exceptions[row["service_id"]][_date(row["date"])] = kind
            except (KeyError, ValueError, IndexError) as err:
                self.bad("calendar_dates.txt", line, f"unreadable exception ({err})")
        return weekly, dict(exceptions)

    def stop_times(self, trips: dict[str, Trip], stops: dict[str, Stop]) -> dict[str, list]:
        by_trip: dict[str, list[tuple[int, str, int | None, bool]]] = defaultdict(list)
        for line, row in self.files.rows("stop_times.txt"):
            trip_id, stop_id = row.get("trip_id", ""), row.get("stop_id", "")
            if trip_id not in trips:
                self.bad("stop_times.txt", line, f"unknown trip_id {trip_id!r}")
                continue
            if stop_id not in stops:
                self.bad("stop_times.txt", line, f"unknown stop_id {stop_id!r}")
                continue
            try:
                seq = int(row["stop_sequence"])
                when = row.get("departure_time") or row.get("arrival_time")
                seconds = parse_time(when) if when else None
            except (KeyError, ValueError) as err:
                self.bad("stop_times.txt", line, f"unreadable time or sequence ({err})")
                continue
            boards = row.get("pickup_type", "") != "1"
            by_trip[trip_id].append((seq, stop_id, seconds, boards))
        return by_trip

    def frequencies(self, trips: dict[str, Trip]) -> dict[str, list[tuple[int, int, int]]]:
        result: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for line, row in self.files.rows("frequencies.txt"):
            try:
                start, end = parse_time(row["start_time"]), parse_time(row["end_time"])
                headway = int(row["headway_secs"])
                if row["trip_id"] not in trips or headway <= 0:
                    raise ValueError("unknown trip or headway not positive")
                result[row["trip_id"]].append((start, end, headway))
            except (KeyError, ValueError) as err:
                self.bad("frequencies.txt", line, f"unreadable frequency ({err})")
        return result


def load_feed(source: Path) -> Feed:
    """Load ``source`` (zip or folder); raise :class:`GtfsError` when it is unusable."""
    loader = _Loader(source)
    timezone = loader.timezone()
    stops = loader.stops()
    routes = loader.routes()
    trips = loader.trips(routes)
    weekly, exceptions = loader.calendars()
    by_trip = loader.stop_times(trips, stops)
    frequencies = loader.frequencies(trips)
    trip_stops: dict[str, list[tuple[int, str]]] = {}
    departures: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    latest = 0
    for trip_id, calls in by_trip.items():
        calls.sort()
        trip_stops[trip_id] = [(seq, stop) for seq, stop, _, _ in calls]
        timed = [c for c in calls if c[2] is not None]
        if not timed:
            continue
        first = timed[0][2] or 0
        # A frequency-based trip's own times are only offsets from its first departure.
        starts = [first] if trip_id not in frequencies else [
            t for start, end, headway in frequencies[trip_id] for t in range(start, end, headway)]
        last_seq = calls[-1][0]
        for seq, stop, seconds, boards in timed:
            if seq == last_seq or not boards or seconds is None:
                continue  # nobody departs from a trip's terminus, or where it does not pick up
            for start in starts:
                when = seconds - first + start
                departures[stop].append((when, trip_id, seq))
                latest = max(latest, when)
    for stop_departures in departures.values():
        stop_departures.sort()
    if loader.skipped:
        _LOGGER.warning("%s: %d broken row(s) skipped (first: %s)", source, loader.skipped,
                        loader.problems[0])
    return Feed(timezone, stops, routes, trips, trip_stops, dict(departures), weekly,
                exceptions, loader.problems, loader.skipped, latest)
