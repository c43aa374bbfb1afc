"""``guichet voices``: where voices live, the voice of each of the town's languages;
``guichet voices add NAME``: a Piper voice downloaded into the folder the kiosk reads."""

from __future__ import annotations

import argparse
import logging
import os

from guichet.content.pack.messages import text
from guichet.kiosk.commands.common import Subparsers, config_from
from guichet.kiosk.compose import load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice import dirs
from guichet.voice.download import BASE_ENV, HUB, add_voice
from guichet.voice.tts import add_voice_hint, choose_voices, installed_voices


def run_voices(config: GuichetConfig) -> int:
    languages = load_town_pack(config).town.languages
    # This command explains missing voices itself: the engine's warning would repeat it.
    logging.getLogger("guichet.voice.tts").setLevel(logging.ERROR)
    chosen = choose_voices(config.tts, languages)
    print(text("voices_title"))
    for lang in languages:
        voice = chosen.get(lang)
        if voice:
            print(f"  {lang}: {voice.name} ({voice.origin})")
        else:
            print(f"  {lang}: {text('voices_none')}")
            print(f"      {add_voice_hint(lang, config.tts)}")
    print(text("voices_installed"))
    for voice in installed_voices(config.tts):
        print(f"  {voice.name} [{voice.language}] {voice.path}")
    print(text("voices_folder", folder=dirs.voices_dir()))
    print(text("voices_searched",
               folders=", ".join(str(d) for d in config.tts.search_dirs())))
    return 0


def run_add(config: GuichetConfig, names: list[str], base: str | None) -> int:
    """Download each voice into the kiosk's voice folder; exit code 0 when all came."""
    languages = load_town_pack(config).town.languages
    hub = base or os.environ.get(BASE_ENV) or HUB
    folder = dirs.voices_dir()
    for name in names:
        added = add_voice(name, folder, hub)
        print(text("voice_added", name=added.name, code=added.language, folder=folder))
        if added.language not in languages:
            print(text("voice_not_town", code=added.language, languages=", ".join(languages)))
    return 0


def add_parser(sub: Subparsers) -> None:
    voices = sub.add_parser("voices", help="where voices live, the voice of each language; "
                            "'voices add NAME' downloads one")
    voices.set_defaults(run=lambda args: run_voices(config_from(args)))
    voices_sub = voices.add_subparsers(dest="voices_command")
    add = voices_sub.add_parser("add", help="download a Piper voice (e.g. fr_FR-siwis-medium) "
                                "into the kiosk's voice folder (needs internet)")
    add.add_argument("names", nargs="+", metavar="NAME", help="Piper voice name(s)")
    add.add_argument("--from", dest="base", metavar="URL",
                     help=f"voice hub to download from (default: ${BASE_ENV}, else {HUB})")
    add.set_defaults(run=_add)


def _add(args: argparse.Namespace) -> int:
    return run_add(config_from(args), args.names, args.base)
