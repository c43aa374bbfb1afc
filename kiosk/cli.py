"""The ``guichet`` command: assembles the subcommands of :mod:`guichet.kiosk.commands`.

Each command module registers its own parser and run function; this module only adds the
global options and turns every error a person can cause (a missing file, a YAML mistake,
an unknown language) into one clear message with exit code 2. Nothing prints a traceback
unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from guichet.content.answer.evaluate import EvalFileError
from guichet.content.mobility.gtfs import GtfsError
from guichet.content.pack.loader import PackError
from guichet.content.pack.yamlsrc import Problem
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
from guichet.kiosk.commands.common import UsageError
from guichet.kiosk.config import ConfigError
from guichet.tours.model import TourError
from guichet.voice.errors import VoiceError

# In the order `guichet --help` lists them.
COMMANDS = (ask, evaluate, departures, tour, serve, say, voices, kiosk, report, hardware, content)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guichet", description="Voice kiosk for town halls.")
    parser.add_argument("--config", type=Path, help="town configuration file (guichet.yaml); "
                        "default: $GUICHET_CONFIG, else the demo town")
    parser.add_argument("-v", "--verbose", action="store_true", help="say what is loaded")
    parser.add_argument("--debug", action="store_true", help="debug logs and tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def _report(message: str, as_json: bool) -> None:
    print(f"guichet: error: {message}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message}, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="guichet: %(levelname)s: %(message)s")
    # Libraries that log chatter at their own level: keep their warnings only.
    for noisy in ("bm25s", "faster_whisper", "httpx"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    as_json = bool(getattr(args, "json", False))
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (PackError, ConfigError, EvalFileError, TourError) as err:
        problems: list[Problem] = err.problems
        # "guichet: error: " says it once: not again on each line.
        _report("\n".join(p.located() for p in problems if p.severity == "error"), as_json)
        return 2
    except (VoiceError, UsageError, GtfsError, FileNotFoundError) as err:
        _report(str(err), as_json)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: nothing left to say
        return 0
    except Exception as err:  # the last net: one line for people, the trace with --debug
        if args.debug:
            raise
        _report(f"internal error ({err.__class__.__name__}: {err}); run again with --debug "
                "and report it", as_json)
        return 1
