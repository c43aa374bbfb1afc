"""``guichet serve`` and ``guichet tour serve``: the ask API, with or without a tour site.

One composition for both: the pack and answerer are loaded once; Whisper is loaded only
when spoken questions are accepted, in one child process per recognition worker.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path

from kiosk.config import GuichetConfig

_LOGGER = logging.getLogger(__name__)


def stt_threads(configured: int, workers: int) -> int:
    """CPU threads for each recognition worker: as configured, else the cores left once one
    is kept for typed questions (answered in Python, so one core at most), at least 1."""
    if configured > 0:
        return configured
    return max(1, ((os.cpu_count() or 2) - 1) // max(workers, 1))


def run_serve(config: GuichetConfig, site: Path | None, host: str | None, port: int | None,
              voice: bool) -> int:
    """Serve until Ctrl+C; ``site`` None serves the API alone. Returns the exit code."""
    from content.mobility import MobilityData
    from kiosk.app_setup import build_answerer, load_town_pack
    from tours.server import make_server

    serve = dataclasses.replace(config.serve, voice=voice)
    if host is not None:
        serve.host = host
    if port is not None:
        serve.port = port
    if config.llm.base_url and serve.answer_slots == 0:
        serve.answer_slots = 1  # one LLM generation at a time; the others wait their turn
    pack = load_town_pack(config)
    mobility = MobilityData.load(pack.mobility)
    answerer = build_answerer(config, pack, mobility=mobility)
    transcriber = None
    if voice:
        from voice.stt_process import ProcessWhisper

        stt = dataclasses.replace(config.stt,
                                  cpu_threads=stt_threads(config.stt.cpu_threads, serve.workers))
        # In child processes: see voice.stt_process for what it costs in the server's own.
        transcriber = ProcessWhisper(stt, pack.town.languages, processes=serve.workers)
    hotwords = (pack.town.name, *mobility.stop_names())
    try:
        server = make_server(site, answerer, pack.town.languages, serve, transcriber,
                             hotwords)
    except BaseException:
        if transcriber is not None:
            transcriber.close()
        raise
    host_bound, port_bound = str(server.server_address[0]), server.server_address[1]
    what = f"{site} and the ask API" if site is not None else "the ask API"
    spoken = (f"typed and spoken questions (queue {serve.queue_size}, {serve.workers} "
              "worker(s))" if voice else "typed questions")
    print(f"Serving {what} on http://{host_bound}:{port_bound}/ ({spoken}; Ctrl+C to stop)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if transcriber is not None:
            transcriber.close()
    return 0
