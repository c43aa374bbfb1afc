"""Computed answers: opening hours and contacts from the pack, at an injected local time."""

from __future__ import annotations

import datetime as dt

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.facts.hours import Hours, holiday_name
from guichet.content.pack.loader import load_pack
from guichet.content.understand.when import parse_when
from tests.support.testtown import PARIS, TOWN, WEDNESDAY

SERVICES = """services:
  - id: mairie
    name: {fr: "la mairie", en: "the town hall"}
    aliases: {fr: ["hôtel de ville"], en: ["city hall"]}
    handles: {fr: ["carte d'identité", "passeport"], en: ["identity card", "passport"]}
    address: "1 Place de la Mairie"
    phone: "03 53 01 20 00"
    email: "accueil@testville.fr"
    opening_hours: "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"
  - id: bibliotheque
    name: {fr: "la bibliothèque", en: "the library"}
    handles: {fr: ["livres", "prêt"], en: ["books", "lending"]}
    phone: "03 53 01 20 40"
    opening_hours: "Tu,Th 14:00-18:00; We 10:00-12:00,14:00-18:00; Sa 10:00-17:00; PH off"
  - id: bar-de-nuit
    name: {fr: "le bar de nuit", en: "the night bar"}
    opening_hours: "Mo-Su 22:00-02:00"
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedAnswerer:
    root = tmp_path_factory.mktemp("pack")
    (root / "town.yaml").write_text(TOWN, encoding="utf-8")
    (root / "services.yaml").write_text(SERVICES, encoding="utf-8")
    return EmbeddedAnswerer(load_pack(root), clock=lambda: WEDNESDAY)


@pytest.mark.parametrize(("lang", "question", "expected"), [
    ("fr", "La mairie est-elle ouverte maintenant ?",
     "Oui, maintenant, c'est ouvert à la mairie, jusqu'à midi."),
    ("en", "Is the town hall open now?", "Yes, the town hall is open now, until noon."),
    ("en", "Is the town hall open on Saturday?",
     "Yes, the town hall is open on Saturday 28 November from 9 am to noon."),
    ("fr", "La mairie est-elle ouverte samedi ?",
     "Oui, le samedi 28 novembre, la mairie ouvre de 9 h à midi."),
    ("fr", "La mairie est ouverte le 14 juillet ?",
     ("Non, le mercredi 14 juillet, c'est fermé à la mairie toute la journée. C'est un jour "
      "férié : Fête nationale. Prochaine ouverture : le jeudi 15 juillet à 8 h 30.")),
    ("en", "Is the city hall open at 5:30 pm?",
     "No, the town hall is closed today at 5:30 pm. It opens again tomorrow at 8:30 am."),
    ("fr", "La mairie est-elle ouverte à dix-sept heures ?",
     "Oui, aujourd'hui à 17 h, c'est ouvert à la mairie, jusqu'à 17 h 30."),
    ("en", "When does the library close today?",
     "Today, the library closes at noon, then opens again from 2 pm to 6 pm."),
    ("fr", "À quelle heure ferme la bibliothèque aujourd'hui ?",
     "Aujourd'hui, la bibliothèque ferme à midi, puis rouvre de 14 h à 18 h."),
    ("en", "Is the town hall open on Christmas Day?",
     ("No, the town hall is closed all day on Friday 25 December. It is a public holiday: "
      "Christmas Day. It opens again on Saturday 26 December at 9 am.")),
    ("en", "Can I come to the city hall at 5:30 pm?",
     "No, the town hall is closed today at 5:30 pm. It opens again tomorrow at 8:30 am."),
    ("en", "Is the library open on Sunday?",
     ("No, the library is closed all day on Sunday 29 November. It opens again on Tuesday "
      "1 December at 2 pm.")),
    ("en", "What are the opening hours of the town hall?",
     ("The town hall opening hours: Monday to Friday from 8:30 am to noon and from 1:30 pm "
      "to 5:30 pm; Saturday from 9 am to noon. Closed on Sunday and public holidays.")),
    ("fr", "Quels sont les horaires de la mairie ?",
     ("Horaires de la mairie : du lundi au vendredi de 8 h 30 à midi et de 13 h 30 à "
      "17 h 30 ; le samedi de 9 h à midi. Fermeture le dimanche et les jours fériés.")),
    ("en", "Is the night bar open at 11 pm?",
     "Yes, the night bar is open today at 11 pm, until 2 am."),
])
def test_opening_hours_answers(answerer: EmbeddedAnswerer, lang: str, question: str,
                               expected: str) -> None:
    answer = answerer.answer(question, lang)
    assert answer.text == expected
    assert answer.language == lang and not answer.declined


def test_contacts_are_found_by_what_the_service_handles(answerer: EmbeddedAnswerer) -> None:
    answer = answerer.answer("Who do I call for a passport?", "en")
    assert answer.sources == ["mairie"]
    assert answer.text == ("You can reach the town hall on 03 53 01 20 00. E-mail: "
                           "accueil@testville.fr. Address: 1 Place de la Mairie.")
    french = answerer.answer("Quel est le numéro de la bibliothèque ?", "fr")
    assert french.text == "Vous pouvez joindre la bibliothèque au 03 53 01 20 40."


def test_a_place_the_pack_does_not_know_is_declined(answerer: EmbeddedAnswerer) -> None:
    answer = answerer.answer("Is the swimming pool open on Sunday?", "en")
    assert answer.declined and "03 53 01 99 99" in answer.text


def test_hours_engine_on_plain_data() -> None:
    hours = Hours("Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off")
    assert hours.day(dt.date(2026, 7, 14)) == []  # Bastille Day: PH off
    assert hours.day(dt.date(2026, 12, 25)) == []  # Christmas
    assert hours.day(dt.date(2026, 11, 28)) == [(dt.time(9), dt.time(12))]
    assert hours.is_open(dt.datetime(2026, 11, 27, 17, 29, tzinfo=PARIS))
    assert not hours.is_open(dt.datetime(2026, 11, 27, 17, 30, tzinfo=PARIS))
    assert hours.next_opening(dt.datetime(2026, 11, 28, 12, 0, tzinfo=PARIS)) == \
        dt.datetime(2026, 11, 30, 8, 30, tzinfo=PARIS)
    assert holiday_name(dt.date(2026, 5, 1), "FR", "fr") == "Fête du Travail"
    assert holiday_name(dt.date(2026, 5, 2), "FR", "fr") is None


@pytest.mark.parametrize(("lang", "text", "date", "time"), [
    ("fr", "samedi", dt.date(2026, 11, 28), None),
    ("fr", "demain à 9 h", dt.date(2026, 11, 26), dt.time(9)),
    ("fr", "le 14 juillet", dt.date(2027, 7, 14), None),
    ("fr", "le 1er décembre à 17h30", dt.date(2026, 12, 1), dt.time(17, 30)),
    ("fr", "à dix-sept heures trente", dt.date(2026, 11, 25), dt.time(17, 30)),
    ("fr", "à 8 h et demie", dt.date(2026, 11, 25), dt.time(8, 30)),
    ("en", "on July 14", dt.date(2027, 7, 14), None),
    ("en", "tomorrow at 5:30 pm", dt.date(2026, 11, 26), dt.time(17, 30)),
    ("en", "at noon", dt.date(2026, 11, 25), dt.time(12)),
    ("en", "on Wednesday", dt.date(2026, 11, 25), None),
])
def test_when_reads_days_dates_and_times(lang: str, text: str, date: dt.date,
                                         time: dt.time | None) -> None:
    when = parse_when(text, lang, WEDNESDAY)
    assert (when.date, when.time) == (date, time)
