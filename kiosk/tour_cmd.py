"""``guichet tour check | simulate | build``: audio trails for the town's staff.

``tour serve`` shares ``guichet serve``'s code (:mod:`kiosk.serve_cmd`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kiosk.config import GuichetConfig
from tours.model import check_tour, load_tour


def run_check(path: Path) -> int:
    tour, problems = check_tour(path)
    for problem in problems:
        print(problem)
    if tour is None:
        errors = sum(1 for p in problems if p.severity == "error")
        print(f"{errors} error(s): fix them before building the tour")
        return 1
    print(f"OK: tour '{tour.id}', {len(tour.stops)} stops, languages "
          f"{', '.join(tour.languages)}, {len(tour.warnings)} warning(s)")
    return 0


def zones_of(path: Path) -> list:  # type: ignore[type-arg]
    from tours.geofence import Zone

    tour = load_tour(path)
    return [Zone(s.id, s.lat, s.lon, s.radius, s.exit_radius, s.requires, s.mode)
            for s in tour.stops]


def run_simulate(path: Path, walk: Path, as_json: bool) -> int:
    from tours.simulate import GpxError, read_gpx, simulate

    zones = zones_of(path)
    try:
        fixes = read_gpx(walk)
    except GpxError as err:
        print(f"guichet: error: {err}", file=sys.stderr)
        return 2
    events = simulate(zones, fixes)
    start = fixes[0].t if fixes else 0.0
    if as_json:
        print(json.dumps([{"stop": e.stop, "time": round(e.t - start, 1)} for e in events]))
        return 0
    for event in events:
        seconds = int(event.t - start)
        print(f"{seconds // 60:3d} min {seconds % 60:02d} s  {event.stop}")
    missed = [z.id for z in zones if z.id not in {e.stop for e in events}]
    if missed:
        print(f"never reached on this walk: {', '.join(missed)}")
    return 0


def run_build(path: Path, out: Path, config: GuichetConfig) -> int:
    from tours.build import build_tour

    tour = load_tour(path)
    report = build_tour(tour, out, config.tts)
    print(f"Built {out}: {report.rendered} narration(s) rendered, {report.reused} unchanged, "
          f"{report.assets} files for offline use, in {report.seconds:.1f} s")
    return 0
