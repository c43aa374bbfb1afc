"""Where to start speaking: the first breath group of an answer, said on its own.

Piper synthesizes a sentence at once, so a visitor waits for the whole first sentence
before hearing anything (~0.07 s per second of speech here: 0.3 s for a 4-s sentence).
Saying the first phrase of a long first sentence on its own — up to a comma, or before
"from", "on", "at"… — lets the answer start after a fraction of that, and the rest is
synthesized while the phrase plays. Cuts fall only where a speaker could breathe.

:func:`split_sentences` is the one place where text is cut into sentences: for these
breaths, for a speech server (one request a sentence), for seniors mode's screen.
"""

from __future__ import annotations

import re

MIN_WORDS = 9
"""A first sentence shorter than this is said whole."""
MAX_WORDS = 10
"""Longer sentences are said in pieces cut at their commas: Piper's memory grows with the
length of what it synthesizes at once (a 25-word sentence took the process from 170 to
460 MB here; see bench/README.md)."""
FIRST_MIN, FIRST_MAX = 3, 8
"""The first phrase has this many words."""

# A sentence ends at . ! ? … followed by a space; a line break ends one too.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")
_BEFORE = {
    "en": {"from", "on", "at", "until", "to", "in", "with", "for", "and", "then", "but",
           "because", "every", "after", "before", "by", "near", "since"},
    "fr": {"de", "du", "des", "le", "la", "les", "à", "au", "aux", "jusqu'à", "et", "puis",
           "mais", "car", "en", "avec", "pour", "chaque", "après", "avant", "par", "près",
           "depuis", "dans", "sur"},
}


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, without empty ones (one per speech request,
    one per line in seniors mode)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def first_breath(text: str, lang: str) -> list[str]:
    """``text`` as [first phrase, rest] when its first sentence is long, else [text]."""
    text = text.strip()
    sentences = _SENTENCE_END.split(text, maxsplit=1)
    words = sentences[0].split()
    if len(words) < MIN_WORDS:
        return [text] if text else []
    before = _BEFORE.get(lang, set())
    cut = None
    for i in range(FIRST_MIN, min(FIRST_MAX, len(words) - 3) + 1):
        if words[i - 1].endswith((",", ";", ":")):
            cut = i
            break
        if cut is None and words[i].lower() in before:
            cut = i
    if cut is None:
        return [text]
    rest = " ".join(words[cut:])
    if len(sentences) > 1:
        rest = f"{rest} {sentences[1]}"
    return [" ".join(words[:cut]), rest]


_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


def breaths(text: str, lang: str) -> list[str]:
    """``text`` in the pieces to synthesize one after the other: the first breath alone,
    then sentences, long ones cut at their commas."""
    head = first_breath(text, lang)
    if len(head) < 2:
        return head
    out = [head[0]]
    for sentence in split_sentences(head[1]):
        if len(sentence.split()) <= MAX_WORDS:
            out.append(sentence)
            continue
        piece: list[str] = []
        for clause in _CLAUSE_END.split(sentence):
            size = len(" ".join(piece).split())
            if size >= FIRST_MIN and size + len(clause.split()) > MAX_WORDS:
                out.append(" ".join(piece))
                piece = []
            piece.append(clause)
        out.append(" ".join(piece))
    return out
