"""The guard on plain data: every invented item is caught, every true one passes."""

from __future__ import annotations

import pytest

from guichet.content.answer.guard import check, items

HALL_FR = ("La mairie est ouverte du lundi au vendredi de 8 h 30 à midi et de 13 h 30 à "
           "17 h 30, et le samedi de 9 h à midi. Téléphone : 03 53 01 20 00.")
HALL_EN = ("The town hall is open Monday to Friday from 8:30 am to noon and from 1:30 pm to "
           "5:30 pm, and on Saturday from 9 am to noon. Phone: 03 53 01 20 00.")
CANTEEN = "Le repas à la cantine coûte 3 euros 60. Inscription au 03 53 01 20 50."


def test_the_same_time_written_four_ways_is_one_item() -> None:
    for text, lang in [("à 14h", "fr"), ("à 14 h 00", "fr"), ("at 14:00", "en"),
                       ("at 2 pm", "en"), ("à quatorze heures", "fr")]:
        assert ("time", "14:00") in items(text, lang), text


def test_phones_prices_emails_urls_days_are_items() -> None:
    found = items("Appelez le 03.53.01.20.10 ou +33 3 53 01 20 10, 3,60 €, 86 euros, "
                  "ecrire à accueil@ville.fr, voir www.ville.fr, le samedi 14 juillet", "fr")
    assert ("phone", "0353012010") in found
    assert {("price", "3.60"), ("price", "86")} <= found
    assert ("email", "accueil@ville.fr") in found and ("url", "ville.fr") in found
    assert {("day", "5"), ("month", "july"), ("number", "14")} <= found


@pytest.mark.parametrize(("answer", "lang", "reason"), [
    ("The town hall is open 24/7.", "en", "number 24"),
    ("Call the town hall on 123-456-7890.", "en", "phone 1234567890"),
    ("La mairie ouvre le samedi de 9 h à 18 h.", "fr", "time 18:00"),
    ("La mairie ouvre le dimanche de 9 h à midi.", "fr", "day 6"),
    ("Le repas coûte 4 euros.", "fr", "price 4"),
    ("La cantine coûte 60 euros.", "fr", "price 60"),
    ("Écrivez à contact@mairie.fr.", "fr", "email contact@mairie.fr"),
    ("See www.example.com for the hours.", "en", "url example.com"),
    ("The town hall opens at quarter past seven, at 7:15 am.", "en", "time 07:15"),
])
def test_invented_items_are_rejected(answer: str, lang: str, reason: str) -> None:
    verdict = check(answer, lang, [HALL_FR, HALL_EN, CANTEEN])
    assert not verdict.ok
    assert reason in verdict.reason


@pytest.mark.parametrize(("answer", "lang"), [
    ("La mairie ouvre le samedi de 9 h à midi.", "fr"),
    ("On Saturday, the town hall is open from 9 am to noon.", "en"),
    ("Le repas à la cantine coûte 3,60 euros.", "fr"),
    ("The town hall phone number is 03 53 01 20 00.", "en"),
])
def test_true_rephrasings_pass(answer: str, lang: str) -> None:
    verdict = check(answer, lang, [HALL_FR, HALL_EN, CANTEEN])
    assert verdict.ok, verdict.reason


def test_an_answer_that_drops_the_facts_of_its_source_is_incomplete() -> None:
    verdict = check("The town hall is open on weekdays.", "en", [HALL_EN], primary=HALL_EN)
    assert not verdict.ok and "drops facts" in verdict.reason


def test_wrong_language_prompt_echo_and_empty_are_rejected() -> None:
    assert "language" in check("The canteen meal costs 3.60 euros.", "fr", [CANTEEN]).reason
    system = "You are the information kiosk of the town hall of Testville. Answer the visitor"
    leaked = check("You are the information kiosk of the town hall of Testville.", "en",
                   [HALL_EN], secret=system)
    assert not leaked.ok and "prompt" in leaked.reason
    echo = check("FACTS: - The town hall is open.", "en", [HALL_EN], secret=system)
    assert not echo.ok
    assert check("   ", "en", [HALL_EN]).reason == "empty answer"


def test_a_fact_turned_around_is_rejected() -> None:
    closed = ("Le mercredi 25 novembre, c'est fermé au musée toute la journée. Prochaine "
              "ouverture : le jeudi 1er avril à 10 h.")
    turned = check("Le musée est ouvert aujourd'hui. Le jeudi 1er avril à 10 h.", "fr", [closed])
    assert not turned.ok and "ouvert" in turned.reason
    negated = check("Je ne sais pas si le musée ouvre le jeudi 1er avril à 10 h.", "fr",
                    [closed])
    assert not negated.ok and "pas" in negated.reason
    assert check("Le musée est fermé aujourd'hui. Prochaine ouverture le jeudi 1er avril "
                 "à 10 h.", "fr", [closed]).ok


def test_may_the_verb_is_not_may_the_month() -> None:
    assert ("month", "may") not in items("You may come on Saturday.", "en")
    assert ("month", "may") in items("Closed on 1 May.", "en")
    assert ("month", "may") in items("Fermé le 1er mai.", "fr")
