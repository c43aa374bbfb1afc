"""What the voice says: numbers, times, prices and phone numbers in words."""

from __future__ import annotations

import pytest

from guichet.voice.speakable import speakable


@pytest.mark.parametrize(("text", "lang", "said"), [
    ("Ouvert de 8 h 30 à 12 h.", "fr", "Ouvert de huit heures trente à douze heures."),
    ("à 13 h", "fr", "à treize heures"),
    ("à 1 h 05", "fr", "à une heure cinq"),
    ("Appelez le 03 53 01 20 10.", "fr",
     "Appelez le zéro trois, cinquante-trois, zéro un, vingt, dix."),
    ("+33 3 53 01 20 00", "fr", "zéro trois, cinquante-trois, zéro un, vingt, zéro zéro"),
    ("Le repas coûte 3,60 euros.", "fr", "Le repas coûte trois euros soixante."),
    ("86 euros", "fr", "quatre-vingt-six euros"),
    ("le 14 juillet", "fr", "le quatorze juillet"),
    ("Open from 8:30 am to 5 pm.", "en", "Open from eight thirty a m to five p m."),
    ("at 9:05 am", "en", "at nine oh five a m"),
    ("Call 03 53 01 20 10.", "en",
     "Call zero three, five three, zero one, two zero, one zero."),
    ("A meal costs 3.60 euros.", "en", "A meal costs three euros sixty."),
    ("Built in 1152.", "en", "Built in eleven fifty-two."),
    ("at 17:30", "fr", "at dix-sept heures trente"),
])
def test_numbers_are_said_in_words(text: str, lang: str, said: str) -> None:
    assert speakable(text, lang) == said


def test_text_without_numbers_is_unchanged() -> None:
    text = "La mairie est fermée le dimanche."
    assert speakable(text, "fr") == text
