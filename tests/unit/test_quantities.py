"""The one reader of quantities: every written form of a time, price or date is one value,
and near-misses stay apart."""

from __future__ import annotations

import pytest

from guichet.content.understand.quantities import canonical, contains, items, scan

SAME = [
    # times
    [("09:00", "fr"), ("9 h", "fr"), ("9 h 00", "fr"), ("9h00", "fr"), ("9 am", "en"),
     ("9 a.m.", "en"), ("neuf heures", "fr"), ("nine am", "en"), ("9:00 am", "en")],
    [("12:00", "fr"), ("midi", "fr"), ("noon", "en"), ("12 h", "fr"), ("midday", "en"),
     ("12 pm", "en")],
    [("17:30", "fr"), ("5:30 pm", "en"), ("17 h 30", "fr"), ("17h30", "fr"),
     ("dix-sept heures trente", "fr"), ("five thirty pm", "en"), ("5.30pm", "en")],
    [("00:00", "fr"), ("minuit", "fr"), ("midnight", "en"), ("12 am", "en")],
    [("9 h 30", "fr"), ("9 heures et demie", "fr"), ("half past nine", "en"),
     ("9:30", "en")],
    [("12 h 30", "fr"), ("midi et demi", "fr"), ("midi trente", "fr"), ("12:30 pm", "en")],
    # prices
    [("3,20 €", "fr"), ("3 euros 20", "fr"), ("3.20 euros", "en"), ("3,20 euros", "fr"),
     ("trois euros vingt", "fr"), ("€3.20", "en"), ("3 € 20", "fr"),
     ("three euros twenty", "en")],
    [("86 euros", "fr"), ("86 €", "fr"), ("86,00 €", "fr"), ("quatre-vingt-six euros", "fr")],
    [("1,50 €", "fr"), ("un euro cinquante", "fr"), ("1.50 euros", "en")],
    [("gratuit", "fr"), ("gratuite", "fr"), ("free", "en"), ("0 €", "fr"),
     ("free of charge", "en")],
    # dates
    [("25/12", "fr"), ("25 décembre", "fr"), ("December 25", "en"), ("25th of December", "en"),
     ("vingt-cinq décembre", "fr"), ("12/25", "en"), ("Dec 25", "en")],
    [("1er avril", "fr"), ("premier avril", "fr"), ("April 1st", "en"), ("1 April", "en")],
    # centuries
    [("XIIe", "fr"), ("XIIe siècle", "fr"), ("douzième siècle", "fr"), ("12e siècle", "fr"),
     ("12th century", "en"), ("twelfth century", "en")],
    [("XVe siècle", "fr"), ("quinzième siècle", "fr"), ("15th century", "en")],
    # phones
    [("03 53 01 20 10", "fr"), ("03.53.01.20.10", "fr"), ("0353012010", "fr"),
     ("+33 3 53 01 20 10", "en"), ("03-53-01-20-10", "en")],
]

DIFFERENT = [
    (("9 h", "fr"), ("19 h", "fr")),
    (("9 am", "en"), ("9 pm", "en")),
    (("3,20 €", "fr"), ("3,02 €", "fr")),
    (("3 euros 20", "fr"), ("3 euros 2", "fr")),
    (("12:00", "fr"), ("0:00", "fr")),
    (("midi", "fr"), ("minuit", "fr")),
    (("12 pm", "en"), ("12 am", "en")),
    (("17 h", "fr"), ("17 h 30", "fr")),
    (("25/12", "fr"), ("12/11", "fr")),
    (("25 décembre", "fr"), ("25 novembre", "fr")),
    (("18", "fr"), ("18 h", "fr")),
    (("18", "fr"), ("18 euros", "fr")),
    (("gratuit", "fr"), ("1 €", "fr")),
    (("03 53 01 20 10", "fr"), ("03 53 01 20 01", "fr")),
    (("XIIe siècle", "fr"), ("XIIIe siècle", "fr")),
    (("XIIe", "fr"), ("12 euros", "fr")),
]


