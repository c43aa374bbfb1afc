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


def word_error_rate(reference: str, heard: str) -> float:
    """Word error rate of ``heard`` against ``reference``, both normalised: substitutions,
    deletions and insertions over the reference's words (Levenshtein on words)."""
    ref, hyp = normalise(reference).split(), normalise(heard).split()
    row = list(range(len(hyp) + 1))
    for i, word in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, other in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (word != other))
    return row[-1] / max(len(ref), 1)


HEARD_WER = 0.25
"""The bound for one sentence of synthesized speech: Piper says it differently each run
and Whisper may mishear a word ("What day" as "What they"); one word in four is a
transcript gone wrong, not a rendition."""


def heard_as(reference: str, heard: str, bound: float = HEARD_WER) -> bool:
    return word_error_rate(reference, heard) <= bound
