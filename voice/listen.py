"""Listening: where a spoken question starts and ends, push-to-talk or hands-free.

The decisions are pure (:class:`Endpointer` works on speech probabilities, one per
32 ms window) and :func:`listen` works on any iterable of sample blocks, so both are tested
on arrays; the microphone that produces the blocks lives in :mod:`voice.audio`.

Speech probabilities come from the Silero VAD that ships inside faster-whisper, run as a
stream: :class:`SileroStream` carries the model's recurrent state from one window to the
next, like Silero's own ``VADIterator``, instead of faster-whisper's batch call, which
starts from zero on every call and so cannot be fed 100 ms at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np

from guichet.voice.audio import STT_RATE

_LOGGER = logging.getLogger(__name__)

WINDOW = 512
"""Samples per VAD window at 16 kHz (32 ms): the size Silero v5/v6 is trained on."""
_CONTEXT = 64
"""Samples of the previous window Silero sees before each window."""


@dataclass
class ListenConfig:
    """When a question starts and ends (configuration section ``listen``)."""

    threshold: float = 0.5
    """Speech probability above which a window counts as speech (Silero's default)."""
    silence_ms: int = 800
    """Silence after speech that ends the question."""
    min_speech_ms: int = 250
    """Shorter bursts (a cough, a click, a chair) are not taken for speech."""
    max_utterance_s: float = 15.0
    """A question is cut after this long."""
    no_speech_s: float = 6.0
    """Push-to-talk: stop listening when nothing is said this long after the press."""
    pre_roll_ms: int = 300
    """Audio kept before the first speech window, so the first syllable is not clipped."""


class End(Enum):
    """Why listening stopped."""

    SPEECH_END = "speech_end"
    """Enough silence after speech."""
    MAX_LENGTH = "max_length"
    """The question reached ``max_utterance_s``."""
    NO_SPEECH = "no_speech"
    """Nothing was said within ``no_speech_s``."""
    STOPPED = "stopped"
    """The visitor pressed again (or released the button), or the source ran dry."""


class Endpointer:
    """Pure decisions on a stream of speech probabilities, one per :data:`WINDOW`.

    Speech is *confirmed* once ``min_speech_ms`` of speech windows gather without a long
    silence between them; the question then ends after ``silence_ms`` of silence or
    ``max_utterance_s`` from its start. ``wait_forever`` (hands-free) disables
    ``no_speech_s``.
    """

    def __init__(self, config: ListenConfig, wait_forever: bool = False,
                 window_s: float = WINDOW / STT_RATE) -> None:
        self.config = config
        self.wait_forever = wait_forever
        self._silence_windows = max(1, round(config.silence_ms / 1000 / window_s))
        self._min_speech_windows = max(1, round(config.min_speech_ms / 1000 / window_s))
        self._max_windows = max(1, round(config.max_utterance_s / window_s))
        self._no_speech_windows = max(1, round(config.no_speech_s / window_s))
        self._negative = max(config.threshold - 0.15, 0.01)  # hysteresis, as Silero does
        self.index = 0
        """Windows seen so far."""
        self.candidate: int | None = None
        """Window where the current (maybe not yet confirmed) speech began."""
        self.confirmed = False
        """True once the speech is long enough to be a question."""
        self._speech_windows = 0
        self._silence_run = 0
        self.last_speech = -1
        """Last window that was speech."""

    def push(self, probability: float) -> End | None:
        """Take one window's probability; return why listening ends, or None to go on."""
        i = self.index
        self.index += 1
        speaking = probability >= self.config.threshold or (
            self.candidate is not None and self._silence_run == 0
            and probability >= self._negative)
        if speaking:
            if self.candidate is None:
                self.candidate = i
                self._speech_windows = 0
            self._speech_windows += 1
            self._silence_run = 0
            self.last_speech = i
            if self._speech_windows >= self._min_speech_windows:
                self.confirmed = True
        elif self.candidate is not None:
            self._silence_run += 1
            if self._silence_run >= self._silence_windows:
                if self.confirmed:
                    return End.SPEECH_END
                self.candidate = None  # a burst too short to be speech: forget it
        if self.confirmed and self.candidate is not None and i - self.candidate + 1 >= (
                self._max_windows):
            return End.MAX_LENGTH
        if (not self.confirmed and self.candidate is None and not self.wait_forever
                and i + 1 >= self._no_speech_windows):
            return End.NO_SPEECH
        return None


class SileroStream:
    """Silero VAD (the ONNX model inside faster-whisper) fed block by block.

    Keeps the model's recurrent state and the last samples between calls; blocks of any
    length are accepted, the remainder waits for the next call.
    """

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        # faster-whisper's model object only offers a batch call that resets the state;
        # its ONNX session (inputs: input, h, c) is what a stream needs.
        self._session: Any = get_vad_model().session
        self.reset()

    def reset(self) -> None:
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(_CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)

    def probabilities(self, samples: np.ndarray) -> np.ndarray:
        """Speech probability of each complete window in ``samples`` (16 kHz float32)."""
        data = np.concatenate([self._pending, samples.astype(np.float32, copy=False)])
        count = len(data) // WINDOW
        self._pending = data[count * WINDOW:]
        if count == 0:
            return np.zeros(0, dtype=np.float32)
        windows = data[: count * WINDOW].reshape(count, WINDOW)
        previous = np.concatenate([self._context[None, :], windows[:-1, -_CONTEXT:]])
        batch = np.concatenate([previous, windows], axis=1)
        out, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c})
        self._context = windows[-1, -_CONTEXT:].copy()
        return np.asarray(out, dtype=np.float32).reshape(-1)


