"""Opening-hours questions read from more ways of asking: a weekday within a season or a
month, a closure the hours declare, "se visite" / "y a-t-il" / "c'est quand", a service
out of season, an opening later today, and which service a shared word means."""

from __future__ import annotations

import datetime as dt

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.facts.hours import Hours, closures
from guichet.content.pack.loader import load_pack
from guichet.content.understand.when import parse_when
from tests.support.testtown import TOWN, WEDNESDAY

SERVICES = """services:
  - id: dechets
    name: {fr: "la déchèterie", en: "the tip"}
    opening_hours: "TIP_HOURS"
  - id: musee
    name: {fr: "le musée", en: "the museum"}
    opening_hours: "Apr-Oct Tu-Su 10:00-18:00"
  - id: bibli
    name: {fr: "la bibliothèque", en: "the library"}
    opening_hours: "Tu,Sa 10:00-17:00; 2027 Jul 12-2027 Jul 25 off; PH off"
  - id: navette
    name: {fr: "la navette du marché", en: "the market shuttle"}
  - id: marche
    name: {fr: "le marché du mercredi", en: "the Wednesday market"}
    aliases: {fr: ["marché"], en: ["market"]}
    opening_hours: "We 07:00-13:00"
  - id: piscine
    name: {fr: "la piscine", en: "the pool"}
    opening_hours: "Tu-Su 12:00-19:00"
  - id: camping
    name: {fr: "le camping", en: "the campsite"}
    opening_hours: "Apr 15-Sep 30 Mo-Su 08:00-20:00"
  - id: police
    name: {fr: "la police municipale", en: "the municipal police"}
    opening_hours: "Mo-Fr 09:00-12:00; PH off"
  - id: foire
    name: {fr: "la foire du lundi", en: "the Monday fair"}
    opening_hours: "Mo 08:00-12:00; 2027 Mar 29 off"
""".replace("TIP_HOURS", "Apr-Oct Mo 14:00-18:00; Apr-Oct Sa 09:00-12:00,13:30-18:00; "
                         "Nov-Mar Mo 14:00-17:00; Nov-Mar Sa 09:00-12:00; PH off")


FAQ = """faq:
  - id: impots
    source: "Accueil"
    questions:
      fr: ["Où payer mes impôts ?", "Où est le centre des finances publiques ?"]
      en: ["Where do I pay my taxes?", "Where is the public finance centre?"]
    answer:
      fr: "La mairie ne s'occupe pas des impôts : allez au centre des finances publiques de Bourg."
      en: "The town hall does not deal with taxes: go to the public finance centre in Bourg."
  - id: gare
    source: "Accueil"
    questions:
      fr: ["Où est la gare routière ?"]
      en: ["Where is the coach station?"]
    answer:
      fr: "La gare routière de Bourg est ouverte du lundi au samedi de 6 h à 20 h."
      en: "The Bourg coach station is open Monday to Saturday from 6 am to 8 pm."
"""


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedAnswerer:
    root = tmp_path_factory.mktemp("pack")
    (root / "town.yaml").write_text(TOWN, encoding="utf-8")
    (root / "services.yaml").write_text(SERVICES, encoding="utf-8")
    (root / "faq.yaml").write_text(FAQ, encoding="utf-8")
    return EmbeddedAnswerer(load_pack(root), clock=lambda: WEDNESDAY)


def test_a_weekday_within_a_season_is_that_weekday_of_the_season() -> None:
    when = parse_when("le samedi en été", "fr", WEDNESDAY)
    assert (when.period, when.season, when.weekday) == ("season", "summer", 5)
    assert when.days() and all(d.weekday() == 5 and d.month in (6, 7, 8) for d in when.days())
    month = parse_when("on Mondays in March", "en", WEDNESDAY)
    assert (month.period, month.weekday, month.date.month) == ("month", 0, 3)
    # A weekday with a date or "demain" stays that one day.
    assert parse_when("samedi 5 décembre", "fr", WEDNESDAY).end is None


@pytest.mark.parametrize(("lang", "question", "said", "not_said"), [
    ("fr", "Quels horaires pour la déchèterie le samedi en été ?",
     ["Cet été", "le samedi", "de 9 h à midi et de 13 h 30 à 18 h"], ["17 h"]),
    ("en", "tip opening hours on Mondays this summer", ["on Mondays", "2 pm to 6 pm"],
     ["5 pm", "Saturday"]),
    ("fr", "la déchèterie ouvre le lundi en janvier ?", ["Oui", "de 14 h à 17 h"], ["18 h"]),
])
def test_a_weekday_of_a_season_gets_that_season_s_hours(kiosk: EmbeddedAnswerer, lang: str,
                                                        question: str, said: list[str],
                                                        not_said: list[str]) -> None:
    text = kiosk.answer(question, lang).text
    assert all(s in text for s in said), text
    assert not any(s in text for s in not_said), text


