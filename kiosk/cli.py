"""The ``guichet`` command: assembles the subcommands of :mod:`guichet.kiosk.commands`.

Each command module registers its own parser and run function; this module adds the
global options (to every command too: they are read before or after its name), chooses
the language of staff messages (:mod:`guichet.content.pack.messages`) and turns every
error a person can cause (a missing file, a YAML mistake, an unknown language) into one
clear message with exit code 2. Nothing prints a traceback
unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from guichet.content.answer.evaluate import EvalFileError
from guichet.content.mobility.gtfs import GtfsError
from guichet.content.pack import messages
from guichet.content.pack.loader import PackError
from guichet.content.pack.messages import town_languages
from guichet.content.pack.yamlsrc import Problem, YamlError, load_yaml
from guichet.kiosk.commands import (
    ask,
    content,
    departures,
    evaluate,
    hardware,
    kiosk,
    report,
    say,
    serve,
    tour,
    voices,
)
from guichet.kiosk.commands.common import (
    UsageError,
    add_global_options,
    command_parsers,
    config_path,
)
from guichet.kiosk.config import ConfigError, load_config
from guichet.tours.model import TourError
from guichet.voice.errors import VoiceError

# In the order `guichet --help` lists them.
COMMANDS = (ask, evaluate, departures, tour, serve, say, voices, kiosk, report, hardware, content)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guichet", description="Voice kiosk for town halls.")
    add_global_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    # The same options after any command: `guichet eval Q.yaml --config F` as well.
    for child in command_parsers(parser):
        add_global_options(child, top=False)
    return parser


def _town_languages(args: argparse.Namespace) -> tuple[tuple[str, ...], str]:
    """The configured staff language and the town's languages, read leniently: a broken
    file is reported later, by the command, in the locale's language."""
    configured, languages = "", tuple[str, ...]()
    pack: Path | None = getattr(args, "pack", None)
    path = config_path(args)
    if path is not None:
        try:
            config = load_config(path)
            configured, languages = config.language, tuple(config.languages)
            pack = pack or config.pack
        except ConfigError:  # reported by the command; its language keys may still be read
            raw = _lenient(path)
            configured = str(raw.get("language", ""))
            languages = tuple(str(x) for x in raw.get("languages") or () if isinstance(x, str))
    pack = getattr(args, "pack_dir", None) or pack
    if pack is not None and not languages:
        languages = town_languages(Path(pack))
    return languages, configured


def _lenient(path: Path) -> dict[str, Any]:
    try:
        raw = load_yaml(path)
    except YamlError:
        return {}
    return raw if isinstance(raw, dict) else {}


def _report(message: str, as_json: bool) -> None:
    print(messages.text("guichet_error", message=message), file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message}, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="guichet: %(levelname)s: %(message)s")
    # Libraries that log chatter at their own level: keep their warnings only.
    for noisy in ("bm25s", "faster_whisper", "httpx"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    languages, configured = _town_languages(args)
    messages.use(messages.choose(configured, os.environ, languages))
    as_json = bool(getattr(args, "json", False))
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (PackError, ConfigError, EvalFileError, TourError) as err:
        problems: list[Problem] = err.problems
        # "guichet: error: " says it once: not again on each line.
        _report("\n".join(messages.located(p) for p in problems if p.severity == "error"),
                as_json)
        return 2
    except (VoiceError, UsageError, GtfsError, FileNotFoundError) as err:
        _report(messages.translate(str(err)), as_json)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: nothing left to say
        return 0
    except Exception as err:  # the last net: one line for people, the trace with --debug
        if args.debug:
            raise
        _report(messages.text("internal_error", error=f"{err.__class__.__name__}: {err}"),
                as_json)
        return 1
