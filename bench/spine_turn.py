"""One spoken turn, end to end, in one process: median stage timings and peak memory.

A benchmark, not a test. The question is spoken by the bundled Piper voice, then the
demo town's pipeline (bundled Whisper, embedded answerer, Piper) answers it N times.

    .venv/bin/python bench/spine_turn.py [--model auto|tiny.en|base] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time

import numpy as np

from guichet.content.pack.loader import DEMO_PACK
from guichet.kiosk.compose import build_pipeline, load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice.audio import STT_RATE, Audio
from guichet.voice.pipeline import TurnDone

QUESTION = "How much does a new passport cost?"


def spoken_question(pipeline) -> Audio:  # type: ignore[no-untyped-def]
    chunks = list(pipeline.tts.synthesize(QUESTION, "en"))
    pcm = np.frombuffer(b"".join(c.pcm for c in chunks), dtype="<i2").astype(np.float32)
    rate = chunks[0].sample_rate
    t = np.arange(int(len(pcm) * STT_RATE / rate)) * rate / STT_RATE
    samples = np.interp(t, np.arange(len(pcm)), pcm).astype(np.float32) / 32768
    return Audio(samples, rate, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="auto")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    config = GuichetConfig(pack=DEMO_PACK)
    config.stt.model = args.model
    t0 = time.perf_counter()
    pack = load_town_pack(config)
    pipeline = build_pipeline(config, pack, with_stt=True, with_tts=True)
    load_s = time.perf_counter() - t0
    audio = spoken_question(pipeline)
    runs = []
    for _ in range(args.runs):
        for event in pipeline.turn(audio=audio):
            if isinstance(event, TurnDone):
                runs.append(event.timings)
    keys = ("stt_s", "answer_s", "tts_first_s", "first_audio_s", "total_s")
    result = {k: statistics.median(getattr(r, k) for r in runs) for k in keys}
    result.update(model=pipeline.stt.resolved.location if pipeline.stt else None,
                  audio_s=audio.duration_s, load_s=load_s, runs=args.runs,
                  peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:14} {value:.3f}" if isinstance(value, float) else f"{key:14} {value}")


if __name__ == "__main__":
    main()
