"""Source labels for visitors: the source's words and its date, per language."""

from __future__ import annotations

import datetime as dt

from guichet.content.facts.sources import cited, long_date, source_label
from guichet.content.pack.model import Anecdote, FaqEntry, Service, Town

TOWN = Town("t", "Testville", ("fr", "en"), "03 53 01 99 99", {})


def test_dates_are_said_in_the_answer_language() -> None:
    assert long_date(dt.date(2026, 3, 1), "fr") == "1er mars 2026"
    assert long_date(dt.date(2026, 8, 2), "fr") == "2 août 2026"
    assert long_date(dt.date(2026, 3, 1), "en") == "1 March 2026"
    assert long_date(dt.date(2025, 12, 31), "de") == "31 December 2025"


def test_label_is_the_source_with_its_date() -> None:
    assert source_label("Règlement de la déchetterie", dt.date(2026, 3, 1), "fr") == \
        "Règlement de la déchetterie (mis à jour le 1er mars 2026)"
    assert source_label("Règlement de la déchetterie", dt.date(2026, 3, 1), "en") == \
        "Règlement de la déchetterie (updated 1 March 2026)"
    assert source_label("Archives", None, "fr") == "Archives"


def test_items_without_source_fall_back_to_what_visitors_know() -> None:
    service = Service("piscine", {"fr": "la piscine", "en": "the pool"},
                      updated=dt.date(2026, 1, 15))
    assert cited(service, TOWN, "fr") == "La piscine (mis à jour le 15 janvier 2026)"
    assert cited(service, TOWN, "en") == "The pool (updated 15 January 2026)"
    entry = FaqEntry("x", {"fr": ("q",)}, {"fr": "r"})
    assert cited(entry, TOWN, "en") == "Testville"
    story = Anecdote("lavoir", {"fr": "Le lavoir"}, {"fr": "Construit en 1830."},
                     source="Archives municipales", updated=dt.date(2025, 9, 20))
    assert cited(story, TOWN, "en") == "Archives municipales (updated 20 September 2025)"
    assert cited(Anecdote("l", {"fr": "Le lavoir"}, {"fr": "t"}), TOWN, "en") == "Le lavoir"


def test_a_transport_answer_is_cited_as_the_timetables_with_its_line() -> None:
    from guichet.content.facts.sources import transport_label
    assert transport_label("gtfs:L1", "fr") == "Horaires des bus et navettes (ligne L1)"
    assert transport_label("gtfs:L1", "en") == "Bus and shuttle timetables (line L1)"
    assert transport_label("parking:P2", "fr") == "Données des parkings"
