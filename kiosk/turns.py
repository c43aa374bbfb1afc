"""One visitor turn, run in a worker thread: listen -> think -> speak, stoppable at once.

No Textual here: the app hands a :class:`TurnRequest` and a :class:`TurnControl` to
:meth:`TurnRunner.run` inside a thread worker and hears back through :class:`TurnEvents`
(its implementation hops to the UI thread). Engines' lazy generators are iterated here,
inside the thread. A fault of a device is reported, never raised: the app stays up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol, cast

from guichet.content.answer.embedded import Answer
from guichet.hardware.config import AudioProfile, device_arg
from guichet.kiosk.seniors import is_repeat_request
from guichet.kiosk.session import Phase
from guichet.kiosk.staff.journal import QuestionLog
from guichet.voice.audio import STT_RATE, Audio, Microphone, Player, rescan_devices, scale_pcm
from guichet.voice.errors import AudioDeviceError
from guichet.voice.listen import End, ListenConfig, SileroStream, Utterance, listen
from guichet.voice.pipeline import Answered, Event, Heard, Pipeline, Timings, TurnDone
from guichet.voice.protocols import (
    AudioInput,
    AudioOutput,
    Recognizer,
    SpeechChunk,
    StreamSession,
    Synthesizer,
    Transcript,
)

_LOGGER = logging.getLogger(__name__)

MIC = "microphone"
SPEAKER = "speaker"


@dataclass(frozen=True)
class SpeechStyle:
    """How this turn speaks (normal or seniors mode)."""

    length_scale: float | None = None
    """Piper's phoneme length; None keeps the configured one."""
    pause_s: float = 0.0
    """Extra silence after each sentence."""
    speech_text: Callable[[str, str], str] | None = None
    """Reshapes the spoken text (seniors: one idea per sentence, numbers in pairs)."""
    volume: float = 1.0
    """Gain applied to the speech."""


@dataclass(frozen=True)
class TurnRequest:
    """What the visitor asked for."""

    id: int
    """Increases with each request; events of an older turn are ignored."""
    style: SpeechStyle = field(default_factory=SpeechStyle)
    text: str | None = None
    """A typed (or chosen) question."""
    listen: bool = False
    """A spoken question, from the microphone."""
    wait_forever: bool = False
    """Hands-free: wait for speech to begin, however long."""
    replay: bool = False
    """Say the last answer again (R)."""
    last_answer: bytes = b""
    """The last answer's speech (16-bit PCM), for R and for "répétez" when heard."""
    last_rate: int = 0
    """Its sample rate."""


@dataclass(frozen=True)
class Outcome:
    """How a turn ended."""

    pcm: bytes = b""
    """The speech of a new answer (kept for "repeat"); empty when nothing new was said."""
    rate: int = 0
    timings: Timings | None = None


class TurnEvents(Protocol):
    """What a turn reports; called from the turn's thread."""

    def phase(self, turn: int, phase: Phase) -> None: ...

    def heard(self, turn: int, transcript: Transcript) -> None: ...

    def answered(self, turn: int, answer: Answer, spoken: bool) -> None: ...

    def device(self, turn: int, kind: str, error: str | None) -> None:
        """``kind`` (MIC or SPEAKER) failed with ``error``, or works (None)."""

    def finished(self, turn: int, outcome: Outcome) -> None: ...


