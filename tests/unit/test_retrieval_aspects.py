"""Retrieval: an entry answers only when it covers the question's subject AND holds what
the question asks of it (hours, a date, a price, a size, a phone number)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.pack.model import Anecdote, FaqEntry, Pack, Service, Town
from guichet.content.understand.aspects import asked, held, holds
from guichet.content.understand.text import words

TOWN = Town("valmont", "Valmont-le-Haut", ("fr", "en"), "03 00 00 00 00", {})
FAQ = [
    FaqEntry("police-nationale", {
        "fr": ("Où est le commissariat ?",), "en": ("Where is the police station?",)}, {
        "fr": "Il n'y a pas de commissariat à Valmont : le commissariat est à Bellerive.",
        "en": "There is no police station in Valmont: the police station is in Bellerive."}),
    FaqEntry("boite-aux-lettres", {
        "fr": ("À quelle heure est relevé le courrier ?",),
        "en": ("When is the post office letterbox collected?",)}, {
        "fr": "La boîte aux lettres de la poste est relevée à 11 h 30 du lundi au samedi.",
        "en": "The post office letterbox is collected at 11:30 am Monday to Saturday."}),
    FaqEntry("columbarium", {
        "fr": ("Où est le columbarium ?", "Comment avoir une case au columbarium ?"),
        "en": ("Where is the columbarium?", "How do I get a columbarium niche?")}, {
        "fr": "Le columbarium est au fond du cimetière ; les cases se demandent à la mairie.",
        "en": "The columbarium is at the back of the cemetery; ask the town hall for a niche."}),
    FaqEntry("signalement-nids", {
        "fr": ("Comment signaler un nid de frelons ?",),
        "en": ("How do I report a hornets' nest?",)}, {
        "fr": "Un nid de frelons se signale au service environnement au 03 00 00 00 40 ; "
              "inscrivez-vous au moins 3 jours avant l'intervention.",
        "en": "Report a hornets' nest to the environment service on 03 00 00 00 40; "
              "book at least 3 days before the visit."}),
    FaqEntry("egout-bouche", {
        "fr": ("Mon égout est bouché, qui appeler ?",),
        "en": ("My drain is blocked, who do I call?",)}, {
        "fr": "Appelez le service assainissement au 03 00 00 00 50 ; le week-end, "
              "l'astreinte répond au 03 00 00 00 51.",
        "en": "Call the sewage service on 03 00 00 00 50; at weekends, the on-call team "
              "answers on 03 00 00 00 51."}),
]
FAQ += [
    FaqEntry("moulin-acces", {
        "fr": ("Où est le moulin ?", "Comment aller au moulin ?"),
        "en": ("Where is the mill?", "How do I get to the mill?")}, {
        "fr": "Le moulin est au bout du chemin de la Sèvre, à 10 minutes à pied de la mairie.",
        "en": "The mill is at the end of the Sèvre path, a 10-minute walk from the town hall."}),
    FaqEntry("carte-peche", {
        "fr": ("Où prendre une carte de pêche ?",), "en": ("Where do I get a fishing card?",)}, {
        "fr": "La carte de pêche se prend en ligne, pas à la mairie.",
        "en": "Fishing cards are sold online, not at the town hall."}),
    FaqEntry("barques", {
        "fr": ("Peut-on louer une barque ?",), "en": ("Can I hire a rowing boat?",)}, {
        "fr": "Une barque se loue 15 euros la journée, sur présentation de la carte de pêche.",
        "en": "A rowing boat costs 15 euros a day; show your fishing card."}),
]
FAQ += [
    FaqEntry("marche", {"fr": ("Quand a lieu le marché ?",), "en": ("When is the market?",)}, {
        "fr": "Le marché a lieu le samedi de 8 h à 12 h, place de l'Église.",
        "en": "The market is on Saturday from 8 am to noon, place de l'Église."}),
]
STORIES = [
    Anecdote("moulin", {"fr": "Le moulin de la Sèvre", "en": "The Sèvre mill"}, {
        "fr": "Le moulin a été bâti en 1732 ; sa roue de 6 mètres tourne encore. La commune "
              "l'a acheté en 1961.",
        "en": "The mill was built in 1732; its 6-metre wheel still turns. The town bought "
              "it in 1961."}),
]
SERVICES = [
    Service("mairie", {"fr": "la mairie", "en": "the town hall"}, phone="03 00 00 00 00",
            opening_hours="Mo-Fr 09:00-12:00"),
    Service("assainissement", {"fr": "le service assainissement", "en": "the sewage service"},
            handles={"fr": ("égout bouché",), "en": ("blocked drain",)},
            phone="03 00 00 00 50"),
]
PACK = Pack(TOWN, FAQ, Path("."), services=SERVICES, anecdotes=STORIES)
NOW = dt.datetime(2026, 6, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture(scope="module")
def kiosk() -> EmbeddedAnswerer:
    return EmbeddedAnswerer(PACK, clock=lambda: NOW)


@pytest.mark.parametrize(("lang", "question"), [
    # The entry names the place but holds no hours: "il n'y a pas de commissariat".
    ("fr", "horaires du commissariat de bellerive"),
    ("en", "police station opening hours"),
    # The hours of another town's post office: the letterbox here is not that place.
    ("en", "when does the Bellerive post office open"),
    ("fr", "horaires de la poste de Bellerive"),
    # A price is asked; the entry only says where to ask.
    ("fr", "prix d'une case au columbarium"),
    ("fr", "combien coute une case au columbarium"),
    ("en", "columbarium niche price"),
    ("en", "how much is a columbarium niche"),
    # Shares "nid" with nothing, "avant"/"jours" with the hornets entry: another subject.
    ("fr", "c'est quand les soldes d'ete pour les gamins"),
    # The entry about the card has no price; the boat's price names the card in passing.
    ("fr", "combien coute une carte de peche"),
    ("en", "how much is a fishing card"),
])
def test_a_near_miss_is_declined(kiosk: EmbeddedAnswerer, lang: str, question: str) -> None:
    answer = kiosk.answer(question, lang)
    assert answer.declined, answer.text


@pytest.mark.parametrize(("lang", "question", "source", "said"), [
    # The mill's access entry is as much about the mill, but only the story has a year.
    ("fr", "le moulin il date de quand", "moulin", "1732"),
    ("en", "what year was the mill built", "moulin", "1732"),
    ("en", "How high is the mill wheel?", "moulin", "6-metre"),
    ("en", "In what year did the village buy the mill?", "moulin", "1961"),
    ("fr", "nid de frelons faut s'inscrire combien de temps avant", "signalement-nids",
     "3 jours"),
    # The entry with the weekend number, not the service's weekday card.
    ("fr", "numero pour un egout bouche le week-end", "egout-bouche", "03 00 00 00 51"),
])
def test_an_entry_holding_the_asked_aspect_answers(
        kiosk: EmbeddedAnswerer, lang: str, question: str, source: str, said: str) -> None:
    answer = kiosk.answer(question, lang)
    assert answer.sources == [source], answer.text
    assert said in answer.text


def test_a_service_naming_the_whole_subject_keeps_its_card(kiosk: EmbeddedAnswerer) -> None:
    # The entry names the service in its answer only; the service's own card answers.
    answer = kiosk.answer("telephone du service assainissement", "fr")
    assert answer.sources == ["assainissement"]
    assert "03 00 00 00 50" in answer.text


def test_the_town_name_does_not_dilute_the_subject(kiosk: EmbeddedAnswerer) -> None:
    # "Valmont-le-Haut" is every entry's town: the mill is the subject.
    assert kiosk.answer("le moulin de valmont le haut date de quand", "fr").sources == [
        "moulin"]
    # Nor is it a place the hours entry must name.
    assert kiosk.answer("horaires du marché de Valmont-le-Haut", "fr").sources == ["marche"]
    assert kiosk.answer("Valmont-le-Haut market opening hours", "en").sources == ["marche"]


def test_aspects_asked_and_held() -> None:
    wanted, asking = asked(words("Combien coûte la piscine ?"), "fr")
    assert frozenset({"price"}) in wanted and "coute" in asking
    assert holds(wanted, held("Entrée adulte : 3,50 euros.", "fr"))
    assert holds(wanted, held("L'entrée est gratuite.", "fr"))
    assert not holds(wanted, held("La piscine est au bord de la rivière.", "fr"))
    hours, _ = asked(words("opening hours"), "en")
    assert holds(hours, held("Open from 9 am on Monday.", "en"))
    assert not holds(hours, held("There is no tax office here.", "en"))
    # "How long is the bridge?" asks a length: the year it was built is no answer.
    length, _ = asked(words("How long is the bridge?"), "en")
    assert holds(length, held("A 120-metre bridge.", "en"))
    assert not holds(length, held("It was built in 1847.", "en"))
    # "De quand date" asks a year: a weekly mass at 10:30 is not when the church was built.
    year, _ = asked(words("de quand date l'église"), "fr")
    assert holds(year, held("La nef date du douzième siècle.", "fr"))
    assert not holds(year, held("La messe a lieu le dimanche à 10 h 30.", "fr"))
    # Every aspect asked must be held: "combien coûte" wants a number and a price.
    both, _ = asked(words("combien coûte l'entrée"), "fr")
    assert len(both) == 2
    assert not holds(both, held("3 salles", "fr")) and holds(both, held("3 euros", "fr"))
    # A short emergency number is a phone.
    phone, _ = asked(words("quel numéro appeler"), "fr")
    assert holds(phone, held("Appelez le 17.", "fr"))
    assert not holds(phone, held("Adressez-vous à l'accueil.", "fr"))
    assert not holds(phone, held("Bâti au quinzième siècle ; parking de 40 places.", "fr"))
    assert holds(phone, held("Deaf people can send a text message to 114.", "en"))
    # Only words that ask: describing words and naming verbs ask nothing.
    assert asked(words("Do you collect large items from my home?"), "en") == ([], [])
    assert asked(words("What do you call the people of the town?"), "en") == ([], [])
    assert asked(words("I want to build a shed"), "en") == ([], [])
    # "Date" asks a year with "quand"/"when", any time otherwise.
    assert asked(words("on voudrait fixer une date de bapteme"), "fr")[0] == [{"when"}]
    assert asked(words("what year does the bridge date from"), "en")[0] == [{"year"},
                                                                            {"year"}]
    # "How long" is a length before "is", a duration otherwise.
    assert asked(words("how long does it take"), "en")[0] == [{"when"}]
    assert asked(words("how long is the wall"), "en")[0] == [{"size"}]
    # Parts of the day say when, as weekdays do.
    assert holds(hours, held("In the evening and at the weekend, call 15.", "en"))
    # An age is no date: the year someone was elected does not say how old they are.
    assert asked(words("quel âge a le maire"), "fr") == ([], [])


def test_a_feminine_participle_meets_its_verb() -> None:
    from guichet.content.understand.text import tokens
    # Folding takes the accent off "-ée", which Snowball needs to strip it.
    assert tokens("annulée", "fr") == tokens("annulé", "fr") == tokens("annuler", "fr")
    assert tokens("réservées", "fr") == tokens("réserver", "fr")
