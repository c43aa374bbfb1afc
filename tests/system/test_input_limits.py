"""The probes of input limits, through the real command: a clear error with file and line,
quickly, in little memory (the peak RSS of the command's own process is measured)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.paths import DEMO
from tests.support.probes import (
    DEMO_GTFS,
    bomb_pack,
    deep_pack,
    measured,
    open_quote,
    zip_feed,
)


def test_content_check_refuses_a_yaml_alias_bomb_quickly_in_little_memory(
        tmp_path: Path) -> None:
    pack = bomb_pack(tmp_path)
    assert (pack / "faq.yaml").stat().st_size < 600
    run = measured("content", "check", str(pack))
    assert run.code == 1, run
    assert f"{pack / 'faq.yaml'}:6: error: aliases ('*name') repeat more than 10,000 " \
           "values" in run.out
    assert "Traceback" not in run.err and "internal error" not in run.err
    assert run.peak_mb < 300, run.peak_mb  # before: 2.8 GB
    assert run.seconds < 20, run.seconds  # before: 56 s


def test_content_check_reports_deep_nesting_with_its_line(tmp_path: Path) -> None:
    pack = deep_pack(tmp_path)
    run = measured("content", "check", str(pack))
    assert run.code == 1, run
    assert f"{pack / 'faq.yaml'}:3: error: lists and mappings nest more than 50 levels " \
           "deep" in run.out
    assert "RecursionError" not in run.out + run.err and "internal error" not in run.err


def test_departures_refuse_a_gtfs_zip_bomb_quickly_in_little_memory(tmp_path: Path) -> None:
    bomb = zip_feed(tmp_path / "bomb.zip", stop_times_blank_mb=300)
    run = measured("departures", "--gtfs", str(bomb), "--stop", "Mairie")
    assert run.code == 2, run
    assert run.err.startswith(f"guichet: error: {bomb}:stop_times.txt: would expand")
    assert "Traceback" not in run.err
    assert run.peak_mb < 300, run.peak_mb  # before: 1.9 GB
    assert run.seconds < 20, run.seconds  # before: 21 s


def test_a_csv_field_over_the_limit_is_said_with_file_and_line(tmp_path: Path) -> None:
    feed = tmp_path / "gtfs"
    shutil.copytree(DEMO_GTFS, feed)
    stops = feed / "stops.txt"
    stops.write_text(open_quote(stops.read_text(encoding="utf-8"), 4, 'OPEN,"Jamais fermé'),
                     encoding="utf-8")
    run = measured("departures", "--gtfs", str(feed), "--stop", "Mairie")
    assert run.code == 2, run
    assert run.err == (f"guichet: error: {feed}:stops.txt:4: a field longer than 131,072 "
                       "characters starts on this line (most often a quote '\"' left open); "
                       "the file is not read further\n")
    pack = tmp_path / "pack"
    shutil.copytree(DEMO, pack)
    parks = pack / "transport" / "parking.csv"
    text = parks.read_text(encoding="utf-8")
    last = len(text.splitlines()) + 1  # after it, no quote closes the one left open
    parks.write_text(open_quote(text, last, 'X-1,"Sans fin'), encoding="utf-8")
    run = measured("ask", "--text", "Où se garer ?", "--pack", str(pack))
    assert run.code == 0, run  # the kiosk answers without the car parks, and says why
    assert f"car parks unusable, parking is not answered from them: {parks}:{last}: a field " \
           "longer than 131,072 characters" in run.err
    assert "internal error" not in run.err


def test_tour_check_refuses_images_from_outside_its_folder(tmp_path: Path) -> None:
    tour = tmp_path / "tour.yaml"
    tour.write_text("tour:\n  id: t\n  title: T\n  languages: [fr]\nstops:\n  - id: mairie\n"
                    "    name: Mairie\n    lat: 47.317\n    lon: 4.835\n"
                    "    narration: {fr: Bonjour}\n    images: [/etc/passwd]\n",
                    encoding="utf-8")
    run = measured("tour", "check", str(tour))
    assert run.code == 1, run
    assert f"{tour}:11: error: images of stop 'mairie': '/etc/passwd' must be a path inside " \
           "the tour's folder" in run.out


def test_serve_refuses_values_out_of_range_saying_error_once(tmp_path: Path) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text("serve:\n  port: -5\n  queue_size: 0\n", encoding="utf-8")
    run = measured("--config", str(config), "serve", "--no-voice")
    assert run.code == 2, run
    assert run.err == (f"guichet: error: {config}:2: 'serve.port' must be a TCP port from 1 "
                       f"to 65535 (0: any free port), not -5\n{config}:3: 'serve.queue_size' "
                       "must be at least 1, not 0\n")