@dataclass(frozen=True)
class Utterance:
    """What was heard between the start of listening and its end."""

    samples: np.ndarray
    """16 kHz mono float32: the question, with a little audio before and after."""
    end: End
    """Why listening stopped."""
    speech: bool
    """True when the VAD confirmed speech (False: nothing worth transcribing)."""


def listen(
    blocks: Iterable[np.ndarray], config: ListenConfig, vad: SileroStream,
    should_stop: Callable[[], bool] = lambda: False, wait_forever: bool = False,
    on_speech: Callable[[], None] | None = None,
    on_audio: Callable[[np.ndarray, np.ndarray], None] | None = None,
) -> Utterance:
    """Consume ``blocks`` (16 kHz float32) until the question ends.

    ``should_stop`` is polled between blocks (a second press of push-to-talk);
    ``on_speech`` is called once when speech is confirmed (hands-free shows "Listening");
    ``on_audio(block, probabilities)`` sees every block with the speech probability of
    each window it completed (a transcriber working while the visitor speaks).
    While no speech has begun, only ``pre_roll_ms`` of audio is kept, so waiting
    hands-free holds a bounded amount of memory.
    """
    vad.reset()
    pointer = Endpointer(config, wait_forever)
    pre_roll = int(config.pre_roll_ms * STT_RATE / 1000)
    kept: list[np.ndarray] = []
    kept_start = 0  # absolute sample index of kept[0]
    kept_len = 0
    end = End.STOPPED
    announced = False
    for block in blocks:
        kept.append(block)
        kept_len += len(block)
        decided: End | None = None
        probabilities = vad.probabilities(block)
        if on_audio is not None:
            on_audio(block, probabilities)
        for probability in probabilities:
            decided = pointer.push(float(probability))
            if decided is not None:
                break
        if pointer.confirmed and not announced:
            announced = True
            if on_speech is not None:
                on_speech()
        if decided is not None:
            end = decided
            break
        if should_stop():
            break
        if pointer.candidate is None and kept_len > pre_roll + len(block):
            # Nothing said yet: drop what is older than the pre-roll.
            data = np.concatenate(kept)[-(pre_roll + len(block)):]
            kept_start += kept_len - len(data)
            kept, kept_len = [data], len(data)
    samples = np.concatenate(kept) if kept else np.zeros(0, dtype=np.float32)
    if pointer.candidate is not None:
        first = max(0, pointer.candidate * WINDOW - pre_roll - kept_start)
        last = (pointer.last_speech + 1) * WINDOW + pre_roll - kept_start
        samples = samples[first:max(first, last)]
    return Utterance(samples.astype(np.float32, copy=False), end, pointer.confirmed)


def segment(samples: np.ndarray, config: ListenConfig, vad: SileroStream | None = None,
            block: int = 1600, wait_forever: bool = False) -> Utterance:
    """:func:`listen` over an array, in microphone-sized blocks (tests, benchmarks)."""
    blocks = (samples[i:i + block] for i in range(0, len(samples), block))
    return listen(blocks, config, vad or SileroStream(), wait_forever=wait_forever)