class TurnControl:
    """Shared by the UI thread and one turn: end listening, cancel, stop the speech."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()
        self.listening_over = threading.Event()
        self._player: AudioOutput | None = None
        self._lock = threading.Lock()

    def end_listening(self) -> None:
        """Second press (or button released): the question is over, answer it."""
        self.listening_over.set()

    def cancel(self) -> None:
        """Drop the turn; its speech stops within one slice of audio (barge-in)."""
        self.cancelled.set()
        self.listening_over.set()
        with self._lock:
            player = self._player
        if player is not None:
            player.stop()

    def attach(self, player: AudioOutput | None) -> None:
        with self._lock:
            self._player = player
        if player is not None and self.cancelled.is_set():
            player.stop()


class DeviceGate:
    """Keeps the device probe (which restarts PortAudio) away from running turns."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._active = 0

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._lock:  # waits for a probe in progress
            self._active += 1
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1
                self._lock.notify_all()

    def probe(self, check: Callable[[], dict[str, str | None]]) -> dict[str, str | None] | None:
        """Run ``check`` if no turn holds a device; None when it had to be skipped."""
        with self._lock:
            if self._active:
                return None
            return check()

    @property
    def active(self) -> int:
        """How many turns are running (an interrupted one may still be finishing)."""
        with self._lock:
            return self._active

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no turn runs (the app closing); False if one still runs."""
        with self._lock:
            return self._lock.wait_for(lambda: self._active == 0, timeout)


class TurnRunner:
    """Runs turns on one town's pipeline; at most one uses the engines at a time."""

    def __init__(self, pipeline: Pipeline, listen_config: ListenConfig, audio: AudioProfile,
                 journal: QuestionLog | None = None) -> None:
        self.pipeline = pipeline
        self.listen_config = listen_config
        self.audio = audio
        self.journal = journal
        self.gate = DeviceGate()
        self._engines = threading.Lock()

    def add_voice(self, stt: Recognizer | None, tts: Synthesizer | None) -> None:
        """Give the pipeline its speech engines once loaded; typed questions were answered
        (in writing) meanwhile. Between two steps of a turn, never inside one."""
        with self._engines:
            self.pipeline.stt, self.pipeline.tts = stt, tts

    def warm_up(self) -> None:
        """Run each engine once (the VAD too), between two steps of any typed turn."""
        SileroStream()  # loads the VAD model now, not at the first spoken question
        with self._engines:
            self.pipeline.warm_up()

    def run(self, request: TurnRequest, control: TurnControl, events: TurnEvents) -> None:
        """The whole turn; meant for a worker thread. Never raises."""
        outcome = Outcome()
        with self.gate.turn():
            try:
                outcome = self._run(request, control, events)
            except Exception:  # the kiosk must outlive any bug: log it, end the turn
                _LOGGER.exception("turn %d failed", request.id)
        events.finished(request.id, outcome)

    def _run(self, request: TurnRequest, control: TurnControl, events: TurnEvents) -> Outcome:
        if request.replay:
            return self._replay(request, control, events)
        audio: Audio | None = None
        text = request.text
        stream: StreamSession | None = None
        if request.listen:
            if self.pipeline.stt is None:
                return Outcome()  # no speech recognition: the screen says to type
            # Transcribed while the visitor speaks (None: an engine that cannot stream).
            stream = self.pipeline.stream()
            utterance = self._listen(request, control, events, stream)
            if utterance is None:
                return Outcome()
            if utterance.speech or utterance.end is End.STOPPED:
                audio = Audio(utterance.samples, STT_RATE, 1)
            else:
                text, stream = "", None  # nothing said: the pipeline says so
        events.phase(request.id, Phase.THINKING)
        return self._answer(request, audio, text, control, events, stream)

    def _listen(self, request: TurnRequest, control: TurnControl, events: TurnEvents,
                stream: StreamSession | None) -> Utterance | None:
        try:
            mic: AudioInput = Microphone(device_arg(self.audio.input_device),
                                         self.audio.input_gain)
        except AudioDeviceError as err:
            events.device(request.id, MIC, str(err))
            return None
        events.device(request.id, MIC, None)
        with mic:
            if not request.wait_forever:
                events.phase(request.id, Phase.LISTENING)
            try:
                utterance = listen(
                    mic.blocks(), self.listen_config, SileroStream(),
                    should_stop=control.listening_over.is_set,
                    wait_forever=request.wait_forever,
                    on_speech=lambda: events.phase(request.id, Phase.LISTENING),
                    on_audio=stream.push if stream is not None else None,
                )
            except AudioDeviceError as err:
                events.device(request.id, MIC, str(err))
                return None
        return None if control.cancelled.is_set() else utterance

    def _answer(self, request: TurnRequest, audio: Audio | None, text: str | None,
                control: TurnControl, events: TurnEvents,
                stream: StreamSession | None = None) -> Outcome:
        style = request.style
        # A generator: closing it stops synthesis of the sentences not yet said.
        turn = cast(Generator[Event, None, None], self.pipeline.turn(
            audio=audio, text=text, length_scale=style.length_scale,
            speech_text=style.speech_text, stream=stream))
        speaker = _Speaker(self.audio, style.volume, request.id, control, events)
        said: list[bytes] = []
        heard: Transcript | None = None
        timings: Timings | None = None
        try:
            while not control.cancelled.is_set():
                with self._engines:
                    event = next(turn, None)
                if event is None or control.cancelled.is_set():
                    break
                if isinstance(event, Heard):
                    heard = event.transcript
                    events.heard(request.id, heard)
                    if request.last_answer and is_repeat_request(heard.text):
                        return self._replay(request, control, events)
                elif isinstance(event, Answered):
                    if self.journal is not None and heard is not None and heard.heard:
                        self.journal.add(heard.text, heard.language, not event.answer.declined)
                    events.answered(request.id, event.answer, event.spoken)
                elif isinstance(event, SpeechChunk):
                    pcm = event.pcm + b"\0\0" * int(event.sample_rate * style.pause_s)
                    said.append(pcm)
                    if not speaker.play(pcm, event.sample_rate):
                        break
                elif isinstance(event, TurnDone):
                    timings = event.timings
        finally:
            turn.close()
            speaker.close()
        return Outcome(b"".join(said), speaker.rate, timings)

    def _replay(self, request: TurnRequest, control: TurnControl,
                events: TurnEvents) -> Outcome:
        speaker = _Speaker(self.audio, request.style.volume, request.id, control, events)
        try:
            speaker.play(request.last_answer, request.last_rate)
        finally:
            speaker.close()
        return Outcome()


