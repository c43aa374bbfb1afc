"""Hours for the asked period: afternoons, weekends, months, seasons, a summer-only
service; and the yes/no of every answer agreeing with the opening hours."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from zoneinfo import ZoneInfo

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.facts.hours import Hours
from guichet.content.pack.loader import load_pack
from guichet.content.understand.when import When, parse_when
from tests.support.testtown import PARIS, TOWN, WEDNESDAY
from tests.unit.test_when import TABLE

HOURS = {
    "mairie": "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
    "bibliotheque": "Tu,Th 14:00-18:00; We 10:00-12:00,14:00-18:00; Sa 10:00-17:00; PH off",
    "tourisme": "Mo-Fr 09:00-12:00; Jul-Aug Mo-Sa 10:00-19:00",
    "cimetiere": "Apr-Sep Mo-Su 08:00-19:00; Oct-Mar Mo-Su 08:30-17:00",
    "baignade": "Jun 15-Sep 15 Mo-Su 10:00-19:00",
}
NAMES = {
    "mairie": ("la mairie", "the town hall"),
    "bibliotheque": ("la bibliothèque", "the library"),
    "tourisme": ("l'office de tourisme", "the tourist office"),
    "cimetiere": ("le cimetière", "the cemetery"),
    "baignade": ("la baignade du lac", "the lake beach"),
}


@pytest.fixture(scope="module")
def pack_root(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("pack")
    (root / "town.yaml").write_text(TOWN, encoding="utf-8")
    services = "services:\n" + "".join(
        f'  - id: {key}\n    name: {{fr: "{fr}", en: "{en}"}}\n'
        f'    opening_hours: "{HOURS[key]}"\n' for key, (fr, en) in NAMES.items())
    (root / "services.yaml").write_text(services, encoding="utf-8")
    return root


def answerer_at(root, now: dt.datetime) -> EmbeddedAnswerer:  # type: ignore[no-untyped-def]
    return EmbeddedAnswerer(load_pack(root), clock=lambda: now)


@pytest.mark.parametrize(("lang", "question", "expected"), [
    # Afternoon hours
    ("fr", "La bibliothèque est ouverte mardi après-midi ?",
     "Oui, le mardi 1er décembre après-midi, la bibliothèque ouvre de 14 h à 18 h."),
    ("en", "Is the library open on Tuesday afternoon?",
     "Yes, on Tuesday 1 December, in the afternoon, the library is open from 2 pm to 6 pm."),
    ("fr", "Quels sont les horaires de la mairie vendredi après-midi ?",
     "Le vendredi 27 novembre après-midi, la mairie ouvre de 13 h 30 à 17 h 30."),
    ("en", "Is the library open this afternoon?",
     "Yes, this afternoon, the library is open from 2 pm to 6 pm."),
    # A closed afternoon: no, then the day's other hours and the next opening after it
    ("fr", "La mairie est ouverte samedi après-midi ?",
     "Non, le samedi 28 novembre après-midi, c'est fermé à la mairie. Le samedi 28 "
     "novembre, la mairie ouvre de 9 h à midi. Prochaine ouverture : le lundi 30 novembre "
     "à 8 h 30."),
    ("en", "Is the library open on Friday afternoon?",
     "No, on Friday 27 November, in the afternoon, the library is closed. It opens again "
     "on Saturday 28 November at 10 am."),
    ("fr", "La mairie est ouverte ce soir ?",
     "Non, ce soir, c'est fermé à la mairie. Aujourd'hui, la mairie ouvre de 8 h 30 à midi "
     "et de 13 h 30 à 17 h 30. Prochaine ouverture : demain à 8 h 30."),
    # Lunchtime: the closed part of it said
    ("fr", "La mairie est ouverte entre midi et deux ?",
     "Oui, ce midi, la mairie ouvre de 13 h 30 à 17 h 30. Fermé de midi à 13 h 30."),
    ("en", "Is the library open at lunchtime on Saturday?",
     "Yes, on Saturday 28 November, at lunchtime, the library is open from 10 am to "
     "5 pm."),
    # A day partly open
    ("fr", "La mairie est ouverte samedi ?",
     "Oui, le samedi 28 novembre, la mairie ouvre de 9 h à midi."),
    # Weekend and week
    ("fr", "Est-ce que la mairie est ouverte ce week-end ?",
     "Oui, ce week-end, la mairie ouvre le samedi de 9 h à midi, fermé le dimanche."),
    ("en", "Is the town hall open this weekend?",
     "Yes, this weekend, the town hall is open Saturday from 9 am to noon, closed Sunday."),
    # Month rules
    ("fr", "L'office de tourisme est ouvert en août ?",
     "Oui, en août 2027, l'office de tourisme ouvre du lundi au samedi de 10 h à 19 h, "
     "fermé le dimanche."),
    ("en", "Is the tourist office open in December?",
     "Yes, in December, the tourist office is open Monday to Friday from 9 am to noon, "
     "closed Saturday and Sunday."),
    ("en", "What are the tourist office's hours in July?",
     "In July 2027, the tourist office is open Monday to Saturday from 10 am to 7 pm, "
     "closed Sunday."),
    # Season rules
    ("fr", "Le cimetière est ouvert à quelle heure cet hiver ?",
     "Cet hiver (de décembre à février 2027), le cimetière ouvre du lundi au dimanche de "
     "8 h 30 à 17 h."),
    ("en", "What are the cemetery's hours this summer?",
     "This summer (from June to August 2027), the cemetery is open Monday to Sunday from "
     "8 am to 7 pm."),
    ("fr", "Quels sont les horaires de la mairie cet hiver ?",
     "Cet hiver (de décembre à février 2027), la mairie ouvre du lundi au vendredi de "
     "8 h 30 à midi et de 13 h 30 à 17 h 30 ; le samedi de 9 h à midi, fermé le dimanche. "
     "Fermeture le vendredi 25 décembre (Noël) et le vendredi 1er janvier 2027 "
     "(Jour de l'an)."),
    # A summer-only service
    ("fr", "Quand ouvre la baignade du lac cette année ?",
     "En ce moment, c'est fermé à la baignade du lac. "
     "La saison 2026 de la baignade du lac s'est terminée le mardi 15 septembre. La saison "
     "de la baignade du lac commence le mardi 15 juin 2027 et se termine le mercredi 15 "
     "septembre 2027. Pendant la saison : du lundi au dimanche de 10 h à 19 h."),
    ("en", "When does the lake beach season start?",
     "The lake beach is closed at the moment. "
     "The 2026 season of the lake beach ended on Tuesday 15 September. The season of the "
     "lake beach starts on Tuesday 15 June 2027 and ends on Wednesday 15 September 2027. "
     "During the season: Monday to Sunday from 10 am to 7 pm."),
    ("en", "Is the lake beach open in January?",
     "No, the lake beach is closed in January 2027. It opens again on Tuesday 15 June at "
     "10 am."),
    ("fr", "La baignade du lac est ouverte en juin ?",
     "Oui, en juin 2027, la baignade du lac ouvre du lundi au dimanche de 10 h à 19 h. La "
     "saison de la baignade du lac commence le mardi 15 juin 2027 et se termine le "
     "mercredi 15 septembre 2027."),
    ("fr", "La baignade du lac est ouverte à la Toussaint ?",
     "Non, le lundi 1er novembre 2027, c'est fermé à la baignade du lac toute la journée. "
     "C'est un jour férié : Toussaint. Prochaine ouverture : le jeudi 15 juin 2028 à 10 h."),
    # A service open all year asked about its season
    ("fr", "Quand commence la saison de la mairie ?",
     "La mairie ouvre toute l'année. Horaires de la mairie : du lundi au vendredi de 8 h 30 "
     "à midi et de 13 h 30 à 17 h 30 ; le samedi de 9 h à midi. Fermeture le dimanche et "
     "les jours fériés."),
])
def test_hours_of_the_asked_period(pack_root, lang: str, question: str,  # type: ignore[no-untyped-def]
                                   expected: str) -> None:
    answer = answerer_at(pack_root, WEDNESDAY).answer(question, lang)
    assert answer.text == expected
    assert not answer.declined


def test_today_once_closed_is_a_no(pack_root) -> None:  # type: ignore[no-untyped-def]
    evening = dt.datetime(2026, 11, 25, 18, 30, tzinfo=PARIS)
    answerer = answerer_at(pack_root, evening)
    assert answerer.answer("La mairie est ouverte aujourd'hui ?", "fr").text == (
        "Non, plus aujourd'hui : c'est fermé à la mairie depuis 17 h 30. Prochaine "
        "ouverture : demain à 8 h 30.")
    assert answerer.answer("Is the library open today?", "en").text == (
        "No, not any more today: the library closed at 6 pm. It opens again tomorrow at "
        "2 pm.")


def test_a_summer_service_in_season_says_when_it_ends(pack_root) -> None:  # type: ignore[no-untyped-def]
    july = dt.datetime(2027, 7, 20, 11, 0, tzinfo=PARIS)
    answer = answerer_at(pack_root, july).answer("Jusqu'à quand la baignade du lac est "
                                                 "ouverte cette année ?", "fr")
    assert answer.text.startswith("La saison de la baignade du lac a commencé le mardi "
                                  "15 juin ; elle dure jusqu'au mercredi 15 septembre.")


@pytest.mark.parametrize(("lang", "question", "expected"), [
    ("fr", "La mairie est fermée samedi ?",
     "Non, le samedi 28 novembre, la mairie ouvre de 9 h à midi."),
    ("fr", "La mairie ferme samedi après-midi ?",
     "Oui, le samedi 28 novembre après-midi, c'est fermé à la mairie. Le samedi 28 "
     "novembre, la mairie ouvre de 9 h à midi. Prochaine ouverture : le lundi 30 novembre "
     "à 8 h 30."),
    ("en", "Is the town hall closed now?", "No, the town hall is open now, until noon."),
    ("en", "Is the lake beach closed in January?",
     "Yes, the lake beach is closed in January 2027. It opens again on Tuesday 15 June at "
     "10 am."),
    # "When does it close?" stays a schedule, without yes or no
    ("en", "When does the library close today?",
     "Today, the library closes at noon, then opens again from 2 pm to 6 pm."),
])
def test_is_it_closed_is_answered_yes_when_closed(pack_root, lang: str,  # type: ignore[no-untyped-def]
                                                  question: str, expected: str) -> None:
    assert answerer_at(pack_root, WEDNESDAY).answer(question, lang).text == expected


# ------------------------------------------------------------ yes/no agrees with the hours

def _asked(when: When, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The asked range, worked out here independently of the answerer's own code."""
    if when.time is not None:
        start = dt.datetime.combine(when.date, when.time, tz)
        return start, start + dt.timedelta(minutes=1)
    start = dt.datetime.combine(when.date, dt.time(0), tz)
    if when.part is not None:
        first, last = {"morning": (6, 12), "lunch": (12, 14), "afternoon": (12, 18),
                       "evening": (18, 24)}[when.part]
        return start + dt.timedelta(hours=first), start + dt.timedelta(hours=last)
    last_day = when.end or when.date
    return start, dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tz)


