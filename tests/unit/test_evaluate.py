"""``guichet eval``'s scoring on plain data: the file format, expectations read the way the
guard reads them, yes/no and open/closed checked, a number of another entry invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guichet.content.answer.embedded import Answer
from guichet.content.answer.evaluate import (
    EvalClock,
    EvalFileError,
    Question,
    evaluate,
    load_questions,
)
from guichet.content.pack.model import FaqEntry, Pack, Service, Town

TOWN = Town("testville", "Testville", ("fr", "en"), "03 53 01 99 99",
            {"fr": "Je ne sais pas. Appelez le {phone}.", "en": "I do not know. Call {phone}."})
PASSPORT = FaqEntry("passeport", {"fr": ("Combien coûte un passeport ?",)},
                    {"fr": "Un passeport coûte 86 euros, sur rendez-vous.",
                     "en": "A passport costs 86 euros, by appointment."})
POOL = FaqEntry("piscine", {"fr": ("Combien coûte la piscine ?",)},
                {"fr": "L'entrée de la piscine coûte 3 euros 20.",
                 "en": "A pool ticket costs 3.20 euros."})
HALL = Service("mairie", {"fr": "la mairie", "en": "the town hall"}, phone="03 53 01 20 00",
               opening_hours="Mo-Fr 09:00-12:00,14:00-17:30")
PACK = Pack(TOWN, [PASSPORT, POOL], Path("."), services=[HALL])


class Scripted:
    """An answerer that says what it is told, and notes the time it was asked at."""

    def __init__(self, answers: dict[str, Answer], clock: EvalClock | None = None) -> None:
        self.answers = answers
        self.clock = clock
        self.asked_at: list[dt.datetime] = []

    def answer(self, question: str, lang: str) -> Answer:
        if self.clock is not None:
            self.asked_at.append(self.clock())
        return self.answers[question]


def _said(text: str, lang: str, *sources: str, facts: tuple[str, ...] = ()) -> Answer:
    return Answer(text, lang, list(sources), facts=facts)


def _run(questions: list[Question], answers: dict[str, Answer]) -> tuple[list[str], str]:
    report: list[str] = []
    score = evaluate(questions, Scripted(answers), PACK, report)
    return report, score.line()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_is_a_list_or_a_mapping_with_its_moment(tmp_path: Path) -> None:
    plain = load_questions(_write(tmp_path, '- {q: "Horaires ?", lang: fr, expect: ["9 h"]}\n'),
                           ("fr", "en"))
    assert plain == [Question("Horaires ?", "fr", ("9 h",), line=1)]
    mapped = load_questions(_write(tmp_path, (
        "at: 2026-11-25T10:15\n"
        "questions:\n"
        '  - {q: "Ouvert ?", lang: fr, polarity: open, category: hours}\n'
        '  - {q: "Open on Sunday?", lang: en, polarity: no, at: "2026-11-29T11:00"}\n'
        '  - {q: "Open on Monday?", lang: en, polarity: yes}\n')),
        ("fr", "en"))
    assert [q.at for q in mapped] == [dt.datetime(2026, 11, 25, 10, 15),
                                      dt.datetime(2026, 11, 29, 11, 0),
                                      dt.datetime(2026, 11, 25, 10, 15)]
    assert (mapped[0].polarity, mapped[0].category, mapped[0].line) == ("open", "hours", 3)
    assert [q.polarity for q in mapped[1:]] == ["no", "yes"]  # bare YAML yes/no too


@pytest.mark.parametrize(("text", "line", "message"), [
    ('- {q: "A?", lang: fr, polarity: maybe}\n', 1, "polarity 'maybe'"),
    ('- {q: "A?", lang: fr, expect: [x]}\n- {q: "B?", lang: fr}\n', 2, "give 'expect"),
    ('- {q: "A?", lang: fr, decline: true, polarity: "no"}\n', 1, "no polarity"),
    ('- {q: "A?", lang: fr, expect: [x], at: "tomorrow"}\n', 1, "not a local time"),
    ('- {q: "A?", lang: fr, expect: [x], when: now}\n', 1, "unknown key(s) ['when']"),
    ('at: 2026-11-25T10:15\nquestion: []\n', 2, "unknown key(s) ['question']"),
    ('at: 2026-11-25T10:15\nquestions:\n  - {q: "A?", lang: de, expect: [x]}\n', 3,
     "language 'de'"),
])
def test_mistakes_are_reported_with_their_line(tmp_path: Path, text: str, line: int,
                                               message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(EvalFileError) as caught:
        load_questions(path, ("fr", "en"))
    assert any(p.line == line and message in p.message for p in caught.value.problems), \
        caught.value.problems
    assert f"{path}:{line}:" in str(caught.value)


def test_expectations_match_every_written_form_and_only_it() -> None:
    answers = {
        "q1": _said("La mairie ouvre à 9 h et ferme à midi.", "fr", "mairie",
                    facts=("Mo-Fr 09:00-12:00",)),
        "q2": _said("The town hall closes at 5:30 pm.", "en", "mairie",
                    facts=("Mo-Fr 14:00-17:30",)),
        "q3": _said("L'entrée de la piscine coûte 3 euros 20.", "fr", "piscine"),
        "q4": _said("La mairie ouvre à 19 h.", "fr", "mairie", facts=("19:00",)),
        "q5": _said("L'entrée de la piscine coûte 3 euros 20.", "fr", "piscine"),
    }
    questions = [Question("q1", "fr", ("09:00", "12:00")), Question("q2", "en", ("17:30",)),
                 Question("q3", "fr", ("3,20 €",)), Question("q4", "fr", ("9 h",)),
                 Question("q5", "fr", ("3,02 €",))]
    report, line = _run(questions, answers)
    assert line == "eval: 5 questions, 3 correct, 0 declined right, 2 wrong, 0 invented, " \
                   "0 wrong yes/no"
    assert [r.split(":")[0] for r in report] == ["WRONG line 0 [fr] 'q4'",
                                                 "WRONG line 0 [fr] 'q5'"]


def test_a_yes_no_must_come_first_and_agree() -> None:
    answers = {
        "Ouvert ?": _said("Oui, c'est ouvert jusqu'à midi.", "fr", "mairie"),
        "Ouvert à midi ?": _said("Non, à midi c'est fermé. Prochaine ouverture à 14 h.", "fr",
                                 "mairie"),
        "Ouvert le dimanche ?": _said("La mairie est fermée le dimanche.", "fr", "mairie",
                                      facts=("Fermé le dimanche.",)),
        "Open now?": _said("No, it is closed now. It opens again at 2 pm.", "en", "mairie"),
        "Closed on Sunday?": _said("Yes, the town hall is closed on Sunday.", "en", "mairie",
                                   facts=("Closed on Sunday.",)),
        "Closed at 9?": _said("Yes, at 9 am it is open.", "en", "mairie"),
    }
    questions = [
        Question("Ouvert ?", "fr", polarity="yes", category="oui-non"),
        Question("Ouvert à midi ?", "fr", polarity="no", category="oui-non"),
        Question("Ouvert le dimanche ?", "fr", polarity="no", category="oui-non"),
        # The issue's case: open at the time asked, the answer says closed, then 14 h.
        Question("Open now?", "en", ("2 pm",), polarity="open", category="state"),
        Question("Closed on Sunday?", "en", polarity="closed", category="state"),
        # "Closed at 9?" - "Yes ... open": the yes contradicts the state it gives.
        Question("Closed at 9?", "en", polarity="open", category="state"),
    ]
    report: list[str] = []
    score = evaluate(questions, Scripted(answers), PACK, report)
    assert score.line().endswith("3 correct, 0 declined right, 3 wrong, 0 invented, "
                                 "3 wrong yes/no")
    assert score.category_lines() == [
        "category oui-non: 3 questions, 2 correct, 0 declined right, 1 wrong, 0 invented, "
        "1 wrong yes/no",
        "category state: 3 questions, 1 correct, 0 declined right, 2 wrong, 0 invented, "
        "2 wrong yes/no"]
    assert report[0].startswith("WRONG YES/NO line 0 [fr] 'Ouvert le dimanche ?': no "
                                "expected, no explicit yes/no first")
    assert "open expected, says closed first" in report[1]
    assert "open expected, starts with yes and says open" in report[2]
    assert "'Closed at 9?'" in report[2]


def test_a_price_of_another_entry_is_invented() -> None:
    answers = {
        "passeport": _said("Un passeport coûte 3 euros 20.", "fr", "passeport"),
        "piscine": _said("L'entrée de la piscine coûte 3,20 €.", "fr", "piscine"),
        "inconnu": _said("Je ne sais pas. Appelez le 03 53 01 99 99.", "fr"),
    }
    questions = [Question("passeport", "fr", ("3,20",)), Question("piscine", "fr", ("3,20",)),
                 Question("inconnu", "fr", ("03 53 01 99 99",))]
    report, line = _run(questions, answers)
    assert line.endswith(", 1 invented, 0 wrong yes/no")
    assert report == ["INVENTED line 0 [fr] 'passeport': price 3.20 (from piscine) in "
                      "'Un passeport coûte 3 euros 20.'"]


def test_each_question_is_asked_at_its_own_moment() -> None:
    clock = EvalClock("Europe/Paris", dt.datetime(2026, 11, 25, 10, 15,
                                                  tzinfo=dt.UTC))
    answerer = Scripted({"q": _said("Oui.", "fr", "mairie")}, clock)
    questions = [Question("q", "fr", polarity="yes"),
                 Question("q", "fr", polarity="yes", at=dt.datetime(2026, 12, 25, 9, 0))]
    evaluate(questions, answerer, PACK, [], clock)
    assert answerer.asked_at[0] == dt.datetime(2026, 11, 25, 10, 15, tzinfo=dt.UTC)
    assert answerer.asked_at[1].isoformat() == "2026-12-25T09:00:00+01:00"


def test_the_issues_wrong_no_is_caught_although_its_time_is_right() -> None:
    """Open all afternoon, asked on Tuesday afternoon: "Non, c'est fermé ... 14 h" holds the
    expected "14 h" but says the opposite."""
    said = "Non, mardi à midi, c'est fermé à la mairie. Prochaine ouverture : mardi à 14 h."
    # A computed answer is grounded on its own text (as the embedded answerer does).
    answers = {"La mairie est ouverte mardi après-midi ?": _said(said, "fr", "mairie",
                                                                 facts=(said,))}
    question = Question("La mairie est ouverte mardi après-midi ?", "fr", ("14 h",),
                        polarity="open")
    report, line = _run([question], answers)
    assert line.endswith("0 correct, 0 declined right, 1 wrong, 0 invented, 1 wrong yes/no")
    assert "open expected, says closed first" in report[0]
    said = "Oui, mardi après-midi la mairie est ouverte de 14 h à 17 h 30."
    right = {question.q: _said(said, "fr", "mairie", facts=(said,))}
    assert _run([question], right)[1].endswith("1 correct, 0 declined right, 0 wrong, "
                                               "0 invented, 0 wrong yes/no")
