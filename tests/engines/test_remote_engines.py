"""Speech engines on real servers over loopback: Wyoming and OpenAI-compatible APIs.

Every server here is a real one on the bundled models (see ``tests/support/engine_servers.py``):
wyoming-faster-whisper, wyoming-piper, faster-whisper-server (OpenAI transcription API)
and local-tts-studio (OpenAI speech API). The one stand-in is :class:`SilentServer`, a
TCP server that accepts and never answers: the only reliable way to have a server
slower than the budget. Engines under test have ``fallback: none`` wherever the point
is that the server did the work, so a failing server fails the test.
"""

from __future__ import annotations

import json
import logging
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from guichet.voice.audio import Audio, read_audio
from guichet.voice.engines import Recognizer, Synthesizer, build_stt, build_tts
from guichet.voice.errors import RemoteEngineError
from guichet.voice.remote_config import RemoteSttConfig, RemoteTtsConfig
from guichet.voice.stt import LocalWhisper, SttConfig
from guichet.voice.tts import TtsConfig
from tests.conftest import Run
from tests.support import engine_servers
from tests.support.textnorm import heard_as, normalise, word_error_rate

QUESTION = "What day is the market?"
SAID = "The market is on Saturday morning. It opens at eight, on the square."
ENGLISH = ("en",)

pytestmark = pytest.mark.slow


def _server(start: Callable[[Path], engine_servers.Server], folder: str) -> Any:
    """A session fixture running one of ``tests/support/engine_servers.py``'s servers."""

    @pytest.fixture(scope="session")
    def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[engine_servers.Server]:
        server = start(tmp_path_factory.mktemp(folder))
        try:
            yield server
        finally:
            server.stop()

    return running


wyoming_whisper = _server(engine_servers.start_wyoming_whisper, "wyoming-faster-whisper")
wyoming_piper = _server(engine_servers.start_wyoming_piper, "wyoming-piper")
openai_whisper = _server(engine_servers.start_openai_whisper, "faster-whisper-server")
openai_piper = _server(engine_servers.start_openai_piper, "local-tts-studio")


@pytest.fixture(scope="session")
def tiny() -> LocalWhisper:
    return LocalWhisper(SttConfig(model="tiny.en"), ENGLISH)


@pytest.fixture(scope="session")
def question(speak: Callable[[str], Path]) -> Audio:
    return read_audio(speak(QUESTION), 60)


@pytest.fixture
def silent() -> Iterator[engine_servers.SilentServer]:
    server = engine_servers.SilentServer().start()
    yield server
    server.stop()


def _stt(engine: str, url: str, fallback: str = "none", timeout_s: float = 10.0,
         retry_after_s: float = 30.0) -> Recognizer:
    remote = RemoteSttConfig(url=url, timeout_s=timeout_s, fallback=fallback,
                             retry_after_s=retry_after_s)
    return build_stt(SttConfig(model="tiny.en", engine=engine, remote=remote), ENGLISH)


def _tts(engine: str, url: str, fallback: str = "none", timeout_s: float = 10.0) -> Synthesizer:
    # The server speaks English only; other languages go to the local voices.
    remote = RemoteTtsConfig(url=url, voices={"en": engine_servers.JOE}, timeout_s=timeout_s,
                             fallback=fallback)
    return build_tts(TtsConfig(engine=engine, remote=remote), ENGLISH)


def _heard(tiny: LocalWhisper, pcm: bytes, rate: int) -> str:
    """What Whisper tiny.en hears in 16-bit PCM at ``rate`` (resampled to 16 kHz)."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768
    positions = np.arange(0, len(samples) - 1, rate / 16_000)
    resampled = np.interp(positions, np.arange(len(samples)), samples).astype(np.float32)
    return normalise(tiny.transcribe(resampled).text)


MARKET_SAID = SAID.replace("eight", "8")
_MARGIN_S = 1.0
"""Slack on timings: two cores shared with the servers and the test itself."""


def _seconds(work: Callable[[], object]) -> float:
    """The better of two runs of ``work``: the local engine's time, warm."""
    times = []
    for _ in range(2):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _closed_port() -> str:
    return f"127.0.0.1:{engine_servers.free_port()}"  # nothing listens there


