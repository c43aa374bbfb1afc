"""What the kiosk itself says (not the town's facts), per language; French first."""

from __future__ import annotations

_PHRASES: dict[str, dict[str, str]] = {
    "not_heard": {
        "fr": "Je n'ai pas entendu de question. Pouvez-vous répéter, plus près du micro ?",
        "en": "I did not hear a question. Could you say it again, closer to the microphone?",
    },
}


def phrase(key: str, lang: str, fallback: str = "fr") -> str:
    """The kiosk's sentence ``key`` in ``lang`` (French, then English, when missing)."""
    texts = _PHRASES[key]
    return texts.get(lang) or texts.get(fallback) or texts["en"]
