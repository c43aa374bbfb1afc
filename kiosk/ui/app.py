"""The kiosk people stand at: a full-screen Textual app.

Typing first: every printable key goes to the question box (Space too, except in an empty
box, where it talks); the kiosk's commands are function keys (see :data:`texts.KEYS`),
Esc and the push-to-talk button, and quitting is a staff action (Ctrl+Q twice).

Blocking work (loading models, listening, transcribing, speaking, probing devices) runs
in thread workers; they reach the screen only through messages (:mod:`kiosk.ui.bridge`). One turn is
current at a time: a new press, a typed question or a new visitor cancels the previous
turn, whose speech stops within one slice of audio (barge-in).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.css.query import NoMatches
from textual.widgets import Input, OptionList

from guichet.content.answer.embedded import Answer
from guichet.content.pack.loader import Pack
from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.seniors import seniors_speech
from guichet.kiosk.session import Phase, PushToTalk, Session, StaffQuit, TalkAction
from guichet.kiosk.staff.journal import QuestionLog
from guichet.kiosk.turns import (
    MIC,
    SPEAKER,
    Outcome,
    SpeechStyle,
    TurnControl,
    TurnRequest,
    TurnRunner,
    check_devices,
)
from guichet.kiosk.ui import texts
from guichet.kiosk.ui.bridge import UiCall, UiEvents
from guichet.kiosk.ui.keys import KEY_BINDINGS, VisitorKeys
from guichet.kiosk.ui.loading import load_typed, load_voice
from guichet.kiosk.ui.view import KioskView, QuestionBox
from guichet.voice.pipeline import Pipeline
from guichet.voice.protocols import PushButton, StatusLight, Transcript

_LOGGER = logging.getLogger(__name__)

_LED = {Phase.LOADING: "off", Phase.READY: "on", Phase.LISTENING: "fast",
        Phase.THINKING: "slow", Phase.SPEAKING: "on"}


class KioskApp(VisitorKeys, App[None]):
    """Guichet's kiosk screen for one town."""

    CSS_PATH = "kiosk.tcss"
    TITLE = "Guichet"
    AUTO_FOCUS = "#question"  # typing first: every printable key types
    ENABLE_COMMAND_PALETTE = False  # not for visitors
    BINDINGS: ClassVar[list[BindingType]] = KEY_BINDINGS
    def __init__(self, config: GuichetConfig, pack: Pack, pipeline: Pipeline | None = None,
                 journal: QuestionLog | None = None,
                 typed: Future[Pipeline] | None = None) -> None:
        """``pipeline``: engines already loaded (else loaded at start, in a worker);
        ``typed``: the answerer's pipeline, being built (the speech engines are added)."""
        super().__init__()
        self.config = config
        self.pack = pack
        self.journal = journal
        self.audio = config.hardware.audio()
        self.phase = Phase.LOADING
        self.session = self._new_session()
        self.faults: dict[str, str] = {}
        """Device kind -> error, for each banner shown."""
        self.runner: TurnRunner | None = None
        self._pipeline = pipeline
        self._answerer_loading = typed
        self.turn_id = 0
        self._control: TurnControl | None = None
        self._probing = False
        self._closing = False
        self._ptt = PushToTalk(config.hardware.hold_s)
        self._gpio: list[PushButton | StatusLight] = []
        self._led: StatusLight | None = None
        self._staff_quit = StaffQuit()
        self.voice_ready = False
        """The speech engines are loaded (typed questions are answered before)."""
        self._pending: str | None = None
        """A question typed and sent before the answerer was loaded."""

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield KioskView(self.pack.town.name)

    def on_mount(self) -> None:
        self.title = f"Guichet — {self.pack.town.name}"
        self._show_phase(Phase.LOADING)
        self._clear_screen()
        self._fit(self.size.width, self.size.height)
        self._start_gpio()
        idle = self.config.kiosk.idle_s
        self.set_interval(max(0.05, min(1.0, idle / 3)), self._check_idle)
        self.set_interval(self.config.kiosk.device_poll_s, self._poll_devices)
        self._load()

    def on_unmount(self) -> None:
        self._closing = True
        self._cancel_turn()
        # A turn may be transcribing: let it end, so no thread holds a device afterwards.
        if self.runner is not None and not self.runner.gate.wait_idle(30):
            _LOGGER.warning("a turn was still running when the kiosk closed")
        for part in self._gpio:
            part.close()

    # ------------------------------------------------------------------ loading
    @work(thread=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        started = time.monotonic()
        try:
            runner = load_typed(self.config, self.pack, self._pipeline, self.journal,
                                self._answerer_loading)
        except Exception as err:  # the screen must say something, not vanish
            _LOGGER.exception("the kiosk could not load its answerer")
            self.post_call(self.turn_device, "engines", str(err))
            return
        _LOGGER.info("ready for typed questions in %.1f s", time.monotonic() - started)
        self.post_call(self._typed_ready, runner)
        try:
            faults = load_voice(self.config, runner, self._pipeline is not None)
        except Exception as err:  # typed questions still work
            _LOGGER.exception("the kiosk could not load its voice")
            faults = {"stt": str(err)}
        _LOGGER.info("ready for spoken questions in %.1f s", time.monotonic() - started)
        self.post_call(self._voice_loaded, faults)

    def _typed_ready(self, runner: TurnRunner) -> None:
        self.runner = runner
        self._show_phase(Phase.READY)
        if self._pending:
            text, self._pending = self._pending, None
            self._start_turn(text=text)

    def _voice_loaded(self, faults: dict[str, str]) -> None:
        for kind, error in faults.items():
            _LOGGER.warning("%s: %s", kind, error)
        self.voice_ready = True
        self.faults.update(faults)
        self._show_banner()
        if self.phase is Phase.READY:
            self._show_phase(Phase.READY)
            self._listen_hands_free()

    # ------------------------------------------------------------------ keys and inputs
    def button_pressed(self) -> None:
        """The GPIO button went down (any thread)."""
        now = time.monotonic()
        self.post_call(lambda: self._do(self._ptt.press(self.phase, now)))

    def button_released(self) -> None:
        now = time.monotonic()
        self.post_call(lambda: self._do(self._ptt.release(self.phase, now)))

    def _do(self, action: TalkAction) -> None:
        self.session.touch()
        if action is TalkAction.END_LISTENING and self._control is not None:
            self._control.end_listening()
        elif action in (TalkAction.LISTEN, TalkAction.INTERRUPT):
            self._start_turn(listen=True)

    def action_new_visitor(self) -> None:
        """Esc, or the idle time: forget the visitor entirely."""
        self._cancel_turn()
        self.session = self._new_session()
        self.screen.set_class(False, "-seniors")
        self._clear_screen()
        self.view.question.focus()
        if self.phase is not Phase.LOADING:
            self._show_phase(Phase.READY)
            self._listen_hands_free()

    @on(QuestionBox.TalkPressed)
    def _space_talks(self) -> None:
        self.action_talk()

    @on(Input.Changed, "#question")
    def _typing(self) -> None:
        self.session.touch()

    @on(Input.Submitted, "#question")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        if self.runner is None:  # answered as soon as the answerer is loaded
            self._pending = text
            return
        self._start_turn(text=text)

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggested(self, event: OptionList.OptionSelected) -> None:
        self.view.question.focus()
        self._start_turn(text=str(event.option.prompt))

    # ------------------------------------------------------------------ turns
    def _start_turn(self, listen: bool = False, text: str | None = None,
                    replay: bool = False, wait_forever: bool = False) -> None:
        if self.runner is None:
            return
        self._cancel_turn()  # which also gives this turn a new id
        control = TurnControl()
        self._control = control
        session = self.session
        request = TurnRequest(
            self.turn_id, self._style(), text=text, listen=listen, wait_forever=wait_forever,
            replay=replay, last_answer=session.answer_pcm, last_rate=session.answer_rate)
        # Say at once what the press did; the turn's own reports follow.
        if text is not None:
            self._show_phase(Phase.THINKING)
        elif replay:
            self._show_phase(Phase.SPEAKING)
        elif not wait_forever:
            self._show_phase(Phase.LISTENING)
        self._run_turn(self.runner, request, control)

    @work(thread=True, exit_on_error=False, group="turns")
    def _run_turn(self, runner: TurnRunner, request: TurnRequest, control: TurnControl) -> None:
        runner.run(request, control, UiEvents(self))

    def _cancel_turn(self) -> None:
        """Drop the current turn: its speech stops and its late reports are ignored."""
        self.turn_id += 1
        if self._control is not None:
            self._control.cancel()
            self._control = None

    def _style(self) -> SpeechStyle:
        volume = self.session.volume
        if not self.session.seniors:
            return SpeechStyle(volume=volume)
        seniors = self.config.seniors
        return SpeechStyle(seniors.length_scale, seniors.sentence_pause_s, seniors_speech,
                           volume)

    def _listen_hands_free(self) -> None:
        if (self.config.kiosk.listen == "hands_free" and self.phase is Phase.READY
                and self.voice_ready and MIC not in self.faults and self.runner is not None):
            self._start_turn(listen=True, wait_forever=True)

    # called on the UI thread by kiosk.ui.bridge.UiEvents, for the current turn only
    def turn_phase(self, phase: Phase) -> None:
        self._show_phase(phase)

    def turn_heard(self, transcript: Transcript) -> None:
        self.session.touch()
        self.session.question = transcript.text
        self.session.language = transcript.language
        self.view.show_heard(transcript)
        self._show_language()

    def turn_answered(self, answer: Answer, spoken: bool) -> None:
        session = self.session
        session.touch()
        session.answer, session.sources = answer.text, list(answer.sources)
        session.answer_language = answer.language
        self._show_answer()
        self.view.show_source(answer.cited or answer.sources, spoken)

    def turn_device(self, kind: str, error: str | None) -> None:
        if error is None:
            self.faults.pop(kind, None)
        else:
            _LOGGER.warning("%s: %s", kind, error)
            if kind == MIC and kind not in self.faults:
                self.notify(texts.both(texts.NOTICES["no_microphone"]), severity="warning",
                            timeout=6)
            self.faults[kind] = error
        self._show_banner()

    def turn_finished(self, outcome: Outcome) -> None:
        self._control = None
        self.session.touch()
        if outcome.pcm:
            self.session.answer_pcm, self.session.answer_rate = outcome.pcm, outcome.rate
        if outcome.timings is not None:
            _LOGGER.info("turn timings: %s", outcome.timings)
        self._show_phase(Phase.READY)
        self._listen_hands_free()

    # ------------------------------------------------------------------ idle and devices
    def _check_idle(self) -> None:
        session = self.session
        visited = (session.question or session.answer or session.seniors
                   or session.volume != self.audio.output_volume
                   or self.view.question.value)
        if (self.phase is Phase.READY and visited
                and session.idle_for() >= self.config.kiosk.idle_s):
            _LOGGER.info("idle for %.0f s: new visitor", session.idle_for())
            self.action_new_visitor()

    def _poll_devices(self) -> None:
        if (self.faults.keys() & {MIC, SPEAKER} and self.phase is Phase.READY
                and self.voice_ready and self.runner is not None and not self._probing):
            self._probing = True
            self._probe(self.runner)

    @work(thread=True, exit_on_error=False, group="probe")
    def _probe(self, runner: TurnRunner) -> None:
        try:
            found = runner.gate.probe(lambda: check_devices(self.audio))
        except Exception:
            _LOGGER.exception("device probe failed")
            found = None
        self.post_call(self._probed, found)

    def _probed(self, found: dict[str, str | None] | None) -> None:
        self._probing = False
        if found is None:
            return
        for kind, error in found.items():
            if error is None and kind in self.faults:
                _LOGGER.info("%s is back", kind)
                self.faults.pop(kind)
        self._show_banner()
        self._listen_hands_free()

    # ------------------------------------------------------------------ GPIO
    def _start_gpio(self) -> None:
        hw = self.config.hardware
        if not hw.gpio:
            return
        from guichet.hardware.gpio import GpioError, StatusLed, TalkButton

        try:
            self._led = StatusLed(hw.led_pin)
            self._gpio.append(self._led)
            self._gpio.append(TalkButton(hw.button_pin, self.button_pressed,
                                         self.button_released))
        except GpioError as err:
            _LOGGER.error("%s; the keyboard still works", err)

    def post_call(self, call: Callable[..., None], *args: Any) -> None:
        """Run ``call`` on the UI thread, later, in order; from any thread."""
        self.post_message(UiCall(call, args))

    def on_ui_call(self, message: UiCall) -> None:
        if self._closing:
            return
        try:
            message.call(*message.args)
        except NoMatches:  # the screen is being torn down
            _LOGGER.debug("screen gone; dropped %s", message.call)
        except Exception:  # a bug in drawing must not close the kiosk
            _LOGGER.exception("updating the screen failed")

    # ------------------------------------------------------------------ drawing
    def _new_session(self) -> Session:
        return Session(volume=self.audio.output_volume)

    @property
    def view(self) -> KioskView:
        return self.query_one(KioskView)

    def _show_phase(self, phase: Phase) -> None:
        _LOGGER.debug("phase: %s (turn %d)", phase.value, self.turn_id)
        self.phase = phase
        self.view.show_phase(phase, self.config.kiosk.listen, not self.voice_ready)
        if self._led is not None:
            self._led.show(_LED[phase])

    def _show_banner(self) -> None:
        self.view.show_banner(self.faults)

    def _show_answer(self) -> None:
        session = self.session
        self.view.show_answer(session.answer, session.answer_language, session.seniors)

    def _show_language(self) -> None:
        """Suggestions and the info line follow the visitor's language."""
        session = self.session
        lang = session.language or self.pack.town.language
        self.view.show_suggestions(texts.suggested_questions(
            self.pack, lang, self.config.kiosk.suggestions))
        self.view.show_info(lang, session.volume, session.seniors)

    def _clear_screen(self) -> None:
        view = self.view
        view.show_heard(None)
        view.show_source(None)
        view.question.value = ""
        self._show_answer()
        self._show_language()
        self._show_banner()