@pytest.mark.parametrize("engine", ["wyoming", "openai"])
def test_server_transcript_is_as_good_as_the_local_one(
    engine: str, request: pytest.FixtureRequest, tiny: LocalWhisper, question: Audio
) -> None:
    server = request.getfixturevalue(f"{engine}_whisper")
    remote = _stt(engine, server.url)
    local = tiny.transcribe(question.samples)
    heard = remote.transcribe(question.samples)
    # Each within a word-error bound of what was said (the server may decode differently).
    assert heard_as(QUESTION, heard.text), (heard.text, local.text)
    assert heard_as(QUESTION, local.text), local.text
    assert heard.language == "en"


@pytest.mark.parametrize("engine", ["wyoming", "openai"])
def test_server_speech_says_the_text_sentence_by_sentence(
    engine: str, request: pytest.FixtureRequest, tiny: LocalWhisper
) -> None:
    server = request.getfixturevalue(f"{engine}_piper")
    tts = _tts(engine, server.url)
    assert tts.has_voice("en")
    chunks = list(tts.synthesize(SAID, "en"))
    assert len(chunks) == 2, "one chunk per sentence, so the first plays early"
    assert {c.sample_rate for c in chunks} == {22_050}
    assert tts.sample_rate("en") == 22_050
    heard = _heard(tiny, b"".join(c.pcm for c in chunks), chunks[0].sample_rate)
    assert heard_as(MARKET_SAID, heard), heard


def test_the_servers_downloaded_nothing(
    wyoming_whisper: engine_servers.Server, wyoming_piper: engine_servers.Server
) -> None:
    """The Wyoming servers read the bundled files; their download folders stay empty."""
    for folder in (wyoming_whisper.log.parent / "data", wyoming_piper.log.parent / "downloads"):
        assert not folder.exists() or not any(folder.iterdir()), list(folder.iterdir())


def test_first_sentence_arrives_before_the_whole_answer(wyoming_piper: engine_servers.Server
                                                        ) -> None:
    tts = _tts("wyoming", wyoming_piper.url)
    list(tts.synthesize("Warm up.", "en"))
    long = " ".join([SAID] * 4)
    start = time.perf_counter()
    stream = tts.synthesize(long, "en")
    next(stream)
    first = time.perf_counter() - start
    rest = list(stream)
    total = time.perf_counter() - start
    assert len(rest) == 7
    assert first < total / 3


def test_server_down_the_local_engine_answers_with_one_warning(
    tiny: LocalWhisper, question: Audio, caplog: pytest.LogCaptureFixture
) -> None:
    stt = _stt("wyoming", f"tcp://{_closed_port()}", fallback="local")
    with caplog.at_level(logging.WARNING, logger="guichet.voice.fallback"):
        heard = [stt.transcribe(question.samples) for _ in range(3)]
    assert all(heard_as(QUESTION, h.text) for h in heard), heard
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "ConnectionRefusedError" in warnings[0].getMessage()


def test_server_down_without_fallback_says_so(question: Audio) -> None:
    stt = _stt("openai", f"http://{_closed_port()}/v1", fallback="none")
    with pytest.raises(RemoteEngineError, match="fallback is 'none'"):
        stt.transcribe(question.samples)


@pytest.mark.parametrize("engine,scheme", [("wyoming", "tcp://{}"), ("openai", "http://{}/v1")])
def test_server_too_slow_local_within_the_budget_then_left_alone(
    engine: str, scheme: str, tiny: LocalWhisper, question: Audio,
    silent: engine_servers.SilentServer, caplog: pytest.LogCaptureFixture,
) -> None:
    """The slow server is :class:`SilentServer`: it accepts and never answers."""
    local_s = _seconds(lambda: tiny.transcribe(question.samples))
    budget, retry = 1.0, 3.0
    stt = _stt(engine, scheme.format(f"127.0.0.1:{silent.port}"), fallback="local",
               timeout_s=budget, retry_after_s=retry)
    with caplog.at_level(logging.WARNING, logger="guichet.voice.fallback"):
        start = time.perf_counter()
        first = stt.transcribe(question.samples)
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        second = stt.transcribe(question.samples)
        second_s = time.perf_counter() - start
    assert heard_as(QUESTION, first.text) and heard_as(QUESTION, second.text), (first, second)
    assert budget <= first_s < budget + local_s + _MARGIN_S, (first_s, local_s)
    assert silent.accepted == 1, "asked again during the outage"
    assert second_s < local_s + _MARGIN_S, (second_s, local_s)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    time.sleep(retry - second_s)
    stt.transcribe(question.samples)
    assert silent.accepted == 2, "not tried again after retry_after_s"


