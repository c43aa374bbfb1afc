"""What the kiosk shows: the widgets of its screen, drawn from plain values.

No state of its own beyond the widgets: the app decides, the view draws. Texts from the
visitor are drawn as plain text (never as markup).
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from guichet.content.understand.languages import own_name
from guichet.kiosk.seniors import one_idea_per_sentence
from guichet.kiosk.session import Phase
from guichet.kiosk.ui import texts
from guichet.voice.breath import split_sentences
from guichet.voice.protocols import Transcript


class QuestionBox(Input):
    """The visitor's question: every printable key types into it, Space included, except
    Space in an empty box, which asks to talk (:class:`TalkPressed`)."""

    class TalkPressed(Message):
        """Space in an empty box: the visitor wants to speak."""

    def on_mount(self) -> None:
        # A steady cursor: easier to find from a step back, and a screen that only
        # changes when something happens (fewer redraws on a Pi's console).
        self.cursor_blink = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "space" and not self.value:
            event.stop()
            event.prevent_default()
            self.post_message(self.TalkPressed())
            return
        await super()._on_key(event)


class AnswerArea(VerticalScroll, can_focus=False):
    """The answer and its source, scrolled by the app's keys (focus stays in the question
    box); its bottom edge says when there is more to read, and with which keys."""

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.announce()

    def on_resize(self) -> None:
        self.call_after_refresh(self.announce)

    def announce(self) -> None:
        if self.max_scroll_y <= 0:
            self.border_subtitle = ""
        elif self.scroll_y < self.max_scroll_y:
            self.border_subtitle = texts.both(texts.LABELS["more_below"])
        else:
            self.border_subtitle = texts.both(texts.LABELS["more_above"])


class KioskView(Vertical):
    """Town and info line, fault banner, status, dialogue, suggestions, question box, keys."""

    DEFAULT_CSS = "KioskView { height: 1fr; }"

    def __init__(self, town: str) -> None:
        super().__init__()
        self.town = town

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Static(Text(self.town), id="town")
            yield Static(id="info")
        yield Static(id="banner")
        with Vertical(id="top"):
            yield Static(id="status")
            yield Static(id="hint")
        with Horizontal(id="middle"):
            with Vertical(id="dialogue"):
                yield Static(id="transcript")
                with AnswerArea(id="answer-area"):
                    yield Static(id="answer")
                    yield Static(id="source")
            with Vertical(id="side"):
                yield Static(texts.both(texts.LABELS["suggestions"]), id="suggestions-title")
                yield OptionList(id="suggestions")
        yield QuestionBox(placeholder=texts.both(texts.LABELS["placeholder"]),
                          id="question", select_on_focus=False)
        yield Static(id="keys")

    def _set(self, selector: str, text: str) -> None:
        self.query_one(selector, Static).update(Text(text))

    def show_phase(self, phase: Phase, listen_mode: str, voice_loading: bool = False) -> None:
        fr, en = texts.STATUS[phase]
        self._set("#status", f"{fr} / {en}")
        self._set("#hint", texts.both(texts.VOICE_LOADING)
                  if voice_loading and phase is Phase.READY else texts.hint(phase, listen_mode))
        status = self.query_one("#status", Static)
        for other in Phase:
            status.set_class(other is phase, f"-{other.value}")

    def show_banner(self, faults: Collection[str]) -> None:
        banner = self.query_one("#banner", Static)
        lines = [f"⚠ {texts.both(texts.BANNERS[kind])}" for kind in texts.BANNERS
                 if kind in faults]
        banner.update(Text("\n".join(lines)))
        banner.display = bool(lines)

    def show_heard(self, transcript: Transcript | None) -> None:
        if transcript is None:
            self._set("#transcript", "")
            return
        said = (f"« {transcript.text} »" if transcript.heard
                else texts.both(texts.LABELS["nothing_heard"]))
        self._set("#transcript", f"{texts.both(texts.LABELS['asked'])} : {said}")

    def show_answer(self, text: str, lang: str, seniors: bool) -> None:
        if not text:
            text = texts.both(texts.LABELS["welcome"])
        elif seniors:  # one idea a line
            text = "\n".join(split_sentences(one_idea_per_sentence(text, lang)))
        self._set("#answer", text)
        self.answer_area.scroll_home(animate=False)

    def show_source(self, sources: tuple[str, ...] | list[str] | None,
                    spoken: bool = True) -> None:
        """``sources``: the labels of the answer's sources, as the town wrote them."""
        if sources is None:
            self._set("#source", "")
            return
        where = ", ".join(sources) if sources else texts.both(texts.LABELS["no_source"])
        note = "" if spoken else f"  ({texts.both(texts.LABELS['text_only'])})"
        self._set("#source", f"{texts.both(texts.LABELS['source'])} : {where}{note}")

    def show_suggestions(self, questions: list[str]) -> None:
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        options.add_options(questions)

    def show_info(self, lang: str, volume: float, seniors: bool) -> None:
        parts = [own_name(lang), f"{texts.LABELS['volume'][0]} {round(volume * 100)} %"]
        if seniors:
            parts.append(texts.both(texts.LABELS["seniors"]))
        self._set("#info", " · ".join(parts))

    def show_keys(self, width: int) -> None:
        self._set("#keys", "\n".join(texts.key_lines(max(20, width - 2))))

    def scroll_answer(self, step: int, page: bool = False) -> None:
        """Scroll the answer ``step`` lines, or ``step`` pages (a line of overlap)."""
        area = self.answer_area
        lines = step * max(1, area.scrollable_content_region.height - 1) if page else step
        area.scroll_to(y=area.scroll_y + lines, animate=False)

    @property
    def answer_area(self) -> AnswerArea:
        return self.query_one(AnswerArea)

    @property
    def question(self) -> QuestionBox:
        return self.query_one("#question", QuestionBox)
