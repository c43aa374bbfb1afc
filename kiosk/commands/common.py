"""What every command shares: the town's configuration, usage errors, ``--at``.

Command modules register their own parser (``add_parser``) and turn the parsed
arguments into typed ones before calling their ``run_*`` function: argparse stops here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from guichet.kiosk.config import GuichetConfig, load_config

Subparsers = argparse._SubParsersAction  # what ``add_subparsers`` returns


class UsageError(Exception):
    """A command line that cannot be run as written (exit code 2, one line)."""


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """``guichet kiosk --config FILE`` reads as well as ``guichet --config FILE kiosk``."""
    parser.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                        help="town configuration file (as before the command)")


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


def config_from(args: argparse.Namespace) -> GuichetConfig:
    """The configuration named by ``--config``, else $GUICHET_CONFIG, else the demo
    town's; ``--pack`` replaces its pack."""
    path = args.config or (Path(os.environ["GUICHET_CONFIG"])
                           if os.environ.get("GUICHET_CONFIG") else None)
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