def test_speech_server_down_the_local_voice_speaks(
    tiny: LocalWhisper, caplog: pytest.LogCaptureFixture
) -> None:
    tts = _tts("wyoming", f"tcp://{_closed_port()}", fallback="lazy")
    assert tts.has_voice("en") and not tts.has_voice("fr")
    with caplog.at_level(logging.WARNING, logger="guichet.voice.fallback"):
        chunks = list(tts.synthesize(SAID, "en"))
    assert len(chunks) == 2
    heard = _heard(tiny, b"".join(c.pcm for c in chunks), chunks[0].sample_rate)
    assert heard_as(MARKET_SAID, heard), heard
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_speech_server_too_slow_costs_one_budget_per_outage(
    silent: engine_servers.SilentServer,
) -> None:
    """The slow server is :class:`SilentServer`: it accepts and never answers."""
    budget = 0.8
    text = " ".join([SAID] * 2)
    local = _tts("wyoming", f"tcp://{_closed_port()}", fallback="local")
    list(local.synthesize(text, "en"))  # the breaker now leaves its dead server alone
    local_s = _seconds(lambda: list(local.synthesize(text, "en")))
    tts = _tts("openai", f"http://127.0.0.1:{silent.port}/v1", fallback="local",
               timeout_s=budget)
    start = time.perf_counter()
    chunks = list(tts.synthesize(text, "en"))
    elapsed = time.perf_counter() - start
    assert len(chunks) == 4 and all(c.pcm for c in chunks)
    assert silent.accepted == 1, "each sentence waited for the dead server"
    assert budget <= elapsed < budget + local_s + _MARGIN_S, (elapsed, local_s)


def test_speech_server_down_without_fallback_is_text_only() -> None:
    tts = _tts("wyoming", f"tcp://{_closed_port()}", fallback="none")
    assert tts.has_voice("en")
    assert list(tts.synthesize(SAID, "en")) == []


def test_guichet_ask_through_wyoming_servers(
    guichet: Callable[..., Run], speak: Callable[[str], Path], tmp_path: Path,
    wyoming_whisper: engine_servers.Server, wyoming_piper: engine_servers.Server,
    tiny: LocalWhisper,
) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text(
        "languages: [en]\n"
        "stt:\n  engine: wyoming\n"
        f"  remote: {{url: '{wyoming_whisper.url}', fallback: none}}\n"
        "tts:\n  engine: wyoming\n"
        f"  remote: {{url: '{wyoming_piper.url}', voice: {engine_servers.JOE}, "
        "fallback: none}\n")
    out = tmp_path / "answer.wav"
    run = guichet("ask", str(speak(QUESTION)), "--config", str(config), "--json",
                  "--out", str(out))
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert heard_as(QUESTION, result["transcript"]), result["transcript"]
    assert result["language"] == "en" and not result["declined"] and result["spoken"]
    assert "Thursday" in result["answer"]  # the demo town's market day
    with wave.open(str(out), "rb") as wav:
        pcm, rate = wav.readframes(wav.getnframes()), wav.getframerate()
    said = set(_heard(tiny, pcm, rate).split())
    expected = set(normalise(result["answer"]).split())
    assert len(said & expected) >= 0.6 * len(expected), (said, expected)


def test_guichet_say_through_an_openai_compatible_server(
    guichet: Callable[..., Run], tmp_path: Path, openai_piper: engine_servers.Server,
    tiny: LocalWhisper,
) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text(f"tts:\n  engine: openai\n  remote: {{url: '{openai_piper.url}', "
                      "fallback: none}\n")
    out = tmp_path / "said.wav"
    run = guichet("say", SAID, "--config", str(config), "--out", str(out))
    assert run.code == 0, run.err
    with wave.open(str(out), "rb") as wav:
        pcm, rate = wav.readframes(wav.getnframes()), wav.getframerate()
    heard = _heard(tiny, pcm, rate)
    assert word_error_rate(SAID.replace("eight", "8"), heard) <= 0.25, heard
    dead = tmp_path / "dead.yaml"
    dead.write_text(f"tts:\n  engine: openai\n  remote: {{url: 'http://{_closed_port()}/v1', "
                    "fallback: none}\n")
    run = guichet("say", SAID, "--config", str(dead), "--out", str(tmp_path / "none.wav"))
    assert run.code != 0 and "no speech came back" in run.err
