"""Real sound devices for tests on a machine with no sound card, made of ALSA plugins.

An ALSA configuration in ``$HOME/.asoundrc`` defines the default device:
- playback: a ``file`` plugin over the ``null`` device, whose ``file`` receives every
  sample written (a regular file, or a FIFO that a reader drains at real-time pace, so the
  output blocks like a sound card's);
- capture: a ``file`` plugin whose ``infile`` (raw 16-bit mono) is what the "microphone"
  hears, from the start, each time it is opened. After its end, ALSA repeats the last
  period: question files end with seconds of silence. Remove the infile and opening the
  microphone fails, like an unplugged USB microphone.

PortAudio, ALSA and sounddevice all run for real; only the hardware is replaced.
"""

from __future__ import annotations

import fcntl
import os
import select
import threading
import time
from pathlib import Path

import numpy as np

from guichet.voice.audio import STT_RATE, read_audio

_PLAYBACK = 'playback.pcm {{ type file slave.pcm "null" file "{sink}" format "raw" }}'
_CAPTURE = ('capture.pcm {{ type file slave.pcm "null" file "/dev/null" infile "{infile}" '
            'format "raw" }}')
_NO_CAPTURE = "capture.pcm { type hw card 7 }"
_NO_PLAYBACK = "playback.pcm { type hw card 7 }"


def asoundrc(sink: Path | None, infile: Path | None) -> str:
    """The configuration text: None for a side makes that side a card that does not exist."""
    playback = _PLAYBACK.format(sink=sink) if sink else _NO_PLAYBACK
    capture = _CAPTURE.format(infile=infile) if infile else _NO_CAPTURE
    return f"pcm.!default {{\n  type asym\n  {playback}\n  {capture}\n}}\n"


def write_home(home: Path, sink: Path | None, infile: Path | None) -> Path:
    """Write ``home/.asoundrc``, as a new file each time.

    ALSA rereads its configuration only when a file's inode or mtime (in whole seconds)
    changed: rewriting the same file twice within a second would go unnoticed.
    """
    home.mkdir(parents=True, exist_ok=True)
    fresh = home / ".asoundrc.new"
    fresh.write_text(asoundrc(sink, infile), encoding="utf-8")
    fresh.replace(home / ".asoundrc")
    return home


def question_raw(wav: Path, out: Path, before_s: float = 0.3, after_s: float = 8.0) -> Path:
    """A spoken question as a microphone would hear it: 16 kHz s16 mono, silence around."""
    samples = read_audio(wav, 60).samples
    silence = np.zeros(int(STT_RATE * before_s), np.float32)
    tail = np.zeros(int(STT_RATE * after_s), np.float32)
    pcm = np.concatenate([silence, samples, tail])
    out.write_bytes((np.clip(pcm, -1, 1) * 32767).astype("<i2").tobytes())
    return out


def silence_raw(out: Path, seconds: float = 10.0) -> Path:
    out.write_bytes(b"\0\0" * int(STT_RATE * seconds))
    return out


class PacedSink:
    """Drains a FIFO at ``speed`` times real time, like a sound card playing it.

    Records how many bytes arrived and when; ``hold()`` stops draining (the writer then
    blocks, as on a card whose buffer is full) until ``release()``.
    """

    def __init__(self, fifo: Path, rate: int, speed: float = 1.0) -> None:
        os.mkfifo(fifo)
        self.path = fifo
        self.bytes_per_s = rate * 2 * speed
        self.received = 0
        self.arrivals: list[tuple[float, int]] = []
        """(time.perf_counter(), total bytes so far) after each read."""
        self._open = threading.Event()
        self._held = threading.Event()
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()
        self._open.wait(5)

    def _drain(self) -> None:
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 4096)  # the smallest buffer: little slack
        self._open.set()
        chunk = int(self.bytes_per_s * 0.01) & ~1 or 2  # 10 ms a read
        started, consumed = time.perf_counter(), 0
        try:
            while not self._done.is_set():
                if self._held.is_set():
                    time.sleep(0.005)
                    started, consumed = time.perf_counter(), 0
                    continue
                ready, _, _ = select.select([fd], [], [], 0.05)
                data = os.read(fd, chunk) if ready else b""
                if not data:  # no writer (EOF) or nothing yet
                    time.sleep(0.005)
                    started, consumed = time.perf_counter(), 0
                    continue
                with self._lock:
                    self.received += len(data)
                    self.arrivals.append((time.perf_counter(), self.received))
                consumed += len(data)
                delay = started + consumed / self.bytes_per_s - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
        finally:
            os.close(fd)

    def hold(self) -> None:
        self._held.set()

    def release(self) -> None:
        self._held.clear()

    def close(self) -> None:
        self._done.set()
        self._thread.join(5)
