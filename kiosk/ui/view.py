"""What the kiosk shows: the widgets of its screen, drawn from plain values.

No state of its own beyond the widgets: the app decides, the view draws. Texts from the
visitor are drawn as plain text (never as markup).
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static

from guichet.content.understand.languages import own_name
from guichet.kiosk.seniors import one_idea_per_sentence
from guichet.kiosk.session import Phase
from guichet.kiosk.ui import texts
from guichet.voice.breath import split_sentences
from guichet.voice.protocols import Transcript


class KioskView(Vertical):
    """Town name, fault banner, status, dialogue, suggestions, question box, info line."""

    DEFAULT_CSS = "KioskView { height: 1fr; }"

    def __init__(self, town: str) -> None:
        super().__init__()
        self.town = town

    def compose(self) -> ComposeResult:
        yield Static(Text(self.town), id="town")
        yield Static(id="banner")
        with Vertical(id="top"):
            yield Static(id="status")
            yield Static(id="hint")
        with Horizontal(id="middle"):
            with Vertical(id="dialogue"):
                yield Static(id="transcript")
                yield Static(id="answer")
                yield Static(id="source")
            with Vertical(id="side"):
                yield Static(texts.both(texts.LABELS["suggestions"]), id="suggestions-title")
                yield OptionList(id="suggestions")
        yield Input(placeholder=texts.both(texts.LABELS["placeholder"]), id="question",
                    select_on_focus=False)
        yield Static(id="info")

    def _set(self, selector: str, text: str) -> None:
        self.query_one(selector, Static).update(Text(text))

    def show_phase(self, phase: Phase, listen_mode: str) -> None:
        fr, en = texts.STATUS[phase]
        self._set("#status", f"{fr} / {en}")
        self._set("#hint", texts.hint(phase, listen_mode))
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
        parts = [f"{texts.both(texts.LABELS['language'])} : {own_name(lang)}",
                 f"{texts.LABELS['volume'][0]} {round(volume * 100)} %"]
        if seniors:
            parts.append(texts.both(texts.LABELS["seniors"]))
        self._set("#info", "   ·   ".join(parts))

    @property
    def question(self) -> Input:
        return self.query_one("#question", Input)
