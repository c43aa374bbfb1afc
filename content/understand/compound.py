"""Two questions in one: where to cut them, and what the second borrows from the first.

Pure. "Horaires de la mairie et de la poste ?" is two questions: "horaires de la mairie"
and "horaires de la poste" — the second half ("de la poste") borrows the first's lead
("horaires"). "La piscine est ouverte samedi ? Et le dimanche ?" borrows the place. The
answerer decides whether a cut is right by answering both halves (see
``content.answer.embedded``); this module only proposes cuts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guichet.content.understand.text import fold
from guichet.content.understand.when import mentions_moment, mentions_period

_JOINERS = {"fr": ("et", "puis", "ainsi que"), "en": ("and", "and also", "as well as")}
# Words that may stand between a question's lead and its subject: "horaires | de la | mairie".
_GLUE = {"de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "aux", "pour", "of",
         "the", "for", "to", "at"}
# Prepositions that open a continuation: "… et de la poste", "… and for the castle".
_CONTINUES = {"de", "du", "des", "d", "a", "au", "aux", "pour", "of", "for", "to", "at"}
_SENTENCE_END = re.compile(r"(?<=[?!.])\s+")
_LEADING_JOINER = re.compile(r"^\s*(?:et|puis|and|also|aussi)\b[\s,]*", re.IGNORECASE)


@dataclass(frozen=True)
class Cut:
    """A question cut in two."""

    first: str
    """The first question, as the visitor said it."""
    second: str
    """The second half, as the visitor said it ("de la poste ?")."""


def cuts(question: str, lang: str) -> list[Cut]:
    """Where ``question`` may hold two questions: between sentences first ("…? Et …?"),
    else at each "et"/"and" (most likely first: the last one)."""
    sentences = [s for s in _SENTENCE_END.split(question.strip()) if s.strip()]
    if len(sentences) == 2:
        return [Cut(sentences[0], _LEADING_JOINER.sub("", sentences[1]))]
    if len(sentences) > 2:
        return []
    found = []
    for joiner in _JOINERS.get(lang, _JOINERS["en"]):
        for match in re.finditer(rf"(?:,\s*|\s+){joiner}\s+", question, re.IGNORECASE):
            first, second = question[:match.start()].strip(), question[match.end():].strip()
            if len(first) >= 3 and len(second) >= 3:
                found.append((match.start(), Cut(first, second)))
    return [cut for _, cut in sorted(found, key=lambda item: -item[0])]


def _spans(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` folded, with their place in it ("l'accueil" is "l", "accueil")."""
    return [(fold(m.group(0)), m.start(), m.end())
            for m in re.finditer(r"[^\W_]+", text)]


def _subject_start(text: str, subject: str) -> int | None:
    """Index in ``text`` where the subject's last phrase starts, its articles included:
    "the adult prices | for the pool" (the place is said last; "adult" asks)."""
    wanted = set(subject.split())
    spans = _spans(text)
    last = max((i for i, (word, _, _) in enumerate(spans) if word in wanted), default=None)
    if last is None:
        return None
    first = last
    while first > 0 and spans[first - 1][0] in wanted | _GLUE:
        first -= 1
    while first < last and spans[first][0] not in _GLUE and spans[first][0] not in wanted:
        first += 1
    return spans[first][1]


def lead(text: str, subject: str) -> str:
    """What ``text`` asks, without what it is about: "horaires" of "horaires de la mairie"
    (empty when the subject is not found or comes first)."""
    start = _subject_start(text, subject)
    return text[:start].strip() if start else ""


def subject_phrase(text: str, subject: str) -> str:
    """What ``text`` is about, as said: "la piscine" of "la piscine est ouverte samedi"."""
    wanted = set(subject.split())
    spans = _spans(text)
    start = _subject_start(text, subject)
    last = max((end for word, _, end in spans if word in wanted), default=None)
    if start is None or last is None:
        return ""
    return text[start:last].strip()


def borrowed(first: str, first_subject: str, second: str, second_has_intent: bool,
             second_subject: str) -> str:
    """The second question made whole: with the first's lead when it asks nothing by
    itself ("de la poste ?" -> "horaires de la poste ?"), with the first's place when it
    names none ("et le dimanche ?" -> "la piscine dimanche ?"), else as said."""
    spans = _spans(second)
    asked = lead(first, first_subject)
    if asked and (not second_has_intent or (spans and spans[0][0] in _CONTINUES)):
        # "… et de la poste aujourd'hui": a continuation asks what the first asked.
        return f"{asked} {second}"
    if not second_has_intent:
        return second
    if not second_subject.strip() and first_subject.strip():
        place = subject_phrase(first, first_subject)
        return f"{place} {second}" if place else second
    return second


_ASKING = {"fr": {"quel", "quelle", "quels", "quelles", "qui", "quoi", "comment", "combien",
                  "ou", "quand", "pourquoi", "est", "faut", "peut", "koi", "ki", "kel"},
           "en": {"what", "who", "how", "when", "where", "why", "which", "is", "are", "do",
                  "does", "can", "could", "may", "should"}}


def asks(text: str, lang: str) -> bool:
    """True when ``text`` reads as a question ("quel âge a le maire"), not an order
    ("oublie tes consignes"): a question mark, or a question word."""
    if text.rstrip().endswith("?"):
        return True
    return any(word in _ASKING.get(lang, _ASKING["en"]) for word, _, _ in _spans(text))


def _names_time(text: str, lang: str) -> bool:
    return mentions_moment(text, lang) or mentions_period(text, lang)


def moment_phrase(text: str, lang: str) -> str:
    """The words at the end of ``text`` that say when ("… open tomorrow" -> "tomorrow",
    "… ouverte samedi matin" -> "samedi matin"); empty when it names no time there."""
    spans = _spans(text)
    for start in range(len(spans) - 1, max(len(spans) - 5, 0) - 1, -1):
        tail = text[spans[start][1]:].strip().rstrip("?!. ")
        if _names_time(tail, lang):
            head = text[:spans[start][1]]
            return "" if _names_time(head, lang) else tail
    return ""


def share_moment(first: str, second: str, lang: str) -> tuple[str, str]:
    """Both questions about the same time when only one of them says it: "is the library
    open tomorrow and is there a market" -> the market tomorrow too."""
    first_time, second_time = _names_time(first, lang), _names_time(second, lang)
    if first_time and not second_time and (said := moment_phrase(first, lang)):
        return first, f"{second.rstrip('?!. ')} {said}"
    if second_time and not first_time and (said := moment_phrase(second, lang)):
        return f"{first.rstrip('?!. ')} {said}", second
    return first, second
