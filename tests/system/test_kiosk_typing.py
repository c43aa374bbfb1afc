"""Typing first: a visitor's typed question reaches the kiosk exactly as typed.

Every character of ten French and English questions (accents, apostrophes, spaces, "r",
"s", "-", "+", "?") is sent one key at a time at a person's pace, then fast, then as a
terminal paste; the question box, the question asked and the answer's source must be
exactly those of the typed text, and no key may have acted as a command.
"""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.pilot import Pilot

from guichet.kiosk.session import Phase
from guichet.kiosk.ui.app import KioskApp
from guichet.voice.pipeline import Pipeline
from tests.support.kiosk_pilot import SIZE, loaded, make_app, shown, until

QUESTIONS = (
    "Quels sont les horaires de la mairie ?",
    "La mairie est-elle ouverte samedi ?",
    "Où se trouve la déchèterie ?",
    "Combien coûte la cantine à l'école ?",
    "Y a-t-il un hôpital près d'ici ?",
    "Comment inscrire mon garçon au centre de loisirs ?",
    "Le marché, c'est le dimanche + le mercredi ?",
    "What are the town hall's opening hours?",
    "Is the market on Saturday or Sunday?",
    "Where's the bus stop - and is parking free?",
)
HUMAN_DELAY_S = 0.04
"""Between two keys: a quick typist (about 25 keys a second at most)."""


async def _type(pilot: Pilot[None], question: str, how: str) -> None:
    app = pilot.app
    if how == "paste":  # a terminal's bracketed paste: one event, the whole text
        assert app.focused is not None
        app.focused.post_message(events.Paste(question))
        await pilot.pause()
    elif how == "fast":
        await pilot.press(*question)
    else:
        for character in question:
            await pilot.press(character)
            await asyncio.sleep(HUMAN_DELAY_S)


@pytest.mark.parametrize("how", ["human", "fast", "paste"])
async def test_every_typed_character_reaches_the_question(how: str, kiosk_pipeline: Pipeline,
                                                          sound) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert isinstance(app, KioskApp)
        volume = app.session.volume
        for question in QUESTIONS:
            await _type(pilot, question, how)
            assert app.view.question.value == question  # shown exactly as typed
            assert app.phase is Phase.READY  # no key started a turn
            assert not app.session.seniors and app.session.volume == volume
            before = app.turn_id
            await pilot.press("enter")
            await until(pilot, lambda b=before: app.turn_id > b and app.phase is Phase.READY
                        and app._control is None, f"an answer to {question!r}")
            assert app.session.question == question  # asked exactly as typed
            assert f"« {question} »" in shown(app, "#transcript")
            expected = kiosk_pipeline.answerer.answer(question, app.session.language or "fr")
            assert app.session.sources == list(expected.sources), question
            assert app.session.answer == expected.text
            assert app.view.question.value == ""


async def test_space_talks_only_in_an_empty_box(kiosk_pipeline: Pipeline, sound) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press(*"Le marché", "space")
        assert app.view.question.value == "Le marché " and app.phase is Phase.READY
        await pilot.press("escape")  # a new visitor: the box is emptied
        assert app.view.question.value == ""
        before = app.turn_id
        await pilot.press("space")  # empty box: Space talks
        assert app.turn_id > before and app.view.question.value == ""
        await until(pilot, lambda: app.phase is Phase.READY and app._control is None,
                    "the (silent) spoken turn to end")


async def test_commands_are_function_keys(kiosk_pipeline: Pipeline, sound) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f4")
        assert app.session.seniors and app.screen.has_class("-seniors")
        await pilot.press("f5")
        assert app.session.volume == 0.75 and "Volume 75 %" in shown(app, "#info")
        await pilot.press("f6", "f6")
        assert app.session.volume == 1.25
        await pilot.press("f3")
        assert app.session.language == "en" and "English" in shown(app, "#info")
        assert app.view.question.value == ""  # none of them typed anything
        await pilot.press("f4")
        assert not app.session.seniors
