"""A remote engine with the local one behind it: the kiosk never goes silent.

When the server fails (refused, error, bad reply) or is slower than its budget, the local
engine answers that turn. One warning per outage, not per turn; during an outage the
server is tried again only every ``retry_after_s``, so turns do not wait for a dead
server each time. The decisions (:class:`Breaker`) are pure and take the clock as an
argument; the wrappers only do the calling.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import numpy as np
from wyoming.audio import AudioChunk, AudioChunkConverter

from guichet.content.answer.breaker import Breaker
from guichet.voice.breath import split_sentences
from guichet.voice.errors import RemoteEngineError
from guichet.voice.protocols import (
    Recognizer,
    SpeechChunk,
    Synthesizer,
    Transcript,
)
from guichet.voice.remote_stt import RemoteWhisper
from guichet.voice.remote_tts import Speaker
from guichet.voice.stt import LocalWhisper
from guichet.voice.tts import PiperTTS

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")
_DEFAULT_RATE = 22_050
"""Piper's medium voices' rate: the answer to ``sample_rate`` before any audio came."""


class Standby(Generic[T]):
    """The local engine: loaded at start-up (``eager``) or at the first need."""

    def __init__(self, load: Callable[[], T], eager: bool) -> None:
        self._load = load
        self._engine: T | None = None
        self._lock = threading.Lock()
        if eager:
            self.get()

    @property
    def loaded(self) -> T | None:
        return self._engine

    def get(self) -> T:
        with self._lock:
            if self._engine is None:
                _LOGGER.info("Loading the local engine as the fallback")
                self._engine = self._load()
            return self._engine


class _Guarded:
    """Calls to one server through a breaker, with the logging of outages."""

    def __init__(self, label: str, breaker: Breaker,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.label = label
        self.breaker = breaker
        self.clock = clock

    def call(self, request: Callable[[], T], instead: str) -> T | None:
        """``request()``, or None when the server is down or fails now."""
        if not self.breaker.allow(self.clock()):
            return None
        try:
            result = request()
        except Exception as err:  # noqa: BLE001 - refused, timeouts, HTTP, bad replies alike
            reason = err.__class__.__name__ + (f": {err}" if str(err) else "")
            if self.breaker.failed(self.clock()):
                _LOGGER.warning("%s failed (%s); %s; trying it again every %.0f s",
                                self.label, reason, instead, self.breaker.retry_after_s)
            else:
                _LOGGER.debug("%s still failing: %s", self.label, reason)
            return None
        lasted = self.breaker.succeeded(self.clock())
        if lasted is not None:
            _LOGGER.info("%s is back after %.0f s", self.label, lasted)
        return result


class FallbackWhisper(Recognizer):
    """Speech recognition on a server, the local Whisper when it cannot."""

    def __init__(self, remote: RemoteWhisper, local: Standby[LocalWhisper] | None,
                 breaker: Breaker, clock: Callable[[], float] = time.monotonic) -> None:
        self.remote = remote
        self.local = local
        self.guard = _Guarded(remote.label, breaker, clock)

    def transcribe(
        self, samples: np.ndarray, language: str | None = None, hotwords: tuple[str, ...] = ()
    ) -> Transcript:
        instead = "the local engine answers" if self.local else "no fallback is configured"
        heard = self.guard.call(lambda: self.remote.transcribe(samples, language, hotwords),
                                instead)
        if heard is not None:
            return heard
        if self.local is None:
            raise RemoteEngineError(f"{self.remote.label} is unavailable and stt.remote."
                                    "fallback is 'none': ask with text, or set it to 'local'")
        return self.local.get().transcribe(samples, language, hotwords)


class FallbackSpeech(Synthesizer):
    """Speech synthesis on a server, sentence by sentence; local voices when it cannot.

    Languages the server is not configured for go straight to the local voices.
    """

    def __init__(self, speaker: Speaker, local: Standby[PiperTTS] | None,
                 local_languages: frozenset[str], breaker: Breaker,
                 length_scale: float = 1.0, sentence_silence_s: float = 0.25,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.speaker = speaker
        self.local = local
        self.local_languages = local_languages if local is not None else frozenset()
        """Languages a local voice can say (found on disk, loaded or not)."""
        self.length_scale = length_scale
        self.sentence_silence_s = sentence_silence_s
        self.guard = _Guarded(speaker.label, breaker, clock)
        self._rates: dict[str, int] = {}

    def has_voice(self, lang: str) -> bool:
        return self.speaker.serves(lang) or lang in self.local_languages

    def sample_rate(self, lang: str) -> int:
        """The rate of the last audio for ``lang``; chunks carry their own rate anyway."""
        if lang in self._rates:
            return self._rates[lang]
        local = self.local.loaded if self.local else None
        if local is not None and local.has_voice(lang):
            return local.sample_rate(lang)
        return _DEFAULT_RATE

    def synthesize(
        self, text: str, lang: str, length_scale: float | None = None
    ) -> Iterator[SpeechChunk]:
        """One chunk per sentence, lazily; all at the rate of the first one."""
        scale = length_scale if length_scale is not None else self.length_scale
        rate: int | None = None
        for sentence in split_sentences(text):
            chunk = self._sentence(sentence, lang, scale)
            if chunk is None:
                continue
            if rate is None:
                rate = chunk.sample_rate
            elif chunk.sample_rate != rate:
                # Server and local voice may differ: one answer is played at one rate.
                chunk = SpeechChunk(_resample(chunk.pcm, chunk.sample_rate, rate), rate)
            self._rates[lang] = chunk.sample_rate
            yield chunk

    def _sentence(self, sentence: str, lang: str, scale: float) -> SpeechChunk | None:
        if self.speaker.serves(lang):
            instead = ("the local voice speaks" if lang in self.local_languages
                       else f"answers in '{lang}' are shown as text only")
            said = self.guard.call(lambda: self.speaker.speak(sentence, lang, scale), instead)
            if said is not None:
                pcm, rate = said
                return SpeechChunk(pcm + b"\0\0" * int(rate * self.sentence_silence_s), rate)
        if self.local is None or lang not in self.local_languages:
            return None
        parts = list(self.local.get().synthesize(sentence, lang, scale))
        if not parts:
            return None
        return SpeechChunk(b"".join(p.pcm for p in parts), parts[0].sample_rate)


def _resample(pcm: bytes, rate_in: int, rate_out: int) -> bytes:
    chunk = AudioChunk(rate=rate_in, width=2, channels=1, audio=pcm)
    return AudioChunkConverter(rate=rate_out, width=2, channels=1).convert(chunk).audio
