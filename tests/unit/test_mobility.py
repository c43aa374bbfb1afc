"""Mobility answers in the demo town: stops from speech, departures, car parks, the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.mobility.departures import next_departures
from guichet.content.mobility.gtfs import load_feed
from guichet.content.mobility.parking import load_availability, load_car_parks
from guichet.content.mobility.stopnames import StopNames
from guichet.content.pack.loader import Pack
from tests.support.paths import DEMO_TRANSPORT

PARIS = ZoneInfo("Europe/Paris")
WEDNESDAY = dt.datetime(2026, 11, 25, 10, 15, tzinfo=PARIS)
TRANSPORT = DEMO_TRANSPORT


@pytest.fixture(scope="module")
def answerer(demo_pack: Pack) -> EmbeddedAnswerer:
    return EmbeddedAnswerer(demo_pack, clock=lambda: WEDNESDAY)


def test_stop_names_are_matched_as_people_say_them(demo_pack: Pack) -> None:
    feed = load_feed(TRANSPORT / "gtfs")
    names = StopNames(feed, demo_pack.mobility.stop_aliases)
    assert names.match("eglise saint martin").stop_ids == ("EGLISE",)
    assert names.match("Collège Emile Vautrin").stop_ids == ("COLLEGE",)
    assert names.match("GARE").stop_ids == ("GARE_A", "GARE_B")  # a station: its platforms
    assert names.match("la gare").name == "Gare SNCF"  # an alias from the pack
    assert names.match("Tour Eiffel") is None
    assert "Place de la Halle" in names.names()
    found = names.find_in("le prochain bus de la place de la halle vers l'hopital")
    assert [m.name for m in found] == ["Place de la Halle", "Hôpital"]


@pytest.mark.parametrize(("lang", "question", "expected"), [
    ("fr", "Quand part le prochain bus pour la gare ?",
     ("Le prochain départ de la ligne 1 vers Gare SNCF part de Mairie à 10 h 30, puis à "
     "11 h, à 11 h 30.")),
    ("en", "When is the next bus to the station?",
     ("The next line 1 departure to Gare SNCF leaves Mairie at 10:30 am, then at 11 am, "
     "at 11:30 am.")),
    ("en", "When is the next bus from the station to the town hall?",
     ("The next line 1 departure to Mairie leaves Gare SNCF at 10:30 am, then at 11 am, "
     "at 11:30 am.")),
    ("fr", "Le prochain bus de la ligne 2 pour l'hôpital ?",
     ("Le prochain départ de la ligne 2 vers Hôpital part de Mairie à 11 h 11, puis à "
     "12 h 11, à 13 h 11.")),
    ("fr", "Quand passe la navette des vignes ?",
     ("Je ne trouve aucun départ de la Navette des Vignes de Mairie dans les sept prochains "
     "jours.")),
])
def test_departures_are_answered_in_the_question_language(
    answerer: EmbeddedAnswerer, lang: str, question: str, expected: str
) -> None:
    answer = answerer.answer(question, lang)
    assert answer.text == expected
    assert answer.sources and all(s.startswith("gtfs") for s in answer.sources)


def test_a_late_question_gets_the_night_bus(demo_pack: Pack) -> None:
    """Friday night's 24:35 trip belongs to Friday's service day: asked at 00:20 on
    Saturday, it is the next departure."""
    saturday_night = dt.datetime(2026, 11, 28, 0, 20, tzinfo=PARIS)
    answer = EmbeddedAnswerer(demo_pack, clock=lambda: saturday_night).answer(
        "Next bus to the station?", "en")
    assert answer.text.startswith("The next line 1 departure to Gare SNCF leaves Mairie at "
                                  "12:35 am")


def test_parking_answers_say_how_old_the_count_is(demo_pack: Pack) -> None:
    fresh = EmbeddedAnswerer(demo_pack, clock=lambda: WEDNESDAY).answer("Where can I park?",
                                                                      "en")
    assert fresh.sources[0] == "parking:21999-P-001"
    assert "Parking de la Mairie (40 places, free, 2 disabled places, 7 free places at " \
        "10:05 am)" in fresh.text
    assert "old information" not in fresh.text
    later = dt.datetime(2026, 11, 25, 16, 0, tzinfo=PARIS)
    stale = EmbeddedAnswerer(demo_pack, clock=lambda: later).answer("Où se garer ?", "fr")
    assert "7 places libres lors du dernier comptage, à 10 h 05 (information ancienne)" \
        in stale.text
    free = EmbeddedAnswerer(demo_pack, clock=lambda: WEDNESDAY).answer(
        "Où se garer gratuitement ?", "fr")
    assert "Parking couvert" not in free.text and "gratuit" in free.text


def test_parking_files_with_bad_rows_keep_working(tmp_path: Path) -> None:
    lines = (TRANSPORT / "parking.csv").read_text(encoding="utf-8").splitlines()
    broken = lines[:2] + [lines[2].replace(",true,", ",peut-etre,", 1)] + lines[3:]
    (tmp_path / "parking.csv").write_text("\n".join(broken) + "\n", encoding="utf-8")
    parks, problems = load_car_parks(tmp_path / "parking.csv")
    assert len(parks) == len(lines) - 2
    assert len(problems) == 1 and ":3:" in str(problems[0]) and "gratuit" in str(problems[0])
    (tmp_path / "dispo.csv").write_text(
        "id,nb_places_disponibles,horodatage\nA,12,2026-11-25T10:00:00\nB,x,2026-11-25T10:00Z\n",
        encoding="utf-8")
    live, problems = load_availability(tmp_path / "dispo.csv")
    assert live == {} and len(problems) == 2 and "UTC offset" in str(problems[0])




def test_departures_on_a_public_holiday_follow_the_sunday_timetable() -> None:
    feed = load_feed(TRANSPORT / "gtfs")
    christmas = dt.datetime(2026, 12, 25, 8, 0, tzinfo=PARIS)  # a Friday
    found = next_departures(feed, ["MAIRIE"], christmas, 1)
    assert feed.trips[found[0].trip_id].service_id == "DIMANCHE"


