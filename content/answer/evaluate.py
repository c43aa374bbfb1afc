"""``guichet eval``: run a questions file through an answerer and score it.

A questions file is a list of questions, or a mapping ``{at: ..., questions: [...]}``.
Each question expects strings in the answer or a decline; expectations and answer are
compared through :mod:`~guichet.content.understand.quantities` ("09:00" is in "à 9 h").
``polarity: yes|no`` wants the answer to start with that explicit yes or no; ``open|closed``
wants it to say that state first, and any yes/no it starts with to agree. An answer is
"invented" when it holds a time, number, price, phone, e-mail or URL that neither the
entries it cites nor the facts computed for it contain: a price true of another service
counts (the guard's own reading). ``category`` groups questions in the score.
"""

from __future__ import annotations

import datetime as dt
import logging
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from guichet.content.answer.embedded import Answer, Answerer, service_facts
from guichet.content.answer.guard import Item, attribution, source_items
from guichet.content.answer.meaning import states, yes_no
from guichet.content.pack.model import Pack
from guichet.content.pack.yamlsrc import LineDict, LineList, Problem, YamlError, load_yaml
from guichet.content.understand.quantities import contains

_LOGGER = logging.getLogger(__name__)
_KEYS = ("q", "lang", "expect", "decline", "polarity", "category", "at")
_POLARITIES = ("open", "closed", "yes", "no")


@dataclass(frozen=True)
class Question:
    """One item of a questions file."""

    q: str
    """The question."""
    lang: str
    """Its language."""
    expect: tuple[str, ...] = ()
    """Strings that must all appear in the answer (times, prices, dates in any form)."""
    decline: bool = False
    """True when the right answer is "I do not know" + the desk's number."""
    line: int = 0
    """Line in the questions file."""
    polarity: str = ""
    """"yes"/"no": the answer must start with that explicit yes or no; "open"/"closed":
    it must say that state first. Empty: not checked."""
    category: str = ""
    """A group of questions the score is also given for ("hours", "typos"...)."""
    at: dt.datetime | None = None
    """The local time the question is asked at (its own, else the file's), else None."""


class EvalFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _moment(value: Any, file: str, line: int, problems: list[Problem]) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem(file, line, f"'at: {value}' is not a local time such as "
                                "2026-11-25T10:15"))
        return None


def load_questions(path: Path, languages: tuple[str, ...]) -> list[Question]:
    """Read a questions file; every mistake reported with its line."""
    file = str(path)
    try:
        raw = load_yaml(path)
    except YamlError as err:
        raise EvalFileError([err.problem]) from None
    problems: list[Problem] = []
    at = None
    if isinstance(raw, LineDict):
        unknown = set(raw) - {"at", "questions"}
        if unknown:
            problems.append(Problem(file, raw.line_of(sorted(unknown)[0]), f"unknown key(s) "
                                    f"{sorted(unknown)} (allowed: at, questions)"))
        if "at" in raw:
            at = _moment(raw["at"], file, raw.line_of("at"), problems)
        raw = raw.get("questions")
    if not isinstance(raw, LineList):
        raise EvalFileError([*problems, Problem(
            file, getattr(raw, "line", 1) or 1, "a questions file is a list of '- {q: ..., "
            "lang: ..., expect: [...]}' items, or '{at: ..., questions: [that list]}'")])
    questions = []
    for index, item in enumerate(raw):
        question = _question(item, raw.line_of(index), file, languages, problems)
        if question is not None:
            questions.append(replace(question, at=question.at or at))
    if problems:
        raise EvalFileError(problems)
    return questions


