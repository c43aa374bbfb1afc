"""The phone page end to end, in real headless Chromium (Debian's, driven by Playwright).

The demo tour is built with real Piper narration, served by the real tour server on
127.0.0.1, and walked with Chromium's geolocation override: the only fake here is the
GPS walk itself (positions set by the test, as a phone's GPS would report them).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.pack.loader import Pack
from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.server.ask_api import ServeConfig
from guichet.kiosk.server.runner import make_server
from guichet.tours.build import build_tour
from guichet.tours.model import load_tour
from tests.support.paths import REPO

DEMO = REPO / "tours" / "demo" / "vieille-ville.yaml"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def built_tour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tour-site")
    build_tour(load_tour(DEMO), out, GuichetConfig().tts, progress=False)
    return out


@pytest.fixture
def site_url(built_tour: Path, demo_pack: Pack):  # type: ignore[no-untyped-def]
    server = make_server(built_tour, EmbeddedAnswerer(demo_pack), ("fr", "en"),
                         ServeConfig(port=0))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def wait_for(page, messages: list[str], needle: str,  # type: ignore[no-untyped-def]
             timeout: float = 20.0) -> None:
    # Playwright delivers console events only while it runs: wait through it, not sleep.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(needle in m for m in messages):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never saw {needle!r}; console: {messages[-15:]}")


def test_each_stop_plays_in_order_along_a_walk_and_the_page_works_offline(
    site_url: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    tour = load_tour(DEMO)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(
            locale="en-GB", viewport={"width": 390, "height": 844}, device_scale_factor=2,
            permissions=["geolocation", "screen-wake-lock"],
            geolocation={"latitude": 47.3140, "longitude": 4.8300, "accuracy": 10})
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(site_url)
        wait_for(page, console, "guichet:ready vieille-ville")
        wait_for(page, console, "guichet:sw registered")
        page.click("#start")  # the user gesture that unlocks sound
        wait_for(page, console, "guichet:started")
        for stop in tour.stops:
            # The test jumps from stop to stop, faster than any walker: the geofence takes
            # the new place once 3 fixes agree over 10 s (rule 2, as after a bus ride),
            # then a fix inside the zone enters it. Fixes a few metres apart, as a phone's.
            for step, wait in enumerate((5200, 5200, 150, 150)):
                context.set_geolocation({"latitude": stop.lat + step * 0.00002,
                                         "longitude": stop.lon, "accuracy": 8})
                page.wait_for_timeout(wait)
            wait_for(page, console, f"guichet:play {stop.id} en")
        played = [m.split()[1] for m in console if m.startswith("guichet:play ")
                  and not m.startswith("guichet:play intro")]
        assert played == [s.id for s in tour.stops]
        assert page.inner_text("#current-name") == "The castle"
        assert "built around 1340" in page.inner_text("#transcript")
        assert any("guichet:wake-lock on" in m for m in console)
        shot = tmp_path / "tour-phone.png"
        page.screenshot(path=str(shot), full_page=False)
        if os.environ.get("GUICHET_UPDATE_DOCS"):
            shutil.copyfile(shot, REPO / "docs" / "tour-phone.png")
        # Offline: the service worker serves the page, the tour and the progress survives.
        context.set_offline(True)
        console.clear()
        page.reload()
        wait_for(page, console, "guichet:ready vieille-ville")
        assert page.inner_text("#title") == "Montrevel, the old town"
        assert len(page.query_selector_all("#stops li.played")) == len(tour.stops)
        page.fill("#question", "When is the market?")
        page.click("#ask-form button")
        # Functions, not expressions: Playwright evaluates an expression with eval(),
        # which the site's Content-Security-Policy refuses (no 'unsafe-eval').
        page.wait_for_function("() => document.getElementById('answer').textContent.length > 5")
        assert "Offline" in page.inner_text("#answer")
        context.set_offline(False)
        page.click("#ask-form button")
        page.wait_for_function(
            "() => document.getElementById('answer').textContent.includes('Thursday')")
        browser.close()
    # The site's Content-Security-Policy let the page do all of that.
    assert not [m for m in console if "Content Security Policy" in m], console


def test_an_mp3_is_fetched_in_ranges_as_ios_safari_asks(site_url: str, built_tour: Path
                                                        ) -> None:
    from playwright.sync_api import sync_playwright

    mp3 = next(p for p in sorted(built_tour.rglob("*.mp3")))
    path = mp3.relative_to(built_tour).as_posix()
    size = mp3.stat().st_size
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(site_url)
        got = page.evaluate("""async (path) => {
            const response = await fetch(path, {headers: {Range: "bytes=100-1123"}});
            const body = new Uint8Array(await response.arrayBuffer());
            return {status: response.status, range: response.headers.get("content-range"),
                    type: response.headers.get("content-type"), length: body.length,
                    first: body[0]};
        }""", path)
        browser.close()
    assert got == {"status": 206, "range": f"bytes 100-1123/{size}", "type": "audio/mpeg",
                   "length": 1024, "first": mp3.read_bytes()[100]}
