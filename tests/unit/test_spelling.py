"""Tolerance to typing: SMS words, typos towards the pack's vocabulary, synonyms.

The labelled questions (``spelling_cases.yaml``) are the ones ``bench/spelling.py``
measures the threshold on: here each one must hold at the configured threshold.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.answer.search import PackIndex
from guichet.content.pack.model import Pack
from guichet.content.understand.spelling import (
    Speller,
    SpellingConfig,
    Synonyms,
    Tolerance,
    lexicon,
)
from guichet.content.understand.text import guess_language, tokens

CASES = yaml.safe_load((Path(__file__).parent / "spelling_cases.yaml").read_text("utf-8"))
AT = dt.datetime(2026, 11, 25, 10, 15, tzinfo=ZoneInfo("Europe/Paris"))
VOCABULARY = ["mairie", "piscine", "horaires", "mediatheque", "passeport", "eglise",
              "dechetterie", "cantine", "garde", "ouvert", "library", "tanneurs"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller("fr", VOCABULARY, extra=["ouvre", "ouverte"])


@pytest.fixture(scope="module")
def answerer(demo_pack: Pack) -> EmbeddedAnswerer:
    return EmbeddedAnswerer(demo_pack, clock=lambda: AT)


@pytest.mark.parametrize(("typed", "meant"), [
    ("c koi les horaires", "c'est quoi les horaires"),
    ("kel num pr la mairie stp", "quel numéro pour la mairie s'il te plaît"),
    ("ki appeler dem1", "qui appeler demain"),
    ("jsp ou est la piscine", "je sais pas ou est la piscine"),
])
def test_sms_words_are_written_in_full(speller: Speller, typed: str, meant: str) -> None:
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("kept", [
    "c'est quoi", "aujourd'hui", "jusqu'à quelle heure", "l'église", "Qu'est-ce que c'est ?",
    "À 17 h 30, le 14 juillet ?",
])
def test_words_glued_to_an_apostrophe_and_numbers_stay(speller: Speller, kept: str) -> None:
    assert speller.correct(kept) == kept


@pytest.mark.parametrize(("typed", "meant"), [
    ("mairi", "mairie"),              # a letter missing
    ("piscinne", "piscine"),          # a letter doubled
    ("horraires", "horaires"),
    ("mediateque", "mediatheque"),
    ("passeprt", "passeport"),
    ("eglsie", "eglise"),             # two letters swapped: one edit
    ("ouver", "ouvert"),              # towards an intent word the pack may not write
])
def test_typos_become_the_pack_word(speller: Speller, typed: str, meant: str) -> None:
    assert speller.closest(typed) == meant
    assert speller.correct(f"la {typed} ?") == f"la {meant} ?"


@pytest.mark.parametrize("word", [
    "marie",         # a real word one letter from "mairie"
    "pisciculture",  # a real word that starts like "piscine"
    "passe",         # a real word, short and close to "passeport"'s start
    "garde",         # the pack's own word
    "gare",          # short: never corrected, though one letter from "garde"
    "louvre",        # first letter differs from "ouvre"
    "montreuil",     # another town: two edits from "montrevel" at nine letters
])
def test_near_misses_are_not_corrected(word: str) -> None:
    speller = Speller("fr", [*VOCABULARY, "montrevel"], extra=["ouvre"])
    assert speller.replacement(word, glued=False) in (None, word)


def test_a_typo_as_close_to_two_different_words_is_left_alone() -> None:
    speller = Speller("fr", ["courir", "couvrir"])
    assert speller.closest("courvir") is None       # one edit from each
    assert Speller("fr", ["couvrir"]).closest("courvir") == "couvrir"


def test_glued_elision_is_split_only_before_a_pack_word(speller: Speller) -> None:
    assert speller.correct("horaires de leglise") == "horaires de l'eglise"
    # "ouvre" is an intent word, not a place: the Louvre is not "l'ouvre".
    assert speller.correct("le louvre") == "le louvre"


def test_threshold_is_the_least_similarity() -> None:
    strict = Speller("fr", VOCABULARY, config=SpellingConfig(threshold=0.9))
    loose = Speller("fr", VOCABULARY, config=SpellingConfig(threshold=0.8))
    assert strict.closest("mairi") is None          # 1 edit in 6 letters: 0.83
    assert loose.closest("mairi") == "mairie"
    off = Speller("fr", VOCABULARY, config=SpellingConfig(threshold=1.01))
    assert off.closest("horraires") is None
    assert off.correct("c koi") == "c'est quoi"     # SMS words do not need the threshold


def test_a_language_without_lexicon_gets_no_fuzzy_correction() -> None:
    assert lexicon("fr") is not None and "marie" in lexicon("fr")
    assert lexicon("xx") is None
    assert Speller("xx", ["mairie"]).closest("mairi") is None


@pytest.mark.parametrize(("question", "lang"), [
    ("wat time r u open", "en"), ("c koi ton num", "fr"), ("kel heure stp", "fr"),
])
def test_sms_words_tell_the_language(question: str, lang: str) -> None:
    assert guess_language(question, ("fr", "en")) == lang
    assert guess_language(question, ("en", "fr")) == lang


def test_synonyms_meet_on_the_first_word_of_their_group() -> None:
    synonyms = Synonyms([["déchetterie", "décharge", "centre de tri"], ["enfant", "gosse"]],
                        "fr")
    assert synonyms.apply(tokens("la décharge", "fr")) == tokens("la déchetterie", "fr")
    assert synonyms.apply(tokens("le centre de tri", "fr")) == tokens("déchetterie", "fr")
    assert synonyms.apply(tokens("les gosses", "fr")) == tokens("enfants", "fr")
    assert synonyms.apply(tokens("le centre ville", "fr")) == tokens("le centre ville", "fr")


def test_a_group_whose_first_word_is_another_group_member_follows_it() -> None:
    synonyms = Synonyms([["enfant", "petit"], ["petit", "gosse"]], "fr")
    assert synonyms.apply(["goss"]) == tokens("enfant", "fr")


def test_the_towns_synonyms_come_first() -> None:
    tolerance = Tolerance({"fr": ["la médiathèque"]}, {"fr": [["repas", "gosse"]]})
    # The town said "gosse" means "repas" (odd, but its word): it beats "enfant".
    assert tolerance.canon(tokens("gosse", "fr"), "fr") == tokens("repas", "fr")


@pytest.mark.parametrize(("question", "service"), [
    ("Horaires de la biblio ?", "mediatheque"),
    ("Le centre aquatique est ouvert samedi ?", "piscine-municipale"),
])
def test_a_towns_synonyms_reach_the_services(demo_pack: Pack, question: str,
                                             service: str) -> None:
    plain = EmbeddedAnswerer(demo_pack, clock=lambda: AT)
    assert plain.answer(question, "fr").declined
    town = EmbeddedAnswerer(demo_pack, clock=lambda: AT)
    town.index = PackIndex(demo_pack, synonyms={
        "fr": (("médiathèque", "biblio"), ("piscine", "centre aquatique"))})
    answer = town.answer(question, "fr")
    assert not answer.declined
    assert answer.sources == [service]


@pytest.mark.parametrize("case", CASES["typos"], ids=lambda c: c["q"])
def test_typed_questions_find_their_entry(answerer: EmbeddedAnswerer, case: dict) -> None:
    answer = answerer.answer(case["q"], case["lang"])
    if "missed" in case:
        # Not recovered, and known: at least no answer from another entry.
        assert answer.declined, answer.sources
    else:
        assert not answer.declined
        assert set(answer.sources) & set(case["answer"]), answer.sources


@pytest.mark.parametrize("case", CASES["near_misses"], ids=lambda c: c["q"])
def test_near_misses_are_not_answered_from_the_close_entry(answerer: EmbeddedAnswerer,
                                                           case: dict) -> None:
    answer = answerer.answer(case["q"], case["lang"])
    if case.get("decline"):
        assert answer.declined, (answer.sources, answer.text)
    else:
        assert not set(answer.sources) & set(case["avoid"]), answer.sources

