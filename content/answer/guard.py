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

from guichet.content.understand.names import FOLDED_DAYS, FOLDED_MONTHS
from guichet.content.understand.text import fold, guess_language, tokens
from guichet.content.understand.when import to_digits

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s,;]+|\b[\w-]+\.(?:fr|com|org|net|eu|gouv\.fr)"
                  r"(?:/[^\s,;]*)?\b")
_PHONE = re.compile(r"(?<!\d)(?:\+\d{1,3}[ .-]?)?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,5}(?!\d)")
_TIME_FR = re.compile(r"\b(\d{1,2}) ?(?:h|heures?)(?: ?(\d{2}))?\b")
_TIME_EN = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.? ?m\b\.?")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_PRICE = re.compile(r"\b(\d+)(?:[,.](\d{2}))? ?(?:euros?|€)(?: ?(\d{2})\b)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD_TIMES = {"midi": "12:00", "noon": "12:00", "midday": "12:00", "minuit": "00:00",
               "midnight": "00:00"}
_DAY_NAMES = list(zip(FOLDED_DAYS["fr"], FOLDED_DAYS["en"], strict=True))
_MONTH_NAMES = list(zip(FOLDED_MONTHS["fr"], FOLDED_MONTHS["en"], strict=True))
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

Item = tuple[str, str]
"""(kind, canonical value): ("time", "14:00"), ("phone", "0353012010")..."""


def items(text: str, lang: str) -> set[Item]:
    """Every fact-bearing item of ``text``, normalised."""
    found: set[Item] = set()
    text = to_digits(text, lang)
    low = text.lower()
    whole = fold(low)

    def take(pattern: re.Pattern[str], kind: str, canon) -> None:  # type: ignore[no-untyped-def]
        nonlocal low
        for match in pattern.finditer(low):
            value = canon(match)
            if value:
                found.add((kind, value))
        low = pattern.sub(" ", low)

    take(_EMAIL, "email", lambda m: m.group(0).rstrip("."))
    take(_URL, "url", lambda m: re.sub(r"^(https?://)?(www\.)?", "", m.group(0)).rstrip("./"))
    take(_TIME_EN, "time", _en_time)
    take(_TIME_FR, "time", lambda m: _hhmm(int(m.group(1)), int(m.group(2) or 0)))
    take(_CLOCK, "time", lambda m: _hhmm(int(m.group(1)), int(m.group(2))))
    take(_PHONE, "phone", _phone)
    take(_PRICE, "price", _price)
    take(_NUMBER, "number", lambda m: _number(m.group(0)))
    folded = fold(low)
    for word, value in _WORD_TIMES.items():
        if re.search(rf"\b{word}\b", folded):
            found.add(("time", value))
    for index, names in enumerate(_DAY_NAMES):
        if any(re.search(rf"\b{n}s?\b", folded) for n in names):
            found.add(("day", str(index)))
    for names in _MONTH_NAMES:
        # "may" is also a verb: as a month it comes with a day number ("1 May", "May 8").
        patterns = [rf"\b{n}\b" if n != "may" else r"\d\s*(?:st|nd|rd|th)?\s+may\b|\bmay\s+\d"
                    for n in names]
        if any(re.search(p, whole) for p in patterns):
            found.add(("month", names[1]))
    return found


def _hhmm(hour: int, minute: int) -> str | None:
    return f"{hour:02d}:{minute:02d}" if hour < 25 and minute < 60 else None


def _en_time(match: re.Match[str]) -> str | None:
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 12:
        return _hhmm(hour, minute)
    if match.group(3) == "p" and hour < 12:
        hour += 12
    elif match.group(3) == "a" and hour == 12:
        hour = 0
    return _hhmm(hour, minute)


def _phone(match: re.Match[str]) -> str | None:
    digits = re.sub(r"\D", "", match.group(0))
    if len(digits) < 6:
        return None  # "15 17 18" style short numbers are counted as numbers below
    if digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def _price(match: re.Match[str]) -> str:
    cents = match.group(2) or match.group(3)
    return f"{int(match.group(1))}.{cents}" if cents and int(cents) else str(int(match.group(1)))


def _number(text: str) -> str:
    value = float(text.replace(",", "."))
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def source_items(texts: Iterable[str]) -> set[Item]:
    """Items of the sources, read both as French and as English, plus every raw number."""
    found: set[Item] = set()
    for text in texts:
        for lang in ("fr", "en"):
            found |= items(text, lang)
        for raw in _NUMBER.findall(text):
            found.add(("number", _number(raw)))
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
