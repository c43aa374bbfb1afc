"""GTFS: feed load time and next-departure query time on a ~100k stop_times feed.

A benchmark, not a test. The feed is the demo town's, scaled up: every trip is copied
with new ids and shifted times until stop_times reaches the target, into a temporary
folder. Query times are compared, in the same process, with the brute-force reference of
the tests (a baseline that walks every trip).

    .venv/bin/python bench/gtfs_departures.py [--rows 100000] [--queries 1000] [--json]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from guichet.content.mobility.departures import next_departures
from guichet.content.mobility.gtfs import load_feed
from tests.support.gtfs_reference import Reference

DEMO = Path(__file__).resolve().parent.parent / "content" / "demo" / "transport" / "gtfs"


def scaled_feed(target_rows: int, folder: Path) -> int:
    """Copy the demo feed into ``folder``, duplicating trips until ``target_rows``."""
    for path in DEMO.iterdir():
        if path.name not in ("trips.txt", "stop_times.txt", "frequencies.txt"):
            (folder / path.name).write_bytes(path.read_bytes())
    with (DEMO / "trips.txt").open(encoding="utf-8") as handle:
        trips = list(csv.DictReader(handle))
    with (DEMO / "stop_times.txt").open(encoding="utf-8") as handle:
        times = list(csv.DictReader(handle))
    copies = max(1, target_rows // len(times))
    rows = 0
    with (folder / "trips.txt").open("w", encoding="utf-8", newline="") as t_out, \
            (folder / "stop_times.txt").open("w", encoding="utf-8", newline="") as s_out:
        trip_writer = csv.DictWriter(t_out, fieldnames=list(trips[0]))
        time_writer = csv.DictWriter(s_out, fieldnames=list(times[0]))
        trip_writer.writeheader()
        time_writer.writeheader()
        for copy in range(copies):
            shift = (copy % 20) * 60  # a minute apart: a dense network
            for trip in trips:
                trip_writer.writerow({**trip, "trip_id": f"{trip['trip_id']}_{copy}"})
            for row in times:
                out = dict(row)
                out["trip_id"] = f"{row['trip_id']}_{copy}"
                for key in ("arrival_time", "departure_time"):
                    h, m, s = (int(x) for x in row[key].split(":"))
                    total = h * 3600 + m * 60 + s + shift
                    out[key] = f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
                time_writer.writerow(out)
                rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = scaled_feed(args.rows, folder)
        loads = []
        for _ in range(3):
            start = time.perf_counter()
            feed = load_feed(folder)
            loads.append(time.perf_counter() - start)
        rng = random.Random(5)
        stops = sorted(s for s, stop in feed.stops.items() if stop.location_type == 0)
        days = [dt.date(2026, 11, 23) + dt.timedelta(days=i) for i in range(7)]
        queries = [(rng.choice(stops), dt.datetime.combine(rng.choice(days), dt.time(
            rng.randrange(24), rng.randrange(60)), feed.timezone)) for _ in range(args.queries)]
        ours = []
        for stop, at in queries:
            start = time.perf_counter()
            next_departures(feed, feed.children(stop), at, 3)
            ours.append(time.perf_counter() - start)
        reference = Reference(folder)
        naive = []
        for stop, at in queries[: args.baseline_queries]:
            start = time.perf_counter()
            reference.next(reference.platforms(stop), at, 3)
            naive.append(time.perf_counter() - start)
    ordered = sorted(ours)
    result = {
        "stop_times": rows, "load_s_median": statistics.median(loads),
        "query_ms_p50": statistics.median(ours) * 1000,
        "query_ms_p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
        "baseline_ms_p50": statistics.median(naive) * 1000,
    }
    result["speedup_vs_baseline"] = result["baseline_ms_p50"] / result["query_ms_p50"]
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:22} {value:.3f}" if isinstance(value, float) else f"{key:22} {value}")


if __name__ == "__main__":
    main()
