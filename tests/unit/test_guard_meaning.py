"""The guard's meaning checks on real sentences: a fact turned around is refused, a faithful
rephrasing passes; a number true of another entry is refused and the entry named."""

from __future__ import annotations

import pytest

from guichet.content.answer.guard import attribution, check, source_items
from guichet.content.answer.meaning import states, yes_no

# What a recycling centre's rules and prices become as facts (spec of issue #12).
TIP_FR = ("Déchetterie des Grands Prés. Le badge d'accès est obligatoire. L'amiante n'est pas "
          "acceptée. Dépôt limité à 1 m³ par jour. Badge d'accès : gratuit, réservé aux "
          "habitants. Remplacement d'un badge perdu : 10 euros.")
TIP_EN = ("Grands Prés recycling centre. An access badge is required. Asbestos is not "
          "accepted. Deposits are limited to 1 m³ a day. Access badge: free, residents only. "
          "Replacing a lost badge: 10 euros.")
MUSEUM_FR = ("Le musée de la Vigne et du Vin est ouvert d'avril à octobre. Aujourd'hui, c'est "
             "fermé au musée toute la journée. Prochaine ouverture : le jeudi 1er avril à 10 h.")
MUSEUM_EN = ("The Vine and Wine museum is open from April to October. It is closed all day "
             "today. It opens again on Thursday 1 April at 10 am.")
HALL_NOW_FR = "Non, aujourd'hui à 17 h 30, c'est fermé à la mairie. Prochaine ouverture : " \
              "demain à 8 h 30."
HALL_NOW_EN = "No, the town hall is closed today at 5:30 pm. It opens again tomorrow at 8:30 am."
PASSPORT = ("Un passeport adulte coûte 86 euros en timbre fiscal, 42 euros de 15 à 17 ans et "
            "17 euros avant 15 ans. La demande se fait sur rendez-vous au service état civil "
            "de la mairie, au 03 53 01 20 10.")
POOL = ("La piscine couverte des Grands Prés est ouverte du mardi au samedi de midi à 19 h. "
        "L'entrée coûte 4 euros pour les adultes et 2 euros pour les enfants.")
LIBRARY = ("L'inscription à la médiathèque est gratuite pour les moins de 18 ans. Elle coûte "
           "10 euros par an pour les adultes de la commune et 15 euros pour les autres.")


@pytest.mark.parametrize(("answer", "lang", "sources", "reason"), [
    ("L'amiante est acceptée à la déchetterie.", "fr", [TIP_FR], "negation"),
    ("Vous pouvez déposer l'amiante à la déchetterie.", "fr", [TIP_FR], "negation"),
    ("Asbestos is accepted at the recycling centre.", "en", [TIP_EN], "negation"),
    ("You can leave asbestos at the recycling centre.", "en", [TIP_EN], "negation"),
    ("Le badge d'accès n'est pas obligatoire.", "fr", [TIP_FR], "negates"),
    ("An access badge is not required.", "en", [TIP_EN], "negates"),
    ("Le badge d'accès coûte 10 euros.", "fr", [TIP_FR], "price"),
    ("The access badge costs 10 euros.", "en", [TIP_EN], "price"),
    ("Le remplacement d'un badge perdu est gratuit.", "fr", [TIP_FR], "price"),
    ("Replacing a lost badge is free.", "en", [TIP_EN], "price"),
    ("Le badge d'accès est payant.", "fr", [TIP_FR], "payant"),
    ("Le musée est ouvert aujourd'hui.", "fr", [MUSEUM_FR], "says open"),
    ("The museum is open today.", "en", [MUSEUM_EN], "says open"),
    ("Le musée de la Vigne et du Vin est fermé d'avril à octobre.", "fr", [MUSEUM_FR],
     "says closed"),
    ("L'inscription à la médiathèque coûte 10 euros pour les moins de 18 ans.", "fr",
     [LIBRARY], "price"),
])
def test_a_fact_turned_around_is_refused(answer: str, lang: str, sources: list[str],
                                         reason: str) -> None:
    verdict = check(answer, lang, sources)
    assert not verdict.ok, answer
    assert reason in verdict.reason, verdict.reason


@pytest.mark.parametrize(("answer", "lang", "sources"), [
    ("L'amiante n'est pas acceptée à la déchetterie.", "fr", [TIP_FR]),
    ("Asbestos isn't accepted at the recycling centre.", "en", [TIP_EN]),
    ("Le badge d'accès est obligatoire et il est gratuit pour les habitants.", "fr", [TIP_FR]),
    ("An access badge is required; it is free for residents.", "en", [TIP_EN]),
    ("Le remplacement d'un badge perdu coûte 10 euros.", "fr", [TIP_FR]),
    ("A lost badge is replaced for 10 euros.", "en", [TIP_EN]),
    ("Le musée de la Vigne et du Vin est fermé aujourd'hui. Prochaine ouverture le jeudi "
     "1er avril à 10 h.", "fr", [MUSEUM_FR]),
    ("The Vine and Wine museum is closed today; it opens again on Thursday 1 April at "
     "10 am.", "en", [MUSEUM_EN]),
    ("Non, à 17 h 30 la mairie est fermée. Elle ouvre demain à 8 h 30.", "fr", [HALL_NOW_FR]),
    ("L'inscription à la médiathèque est gratuite pour les moins de 18 ans, 10 euros par an "
     "pour les adultes de la commune.", "fr", [LIBRARY]),
    ("Un passeport adulte coûte 86 euros, sur rendez-vous au 03 53 01 20 10.", "fr",
     [PASSPORT]),
])
def test_a_faithful_rephrasing_passes(answer: str, lang: str, sources: list[str]) -> None:
    verdict = check(answer, lang, sources)
    assert verdict.ok, verdict.reason


