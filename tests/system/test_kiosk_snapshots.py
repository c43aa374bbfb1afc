"""Snapshots of the kiosk's main screens (pytest-textual-snapshot), on the real engines.

Update them after a deliberate change of the screen with ``--snapshot-update`` and look
at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from guichet.kiosk.session import Phase
from guichet.kiosk.ui.app import KioskApp
from tests.support.kiosk_pilot import SIZE, ask, loaded, make_app, until


def _answered(question: str, *keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press(*keys)
        await ask(pilot, question)
        await pilot.pause()

    return run


async def _ready(pilot: Pilot[None]) -> None:
    await loaded(pilot)
    await pilot.pause()


def test_ready_screen(kiosk_pipeline, sound, snap_compare) -> None:
    assert snap_compare(make_app(kiosk_pipeline), terminal_size=SIZE, run_before=_ready)


def test_answer_screen(kiosk_pipeline, sound, snap_compare) -> None:
    assert snap_compare(make_app(kiosk_pipeline), terminal_size=SIZE,
                        run_before=_answered("When is the market?"))


def test_seniors_screen(kiosk_pipeline, sound, snap_compare) -> None:
    assert snap_compare(make_app(kiosk_pipeline), terminal_size=SIZE,
                        run_before=_answered("What is the address of the town hall?", "f4"))


def test_microphone_missing_screen(kiosk_pipeline, sound, snap_compare) -> None:
    sound.use(sound.sink, None)

    async def run(pilot: Pilot[None]) -> None:
        app = await loaded(pilot)
        assert isinstance(app, KioskApp)
        await until(pilot, lambda: app.phase is Phase.READY and "microphone" in app.faults,
                    "the microphone banner")
        await pilot.pause()

    assert snap_compare(make_app(kiosk_pipeline), terminal_size=SIZE, run_before=run)


LONG_QUESTION = "À quelle heure peut-on tondre la pelouse et combien coûte un passeport ?"
"""Two questions in one: two answers (530 characters) and two sources, the longest the
demo town gives."""


@pytest.mark.parametrize("seniors", [False, True], ids=["normal", "seniors"])
@pytest.mark.parametrize("size", [(80, 24), (120, 33), (160, 45)], ids=str)
def test_long_answer_screen(size: tuple[int, int], seniors: bool, kiosk_pipeline, sound,
                            snap_compare) -> None:
    keys = ("f4",) if seniors else ()
    assert snap_compare(make_app(kiosk_pipeline), terminal_size=size,
                        run_before=_answered(LONG_QUESTION, *keys))
