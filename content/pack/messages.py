"""Messages for a town's staff (the command line, ``content check``) in their language.

The language is chosen once per run (:func:`choose`): the configuration's ``language``,
else the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) when it names one of
:data:`LANGUAGES`, else the town's first language, else English. Messages are written in
English where they are made; :data:`TEXTS` holds the command line's own sentences and
:mod:`guichet.content.pack.messages_fr` the French of the checker's, matched by pattern,
so a message with no translation yet is still shown, in English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from guichet.content.pack.yamlsrc import Problem, YamlError, load_yaml

LANGUAGES = ("fr", "en")
"""Languages staff messages are written in."""

_current = "en"

TEXTS: dict[str, dict[str, str]] = {
    "error": {"en": "error", "fr": "erreur"},
    "warning": {"en": "warning", "fr": "avertissement"},
    "guichet_error": {"en": "guichet: error: {message}", "fr": "guichet : erreur : {message}"},
    "pack_errors": {
        "en": "{count} error(s): the pack cannot be used until they are fixed",
        "fr": "{count} erreur(s) : le pack ne peut pas servir tant qu'elles ne sont pas "
              "corrigées"},
    "pack_ok": {
        "en": "OK: {faq} FAQ entries for {town} ({languages}), {warnings} warning(s)",
        "fr": "OK : {faq} entrées de FAQ pour {town} ({languages}), {warnings} "
              "avertissement(s)"},
    "lang_unserved": {
        "en": "language '{code}' is not configured for {place} (served: {served})",
        "fr": "la langue '{code}' n'est pas proposée à {place} (langues proposées : "
              "{served})"},
    "ask_usage": {
        "en": "give either an audio file or --text \"your question\"",
        "fr": "donnez soit un fichier audio, soit --text \"votre question\""},
    "loading_stt": {
        "en": "Loading the speech model…",
        "fr": "Chargement du modèle de reconnaissance…"},
    "loading_tts": {
        "en": "Loading the voice…",
        "fr": "Chargement de la voix…"},
    "internal_error": {
        "en": "internal error ({error}); run again with --debug and report it",
        "fr": "erreur interne ({error}) ; relancez avec --debug et signalez-la"},
    "no_voice": {
        "en": "no voice installed for '{code}': add one with 'guichet voices add {example}' "
              "(see 'guichet voices')",
        "fr": "aucune voix installée pour '{code}' : ajoutez-en une avec 'guichet voices add "
              "{example}' (voir 'guichet voices')"},
    "say_where": {
        "en": "no sound card to play on: write the speech to a file with --out FILE.wav",
        "fr": "pas de carte son pour la lire : écrivez la parole dans un fichier avec "
              "--out FICHIER.wav"},
    "no_feed": {
        "en": "the town's pack names no GTFS feed (mobility.gtfs): give one with --gtfs FILE",
        "fr": "le pack de la commune ne nomme aucun fichier GTFS (mobility.gtfs) : donnez-en "
              "un avec --gtfs FICHIER"},
    "n_positive": {"en": "-n must be at least 1", "fr": "-n doit valoir au moins 1"},
    "voices_title": {"en": "Languages of the town:", "fr": "Langues de la commune :"},
    "voices_none": {
        "en": "no voice - answers are shown as text only",
        "fr": "pas de voix - les réponses sont affichées en texte seulement"},
    "voices_installed": {"en": "Installed voices:", "fr": "Voix installées :"},
    "voices_folder": {
        "en": "New voices go into: {folder}",
        "fr": "Les nouvelles voix vont dans : {folder}"},
    "voices_searched": {
        "en": "Voice folders searched: {folders}",
        "fr": "Dossiers de voix consultés : {folders}"},
    "voice_added": {
        "en": "Voice {name} [{code}] installed in {folder}",
        "fr": "Voix {name} [{code}] installée dans {folder}"},
    "voice_not_town": {
        "en": "note: '{code}' is not one of the town's languages ({languages})",
        "fr": "remarque : '{code}' n'est pas une langue de la commune ({languages})"},
}


def choose(configured: str, environ: Mapping[str, str], town_languages: tuple[str, ...]) -> str:
    """The language of staff messages: ``configured``, else the locale's, else the town's
    first, else English."""
    if configured in LANGUAGES:
        return configured
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            code = re.split(r"[_.:@-]", value, maxsplit=1)[0].lower()
            if code in LANGUAGES:
                return code
            if variable != "LANGUAGE":
                break  # the first locale variable set decides, as for gettext
    return next((lang for lang in town_languages if lang in LANGUAGES), "en")


def town_languages(pack: Path) -> tuple[str, ...]:
    """The languages ``pack``'s town.yaml lists, () when it cannot be read (the checker
    reports why)."""
    try:
        town = load_yaml(pack / "town.yaml")["town"]
        return tuple(str(lang) for lang in town["languages"])
    except (YamlError, KeyError, TypeError):
        return ()


def use(lang: str) -> None:
    """Write this run's messages in ``lang`` (English if it has no messages)."""
    global _current
    _current = lang if lang in LANGUAGES else "en"


def current() -> str:
    return _current


def text(key: str, lang: str | None = None, **values: object) -> str:
    """The sentence ``key`` of :data:`TEXTS` in ``lang`` (default: this run's)."""
    forms = TEXTS[key]
    return forms.get(lang or _current, forms["en"]).format(**values)


def translate(message: str, lang: str | None = None) -> str:
    """A checker's English ``message`` in ``lang``, when its pattern is translated."""
    if (lang or _current) != "fr":
        return message
    from guichet.content.pack.messages_fr import CATALOG, what

    for pattern, french in CATALOG:
        found = pattern.fullmatch(message)
        if found:
            out = _fill(french, [what(part or "") for part in found.groups()])
            return out[:1].upper() + out[1:]
    return message


def _fill(template: str, parts: list[str]) -> str:
    """``template`` with ``\\1``, ``\\2``… replaced by ``parts``."""
    return re.sub(r"\\(\d)", lambda ref: parts[int(ref.group(1)) - 1], template)


def problem_line(problem: Problem, lang: str | None = None) -> str:
    """``file:line: error: message`` in ``lang``."""
    return f"{problem.where}: {text(problem.severity, lang)}: {translate(problem.message, lang)}"


def located(problem: Problem, lang: str | None = None) -> str:
    """``file:line: message`` in ``lang``, for a report that already says "error"."""
    return f"{problem.where}: {translate(problem.message, lang)}"
