"""The ask API on 127.0.0.1: spoken questions through real Whisper, the bounded queue, limits,
typed questions under 50 concurrent askers, and ``guichet serve`` as a command.

Spoken questions are made by the bundled Piper voice and recognised by the bundled
Whisper base model (the demo town speaks French and English). A "slow turn" is a long
recording: the question after three sentences, about 14 s of speech. Nothing is faked.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.answer.evaluate import load_questions
from guichet.content.pack.loader import Pack
from guichet.kiosk.commands.serve import plan_cpus, server_processes, stt_threads
from guichet.kiosk.server.ask_api import ServeConfig
from guichet.kiosk.server.runner import AskServer, make_server
from guichet.tours.model import load_tour
from guichet.tours.site import write_site
from guichet.voice.pipeline import Pipeline
from guichet.voice.stt import LocalWhisper, SttConfig
from tests.conftest import REPO
from tests.support.waiting import until

WAIT = 120.0  # a generous limit against hanging, not a performance assertion
QUESTION = "What day is the market?"


@pytest.fixture(scope="module")
def spoken(speak: Callable[[str], Path]) -> bytes:
    return speak(QUESTION).read_bytes()


@pytest.fixture(scope="module")
def long_spoken(speak: Callable[[str], Path]) -> bytes:
    """A slow turn: about 14 s of speech, under the 30-s limit. Not a repetition: Whisper
    decodes a repetitive recording again at higher temperatures (12 s instead of 2)."""
    return speak("Good morning. My wife and I are staying in the old town until Sunday, and "
                 "we would love to buy cheese, bread and fresh vegetables from the local "
                 "farmers. Someone at the hotel told us there is a weekly market near the "
                 f"church. {QUESTION}").read_bytes()


@pytest.fixture(scope="module")
def slow_stt() -> LocalWhisper:
    """faster-whisper's own 30-s window path: turns of seconds, long enough for a queue to
    fill and be watched (the short encoder can finish a turn between two looks)."""
    return LocalWhisper(SttConfig(model="base", short_encoder=False), ("fr", "en"))


@pytest.fixture
def start(demo_pack: Pack, kiosk_pipeline: Pipeline) -> Iterator[Callable[..., AskServer]]:
    servers: list[AskServer] = []

    def make(voice: bool = True, stt: LocalWhisper | None = None, **config: Any) -> AskServer:
        server = make_server(None, EmbeddedAnswerer(demo_pack), ("fr", "en"),
                             ServeConfig(port=0, **config),
                             (stt or kiosk_pipeline.stt) if voice else None,
                             kiosk_pipeline.hotwords)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.shutdown()
        server.server_close()


def post(server: AskServer, body: bytes, kind: str, path: str = "/api/ask"
         ) -> tuple[int, dict[str, str], dict[str, Any]]:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=WAIT)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": kind})
        response = conn.getresponse()
        data = json.loads(response.read())
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        conn.close()


def health(server: AskServer) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=WAIT)
    conn.request("GET", "/api/health")
    data: dict[str, Any] = json.loads(conn.getresponse().read())
    conn.close()
    return data


def queue_counts(server: AskServer) -> tuple[int, int]:
    queue = health(server)["queue"]
    return queue["running"], queue["waiting"]


def test_a_spoken_question_gets_the_right_answer(start, spoken: bytes) -> None:  # type: ignore[no-untyped-def]
    server = start()
    status, _headers, data = post(server, spoken, "audio/wav")
    assert status == 200, data
    assert "market" in data["question"].lower() and data["question_language"] == "en"
    assert data["sources"] == ["marche"] and "Thursday" in data["answer"]
    assert data["heard"] is True and data["timings"]["stt_s"] > 0
    # The language may be imposed, as the phone page knows it.
    status, _headers, data = post(server, spoken, "audio/wav", "/api/ask?lang=en")
    assert status == 200 and data["sources"] == ["marche"]


def test_a_flood_of_spoken_questions_gets_503s_and_every_accepted_one_an_answer(
        start, long_spoken: bytes, slow_stt: LocalWhisper) -> None:  # type: ignore[no-untyped-def]
    server = start(queue_size=1, workers=1, stt=slow_stt)
    senders = 6
    barrier = threading.Barrier(senders)

    def ask(_: int) -> tuple[int, dict[str, str], dict[str, Any]]:
        barrier.wait(WAIT)
        return post(server, long_spoken, "audio/wav")

    with ThreadPoolExecutor(senders) as pool:
        replies = list(pool.map(ask, range(senders)))
    statuses = Counter(status for status, _h, _d in replies)
    assert statuses[200] + statuses[503] == senders, statuses
    # One recognised, one waiting: the rest arrive while a 14-s recording is recognised.
    assert statuses[200] >= 2 and statuses[503] >= 1, statuses
    for status, headers, data in replies:
        if status == 200:
            assert data["heard"] and "market" in data["question"].lower(), data
            assert data["answer"], data
        else:
            seconds = int(headers["retry-after"])
            assert seconds >= 1 and data["retry_after"] == seconds
            assert "again" in data["error"] and "réessayer" in data["error_fr"]
    until(lambda: queue_counts(server) == (0, 0), "the queue to empty")


def test_typed_questions_are_answered_while_spoken_ones_wait(  # type: ignore[no-untyped-def]
        start, long_spoken: bytes, slow_stt: LocalWhisper) -> None:
    server = start(queue_size=1, workers=1, stt=slow_stt)
    with ThreadPoolExecutor(2) as pool:
        voice = [pool.submit(post, server, long_spoken, "audio/wav") for _ in range(2)]
        seen: list[tuple[int, int]] = []

        def one_running_one_waiting() -> bool:
            seen.append(queue_counts(server))
            return seen[-1] == (1, 1)

        until(one_running_one_waiting, "one running, one waiting",
              describe=lambda: f"last seen {seen[-1:]}, "
              f"{[f.result() if f.done() else 'pending' for f in voice]}")
        for _ in range(5):
            status, _h, data = post(server, json.dumps(
                {"question": "Combien coûte la cantine ?", "lang": "fr"}).encode(),
                "application/json")
            assert status == 200 and data["sources"] == ["cantine"]
        # Still recognising speech: the typed answers did not wait for it.
        assert sum(queue_counts(server)) >= 1
        results = [f.result(WAIT) for f in voice]
    assert [status for status, _h, _d in results] == [200, 200]


def test_audio_limits_and_garbage_are_refused_clearly(  # type: ignore[no-untyped-def]
        start, spoken: bytes, long_spoken: bytes) -> None:
    server = start(max_audio_bytes=len(long_spoken) - 1, max_audio_s=5.0)
    status, _h, data = post(server, long_spoken, "audio/wav")
    assert status == 413 and "larger than" in data["error"]
    half = long_spoken[:len(long_spoken) // 2]  # ~7 s: under the byte limit, over 5 s
    status, _h, data = post(server, half, "audio/wav")
    assert status == 413 and "limit" in data["error"]
    status, _h, data = post(server, b"this is certainly not a recording " * 50, "audio/wav")
    assert status == 400 and "not audio that can be read" in data["error"]
    status, _h, data = post(server, b"", "audio/webm")
    assert status == 400 and "no audio" in data["error"]
    status, _h, data = post(server, spoken, "multipart/form-data; boundary=x")
    assert status == 415 and "not a form" in data["error"]
    status, _h, data = post(server, spoken, "audio/wav", "/api/ask?lang=de")
    assert status == 400 and "'de' is not served" in data["error"]
    # Still answering after all that.
    assert post(server, spoken, "audio/wav")[0] == 200


def test_a_text_only_server_says_so_for_recordings(start, spoken: bytes) -> None:  # type: ignore[no-untyped-def]
    server = start(voice=False)
    status, _h, data = post(server, spoken, "audio/wav")
    assert status == 415 and "typed questions only" in data["error"]
    assert health(server)["voice"] is False


def test_fifty_concurrent_text_askers_all_get_their_answers(start, demo_pack: Pack) -> None:  # type: ignore[no-untyped-def]
    """Correctness under concurrency only: latency is measured in bench/ask_load.py."""
    server = start(voice=False)
    questions = load_questions(REPO / "content/demo/eval/questions.yaml",
                               demo_pack.town.languages)
    reference = EmbeddedAnswerer(demo_pack)
    expected = {(q.q, q.lang): reference.answer(q.q, q.lang).text for q in questions}
    port = server.server_address[1]

    def asker(index: int) -> list[str]:
        wrong = []
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)  # keep-alive
        for turn in range(30):
            question = questions[(index * 7 + turn) % len(questions)]
            conn.request("POST", "/api/ask", json.dumps(
                {"question": question.q, "lang": question.lang}).encode(),
                {"Content-Type": "application/json"})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                wrong.append(f"HTTP {response.status}: {body!r}")
            elif json.loads(body)["answer"] != expected[(question.q, question.lang)]:
                wrong.append(f"{question.q!r} got {json.loads(body)['answer']!r}")
        conn.close()
        return wrong

    with ThreadPoolExecutor(50) as pool:
        problems = [p for found in pool.map(asker, range(50)) for p in found]
    assert problems == []


@contextmanager
def guichet_serving(*args: str, says: str, cache_dir: Path) -> Iterator[int]:
    """Run ``python -m kiosk ARGS`` until the block ends; yield the port it announced,
    checking that its announcement contains ``says``."""
    proc = subprocess.Popen([sys.executable, "-m", "guichet.kiosk", *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE,
                            env={**os.environ, "GUICHET_CACHE": str(cache_dir)})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/ \(", line)
        assert match and says in line, line
        yield int(match.group(1))
    finally:
        proc.terminate()
        proc.wait(WAIT)


class Bound:
    """The address of a server another process runs, as ``post`` and ``health`` take it."""

    def __init__(self, port: int) -> None:
        self.server_address = ("127.0.0.1", port)


def test_guichet_tour_serve_shares_the_api_and_serves_the_site(
        tmp_path: Path, spoken: bytes, cache_dir: Path) -> None:
    site = tmp_path / "site"
    # The demo tour names the demo town's pack: its page is answered from the town too.
    write_site(load_tour(REPO / "tours" / "demo" / "vieille-ville.yaml"), site, {})
    (site / "index.html").write_text("<h1>walk</h1>", encoding="utf-8")
    with guichet_serving("tour", "serve", str(site), "--port", "0",
                         says="(typed questions;", cache_dir=cache_dir) as port:
        server: Any = Bound(port)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        conn.request("GET", "/")
        assert conn.getresponse().read() == b"<h1>walk</h1>"
        conn.close()
        status, _h, data = post(server, json.dumps(
            {"question": "Combien coûte la cantine ?", "lang": "fr"}).encode(),
            "application/json")
        assert status == 200 and data["sources"] == ["cantine"]
        assert post(server, spoken, "audio/wav")[0] == 415  # recordings only with --voice


def test_guichet_serve_answers_typed_and_spoken_questions(tmp_path: Path, spoken: bytes,
                                                          cache_dir: Path) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text("serve:\n  queue_size: 2\n  port: 0\n", encoding="utf-8")
    with guichet_serving("serve", "--config", str(config), says="(typed and spoken",
                         cache_dir=cache_dir) as port:
        server: Any = Bound(port)
        assert health(server)["queue"]["size"] == 2
        status, _h, data = post(server, json.dumps(
            {"question": "When is the market?", "lang": "en"}).encode(), "application/json")
        assert status == 200 and data["sources"] == ["marche"]
        status, _h, data = post(server, spoken, "audio/wav")
        assert status == 200 and data["sources"] == ["marche"], data
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        conn.request("GET", "/")
        assert conn.getresponse().status == 404  # no site: the API only
        conn.close()


@pytest.mark.parametrize(("cpus", "one_core", "plan"), [
    ([0, 1], True, (0, (1,))), ([0, 1, 2, 3], True, (0, (1, 2, 3))),
    ([3], True, (None, (3,))), ([0, 1], False, (None, (0, 1))),
])
def test_server_threads_get_one_core_and_speech_the_others(
        cpus: list[int], one_core: bool, plan: tuple[int | None, tuple[int, ...]]) -> None:
    assert plan_cpus(cpus, one_core) == plan


def test_recognition_threads_share_the_cores_left() -> None:
    assert stt_threads(0, workers=1, cores=1) == 1
    assert stt_threads(0, workers=2, cores=3) == 1
    assert stt_threads(0, workers=1, cores=3) == 3
    assert stt_threads(4, workers=1, cores=1) == 4  # configured: as is


def test_typed_only_servers_use_a_process_per_core_and_spoken_ones_one() -> None:
    assert server_processes(0, voice=False, cores=2) == 2
    assert server_processes(3, voice=False, cores=2) == 3  # configured: as is
    assert server_processes(0, voice=True, cores=4) == 1
    assert server_processes(2, voice=True, cores=4) == 1  # one queue, one process
