"""The tourist's phone page when things go wrong, in real Chromium at 320 and 390 px:
storage refused, a sound the browser will not start without a tap, a stop with no audio
in the phone's language, a stop with no audio at all, a poor GPS.

Two things a browser here cannot do are stood for by a script run before the page's:
a storage that refuses writes (private mode, a full phone) and a play() refused until a
tap (iOS Safari's rule); the tests say where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.content.pack.loader import Pack
from tests.support.phone_page import phone, served_site
from tests.support.served import serving
from tests.system.test_tour_phone import LISTEN_SAID, STELE, WIDTHS, started, text_site

# Stand-ins (see the module's docstring).
STORAGE_REFUSED = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""
PLAY_REFUSED_ONCE = """window.refusePlay = 0;
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  if (window.refusePlay > 0) { window.refusePlay -= 1;
    return Promise.reject(new DOMException("play() needs a tap", "NotAllowedError")); }
  return play.call(this); };"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_phone_that_refuses_storage_still_plays_the_walk(
    built_tour: Path, tour_answers: Pack, width: int
) -> None:
    with served_site(built_tour, tour_answers) as url, \
            phone(url, width, init_script=STORAGE_REFUSED) as device:
        started(device)
        device.walk_into(STELE.lat, STELE.lon)
        device.wait_for("guichet:play stele en")
        device.fast_audio()
        device.wait_for("guichet:ended stele", timeout=40)
        progress = device.page.inner_text("#progress")
        refused = device.lines("guichet:storage-refused")
    assert refused == ["guichet:storage-refused QuotaExceededError"]  # said once
    assert progress == "1 of 9"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sound_refused_without_a_tap_waits_for_one_and_the_queue_goes_on(
    built_tour: Path, tour_answers: Pack, width: int
) -> None:
    with served_site(built_tour, tour_answers) as url, \
            phone(url, width, init_script=PLAY_REFUSED_ONCE) as device:
        started(device)
        page = device.page
        page.evaluate("() => { window.refusePlay = 1; }")  # as iOS with no tap
        device.walk_into(STELE.lat, STELE.lon)
        device.wait_for("guichet:blocked stele")
        button = page.inner_text("#tap-to-listen")
        said = page.inner_text("#announce")
        page.click("#tap-to-listen")
        device.fast_audio()
        device.wait_for("guichet:ended stele", timeout=40)
        hidden_after = not page.is_visible("#tap-to-listen")
        progress = page.inner_text("#progress")
    assert button == "Tap here to listen" and said == "Tap here to listen"
    assert hidden_after
    assert progress == "1 of 9"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_stop_without_audio_in_the_phone_language_is_heard_in_another(
    stele_without_french: Path, tour_answers: Pack, width: int
) -> None:
    with served_site(stele_without_french, tour_answers) as url, \
            phone(url, width, "fr-FR") as device:
        device.wait_for("guichet:ready vieille-ville")
        page = device.page
        notice_shown = page.is_visible("#audio-notice")  # French audio exists elsewhere
        page.evaluate(LISTEN_SAID)
        page.click("#start")
        device.wait_for("guichet:play intro fr")
        device.fast_audio()
        device.wait_for("guichet:ended intro")
        device.walk_into(STELE.lat, STELE.lon)
        device.wait_for("guichet:play stele en")
        text_open = page.evaluate(
            "() => document.getElementById('transcript-box').open")
        transcript = page.text_content("#transcript") or ""
    assert not notice_shown
    assert text_open  # heard in English: the French text is open under the player
    assert transcript.startswith(STELE.narration["fr"][:40])


@pytest.mark.parametrize("width", WIDTHS)
def test_a_stop_without_any_audio_is_shown_as_text_and_said_so(
    tmp_path: Path, width: int
) -> None:
    with serving("tour", "serve", str(text_site(tmp_path))) as server, \
            phone(f"http://127.0.0.1:{server.port}/", width, lat=43.2040,
                  lon=2.3650) as device:
        device.wait_for("guichet:ready cite")
        page = device.page
        page.evaluate(LISTEN_SAID)
        page.click("#start")
        device.wait_for("guichet:started")
        live = page.get_attribute("#gps", "aria-live")
        device.context.set_geolocation({"latitude": 43.2041, "longitude": 2.3650,
                                        "accuracy": 120})
        page.wait_for_function("() => window.said.some((s) => s.startsWith('Poor GPS'))")
        device.walk_into(43.2065, 2.3650)
        device.wait_for("guichet:text-only narbonnaise en")
        said = page.evaluate("() => window.said")
        player_shown = page.is_visible("#player")
        name = page.inner_text("#current-name")
        transcript = page.text_content("#transcript") or ""
    assert live is None  # the accuracy, rewritten at every fix, is not read out
    assert said.count("Poor GPS (120 m): tap “Listen” on the stop") == 1
    assert said[-1] == "Stop: The Narbonne Gate, text only (no sound)"
    assert not player_shown  # no control that would play another stop's narration
    assert name == "The Narbonne Gate"
    assert "built around 1280" in transcript
