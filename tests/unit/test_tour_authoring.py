"""What a tour's author is told and given: warnings about places and radii, the spoken
form of a stop, the town's pronunciations, why a simulated walk missed a stop, and how
many processes render the narrations."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.tours.build import PARALLEL_FROM, _jobs, worker_count
from guichet.tours.geofence import Fix, Zone
from guichet.tours.model import check_tour, load_tour
from guichet.tours.simulate import walk_through
from guichet.tours.site import tour_json
from guichet.voice.speakable import pronounce, speakable
from guichet.voice.tts import TtsConfig
from tests.support.walks import offset

HEAD = """tour:
  id: test
  title: {fr: "Test", en: "Test"}
  languages: [fr, en]
  radius: 40
"""
STOP = """  - id: {id}
    name: {id}
    lat: {lat}
    lon: {lon}
    narration: {{fr: "Texte {id}", en: "Text {id}"}}
"""


def write(tmp_path: Path, stops: list[tuple[str, float, float]], head: str = HEAD,
          extra: str = "") -> Path:
    path = tmp_path / "tour.yaml"
    body = "".join(STOP.format(id=i, lat=lat, lon=lon) for i, lat, lon in stops)
    path.write_text(head + "stops:\n" + body + extra, encoding="utf-8")
    return path


TOWN = [("a", 43.2065, 2.3635), ("b", 43.2072, 2.3650), ("c", 43.2080, 2.3641)]


def warnings_of(path: Path) -> list[str]:
    tour, problems = check_tour(path)
    assert tour is not None, [str(p) for p in problems]
    return [str(p) for p in problems if p.severity == "warning"]


def test_a_tour_in_one_town_has_no_warning(tmp_path: Path) -> None:
    assert warnings_of(write(tmp_path, TOWN)) == []


def test_swapped_lat_and_lon_is_warned_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, [*TOWN, ("d", 2.3652, 43.2069)])
    [warning] = warnings_of(path)
    assert warning.startswith(f"{path}:22: warning: stop 'd' is ")
    assert "km from the other stops" in warning and "lat and lon swapped?" in warning


def test_a_mistyped_degree_is_warned(tmp_path: Path) -> None:
    path = write(tmp_path, [*TOWN, ("d", 44.2069, 2.3652)])  # 43 -> 44: 111 km north
    [warning] = warnings_of(path)
    assert "stop 'd' is 111 km from the other stops" in warning
    assert "a degree mistyped?" in warning


def test_a_radius_under_typical_gps_accuracy_is_warned(tmp_path: Path) -> None:
    path = write(tmp_path, TOWN, extra="    radius: 18\n")
    [warning] = warnings_of(path)
    assert warning.startswith(f"{path}:22: warning: the radius of stop 'c' (18 m) is smaller "
                              "than a phone's usual GPS accuracy in town (20 m)")
    assert warnings_of(write(tmp_path, TOWN, extra="    radius: 20\n")) == []



def test_a_radius_under_15_m_gets_one_warning_that_says_what_to_do(tmp_path: Path) -> None:
    path = write(tmp_path, TOWN, extra="    radius: 10\n")
    [warning] = warnings_of(path)
    assert warning.startswith(f"{path}:22: warning: 'radius' of stop 'c' is 10 m: outside "
                              "15-300 m")
    assert "phone's usual GPS accuracy in town (20 m)" in warning
    assert warning.endswith("make it 25 m or more")


def test_a_tour_radius_under_gps_accuracy_is_warned_once_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, TOWN, head=HEAD.replace("radius: 40", "radius: 10"))
    [warning] = warnings_of(path)
    assert warning.startswith(f"{path}:5: warning: 'radius' of 'tour' is 10 m: outside ")
    assert warning.endswith("make it 25 m or more")


def line_of_stops(count: int, apart: float, lat: float = 43.2065,
                  lon: float = 2.3635) -> list[tuple[str, float, float]]:
    """``count`` stops due east, ``apart`` metres from one to the next."""
    return [(f"s{i}", *offset(lat, lon, i * apart, 0)) for i in range(count)]


def test_a_compact_tour_whose_zones_touch_has_no_overlap_warning(tmp_path: Path) -> None:
    # The default radius (70 m), stops 100 m apart: zones overlap by 40 m, but each stop
    # keeps the half of its zone nearer its own centre (geofence rule 4).
    head = HEAD.replace("  radius: 40\n", "")
    assert warnings_of(write(tmp_path, line_of_stops(5, 100), head=head)) == []


def test_a_stop_whose_centre_is_inside_another_zone_is_warned(tmp_path: Path) -> None:
    stops = line_of_stops(3, 100)
    path = write(tmp_path, stops, extra="    radius: 120\n")  # s2's zone holds s1's centre
    [warning] = warnings_of(path)
    assert warning.startswith(f"{path}:17: warning: zones of 's1' and 's2' overlap: the "
                              "centre of 's1' is inside the zone of 's2'"), warning
    assert "move them more than 120 m apart" in warning


def test_a_driving_tour_with_stops_tens_of_km_apart_has_no_far_stop_warning(
        tmp_path: Path) -> None:
    route = line_of_stops(3, 20_000)  # 40 km from end to end, 20 km from stop to stop
    assert warnings_of(write(tmp_path, route, head=HEAD + "  mode: drive\n")) == []
    assert warnings_of(write(tmp_path, route, head=HEAD + "  mode: cycle\n")) == []
    on_foot = warnings_of(write(tmp_path, route))  # on foot, no stop is within reach
    assert len(on_foot) == 3 and all("walking tour" in w for w in on_foot), on_foot
    assert "stop 's0' is 20 km from the other stops" in on_foot[0]


def test_the_far_stop_warning_names_the_tours_mode(tmp_path: Path) -> None:
    path = write(tmp_path, [*TOWN, ("d", 2.3652, 43.2069)], head=HEAD + "  mode: cycle\n")
    [warning] = warnings_of(path)
    assert "lat and lon swapped?" in warning and "cycling tour" in warning
    assert "walk" not in warning
    path = write(tmp_path, [*TOWN, ("d", 2.3652, 43.2069)], head=HEAD + "  mode: drive\n")
    [warning] = warnings_of(path)
    assert "lat and lon swapped?" in warning and "driving tour" in warning
    assert "walk" not in warning


def test_the_tour_mode_is_checked_and_reaches_the_page(tmp_path: Path) -> None:
    tour = load_tour(write(tmp_path, TOWN, head=HEAD + "  mode: cycle\n"))
    assert tour.travel == "cycle"
    assert tour_json(tour, {}, {})["travel"] == "cycle"
    assert load_tour(write(tmp_path, TOWN)).travel == "walk"
    path = write(tmp_path, TOWN, head=HEAD + "  mode: horse\n")
    tour, problems = check_tour(path)
    assert tour is None
    assert any(str(p).startswith(f"{path}:6: error: 'mode' of 'tour'") and "walk, cycle, "
               "drive" in str(p) for p in problems)


PRONOUNCED = HEAD + """  pronunciation:
    fr: {"Cité": "Sité"}
    en: {"Trencavel": "Tron-ca-vel", "Cité": "See-tay"}
