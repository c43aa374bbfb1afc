"""The embedded answerer: right entry in the question's language, or a polite decline."""

from __future__ import annotations

import dataclasses

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.pack.loader import FaqEntry, Pack
from guichet.content.understand.text import fold, guess_language, tokens


@pytest.fixture(scope="module")
def answerer(demo_pack: Pack) -> EmbeddedAnswerer:
    return EmbeddedAnswerer(demo_pack)


@pytest.mark.parametrize(("lang", "question", "source"), [
    ("en", "How much does a new passport cost?", "passeport"),
    ("en", "When is the market?", "marche"),
    ("en", "What number do I call for the fire brigade?", "urgences"),
    ("en", "how much is the school canteen", "cantine"),
    ("en", "Where is the town hall?", "mairie-adresse"),
    ("en", "How do I register to vote?", "liste-electorale"),
    ("fr", "Combien coûte la cantine ?", "cantine"),
    ("fr", "Où est la mairie ?", "mairie-adresse"),
    ("fr", "c'est quand le marche", "marche"),
    ("fr", "Je veux une carte d'identite", "carte-identite"),
    ("fr", "LA PHARMACIE DE GARDE", "pharmacie-garde"),
])
def test_questions_find_their_entry_in_their_language(
    answerer: EmbeddedAnswerer, demo_pack: Pack, lang: str, question: str, source: str
) -> None:
    answer = answerer.answer(question, lang)
    assert answer.sources == [source]
    assert not answer.declined
    assert answer.language == lang
    assert answer.text == demo_pack.entry(source).answer[lang]


@pytest.mark.parametrize(("lang", "question"), [
    ("en", "What is the capital of Peru?"),
    ("en", "Who won the football match yesterday?"),
    ("en", "Where can I buy a train ticket?"),
    ("fr", "Quel temps fera-t-il demain ?"),
    ("fr", "Qui a gagné le match hier ?"),
])
def test_unknown_questions_are_declined_with_the_desk_number(
    answerer: EmbeddedAnswerer, demo_pack: Pack, lang: str, question: str
) -> None:
    answer = answerer.answer(question, lang)
    assert answer.declined
    assert answer.sources == []
    assert demo_pack.town.desk_phone in answer.text
    assert answer.language == lang


@pytest.mark.parametrize(("lang", "question", "source"), [
    ("en", "what time does the tip open", "decheterie"),
    ("en", "Is the town hall open on Sunday?", "mairie"),
    ("fr", "Est-ce que vous êtes ouverts samedi ?", "mairie"),
    ("en", "How do I call the police?", "urgences"),
    ("fr", "Comment appeler la police ?", "urgences"),
    ("en", "What is the phone number of the library?", "mediatheque"),
    ("en", "Tell me the story of the wash house", "lavoir-des-dames"),
])
def test_computed_and_anecdote_answers_in_the_demo_town(
    answerer: EmbeddedAnswerer, lang: str, question: str, source: str
) -> None:
    answer = answerer.answer(question, lang)
    assert answer.sources == [source], answer.text
    assert answer.language == lang


def test_missing_translation_falls_back_to_the_town_language(demo_pack: Pack) -> None:
    entry = demo_pack.entry("marche")
    french_only = dataclasses.replace(entry, answer={"fr": entry.answer["fr"]})
    pack = dataclasses.replace(demo_pack, faq=[french_only], services=[], anecdotes=[])
    answer = EmbeddedAnswerer(pack).answer("When is the market?", "en")
    assert answer.sources == ["marche"]
    assert answer.language == "fr"
    assert answer.text == entry.answer["fr"]


def test_text_helpers_fold_accents_and_guess_the_language() -> None:
    assert fold("Déchetterie À Côté") == "dechetterie a cote"
    assert tokens("la Déchetterie", "fr") == tokens("les dechetteries", "fr")
    assert guess_language("Quels sont les horaires de la mairie ?", ("fr", "en")) == "fr"
    assert guess_language("What are the opening hours of the town hall?", ("fr", "en")) == "en"
    assert guess_language("mairie", ("fr", "en")) == "fr"


def test_an_empty_pack_declines_everything(demo_pack: Pack) -> None:
    pack = dataclasses.replace(demo_pack, faq=list[FaqEntry](), services=[], anecdotes=[])
    answer = EmbeddedAnswerer(pack).answer("When is the market?", "en")
    assert answer.declined
