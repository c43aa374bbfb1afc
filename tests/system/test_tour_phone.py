"""What a tourist does on the phone page, in real Chromium at 320 and 390 px: narrations
queued and chosen, stops replayed, a reload resumed, a phone language without audio,
distance and direction, and questions answered from the tour (through ``tour serve``)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from guichet.content.mobility.geo import distance
from guichet.content.pack.loader import Pack
from guichet.tours.model import load_tour
from guichet.tours.site import write_site
from tests.support.phone_page import Phone, phone, served_site
from tests.support.served import serving
from tests.system.conftest import DEMO_TOUR

WIDTHS = [320, 390]
TOUR = load_tour(DEMO_TOUR)
MAIRIE, STELE, HALLE, LAVOIR = TOUR.stops[:4]

LISTEN_SAID = """() => { window.said = [];
  const node = document.getElementById("announce");
  new MutationObserver(() => window.said.push(node.textContent))
    .observe(node, { childList: true, characterData: true, subtree: true }); }"""


def started(device: Phone) -> None:
    """Start the walk and let the intro end (heard quickly)."""
    device.wait_for("guichet:ready vieille-ville")
    device.page.evaluate(LISTEN_SAID)
    device.page.click("#start")
    device.wait_for("guichet:started")
    device.fast_audio()
    device.wait_for("guichet:ended intro")
    device.fast_audio(1.0)


def order(device: Phone, *lines: str) -> list[int]:
    return [device.console.index(line) for line in lines]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_stop_entered_during_a_narration_waits_for_its_end_and_is_announced(
    built_tour: Path, tour_answers: Pack, width: int
) -> None:
    with served_site(built_tour, tour_answers) as url, phone(url, width) as device:
        started(device)
        device.walk_into(MAIRIE.lat, MAIRIE.lon)
        device.wait_for("guichet:play mairie en")
        device.page.wait_for_timeout(1000)  # the walker goes on while the story plays
        device.walk_into(STELE.lat, STELE.lon)
        device.wait_for("guichet:queued stele")
        note = device.page.inner_text("#queue-note")
        assert note == "Next: The memorial to the executed"
        assert device.page.inner_text("#current-name") == "The town hall and the Dolphin fountain"
        assert "guichet:play stele en" not in device.console  # not cut
        device.fast_audio()
        device.wait_for("guichet:play stele en", timeout=40)
        device.wait_for("guichet:ended stele", timeout=40)
        said = device.page.evaluate("() => window.said")
        assert device.page.get_attribute("#announce", "aria-live") == "polite"
        assert device.page.inner_text("#progress") == "2 of 9"
    first, queued, ended, second = order(device, "guichet:play mairie en", "guichet:queued stele",
                                         "guichet:ended mairie", "guichet:play stele en")
    assert first < queued < ended < second
    # The end of one stop and the start of the next, said together (the second message
    # would replace the first before a screen reader read it).
    assert said[:3] == ["Stop: The town hall and the Dolphin fountain, now playing",
                        "Next: The memorial to the executed",
                        "End of stop: The town hall and the Dolphin fountain. "
                        "Stop: The memorial to the executed, now playing"]
    assert said[-1] == "End of stop: The memorial to the executed."


@pytest.mark.parametrize("width", WIDTHS)
def test_play_on_a_card_queues_or_replaces_as_chosen_and_any_stop_replays(
    built_tour: Path, tour_answers: Pack, width: int
) -> None:
    card = "#stops li[data-stop='{}']"
    with served_site(built_tour, tour_answers) as url, phone(url, width) as device:
        started(device)
        page = device.page
        page.click(f"{card.format('mairie')} button.listen")  # nothing plays: at once
        device.wait_for("guichet:play mairie en")
        page.click(f"{card.format('halle')} button.listen")
        device.wait_for("guichet:choice halle")
        page.click(f"{card.format('halle')} button[data-act='after']")
        device.wait_for("guichet:queued halle")
        assert "up next" in page.inner_text(card.format("halle"))
        page.click(f"{card.format('lavoir')} button.listen")
        page.click(f"{card.format('lavoir')} button[data-act='now']")
        device.wait_for("guichet:play lavoir en")
        assert page.inner_text("#current-name") == "The Ladies' wash-house"
        assert "guichet:ended mairie" not in device.console  # replaced, by choice
        device.fast_audio()
        device.wait_for("guichet:play halle en", timeout=40)  # the queued one still comes
        device.wait_for("guichet:ended halle", timeout=40)
        assert "✓ heard" in page.inner_text(card.format("mairie"))
        page.click(f"{card.format('mairie')} button.listen")  # "Listen again"
        device.page.wait_for_function(
            "() => document.getElementById('player').dataset.stop === 'mairie'")
        device.wait_for("guichet:ended mairie", timeout=40)
        replays = len(device.lines("guichet:play mairie"))
        assert page.inner_text("#progress") == "3 of 9"
    assert replays == 2


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reload_resumes_the_walk_with_its_language(
    built_tour: Path, tour_answers: Pack, width: int
) -> None:
    with served_site(built_tour, tour_answers) as url, phone(url, width, "fr-FR") as device:
        device.wait_for("guichet:ready vieille-ville")
        device.page.select_option("#lang", "en")
        device.wait_for("guichet:language en")
        started(device)
        device.walk_into(MAIRIE.lat, MAIRIE.lon)
        device.wait_for("guichet:play mairie en")
        device.console.clear()
        device.page.reload()
        device.wait_for("guichet:ready vieille-ville")
        page = device.page
        assert page.input_value("#lang") == "en"
        assert page.inner_text("#title") == "Montrevel, the old town"
        assert page.inner_text("#start") == "Resume the walk"
        assert page.inner_text("#current-name") == "The town hall and the Dolphin fountain"
        # Its narration was cut by the reload: not heard yet, it comes again on Resume.
        assert page.inner_text("#progress") == "0 of 9"
        assert "up next" in page.inner_text("#stops li[data-stop='mairie']")
        assert "guichet:resumed mairie 0 1" in device.console
        page.click("#start")
        device.wait_for("guichet:started")
        device.wait_for("guichet:play mairie en")
        device.fast_audio()
        device.wait_for("guichet:ended mairie", timeout=40)
        assert page.inner_text("#progress") == "1 of 9"
        assert "✓ heard" in page.inner_text("#stops li[data-stop='mairie']")
        # The intro was heard before the reload; the stop heard does not fire again.
        device.walk_into(MAIRIE.lat, MAIRIE.lon)
        plays = device.lines("guichet:play")
    assert plays == ["guichet:play mairie en"]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_french_phone_without_french_audio_hears_english_and_reads_french(
    english_only_tour: Path, tour_answers: Pack, width: int
) -> None:
    with served_site(english_only_tour, tour_answers) as url, \
            phone(url, width, "fr-FR") as device:
        device.wait_for("guichet:ready vieille-ville")
        page = device.page
        assert page.is_visible("#audio-notice")
        assert page.inner_text("#audio-notice") == (
            "Pas de narration audio en français : le son est en anglais, le texte reste "
            "en français.")
        assert page.input_value("#lang") == "fr"
        options = page.eval_on_selector_all("#lang option", "(os) => os.map((o) => o.text)")
        assert options == ["Français (texte seul)", "English"]
        started(device)
        assert "guichet:play intro en" in device.console
        device.walk_into(MAIRIE.lat, MAIRIE.lon)
        device.wait_for("guichet:play mairie en")
        assert page.inner_text("#current-name") == "La mairie et la fontaine aux Dauphins"
        assert page.inner_text("#transcript").startswith("Vous êtes devant la mairie")
        page.select_option("#lang", "en")
        assert not page.is_visible("#audio-notice")


@pytest.mark.parametrize("width", WIDTHS)
def test_distance_walking_time_and_a_direction_from_the_compass_or_the_map(
    built_tour: Path, tour_answers: Pack, width: int
) -> None:
    here = (47.3140, 4.8300)
    metres = distance(*here, MAIRIE.lat, MAIRIE.lon)
    rad = math.radians
    y = math.sin(rad(MAIRIE.lon - here[1])) * math.cos(rad(MAIRIE.lat))
    x = (math.cos(rad(here[0])) * math.sin(rad(MAIRIE.lat)) - math.sin(rad(here[0]))
         * math.cos(rad(MAIRIE.lat)) * math.cos(rad(MAIRIE.lon - here[1])))
    bearing = (math.degrees(math.atan2(y, x)) + 360) % 360
    with served_site(built_tour, tour_answers) as url, phone(url, width) as device:
        started(device)
        page = device.page
        page.wait_for_function("() => document.getElementById('next-distance').textContent")
        away = page.inner_text("#next-distance")
        map_turn = int(page.get_attribute("#arrow", "data-turn") or "-1")
        map_kind = page.inner_text("#direction-kind")
        page.evaluate("""() => window.dispatchEvent(new DeviceOrientationEvent(
            "deviceorientationabsolute", { alpha: 270, beta: 0, gamma: 0, absolute: true }))""")
        device.wait_for("guichet:compass on")
        compass_turn = int(page.get_attribute("#arrow", "data-turn") or "-1")
        compass_kind = page.inner_text("#direction-kind")
    shown = int(away.split(" m,")[0])
    assert abs(shown - metres) <= 1
    assert away == f"{shown} m, about {max(1, round(shown / 1.3 / 60))} min on foot"
    assert map_turn == round(bearing)
    assert map_kind == "Direction on the map (north up), not from your phone"
    # alpha 270 from north: the phone points east; the arrow turns by the heading.
    assert compass_turn == round((bearing - 90) % 360)
    assert compass_kind == "Arrow turned to match your phone"


CITE = """tour:
  id: cite
  title: {fr: "La Cité", en: "The Cité"}
  languages: [fr, en]
  radius: 30
