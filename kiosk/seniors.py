"""Seniors mode: slower speech, longer pauses, one idea per sentence.

Pure text functions; the kiosk applies them to what it *says* (and shows one idea a
line), never to the town's facts themselves. Phone numbers are said in pairs in every
mode, by :func:`voice.speakable.speakable` after this shaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guichet.content.understand.text import fold

# Where a long sentence joins two ideas: split there so each is said on its own.
_JOINS = {
    "fr": re.compile(r"\s*(?:;|,\s+(?=(?:et|mais|puis|sinon)\b))\s*", re.IGNORECASE),
    "en": re.compile(r"\s*(?:;|,\s+(?=(?:and|but|then|otherwise)\b))\s*", re.IGNORECASE),
}
_REPEAT_WORDS = {"repetez", "repete", "repeter", "repetes", "repeat"}
_REPEAT_ALONE = {"pardon", "encore", "sorry", "again"}
_REPEAT_MAX_WORDS = 6


@dataclass
class SeniorsConfig:
    """Seniors mode (configuration section ``seniors``)."""

    length_scale: float = 1.5
    """Piper phoneme length: 1.5 makes speech about 1.4 times as long (≥ 20 % slower)."""
    sentence_pause_s: float = 0.6
    """Extra silence after each sentence, on top of ``tts.sentence_silence_s``."""


def one_idea_per_sentence(text: str, lang: str) -> str:
    """Split sentences where they join two ideas ("…, et le samedi…" -> "…. Et le samedi…")."""
    joins = _JOINS.get(lang, _JOINS["en"])
    parts = [p for p in joins.split(text) if p.strip()]
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if out and not out[-1].endswith((".", "!", "?")):
            out[-1] += "."
        out.append(part[0].upper() + part[1:] if out else part)
    return " ".join(out)


def seniors_speech(text: str, lang: str) -> str:
    """What seniors mode says for ``text``: one idea per sentence."""
    return one_idea_per_sentence(text, lang)


def _plain_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", fold(text))


def is_repeat_request(text: str) -> bool:
    """True for "Répétez !", "Pouvez-vous répéter ?", "Say that again", "Pardon ?"…

    Only short sentences count: "Pouvez-vous répéter les horaires de la mairie ?" is a
    question to answer, not a request to repeat.
    """
    words = _plain_words(text)
    if not 0 < len(words) <= _REPEAT_MAX_WORDS:
        return False
    if any(w in _REPEAT_WORDS for w in words) or ("say" in words and "again" in words):
        return True
    return len(words) <= 2 and any(w in _REPEAT_ALONE for w in words)
