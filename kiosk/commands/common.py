"""What every command shares: the town's configuration, usage errors, ``--at``.

Command modules register their own parser (``add_parser``) and turn the parsed
arguments into typed ones before calling their ``run_*`` function: argparse stops here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from guichet.content.pack.messages import text
from guichet.kiosk.config import GuichetConfig, load_config

Subparsers = argparse._SubParsersAction  # what ``add_subparsers`` returns


class UsageError(Exception):
    """A command line that cannot be run as written (exit code 2, one line)."""


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """``guichet kiosk --config FILE`` reads as well as ``guichet --config FILE kiosk``
    (kept for command modules that still call it; :func:`add_global_options` adds it)."""
    if "--config" not in parser._option_string_actions:
        parser.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                            help="town configuration file (as before the command)")


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("guichet")
    except PackageNotFoundError:
        return "unknown"


def add_global_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """The options every command takes, before or after its name: ``guichet --config F
    ask`` and ``guichet ask --config F`` read the same. On the top parser they carry the
    defaults; on a command's parser they default to nothing, so that a value given before
    the command is kept. An option a command already defines is left as it is."""

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    options: list[tuple[tuple[str, ...], dict[str, object]]] = [
        (("--config",), dict(type=Path, default=default(None), help="town configuration "
                             "file (guichet.yaml); default: $GUICHET_CONFIG, else the demo "
                             "town")),
        (("--pack",), dict(type=Path, default=default(None), help="knowledge pack folder "
                           "(overrides the configuration's)")),
        (("--lang",), dict(default=default(None), help="language of the question, answer "
                           "or voice (e.g. fr, en): one the town serves")),
        (("-v", "--verbose"), dict(action="store_true", default=default(False),
                                   help="say what is loaded")),
        (("--debug",), dict(action="store_true", default=default(False),
                            help="debug logs and tracebacks")),
        (("--version",), dict(action="version", version=f"guichet {version()}")),
    ]
    for names, kwargs in options:
        if not any(name in parser._option_string_actions for name in names):
            parser.add_argument(*names, **kwargs)  # type: ignore[arg-type]


def command_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every parser below ``parser``: commands and their subcommands."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found.append(child)
                found.extend(command_parsers(child))
    return found


def progress(key: str) -> None:
    """One line on stderr while something slow loads ("Loading the speech model…"), in
    the staff's language; stdout stays the command's answer."""
    print(text(key), file=sys.stderr, flush=True)


def served_language(lang: str | None, languages: tuple[str, ...], place: str) -> str | None:
    """``--lang`` as given, checked against the town's languages before anything loads."""
    if lang is not None and lang not in languages:
        raise UsageError(text("lang_unserved", code=lang, place=place,
                              served=", ".join(languages)))
    return lang


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="interface to bind (default: serve.host in the "
                        "configuration, else 127.0.0.1)")
    parser.add_argument("--port", type=port, help="TCP port (default: serve.port, else 8765; "
                        "0: any free port)")


def port(text: str) -> int:
    """An argparse type: a TCP port, 0 to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a TCP port from 1 to 65535 "
                                         "(0: any free port)")
    return value


def config_path(args: argparse.Namespace) -> Path | None:
    """``--config``, else $GUICHET_CONFIG, else None (the demo town)."""
    given = getattr(args, "config", None)
    if given:
        return Path(given)
    env = os.environ.get("GUICHET_CONFIG")
    return Path(env) if env else None


def config_from(args: argparse.Namespace) -> GuichetConfig:
    """The configuration named by ``--config``, else $GUICHET_CONFIG, else the demo
    town's; ``--pack`` replaces its pack."""
    path = config_path(args)
    config = load_config(path) if path else GuichetConfig()
    if getattr(args, "pack", None):
        config.pack = args.pack
    return config


def parse_at(value: str, timezone: str | dt.tzinfo) -> dt.datetime:
    """``--at 2026-11-25T14:05``: a local time in ``timezone`` unless it names its own."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--at '{value}' is not a local time such as 2026-11-25T14:05"
                         ) from None
    zone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def day(text: str) -> dt.date:
    """An argparse type: a day written 2026-11-01."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-01") from None
