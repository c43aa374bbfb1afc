"""French of the most common pack, configuration and YAML messages.

Each message is made in English where the mistake is found; this table matches the whole
English sentence (its variable parts as groups) and gives the French, ``\\1`` and so on
standing for the parts. The "what" of a message (``service 'mairie'``, ``a FAQ entry``)
is itself translated by :data:`WHAT`. A message missing here stays in English.
"""

from __future__ import annotations

import re

_Q = r"'([^']*)'"  # a quoted name
_WHAT = (r"((?:entry|service|anecdote) '[^']*'|a FAQ entry|a service|an anecdote"
         r"|[^ ]+\.yaml|'[^']*')")

WHAT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^entry '"), "l'entrée '"),
    (re.compile(r"^service '"), "le service '"),
    (re.compile(r"^anecdote '"), "l'anecdote '"),
    (re.compile(r"^a FAQ entry$"), "une entrée de FAQ"),
    (re.compile(r"^a service$"), "un service"),
    (re.compile(r"^an anecdote$"), "une anecdote"),
)

_OSM_FR = (" (forme OpenStreetMap : jours Mo Tu We Th Fr Sa Su, heures 08:00-18:00, PH "
           "jours fériés, off fermé) ; voir https://wiki.openstreetmap.org/wiki/Key:opening_hours")

_RAW: tuple[tuple[str, str], ...] = (
    # yamlsrc
    (r"file not found", "fichier introuvable"),
    (r"not UTF-8 text \(byte (\d+)\); save the file as UTF-8",
     r"texte qui n'est pas en UTF-8 (octet \1) ; enregistrez le fichier en UTF-8"),
    (r"is a folder, not a YAML file", "est un dossier, pas un fichier YAML"),
    (r"YAML syntax: (.*); put the text in quotes: (.*)",
     r"syntaxe YAML : un deux-points (:) dans un texte ; mettez le texte entre "
     r"guillemets : \2"),
    (r"YAML syntax: (.*)", r"syntaxe YAML : \1"),
    # checker
    (_WHAT + r" must be a mapping of 'key: value' lines",
     r"\1 doit être une suite de lignes 'clé: valeur'"),
    (_Q + r" must be a list of entries \('- id: \.\.\.'\)",
     r"'\1' doit être une liste d'entrées ('- id: ...')"),
    (r"unknown key " + _Q + r" in " + _WHAT + r" \(allowed: (.*)\)",
     r"clé inconnue '\1' dans \2 (clés permises : \3)"),
    (_WHAT + r" needs " + _Q + r": a non-empty text",
     r"\1 : il manque '\2', un texte non vide"),
    (r"id " + _Q + r" may only use lowercase letters, digits, '-' and '_'",
     r"l'identifiant '\1' ne peut contenir que des minuscules sans accent, des chiffres, "
     r"'-' et '_'"),
    (r"duplicate id " + _Q + r" \(first used at (.*)\)",
     r"identifiant '\1' en double (déjà utilisé en \2)"),
    (r"bad phone number " + _Q + r" in " + _WHAT + r": write .*",
     r"numéro de téléphone '\1' invalide dans \2 : écrivez 10 chiffres par paires comme "
     r"'03 53 01 20 00', '+33 3 53 01 20 00', ou un numéro court comme 15 ou 3237"),
    (r"bad e-mail address " + _Q + r" in " + _WHAT,
     r"adresse e-mail '\1' invalide dans \2"),
    (r"language " + _Q + r" in " + _WHAT + r" is not one of the town's languages \((.*)\)",
     r"la langue '\1' de \2 n'est pas une langue de la commune (\3)"),
    (_WHAT + r": invalid opening_hours " + _Q + r"; write it as " + _Q
     + r" with the hours filled in \(OpenStreetMap form: .*",
     r"\1 : horaires opening_hours '\2' invalides ; écrivez '\3' en remplaçant HH:MM par "
     r"les heures" + _OSM_FR),
    (_WHAT + r": invalid opening_hours " + _Q + r"; write it as " + _Q
     + r" \(OpenStreetMap form: .*",
     r"\1 : horaires opening_hours '\2' invalides ; écrivez '\3'" + _OSM_FR),
    (_WHAT + r": invalid opening_hours " + _Q + r"(.*?) \(OpenStreetMap form: .*",
     r"\1 : horaires opening_hours '\2' invalides\3" + _OSM_FR),
    (r"the file is empty", "le fichier est vide"),
    (r"not a folder: a content pack is a folder with town.yaml",
     "pas un dossier : un pack de contenu est un dossier contenant town.yaml"),
    (r"missing: every pack needs a town.yaml", "manquant : tout pack a besoin d'un town.yaml"),
    # configuration
    (r"unknown key " + _Q + r" \(allowed: (.*)\)", r"clé inconnue '\1' (clés permises : \2)"),
    (r"unknown key " + _Q + r" in " + _Q + r" \(allowed: (.*)\)",
     r"clé inconnue '\1' dans '\2' (clés permises : \3)"),
    (_Q + r" must be a number", r"'\1' doit être un nombre"),
    (_Q + r" must be one of: (.*)", r"'\1' doit valoir l'une de ces valeurs : \2"),
    (r"the configuration must be a mapping",
     "la configuration doit être une suite de lignes 'clé: valeur'"),
    (r"'languages' must be a list like \[fr, en\]",
     "'languages' doit être une liste comme [fr, en]"),
)

CATALOG: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), french) for pattern, french in _RAW)


def what(phrase: str) -> str:
    """``service 'mairie'`` → ``le service 'mairie'``; other phrases as they are."""
    for pattern, french in WHAT:
        if pattern.search(phrase):
            return pattern.sub(french, phrase, count=1)
    return phrase
