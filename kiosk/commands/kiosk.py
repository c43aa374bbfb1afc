"""``guichet kiosk``: load the pack, send logs to a file, run the screen until stopped."""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from guichet.kiosk.commands.common import Subparsers, add_config_option, config_from
from guichet.kiosk.compose import build_pipeline, load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.staff.journal import question_log
from guichet.voice import dirs

_LOGGER = logging.getLogger(__name__)


@contextmanager
def _native_stderr_to(path: Path) -> Iterator[None]:
    """Send what C libraries print on stderr (ALSA, PortAudio) to ``path``.

    Textual draws on stderr too (``sys.__stderr__``): it keeps the terminal through a
    copy of the descriptor, while descriptor 2, where ALSA and PortAudio write their
    complaints about a missing microphone, goes to the log instead of over the screen.
    """
    terminal = os.dup(2)
    log = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    saved = sys.__stderr__, sys.stderr
    screen = io.TextIOWrapper(os.fdopen(terminal, "wb", buffering=0), write_through=True)
    original = os.dup(2)
    try:
        os.dup2(log, 2)
        sys.__stderr__ = sys.stderr = screen  # type: ignore[misc]
        yield
    finally:
        os.dup2(original, 2)
        sys.__stderr__, sys.stderr = saved  # type: ignore[misc]
        for fd in (log, original):
            os.close(fd)
        screen.close()


def run_kiosk(config: GuichetConfig, level: int) -> int:
    """Run the kiosk; a broken pack or configuration is reported before the screen opens."""
    pack = load_town_pack(config)
    log_file = (Path(config.kiosk.log_file) if config.kiosk.log_file
                else dirs.state_dir() / "kiosk.log")
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):  # the screen is the visitor's: logs go to the file only
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(min(level, logging.INFO))
    logging.captureWarnings(True)  # gpiozero's fallbacks, library deprecations: to the log
    journal = question_log(config.privacy.store_questions, config.privacy.data_dir)
    _LOGGER.info("kiosk starting for %s (log: %s, questions kept: %s)", pack.town.name,
                 log_file, journal.path if journal else "no")
    print(f"guichet: kiosk for {pack.town.name}; log in {log_file}", file=sys.stderr)
    with ThreadPoolExecutor(1, thread_name_prefix="guichet-answerer") as pool:
        # The answerer loads while Textual is imported and the screen opens: typed
        # questions are answered about half a second sooner (bench/kiosk_start.py).
        typed = pool.submit(build_pipeline, config, pack, False, False)
        from guichet.kiosk.ui.app import KioskApp

        with _native_stderr_to(log_file):
            KioskApp(config, pack, journal=journal, typed=typed).run()
    _LOGGER.info("kiosk stopped")
    return 0


def add_parser(sub: Subparsers) -> None:
    kiosk = sub.add_parser("kiosk", help="run the kiosk screen (full screen; logs go to a file)")
    add_config_option(kiosk)
    kiosk.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    return run_kiosk(config_from(args), logging.DEBUG if args.debug else logging.INFO)
