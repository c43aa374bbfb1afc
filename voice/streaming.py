"""Transcribing a question while it is spoken, so only its tail is left when it ends.

The microphone's blocks and their speech probabilities (the listener's Silero VAD) come in
as the visitor speaks. Each time the speech pauses for ``pause_ms`` — between two clauses,
or when the visitor has finished and the listener is still waiting for its ``silence_ms``
— the audio since the last cut is a complete piece: a worker thread transcribes it at once,
with the pieces before it as Whisper's prompt. When listening ends, only the audio after
the last cut (often nothing) is left to decode.

:class:`PieceCutter` holds the pure decisions (where pieces start and end) and is tested
on plain probabilities; :class:`StreamingTranscriber` adds the audio and the threads.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from guichet.voice.audio import STT_RATE
from guichet.voice.listen import WINDOW
from guichet.voice.protocols import StreamConfig, Transcript
from guichet.voice.whisper_short import MAX_SHORT_S, ShortWhisper

_LOGGER = logging.getLogger(__name__)


FORGET_S = 2.0
"""Silence after which a too-short first piece is forgotten (the listener, with its default
800 ms, has either ended the question or forgotten the burst by then)."""


@dataclass
class PieceCutter:
    """Pure: where pieces begin and end, from one speech probability per window."""

    config: StreamConfig
    start: int | None = None
    """Window where the current piece starts (None: no speech since the last cut)."""
    cut_at: int = 0
    """Window after the end of the last piece."""
    index: int = 0
    """Windows seen."""
    silence: int = 0
    speech_windows: int = 0
    last_speech: int = -1
    """Last window that was speech (-1: none yet)."""
    _pause_windows: int = field(init=False)
    _min_windows: int = field(init=False)
    _pre_windows: int = field(init=False)
    _forget_windows: int = field(init=False)

    def __post_init__(self) -> None:
        window_s = WINDOW / STT_RATE
        self._pause_windows = max(1, round(self.config.pause_ms / 1000 / window_s))
        self._min_windows = max(1, round(self.config.min_piece_s / window_s))
        self._pre_windows = round(self.config.pre_roll_ms / 1000 / window_s)
        self._forget_windows = round(FORGET_S / window_s)

    def push(self, probability: float) -> tuple[int, int] | None:
        """Take one window; return a finished piece as (first, end) windows, or None."""
        i = self.index
        self.index += 1
        if probability >= self.config.threshold:
            if self.start is None:
                self.start = max(self.cut_at, i - self._pre_windows)
            self.silence = 0
            self.speech_windows += 1
            self.last_speech = i
            return None
        if self.start is None:
            return None
        self.silence += 1
        long_enough = self.cut_at > 0 or self.last_speech + 1 - self.start >= self._min_windows
        if self.silence >= self._pause_windows and long_enough:
            piece = (self.start, i + 1)
            self.start, self.cut_at, self.silence = None, i + 1, 0
            return piece
        if not long_enough and self.silence >= self._forget_windows:
            # A short burst long ago (a cough before a hands-free question): forget it, as
            # the listener does, rather than hold audio until someone speaks.
            self.start, self.silence = None, 0
        return None

    def pending(self) -> tuple[int, int] | None:
        """The audio left after the last cut, if it holds speech."""
        if self.start is None:
            return None
        return self.start, self.index


class StreamingTranscriber:
    """One question, transcribed piece by piece on a worker thread."""

    def __init__(self, short: ShortWhisper, languages: tuple[str, ...], hotwords: str,
                 config: StreamConfig, worker: ThreadPoolExecutor,
                 language: str | None = None) -> None:
        self.short = short
        self.languages = languages
        self.hotwords = hotwords
        self.cutter = PieceCutter(config)
        self.language = language if language else (None if short.multilingual else "en")
        self.probability = 1.0
        self._worker = worker
        self._audio: list[np.ndarray] = []
        self._length = 0
        self._offset = 0  # samples dropped before self._audio[0]
        self._keep = (round(config.pre_roll_ms * STT_RATE / 1000) // WINDOW + 2) * WINDOW
        self._texts: list[str] = []
        self._jobs: list[Future[None]] = []
        self._lock = threading.Lock()
        self.early = 0
        """Pieces sent to the worker before the question ended (logs, tests)."""
        self.tail = False
        """True when speech was left to decode once the question ended."""

    def push(self, block: np.ndarray, probabilities: np.ndarray) -> None:
        """Take one microphone block and the probabilities of the windows it completed."""
        self._audio.append(block.astype(np.float32, copy=False))
        self._length += len(block)
        for probability in probabilities:
            piece = self.cutter.push(float(probability))
            if piece is not None:
                self._submit(*piece)
        if self.cutter.start is None and self._length > self._keep:
            # No speech since the last cut (a hands-free kiosk waiting): keep only what a
            # new piece may need, so waiting holds a bounded amount of memory.
            data = self._joined()
            drop = (self._length - self._keep) // WINDOW * WINDOW
            self._audio, self._offset = [data[drop:]], self._offset + drop
            self._length -= drop

    def _joined(self) -> np.ndarray:
        data = np.concatenate(self._audio) if len(self._audio) != 1 else self._audio[0]
        self._audio = [data]
        return data

    def _samples(self, first: int, end: int) -> np.ndarray:
        start = max(0, first * WINDOW - self._offset)
        return self._joined()[start:max(start, end * WINDOW - self._offset)]

    def _submit(self, first: int, end: int) -> None:
        samples = self._samples(first, end)
        # A piece longer than the short encoder takes (a long utterance without a pause)
        # goes in consecutive slices.
        step = int(MAX_SHORT_S * STT_RATE)
        for start in range(0, max(1, len(samples)), step):
            self._jobs.append(self._worker.submit(self._transcribe,
                                                  samples[start:start + step]))

    def _transcribe(self, samples: np.ndarray) -> None:
        encoded = self.short.encode(samples)
        with self._lock:
            if self.language is None:
                self.language, self.probability = self.short.detect_language(
                    encoded, self.languages)
            previous = " ".join(self._texts)
        decoded = self.short.decode(encoded, self.language, len(samples) / STT_RATE,
                                    previous, self.hotwords)
        _LOGGER.debug("piece of %.2f s: %r (no speech %.2f)", len(samples) / STT_RATE,
                      decoded.text, decoded.no_speech)
        with self._lock:
            if not decoded.silent:
                self._texts.append(decoded.text)

    def finish(self) -> Transcript:
        """Wait for the pieces in flight, decode what is left, return the whole question."""
        started = time.perf_counter()
        early = self.early = len(self._jobs)
        tail = self.cutter.pending()
        self.tail = tail is not None
        if tail is not None:
            self._submit(*tail)
        for job in self._jobs:
            job.result()
        text = join_pieces(self._texts)
        language = self.language or self.languages[0]
        _LOGGER.debug("stream: %d piece(s) before the end, tail %s, finish %.3f s",
                      early, "decoded" if tail else "empty",
                      time.perf_counter() - started)
        return Transcript(text, language, self.probability if text else 0.0)


def join_pieces(texts: list[str]) -> str:
    """The pieces' texts as one question: a comma where a piece ends without punctuation
    (the visitor paused there)."""
    out = ""
    for text in (t.strip() for t in texts):
        if not text:
            continue
        if out and not out.endswith((".", ",", "!", "?", ";", ":", "…")):
            out += ","
        out = f"{out} {text}" if out else text
    return out
