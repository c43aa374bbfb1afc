"""Runs the real kiosk app under Pilot in a process of its own, for the sound tests.

PortAudio reads the ALSA configuration of ``$HOME`` when it starts, as it would on a
kiosk at boot; the test that runs this script sets HOME. The app loads its engines itself
(no shared pipeline), hears one question (Space in push-to-talk; nothing in hands-free),
then this prints the outcome as JSON, writes the answer's speech to ``--pcm`` and what
the speaker received to ``--played``.

Hands-free, the kiosk listens again as soon as it has answered, and the capture file
plays the question again from its start: the speaker's file is copied as soon as the first
answer is over, while the next question is still being heard and transcribed.

    python -m tests.kiosk_driver --mode push_to_talk --sink speaker.raw --pcm answer.raw \
        --played played.raw
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from guichet.kiosk.config import GuichetConfig
from tests.support.kiosk_pilot import SIZE, loaded, make_app, until


async def drive(mode: str, sink: Path, pcm: Path, played: Path) -> dict[str, object]:
    config = GuichetConfig()
    config.kiosk.listen = mode
    app = make_app(None, config)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        if mode == "push_to_talk":
            await pilot.press("space")
        await until(pilot, lambda: app.session.answer_pcm, "a spoken answer")
        played.write_bytes(sink.read_bytes())
        pcm.write_bytes(app.session.answer_pcm)
        return {"question": app.session.question, "sources": app.session.sources,
                "faults": app.faults, "rate": app.session.answer_rate}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=("push_to_talk", "hands_free"), required=True)
    parser.add_argument("--sink", type=Path, required=True)
    parser.add_argument("--pcm", type=Path, required=True)
    parser.add_argument("--played", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(drive(args.mode, args.sink, args.pcm, args.played))))


if __name__ == "__main__":
    main()
