"""What a question's time words mean: a table of French and English phrasings, read at a
fixed moment (Wednesday 25 November 2026, 10:15, Paris)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from guichet.content.understand.intents import detect
from guichet.content.understand.when import When, asks_season, mentions_moment, parse_when

PARIS = ZoneInfo("Europe/Paris")
WEDNESDAY = dt.datetime(2026, 11, 25, 10, 15, tzinfo=PARIS)
D = dt.date
T = dt.time
NOW = When(D(2026, 11, 25), T(10, 15), False, True)


def day(date: dt.date) -> When:
    return When(date, None, True, False)


def part(date: dt.date, name: str) -> When:
    return When(date, None, True, False, part=name)


def moment(date: dt.date, time: dt.time, named: bool = True) -> When:
    return When(date, time, named, False)


def period(first: dt.date, last: dt.date, kind: str, season: str | None = None) -> When:
    return When(first, None, True, False, end=last, period=kind, season=season)


TODAY, TOMORROW = D(2026, 11, 25), D(2026, 11, 26)
WEEKEND = period(D(2026, 11, 28), D(2026, 11, 29), "weekend")
THIS_WEEK = period(TODAY, D(2026, 11, 29), "week")
NEXT_WEEK = period(D(2026, 11, 30), D(2026, 12, 6), "week")
WINTER = period(D(2026, 12, 1), D(2027, 2, 28), "season", "winter")
SUMMER = period(D(2027, 6, 1), D(2027, 8, 31), "season", "summer")
SPRING = period(D(2027, 3, 1), D(2027, 5, 31), "season", "spring")
AUTUMN = period(TODAY, D(2026, 11, 30), "season", "autumn")
REST_OF_NOVEMBER = period(TODAY, D(2026, 11, 30), "month")
DECEMBER = period(D(2026, 12, 1), D(2026, 12, 31), "month")
JULY = period(D(2027, 7, 1), D(2027, 7, 31), "month")
AUGUST = period(D(2027, 8, 1), D(2027, 8, 31), "month")
OCTOBER = period(D(2027, 10, 1), D(2027, 10, 31), "month")

TABLE: list[tuple[str, str, When]] = [
    ("fr", "maintenant", NOW),
    ("fr", "c'est ouvert là ?", NOW),
    ("fr", "en ce moment", NOW),
    ("fr", "aujourd'hui", day(TODAY)),
    ("fr", "demain", day(TOMORROW)),
    ("fr", "après-demain", day(D(2026, 11, 27))),
    ("fr", "apres demain", day(D(2026, 11, 27))),
    ("fr", "ce matin", part(TODAY, "morning")),
    ("fr", "cet après-midi", part(TODAY, "afternoon")),
    ("fr", "cet aprem", part(TODAY, "afternoon")),
    ("fr", "ce soir", part(TODAY, "evening")),
    ("fr", "demain matin", part(TOMORROW, "morning")),
    ("fr", "entre midi et deux", part(TODAY, "lunch")),
    ("fr", "mardi après-midi", part(D(2026, 12, 1), "afternoon")),
    ("fr", "mardi apres midi", part(D(2026, 12, 1), "afternoon")),
    ("fr", "mardi aprèm", part(D(2026, 12, 1), "afternoon")),
    ("fr", "samedi matin", part(D(2026, 11, 28), "morning")),
    ("fr", "vendredi soir", part(D(2026, 11, 27), "evening")),
    ("fr", "à midi", moment(TODAY, T(12), named=False)),
    ("fr", "demain à midi", moment(TOMORROW, T(12))),
    ("fr", "à 17 h 30", moment(TODAY, T(17, 30), named=False)),
    ("fr", "à dix-sept heures trente", moment(TODAY, T(17, 30), named=False)),
    ("fr", "demain à 9 h", moment(TOMORROW, T(9))),
    ("fr", "samedi", day(D(2026, 11, 28))),
    ("fr", "mercredi", day(TODAY)),
    ("fr", "lundi prochain", day(D(2026, 11, 30))),
    ("fr", "samedi prochain", day(D(2026, 11, 28))),
    ("fr", "mercredi prochain", day(D(2026, 12, 2))),
    ("fr", "ce week-end", WEEKEND),
    ("fr", "le weekend", WEEKEND),
    ("fr", "cette semaine", THIS_WEEK),
    ("fr", "la semaine prochaine", NEXT_WEEK),
    ("fr", "en semaine", period(D(2026, 11, 30), D(2026, 12, 4), "weekdays")),
    ("fr", "en août", AUGUST),
    ("fr", "au mois de juillet", JULY),
    ("fr", "en décembre", DECEMBER),
    ("fr", "en novembre", REST_OF_NOVEMBER),
    ("fr", "ce mois-ci", REST_OF_NOVEMBER),
    ("fr", "le mois prochain", DECEMBER),
    ("fr", "cet hiver", WINTER),
    ("fr", "en été", SUMMER),
    ("fr", "cet été", SUMMER),
    ("fr", "au printemps", SPRING),
    ("fr", "en automne", AUTUMN),
    ("fr", "à Noël", day(D(2026, 12, 25))),
    ("fr", "le jour de Noël", day(D(2026, 12, 25))),
    ("fr", "à Pâques", day(D(2027, 3, 28))),
    ("fr", "le lundi de Pâques", day(D(2027, 3, 29))),
    ("fr", "le lundi de Pentecôte", day(D(2027, 5, 17))),
    ("fr", "à l'Ascension", day(D(2027, 5, 6))),
    ("fr", "le 14 juillet", day(D(2027, 7, 14))),
    ("fr", "le 1er mai", day(D(2027, 5, 1))),
    ("fr", "le premier mai", day(D(2027, 5, 1))),
    ("fr", "le 3", day(D(2026, 12, 3))),
    ("fr", "le 30", day(D(2026, 11, 30))),
    ("fr", "le 25/12", day(D(2026, 12, 25))),
    ("fr", "le 25/12/2026", day(D(2026, 12, 25))),
    ("fr", "le 25 décembre", day(D(2026, 12, 25))),
    ("fr", "le 3 décembre à 17h30", moment(D(2026, 12, 3), T(17, 30))),
    ("fr", "le 2026-12-25", day(D(2026, 12, 25))),
    ("fr", "à la Toussaint", day(D(2027, 11, 1))),
    ("fr", "le jour de l'an", day(D(2027, 1, 1))),
    ("en", "now", NOW),
    ("en", "right now", NOW),
    ("en", "today", day(TODAY)),
    ("en", "tomorrow", day(TOMORROW)),
    ("en", "the day after tomorrow", day(D(2026, 11, 27))),
    ("en", "this morning", part(TODAY, "morning")),
    ("en", "this afternoon", part(TODAY, "afternoon")),
    ("en", "tonight", part(TODAY, "evening")),
    ("en", "tomorrow morning", part(TOMORROW, "morning")),
    ("en", "at lunchtime", part(TODAY, "lunch")),
    ("en", "Friday afternoon", part(D(2026, 11, 27), "afternoon")),
    ("en", "on Tuesday afternoon", part(D(2026, 12, 1), "afternoon")),
    ("en", "on Saturday evening", part(D(2026, 11, 28), "evening")),
    ("en", "at noon", moment(TODAY, T(12), named=False)),
    ("en", "at 5:30 pm", moment(TODAY, T(17, 30), named=False)),
    ("en", "tomorrow at 5:30 pm", moment(TOMORROW, T(17, 30))),
    ("en", "on Saturday", day(D(2026, 11, 28))),
    ("en", "next Monday", day(D(2026, 11, 30))),
    ("en", "next Wednesday", day(D(2026, 12, 2))),
    ("en", "this weekend", WEEKEND),
    ("en", "this week", THIS_WEEK),
    ("en", "next week", NEXT_WEEK),
    ("en", "on weekdays", period(D(2026, 11, 30), D(2026, 12, 4), "weekdays")),
    ("en", "in October", OCTOBER),
    ("en", "in July", JULY),
    ("en", "this month", REST_OF_NOVEMBER),
    ("en", "next month", DECEMBER),
    ("en", "this summer", SUMMER),
    ("en", "in winter", WINTER),
    ("en", "in the fall", AUTUMN),
    ("en", "this spring", SPRING),
    ("en", "on Christmas Day", day(D(2026, 12, 25))),
    ("en", "at Easter", day(D(2027, 3, 28))),
    ("en", "on Easter Monday", day(D(2027, 3, 29))),
    ("en", "on Whit Monday", day(D(2027, 5, 17))),
    ("en", "on December 25th", day(D(2026, 12, 25))),
    ("en", "on the 3rd", day(D(2026, 12, 3))),
    ("en", "on 2026-12-25", day(D(2026, 12, 25))),
    ("en", "on July 14", day(D(2027, 7, 14))),
    ("en", "on 14 July", day(D(2027, 7, 14))),
    ("en", "May I come tomorrow?", day(TOMORROW)),
    ("en", "on New Year's Day", day(D(2027, 1, 1))),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TABLE)
def test_time_words_are_read(lang: str, text: str, expected: When) -> None:
    assert parse_when(text, lang, WEDNESDAY) == expected


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 60
    assert {w.kind for _, _, w in TABLE} == {"now", "moment", "day", "part", "period"}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La bibliothèque est ouverte mardi après-midi ?"),
    ("fr", "cet après-midi"), ("fr", "l'après-midi"), ("en", "in the afternoon"),
])
def test_midi_inside_apres_midi_is_not_noon(lang: str, text: str) -> None:
    when = parse_when(text, lang, WEDNESDAY)
    assert when.time is None and when.part == "afternoon"
    assert when.span == (T(12), T(18))


def test_periods_list_their_days() -> None:
    assert WEEKEND.days() == [D(2026, 11, 28), D(2026, 11, 29)]
    assert len(WINTER.days()) == 90 and WINTER.last == D(2027, 2, 28)


@pytest.mark.parametrize(("lang", "question"), [
    ("fr", "La mairie est ouverte demain matin ?"), ("fr", "C'est fermé à Noël ?"),
    ("en", "Can I come on 25/12?"), ("en", "Can I come this afternoon?"),
    ("fr", "La mairie est ouverte mardi après-midi ?"),
])
def test_days_dates_and_parts_of_day_count_as_moments(lang: str, question: str) -> None:
    assert mentions_moment(question, lang)


@pytest.mark.parametrize(("lang", "question"), [
    ("en", "May I bring my dog?"), ("fr", "Il faut appeler le 15 ?"),
    ("en", "How much is a passport?"), ("fr", "C'est quoi le numéro des pompiers ?"),
    ("fr", "Combien coûte la piscine en été ?"), ("en", "How much is the pool this year?"),
    ("fr", "Quelle pharmacie est de garde ce week-end ?"),
])
def test_no_moment_where_there_is_none(lang: str, question: str) -> None:
    assert not mentions_moment(question, lang)


@pytest.mark.parametrize(("lang", "question", "subject"), [
    ("fr", "La bibliothèque est ouverte mardi après-midi ?", "bibliotheque"),
    ("fr", "La piscine est ouverte cet été ?", "piscine"),
    ("en", "Is the museum open next week?", "museum"),
    ("fr", "Quand ouvre la piscine cette année ?", "piscine"),
    ("en", "When does the pool season start?", "pool"),
])
def test_time_words_stay_out_of_the_place_asked(lang: str, question: str,
                                                subject: str) -> None:
    intent = detect(question, lang)
    assert intent is not None and intent.kind == "hours"
    kept = set(intent.subject.split())
    assert subject in kept
    assert not kept & {"mardi", "apres", "midi", "cet", "ete", "next", "week", "cette",
                       "annee", "season", "start"}


def test_season_questions_are_told_apart() -> None:
    assert asks_season("Quand commence la saison de la piscine ?", "fr")
    assert asks_season("When does the season end?", "en")
    assert asks_season("La piscine est ouverte jusqu'à quand ?", "fr")
    assert parse_when("Quand ouvre la piscine cette année ?", "fr", WEDNESDAY).period == "year"
    assert not asks_season("La piscine est ouverte samedi ?", "fr")
