"""Spoken-question probes against the real ``guichet serve`` (Whisper in its child
process), and a stop by SIGTERM or SIGINT while spoken questions are accepted.

Recordings are made here (PyAV) or by the bundled Piper voice; nothing is faked. The
server's memory is read from ``/proc/PID/status`` (VmHWM: the most it ever held).
"""

from __future__ import annotations

import io
import json
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest

from tests.support.recordings import flac
from tests.support.served import Served, serving
from tests.support.waiting import until

QUESTION = "What day is the market?"


@pytest.fixture(scope="module")
def spoken(speak: Callable[[str], Path]) -> bytes:
    return speak(QUESTION).read_bytes()


@pytest.fixture(scope="module")
def voice_server(cache_dir: Path) -> Iterator[Served]:
    with serving("serve", config="serve:\n  port: 0\n  queue_size: 4\n",
                 cache_dir=cache_dir) as served:
        yield served


def post_audio(served: Served, data: bytes, kind: str = "audio/wav"
               ) -> tuple[int, dict[str, str], dict[str, Any]]:
    status, headers, body = served.request("POST", "/api/ask", data, {"Content-Type": kind})
    return status, headers, json.loads(body)


def silence_wav(seconds: float, rate: int = 48_000) -> bytes:
    """Stereo 16-bit silence: 30 s at 48 kHz is the 6-MB limit's size."""
    out = io.BytesIO()
    with av.open(out, "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=rate, layout="stereo")
        frame = av.AudioFrame.from_ndarray(np.zeros((1, int(rate * seconds) * 2), np.int16),
                                           format="s16", layout="stereo")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


def test_a_five_hertz_flac_is_a_400_and_costs_no_memory(voice_server: Served) -> None:
    """82 KB declaring 5 Hz: resampled before any check, it took 5 GB."""
    status, _headers, data = post_audio(voice_server, flac(5, 26_000, frame=65_535),
                                        "audio/flac")
    assert status == 400 and "sample rate" in data["error"]
    status, _headers, data = post_audio(voice_server, flac(8_000, 40.0), "audio/flac")
    assert status == 413 and "30 s" in data["error"]
    assert voice_server.peak_mb() < 1024


def test_a_flood_of_large_uploads_is_refused_before_it_is_read(voice_server: Served,
                                                               spoken: bytes) -> None:
    """200 uploads of 5.3 MB were all read and decoded before the queue refused 192:
    1.38 GB. Here a recording is read only once it has a place in the queue."""
    upload = silence_wav(27.0)
    assert 5_000_000 < len(upload) < 6_000_000
    before = voice_server.rss_mb()
    senders = 100
    barrier = threading.Barrier(senders)

    def send(_: int) -> int:
        barrier.wait(60)
        return voice_server.request("POST", "/api/ask", upload,
                                    {"Content-Type": "audio/wav"})[0]

    with ThreadPoolExecutor(senders) as pool:
        statuses = Counter(pool.map(send, range(senders)))
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[503] >= senders // 2, statuses
    grown = voice_server.peak_mb() - before
    # All of them in memory at once would be 530 MB of bodies alone.
    assert grown < 300, f"grew {grown:.0f} MB for {statuses}"
    assert post_audio(voice_server, spoken)[0] == 200


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_answers_every_accepted_spoken_question(
        cache_dir: Path, spoken: bytes, sig: signal.Signals) -> None:
    """SIGTERM (systemd, containers) exited at once: 3 of 4 accepted spoken questions got
    a dropped connection. Both signals must now drain the queue, then exit with 0."""
    with serving("serve", config="serve:\n  port: 0\n  queue_size: 3\n  workers: 1\n",
                 cache_dir=cache_dir) as served:
        assert post_audio(served, spoken)[0] == 200  # Whisper warm
        with ThreadPoolExecutor(4) as pool:
            asked = [pool.submit(post_audio, served, spoken) for _ in range(4)]

            def all_accepted() -> bool:
                queue = json.loads(served.request("GET", "/api/health")[2])["queue"]
                return bool(queue["running"] + queue["waiting"] == 4)

            until(all_accepted, "four spoken questions accepted")
            served.proc.send_signal(sig)
            replies = [future.result(120) for future in asked]
        assert [status for status, _h, _d in replies] == [200] * 4, replies
        assert all("market" in data["question"].lower() for _s, _h, data in replies)
        assert served.proc.wait(60) == 0
        assert not any("Traceback" in line for line in served.log), served.log


def test_a_hanging_llm_does_not_hold_the_askers(tmp_path: Path) -> None:
    """With a hanging LLM and 20 typed askers, p50 was 22 s and a question the LLM never
    sees waited 19.7 s. The LLM slot is now held only around the LLM's call, and a silent
    LLM is left alone for a while (its breaker): every answer comes from the pack, soon."""
    from tests.support.scripted_llm import ScriptedLLM

    with ScriptedLLM() as llm:
        llm.reply = "The market is on Thursday."
        llm.delay_s = 60.0
        config = (f"llm:\n  base_url: {llm.base_url}\n  model: m\n  first_token_s: 1\n"
                  "  total_s: 3\n  retry_after_s: 60\nserve:\n  port: 0\n")
        with serving("serve", "--no-voice", config=config) as served:
            questions = ["When is the market?", "Combien coûte la cantine ?",
                         "What is the capital of Peru?", "Quand ouvre la mairie ?"] * 5

            def ask(question: str) -> tuple[int, dict[str, Any], float]:
                start = time.monotonic()
                status, data = served.ask(question)
                return status, data, time.monotonic() - start

            with ThreadPoolExecutor(len(questions)) as pool:
                replies = list(pool.map(ask, questions))
            assert [status for status, _d, _t in replies] == [200] * len(questions)
            # Not a benchmark: the bound is the budget (1 s) twice, far from the 60-s hang.
            slowest = max(took for _s, _d, took in replies)
            assert slowest < 10, slowest
            assert len(llm.requests) <= 2, len(llm.requests)  # the breaker stopped asking
            start = time.monotonic()
            status, data = served.ask("When is the market?")
            assert status == 200 and data["sources"] == ["marche"]
            assert time.monotonic() - start < 1.0  # breaker open: no wait at all
