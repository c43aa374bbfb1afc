"""Speech recognition on a server: Wyoming, or the OpenAI audio transcription API.

:class:`RemoteWhisper` has :class:`~voice.stt.LocalWhisper`'s interface and, like it,
answers only in the town's languages. A server that fails raises; what answers instead
is :mod:`voice.fallback`'s business. The API key comes from an environment variable and
is never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from guichet.content.answer.openai_client import openai_client
from guichet.content.understand.languages import code_of
from guichet.content.understand.text import guess_language
from guichet.voice import wyoming_client
from guichet.voice.audio import wav_bytes
from guichet.voice.deadline import call_within
from guichet.voice.errors import RemoteEngineError
from guichet.voice.protocols import Recognizer, Transcript
from guichet.voice.remote_config import RemoteSttConfig, endpoint, shown
from guichet.voice.wyoming_client import Heard

_LOGGER = logging.getLogger(__name__)

RATE = 16_000
_PROMPT_CHARS = 400
"""Whisper reads at most 224 prompt tokens: a few hundred characters of names."""


class Transcriber(Protocol):
    """One request to a recognition server."""

    label: str
    """What to call the server in logs: engine and address (never the key)."""

    def hear(self, pcm: bytes, language: str | None, hotwords: tuple[str, ...]) -> Heard:
        """Recognise 16-bit mono PCM at 16 kHz; raise on any failure."""
        ...


def pcm16(samples: np.ndarray) -> bytes:
    """float32 samples in [-1, 1] as 16-bit little-endian PCM."""
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def language_code(reported: str | None) -> str | None:
    """``en``, ``en-US`` or ``english`` -> ``en``; None when nothing usable was reported."""
    if not reported:
        return None
    value = reported.strip().lower().replace("_", "-")
    # Servers following OpenAI's API name the language in English (faster-whisper ones
    # use codes).
    named = code_of(value)
    if named:
        return named
    code = value.split("-")[0]
    return code if code.isalpha() and len(code) in (2, 3) else None


@dataclass(frozen=True)
class Settled:
    """The language a transcript is in, among the town's."""

    language: str
    probability: float
    """1.0 when imposed or reported by the server; 0.0 when guessed from the words
    (servers give no probability)."""
    redo: bool
    """The server heard a language the town does not serve: decode again in this one."""


def settle_language(text: str, reported: str | None, imposed: str | None,
                    languages: tuple[str, ...]) -> Settled:
    """Which of the town's languages a transcript is in (pure: tested with plain data)."""
    if imposed:
        return Settled(imposed, 1.0, False)
    if not text:
        return Settled(languages[0], 0.0, False)  # silence has no language
    code = language_code(reported)
    if code in languages:
        return Settled(str(code), 1.0, False)
    # Not reported (most Wyoming servers) or not served: the words tell which of the
    # town's languages it is; a language nobody serves is decoded again in that one.
    return Settled(guess_language(text, languages), 0.0, code is not None)


class RemoteWhisper(Recognizer):
    """A recognition server behind LocalWhisper's interface."""

    def __init__(self, transcriber: Transcriber, languages: tuple[str, ...],
                 hotwords: tuple[str, ...] = ()) -> None:
        self.transcriber = transcriber
        self.languages = languages
        self.hotwords = hotwords
        """Words always favoured (``stt.hotwords``), before the pipeline's."""

    @property
    def label(self) -> str:
        return self.transcriber.label

    def transcribe(
        self, samples: np.ndarray, language: str | None = None, hotwords: tuple[str, ...] = ()
    ) -> Transcript:
        """Recognise ``samples`` (16 kHz mono float32); ``language`` imposes one."""
        pcm = pcm16(samples)
        words = (*self.hotwords, *hotwords)
        # A town with one language imposes it: no detection to get wrong, one request.
        imposed = language or (self.languages[0] if len(self.languages) == 1 else None)
        heard = self.transcriber.hear(pcm, imposed, words)
        settled = settle_language(heard.text, heard.language, imposed, self.languages)
        if settled.redo:
            _LOGGER.debug("server heard %s, not configured; decoding again in %s",
                          heard.language, settled.language)
            heard = self.transcriber.hear(pcm, settled.language, words)
        return Transcript(heard.text, settled.language, settled.probability)


class WyomingTranscriber:
    """A Wyoming speech recognition server (wyoming-faster-whisper and others)."""

    def __init__(self, remote: RemoteSttConfig) -> None:
        host_port = endpoint("wyoming", remote.url)
        assert isinstance(host_port, tuple)
        self.host, self.port = host_port
        self.remote = remote
        self.label = f"Wyoming speech recognition at {shown(remote.url)}"

    def hear(self, pcm: bytes, language: str | None, hotwords: tuple[str, ...]) -> Heard:
        return wyoming_client.transcribe(
            self.host, self.port, pcm, RATE, language, hotwords, self.remote.model or None,
            self.remote.timeout_s)


class OpenAITranscriber:
    """An OpenAI-compatible audio transcription API (OpenAI, faster-whisper servers...)."""

    def __init__(self, remote: RemoteSttConfig) -> None:
        self.remote = remote
        self.label = f"OpenAI-compatible speech recognition at {shown(remote.url)}"
        self.client = openai_client(str(endpoint("openai", remote.url)), remote.api_key_env,
                                    remote.timeout_s)

    def hear(self, pcm: bytes, language: str | None, hotwords: tuple[str, ...]) -> Heard:
        options: dict[str, Any] = {"model": self.remote.model or "whisper-1",
                                   "file": ("question.wav", wav_bytes(pcm, RATE), "audio/wav"),
                                   "response_format": "verbose_json"}
        if language:
            options["language"] = language
        if hotwords:
            # The API has no hotwords: a prompt holding the names steers their spelling.
            options["prompt"] = ", ".join(hotwords)[:_PROMPT_CHARS]
        reply = call_within(lambda: self.client.audio.transcriptions.create(**options),
                            self.remote.timeout_s, "stt-request")
        text = getattr(reply, "text", None)
        if not isinstance(text, str):
            raise RemoteEngineError(f"the server's reply holds no text: {str(reply)[:200]}")
        reported = getattr(reply, "language", None)
        return Heard(text.strip(), reported if isinstance(reported, str) else None)
