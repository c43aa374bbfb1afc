"""One visitor at the kiosk: what the kiosk is doing and what it remembers, as plain data.

The Textual app holds a :class:`Session` and replaces it with a fresh one when a visitor
leaves (Esc or the idle time): nothing of the previous visitor survives that. The
decisions on a press of the talk key or button are pure functions of the phase.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar


class Phase(Enum):
    """What the kiosk is doing; the status line and the LED show it."""

    LOADING = "loading"
    READY = "ready"
    LISTENING = "listening"
    THINKING = "thinking"
    SPEAKING = "speaking"


class TalkAction(Enum):
    """What a press of Space (or the button) does."""

    IGNORE = "ignore"
    """Models still loading."""
    LISTEN = "listen"
    """Start listening."""
    END_LISTENING = "end_listening"
    """Second press of press-press: the question is over."""
    INTERRUPT = "interrupt"
    """Stop thinking or speaking at once (barge-in) and listen."""


def talk_action(phase: Phase) -> TalkAction:
    """Space = talk / stop talking / interrupt."""
    return {
        Phase.LOADING: TalkAction.IGNORE,
        Phase.READY: TalkAction.LISTEN,
        Phase.LISTENING: TalkAction.END_LISTENING,
        Phase.THINKING: TalkAction.INTERRUPT,
        Phase.SPEAKING: TalkAction.INTERRUPT,
    }[phase]


@dataclass
class KioskConfig:
    """How the kiosk behaves (configuration section ``kiosk``)."""

    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"listen": ("push_to_talk", "hands_free")}
    PATH_FIELDS: ClassVar[tuple[str, ...]] = ("log_file",)

    listen: str = "push_to_talk"
    """"push_to_talk" (Space or the button, press-press or hold) or "hands_free" (the
    kiosk listens whenever it is ready; the end of speech is detected)."""
    idle_s: float = 90.0
    """Seconds without activity after which the screen resets for a new visitor."""
    suggestions: int = 5
    """How many suggested questions to show (4 to 6 read well)."""
    volume: float = 1.0
    """Volume at the start of each visitor (1.0 = as synthesized)."""
    device_poll_s: float = 3.0
    """While a microphone or speaker is missing, look for it this often."""
    log_file: str = ""
    """Where the kiosk logs (the screen is the visitor's); default:
    ``~/.local/state/guichet/kiosk.log``."""


VOLUME_STEP = 0.25
VOLUME_RANGE = (0.25, 2.0)


@dataclass
class Session:
    """Everything the kiosk knows about the current visitor; dropped whole on reset."""

    volume: float = 1.0
    """Playback gain; +/- change it, a new visitor gets the configured one back."""
    seniors: bool = False
    """Slower speech, longer pauses, larger text."""
    language: str | None = None
    """Language of the visitor's last question (None: not known yet)."""
    question: str = ""
    """The last question, as heard or typed."""
    answer: str = ""
    """The last answer's text."""
    answer_language: str = ""
    """Its language (the town's when the pack has no translation)."""
    sources: list[str] = field(default_factory=list)
    """Ids of the pack entries the last answer came from."""
    answer_pcm: bytes = b""
    """The last answer's speech, for "repeat" (R or the spoken word)."""
    answer_rate: int = 0
    """Sample rate of ``answer_pcm``."""
    last_activity: float = field(default_factory=time.monotonic)
    """Monotonic time of the last key, press or turn."""

    def touch(self, now: float | None = None) -> None:
        self.last_activity = time.monotonic() if now is None else now

    def idle_for(self, now: float | None = None) -> float:
        return (time.monotonic() if now is None else now) - self.last_activity

    def change_volume(self, steps: int) -> float:
        low, high = VOLUME_RANGE
        self.volume = min(high, max(low, round(self.volume + steps * VOLUME_STEP, 2)))
        return self.volume


class PushToTalk:
    """Press-press or hold, from presses and releases of one button.

    A release within ``hold_s`` of the press that started listening is a click: the
    visitor speaks and presses again. A longer press is hold-to-talk: releasing ends the
    question. The keyboard only gives presses (terminals send no key release), so Space is
    always press-press; the GPIO button gives both.
    """

    def __init__(self, hold_s: float) -> None:
        self.hold_s = hold_s
        self._pressed_at: float | None = None
        self._started_listening = False

    def press(self, phase: Phase, now: float) -> TalkAction:
        action = talk_action(phase)
        self._pressed_at = now
        self._started_listening = action in (TalkAction.LISTEN, TalkAction.INTERRUPT)
        return action

    def release(self, phase: Phase, now: float) -> TalkAction:
        pressed_at, started = self._pressed_at, self._started_listening
        self._pressed_at, self._started_listening = None, False
        if (pressed_at is not None and started and phase is Phase.LISTENING
                and now - pressed_at >= self.hold_s):
            return TalkAction.END_LISTENING
        return TalkAction.IGNORE


class StaffQuit:
    """Quitting is a staff action: Ctrl+Q (or Ctrl+C) twice within ``window_s``.

    A single press only arms it (the screen says how to confirm); a visitor leaning on the
    keyboard does not close the kiosk, and Textual's own English quit prompt never shows.
    """

    def __init__(self, window_s: float = 2.0) -> None:
        self.window_s = window_s
        self._armed_at: float | None = None

    def press(self, now: float) -> bool:
        """True when this press confirms the previous one: quit now."""
        armed = self._armed_at
        if armed is not None and 0 <= now - armed <= self.window_s:
            self._armed_at = None
            return True
        self._armed_at = now
        return False
