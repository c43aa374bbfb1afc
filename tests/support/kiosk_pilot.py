"""Helpers to drive the real kiosk app under Textual's Pilot (no fakes: real engines)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Static

from guichet.kiosk.compose import load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.session import Phase
from guichet.kiosk.staff.journal import QuestionLog
from guichet.kiosk.ui.app import KioskApp
from guichet.voice.pipeline import Pipeline

SIZE = (110, 32)
SPOKEN_QUESTION = "What day is the market?"
"""Said by the bundled voice into the microphone; answered from the pack's ``marche``.
Piper's synthesis varies from run to run: Whisper base heard this one right 30 times out
of 30, where "When is the market?" came out as "Wynn is the market" once in 8."""
# A generous limit against hanging, not a performance assertion.
DEADLINE_S = float(os.environ.get("KIOSK_TEST_DEADLINE_S", "120"))


def make_app(pipeline: Pipeline | None, config: GuichetConfig | None = None,
             journal: QuestionLog | None = None) -> KioskApp:
    config = config or GuichetConfig()
    config.kiosk.device_poll_s = min(config.kiosk.device_poll_s, 0.2)
    return KioskApp(config, load_town_pack(config), pipeline=pipeline, journal=journal)


async def until(pilot: Pilot[None], condition: Callable[[], object], what: str,
                deadline_s: float = DEADLINE_S) -> None:
    """Let the app run until ``condition()`` is true; fail saying ``what`` did not happen."""
    end = time.monotonic() + deadline_s
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"the kiosk never got to: {what}")
        await pilot.pause(0.05)


async def loaded(pilot: Pilot[None]) -> KioskApp:
    """Wait until the kiosk is ready for spoken questions (its voice loaded)."""
    app = await typed_ready(pilot)
    await until(pilot, lambda: app.voice_ready and app.phase is Phase.READY,
                "ready for spoken questions")
    return app


async def typed_ready(pilot: Pilot[None]) -> KioskApp:
    """Wait until the kiosk answers typed questions (its voice may still be loading)."""
    app = pilot.app
    assert isinstance(app, KioskApp)
    await until(pilot, lambda: app.runner is not None and app.phase is Phase.READY,
                "ready for typed questions")
    return app


async def ask(pilot: Pilot[None], question: str) -> None:
    """Type ``question`` (the box takes focus by itself) and press Enter; wait for the answer."""
    app = pilot.app
    assert isinstance(app, KioskApp)
    before = app.turn_id
    await pilot.press(*question, "enter")
    await until(pilot, lambda: app.turn_id > before and app.phase is Phase.READY
                and app._control is None, f"an answer to {question!r}")


async def ask_aloud(pilot: Pilot[None], source: str) -> None:
    """Press Space: the microphone hears its question; it is answered from ``source``."""
    app = pilot.app
    assert isinstance(app, KioskApp)
    before = app.turn_id
    await pilot.press("space")
    await until(pilot, lambda: app.turn_id > before and app.phase is Phase.READY
                and app._control is None, "the spoken question's turn to end")
    assert app.session.sources == [source], f"heard {app.session.question!r}"


def shown(app: KioskApp, selector: str) -> str:
    """The text a Static shows."""
    return str(app.query_one(selector, Static).content)


def run_before_ready(condition: Callable[[KioskApp], object] | None = None
                     ) -> Callable[[Pilot[None]], object]:
    """For snapshots: wait until loaded (and ``condition``), then drop the cursor blink."""

    async def run(pilot: Pilot[None]) -> None:
        app = await loaded(pilot)
        if condition is not None:
            await until(pilot, lambda: condition(app), "the screen to snapshot")
        await pilot.pause()

    return run
