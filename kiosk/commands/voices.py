"""``guichet voices``: the voice of each of the town's languages, and how to add one."""

from __future__ import annotations

import logging

from guichet.kiosk.commands.common import Subparsers, add_config_option, config_from
from guichet.kiosk.compose import load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice.tts import add_voice_hint, choose_voices, installed_voices


def run_voices(config: GuichetConfig) -> int:
    languages = load_town_pack(config).town.languages
    # This command explains missing voices itself: the engine's warning would repeat it.
    logging.getLogger("guichet.voice.tts").setLevel(logging.ERROR)
    chosen = choose_voices(config.tts, languages)
    print("Languages of the town:")
    for lang in languages:
        voice = chosen.get(lang)
        if voice:
            print(f"  {lang}: {voice.name} ({voice.origin})")
        else:
            print(f"  {lang}: no voice - answers are shown as text only")
            print(f"      {add_voice_hint(lang, config.tts)}")
    print("Installed voices:")
    for voice in installed_voices(config.tts):
        print(f"  {voice.name} [{voice.language}] {voice.path}")
    print(f"Voice folders searched: {', '.join(str(d) for d in config.tts.search_dirs())}")
    return 0


def add_parser(sub: Subparsers) -> None:
    voices = sub.add_parser("voices", help="list installed voices per language and how to "
                            "add one")
    add_config_option(voices)
    voices.set_defaults(run=lambda args: run_voices(config_from(args)))
