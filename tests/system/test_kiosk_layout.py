"""Every screen size from 80×24 to 200×60, normal and seniors: the whole answer and its
source can always be read (by the visitor's keys), the scrolling is announced, and the
key line fits the width."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from guichet.kiosk.ui.app import KioskApp
from guichet.kiosk.ui.texts import LABELS, both, key_lines
from tests.support.kiosk_pilot import ask, loaded, make_app

LONG_QUESTION = "À quelle heure peut-on tondre la pelouse et combien coûte un passeport ?"


def _visible_rows(app: KioskApp, widget: Static) -> set[int]:
    """The rows of ``widget`` (its own coordinates) that are on screen now."""
    try:
        geometry = app.screen.find_widget(widget)
    except Exception:  # scrolled out entirely
        return set()
    shown = geometry.region.intersection(geometry.clip)
    top = geometry.region.y
    return set(range(shown.y - top, shown.y - top + shown.height))


@pytest.mark.parametrize("seniors", [False, True], ids=["normal", "seniors"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 33), (160, 45), (200, 60)],
                         ids=str)
async def test_whole_answer_and_source_reachable(size: tuple[int, int], seniors: bool,
                                                 kiosk_pipeline, sound) -> None:
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        if seniors:
            await pilot.press("f4")
        await ask(pilot, LONG_QUESTION)
        await pilot.pause()
        view = app.view
        area, answer = view.answer_area, app.query_one("#answer", Static)
        source = app.query_one("#source", Static)
        assert len(app.session.sources) == 2
        if area.max_scroll_y > 0:  # more than fits: said on the area's edge
            assert area.border_subtitle == both(LABELS["more_below"])
        answer_rows, source_rows = set(), set()
        for _ in range(40):  # a visitor paging down
            answer_rows |= _visible_rows(app, answer)
            source_rows |= _visible_rows(app, source)
            if area.scroll_y >= area.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert answer_rows == set(range(answer.outer_size.height)), "part of the answer unseen"
        assert source_rows == set(range(source.outer_size.height)), "the source unseen"
        if area.max_scroll_y > 0:
            assert area.border_subtitle == both(LABELS["more_above"])
        keys = app.query_one("#keys", Static)
        lines = key_lines(size[0] - 2)
        assert all(len(line) <= size[0] - 2 for line in lines)
        assert keys.outer_size.height == len(lines) and _visible_rows(app, keys)
        assert app.view.question.has_focus  # typing still goes to the question box
