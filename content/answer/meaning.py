"""Meaning an answer must keep from its sources, checked cheaply: polarity, state, cost.

An LLM that rephrases "L'amiante n'est pas acceptée" as "l'amiante est acceptée" keeps
every number and invents no word the guard's item check would see. Here each answer
clause is matched with the source clauses about the same subject (shared content words)
and compared on what can flip without a new word: negation ("pas", "not", "sans",
"interdit"), state ("ouvert"/"fermé", "open"/"closed"), cost ("gratuit"/"free" or a price).
A clause is refused only when every source clause closest to it says the opposite: when
the sources say both (different days, different people), the clause passes. Also the one
reading of an explicit yes/no at the start of an answer. Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from guichet.content.understand.names import FOLDED_DAYS, FOLDED_MONTHS
from guichet.content.understand.quantities import scan
from guichet.content.understand.text import fold, tokens, words

_NEGATION = {
    "fr": {"pas", "jamais", "aucun", "aucune", "rien", "sans", "ni", "interdit", "interdite",
           "interdits", "interdites", "impossible"},
    "en": {"not", "never", "no", "none", "nothing", "without", "forbidden", "prohibited",
           "cannot", "nor", "neither", "banned"},
}
# "ne ... plus", "ne ... personne": negations only beside "ne"/"n'" ("plus de 3 ans" is not).
_NE_WORDS = {"plus", "personne"}
# Stop words for search, but what a state or a rule is said of: "closed today" is not
# "closed tomorrow".
_WHEN_WORDS = frozenset("""aujourd demain maintenant actuellement matin soir today tomorrow
    now currently tonight morning evening""".split())
_YES_NO = re.compile(r"^\W*(oui|non|yes|no)\b", re.IGNORECASE)
_LEADING_YES_NO = re.compile(r"^\W*(?:oui|non|yes|no)\b[\s,.;:!—-]*", re.IGNORECASE)
# Read on the text with its accents: "fermé" is a state, "ferme" (closes at) is not;
# "open" followed by "at" is a time it opens, not a state.
_OPEN = re.compile(r"\bouvert(?:e|s|es)?\b|\bopen\b(?! at\b)", re.IGNORECASE)
_CLOSED = re.compile(r"\bferm(?:é|ée|és|ées|ee|ees)\b|\bclosed\b|\bshut\b", re.IGNORECASE)
_PAID = re.compile(r"\bpayant(?:e|s|es)?\b|\bpaying\b|\bnot free\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+|\s+(?:mais|but|however)\s+", re.IGNORECASE)
# Words that carry the compared meaning (or only a quantity): not part of the subject.
_MARKERS = """ouvert ouverte ouverts ouvertes ferme fermee fermes fermees open closed shut
    gratuit gratuite gratuits gratuites gratuitement free charge payant payante payants
    payantes paying euro euros
    centime centimes cent cents heure heures hour hours midi minuit noon midday midnight
    am pm h oui non yes no ne n plus personne"""


def yes_no(text: str) -> str | None:
    """"yes" or "no" when ``text`` starts with an explicit one (oui/non, yes/no)."""
    match = _YES_NO.match(text)
    if match is None:
        return None
    return "yes" if match.group(1).lower() in ("oui", "yes") else "no"


def states(text: str) -> list[str]:
    """"open"/"closed" for each state word of ``text``, in order; a negated state word
    ("n'est pas ouverte", "not open") counts as its opposite."""
    found: list[str] = []
    for clause in _clauses(text):
        negated = _negated(clause, "fr") or _negated(clause, "en")
        marks = sorted([(m.start(), "open") for m in _OPEN.finditer(clause)] +
                       [(m.start(), "closed") for m in _CLOSED.finditer(clause)])
        flip = {"open": "closed", "closed": "open"}
        found.extend(flip[state] if negated else state for _, state in marks)
    return found


@dataclass(frozen=True)
class Clause:
    """One clause of a text, as the checks see it."""

    text: str
    subject: frozenset[str]
    """Stems of its content words, minus the words compared below."""
    negated: bool
    state: str | None
    """"open", "closed" or None."""
    costs: frozenset[str]
    """Prices said ("4", "3.20"), "0" for free, "+" for "not free"."""
    when: frozenset[str]
    """The words of ``subject`` that name a moment (today, a day, a month)."""


def _clauses(text: str) -> list[str]:
    parts = [_LEADING_YES_NO.sub("", p).strip() for p in _CLAUSE_END.split(text)]
    return [p for p in parts if p]


def _negated(clause: str, lang: str) -> bool:
    found = set(words(clause))
    if found & _NEGATION.get(lang, set()):
        return True
    if lang == "fr" and found & _NE_WORDS and re.search(r"\b(?:ne|n')", fold(clause)):
        return True
    return lang == "en" and re.search(r"n[’']t\b", clause.lower()) is not None


@lru_cache(maxsize=8)
def _marker_stems(lang: str) -> frozenset[str]:
    listed = _MARKERS.split() + sorted(_NEGATION.get(lang, ()))
    return frozenset(t for w in listed for t in tokens(w, lang)) | frozenset(listed)


@lru_cache(maxsize=8)
def _moment_stems(lang: str) -> frozenset[str]:
    names = [*_WHEN_WORDS, *FOLDED_DAYS.get(lang, ()), *FOLDED_MONTHS.get(lang, ())]
    return frozenset(t for w in names for t in tokens(w, lang)) | _WHEN_WORDS


@lru_cache(maxsize=4096)
def parse(clause: str, lang: str) -> Clause:
    """The subject, negation, state and cost of one clause."""
    plain, quantities = scan(clause, lang)
    for q in quantities:
        if q.kind == "free":  # "sans frais", "no charge": a cost, not a negation
            plain = plain[:q.start] + " " * (q.end - q.start) + plain[q.end:]
    negated = _negated(plain, lang)
    opened, closed = bool(_OPEN.search(clause)), bool(_CLOSED.search(clause))
    state = None
    if opened != closed:
        state = ("closed" if opened else "open") if negated else ("open" if opened else "closed")
    costs = {q.value for q in quantities if q.kind in ("price", "free")}
    if negated and any(q.kind == "free" for q in quantities):
        costs = (costs - {"0"}) | {"+"}  # "n'est pas gratuit"
    if _PAID.search(clause):
        costs.add("+")
    if state is not None or "+" in costs:
        negated = False  # the negation is read into the state or the cost
    markers = _marker_stems(lang)
    subject = frozenset(t for t in tokens(clause, lang) if len(t) > 1 and t not in markers) | \
        (frozenset(words(clause)) & _WHEN_WORDS)
    return Clause(clause, subject, negated, state, frozenset(costs),
                  subject & _moment_stems(lang))


def clauses(text: str, lang: str) -> list[Clause]:
    """The clauses of ``text`` (sentences, and the two sides of "mais"/"but")."""
    return [parse(c, lang) for c in _clauses(text)]


def _costs_agree(said: frozenset[str], source: frozenset[str]) -> bool:
    def agrees(cost: str) -> bool:
        if cost == "+":
            return bool(source - {"0"})
        return cost in source or (cost != "0" and "+" in source)
    return all(agrees(c) for c in said)


def _same_moment(clause: Clause, candidates: list[Clause]) -> list[Clause]:
    """Candidates said of the same moment as ``clause`` ("today", "Monday", "April"), when
    it names one and some of them do: "closed today" is compared with "closed all day
    today", not with "open from April to October"."""
    if not clause.when:
        return candidates
    same = [c for c in candidates if c.when & clause.when]
    return same or candidates