stops:
  - id: narbonnaise
    name: {fr: "La porte Narbonnaise", en: "The Narbonne Gate"}
    lat: 43.2065
    lon: 2.3650
    narration:
      fr: "La porte Narbonnaise fut bâtie vers 1280, avec deux tours et un pont-levis."
      en: "The Narbonne Gate was built around 1280, with two towers and a drawbridge."
  - id: comtal
    name: {fr: "Le château comtal", en: "The count's castle"}
    lat: 43.2070
    lon: 2.3627
    narration:
      fr: "Le château comtal fut le palais des vicomtes Trencavel au douzième siècle."
      en: "The count's castle was the palace of the Trencavel viscounts in the twelfth century."
"""


def text_site(folder: Path, source: str = CITE) -> Path:
    """The Cité tour's site with no voice (a page of texts), built into ``folder``."""
    path = folder / "cite.yaml"
    path.write_text(source, encoding="utf-8")
    site = folder / "site"
    write_site(load_tour(path), site, {})
    return site


@pytest.mark.parametrize("width", WIDTHS)
def test_tour_serve_answers_from_the_tour_never_from_another_town(
    tmp_path: Path, width: int
) -> None:
    site = text_site(tmp_path)
    # The configuration names no pack: the demo town's is the default, and is not used.
    with serving("tour", "serve", str(site)) as server, \
            phone(f"http://127.0.0.1:{server.port}/", width, lat=43.2065, lon=2.3650,
                  flags=("--use-fake-ui-for-media-stream",
                         "--use-fake-device-for-media-stream"),
                  permissions=("microphone",)) as device:
        device.wait_for("guichet:ready cite")
        page = device.page
        answers = []
        for question in ("When was the Narbonne Gate built?", "What time does the castle open?",
                         "When is the market?"):
            device.console.clear()
            page.fill("#question", question)
            page.click("#ask-form button")
            device.wait_for("guichet:answered")
            answers.append(page.inner_text("#answer"))
        # The record button sends a recording to the same API: this server takes typed
        # questions only (no --voice), and says so.
        device.console.clear()
        page.click("#record")
        device.wait_for("guichet:recording")
        page.wait_for_timeout(1200)
        page.click("#record")
        device.wait_for("guichet:ask-refused 415")
        refusal = page.inner_text("#answer")
        record_shown = page.is_visible("#record")
        recorded = device.lines("guichet:recorded")
    assert "1280" in answers[0]
    declined = "I do not have this information about this walk."
    assert answers[1] == declined and answers[2] == declined
    assert refusal == "Spoken questions are not possible here: please type your question."
    assert not record_shown
    size, kind = recorded[0].split()[1:3]
    assert int(size) > 1000 and kind.startswith("audio/webm")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_cycling_tour_gives_the_time_to_the_next_stop_by_bike(
    tmp_path: Path, width: int
) -> None:
    site = text_site(tmp_path, CITE.replace("  radius: 30\n", "  radius: 30\n  mode: cycle\n"))
    here = (43.2040, 2.3650)  # 278 m south of the Narbonne Gate
    metres = distance(*here, 43.2065, 2.3650)
    with serving("tour", "serve", str(site)) as server, \
            phone(f"http://127.0.0.1:{server.port}/", width, locale="fr-FR",
                  lat=here[0], lon=here[1]) as device:
        device.wait_for("guichet:ready cite")
        device.page.click("#start")
        device.wait_for("guichet:started")
        device.page.wait_for_function(
            "() => document.getElementById('next-distance').textContent")
        away = device.page.inner_text("#next-distance")
        name = device.page.inner_text("#next-name")
    shown = int(away.split(" m,")[0])
    assert abs(shown - metres) <= 1
    assert name == "La porte Narbonnaise"
    # 15 km/h: 278 m is about a minute by bike (3.6 on foot).
    assert away == f"{shown} m, environ {max(1, round(shown / 4.2 / 60))} min à vélo"
