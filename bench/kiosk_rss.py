"""Peak memory of the kiosk: the real app, in a process of its own, after two questions.

A benchmark, not a test. The Textual app starts headless (Pilot) with the demo town, loads
and warms its engines like at boot, answers a typed question through the screen, then a
spoken one (``bench/questions/q1.wav``) streamed through its pipeline; the process's peak
resident set size is printed.

    .venv/bin/python bench/kiosk_rss.py [--model tiny.en|base] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import wave
from pathlib import Path

import numpy as np

from guichet.kiosk.config import GuichetConfig
from guichet.voice.listen import SileroStream
from tests.support.kiosk_pilot import SIZE, ask, loaded, make_app

ROOT = Path(__file__).resolve().parent.parent

QUESTION = Path(__file__).resolve().parent / "questions" / "q1.wav"


async def run(model: str) -> dict[str, object]:
    config = GuichetConfig()
    config.stt.model = model
    if model.endswith(".en"):
        config.languages = ["en"]  # an English-only model for an English-only kiosk
    app = make_app(None, config)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "How much is a passport?")
        assert app.runner is not None
        pipeline = app.runner.pipeline
        # The standard library's reader, not voice.audio's: PyAV would add its own
        # libraries to the memory being measured (the kiosk never loads them).
        with wave.open(str(QUESTION)) as wav:
            samples = np.frombuffer(wav.readframes(wav.getnframes()), "<i2") / 32768
        stream = pipeline.stream()
        assert stream is not None
        vad = SileroStream()
        for i in range(0, len(samples), 1600):
            block = samples[i:i + 1600].astype(np.float32)
            stream.push(block, vad.probabilities(block))
        heard = ""
        for event in pipeline.turn(stream=stream):
            heard = getattr(getattr(event, "transcript", None), "text", heard)
    return {"model": model, "heard": heard, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident set size. Not ``getrusage``: Linux carries its
    maximum across ``exec``, so a child of a big process would report its parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (not Linux?)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(run(args.model))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['model']}: peak RSS {result['peak_rss_mb']:.0f} MB "
              f"(heard: {result['heard']!r})")


if __name__ == "__main__":
    main()