def _near(clause: Clause, candidates: list[Clause]) -> list[tuple[Clause, int, float]]:
    """The candidates sharing enough content words with ``clause``: (candidate, shared,
    share of the candidate's own words)."""
    need = max(1, math.ceil(len(clause.subject) / 2))
    out = []
    for candidate in _same_moment(clause, candidates):
        shared = len(clause.subject & candidate.subject)
        if shared >= need:
            out.append((candidate, shared, shared / len(candidate.subject)))
    return out


def _closest(clause: Clause, candidates: list[Clause], allow_vague: bool) -> list[Clause]:
    """The candidates about the same thing as ``clause``: most shared content words, then
    the largest share of their own (a clause naming only the place loses to the rule).
    A clause with no content word of its own ("C'est ouvert.") is about every candidate
    when ``allow_vague``."""
    if not clause.subject:
        return candidates if allow_vague else []
    near = _near(clause, candidates)
    if not near:
        return []
    best = max((shared, share) for _, shared, share in near)
    return [c for c, shared, share in near if (shared, share) == best]


def _state_turned(said: Clause, sources: list[Clause]) -> str:
    near = _closest(said, [c for c in sources if c.state], allow_vague=True)
    if near and all(c.state != said.state for c in near):
        return f"says {said.state} where its source says {near[0].state}: {near[0].text!r}"
    return ""


def _cost_turned(said: Clause, sources: list[Clause]) -> str:
    priced = [c for c in sources if c.costs]
    near = _closest(said, priced, allow_vague=False)
    # Several prices in one clause ("free under 18, 10 euros for adults") may each come
    # from a different source clause sharing a word with it.
    around = [c for c in priced if c.subject & said.subject] if len(said.costs) > 1 else near
    if near and not all(any(_costs_agree(frozenset({cost}), c.costs) for c in around)
                        for cost in said.costs):
        return f"gives another price than its source: {near[0].text!r}"
    return ""


def _negation_turned(said: Clause, sources: list[Clause]) -> str:
    plain = [c for c in sources if c.state is None and not c.costs & {"0", "+"}]
    near = _closest(said, plain, allow_vague=False)
    if near and all(c.negated != said.negated for c in near):
        how = "negates" if said.negated else "drops the negation of"
        return f"{how} its source: {near[0].text!r}"
    if said.negated:
        return ""
    # A positive clause about what only a negated source clause speaks of: "vous pouvez
    # déposer l'amiante" against "l'amiante n'est pas acceptée", whatever the verb.
    positive = {w for c in plain if not c.negated for w in c.subject}
    for source in plain:
        own = source.subject - positive
        if source.negated and own and \
                len(said.subject & own) >= max(1, math.ceil(len(own) / 2)):
            return f"drops the negation of its source: {source.text!r}"
    return ""


def turned_around(answer: str, lang: str, sources: Iterable[str]) -> str:
    """Why ``answer`` says the opposite of its ``sources`` ("" when it does not)."""
    source_clauses = [c for text in sources for c in clauses(text, lang)]
    for said in clauses(answer, lang):
        if said.state is not None:
            why = _state_turned(said, source_clauses)
        elif said.costs:
            why = _cost_turned(said, source_clauses)
        else:
            why = _negation_turned(said, source_clauses)
        if why:
            return why
    return ""
