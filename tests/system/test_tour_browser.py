"""The phone page end to end, in real headless Chromium (Debian's, driven by Playwright).

The demo tour is built with real Piper narration, served by the real tour server on
127.0.0.1, and walked with Chromium's geolocation override: the only fake here is the
GPS walk itself (positions set by the test, as a phone's GPS would report them), and
narrations played 16 times faster so that a walk does not last their length.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from guichet.content.pack.loader import Pack
from guichet.tours.model import load_tour
from tests.support.paths import REPO
from tests.support.phone_page import phone, served_site
from tests.system.conftest import DEMO_TOUR

WIDTHS = [320, 390]


@pytest.mark.parametrize("width", WIDTHS)
def test_each_stop_plays_in_order_along_a_walk_and_the_page_works_offline(
    built_tour: Path, tour_answers: Pack, width: int
) -> None:
    tour = load_tour(DEMO_TOUR)
    with served_site(built_tour, tour_answers) as url, phone(url, width) as device:
        device.wait_for("guichet:ready vieille-ville")
        device.wait_for("guichet:sw registered")
        device.page.click("#start")  # the user gesture that unlocks sound
        device.wait_for("guichet:started")
        device.fast_audio()
        for stop in tour.stops:
            device.walk_into(stop.lat, stop.lon)
            device.wait_for(f"guichet:play {stop.id} en")
        device.wait_for(f"guichet:ended {tour.stops[-1].id}", timeout=30)
        played = [m.split()[1] for m in device.lines("guichet:play ")
                  if not m.startswith("guichet:play intro")]
        assert played == [s.id for s in tour.stops]
        page = device.page
        assert page.inner_text("#current-name") == "The castle"
        assert "built around 1340" in (page.text_content("#transcript") or "")
        assert page.inner_text("#progress") == "9 of 9"
        assert page.inner_text("#next-name") == "Walk complete, thank you!"
        assert "guichet:wake-lock on" in device.console
        assert page.inner_text("#wake") == "Screen kept on during the walk"
        shot = device.capture(f"tour-walked-{width}")
        if os.environ.get("GUICHET_UPDATE_DOCS"):
            shutil.copyfile(shot.with_name(f"{shot.stem}-screen.png"),
                            REPO / "docs" / f"tour-phone-{width}.png")
        # Offline: the service worker serves the page, the tour and the progress survives.
        device.context.set_offline(True)
        device.console.clear()
        page.reload()
        device.wait_for("guichet:ready vieille-ville")
        assert page.inner_text("#title") == "Montrevel, the old town"
        assert len(page.query_selector_all("#stops li.played")) == len(tour.stops)
        page.fill("#question", "When is the market?")
        page.click("#ask-form button")
        # Functions, not expressions: Playwright evaluates an expression with eval(),
        # which the site's Content-Security-Policy refuses (no 'unsafe-eval').
        page.wait_for_function("() => document.getElementById('answer').textContent.length > 5")
        assert "Offline" in page.inner_text("#answer")
        device.context.set_offline(False)
        page.click("#ask-form button")
        page.wait_for_function(
            "() => document.getElementById('answer').textContent.includes('Thursday')")
    # The site's Content-Security-Policy let the page do all of that.
    assert not [m for m in device.console if "Content Security Policy" in m], device.console


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_fits_the_phone_with_readable_text_in_every_state(
    built_tour: Path, tour_answers: Pack, width: int, locale: str
) -> None:
    tour = load_tour(DEMO_TOUR)
    with served_site(built_tour, tour_answers) as url, phone(url, width, locale) as device:
        device.wait_for("guichet:ready vieille-ville")
        states = {"welcome": device.layout()}
        device.page.click("#start")
        device.wait_for("guichet:started")
        device.fast_audio()
        first, playing, second = tour.stops[0], tour.stops[1], tour.stops[2]
        device.walk_into(first.lat, first.lon)
        device.wait_for(f"guichet:ended {first.id}")
        device.fast_audio(1.0)
        device.walk_into(playing.lat, playing.lon)
        device.wait_for(f"guichet:play {playing.id}")
        device.page.click(f"#stops li[data-stop='{second.id}'] button.listen")
        device.wait_for(f"guichet:choice {second.id}")  # the now/after choice is open
        device.page.click("#plan-toggle")
        device.page.wait_for_function(
            "() => document.getElementById('plan').complete && "
            "document.getElementById('plan').naturalWidth > 0")
        device.page.fill("#question", "Quand a été construite la porte de Bourgogne ?")
        device.page.click("#ask-form button")
        device.wait_for("guichet:answered")
        states["walking"] = device.layout()
        device.capture(f"tour-{width}-{locale[:2]}")
        played = device.page.query_selector(f"#stops li[data-stop='{first.id}']")
        assert played is not None
        decoration = played.evaluate("(e) => getComputedStyle(e).textDecorationLine")
        badge = played.inner_text()
    for name, layout in states.items():
        assert layout["scrollWidth"] == layout["clientWidth"] == width, (name, layout)
        assert layout["wide"] == [], (name, layout)
        assert layout["small"] == [], (name, layout)
    # Played or playing is said in words with a sign, not by strikethrough.
    assert decoration == "none"
    assert ("✓ écoutée" if locale == "fr-FR" else "✓ heard") in badge


def test_an_mp3_is_fetched_in_ranges_as_ios_safari_asks(built_tour: Path, demo_pack: Pack
                                                        ) -> None:
    mp3 = next(p for p in sorted(built_tour.rglob("*.mp3")))
    path = mp3.relative_to(built_tour).as_posix()
    size = mp3.stat().st_size
    with served_site(built_tour, demo_pack) as url, phone(url, 390) as device:
        got = device.page.evaluate("""async (path) => {
            const response = await fetch(path, {headers: {Range: "bytes=100-1123"}});
            const body = new Uint8Array(await response.arrayBuffer());
            return {status: response.status, range: response.headers.get("content-range"),
                    type: response.headers.get("content-type"), length: body.length,
                    first: body[0]};
        }""", path)
    assert got == {"status": 206, "range": f"bytes 100-1123/{size}", "type": "audio/mpeg",
                   "length": 1024, "first": mp3.read_bytes()[100]}
