"""Speech recognition in child processes, for a server that answers typed questions too.

In the server's own process, Whisper's Python steps (tokenizer, VAD windows, feature
frames) each had to win the interpreter lock back from dozens of threads answering typed
questions: a 2-s question took 4 to 20 s under 50 typed askers instead of 3 s alone
(bench/ask_load.py --voice-clients 1). In a child process it has an interpreter of its
own. ``ProcessWhisper`` follows ``LocalWhisper``'s ``transcribe``; each child loads the
model once and recognises one recording at a time.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
from multiprocessing.connection import Connection

import numpy as np

from guichet.voice.errors import ModelNotFoundError, VoiceError
from guichet.voice.protocols import Recognizer, Transcript
from guichet.voice.stt import LocalWhisper, SttConfig

_LOGGER = logging.getLogger(__name__)


def _child(conn: Connection, config: SttConfig, languages: tuple[str, ...],
           cpus: tuple[int, ...]) -> None:
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cpus)
    try:
        whisper = LocalWhisper(config, languages)
    except Exception as err:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("failed", str(err)))
        return
    conn.send(("ready", whisper.resolved.location))
    while True:
        try:
            message = conn.recv()
        except EOFError:  # the parent is gone
            return
        if message is None:
            return
        samples, language, hotwords = message
        try:
            conn.send(("ok", whisper.transcribe(samples, language, hotwords)))
        except Exception as err:  # noqa: BLE001 - this recording failed, not the child
            conn.send(("error", f"{err.__class__.__name__}: {err}"))


class _Process:
    """One child process and the parent's end of its pipe."""

    def __init__(self, config: SttConfig, languages: tuple[str, ...], timeout: float,
                 cpus: tuple[int, ...]) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self.conn, child_end = context.Pipe()
        self.process = context.Process(target=_child,
                                       args=(child_end, config, languages, cpus),
                                       name="guichet-whisper", daemon=True)
        self.process.start()
        child_end.close()
        if not self.conn.poll(timeout):
            self.close()
            raise ModelNotFoundError(f"the Whisper model did not load within {timeout:.0f} s")
        try:
            status, detail = self.conn.recv()
        except EOFError:
            self.close()
            raise ModelNotFoundError("the speech recognition process stopped while "
                                     "loading the Whisper model") from None
        if status != "ready":
            self.close()
            raise ModelNotFoundError(detail)
        self.location = str(detail)

    def call(self, samples: np.ndarray, language: str | None, hotwords: tuple[str, ...]
             ) -> Transcript:
        try:
            self.conn.send((samples, language, hotwords))
            status, result = self.conn.recv()
        except (EOFError, OSError):
            raise VoiceError("the speech recognition process stopped unexpectedly") from None
        if status != "ok":
            raise VoiceError(f"speech recognition failed: {result}")
        transcript: Transcript = result
        return transcript

    def alive(self) -> bool:
        return self.process.is_alive()

    def close(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        self.conn.close()


class ProcessWhisper(Recognizer):
    """``processes`` children, each with its own Whisper; one recording per child at once;
    ``cpus``, when given, the cores the children may run on."""

    def __init__(self, config: SttConfig, languages: tuple[str, ...], processes: int = 1,
                 start_timeout: float = 300.0, cpus: tuple[int, ...] = ()) -> None:
        self.config = config
        self.languages = languages
        self.start_timeout = start_timeout
        self.cpus = cpus
        self._idle: queue.Queue[_Process] = queue.Queue()
        self._all: list[_Process] = []
        try:
            for _ in range(max(1, processes)):
                self._add()
        except BaseException:
            self.close()
            raise
        _LOGGER.info("Whisper model: %s, in %d process(es)", self._all[0].location,
                     len(self._all))

    def _add(self) -> None:
        child = _Process(self.config, self.languages, self.start_timeout, self.cpus)
        self._all.append(child)
        self._idle.put(child)

    def transcribe(self, samples: np.ndarray, language: str | None = None,
                   hotwords: tuple[str, ...] = ()) -> Transcript:
        """As :meth:`LocalWhisper.transcribe`, in a child process."""
        child = self._idle.get()
        try:
            return child.call(samples, language, hotwords)
        finally:
            if child.alive():
                self._idle.put(child)
            else:  # a crashed child is replaced, so the next recording is recognised
                _LOGGER.error("the speech recognition process died; starting another")
                self._all.remove(child)
                child.close()
                self._add()

    def close(self) -> None:
        for child in self._all:
            child.close()
        self._all.clear()
