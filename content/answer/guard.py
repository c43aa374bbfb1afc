"""The guard: no time, date, price, number, phone, e-mail or URL that the sources lack,
and no fact of theirs turned around.

An LLM phrases well and invents freely ("open 24/7", "123-456-7890"). Every fact-bearing
item of its answer is read by :mod:`~guichet.content.understand.quantities` ("14h",
"14:00", "2 pm" and "quatorze heures" are the same time) and looked up among the items of
the texts it was given: those of the entries it cites, so a price true of another service
is refused too. Then its meaning is compared with theirs (:mod:`.meaning`): a negation
dropped or added, "open" for "closed", "free" for a price, a yes for a no. One failure and
the answer is rejected, with the reason. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from guichet.content.answer.meaning import turned_around, yes_no
from guichet.content.understand import quantities
from guichet.content.understand.names import FOLDED_DAYS
from guichet.content.understand.quantities import Item
from guichet.content.understand.text import fold, guess_language, tokens

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_DAY_NAMES = list(zip(FOLDED_DAYS["fr"], FOLDED_DAYS["en"], strict=True))
# Words that flip a fact: "open" for "closed", "not", "free". Each one in an answer must
# appear in its sources, in one of its forms ("fermée" for "fermé", "isn't" for "not"), or
# the model may have turned the fact around.
_POLARITY_FORMS = {
    "fr": [("ouvert", "ouverte", "ouverts", "ouvertes"), ("ferme", "fermee", "fermes", "fermees"),
           ("pas",), ("jamais",), ("aucun", "aucune"), ("gratuit", "gratuite", "gratuits",
           "gratuites"), ("payant", "payante", "payants", "payantes"),
           ("interdit", "interdite", "interdits", "interdites"), ("obligatoire",
           "obligatoires"), ("oui",), ("non",), ("plus",)],
    "en": [("open",), ("closed",), ("not", "cannot", "can't", "don't", "doesn't", "isn't",
           "aren't", "won't", "didn't", "wasn't", "weren't"), ("never",), ("no",), ("free",),
           ("forbidden",), ("allowed",), ("compulsory",), ("yes",)],
}
_POLARITY = {lang: {form: forms[0] for forms in groups for form in forms}
             for lang, groups in _POLARITY_FORMS.items()}
"""Per language: polarity word -> the word its forms share."""

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


def attribution(text: str, lang: str, cited: Iterable[str],
                elsewhere: Mapping[str, set[Item]] | None = None) -> list[str]:
    """The items of ``text`` that its cited sources lack, each said with the other entries
    that hold it: "price 4 (from piscine)", or "price 4" when no entry does.

    ``elsewhere`` maps the pack's other entries to their :func:`source_items`: a number
    that is somewhere in the pack but not in the entry the answer cites is still refused.
    """
    known = source_items(cited)
    found = []
    for kind, value in sorted(items(text, lang)):
        if _allowed((kind, value), known):
            continue
        owners = sorted(key for key, held in (elsewhere or {}).items()
                        if _allowed((kind, value), held))
        found.append(f"{kind} {value}" + (f" (from {', '.join(owners)})" if owners else ""))
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
          secret: str = "", config: GuardConfig | None = None,
          elsewhere: Mapping[str, set[Item]] | None = None) -> Verdict:
    """Accept ``answer`` only if every item in it is in ``sources`` and it keeps their meaning.

    ``sources`` are the texts of the entries the answer cites (and the facts computed for
    it): an item found only in another entry is refused like an invented one; with
    ``elsewhere`` (other entries' :func:`source_items` by id) the reason names that entry.
    ``primary`` is the text the answer rephrases: its items must all be kept (an answer
    that drops the time asked for is incomplete), and so must its leading yes/no.
    ``secret`` is the system prompt: no six-word run of it may appear (a leak).
    """
    config = config or GuardConfig()
    text = answer.strip()
    if not text:
        return Verdict(False, "empty answer")
    sources = list(sources)
    invented = attribution(text, lang, sources, elsewhere)
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
        if yes_no(primary) and yes_no(text) != yes_no(primary):
            return Verdict(False, f"does not start with the '{yes_no(primary)}' of its source")
    polarity = _POLARITY.get(lang, {})
    source_words = {w.strip(".,;:!?") for src in sources
                    for w in fold(src).replace("’", "'").split()}
    source_forms = {polarity[w] for w in source_words if w in polarity}
    flipped = sorted({w for w in (w.strip(".,;:!?") for w in
                                  fold(text).replace("’", "'").split())
                      if w in polarity and polarity[w] not in source_forms})
    if flipped:
        return Verdict(False, f"words that may turn a fact around: {', '.join(flipped)}")
    turned = turned_around(text, lang, sources)
    if turned:
        return Verdict(False, f"turns a fact around: {turned}")
    if guess_language(text, (lang, "en" if lang != "en" else "fr")) != lang:
        return Verdict(False, f"not in the question's language ({lang})")
    answer_tokens = set(tokens(text, lang))
    fact_tokens = {t for s in sources for t in tokens(s, lang)}
    if answer_tokens:
        overlap = len(answer_tokens & fact_tokens) / len(answer_tokens)
        if overlap < config.min_overlap:
            return Verdict(False, f"strays from the facts (overlap {overlap:.0%})")
    return Verdict(True)