def _question(item: Any, line: int, file: str, languages: tuple[str, ...],
              problems: list[Problem]) -> Question | None:
    if not isinstance(item, LineDict) or not isinstance(item.get("q"), str):
        problems.append(Problem(file, line, "each item needs 'q': the question text"))
        return None
    unknown = set(item) - set(_KEYS)
    if unknown:
        problems.append(Problem(file, line, f"unknown key(s) {sorted(unknown)} (allowed: "
                                f"{', '.join(_KEYS)})"))
    lang = str(item.get("lang", languages[0]))
    if lang not in languages:
        problems.append(Problem(file, item.line_of("lang"), f"language '{lang}' is not "
                                f"one of the town's ({', '.join(languages)})"))
    expect = item.get("expect", [])
    expect = [expect] if isinstance(expect, (str, int, float)) else expect
    if not isinstance(expect, list):
        problems.append(Problem(file, item.line_of("expect"), "'expect' is a list of strings"))
        expect = []
    decline = bool(item.get("decline", False))
    polarity = item.get("polarity", "")
    if isinstance(polarity, bool):  # YAML reads a bare yes/no as true/false
        polarity = "yes" if polarity else "no"
    polarity = str(polarity)
    if polarity and polarity not in _POLARITIES:
        problems.append(Problem(file, item.line_of("polarity"), f"polarity '{polarity}' is "
                                f"not one of {', '.join(_POLARITIES)}"))
    if polarity and decline:
        problems.append(Problem(file, item.line_of("polarity"), "a question to decline has "
                                "no polarity: remove 'polarity' or 'decline'"))
    if not expect and not decline and not polarity:
        problems.append(Problem(file, line, "give 'expect: [strings]', 'polarity: "
                                f"{'|'.join(_POLARITIES)}' or 'decline: true'"))
    at = _moment(item["at"], file, item.line_of("at"), problems) if "at" in item else None
    return Question(item["q"], lang, tuple(str(e) for e in expect), decline, line, polarity,
                    str(item.get("category", "")), at)


def pack_sources(pack: Pack) -> dict[str, list[str]]:
    """Per entry id (FAQ entry, anecdote, service): every text of it an answer may quote."""
    texts: dict[str, list[str]] = {}
    for entry in pack.faq:
        texts.setdefault(entry.id, []).extend(entry.answer.values())
    for story in pack.anecdotes:
        texts.setdefault(story.id, []).extend(story.text.values())
    for service in pack.services:
        texts.setdefault(service.id, []).extend(
            service_facts(service, lang, pack.town.language) for lang in pack.town.languages)
    return texts


class Provenance:
    """Which entry of the pack each fact comes from, to tell a true fact of the entry an
    answer cites from one taken from another entry."""

    def __init__(self, pack: Pack) -> None:
        self.texts = pack_sources(pack)
        self.items: dict[str, set[Item]] = {k: source_items(v) for k, v in self.texts.items()}
        self.always = [pack.town.desk_phone, *pack.town.referral.values()]

    def invented(self, answer: Answer) -> list[str]:
        """Items of ``answer`` that neither its cited entries nor its facts hold: "price 4
        (from piscine)" when another entry has it."""
        cited = [text for source in answer.sources for text in self.texts.get(source, ())]
        elsewhere = {k: v for k, v in self.items.items() if k not in answer.sources}
        return attribution(answer.text, answer.language,
                           [*cited, *answer.facts, *self.always], elsewhere)


def polarity_problem(question: Question, answer: Answer) -> str:
    """Why the answer's yes/no or open/closed disagrees with ``question.polarity`` ("" when
    it agrees or none is asked)."""
    if not question.polarity or answer.declined:
        return ""
    said = yes_no(answer.text)
    if question.polarity in ("yes", "no"):
        if said is None:
            return "no explicit yes/no first"
        return "" if said == question.polarity else f"says {said}"
    found = states(answer.text)
    if not found:
        return f"does not say {question.polarity}"
    if found[0] != question.polarity:
        return f"says {found[0]} first"
    # "Is it closed?" is answered yes when closed; "is it open?" (or no state) when open.
    asks = (states(question.q) or ["open"])[0]
    expected = "yes" if asks == question.polarity else "no"
    if said is not None and said != expected:
        return f"starts with {said} and says {question.polarity}"
    return ""


