"""Next departures against an independent brute-force reference, and bad feeds."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path

import pytest

from guichet.content.mobility.departures import next_departures
from guichet.content.mobility.gtfs import GtfsError, load_feed
from tests.support.gtfs_reference import Reference
from tests.support.paths import DATA, DEMO_TRANSPORT

GOOGLE = DATA / "google_sample_gtfs.zip"
DEMO = DEMO_TRANSPORT / "gtfs"


def random_moments(rng: random.Random, days: list[dt.date], zone: dt.tzinfo,
                   count: int) -> list[dt.datetime]:
    moments = []
    for index in range(count):
        day = rng.choice(days)
        # A third of the questions between midnight and 4 am: yesterday's late trips.
        hour = rng.randrange(0, 4) if index % 3 == 0 else rng.randrange(0, 24)
        moments.append(dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), zone))
    return moments


def compare(source: Path, days: list[dt.date], queries: int, seed: int) -> int:
    feed = load_feed(source)
    reference = Reference(source)
    rng = random.Random(seed)
    stops = sorted(s for s, stop in feed.stops.items() if stop.location_type in (0, 1))
    checked = 0
    for at in random_moments(rng, days, feed.timezone, queries):
        stop = rng.choice(stops)
        count = rng.randrange(1, 6)
        got = [(d.trip_id, d.when.timestamp()) for d in
               next_departures(feed, feed.children(stop), at, count)]
        expected = reference.next(reference.platforms(stop), at, count)
        assert got == expected, (stop, at.isoformat(), count)
        checked += 1
    return checked


def test_google_sample_feed_matches_the_reference() -> None:
    # 2007-06-04 is removed by calendar_dates.txt; the rest spans weekdays and weekends.
    days = [dt.date(2007, 6, 4), dt.date(2007, 6, 5), dt.date(2008, 1, 5),
            dt.date(2008, 1, 6), dt.date(2008, 1, 7), dt.date(2010, 12, 31),
            dt.date(2011, 1, 1)]
    assert compare(GOOGLE, days, 1000, seed=1) == 1000


def test_demo_feed_matches_the_reference() -> None:
    days = [dt.date(2026, 7, 14), dt.date(2026, 7, 15), dt.date(2026, 9, 19),
            dt.date(2026, 9, 20), dt.date(2026, 11, 25), dt.date(2026, 11, 27),
            dt.date(2026, 11, 28), dt.date(2026, 11, 29), dt.date(2026, 12, 25),
            dt.date(2026, 12, 26), dt.date(2026, 3, 29), dt.date(2026, 10, 25),
            dt.date(2027, 8, 15)]
    assert compare(DEMO, days, 1200, seed=2) == 1200


def test_a_question_after_midnight_sees_yesterdays_late_trips() -> None:
    feed = load_feed(DEMO)
    reference = Reference(DEMO)
    late = [t for t, calls in reference.calls.items()
            if int(calls[0]["departure_time"].split(":")[0]) >= 24]
    assert late, "the demo feed needs a trip after midnight"
    trip = late[0]
    first = reference.calls[trip][0]
    seconds = sum(int(x) * f for x, f in zip(first["departure_time"].split(":"),
                                             (3600, 60, 1), strict=True))
    service = reference.trips[trip]["service_id"]
    day = next(dt.date(2026, 11, 1) + dt.timedelta(days=i) for i in range(60)
               if reference.runs(service, dt.date(2026, 11, 1) + dt.timedelta(days=i)))
    leaves = dt.datetime.combine(day, dt.time(12), feed.timezone) + \
        dt.timedelta(seconds=seconds - 12 * 3600)
    asked = leaves - dt.timedelta(minutes=15)
    assert asked.date() == day + dt.timedelta(days=1) and asked.hour == 0
    found = next_departures(feed, [first["stop_id"]], asked, 5)
    assert (trip, leaves) in [(d.trip_id, d.when) for d in found]
    assert next(d for d in found if d.trip_id == trip).service_date == day


def test_broken_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    feed_dir = tmp_path / "feed"
    feed_dir.mkdir()
    with zipfile.ZipFile(GOOGLE) as archive:
        archive.extractall(feed_dir)
    times = (feed_dir / "stop_times.txt").read_text(encoding="utf-8").splitlines()
    times.insert(3, "CITY1,6:05:00,6:0x:00,NANAA,2,,,,")
    times.insert(5, "NOTRIP,6:00:00,6:00:00,NANAA,1,,,,")
    (feed_dir / "stop_times.txt").write_text("\n".join(times) + "\n", encoding="utf-8")
    feed = load_feed(feed_dir)
    assert feed.skipped == 2
    messages = [str(p) for p in feed.problems]
    assert any("stop_times.txt:4:" in m and "unreadable time" in m for m in messages), messages
    assert any("stop_times.txt:6:" in m and "unknown trip_id 'NOTRIP'" in m for m in messages)
    assert feed.departures["STAGECOACH"]  # the rest of the feed works


def test_unusable_feeds_say_why(tmp_path: Path) -> None:
    partial = tmp_path / "partial.zip"
    with zipfile.ZipFile(GOOGLE) as source, zipfile.ZipFile(partial, "w") as target:
        for name in source.namelist():
            if name != "stop_times.txt":
                target.writestr(name, source.read(name))
    with pytest.raises(GtfsError, match="required file.*stop_times.txt"):
        load_feed(partial)
    (tmp_path / "feed.zip").write_text("this is not a zip", encoding="utf-8")
    with pytest.raises(GtfsError, match="not a zip file"):
        load_feed(tmp_path / "feed.zip")
    with pytest.raises(GtfsError, match="no such file"):
        load_feed(tmp_path / "missing.zip")
