"""What the visitor's keys do at the kiosk; typing first.

Every printable key types into the question box (letters, digits, accents, "+", "-",
"?", Space): commands live on keys that cannot be part of a question. Function keys for
talk, repeat, language, seniors mode and volume; Esc for a new visitor; arrows and
PgUp/PgDn scroll the answer; Space talks only when the box is empty (the box itself
decides). Quitting is the staff's: Ctrl+Q (or Ctrl+C) twice within 2 s.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType

from guichet.content.pack.loader import Pack
from guichet.kiosk.session import Phase, Session, StaffQuit, TalkAction, talk_action
from guichet.kiosk.turns import MIC
from guichet.kiosk.ui import texts

if TYPE_CHECKING:
    from textual.app import App

    from guichet.kiosk.ui.view import KioskView

    _Base = App[None]
else:
    _Base = object

_LOGGER = logging.getLogger(__name__)

NARROW, SHORT = 100, 30
"""Below this many columns the suggestions give their room to the answer; below this many
rows the status line is thinner."""

KEY_BINDINGS: list[BindingType] = [
    Binding("f1", "talk", show=False),
    Binding("f2", "repeat", show=False),
    Binding("f3", "language", show=False),
    Binding("f4", "seniors", show=False),
    Binding("f5", "volume(-1)", show=False),
    Binding("f6", "volume(1)", show=False),
    Binding("escape", "new_visitor", show=False),
    Binding("up", "scroll_answer(-1)", show=False),
    Binding("down", "scroll_answer(1)", show=False),
    Binding("pageup", "scroll_answer(-1, True)", show=False),
    Binding("pagedown", "scroll_answer(1, True)", show=False),
    # Staff only: twice within 2 s (Textual's own quit and its English prompt replaced).
    Binding("ctrl+q", "staff_quit", show=False, priority=True),
    Binding("ctrl+c", "staff_quit", show=False, priority=True),
]


class VisitorKeys(_Base):
    """The key actions of :class:`kiosk.ui.app.KioskApp` (a mixin: the app holds the state)."""

    session: Session
    phase: Phase
    faults: dict[str, str]
    voice_ready: bool
    pack: Pack
    _staff_quit: StaffQuit

    if TYPE_CHECKING:
        @property
        def view(self) -> KioskView: ...

        def _do(self, action: TalkAction) -> None: ...

        def _start_turn(self, listen: bool = False, text: str | None = None,
                        replay: bool = False, wait_forever: bool = False) -> None: ...

        def _show_answer(self) -> None: ...

        def _show_language(self) -> None: ...


    def action_talk(self) -> None:
        self.session.touch()
        if self.phase is Phase.READY and self._cannot_listen():
            return
        self._do(talk_action(self.phase))

    def _cannot_listen(self) -> bool:
        """Say why Space cannot listen now (bilingual notice), if it cannot."""
        why = ("voice_loading" if not self.voice_ready else "no_microphone"
               if MIC in self.faults else "no_recognition" if "stt" in self.faults else "")
        if why:
            self.notify(texts.both(texts.NOTICES[why]), severity="warning", timeout=6)
        return bool(why)

    def action_staff_quit(self) -> None:
        if self._staff_quit.press(time.monotonic()):
            _LOGGER.info("stopped by staff (Ctrl+Q twice)")
            self.exit()
        else:
            self.notify(texts.both(texts.NOTICES["quit_armed"]), timeout=2.5)

    def action_language(self) -> None:
        """F3: the next of the town's languages for the suggestions and the info line."""
        self.session.touch()
        langs = self.pack.town.languages
        current = self.session.language or self.pack.town.language
        self.session.language = langs[(langs.index(current) + 1) % len(langs)
                                      if current in langs else 0]
        self._show_language()

    def action_scroll_answer(self, step: int, page: bool = False) -> None:
        self.session.touch()
        self.view.scroll_answer(step, page)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.screen.set_class(width < NARROW, "-narrow")
        self.screen.set_class(height < SHORT, "-short")
        self.view.show_keys(width)

    def action_repeat(self) -> None:
        self.session.touch()
        if self.session.answer_pcm:
            self._start_turn(replay=True)

    def action_seniors(self) -> None:
        self.session.touch()
        self.session.seniors = not self.session.seniors
        self.screen.set_class(self.session.seniors, "-seniors")
        self._show_answer()
        self._show_language()

    def action_volume(self, steps: int) -> None:
        self.session.touch()
        self.session.change_volume(steps)
        self._show_language()

    def on_key(self, event: events.Key) -> None:
        """A printable key pressed elsewhere (the suggestions) types into the question box,
        which takes the focus: no need to find the box first."""
        question = self.view.question
        if self.focused is question or not (event.is_printable and event.character):
            return
        event.stop()
        question.focus()
        if event.key == "space" and not question.value:
            self.action_talk()
        else:
            question.insert_text_at_cursor(event.character)

