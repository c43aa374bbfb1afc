"""Seniors mode's text shaping (plain data) and its slower speech (the real Piper voice)."""

from __future__ import annotations

import pytest

from guichet.kiosk.seniors import is_repeat_request, one_idea_per_sentence, seniors_speech
from guichet.voice.breath import split_sentences
from guichet.voice.speakable import speakable


def test_one_idea_per_sentence() -> None:
    text = ("La mairie est ouverte du lundi au vendredi, de 8 h 30 à midi, et le samedi de "
            "9 h à midi; elle est fermée le dimanche.")
    assert split_sentences(one_idea_per_sentence(text, "fr")) == [
        "La mairie est ouverte du lundi au vendredi, de 8 h 30 à midi.",
        "Et le samedi de 9 h à midi.",
        "Elle est fermée le dimanche.",
    ]
    english = "Open Monday to Friday, and on Saturday morning, but closed on Sunday."
    assert one_idea_per_sentence(english, "en") == (
        "Open Monday to Friday. And on Saturday morning. But closed on Sunday.")


def test_seniors_speech_keeps_phone_numbers_said_in_pairs() -> None:
    said = speakable(seniors_speech("Demandez à l'accueil, et appelez le 03 53 01 20 00.",
                                    "fr"), "fr")
    assert said == ("Demandez à l'accueil. Et appelez le zéro trois, cinquante-trois, "
                    "zéro un, vingt, zéro zéro.")


@pytest.mark.parametrize(("text", "repeat"), [
    ("Répétez !", True), ("Pouvez-vous répéter ?", True), ("Repeat, please.", True),
    ("Say that again", True), ("Pardon ?", True), ("Encore", True),
    ("Pouvez-vous répéter les horaires de la mairie ?", False),
    ("When is the market open again?", False), ("Combien coûte la cantine ?", False),
    ("", False),
])
def test_repeat_requests(text: str, repeat: bool) -> None:
    assert is_repeat_request(text) is repeat


