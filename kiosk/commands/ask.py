"""``guichet ask``: one question from a recording or typed text, answered aloud."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from guichet.content.pack import messages
from guichet.kiosk.commands.common import (
    Subparsers,
    UsageError,
    config_from,
    parse_at,
    progress,
    served_language,
)
from guichet.kiosk.compose import build_pipeline, load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice.audio import Player, read_audio, write_wav
from guichet.voice.errors import AudioDeviceError
from guichet.voice.pipeline import Answered, Heard, TurnDone
from guichet.voice.tts import SpeechChunk

_LOGGER = logging.getLogger(__name__)


def run_ask(
    config: GuichetConfig, audio_file: Path | None, text: str | None, lang: str | None,
    out: Path | None, play: bool, as_json: bool, at: str | None = None,
) -> int:
    """Answer one question; print it for people or as one JSON object. Returns exit code."""
    t0 = time.perf_counter()
    pack = load_town_pack(config)
    lang = served_language(lang, pack.town.languages, pack.town.name)
    speak = out is not None or play
    audio = read_audio(audio_file, config.stt.max_audio_s) if audio_file else None
    moment = parse_at(at, pack.town.timezone) if at else None
    if audio is not None:
        progress("loading_stt")  # Whisper: several seconds on a small machine
    elif speak:
        progress("loading_tts")
    pipeline = build_pipeline(config, pack, with_stt=audio is not None, with_tts=speak,
                              clock=(lambda: moment) if moment else None)
    pipeline.check_language(lang)
    load_s = time.perf_counter() - t0
    result: dict[str, Any] = {}
    pcm: list[bytes] = []
    rate = 0
    player: Player | None = None
    play_error: str | None = None
    for event in pipeline.turn(audio=audio, text=text, lang=lang):
        if isinstance(event, Heard):
            result["transcript"] = event.transcript.text
            result["language"] = event.transcript.language
            result["heard"] = event.transcript.heard
            if not as_json:
                shown = event.transcript.text or "(nothing heard)"
                print(f"Question [{event.transcript.language}]: {shown}", flush=True)
        elif isinstance(event, Answered):
            answer = event.answer
            result.update(answer=answer.text, answer_language=answer.language,
                          sources=answer.sources, cited=list(answer.cited),
                          declined=answer.declined,
                          answerer=answer.answerer,
                          spoken=event.spoken and speak)
            if not as_json:
                print(f"Answer: {answer.text}", flush=True)
                shown = "; ".join(answer.cited or answer.sources)
                print(f"Source: {shown or '(none: referred to the desk)'}", flush=True)
            if speak and not event.spoken:
                _LOGGER.warning("no voice for '%s': the answer is given as text only "
                                "(see 'guichet voices')", answer.language)
        elif isinstance(event, SpeechChunk):
            rate = event.sample_rate
            pcm.append(event.pcm)
            if play and player is None and play_error is None:
                try:
                    player = Player(rate)
                except AudioDeviceError as err:
                    play_error = str(err)
            if player is not None:
                try:
                    player.write(event.pcm)
                except AudioDeviceError as err:
                    play_error, player = str(err), None
        elif isinstance(event, TurnDone):
            timings = asdict(event.timings)
            timings["load_s"] = load_s
            result["timings"] = timings
    if player is not None:
        player.close()
    if play_error:
        _LOGGER.warning("could not play the answer: %s", play_error)
    written = None
    if out is not None and pcm:
        write_wav(out, b"".join(pcm), rate)
        written = str(out)
    result["audio"] = written
    result["played"] = play and bool(pcm) and play_error is None
    if as_json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        if written:
            print(f"Spoken answer: {written}")
        t = result["timings"]
        parts = [f"{k.removesuffix('_s')} {v:.2f} s" for k, v in t.items() if v is not None]
        print("Timings: " + ", ".join(parts))
    return 0


def add_parser(sub: Subparsers) -> None:
    ask = sub.add_parser("ask", help="answer one question from a recording or typed text")
    ask.add_argument("audio", nargs="?", type=Path, help="WAV, FLAC or MP3 of the question")
    ask.add_argument("--text", help="the question as text instead of a recording")
    ask.add_argument("--out", type=Path, help="write the spoken answer to this WAV file")
    ask.add_argument("--play", action="store_true", help="play the answer on the sound card")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--at", help="answer as if it were this local time (YYYY-MM-DDTHH:MM)")
    ask.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    if (args.audio is None) == (args.text is None):
        raise UsageError(messages.text("ask_usage"))
    return run_ask(config_from(args), args.audio, args.text, args.lang, args.out, args.play,
                   args.json, args.at)
