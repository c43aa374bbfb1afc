"""The input-limit probes of issue 14 through the real command: time and peak memory.

A benchmark, not a test (``tests/system/test_input_limits.py`` asserts the messages).
Each probe's files are made in a temporary folder, then ``python -m guichet.kiosk`` runs
on them, measured from a small parent process (see ``tests/support/probes.py``); the
median time and the largest peak RSS of ``--runs`` runs are printed with the command's
first line of output.

    .venv/bin/python -m bench.input_probes [--runs 3] [--only yaml_alias_bomb] [--json]

Without this checkout's code on PYTHONPATH (``. ./env.sh``), the command imported is the
installed one: that is how the numbers "before" were taken.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.support.paths import DEMO
from tests.support.probes import (
    DEMO_GTFS,
    Measured,
    bomb_pack,
    deep_pack,
    measured,
    open_quote,
    zip_feed,
)


def _csv_feed(folder: Path) -> list[str]:
    feed = folder / "gtfs"
    shutil.copytree(DEMO_GTFS, feed)
    stops = feed / "stops.txt"
    stops.write_text(open_quote(stops.read_text(encoding="utf-8"), 4, 'OPEN,"Jamais'),
                     encoding="utf-8")
    return ["departures", "--gtfs", str(feed), "--stop", "Mairie"]


def _csv_parking(folder: Path) -> list[str]:
    pack = folder / "pack"
    shutil.copytree(DEMO, pack)
    parks = pack / "transport" / "parking.csv"
    text = parks.read_text(encoding="utf-8")
    parks.write_text(open_quote(text, len(text.splitlines()) + 1, 'X-1,"Sans fin'),
                     encoding="utf-8")
    return ["ask", "--text", "Où se garer ?", "--pack", str(pack)]


def _tour_image(folder: Path) -> list[str]:
    tour = folder / "tour.yaml"
    tour.write_text("tour:\n  id: t\n  title: T\n  languages: [fr]\nstops:\n  - id: mairie\n"
                    "    name: Mairie\n    lat: 47.317\n    lon: 4.835\n"
                    "    narration: {fr: Bonjour}\n    images: [/etc/passwd]\n",
                    encoding="utf-8")
    return ["tour", "check", str(tour)]


def _config(folder: Path) -> list[str]:
    config = folder / "guichet.yaml"
    config.write_text("serve:\n  port: -5\n  queue_size: 0\n", encoding="utf-8")
    return ["--config", str(config), "serve", "--no-voice"]


PROBES: dict[str, Callable[[Path], list[str]]] = {
    "yaml_alias_bomb": lambda f: ["content", "check", str(bomb_pack(f / "pack"))],
    "yaml_300_deep": lambda f: ["content", "check", str(deep_pack(f / "pack"))],
    "gtfs_zip_bomb": lambda f: ["departures", "--gtfs", str(zip_feed(
        f / "bomb.zip", stop_times_blank_mb=300)), "--stop", "Mairie"],
    "gtfs_csv_field": _csv_feed,
    "parking_csv_field": _csv_parking,
    "tour_image_outside": _tour_image,
    "config_out_of_range": _config,
}


def _said(run: Measured) -> str:
    lines = [line for line in (run.err + run.out).splitlines()
             if "error" in line.lower() or "ERROR" in line]
    return (lines[0] if lines else (run.out or run.err).strip().splitlines()[0])[:160]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=sorted(PROBES), action="append")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    for name in args.only or PROBES:
        with tempfile.TemporaryDirectory() as folder:
            command = PROBES[name](Path(folder))
            runs = [measured(*command) for _ in range(args.runs)]
            results.append({"probe": name, "code": runs[0].code,
                            "seconds_median": round(statistics.median(r.seconds for r in runs), 2),
                            "peak_rss_mb": round(max(r.peak_mb for r in runs)),
                            "said": _said(runs[0]).replace(folder, "…")})
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for row in results:
        print(f"{row['probe']:<20} exit {row['code']}  {row['seconds_median']:>6.2f} s  "
              f"{row['peak_rss_mb']:>5} MB  {row['said']}")


if __name__ == "__main__":
    main()
