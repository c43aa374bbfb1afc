"""The tour page's answers come from the tour itself, and its town's pack only when named."""

from __future__ import annotations

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.pack.loader import Pack
from guichet.tours.knowledge import TourSiteError, named_town, tour_pack

GATE = ("The Narbonne Gate was built in 1280 by the king's engineers, "
        "with two towers and a drawbridge.")


def tour(pack: dict | None = None) -> dict:  # type: ignore[type-arg]
    return {
        "id": "cite", "title": {"fr": "La Cité", "en": "The Cité"}, "languages": ["fr", "en"],
        "pack": pack,
        "stops": [
            {"id": "narbonne", "name": {"fr": "La porte Narbonnaise", "en": "The Narbonne Gate"},
             "lat": 43.2065, "lon": 2.3650,
             "transcript": {"fr": "La porte Narbonnaise fut bâtie en 1280 par les ingénieurs "
                                  "du roi, avec deux tours et un pont-levis.", "en": GATE}},
            {"id": "basilique", "name": {"fr": "La basilique", "en": "The basilica"},
             "lat": 43.2052, "lon": 2.3630,
             "transcript": {"fr": "La basilique Saint-Nazaire a des vitraux du XIIIe siècle.",
                            "en": "Saint-Nazaire basilica has stained glass of the 1200s."}},
        ],
    }


def test_a_tour_without_pack_answers_from_its_stops_and_declines_without_a_town() -> None:
    answerer = EmbeddedAnswerer(tour_pack(tour(), None))
    answer = answerer.answer("When was the Narbonne Gate built?", "en")
    assert not answer.declined and "1280" in answer.text
    assert answer.sources == ["stop-narbonne"]
    french = answerer.answer("Quand la porte Narbonnaise a-t-elle été bâtie ?", "fr")
    assert "1280" in french.text and french.language == "fr"
    declined = answerer.answer("What time does the town hall open?", "en")
    assert declined.declined
    assert declined.text == "I do not have this information about this walk."


def test_a_tour_naming_its_town_answers_the_towns_facts_too(demo_pack: Pack) -> None:
    data = tour({"town": demo_pack.town.id})
    assert named_town(data) == demo_pack.town.id
    pack = tour_pack(data, demo_pack)
    assert [a.id for a in pack.anecdotes[:2]] == ["stop-narbonne", "stop-basilique"]
    answerer = EmbeddedAnswerer(pack)
    assert "1280" in answerer.answer("When was the Narbonne Gate built?", "en").text
    market = answerer.answer("When is the market?", "en")
    assert not market.declined and "Thursday" in market.text
    # The demo pack was not changed: the tour's pack is a copy.
    assert not any(a.id.startswith("stop-") for a in demo_pack.anecdotes)


def test_the_towns_stories_a_stop_already_tells_are_not_kept_twice(demo_pack: Pack) -> None:
    story = demo_pack.anecdotes[0]
    data = tour({"town": demo_pack.town.id})
    data["stops"][0]["transcript"] = {lang: f"Here. {text}" for lang, text in story.text.items()}
    ids = [a.id for a in tour_pack(data, demo_pack).anecdotes]
    assert story.id not in ids
    assert demo_pack.anecdotes[1].id in ids


@pytest.mark.parametrize(("change", "message"), [
    ({"languages": []}, "'languages' must be"),
    ({"stops": []}, "'stops' must be"),
    ({"stops": [{"name": {"en": "x"}}]}, "stop 1 has no id"),
    ({"stops": [{"id": "a", "name": "x", "transcript": {}}]}, "the name of stop 'a'"),
])
def test_a_broken_tour_json_says_what_is_wrong(change: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(TourSiteError, match=message):
        tour_pack({**tour(), **change}, None)


def test_pack_must_name_a_town() -> None:
    assert named_town(tour()) is None
    with pytest.raises(TourSiteError, match="'pack' must be"):
        named_town(tour({"id": 3}))
