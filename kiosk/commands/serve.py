"""``guichet serve`` and ``guichet tour serve``: the ask API, with or without a tour site.

One composition for both: the pack and answerer are loaded once; Whisper is loaded only
when spoken questions are accepted, in one child process per recognition worker. The
server is uvicorn running the Starlette app of :mod:`kiosk.server.app`; questions go to
the staff report's log when the town keeps it, and ``/staff/report`` is served when the
environment holds its token (``serve.staff_token_env``, ``GUICHET_STAFF_TOKEN``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from guichet.kiosk.commands.common import (
    Subparsers,
    UsageError,
    add_serve_options,
    config_from,
    progress,
)
from guichet.kiosk.config import GuichetConfig

if TYPE_CHECKING:
    from guichet.content.pack.loader import Pack
    from guichet.kiosk.server.app import StaffReport

_LOGGER = logging.getLogger(__name__)


def plan_cpus(cpus: list[int], one_core: bool) -> tuple[int | None, tuple[int, ...]]:
    """The core for the server's threads (None: no pinning) and the cores for speech
    recognition: the first one and the rest, when there are two or more."""
    if not one_core or len(cpus) < 2:
        return None, tuple(cpus)
    return cpus[0], tuple(cpus[1:])


def stt_threads(configured: int, workers: int, cores: int) -> int:
    """CPU threads for each recognition worker: as configured, else its share of the
    ``cores`` left for recognition, at least 1."""
    if configured > 0:
        return configured
    return max(1, cores // max(workers, 1))


def server_processes(configured: int, voice: bool, cores: int) -> int:
    """Server processes: one with spoken questions (their queue is in one process), else
    as configured, else one per core."""
    if voice:
        if configured > 1:
            _LOGGER.warning("serve.processes: %d ignored, spoken questions need a single "
                            "server process", configured)
        return 1
    return configured if configured > 0 else max(1, cores)


def _usable_cpus() -> list[int]:
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


@contextlib.contextmanager
def _children_keep_running() -> Iterator[None]:
    """Processes started in this block ignore SIGINT and SIGTERM (ignored signals are
    inherited): Ctrl+C in the terminal, or systemd stopping the whole group, must not
    kill the recognition children while the server drains its accepted questions. They
    end when the server closes them, or when their pipe to it closes."""
    from guichet.kiosk.server.runner import stop_signals
    with stop_signals(signal.SIG_IGN):
        yield


def staff_report(config: GuichetConfig, pack: Pack, token: str) -> StaffReport:
    """``/staff/report``: the report of ``guichet report``, rendered at each request."""
    from guichet.kiosk.server.app import StaffReport
    from guichet.kiosk.staff.journal import QuestionLog, log_folder
    from guichet.kiosk.staff.report import period_text, render_html, summarize, topic_finder

    log = QuestionLog(log_folder(config.privacy.data_dir))
    finder = topic_finder(pack, config.answer)
    return StaffReport(token, lambda: render_html(summarize(log.read(None), finder),
                                                  pack.town.name, period_text(None)))


def run_serve(config: GuichetConfig, site: Path | None, host: str | None, port: int | None,
              voice: bool, pack: Pack | None = None) -> int:
    """Serve until SIGTERM or Ctrl+C; ``site`` None serves the API alone; questions are
    answered from ``pack`` (default: the configured town's). Returns the exit code (0
    once every accepted request has been answered)."""
    from guichet.content.mobility.data import MobilityData
    from guichet.kiosk.compose import build_answerer, load_town_pack
    from guichet.kiosk.server.runner import PortError, make_server
    from guichet.kiosk.staff.journal import question_log

    serve = dataclasses.replace(config.serve, voice=voice)
    if host is not None:
        serve.host = host
    if port is not None:
        if not 0 <= port <= 65535:
            raise UsageError(f"--port {port}: a port is between 0 and 65535 (0: any free one)")
        serve.port = port
    pack = pack if pack is not None else load_town_pack(config)
    mobility = MobilityData.load(pack.mobility)
    answerer = build_answerer(config, pack, mobility=mobility)
    journal = question_log(config.privacy.store_questions, config.privacy.data_dir)
    token = os.environ.get(serve.staff_token_env, "").strip()
    staff = staff_report(config, pack, token) if token else None
    cpus = _usable_cpus()
    processes = server_processes(serve.processes, voice, len(cpus))
    # Pinned only beside Whisper: alone, the server's processes may use every core.
    http_cpu, stt_cpus = plan_cpus(cpus, serve.one_core and voice)
    recognizer = None
    if voice:
        from guichet.voice.stt_process import ProcessWhisper

        progress("loading_stt")
        threads = stt_threads(config.stt.cpu_threads, serve.workers, len(stt_cpus))
        stt = dataclasses.replace(config.stt, cpu_threads=threads)
        # In child processes: see voice.stt_process for what it costs in the server's own.
        with _children_keep_running():
            recognizer = ProcessWhisper(stt, pack.town.languages, processes=serve.workers,
                                        cpus=stt_cpus if http_cpu is not None else ())
    if http_cpu is not None and hasattr(os, "sched_setaffinity"):
        # Before the first server thread starts: every thread inherits it.
        os.sched_setaffinity(0, {http_cpu})
        _LOGGER.info("server on CPU %d, speech recognition on %s", http_cpu, list(stt_cpus))
    # As the kiosk's pipeline: the town's name only (stop names in Whisper's prompt made
    # it mishear English questions; see kiosk/compose.py). stt.hotwords are added by
    # LocalWhisper itself.
    hotwords = (pack.town.name,)
    try:
        server = make_server(site, answerer, pack.town.languages, serve, recognizer,
                             hotwords, journal, staff, processes)
    except PortError as err:
        if recognizer is not None:
            recognizer.close()
        raise UsageError(str(err)) from None
    except BaseException:
        if recognizer is not None:
            recognizer.close()
        raise
    host_bound, port_bound = server.server_address
    what = f"{site} and the ask API" if site is not None else "the ask API"
    spoken = (f"typed and spoken questions (queue {serve.queue_size}, {serve.workers} "
              "worker(s))" if voice else "typed questions")
    extras = "".join([", questions logged for the staff report" if journal else "",
                      ", /staff/report with its token" if staff else ""])
    many = f"; {processes} server processes" if processes > 1 else ""
    print(f"Serving {what} on http://{host_bound}:{port_bound}/ ({spoken}{extras}{many}; "
          "Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        if recognizer is not None:
            recognizer.close()
    return 0


def add_parser(sub: Subparsers) -> None:
    serve = sub.add_parser("serve", help="the ask API alone, for several kiosks and phones: "
                           "POST /api/ask with JSON text or a recording")
    add_serve_options(serve)
    serve.add_argument("--voice", action=argparse.BooleanOptionalAction, default=None,
                       help="accept spoken questions (loads Whisper); --no-voice: typed "
                       "questions only (default: serve.voice in the configuration, else on)")
    serve.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    config = config_from(args)
    voice = config.serve.voice if args.voice is None else args.voice
    return run_serve(config, None, args.host, args.port, voice)
