"""Computed answers from a service's address, prices, rules and handles: found only when
every word of the question belongs to one service; yes/no only when the rule is clear."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.facts.service_answers import fmt_price, rule_polarity
from guichet.content.pack.loader import DEMO_PACK, load_pack
from guichet.content.understand.intents import detect_fact

WEDNESDAY = dt.datetime(2026, 11, 25, 10, 15, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture(scope="module")
def demo() -> EmbeddedAnswerer:
    return EmbeddedAnswerer(load_pack(DEMO_PACK), clock=lambda: WEDNESDAY)


def test_prices_are_said_as_people_say_them() -> None:
    assert [fmt_price(x, "fr") for x in (0, 4, 3.2, 1, 0.5, 9.5)] == \
        ["gratuit", "4 euros", "3 euros 20", "1 euro", "50 centimes", "9 euros 50"]
    assert [fmt_price(x, "en") for x in (0, 4, 3.2, 1, 3.6)] == \
        ["free", "4 euros", "3.20 euros", "1 euro", "3.60 euros"]


def test_rule_polarity_is_only_read_when_clear() -> None:
    assert rule_polarity("L'amiante n'est pas acceptée.", "fr") is False
    assert rule_polarity("Il est interdit de brûler les déchets verts.", "fr") is False
    assert rule_polarity("Le badge d'accès est obligatoire.", "fr") is True
    assert rule_polarity("Asbestos is not accepted.", "en") is False
    assert rule_polarity("An access badge is required.", "en") is True
    assert rule_polarity("Dépôt limité à 1 m³ par jour.", "fr") is None
    assert rule_polarity("Deposits are limited to 1 m³ a day.", "en") is None


@pytest.mark.parametrize(("question", "lang", "kind"), [
    ("Où se trouve la déchetterie ?", "fr", "address"),
    ("C'est où la piscine ?", "fr", "address"),
    ("What is the address of the tip?", "en", "address"),
    ("Combien coûte une entrée à la piscine ?", "fr", "price"),
    ("Le repas à la cantine, c'est combien ?", "fr", "price"),
    ("How much is a passport?", "en", "price"),
    ("Faut-il un badge ?", "fr", "rule"),
    ("Est-ce qu'on peut apporter de l'amiante ?", "fr", "rule"),
    ("Can I bring asbestos?", "en", "rule"),
    ("Où m'adresser pour une carte d'identité ?", "fr", "office"),
    ("Which office do I contact for a building permit?", "en", "office"),
    ("Who handles bulky waste?", "en", "office"),
])
def test_fact_questions_are_recognised(question: str, lang: str, kind: str) -> None:
    intent = detect_fact(question, lang)
    assert intent is not None and intent.kind == kind, intent


@pytest.mark.parametrize(("question", "lang"), [
    ("La piscine est ouverte dimanche ?", "fr"),      # hours: left to detect()
    ("Combien de livres on peut emprunter ?", "fr"),  # a number, not a price
    ("Qu'est-ce qu'on peut déposer à la déchetterie ?", "fr"),  # open, not yes/no
    ("What can I take to the tip?", "en"),
    ("Racontez-moi l'histoire de la halle", "fr"),
])
def test_other_questions_are_not_fact_questions(question: str, lang: str) -> None:
    assert detect_fact(question, lang) is None


def test_negative_questions_get_no_yes_or_no() -> None:
    for question, lang in (("Est-ce que l'amiante est interdite ?", "fr"),
                           ("Can I come without a badge?", "en")):
        intent = detect_fact(question, lang)
        assert intent is not None and intent.kind == "rule" and not intent.polar


@pytest.mark.parametrize(("question", "lang", "source", "says"), [
    ("Où se trouve la déchetterie ?", "fr", "decheterie",
     ["Chemin du Moulin", "À la sortie de la ville."]),
    ("Where is the recycling centre?", "en", "decheterie",
     ["Chemin du Moulin", "At the edge of town."]),
    ("Une entrée à la piscine, c'est combien ?", "fr", "piscine-municipale",
     ["entrée adulte, 4 euros", "entrée enfant, 2 euros"]),
    ("C'est combien un passeport pour un adulte ?", "fr", "etat-civil",
     ["passeport adulte, 86 euros"]),
    ("How much does an identity card cost?", "en", "etat-civil",
     ["identity card, free", "25 euros"]),
    ("Le repas à la cantine, c'est combien ?", "fr", "service-scolaire", ["3 euros 60"]),
    ("How much is a home-delivered meal?", "en", "centre-action-sociale", ["9.50 euros"]),
    ("Combien coûte la location d'un vélo électrique ?", "fr", "office-de-tourisme",
     ["25 euros"]),
    ("Faut-il un badge pour aller à la déchetterie ?", "fr", "decheterie",
     ["Oui. ", "Le badge d'accès est obligatoire"]),
    ("Do I need a badge for the tip?", "en", "decheterie",
     ["Yes. ", "An access badge is required"]),
    ("Can I bring asbestos?", "en", "decheterie",
     ["No. ", "The recycling centre: ", "asbestos and tyres are not accepted"]),
    ("On peut déposer des pneus à la déchetterie ?", "fr", "decheterie",
     ["Non. ", "ne sont pas acceptés"]),
    ("Est-ce que la déchetterie prend les gravats ?", "fr", "decheterie",
     ["Oui. La déchetterie accepte", "les gravats"]),
    ("Il faut un rendez-vous pour faire un passeport ?", "fr", "etat-civil",
     ["sur rendez-vous", "03 53 01 20 10"]),
    ("Où m'adresser pour une carte d'identité ?", "fr", "etat-civil",
     ["le service état civil", "03 53 01 20 10"]),
    ("Which office do I contact for a building permit?", "en", "service-urbanisme",
     ["the planning office", "03 53 01 20 30"]),
])
def test_service_facts_are_computed(demo: EmbeddedAnswerer, question: str, lang: str,
                                    source: str, says: list[str]) -> None:
    answer = demo.service_fact(question, lang)
    assert answer is not None, question
    assert answer.sources == [source] and answer.language == lang
    for part in says:
        assert part in answer.text, answer.text
    assert answer.cited and answer.cited[0]  # the service's source, for people


def test_a_faq_entry_written_for_the_question_wins(demo: EmbeddedAnswerer) -> None:
    """"Où est la mairie ?" is one of the FAQ's own questions: its richer answer wins; a
    question no entry fully covers gets the computed fact."""
    assert demo.service_fact("Où est la mairie ?", "fr") is not None
    assert demo.answer("Où est la mairie ?", "fr").sources == ["mairie-adresse"]
    computed = demo.answer("Can I bring asbestos?", "en")
    assert computed.sources == ["decheterie"] and computed.text.startswith("No. ")
    assert computed.cited == ("Services techniques, règlement de la déchetterie",)
    priced = demo.answer("Combien coûte la location d'un vélo électrique ?", "fr")
    assert priced.sources == ["location-velos"]  # the FAQ asks exactly this
    passport = demo.answer("C'est combien un passeport pour un adulte ?", "fr")
    assert passport.sources == ["etat-civil"] and "86 euros" in passport.text


def test_yes_no_follows_the_rule_and_the_question() -> None:
    pack = load_pack(DEMO_PACK)
    answerer = EmbeddedAnswerer(pack, clock=lambda: WEDNESDAY)
    negative = answerer.service_fact("Est-ce que l'amiante est interdite à la déchetterie ?",
                                     "fr")
    assert negative is not None and not negative.text.startswith(("Oui", "Non"))
    unclear = answerer.service_fact("Est-ce que la crèche accepte les enfants de 4 ans ?", "fr")
    assert unclear is not None and unclear.text.startswith("La crèche")
    assert "10 semaines à 3 ans" in unclear.text


# Near misses: a word of the question no service has, a task a service handles but does
# not price, a place the pack does not know. None may get a computed service fact.
NEAR_MISSES = [
    ("Combien coûte un billet de train ?", "fr"),
    ("How much is a train ticket?", "en"),
    ("Combien coûte un taxi pour Dijon ?", "fr"),
    ("Combien coûte un permis de conduire ?", "fr"),
    ("Combien coûte une baguette ?", "fr"),
    ("Le mariage, ça coûte combien ?", "fr"),
    ("How much is a ticket?", "en"),
    ("Combien coûte l'entrée ?", "fr"),            # the pool or the museum: ambiguous
    ("Il y a du wifi gratuit ?", "fr"),
    ("On peut brûler les feuilles mortes ?", "fr"),
    ("Can I burn dead leaves?", "en"),
    ("Can I use power tools on Sunday?", "en"),
    ("Can I come to the town hall at 5:30 pm?", "en"),
    ("Can I bring my dog to the pool?", "en"),
    ("On peut payer par carte à la piscine ?", "fr"),
    ("Est-ce que je peux apporter un frigo à la déchetterie ?", "fr"),
    ("Can I bring tyres and rubble?", "en"),
    ("Faut-il un permis de construire pour un abri de jardin ?", "fr"),
    ("Où est-ce que je peux me garer pour aller à la mairie ?", "fr"),
    ("Où est la gare ?", "fr"),
    ("Where is the Louvre?", "en"),
    ("Où se trouve la banque ?", "fr"),
    ("Où est le musée ?", "fr"),                   # no address in the pack
    ("Where can I rent a bike?", "en"),
    ("Qui s'occupe des impôts ?", "fr"),
    ("Which office handles driving licences?", "en"),
]


@pytest.mark.parametrize(("question", "lang"), NEAR_MISSES)
def test_near_misses_get_no_service_fact(demo: EmbeddedAnswerer, question: str,
                                         lang: str) -> None:
    assert demo.service_fact(question, lang) is None


def test_synonyms_of_the_pack_count_as_the_service_words(tmp_path: Path) -> None:
    (tmp_path / "town.yaml").write_text(
        'town: {id: t, name: Testville, languages: [fr, en], desk_phone: "03 53 01 99 99"}\n',
        encoding="utf-8")
    services = """services:
  - id: piscine
    name: {fr: "la piscine", en: "the pool"}
    prices:
      - {what: {fr: "entrée enfant", en: "child ticket"}, price: 2}
      - {what: {fr: "entrée adulte", en: "adult ticket"}, price: 4}