def _open_between(hours: Hours, start: dt.datetime, end: dt.datetime) -> bool:
    """Open at some moment of [start, end): open at its start, or changes (opens) inside."""
    if hours.is_open(start):
        return True
    change = hours.next_change(start)
    return change is not None and change < end


NOWS = [WEDNESDAY, dt.datetime(2026, 11, 28, 15, 0, tzinfo=PARIS),
        dt.datetime(2027, 7, 4, 20, 30, tzinfo=PARIS)]
YES = re.compile(r"^(Oui|Yes), ")
NO = re.compile(r"^(Non|No), ")


@pytest.mark.parametrize("now", NOWS, ids=lambda n: n.strftime("%a-%H%M"))
@pytest.mark.parametrize("service", sorted(HOURS))
def test_every_yes_no_agrees_with_the_opening_hours(pack_root, now: dt.datetime,  # type: ignore[no-untyped-def]
                                                    service: str) -> None:
    answerer = answerer_at(pack_root, now)
    hours = Hours(HOURS[service])
    checked = 0
    for (lang, phrase, _expected), closed in itertools.product(TABLE, (False, True)):
        if closed and "ouvert" in phrase:
            continue  # "est-ce fermée, c'est ouvert là ?" asks nothing clear
        fr_name, en_name = NAMES[service]
        question = (f"Est-ce que {fr_name} est {'fermée' if closed else 'ouverte'} {phrase} ?"
                    if lang == "fr" else
                    f"Is {en_name} {'closed' if closed else 'open'} {phrase}?")
        when = parse_when(question, lang, now)
        if when.now:
            start = now
            end = now + dt.timedelta(minutes=1)
        else:
            start, end = _asked(when, PARIS)
            if when.kind == "day" and when.date == now.date():
                start = now  # a day asked about today: what is left of it
        text = answerer.answer(question, lang).text
        expected_open = _open_between(hours, start, end)
        pattern = YES if expected_open != closed else NO
        assert pattern.match(text), f"{question!r} at {now}: {text!r} (open={expected_open})"
        checked += 1
    assert checked == 2 * len(TABLE) - 1
