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


@pytest.mark.parametrize(("text", "lang", "said"), [
    ("12,000 people", "en", "twelve thousand people"),
    ("1,500 m", "en", "one thousand five hundred m"),
    ("1,250,000 visitors", "en", "one million two hundred and fifty thousand visitors"),
    ("1.5 km", "en", "one point five km"),
    ("12 000 habitants", "fr", "douze mille habitants"),
    ("12\u202f000 habitants", "fr", "douze mille habitants"),
    ("12\u00a0000 habitants", "fr", "douze mille habitants"),
    ("1 500,50 €", "fr", "mille cinq cents euros cinquante"),
    ("1,5 km", "fr", "un virgule cinq km"),
    ("le 1 000e visiteur", "fr", "le millième visiteur"),
    ("the 1,000th visitor", "en", "the one thousandth visitor"),
    # French phone numbers are pairs and a toll-free "0 800" keeps its zero: never grouped.
    ("03 80 12 34 56", "fr", "zéro trois, quatre-vingts, douze, trente-quatre, cinquante-six"),
    ("0 800 123 456", "fr", "zéro huit cents cent vingt-trois quatre cent cinquante-six"),
    ("en 1914 1918", "fr", "en mille neuf cent quatorze mille neuf cent dix-huit"),
])
def test_thousands_separators_join_one_number(text: str, lang: str, said: str) -> None:
    assert speakable(text, lang) == said


@pytest.mark.parametrize(("text", "lang", "said"), [
    ("€2.50", "en", "two euros fifty"),
    ("£2.50", "en", "two pounds fifty"),
    ("$3", "en", "three dollars"),
    ("$1", "en", "one dollar"),
    ("€ 0.50", "en", "fifty cents"),
    ("€1,500", "en", "one thousand five hundred euros"),
    ("€3.5 million", "en", "three point five million euros"),
    ("5 €", "fr", "cinq euros"),
    ("1 €", "fr", "un euro"),
    ("2,5 €", "fr", "deux euros cinquante"),
    ("2 500 €", "fr", "deux mille cinq cents euros"),
    ("€2,50", "fr", "deux euros cinquante"),
    ("3 $", "fr", "trois dollars"),
    ("1 000 000 €", "fr", "un million d'euros"),
    ("2\u202f000\u202f000 $", "fr", "deux millions de dollars"),
    ("€3,5 milliards", "fr", "trois virgule cinq milliards d'euros"),
    ("1 200 000 €", "fr", "un million deux cent mille euros"),
])
def test_prices_say_their_currency(text: str, lang: str, said: str) -> None:
    assert speakable(text, lang) == said


@pytest.mark.parametrize(("text", "said"), [
    ("in 1066", "in ten sixty-six"),
    ("in 1800", "in eighteen hundred"),
    ("in 1900", "in nineteen hundred"),
    ("in 2005", "in two thousand and five"),
    ("in 2024", "in twenty twenty-four"),
    ("in 2000", "in two thousand"),
    ("in 1000", "in one thousand"),
    ("in 999", "in nine hundred and ninety-nine"),
    ("in 2100", "in two thousand one hundred"),
    ("the 1060s", "the ten sixties"),
])
def test_english_years_from_1000_to_2099(text: str, said: str) -> None:
    assert speakable(text, "en") == said


@pytest.mark.parametrize(("text", "lang", "said"), [
    ("at 3:05", "en", "at three oh five"),
    ("at 12:00", "en", "at noon"),
    ("at 0:00", "en", "at midnight"),
    ("at 9:00", "en", "at nine o'clock"),
    ("at 17:00", "en", "at seventeen hundred"),
    ("at 17:45", "en", "at seventeen forty-five"),
    ("à 0h15", "fr", "à zéro heure quinze"),
    ("à 0 h", "fr", "à zéro heure"),
    ("à 14h30", "fr", "à quatorze heures trente"),
    ("à 21 h", "fr", "à vingt et une heures"),
])
def test_clock_times(text: str, lang: str, said: str) -> None:
    assert speakable(text, lang) == said


@pytest.mark.parametrize(("text", "said"), [
    ("la 1ère porte", "la première porte"),
    ("les 1ers remparts", "les premiers remparts"),
    ("les 1res tours", "les premières tours"),
    ("les 1ères tours", "les premières tours"),
    ("les 2es étages", "les deuxièmes étages"),
    ("les 3èmes étages", "les troisièmes étages"),
    ("la 2nde enceinte", "la seconde enceinte"),
    ("le 2nd rempart", "le second rempart"),
    ("les 2ndes portes", "les secondes portes"),
    ("le 1er rempart, la 1re enceinte, au XIIe siècle", "le premier rempart, la première "
     "enceinte, au douzième siècle"),
])
def test_french_ordinals_feminine_plural_and_second(text: str, said: str) -> None:
    assert speakable(text, "fr") == said
