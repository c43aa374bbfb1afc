"""GTFS feeds and car park files are input from outside: sizes are checked before reading,
a file broken past a line is one error naming file and line, never an internal error."""

from __future__ import annotations

import csv
import shutil
import struct
import tracemalloc
from pathlib import Path

import pytest

from guichet.content.mobility import gtfs
from guichet.content.mobility.data import MobilityData
from guichet.content.mobility.gtfs import GtfsError, load_feed
from guichet.content.mobility.parking import load_availability, load_car_parks
from guichet.content.pack.model import Mobility
from tests.support.paths import DEMO_TRANSPORT
from tests.support.probes import DEMO_GTFS, open_quote, zip_feed

_MB = 1024 * 1024


def test_zip_bomb_is_refused_before_reading_naming_the_member(tmp_path: Path) -> None:
    bomb = zip_feed(tmp_path / "bomb.zip", stop_times_blank_mb=300)
    assert bomb.stat().st_size < 400 * 1024  # some 300 KB
    tracemalloc.start()
    with pytest.raises(GtfsError) as caught:
        load_feed(bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    message = str(caught.value)
    assert message.startswith(f"{bomb}:stop_times.txt: would expand 1,0")
    assert "(300 MB from" in message and "not a plain GTFS file" in message
    assert peak < 2 * _MB, peak  # nothing of the 300 MB was read


def test_a_feed_larger_than_the_bound_is_refused_before_reading(tmp_path: Path,
                                                                monkeypatch) -> None:
    monkeypatch.setattr(gtfs, "MAX_FEED_BYTES", 40_000)  # stop_times.txt is 50 KB
    with pytest.raises(GtfsError, match=r"gtfs:stop_times.txt: 0.0 MB of text, more than the 0 "
                       r"MB a feed may hold: keep only the lines that serve the town"):
        load_feed(DEMO_GTFS)
    monkeypatch.setattr(gtfs, "MAX_FEED_BYTES", 55_000)  # each file fits, not all together
    with pytest.raises(GtfsError, match=r"feed.zip: its files hold 0.1 MB of text together"):
        load_feed(zip_feed(tmp_path / "feed.zip"))


def test_the_demo_feed_as_a_zip_loads_as_its_folder(tmp_path: Path) -> None:
    zipped, folder = load_feed(zip_feed(tmp_path / "feed.zip")), load_feed(DEMO_GTFS)
    assert zipped.departures == folder.departures and zipped.problems == []
    assert zipped.weekly == folder.weekly and zipped.exceptions == folder.exceptions


def edit_entry(feed: Path, offset: int, value: int) -> Path:
    """Change a 4-byte field of stop_times.txt's entry in the zip's central directory."""
    data = bytearray(feed.read_bytes())
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46:entry + 60] != b"stop_times.txt":
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + offset, value)
    feed.write_bytes(bytes(data))
    return feed


def test_a_member_lying_about_its_size_is_damaged_not_read_on(tmp_path: Path) -> None:
    liar = edit_entry(zip_feed(tmp_path / "liar.zip"), 24, 1000)  # uncompressed size
    with pytest.raises(GtfsError, match=r"liar.zip:stop_times.txt: damaged, cannot be read"):
        load_feed(liar)
    # Flags (offset 8, with the version needed before them): bit 0, encrypted.
    locked = edit_entry(zip_feed(tmp_path / "locked.zip"), 6, 20 | (1 << 16))
    with pytest.raises(GtfsError, match=r"locked.zip:stop_times.txt: cannot be read \(.*"
                       r"encrypted.*\); zip the feed again without a password"):
        load_feed(locked)


def test_gtfs_field_over_the_csv_limit_is_a_file_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "gtfs"
    shutil.copytree(DEMO_GTFS, folder)
    (folder / "stops.txt").write_text(open_quote(
        (folder / "stops.txt").read_text(encoding="utf-8"), 4, 'OPEN,"Arrêt jamais fermé,47.3,4.8',
        csv.field_size_limit() + 10), encoding="utf-8")
    with pytest.raises(GtfsError) as caught:
        load_feed(folder)
    assert str(caught.value).startswith(f"{folder}:stops.txt:4: a field longer than 131,072 "
                                        "characters starts on this line")
    assert "quote" in str(caught.value)
    with pytest.raises(GtfsError, match=r"feed.zip:stops.txt:4: a field longer"):
        load_feed(zip_feed(tmp_path / "feed.zip",
                           {"stops.txt": (folder / "stops.txt").read_bytes()}))


def test_broken_rows_are_counted_but_only_the_first_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "gtfs"
    shutil.copytree(DEMO_GTFS, folder)
    with (folder / "stop_times.txt").open("a", encoding="utf-8") as out:
        out.writelines(f"NOTRIP{i},08:00:00,08:00:00,MAIRIE,1,0,0,1\n" for i in range(5000))
    feed = load_feed(folder)
    assert feed.skipped == 5000
    assert len(feed.problems) == gtfs.MAX_PROBLEMS
    assert "unknown trip_id 'NOTRIP0'" in str(feed.problems[0])


def test_parking_field_over_the_csv_limit_is_a_file_line_error(tmp_path: Path) -> None:
    lines = (DEMO_TRANSPORT / "parking.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "parking.csv"
    path.write_text(open_quote("\n".join(lines[:3]) + "\n", 4, 'X-1,"Parking sans fin,21999'),
                    encoding="utf-8")
    parks, problems = load_car_parks(path)
    assert parks == []
    [problem] = problems
    assert problem.severity == "error"
    assert str(problem).startswith(f"{path}:4: error: a field longer than 131,072 characters")
    dispo = tmp_path / "dispo.csv"
    dispo.write_text('id,nb_places_disponibles,horodatage\n"A,' + "9" * 200_000 + "\n",
                     encoding="utf-8")
    live, problems = load_availability(dispo)
    assert live == {} and [p.line for p in problems] == [2]


def test_parking_files_not_utf8_or_too_large_are_errors(tmp_path: Path, monkeypatch,
                                                        caplog) -> None:
    latin = tmp_path / "parking.csv"
    latin.write_bytes((DEMO_TRANSPORT / "parking.csv").read_text(encoding="utf-8")
                      .encode("latin-1", errors="replace"))
    parks, problems = load_car_parks(latin)
    assert parks == [] and "not UTF-8" in problems[-1].message
    assert problems[-1].severity == "error"
    from guichet.content.mobility import parking

    monkeypatch.setattr(parking, "MAX_BYTES", 1000)
    parks, problems = load_car_parks(DEMO_TRANSPORT / "parking.csv")
    assert parks == [] and [str(p) for p in problems] == [
        f"{DEMO_TRANSPORT / 'parking.csv'}: error: 0.0 MB, more than 0 MB: not a town's car "
        "parks"]
    data = MobilityData.load(Mobility((), latin, None))
    assert data.parks == [] and "car parks unusable" in caplog.text
