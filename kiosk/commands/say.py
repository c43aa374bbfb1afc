"""``guichet say``: speak a text with the town's voice, on the sound card or into a WAV.

Without ``--lang`` the text's language is guessed among the town's (a French sentence is
read by the French voice, not the English one); without ``--out`` it is played, and a
machine with no sound output is told to write a file instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from guichet.content.pack import messages
from guichet.content.understand.text import guess_language
from guichet.kiosk.commands.common import (
    Subparsers,
    UsageError,
    config_from,
    progress,
    served_language,
)
from guichet.kiosk.compose import load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice.audio import Player, write_wav
from guichet.voice.engines import build_tts
from guichet.voice.errors import AudioDeviceError, VoiceError

VOICE_EXAMPLES = {"fr": "fr_FR-siwis-medium", "en": "en_GB-alan-medium",
                  "de": "de_DE-thorsten-medium", "es": "es_ES-davefx-medium"}


def say_language(text: str, lang: str | None, languages: tuple[str, ...]) -> str:
    """``lang`` when given, else the town's language the text is most likely written in."""
    return lang if lang is not None else guess_language(text, languages)


def run_say(config: GuichetConfig, text: str, lang: str | None, out: Path | None,
            play: bool) -> int:
    pack = load_town_pack(config)  # a broken configuration is reported before any model loads
    languages = pack.town.languages
    lang = say_language(text, served_language(lang, languages, pack.town.name), languages)
    progress("loading_tts")
    tts = build_tts(config.tts, (lang,))
    if not tts.has_voice(lang):
        example = VOICE_EXAMPLES.get(lang, f"{lang}_XX-name-medium")
        raise VoiceError(messages.text("no_voice", code=lang, example=example))
    chunks = list(tts.synthesize(text, lang))
    if not chunks:
        raise VoiceError("no speech came back (is the speech server up? see the log)")
    pcm, rate = b"".join(c.pcm for c in chunks), chunks[0].sample_rate
    if out is not None:
        write_wav(out, pcm, rate)
        print(out)
    if play or out is None:
        try:
            player = Player(rate, config.hardware.audio().output_device or None)
        except AudioDeviceError as err:
            if out is None:
                raise UsageError(f"{err}; {messages.text('say_where')}") from None
            raise
        try:
            player.write(pcm)
        finally:
            player.close()
    return 0


def add_parser(sub: Subparsers) -> None:
    say = sub.add_parser("say", help="speak a text with the town's voice (played, or written "
                         "to a WAV file with --out)")
    say.add_argument("text")
    say.add_argument("--out", type=Path, help="write the speech to this WAV file")
    say.add_argument("--play", action="store_true",
                     help="play it on the sound card (the default without --out)")
    say.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    return run_say(config_from(args), args.text, args.lang, args.out, args.play)