"""


def test_spoken_text_and_pronunciations_are_synthesized_the_page_shows_the_text(
        tmp_path: Path) -> None:
    extra = ('    spoken: {en: "The Cité of Trencavel, built in the 1280s."}\n'
             '    narration: {fr: "La Cité de Trencavel, en 1280.", en: "Written text."}\n')
    path = write(tmp_path, TOWN[:2], head=PRONOUNCED, extra=extra.replace("    narration",
                                                                             "    x-n", 0))
    text = path.read_text(encoding="utf-8").replace(
        '    narration: {fr: "Texte b", en: "Text b"}\n', "")
    path.write_text(text, encoding="utf-8")
    tour = load_tour(path)
    jobs = {job.key: job.text for job in _jobs(tour, {"fr": "v", "en": "v"}, TtsConfig())}
    assert jobs[("b", "en")] == "The See-tay of Tron-ca-vel, built in the twelve eighties."
    assert jobs[("b", "fr")] == "La Sité de Trencavel, en mille deux cent quatre-vingts."
    assert jobs[("a", "fr")] == "Texte a"
    page = tour_json(tour, {}, {})["stops"][1]["transcript"]
    assert page == {"fr": "La Cité de Trencavel, en 1280.", "en": "Written text."}


def test_a_changed_pronunciation_renders_the_narration_again(tmp_path: Path) -> None:
    extra = '    spoken: {fr: "La Cité."}\n'
    first = load_tour(write(tmp_path, TOWN, head=PRONOUNCED, extra=extra))
    names = {job.key: job.name for job in _jobs(first, {"fr": "v"}, TtsConfig())}
    second = load_tour(write(tmp_path, TOWN, head=PRONOUNCED.replace("Sité", "Citté"),
                             extra=extra))
    again = {job.key: job.name for job in _jobs(second, {"fr": "v"}, TtsConfig())}
    assert names[("c", "fr")] != again[("c", "fr")]
    assert names[("a", "fr")] == again[("a", "fr")]


@pytest.mark.parametrize(("table", "message"), [
    ("    de: {Cité: Sité}\n", "'pronunciation' has 'de', not a language of the tour"),
    ("    fr: [Cité]\n", "'pronunciation.fr' (written: spoken) must be a mapping"),
    ("    fr: {Cité: 3}\n", "'pronunciation.fr': 'Cité: 3' must be a word"),
])
def test_a_wrong_pronunciation_table_is_an_error_with_its_line(tmp_path: Path, table: str,
                                                               message: str) -> None:
    path = write(tmp_path, TOWN, head=HEAD + "  pronunciation:\n" + table)
    tour, problems = check_tour(path)
    assert tour is None
    assert any(str(p).startswith(f"{path}:7: error:") and message in str(p)
               for p in problems), [str(p) for p in problems]


def test_pronounce_replaces_whole_words_longest_first() -> None:
    table = {"Cité": "Sité", "Porte Narbonnaise": "Porte Narbo-naise", "Porte": "Portt"}
    assert pronounce("La Cité, les Cités, la Porte Narbonnaise, une Porte.", table) == \
        "La Sité, les Cités, la Porte Narbo-naise, une Portt."
    assert pronounce("Cité", {}) == "Cité"


@pytest.mark.parametrize(("text", "lang", "said"), [
    ("In the 1280s and the 1900s.", "en", "In the twelve eighties and the nineteen hundreds."),
    ("Built in 1280.", "en", "Built in twelve eighty."),
    ("Bâtie en 1280.", "fr", "Bâtie en mille deux cent quatre-vingts."),
    ("the 12th century, the 1st gate, the 3rd tower", "en",
     "the twelfth century, the first gate, the third tower"),
    ("au XIIe siècle, aux XIVe et XVe siècles, Louis XIV", "fr",
     "au douzième siècle, aux quatorzième et quinzième siècles, Louis XIV"),
    ("la 1re enceinte, le 1er rempart, le 2e étage", "fr",
     "la première enceinte, le premier rempart, le deuxième étage"),
])
def test_years_decades_and_ordinals_are_said_in_words(text: str, lang: str,
                                                      said: str) -> None:
    assert speakable(text, lang) == said


# --- why a simulated walk missed a stop ---------------------------------------------------

LAT, LON = 47.3170, 4.8350


def line(east_from: float, east_to: float, accuracy: float = 8.0, step: float = 5.0,
         t0: float = 0.0) -> list[Fix]:
    """A walk due east at 1.25 m/s, a fix every 4 s (5 m)."""
    count = int((east_to - east_from) / step) + 1
    return [Fix(*offset(LAT, LON, east_from + i * step, 0), accuracy, t0 + 4 * i)
            for i in range(count)]


def zone(stop: str, east: float, north: float = 0.0, radius: float = 30,
         requires: tuple[str, ...] = ()) -> Zone:
    return Zone(stop, *offset(LAT, LON, east, north), radius=radius, requires=requires)


def test_simulate_says_why_each_stop_did_not_play() -> None:
    zones = [zone("first", 0), zone("locked", 200, requires=("never",)),
             zone("vague", 400, radius=25), zone("far", 600, north=300), zone("never", 800,
                                                                              north=-500)]
    fixes = line(-50, 300) + line(305, 500, accuracy=40, t0=284) + line(505, 700, t0=444)
    fired, missed = walk_through(zones, fixes)
    assert [e.stop for e in fired] == ["first"]
    why = {m.stop: (m.reason, m.detail) for m in missed}
    assert why["locked"] == ("requires", "reached, but it requires never, not played "
                             "before it")
    assert why["vague"][0] == "accuracy" and "accuracy 40 m or worse" in why["vague"][1]
    assert why["far"] == ("never within radius", "never within its 30 m (closest fix 300 m "
                          "from its centre)")
    assert why["never"][0] == "never within radius"


def test_simulate_names_rejected_fixes_and_single_fixes() -> None:
    zones = [zone("ahead", 300), zone("brief", 0, north=32)]
    start = line(-20, 20)  # along the edge of "brief": 1 fix at most within 30 m of it
    start[4] = Fix(*offset(LAT, LON, 0, 20), 8.0, start[4].t)
    jump = [Fix(*offset(LAT, LON, 300, 0), 8.0, start[-1].t + 1 + i) for i in range(2)]
    fired, missed = walk_through(zones, start + jump + line(25, 100, t0=start[-1].t + 4))
    assert fired == []
    why = {m.stop: m.reason for m in missed}
    assert why == {"ahead": "implausible", "brief": "one fix"}


def test_stops_played_before_the_walk_are_not_missed() -> None:
    fired, missed = walk_through([zone("a", 0), zone("b", 500)], line(-50, 50), played=["b"])
    assert [e.stop for e in fired] == ["a"] and missed == []


def test_narrations_render_in_a_process_per_core_within_memory_never_more_than_the_jobs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert worker_count(42, cores=2) == 2
    assert worker_count(1, cores=2) == 1
    assert worker_count(0, cores=2) == 0
    assert worker_count(42, cores=8) == 8
    monkeypatch.setattr("guichet.tours.build.available_memory", lambda: 64 << 30)
    for cpus in (1, 2, 3, 4, 8):  # one per core
        monkeypatch.setattr("os.cpu_count", lambda cpus=cpus: cpus)
        assert worker_count(42) == cpus
    # A small rebuild (a stop or two changed) is not worth starting processes for.
    assert worker_count(PARALLEL_FROM - 1) == 1
    assert worker_count(PARALLEL_FROM) == 8
    assert worker_count(0) == 0
    # A Raspberry Pi 4: 4 cores, 3.3 GB free: 3 processes of up to 1 GB each.
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    monkeypatch.setattr("guichet.tours.build.available_memory", lambda: 3_300 << 20)
    assert worker_count(42) == 3
    monkeypatch.setattr("guichet.tours.build.available_memory", lambda: 600 << 20)
    assert worker_count(42) == 1  # little memory: one process still renders
    monkeypatch.setattr("guichet.tours.build.available_memory", lambda: None)
    assert worker_count(42) == 4  # not Linux: cores only
    assert worker_count(42, cores=4) == 4  # asked for: not capped
