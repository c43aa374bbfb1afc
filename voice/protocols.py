"""What the pipeline, the kiosk and the ask server need of engines and devices.

One protocol per role, and the plain data they speak in. Each engine and device names the
protocol it implements as its base class, so that mypy checks it where it is written:
speech recognition (:class:`~voice.stt.LocalWhisper`, :class:`~voice.remote_stt.RemoteWhisper`,
:class:`~voice.fallback.FallbackWhisper`, :class:`~voice.stt_process.ProcessWhisper`),
speech synthesis (:class:`~voice.tts.PiperTTS`, :class:`~voice.fallback.FallbackSpeech`),
sound devices (:class:`~voice.audio.Microphone`, :class:`~voice.audio.Player`) and the
Raspberry Pi's button and LED (:mod:`hardware.gpio`).

Nothing here imports an engine, so no engine has to import another for a type
(``voice.stt`` and ``voice.streaming`` did, each needing the other).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol, Self

import numpy as np


@dataclass(frozen=True)
class Transcript:
    """What the visitor said."""

    text: str
    """The words, stripped; empty when no speech was heard."""
    language: str
    """ISO 639-1 code of the language spoken (one of the configured ones)."""
    language_probability: float
    """Whisper's confidence in that language (1.0 when it was imposed)."""

    @property
    def heard(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class SpeechChunk:
    """Audio of one sentence."""

    pcm: bytes
    """16-bit little-endian mono PCM."""
    sample_rate: int
    """Samples per second."""


@dataclass
class StreamConfig:
    """How a question is cut into pieces while it is spoken (section ``stt.stream``)."""

    enabled: bool = True
    """False transcribes the whole question once it has ended."""
    pause_ms: int = 250
    """A pause this long after speech ends a piece."""
    min_piece_s: float = 1.0
    """A shorter first piece waits for the next one (too little to tell the language
    from); later pieces are cut at any pause, the words before them being the context."""
    pre_roll_ms: int = 200
    """Audio kept before the first speech window of a piece."""
    threshold: float = 0.5
    """Speech probability that counts as speech (the listener's threshold)."""


class StreamSession(Protocol):
    """One question, recognised while it is spoken (see :mod:`voice.streaming`)."""

    def push(self, block: np.ndarray, probabilities: np.ndarray) -> None:
        """Take one microphone block and the speech probability of each VAD window it
        completed."""
        ...

    def finish(self) -> Transcript:
        """The question ended: the whole transcript, once what is left is decoded."""
        ...


class Recognizer(Protocol):
    """Speech recognition."""

    def transcribe(
        self, samples: np.ndarray, language: str | None = None, hotwords: tuple[str, ...] = ()
    ) -> Transcript:
        """Recognise ``samples`` (16 kHz mono float32); ``language`` imposes one."""
        ...

    def stream(self, language: str | None, hotwords: tuple[str, ...], config: StreamConfig,
               worker: ThreadPoolExecutor) -> StreamSession | None:
        """A session fed while the visitor speaks, its pieces decoded on ``worker``; None
        when this engine cannot (a server, streaming switched off): transcribe the whole
        audio at the end instead. None unless an engine says otherwise (a server, a child
        process or a fallback takes the whole recording once the question has ended)."""
        return None


class Synthesizer(Protocol):
    """Speech synthesis, one chunk per sentence."""

    def has_voice(self, lang: str) -> bool: ...

    def sample_rate(self, lang: str) -> int: ...

    def synthesize(
        self, text: str, lang: str, length_scale: float | None = None
    ) -> Iterator[SpeechChunk]:
        """Chunks of ``text`` said in ``lang``, lazily: the first before the rest."""
        ...


class AudioInput(Protocol):
    """A microphone, as a turn listens to it; closed when the ``with`` block ends."""

    def blocks(self) -> Iterator[np.ndarray]:
        """16 kHz mono float32 blocks, for as long as the caller iterates."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


class AudioOutput(Protocol):
    """A speaker, as a turn plays an answer on it."""

    def write(self, pcm: bytes) -> bool:
        """Play 16-bit mono PCM; False when :meth:`stop` cut it short."""
        ...

    def stop(self) -> None:
        """Silence the output now; safe from any thread."""
        ...

    def close(self) -> None:
        """Let what was written finish playing (unless stopped), then release it."""
        ...


class PushButton(Protocol):
    """The talk button (its presses arrive as the callbacks it was made with)."""

    @property
    def is_pressed(self) -> bool: ...

    def close(self) -> None: ...


class StatusLight(Protocol):
    """The status LED."""

    def show(self, pattern: str) -> None:
        """Show one of :data:`hardware.gpio.LED_PATTERNS` by name."""
        ...

    def close(self) -> None: ...
