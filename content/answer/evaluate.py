"""``guichet eval``: run a questions file through an answerer and score it.

Each question expects strings in the answer (after normalisation) or a decline. An
answer is "invented" when it holds a time, number, price, phone, e-mail or URL that
neither the pack nor the facts computed for it contain (the guard's own extraction).
"""

from __future__ import annotations

import logging
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from guichet.content.answer.embedded import Answer, Answerer, service_facts
from guichet.content.answer.guard import items, source_items
from guichet.content.pack.model import Pack
from guichet.content.pack.yamlsrc import LineDict, LineList, Problem, YamlError, load_yaml
from guichet.content.understand.text import normalise

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Question:
    """One line of a questions file."""

    q: str
    """The question."""
    lang: str
    """Its language."""
    expect: tuple[str, ...] = ()
    """Strings that must all appear in the answer."""
    decline: bool = False
    """True when the right answer is "I do not know" + the desk's number."""
    line: int = 0
    """Line in the questions file."""


class EvalFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_questions(path: Path, languages: tuple[str, ...]) -> list[Question]:
    """Read a questions file; every mistake reported with its line."""
    file = str(path)
    try:
        raw = load_yaml(path)
    except YamlError as err:
        raise EvalFileError([err.problem]) from None
    if not isinstance(raw, LineList):
        raise EvalFileError([Problem(file, 1, "a questions file is a list of "
                                     "'- {q: ..., lang: ..., expect: [...]}' items")])
    problems, questions = [], []
    for index, item in enumerate(raw):
        line = raw.line_of(index)
        if not isinstance(item, LineDict) or not isinstance(item.get("q"), str):
            problems.append(Problem(file, line, "each item needs 'q': the question text"))
            continue
        unknown = set(item) - {"q", "lang", "expect", "decline"}
        if unknown:
            problems.append(Problem(file, line, f"unknown key(s) {sorted(unknown)} (allowed: "
                                    "q, lang, expect, decline)"))
        lang = str(item.get("lang", languages[0]))
        if lang not in languages:
            problems.append(Problem(file, item.line_of("lang"), f"language '{lang}' is not "
                                    f"one of the town's ({', '.join(languages)})"))
        expect = item.get("expect", [])
        expect = [expect] if isinstance(expect, (str, int, float)) else expect
        decline = bool(item.get("decline", False))
        if not expect and not decline:
            problems.append(Problem(file, line, "give 'expect: [strings]' or 'decline: true'"))
        questions.append(Question(item["q"], lang, tuple(str(e) for e in expect), decline,
                                  line))
    if problems:
        raise EvalFileError(problems)
    return questions


def pack_texts(pack: Pack) -> list[str]:
    """Every text of the pack an answer may quote."""
    texts = [pack.town.desk_phone, *pack.town.referral.values()]
    for entry in pack.faq:
        texts.extend(entry.answer.values())
    for story in pack.anecdotes:
        texts.extend(story.text.values())
    for service in pack.services:
        texts.extend(service_facts(service, lang, pack.town.language)
                     for lang in pack.town.languages)
    return texts


@dataclass
class Score:
    """The tally of one evaluation."""

    total: int = 0
    correct: int = 0
    declined_right: int = 0
    wrong: int = 0
    invented: int = 0
    seconds: list[float] = field(default_factory=list)
    """Time to the answer text, per question."""
    by_answerer: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        return (f"eval: {self.total} questions, {self.correct} correct, {self.declined_right} "
                f"declined right, {self.wrong} wrong, {self.invented} invented")


def invented_items(answer: Answer, known: set) -> list[str]:
    allowed = known | source_items(answer.facts)
    return sorted(f"{k} {v}" for k, v in items(answer.text, answer.language)
                  if (k, v) not in allowed and not (k == "number" and ("phone", v) in allowed))


def evaluate(questions: list[Question], answerer: Answerer, pack: Pack,
             report: list[str]) -> Score:
    """Ask every question; append one line per failure to ``report``."""
    known = source_items(pack_texts(pack))
    score = Score()
    for question in questions:
        start = time.perf_counter()
        answer = answerer.answer(question.q, question.lang)
        score.seconds.append(time.perf_counter() - start)
        score.total += 1
        score.by_answerer[answer.answerer] = score.by_answerer.get(answer.answerer, 0) + 1
        got = normalise(answer.text)
        if question.decline:
            ok = answer.declined
            why = "expected a decline"
        else:
            missing = [e for e in question.expect if normalise(e) not in got]
            ok = not answer.declined and not missing
            why = "declined" if answer.declined else f"missing {missing}"
        if ok:
            if question.decline:
                score.declined_right += 1
            else:
                score.correct += 1
        else:
            score.wrong += 1
            report.append(f"WRONG line {question.line} [{question.lang}] {question.q!r}: "
                          f"{why}; answer ({answer.answerer}): {answer.text!r}")
        invented = invented_items(answer, known)
        if invented:
            score.invented += 1
            report.append(f"INVENTED line {question.line} [{question.lang}] {question.q!r}: "
                          f"{', '.join(invented)} in {answer.text!r}")
    return score


def timing_line(score: Score) -> str:
    if not score.seconds:
        return "time to answer: no questions"
    ordered = sorted(score.seconds)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    used = ", ".join(f"{k} {v}" for k, v in sorted(score.by_answerer.items()))
    return (f"time to answer: median {statistics.median(ordered):.3f} s, p90 {p90:.3f} s, "
            f"max {ordered[-1]:.3f} s (answers by: {used})")