def test_the_yes_or_no_of_the_source_is_kept() -> None:
    flipped = check("Oui, la mairie est fermée à 17 h 30, elle ouvre demain à 8 h 30.", "fr",
                    [HALL_NOW_FR], primary=HALL_NOW_FR)
    assert not flipped.ok and "'no'" in flipped.reason
    dropped = check("The town hall is closed today at 5:30 pm. It opens again tomorrow at "
                    "8:30 am.", "en", [HALL_NOW_EN], primary=HALL_NOW_EN)
    assert not dropped.ok and "'no'" in dropped.reason
    kept = check("No, the town hall is closed today at 5:30 pm; it opens again tomorrow at "
                 "8:30 am.", "en", [HALL_NOW_EN], primary=HALL_NOW_EN)
    assert kept.ok, kept.reason


def test_a_price_of_another_entry_is_refused_and_that_entry_named() -> None:
    # 4 euros is the pool's price, not the passport's: "somewhere in the pack" is not enough.
    elsewhere = {"piscine": source_items([POOL]), "mediatheque": source_items([LIBRARY])}
    verdict = check("Un passeport adulte coûte 4 euros, sur rendez-vous au 03 53 01 20 10.",
                    "fr", [PASSPORT], elsewhere=elsewhere)
    assert not verdict.ok and "price 4 (from piscine)" in verdict.reason
    assert attribution("Le passeport coûte 86 euros, 42 euros de 15 à 17 ans.", "fr",
                       [PASSPORT], elsewhere) == []
    # 15 is in the passport's entry as an age, not as a price.
    assert attribution("Le passeport coûte 15 euros.", "fr", [PASSPORT], elsewhere) == \
        ["price 15 (from mediatheque)"]
    assert attribution("Le passeport coûte 19 euros.", "fr", [PASSPORT], elsewhere) == \
        ["price 19"]
    assert attribution("L'entrée coûte 10 euros.", "fr", [POOL], elsewhere) == \
        ["price 10 (from mediatheque)"]
    assert attribution("Call 03 53 01 20 10.", "en", [POOL], elsewhere) == \
        ["phone 0353012010"]


def test_yes_no_and_states_are_read_from_the_words() -> None:
    assert yes_no("Non, c'est fermé.") == "no" and yes_no("Yes, it is open.") == "yes"
    assert yes_no("Noël : fermé.") is None and yes_no("La mairie est ouverte.") is None
    assert states(HALL_NOW_FR) == ["closed"]
    assert states("The museum is not open today but it is open from April.") == \
        ["closed", "open"]
    assert states("La médiathèque ferme à midi, puis rouvre à 14 h.") == []
    assert states("We open at 9 am.") == []


def test_every_demo_answer_said_back_passes_its_own_guard(demo_pack) -> None:  # type: ignore[no-untyped-def]
    """The meaning checks must not refuse the truth: each of the demo's embedded answers,
    as an LLM would ideally say it (word for word), passes the guard on its own facts."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from guichet.content.answer.embedded import EmbeddedAnswerer
    from guichet.content.answer.evaluate import load_questions
    from tests.support.samples import DEMO_QUESTIONS

    now = dt.datetime(2026, 11, 25, 10, 15, tzinfo=ZoneInfo("Europe/Paris"))
    answerer = EmbeddedAnswerer(demo_pack, clock=lambda: now)
    checked = 0
    for question in load_questions(DEMO_QUESTIONS, demo_pack.town.languages):
        base = answerer.answer(question.q, question.lang)
        if base.declined:
            continue
        sources = [*base.facts, demo_pack.town.desk_phone]
        verdict = check(base.text, base.language, sources, primary=base.text)
        assert verdict.ok, (question.q, base.text, verdict.reason)
        checked += 1
    assert checked >= 60


@pytest.mark.parametrize(("source", "answer", "lang"), [
    ("Demain, c'est fermé à la déchetterie toute la journée. Prochaine ouverture : le "
     "vendredi 27 novembre à 9 h.", "La déchetterie est fermée demain toute la journée. "
     "Prochaine ouverture le vendredi 27 novembre à 9 h.", "fr"),
    ("La carte d'identité est gratuite, sauf en cas de perte ou de vol : elle coûte alors "
     "25 euros en timbre fiscal.", "La carte d'identité est gratuite. En cas de perte ou de "
     "vol, elle coûte 25 euros en timbre fiscal.", "fr"),
    ("Library membership is free for under 18s. It costs 10 euros a year for adults living "
     "in the town and 15 euros for others.", "Membership is free for under 18s, and costs "
     "10 euros a year for adults in the town, 15 euros for others.", "en"),
    ("No, the Grands Prés swimming pool is closed now. It opens again today at noon.",
     "No, the swimming pool is closed now; it opens again today at noon.", "en"),
    ("Access to the recycling centre requires a free badge for residents. A lost badge is "
     "replaced for 10 euros.", "Residents get a free badge for the recycling centre; a lost "
     "badge is replaced for 10 euros.", "en"),
    ("La halle actuelle date de 1846. Sa charpente de chêne repose sur 24 piliers de pierre, "
     "et elle n'a pas un seul clou.", "La halle date de 1846 ; sa charpente de chêne repose "
     "sur 24 piliers de pierre et n'a pas un seul clou.", "fr"),
])
def test_demo_answers_rephrased_as_an_llm_would_pass(source: str, answer: str,
                                                     lang: str) -> None:
    verdict = check(answer, lang, [source], primary=source)
    assert verdict.ok, verdict.reason