class _Speaker:
    """Opens the output on the first sentence, plays, reports a missing speaker once."""

    def __init__(self, audio: AudioProfile, volume: float, turn: int, control: TurnControl,
                 events: TurnEvents) -> None:
        self.audio = audio
        self.volume = volume
        self.turn = turn
        self.control = control
        self.events = events
        self.rate = 0
        self._player: AudioOutput | None = None
        self._failed = False

    def play(self, pcm: bytes, rate: int) -> bool:
        """Play one piece; False when the turn was interrupted (the speech must stop)."""
        self.rate = rate
        if self._player is None and not self._failed:
            self.events.phase(self.turn, Phase.SPEAKING)
            try:
                self._player = Player(rate, device_arg(self.audio.output_device))
            except AudioDeviceError as err:
                self._fail(str(err))
            else:
                self.events.device(self.turn, SPEAKER, None)
                self.control.attach(self._player)
        if self._player is None:
            return not self.control.cancelled.is_set()
        try:
            return self._player.write(scale_pcm(pcm, self.volume))
        except AudioDeviceError as err:
            self._fail(str(err))
            self.close()
            return not self.control.cancelled.is_set()

    def _fail(self, error: str) -> None:
        self._failed = True
        self.events.device(self.turn, SPEAKER, error)

    def close(self) -> None:
        if self._player is not None:
            self.control.attach(None)
            self._player.close()
            self._player = None


def check_devices(audio: AudioProfile, rate: int = 22050) -> dict[str, str | None]:
    """Look for the sound devices again and try each: kind -> error, or None when it works.

    Restarts PortAudio (see :func:`voice.audio.rescan_devices`): run it through
    :meth:`DeviceGate.probe`, never while a turn holds a device.
    """
    try:
        rescan_devices()
    except AudioDeviceError as err:
        return {MIC: str(err), SPEAKER: str(err)}
    found: dict[str, str | None] = {}
    try:
        Microphone(device_arg(audio.input_device), audio.input_gain).close()
        found[MIC] = None
    except AudioDeviceError as err:
        found[MIC] = str(err)
    try:
        Player(rate, device_arg(audio.output_device)).close()
        found[SPEAKER] = None
    except AudioDeviceError as err:
        found[SPEAKER] = str(err)
    return found
