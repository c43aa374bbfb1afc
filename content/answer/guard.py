"""The guard: no time, date, price, number, phone, e-mail or URL that the sources lack.

An LLM phrases well and invents freely ("open 24/7", "123-456-7890"). Every fact-bearing
item of its answer is extracted, normalised ("14h", "14:00", "2 pm" and "quatorze
heures" are the same time) and looked up among the items of the texts it was given. One
item missing and the answer is rejected, with the reason. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guichet.content.understand import quantities
from guichet.content.understand.names import FOLDED_DAYS
from guichet.content.understand.quantities import Item
from guichet.content.understand.text import fold, guess_language, tokens

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_DAY_NAMES = list(zip(FOLDED_DAYS["fr"], FOLDED_DAYS["en"], strict=True))
# Words that flip a fact: "open" for "closed", "not", "free". Each one in an answer must
# appear in its sources, or the model may have turned the fact around.
_POLARITY = {
    "fr": {"ouvert", "ouverte", "ouverts", "ouvertes", "ferme", "fermee", "fermes",
           "fermees", "pas", "jamais", "aucun", "aucune", "gratuit", "gratuite", "payant",
           "payante", "interdit", "interdite", "obligatoire", "oui", "non", "plus"},
    "en": {"open", "closed", "not", "never", "no", "free", "forbidden", "allowed",
           "compulsory", "yes", "cannot", "can't", "don't", "doesn't", "isn't", "aren't"},
}

# The scaffolding of the prompt: an answer that contains it is echoing, not answering.
_PROMPT_MARKERS = ("FACTS", "QUESTION", "<<<", ">>>")

def items(text: str, lang: str) -> set[Item]:
    """Every fact-bearing item of ``text``, normalised: the quantities of
    :mod:`~guichet.content.understand.quantities` and the days of the week."""
    found = quantities.items(text, lang)
    folded = fold(text)
    for index, names in enumerate(_DAY_NAMES):
        if any(re.search(rf"\b{n}s?\b", folded) for n in names):
            found.add(("day", str(index)))
    return found


def source_items(texts: Iterable[str]) -> set[Item]:
    """Items of the sources, read both as French and as English, plus every raw number."""
    found: set[Item] = set()
    for text in texts:
        for lang in ("fr", "en"):
            found |= items(text, lang)
        for raw in _NUMBER.findall(text):
            found.add(("number", quantities.number(raw)))
        for raw in re.findall(r"\d+", text):
            found.add(("number", str(int(raw))))
    return found


def _allowed(item: Item, known: set[Item]) -> bool:
    if item in known:
        return True
    kind, value = item
    if kind == "time":
        hour, minute = int(value[:2]), value[3:]
        # "2:00" said without am/pm may be the sources' 14:00.
        return hour <= 12 and ("time", f"{hour + 12:02d}:{minute}") in known
    if kind == "number":
        return ("phone", value) in known
    return False


@dataclass(frozen=True)
class Verdict:
    """The guard's decision on one answer."""

    ok: bool
    """True when the answer may be shown and spoken."""
    reason: str = ""
    """Why it was rejected (for the log), empty when ok."""


def _shingles(text: str, size: int = 6) -> set[tuple[str, ...]]:
    seq = fold(text).split()
    return {tuple(seq[i:i + size]) for i in range(len(seq) - size + 1)}


@dataclass
class GuardConfig:
    """What an LLM answer must satisfy besides carrying no invented item."""

    min_overlap: float = 0.5
    """Share of the answer's content words that must come from the facts given."""


def check(answer: str, lang: str, sources: Iterable[str], primary: str = "",
          secret: str = "", config: GuardConfig | None = None) -> Verdict:
    """Accept ``answer`` only if every item in it is in ``sources``.

    ``primary`` is the text the answer rephrases: its items must all be kept (an answer
    that drops the time asked for is incomplete). ``secret`` is the system prompt: no
    six-word run of it may appear (a leak).
    """
    config = config or GuardConfig()
    text = answer.strip()
    if not text:
        return Verdict(False, "empty answer")
    sources = list(sources)
    known = source_items(sources)
    invented = sorted(f"{k} {v}" for k, v in items(text, lang) if not _allowed((k, v), known))
    if invented:
        return Verdict(False, f"not in the sources: {', '.join(invented)}")
    if secret and (_shingles(text) & _shingles(secret) or
                   any(marker in text for marker in _PROMPT_MARKERS)):
        return Verdict(False, "repeats the prompt")
    if primary:
        said = items(text, lang)
        dropped = sorted(f"{k} {v}" for k, v in items(primary, lang) - said
                         if k in ("time", "phone", "email", "url", "number", "price"))
        if dropped:
            return Verdict(False, f"drops facts of its source: {', '.join(dropped)}")
    source_words = {w for src in sources for w in fold(src).replace("’", "'").split()}
    source_words |= {w.strip(".,;:!?") for w in source_words}
    flipped = sorted({w.strip(".,;:!?") for w in fold(text).replace("’", "'").split()}
                     & _POLARITY.get(lang, set()) - source_words)
    if flipped:
        return Verdict(False, f"words that may turn a fact around: {', '.join(flipped)}")
    if guess_language(text, (lang, "en" if lang != "en" else "fr")) != lang:
        return Verdict(False, f"not in the question's language ({lang})")
    answer_tokens = set(tokens(text, lang))
    fact_tokens = {t for s in sources for t in tokens(s, lang)}
    if answer_tokens:
        overlap = len(answer_tokens & fact_tokens) / len(answer_tokens)
        if overlap < config.min_overlap:
            return Verdict(False, f"strays from the facts (overlap {overlap:.0%})")
    return Verdict(True)
