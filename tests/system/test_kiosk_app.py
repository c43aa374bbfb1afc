"""The kiosk screen under Textual's Pilot: real engines, real (ALSA file) sound devices.

Nothing is faked: questions are typed through key presses or heard by the real
sounddevice/PortAudio path from an ALSA capture file; speech lands in an ALSA file sink.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from textual.widgets import Input, OptionList

from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.seniors import one_idea_per_sentence
from guichet.kiosk.session import Phase
from guichet.kiosk.staff.journal import QuestionLog
from guichet.kiosk.ui.texts import LABELS, both
from guichet.voice.breath import split_sentences
from tests.support.alsa import question_raw
from tests.support.kiosk_pilot import (
    SIZE,
    SPOKEN_QUESTION,
    ask,
    ask_aloud,
    loaded,
    make_app,
    shown,
    until,
)


@pytest.mark.parametrize(("question", "lang", "source", "language"), [
    ("Combien coûte la cantine ?", "fr", "cantine", "Français"),
    ("When is the market?", "en", "marche", "English"),
])
async def test_typed_question_shows_the_answer_and_its_source(
        question: str, lang: str, source: str, language: str, kiosk_pipeline, sound,
        demo_pack) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, question)
        assert app.session.sources == [source]
        assert shown(app, "#answer") == demo_pack.entry(source).answer[lang]
        # The source as the town wrote it ("Service des marchés"), not its id ("marche").
        assert demo_pack.entry(source).source in shown(app, "#source")
        assert f": {source}" not in shown(app, "#source")
        assert f"« {question} »" in shown(app, "#transcript")
        assert language in shown(app, "#info")
        if lang == "fr":  # no French voice here: written only, and the screen says so
            assert both(LABELS["text_only"]) in shown(app, "#source")
            assert app.session.answer_pcm == b"" and sound.played() == b""
        else:  # said aloud: the speech lands on the speaker
            assert len(app.session.answer_pcm) > 22050 * 2 * 3  # seconds of speech
            assert sound.played() == app.session.answer_pcm


async def test_space_listens_and_answers_the_spoken_question(kiosk_pipeline, sound, speak,
                                                             tmp_path: Path) -> None:
    sound.use(sound.sink, question_raw(speak(SPOKEN_QUESTION), tmp_path / "q.raw"))
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask_aloud(pilot, "marche")
        assert "market" in app.session.question.lower()
        assert sound.played() == app.session.answer_pcm


async def test_f2_repeats_the_last_answer(kiosk_pipeline, sound) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "When is the market?")
        answer = app.session.answer_pcm
        assert sound.sink is not None
        sound.sink.unlink()
        await pilot.press("f2")
        await until(pilot, lambda: len(sound.played()) >= len(answer), "the answer replayed")
        assert sound.played() == answer


async def test_spoken_repeat_request_replays_instead_of_answering(
        kiosk_pipeline, sound, speak, tmp_path: Path) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "When is the market?")
        answer = app.session.answer_pcm
        await ask(pilot, "Repeat, please.")
        assert app.session.sources == ["marche"]  # not replaced by a "repeat" answer
        assert sound.played() == answer


async def test_seniors_mode_speaks_slower_with_larger_text(kiosk_pipeline, sound) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "What is the address of the town hall?")
        normal = len(app.session.answer_pcm)
        await pilot.press("f4")
        assert app.screen.has_class("-seniors")
        assert both(LABELS["seniors"]) in shown(app, "#info")
        # One idea a line on screen.
        lines = shown(app, "#answer").split("\n")
        assert lines == split_sentences(one_idea_per_sentence(app.session.answer, "en"))
        assert len(lines) > len(split_sentences(app.session.answer))
        await ask(pilot, "What is the address of the town hall?")
        assert len(app.session.answer_pcm) >= 1.2 * normal  # at least 20 % slower
        await pilot.press("f4")
        assert not app.screen.has_class("-seniors")


async def test_volume_keys_and_new_visitor_reset(kiosk_pipeline, sound) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "When is the market?")
        normal = np.frombuffer(app.session.answer_pcm, "<i2").astype(np.int32)
        await pilot.press("f5", "f5")
        assert app.session.volume == 0.5 and "Volume 50 %" in shown(app, "#info")
        await pilot.press("f2")
        await until(pilot, lambda: app.phase is Phase.READY and len(sound.played()) > 0,
                    "the quieter replay")
        quiet = np.frombuffer(sound.played(), "<i2").astype(np.int32)
        assert np.abs(quiet).max() <= np.abs(normal).max() // 2 + 1
        await pilot.press("f4", "escape")
        assert app.session.volume == 1.0 and not app.session.seniors
        assert not app.screen.has_class("-seniors")
        assert app.session.answer_pcm == b"" and app.session.question == ""
        assert shown(app, "#transcript") == "" and shown(app, "#source") == ""
        assert shown(app, "#answer") == both(LABELS["welcome"])


async def test_new_visitor_while_thinking_leaves_nothing_of_the_question(
        kiosk_pipeline, sound, speak, tmp_path: Path) -> None:
    sound.use(sound.sink, question_raw(speak(SPOKEN_QUESTION), tmp_path / "q.raw"))
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # The keys' actions, called directly: Pilot's key presses wait for the process to
        # be idle, which it is not while Whisper transcribes (the moment this test needs).
        app.action_talk()
        await until(pilot, lambda: app.phase is Phase.THINKING, "thinking")
        app.action_new_visitor()
        runner = app.runner
        assert runner is not None
        await until(pilot, lambda: runner.gate.active == 0, "the dropped turn's end")
        await pilot.pause(0.2)  # let any late report of that turn reach the screen
        assert app.session.question == "" and app.session.answer_pcm == b""
        assert shown(app, "#transcript") == "" and shown(app, "#source") == ""
        assert shown(app, "#answer") == both(LABELS["welcome"])
        assert app.phase is Phase.READY and sound.played() == b""


async def test_idle_time_forgets_the_visitor(kiosk_pipeline, sound) -> None:
    config = GuichetConfig()
    config.kiosk.idle_s = 0.5
    app = make_app(kiosk_pipeline, config)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "When is the market?")
        assert app.session.answer
        await pilot.press(*"half a quest")  # typed, never sent
        await until(pilot, lambda: not app.session.answer and not app.session.answer_pcm,
                    "the idle reset")
        assert app.query_one("#question", Input).value == ""
        assert shown(app, "#transcript") == "" and shown(app, "#source") == ""
        assert app.session.question == "" and app.session.sources == []


async def test_suggested_questions_come_from_the_pack_and_can_be_chosen(
        kiosk_pipeline, sound, demo_pack) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        options = app.query_one("#suggestions", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert 4 <= len(prompts) <= 6
        french = {q for e in demo_pack.faq for q in e.questions.get("fr", ())}
        assert set(prompts) <= french
        await pilot.pause()
        await pilot.click("#suggestions", offset=(3, 1))
        await until(pilot, lambda: app.session.sources, "an answer to the suggestion")
        entry = next(e for e in demo_pack.faq if prompts[0] in e.questions["fr"])
        assert app.session.sources == [entry.id]


async def test_questions_are_logged_only_as_text_language_outcome_and_hour(
        kiosk_pipeline, sound, tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "data")
    app = make_app(kiosk_pipeline, journal=log)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "When is the market?")
        await ask(pilot, "Who won the football world cup?")
    records = log.read()
    assert [(r.question, r.language, r.answered) for r in records] == [
        ("When is the market?", "en", True), ("Who won the football world cup?", "en", False)]
    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert all(set(eval_keys(line)) == {"hour", "question", "language", "answered"}
               for line in lines)


def eval_keys(line: str) -> list[str]:
    import json

    return list(json.loads(line))
