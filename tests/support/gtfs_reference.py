"""An independent, brute-force reference for next departures (test code only).

Written separately from ``content.mobility.gtfs``/``content.mobility.departures`` and
deliberately naive: it reads the CSV files itself and walks every trip of every nearby
service day. Rules, from the GTFS reference: a service runs on a date per calendar.txt
unless calendar_dates.txt adds (1) or removes (2) it; times count from noon minus 12 h of
the service day; frequency trips start at start_time + k * headway for every value below
end_time, their stop_times giving offsets from the first stop; nobody boards at a trip's
last stop or where pickup_type is 1. """

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo


def _read(source: Path, name: str) -> list[dict[str, str]]:
    if source.is_dir():
        path = source / name
        text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    else:
        with zipfile.ZipFile(source) as archive:
            names = {Path(n).name: n for n in archive.namelist()}
            text = archive.read(names[name]).decode("utf-8-sig") if name in names else ""
    return [{k.strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text))]


def _secs(text: str) -> int:
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def _day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y%m%d").date()


class Reference:
    def __init__(self, source: Path) -> None:
        self.zone = ZoneInfo(_read(source, "agency.txt")[0]["agency_timezone"])
        self.calendar = {r["service_id"]: r for r in _read(source, "calendar.txt")}
        self.dates: dict[tuple[str, dt.date], str] = {
            (r["service_id"], _day(r["date"])): r["exception_type"]
            for r in _read(source, "calendar_dates.txt")}
        self.trips = {r["trip_id"]: r for r in _read(source, "trips.txt")}
        self.calls: dict[str, list[dict[str, str]]] = {}
        for row in _read(source, "stop_times.txt"):
            self.calls.setdefault(row["trip_id"], []).append(row)
        for calls in self.calls.values():
            calls.sort(key=lambda r: int(r["stop_sequence"]))
        self.freqs: dict[str, list[dict[str, str]]] = {}
        for row in _read(source, "frequencies.txt"):
            self.freqs.setdefault(row["trip_id"], []).append(row)
        self.stops = {r["stop_id"]: r for r in _read(source, "stops.txt")}

    def runs(self, service: str, date: dt.date) -> bool:
        flag = self.dates.get((service, date))
        if flag == "1":
            return True
        if flag == "2":
            return False
        row = self.calendar.get(service)
        if row is None:
            return False
        day = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
               "sunday"][date.weekday()]
        return _day(row["start_date"]) <= date <= _day(row["end_date"]) and row[day] == "1"

    def platforms(self, stop_id: str) -> set[str]:
        kids = {s for s, r in self.stops.items() if r.get("parent_station") == stop_id}
        return kids or {stop_id}

    def next(self, stops: set[str], at: dt.datetime, count: int) -> list[tuple[str, float]]:
        limit = at.timestamp()
        local_day = at.astimezone(self.zone).date()
        found = []
        for delta in range(-3, 8):
            date = local_day + dt.timedelta(days=delta)
            base = dt.datetime(date.year, date.month, date.day, 12, tzinfo=self.zone
                               ).timestamp() - 12 * 3600
            for trip_id, calls in self.calls.items():
                if not self.runs(self.trips[trip_id]["service_id"], date):
                    continue
                timed = [c for c in calls if c.get("departure_time") or c.get("arrival_time")]
                first = _secs(timed[0].get("departure_time") or timed[0]["arrival_time"])
                if trip_id in self.freqs:
                    starts = []
                    for f in self.freqs[trip_id]:
                        t = _secs(f["start_time"])
                        while t < _secs(f["end_time"]):
                            starts.append(t)
                            t += int(f["headway_secs"])
                else:
                    starts = [first]
                for index, call in enumerate(calls):
                    if index == len(calls) - 1 or call["stop_id"] not in stops:
                        continue
                    if call.get("pickup_type") == "1":
                        continue
                    text = call.get("departure_time") or call.get("arrival_time")
                    if not text:
                        continue
                    for start in starts:
                        when = base + _secs(text) - first + start
                        if when >= limit:
                            found.append((when, trip_id))
        found.sort()
        return [(trip, when) for when, trip in found[:count]]
