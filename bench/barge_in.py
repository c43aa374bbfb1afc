"""Barge-in: how fast the kiosk's speech stops when the visitor presses to talk.

A benchmark, not a test. There is no sound card here, so the speaker is an ALSA ``file``
device writing into a FIFO that this script drains at real-time pace (22 050 Hz, 16-bit):
PortAudio's writes block as they would on a card. Two measurements, N runs each:

- ``player``: :class:`voice.audio.Player` plays 10 s of Piper speech; another thread calls
  ``stop()`` at a random moment. ``stop_call`` is how long ``stop()`` takes,
  ``writer_exit`` the time until the playing thread's ``write()`` returns, ``last_sample``
  the time until the last byte reaches the drained FIFO.
- ``kiosk``: the real app under Textual's Pilot speaks a long answer; Space is pressed.
  ``last_sample`` is from the key press to the last byte of that answer out of the FIFO.

``last_sample`` includes the FIFO's own buffer (one 4 KiB page, at most 93 ms of audio at
22 050 Hz), which a real card's abort discards: it is an upper bound of what is heard.

    .venv/bin/python bench/barge_in.py [--runs 10] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from tests.support.alsa import PacedSink, silence_raw, write_home

REPO = Path(__file__).resolve().parent.parent

RATE = 22050
GAP_S = 0.3  # silence on the FIFO that marks the end of the interrupted speech


def _last_before_gap(sink: PacedSink, start: float) -> float:
    """Time of the last byte after ``start`` that is followed by a gap of GAP_S."""
    times = [t for t, _ in sink.arrivals if t >= start]
    for previous, current in itertools.pairwise(times):
        if current - previous > GAP_S:
            return previous
    return times[-1] if times else start


def bench_player(sink: PacedSink, pcm: bytes, runs: int) -> dict[str, list[float]]:
    from guichet.voice.audio import Player

    found: dict[str, list[float]] = {"stop_call": [], "writer_exit": [], "last_sample": []}
    for _ in range(runs):
        player = Player(RATE)
        exited: list[float] = []

        def play(player: Player = player, exited: list[float] = exited) -> None:
            player.write(pcm)
            exited.append(time.perf_counter())

        writer = threading.Thread(target=play)
        writer.start()
        time.sleep(random.uniform(0.5, 2.0))
        t0 = time.perf_counter()
        player.stop()
        t1 = time.perf_counter()
        writer.join()
        player.close()
        time.sleep(GAP_S * 2)
        found["stop_call"].append(t1 - t0)
        found["writer_exit"].append(exited[0] - t0)
        found["last_sample"].append(_last_before_gap(sink, t0) - t0)
    return found


async def _kiosk_once(sink: PacedSink) -> float:
    from guichet.kiosk.config import GuichetConfig
    from guichet.kiosk.session import Phase
    from tests.support.kiosk_pilot import SIZE, loaded, make_app, until

    config = GuichetConfig()
    config.listen.no_speech_s = 600  # the microphone hears silence: keep listening quietly
    app = make_app(None, config)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press(*"What is the address of the town hall?", "enter")
        await until(pilot, lambda: app.phase is Phase.SPEAKING, "speaking")
        await asyncio.sleep(random.uniform(0.5, 2.0))
        t0 = time.perf_counter()
        await pilot.press("space")
        await until(pilot, lambda: app.runner is not None and app.runner.gate.active <= 1,
                    "the interrupted turn's end")
        await asyncio.sleep(GAP_S * 2)
        return _last_before_gap(sink, t0) - t0


def _stats(values: list[float]) -> dict[str, float]:
    ms = sorted(v * 1000 for v in values)
    return {"median_ms": round(statistics.median(ms), 1), "max_ms": round(ms[-1], 1),
            "runs": len(ms)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--kiosk-runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="guichet-bargein-"))
    sink = PacedSink(folder / "speaker.fifo", RATE)
    # The joined Whisper model stays where it is; PortAudio reads $HOME/.asoundrc when it
    # starts: set HOME before sounddevice loads.
    os.environ.setdefault("GUICHET_CACHE", str(Path.home() / ".cache" / "guichet"))
    os.environ["HOME"] = str(write_home(folder / "home", sink.path,
                                        silence_raw(folder / "silence.raw")))
    from guichet.voice.tts import PiperTTS, TtsConfig

    text = ("The town hall is open Monday to Friday, from 8:30 am to noon and from 1:30 pm "
            "to 5:30 pm, and on Saturday from 9:00 am to noon.")
    pcm = b"".join(c.pcm for c in PiperTTS(TtsConfig(), ("en",)).synthesize(text, "en"))
    results: dict[str, dict[str, dict[str, float]]] = {
        "player": {k: _stats(v) for k, v in bench_player(sink, pcm, args.runs).items()},
    }
    kiosk = [asyncio.run(_kiosk_once(sink)) for _ in range(args.kiosk_runs)]
    results["kiosk"] = {"last_sample": _stats(kiosk)}
    sink.close()
    if args.json:
        print(json.dumps(results))
        return
    for part, measures in results.items():
        for name, s in measures.items():
            print(f"{part:7s} {name:12s} median {s['median_ms']:6.1f} ms   max "
                  f"{s['max_ms']:6.1f} ms   ({s['runs']} runs)")


if __name__ == "__main__":
    main()