def test_declared_closures_are_found_only_when_every_day_is_shut() -> None:
    hours = Hours("Tu 10:00-12:00; Dec 24-Jan 2 off")
    assert closures(hours, dt.date(2026, 12, 1), dt.date(2026, 12, 31)) == \
        [(dt.date(2026, 12, 24), dt.date(2027, 1, 2))]
    assert closures(hours, dt.date(2026, 2, 1), dt.date(2026, 2, 28)) == []
    reopened = Hours("Mo-Fr 10:00-12:00; Aug 01-Aug 31 off; Aug 14 10:00-12:00")
    assert closures(reopened, dt.date(2026, 8, 1), dt.date(2026, 8, 31)) == []


def test_a_month_s_hours_say_its_declared_closure(kiosk: EmbeddedAnswerer) -> None:
    text = kiosk.answer("horaires de la bibliothèque en juillet", "fr").text
    assert "12 juillet" in text and "25 juillet" in text, text
    english = kiosk.answer("library hours in July", "en").text
    assert "Closed from" in english and "25 July" in english, english


@pytest.mark.parametrize(("lang", "question", "first"), [
    ("fr", "le musée se visite en janvier ?", "Non"),
    ("fr", "on peut visiter le musée en mai ?", "Oui"),
    ("en", "can I visit the museum this winter?", "No"),
    ("fr", "y aura-t-il le marché en décembre ?", "Oui"),
    ("en", "is there a market in February?", "Yes"),
    ("en", "Is the municipal police office open tomorrow?", "Yes"),
])
def test_visiting_and_is_there_are_opening_questions(kiosk: EmbeddedAnswerer, lang: str,
                                                     question: str, first: str) -> None:
    answer = kiosk.answer(question, lang)
    assert not answer.declined and answer.text.startswith(first + ","), answer.text


def test_when_is_a_service_is_its_schedule(kiosk: EmbeddedAnswerer) -> None:
    answer = kiosk.answer("c'est quand le marché ?", "fr")
    assert answer.sources == ["marche"] and "7 h" in answer.text and "13 h" in answer.text
    # A word shared with a service that has no hours: the one with hours and that name.
    assert kiosk.answer("when is the market?", "en").sources == ["marche"]
    # "C'est quand" about no service: declined, not some service's hours.
    assert kiosk.answer("c'est quand l'anniversaire du maire ?", "fr").declined


def test_out_of_season_when_does_it_open_gives_the_season(kiosk: EmbeddedAnswerer) -> None:
    text = kiosk.answer("le camping ouvre quand ?", "fr").text
    assert text.startswith("En ce moment, c'est fermé au camping."), text
    assert "15 avril" in text and "30 septembre" in text, text


def test_closed_now_but_opening_later_today_gives_today_s_hours(
        kiosk: EmbeddedAnswerer) -> None:
    text = kiosk.answer("la piscine c'est ouvert là ?", "fr").text
    assert text.startswith("Non,") and "aujourd'hui de midi à 19 h" in text, text


def test_public_holidays_are_read_as_the_coming_year_s_holidays() -> None:
    when = parse_when("ouvert les jours fériés ?", "fr", WEDNESDAY)
    assert when.period == "holidays" and when.last == dt.date(2027, 11, 24)
    # A named holiday stays that day.
    assert parse_when("ouvert le lundi de Pâques ?", "fr", WEDNESDAY).end is None


@pytest.mark.parametrize(("lang", "question", "first", "said"), [
    # PH off: closed on the holidays falling on its days.
    ("fr", "la police municipale est ouverte les jours fériés ?", "Non",
     ["25 décembre", "Noël"]),
    ("en", "Is the tip closed on public holidays?", "Yes", ["Easter Monday"]),
    # Open on Mondays, holidays included, except a declared date: both said.
    ("en", "Is the Monday fair still on when it's a public holiday?", "Yes",
     ["Pentecost Monday", "Except: closed on Monday 29 March 2027"]),
    ("fr", "la foire du lundi a lieu les jours fériés ?", "Oui", ["Pentecôte", "Sauf"]),
])
def test_open_on_public_holidays(kiosk: EmbeddedAnswerer, lang: str, question: str,
                                 first: str, said: list[str]) -> None:
    text = kiosk.answer(question, lang).text
    assert text.startswith(first + ","), text
    assert all(s in text for s in said), text


def test_is_there_names_a_service_word_for_word(kiosk: EmbeddedAnswerer) -> None:
    answer = kiosk.answer("is there a market?", "en")
    assert answer.sources == ["marche"] and "7 am" in answer.text, answer.text
    # Something at a place is not the place's hours: declined rather than its hours.
    assert kiosk.answer("y a-t-il un guide au musée en été ?", "fr").declined
    assert kiosk.answer("are there toilets at the pool?", "en").declined


def test_hours_of_a_place_without_service_need_an_entry_saying_when(
        kiosk: EmbeddedAnswerer) -> None:
    # The only entry about it names no time, day or month: declined, not a non-answer.
    assert kiosk.answer("horaires du centre des finances publiques", "fr").declined
    assert kiosk.answer("public finance centre opening hours", "en").declined
    answer = kiosk.answer("coach station opening hours", "en")
    assert answer.sources == ["gare"] and "6 am" in answer.text
