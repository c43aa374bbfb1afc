"""From worker threads to the kiosk's screen: calls posted as Textual messages, in order.

A message rather than ``call_from_thread``: a worker never waits for the screen, so the
app can wait for its workers when it closes, and a turn is never slowed by drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.message import Message

from guichet.content.answer.embedded import Answer
from guichet.kiosk.session import Phase
from guichet.kiosk.turns import Outcome
from guichet.voice.protocols import Transcript


class UiCall(Message):
    """A call a worker wants made on the UI thread."""

    def __init__(self, call: Callable[..., None], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.call = call
        self.args = args


class TurnScreen(Protocol):
    """What the app offers to a turn's reports (all run on the UI thread)."""

    turn_id: int
    """The current turn; reports of another are stale."""

    def post_call(self, call: Callable[..., None], *args: Any) -> None: ...

    def turn_phase(self, phase: Phase) -> None: ...

    def turn_heard(self, transcript: Transcript) -> None: ...

    def turn_answered(self, answer: Answer, spoken: bool) -> None: ...

    def turn_device(self, kind: str, error: str | None) -> None: ...

    def turn_finished(self, outcome: Outcome) -> None: ...


class UiEvents:
    """:class:`kiosk.turns.TurnEvents` for the screen; reports of a stale turn are dropped
    (a device's state is kept whatever turn found it)."""

    def __init__(self, screen: TurnScreen) -> None:
        self.screen = screen

    def _current(self, turn: int, call: Callable[..., None], *args: Any) -> None:
        def guarded() -> None:
            if turn == self.screen.turn_id:
                call(*args)

        self.screen.post_call(guarded)

    def phase(self, turn: int, phase: Phase) -> None:
        self._current(turn, self.screen.turn_phase, phase)

    def heard(self, turn: int, transcript: Transcript) -> None:
        self._current(turn, self.screen.turn_heard, transcript)

    def answered(self, turn: int, answer: Answer, spoken: bool) -> None:
        self._current(turn, self.screen.turn_answered, answer, spoken)

    def device(self, turn: int, kind: str, error: str | None) -> None:
        self.screen.post_call(self.screen.turn_device, kind, error)

    def finished(self, turn: int, outcome: Outcome) -> None:
        self._current(turn, self.screen.turn_finished, outcome)