"""
    (tmp_path / "services.yaml").write_text(services, encoding="utf-8")
    question = "Combien coûte la piscine pour les gosses ?"
    assert EmbeddedAnswerer(load_pack(tmp_path)).service_fact(question, "fr") is None
    (tmp_path / "mots.yaml").write_text("synonyms:\n  fr:\n    - [enfant, gosse]\n",
                                        encoding="utf-8")
    answer = EmbeddedAnswerer(load_pack(tmp_path)).service_fact(question, "fr")
    assert answer is not None and answer.text == \
        "Tarifs pour la piscine : entrée enfant, 2 euros."
    assert answer.cited == ("La piscine",)


def test_cited_labels_on_every_embedded_path(demo: EmbeddedAnswerer) -> None:
    retrieved = demo.answer("Tell me about the wash-house", "en")
    assert retrieved.cited == ("Archives municipales, délibération de 1853",)
    hours = demo.answer("La mairie est ouverte samedi ?", "fr")
    assert hours.sources == ["mairie"] and hours.cited == ("Accueil de la mairie",)
    declined = demo.answer("Quelle est la capitale du Pérou ?", "fr")
    assert declined.declined and declined.cited == ()
    no_phone = demo.answer("What is the library's phone number?", "en")
    assert no_phone.declined and no_phone.cited == ()
