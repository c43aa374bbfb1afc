"""Language names: the one table of what each ISO 639-1 code is called.

The English name tells an LLM which language to answer in and is how servers following
OpenAI's audio API report a language; the language's own name is what the kiosk shows
a visitor ("Français", not "French").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageName:
    """What a language is called."""

    english: str
    """In English: "French"."""
    own: str
    """In the language itself: "Français"."""


LANGUAGES: dict[str, LanguageName] = {
    "fr": LanguageName("French", "Français"),
    "en": LanguageName("English", "English"),
    "de": LanguageName("German", "Deutsch"),
    "es": LanguageName("Spanish", "Español"),
    "it": LanguageName("Italian", "Italiano"),
    "nl": LanguageName("Dutch", "Nederlands"),
    "pt": LanguageName("Portuguese", "Português"),
    "ca": LanguageName("Catalan", "Català"),
    "eu": LanguageName("Basque", "Euskara"),
    "br": LanguageName("Breton", "Brezhoneg"),
    "oc": LanguageName("Occitan", "Occitan"),
    "pl": LanguageName("Polish", "Polski"),
    "ar": LanguageName("Arabic", "العربية"),
    "tr": LanguageName("Turkish", "Türkçe"),
    "ro": LanguageName("Romanian", "Română"),
    "ru": LanguageName("Russian", "Русский"),
    "uk": LanguageName("Ukrainian", "Українська"),
    "zh": LanguageName("Chinese", "中文"),
    "ja": LanguageName("Japanese", "日本語"),
}

_BY_ENGLISH = {name.english.lower(): code for code, name in LANGUAGES.items()}


def english_name(code: str) -> str:
    """"French" for ``fr``; the code itself for a language not in the table."""
    known = LANGUAGES.get(code)
    return known.english if known else code


def own_name(code: str) -> str:
    """"Français" for ``fr``; the code itself for a language not in the table."""
    known = LANGUAGES.get(code)
    return known.own if known else code


def code_of(english: str) -> str | None:
    """``fr`` for "French" (any case); None for a name not in the table."""
    return _BY_ENGLISH.get(english.strip().lower())