@dataclass
class Tally:
    """Counts of one group of questions."""

    total: int = 0
    correct: int = 0
    declined_right: int = 0
    wrong: int = 0
    invented: int = 0
    wrong_yes_no: int = 0
    """Answers whose yes/no or open/closed is missing or says the opposite."""

    def counts(self) -> str:
        return (f"{self.total} questions, {self.correct} correct, {self.declined_right} "
                f"declined right, {self.wrong} wrong, {self.invented} invented")


@dataclass
class Score(Tally):
    """The tally of one evaluation, with its categories and timings."""

    seconds: list[float] = field(default_factory=list)
    """Time to the answer text, per question."""
    by_answerer: dict[str, int] = field(default_factory=dict)
    categories: dict[str, Tally] = field(default_factory=dict)

    def line(self) -> str:
        return f"eval: {self.counts()}, {self.wrong_yes_no} wrong yes/no"

    def category_lines(self) -> list[str]:
        return [f"category {name}: {tally.counts()}, {tally.wrong_yes_no} wrong yes/no"
                for name, tally in sorted(self.categories.items())]


def _count(tallies: Iterable[Tally], name: str) -> None:
    for tally in tallies:
        setattr(tally, name, getattr(tally, name) + 1)


class EvalClock:
    """The answerer's clock during an evaluation: the question's moment, else the one
    given on the command line, else now; in the town's time zone."""

    def __init__(self, timezone: str, default: dt.datetime | None = None) -> None:
        self.zone = ZoneInfo(timezone)
        self.default = default
        self.moment: dt.datetime | None = None

    def set(self, moment: dt.datetime | None) -> None:
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment or self.default or dt.datetime.now(self.zone)


def _judge(question: Question, answer: Answer) -> tuple[bool, str, str]:
    """(right, why not, what is wrong with its yes/no)."""
    if question.decline:
        return answer.declined, "expected a decline", ""
    if answer.declined:
        return False, "declined", ""
    missing = [e for e in question.expect
               if not contains(answer.text, answer.language, e, question.lang)]
    polarity = polarity_problem(question, answer)
    why = "; ".join(x for x in (f"missing {missing}" if missing else "",
                                f"{question.polarity} expected, {polarity}" if polarity else "")
                    if x)
    return not why, why, polarity


def evaluate(questions: list[Question], answerer: Answerer, pack: Pack, report: list[str],
             clock: EvalClock | None = None) -> Score:
    """Ask every question (at its moment, when ``clock`` is the answerer's); append one
    line per failure to ``report``."""
    provenance = Provenance(pack)
    score = Score()
    for question in questions:
        if clock is not None:
            clock.set(question.at)
        start = time.perf_counter()
        answer = answerer.answer(question.q, question.lang)
        score.seconds.append(time.perf_counter() - start)
        score.by_answerer[answer.answerer] = score.by_answerer.get(answer.answerer, 0) + 1
        tallies: list[Tally] = [score]
        if question.category:
            tallies.append(score.categories.setdefault(question.category, Tally()))
        _count(tallies, "total")
        right, why, polarity = _judge(question, answer)
        where = f"line {question.line} [{question.lang}] {question.q!r}"
        if right:
            _count(tallies, "declined_right" if question.decline else "correct")
        else:
            _count(tallies, "wrong")
            label = "WRONG YES/NO" if polarity else "WRONG"
            report.append(f"{label} {where}: {why}; answer ({answer.answerer}): "
                          f"{answer.text!r}")
        if polarity:
            _count(tallies, "wrong_yes_no")
        invented = provenance.invented(answer)
        if invented:
            _count(tallies, "invented")
            report.append(f"INVENTED {where}: {', '.join(invented)} in {answer.text!r}")
    return score


def timing_line(score: Score) -> str:
    if not score.seconds:
        return "time to answer: no questions"
    ordered = sorted(score.seconds)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    used = ", ".join(f"{k} {v}" for k, v in sorted(score.by_answerer.items()))
    return (f"time to answer: median {statistics.median(ordered):.3f} s, p90 {p90:.3f} s, "
            f"max {ordered[-1]:.3f} s (answers by: {used})")