def test_short_words_made_of_numeral_letters_stay_words() -> None:
    assert canonical("la vie", "fr") != canonical("le VIe siècle", "fr")
    assert contains("Le VIe siècle.", "fr", "6th century", "en")
    assert not contains("Une vie.", "fr", "VIe siècle", "fr")


def _flat(groups: list[list[tuple[str, str]]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    return [(group[0], other) for group in groups for other in group[1:]]


@pytest.mark.parametrize(("first", "second"), _flat(SAME))
def test_written_forms_of_one_quantity_are_equal(first: tuple[str, str],
                                                 second: tuple[str, str]) -> None:
    assert canonical(*first) == canonical(*second), (first, second)
    assert contains(f"C'est {second[0]}.", second[1], first[0], first[1])


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_near_misses_stay_apart(first: tuple[str, str], second: tuple[str, str]) -> None:
    assert canonical(*first) != canonical(*second)
    assert not contains(f"C'est {second[0]}.", second[1], first[0], first[1])
    assert not contains(f"C'est {first[0]}.", first[1], second[0], second[1])


def test_an_expectation_is_found_inside_a_whole_answer() -> None:
    answer = ("Oui, la mairie est ouverte aujourd'hui de 8 h 30 à midi et de 13 h 30 à "
              "17 h 30. Prochaine visite guidée le jeudi 1er avril.")
    for expected in ("ouvert", "12:00", "midi", "8:30", "17 h 30", "avril", "1er avril",
                     "Jeudi"):
        assert contains(answer, "fr", expected, "fr"), expected
    for expected in ("fermé", "12:30", "7 h 30", "9 h", "mai", "2 avril"):
        assert not contains(answer, "fr", expected, "fr"), expected


def test_a_decimal_expected_alone_matches_the_same_sum_in_euros() -> None:
    assert contains("Le repas coûte 3 euros 60.", "fr", "3,60", "fr")
    assert not contains("Le repas coûte 3 euros 60.", "fr", "3,06", "fr")
    assert not contains("Le repas coûte 3 euros 60.", "fr", "3,60 km", "fr")


def test_afternoon_is_not_noon_and_may_the_verb_is_not_a_month() -> None:
    assert ("time", "12:00") not in items("Ouvert mardi après-midi ?", "fr")
    assert ("time", "12:00") not in items("Ouvert l'après midi.", "fr")
    assert ("time", "12:00") not in items("Open in the afternoon.", "en")
    assert ("month", "may") not in items("You may come on Saturday.", "en")
    assert ("date", "05-08") in items("Closed on May 8.", "en")


def test_what_follows_a_sum_is_not_always_its_cents() -> None:
    assert {("price", "5"), ("number", "12")} <= items("5 euros 12 ans et plus", "fr")
    assert ("price", "3.20") in items("3 euros 20 l'entrée", "fr")


def test_short_numbers_and_years_are_numbers_not_phones() -> None:
    found = items("Pompiers 18, SAMU 15, urgences 112, pharmacie 3237, bâti en 1854.", "fr")
    assert {("number", "18"), ("number", "15"), ("number", "112"), ("number", "3237"),
            ("number", "1854")} <= found
    assert not any(kind == "phone" for kind, _ in found)


def test_open_round_the_clock_is_not_a_date() -> None:
    assert not any(kind == "date" for kind, _ in items("Open 24/7.", "en"))
    assert ("number", "24") in items("Open 24/7.", "en")


def test_a_date_gives_its_month_and_day_number() -> None:
    assert {("date", "07-14"), ("month", "july"), ("number", "14")} <= \
        items("Fermé le 14 juillet.", "fr")


def test_scan_keeps_emails_and_urls_whole() -> None:
    text, found = scan("Écrivez à accueil2@ville.fr ou voir www.ville2026.fr", "fr")
    assert [(q.kind, q.value) for q in found] == [("email", "accueil2@ville.fr"),
                                                   ("url", "ville2026.fr")]
    assert text.startswith("ecrivez")
