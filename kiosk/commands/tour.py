"""``guichet tour check | simulate | build | serve``: audio trails for the town's staff.

``tour serve`` shares ``guichet serve``'s code (:mod:`guichet.kiosk.commands.serve`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from guichet.kiosk.commands.common import (
    Subparsers,
    UsageError,
    add_serve_options,
    config_from,
)
from guichet.kiosk.config import GuichetConfig
from guichet.tours.model import check_tour, load_tour

if TYPE_CHECKING:
    from guichet.content.pack.loader import Pack


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


def zones_of(path: Path) -> tuple[list, str]:  # type: ignore[type-arg]
    """The tour's zones for the geofence, and its travel mode."""
    from guichet.tours.geofence import Zone

    tour = load_tour(path)
    return [Zone(s.id, s.lat, s.lon, s.radius, s.exit_radius, s.requires, s.mode)
            for s in tour.stops], tour.travel


def run_simulate(path: Path, walk: Path, as_json: bool) -> int:
    from guichet.tours.simulate import GpxError, read_gpx, walk_through

    zones, travel = zones_of(path)
    try:
        fixes = read_gpx(walk)
    except GpxError as err:
        print(f"guichet: error: {err}", file=sys.stderr)
        return 2
    events, missed = walk_through(zones, fixes, travel=travel)
    start = fixes[0].t if fixes else 0.0
    if as_json:
        print(json.dumps([{"stop": e.stop, "time": round(e.t - start, 1)} for e in events]))
        return 0
    for event in events:
        seconds = int(event.t - start)
        print(f"{seconds // 60:3d} min {seconds % 60:02d} s  {event.stop}")
    for miss in missed:
        print(f"never played: {miss.stop}: {miss.detail}")
    return 0


def run_build(path: Path, out: Path, config: GuichetConfig) -> int:
    from guichet.tours.build import build_tour

    tour = load_tour(path)
    report = build_tour(tour, out, config.tts)
    print(f"Built {out}: {report.rendered} narration(s) rendered, {report.reused} unchanged, "
          f"{report.assets} files for offline use, in {report.seconds:.1f} s")
    return 0


def add_parser(sub: Subparsers) -> None:
    tour = sub.add_parser("tour", help="audio trails: check, simulate, build, serve")
    tour_sub = tour.add_subparsers(dest="tour_command", required=True)
    check = tour_sub.add_parser("check", help="check a tour file: errors with file:line")
    check.add_argument("tour", type=Path)
    check.set_defaults(run=lambda args: run_check(args.tour))
    sim = tour_sub.add_parser("simulate", help="which stop fires when along a GPX walk")
    sim.add_argument("tour", type=Path)
    sim.add_argument("walk", type=Path, help="a GPX track")
    sim.add_argument("--json", action="store_true", help="print [{stop, time}]")
    sim.set_defaults(run=lambda args: run_simulate(args.tour, args.walk, args.json))
    build = tour_sub.add_parser("build", help="render narrations and write the phone site")
    build.add_argument("tour", type=Path)
    build.add_argument("--out", type=Path, required=True, help="output folder")
    build.set_defaults(run=lambda args: run_build(args.tour, args.out, config_from(args)))
    serve = tour_sub.add_parser("serve", help="serve a built tour and the ask API")
    serve.add_argument("site", type=Path, help="folder written by 'tour build'")
    add_serve_options(serve)
    serve.add_argument("--voice", action=argparse.BooleanOptionalAction, default=False,
                       help="accept spoken questions too (loads Whisper); default --no-voice")
    serve.set_defaults(run=_serve)


def site_pack(site: Path, config: GuichetConfig) -> Pack:
    """What a built tour's page is answered from: its stops, and the configured town's
    pack only when the tour names that town's pack (never another town's)."""
    from guichet.kiosk.compose import load_town_pack
    from guichet.tours.knowledge import TourSiteError, named_town, tour_pack

    path = site / "tour.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{site} is not a built tour (no tour.json): run 'guichet tour "
                         f"build TOUR.yaml --out {site}' first") from None
    except (OSError, ValueError) as err:
        raise UsageError(f"{path} cannot be read: {err}; build the tour again") from None
    try:
        if not isinstance(data, dict):
            raise TourSiteError("it must be a JSON object")
        town_id = named_town(data)
        town = None
        if town_id is not None:
            town = load_town_pack(config)
            if town.town.id != town_id:
                raise UsageError(
                    f"the tour names the pack of town '{town_id}', but the configured pack "
                    f"({config.pack}) is town '{town.town.id}': set 'pack:' in guichet.yaml "
                    f"to the folder of '{town_id}'s pack")
        return tour_pack(data, town)
    except TourSiteError as err:
        raise UsageError(f"{path}: {err}; build the tour again") from None


def _serve(args: argparse.Namespace) -> int:
    from guichet.kiosk.commands.serve import run_serve

    config = config_from(args)
    return run_serve(config, args.site, args.host, args.port, args.voice,
                     site_pack(args.site, config))
