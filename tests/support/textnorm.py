"""Normalise transcripts before comparing: Whisper writes digits, US spelling, contractions."""

from __future__ import annotations

import re

_REPLACE = {
    "where's": "where is", "what's": "what is", "it's": "it is", "centre": "center",
    "o'clock": "", "a.m.": "am", "p.m.": "pm",
}


def normalise(text: str) -> str:
    out = text.lower()
    for old, new in _REPLACE.items():
        out = out.replace(old, new)
    out = re.sub(r"(\d)[ ,.](\d{3})\b", r"\1\2", out)  # "1 000" / "1,000" -> "1000"
    out = re.sub(r"[^\w\s:]", " ", out)
    return " ".join(out.split())
