"""``guichet say``: speak a text with the town's voice into a WAV file."""

from __future__ import annotations

from pathlib import Path

from guichet.kiosk.commands.common import Subparsers, add_config_option, config_from
from guichet.kiosk.compose import load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice.audio import write_wav
from guichet.voice.engines import build_tts
from guichet.voice.errors import VoiceError


def run_say(config: GuichetConfig, text: str, lang: str, out: Path) -> int:
    load_town_pack(config)  # a broken configuration is reported before any model loads
    tts = build_tts(config.tts, (lang,))
    if not tts.has_voice(lang):
        raise VoiceError(f"no voice installed for '{lang}' (see 'guichet voices')")
    chunks = list(tts.synthesize(text, lang))
    if not chunks:
        raise VoiceError("no speech came back (is the speech server up? see the log)")
    write_wav(out, b"".join(c.pcm for c in chunks), chunks[0].sample_rate)
    print(out)
    return 0


def add_parser(sub: Subparsers) -> None:
    say = sub.add_parser("say", help="speak a text with the town's voice into a WAV file")
    say.add_argument("text")
    say.add_argument("--lang", default="en")
    say.add_argument("--out", type=Path, required=True)
    add_config_option(say)
    say.set_defaults(run=lambda args: run_say(config_from(args), args.text, args.lang,
                                              args.out))

