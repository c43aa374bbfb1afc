"""Seniors mode's text shaping (plain data) and its slower speech (the real Piper voice)."""

from __future__ import annotations

import pytest

from kiosk.seniors import (
    SeniorsConfig,
    is_repeat_request,
    one_idea_per_sentence,
    phone_pairs,
    seniors_speech,
    sentences,
)


@pytest.mark.parametrize(("text", "said"), [
    ("Appelez le 03 53 01 20 10.", "Appelez le 03, 53, 01, 20, 10."),
    ("Call 0353012010 today", "Call 03, 53, 01, 20, 10 today"),
    ("Tél. 03.53.01.20.10", "Tél. 03, 53, 01, 20, 10"),
    ("Urgences : 112 ou 15.", "Urgences : 112 ou 15."),
    ("Ouvert de 8 h 30 à 12 h, 3 euros 60.", "Ouvert de 8 h 30 à 12 h, 3 euros 60."),
])
def test_phone_numbers_are_said_two_digits_at_a_time(text: str, said: str) -> None:
    assert phone_pairs(text) == said


def test_one_idea_per_sentence() -> None:
    text = ("La mairie est ouverte du lundi au vendredi, de 8 h 30 à midi, et le samedi de "
            "9 h à midi; elle est fermée le dimanche.")
    assert sentences(one_idea_per_sentence(text, "fr")) == [
        "La mairie est ouverte du lundi au vendredi, de 8 h 30 à midi.",
        "Et le samedi de 9 h à midi.",
        "Elle est fermée le dimanche.",
    ]
    english = "Open Monday to Friday, and on Saturday morning, but closed on Sunday."
    assert one_idea_per_sentence(english, "en") == (
        "Open Monday to Friday. And on Saturday morning. But closed on Sunday.")


def test_seniors_speech_combines_both() -> None:
    assert seniors_speech("Ask the desk, and call 03 53 01 20 00.", "en") == (
        "Ask the desk. And call 03, 53, 01, 20, 00.")


@pytest.mark.parametrize(("text", "repeat"), [
    ("Répétez !", True), ("Pouvez-vous répéter ?", True), ("Repeat, please.", True),
    ("Say that again", True), ("Pardon ?", True), ("Encore", True),
    ("Pouvez-vous répéter les horaires de la mairie ?", False),
    ("When is the market open again?", False), ("Combien coûte la cantine ?", False),
    ("", False),
])
def test_repeat_requests(text: str, repeat: bool) -> None:
    assert is_repeat_request(text) is repeat


def test_seniors_length_scale_makes_speech_at_least_20_percent_slower(piper) -> None:
    text = "The town hall is open Monday to Friday, from 8:30 am to noon."
    normal = sum(len(c.pcm) for c in piper.synthesize(text, "en"))
    slow = sum(len(c.pcm) for c in piper.synthesize(text, "en", SeniorsConfig().length_scale))
    assert slow >= 1.2 * normal
