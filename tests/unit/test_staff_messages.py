"""Staff messages in the town's language: who chooses it, the table, the checker's French."""

from __future__ import annotations

import string

import pytest

from guichet.content.pack import messages
from guichet.content.pack.yamlsrc import Problem


@pytest.mark.parametrize(("configured", "environ", "town", "expected"), [
    ("fr", {"LANG": "en_GB.UTF-8"}, ("en",), "fr"),          # the configuration wins
    ("", {"LANG": "fr_FR.UTF-8"}, ("en",), "fr"),             # then the locale
    ("", {"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, ("fr",), "en"),
    ("", {"LANGUAGE": "en", "LANG": "fr_FR.UTF-8"}, ("fr",), "en"),
    ("", {"LANG": "C.UTF-8"}, ("fr", "en"), "fr"),            # a neutral locale: the town
    ("", {}, ("de", "en"), "en"),
    ("", {"LANG": "de_DE.UTF-8"}, ("de",), "en"),             # nothing known: English
    ("", {}, (), "en"),
])
def test_the_staff_language_is_chosen_in_order(configured: str, environ: dict[str, str],
                                               town: tuple[str, ...], expected: str) -> None:
    assert messages.choose(configured, environ, town) == expected


def test_every_sentence_has_both_languages_with_the_same_blanks() -> None:
    for key, forms in messages.TEXTS.items():
        assert set(forms) == set(messages.LANGUAGES), key
        blanks = [{name for _, name, _, _ in string.Formatter().parse(text) if name}
                  for text in forms.values()]
        assert all(b == blanks[0] for b in blanks), key


def test_sentences_follow_the_language_in_use() -> None:
    try:
        messages.use("fr")
        assert messages.text("pack_errors", count=2).startswith("2 erreur(s) : le pack")
        messages.use("de")  # no staff messages in German: English
        assert messages.text("pack_errors", count=2).startswith("2 error(s): the pack")
    finally:
        messages.use("en")


@pytest.mark.parametrize(("english", "french"), [
    ("unknown key 'adress' in service 'mairie' (allowed: id, name)",
     "Clé inconnue 'adress' dans le service 'mairie' (clés permises : id, name)"),
    ("a FAQ entry needs 'answer': a non-empty text",
     "Une entrée de FAQ : il manque 'answer', un texte non vide"),
    ("duplicate id 'mairie' (first used at faq.yaml:2)",
     "Identifiant 'mairie' en double (déjà utilisé en faq.yaml:2)"),
    ("bad e-mail address 'x@' in service 'mairie'",
     "Adresse e-mail 'x@' invalide dans le service 'mairie'"),
    ("file not found", "Fichier introuvable"),
    ("YAML syntax: mapping values are not allowed here; put the text in quotes: "
     "answer: \"Tél : 05\"",
     "Syntaxe YAML : un deux-points (:) dans un texte ; mettez le texte entre guillemets : "
     "answer: \"Tél : 05\""),
    ("service 'mairie': invalid opening_hours 'Lu-Ve 8h-18h'; write it as "
     "'Mo-Fr 08:00-18:00' (OpenStreetMap form: days Mo Tu We Th Fr Sa Su, hours "
     "08:00-18:00, PH public holidays, off closed); see https://x",
     "Le service 'mairie' : horaires opening_hours 'Lu-Ve 8h-18h' invalides ; écrivez "
     "'Mo-Fr 08:00-18:00' (forme OpenStreetMap : jours Mo Tu We Th Fr Sa Su, heures "
     "08:00-18:00, PH jours fériés, off fermé) ; voir "
     "https://wiki.openstreetmap.org/wiki/Key:opening_hours"),
])
def test_common_checker_messages_read_in_french(english: str, french: str) -> None:
    assert messages.translate(english, "fr") == french
    assert messages.translate(english, "en") == english


def test_a_message_without_french_stays_in_english() -> None:
    odd = "the synonym group [a] needs at least two different words"
    assert messages.translate(odd, "fr") == odd


def test_a_problem_says_error_once_in_its_language() -> None:
    problem = Problem("faq.yaml", 3, "file not found")
    assert messages.problem_line(problem, "fr") == "faq.yaml:3: erreur: Fichier introuvable"
    assert messages.problem_line(problem, "en") == "faq.yaml:3: error: file not found"
    assert messages.located(problem, "en") == "faq.yaml:3: file not found"
