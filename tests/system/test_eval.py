"""``guichet eval`` on the demo towns' questions, without and with a real LLM.

Three question files: the demo's own (written with its facts), its residents' (written by
another person, as residents ask), and Saint-Aubin-sur-Loire's (a second town whose pack
was written from its facts sheet by someone who did not read the answerer, its questions
by yet another). The bar of issue #12: at least 95 % right or rightly declined, nothing
invented, no wrong yes/no."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tests.support.samples import DEMO_QUESTIONS, demo_counts

RESIDENTS = REPO / "content" / "demo" / "eval" / "residents.yaml"
SAINT_AUBIN = REPO / "content" / "demo_saint_aubin"
TOWNS = [pytest.param([str(RESIDENTS)], id="demo-residents"),
         pytest.param([str(SAINT_AUBIN / "eval" / "questions.yaml"), "--pack",
                       str(SAINT_AUBIN)], id="saint-aubin")]

AT = "2026-11-25T10:15"  # a Wednesday morning; opening hours are computed at this time
LINE = re.compile(r"^eval: (\d+) questions, (\d+) correct, (\d+) declined right, (\d+) wrong, "
                  r"(\d+) invented, (\d+) wrong yes/no$")


def score(out: str) -> tuple[int, ...]:
    last = out.strip().splitlines()[-1]
    match = LINE.match(last)
    assert match, f"last line is not the eval line: {last!r}"
    return tuple(int(x) for x in match.groups())




def test_embedded_answerer_on_the_demo_questions(guichet) -> None:
    run = guichet("eval", str(DEMO_QUESTIONS), "--at", AT)
    total, correct, declined, wrong, invented, wrong_yes_no = score(run.out)
    in_scope, declines = demo_counts()
    assert total == in_scope + declines
    assert correct >= 0.95 * in_scope, run.out
    assert declined == declines, run.out
    assert invented == 0 and wrong_yes_no == 0, run.out
    assert run.code == (0 if wrong == 0 else 1)


def test_smollm2_behind_the_guard_on_the_demo_questions(guichet, llama_server: str) -> None:
    """SmolLM2-135M invents facts; with the guard the visitor never hears one."""
    run = guichet("eval", str(DEMO_QUESTIONS), "--at", AT, "--llm", llama_server, "--model",
                  "smollm2")
    total, correct, declined, _wrong, invented, wrong_yes_no = score(run.out)
    in_scope, declines = demo_counts()
    assert total == in_scope + declines
    assert invented == 0 and wrong_yes_no == 0, run.out
    assert declined == declines, run.out
    assert correct >= 0.95 * in_scope, run.out
    assert "time to answer: median" in run.out


def test_a_broken_questions_file_is_reported_with_its_line(guichet, tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text('- {q: "Hello?", lang: en, expect: [x]}\n- {q: "Hallo?", lang: de}\n',
                   encoding="utf-8")
    run = guichet("eval", str(bad))
    assert run.code == 2 and "Traceback" not in run.err
    assert f"{bad}:2:" in run.err and "language 'de'" in run.err


def test_moments_polarity_and_categories_of_a_questions_file(guichet, tmp_path: Path) -> None:
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "at: 2026-11-28T10:00   # a Saturday morning: the town hall is open until noon\n"
        "questions:\n"
        '  - {q: "La mairie est ouverte, là ?", lang: fr, polarity: open, category: hours,'
        ' expect: ["12:00"]}\n'
        '  - {q: "Is the town hall open now?", lang: en, polarity: closed, category: hours,'
        ' at: "2026-11-29T10:00"}\n'
        '  - {q: "How much is a passport?", lang: en, expect: ["86,00 €"], category: prices}\n'
        '  - {q: "Quel âge a le maire ?", lang: fr, decline: true}\n'
        "  # Sunday: closed, so an expected 'open' is a wrong yes/no\n"
        '  - {q: "La mairie est ouverte, là ?", lang: fr, polarity: open, category: hours,'
        ' at: "2026-11-29T10:00"}\n', encoding="utf-8")
    # --at is only the default: the file's moment and each question's own win.
    run = guichet("eval", str(questions), "--at", "2026-11-25T19:00")
    assert run.code == 1, run.out
    assert score(run.out) == (5, 3, 1, 1, 0, 1)
    assert "WRONG YES/NO line 8 [fr] 'La mairie est ouverte, là ?': open expected, says " \
           "closed first" in run.out
    assert "category hours: 3 questions, 2 correct, 0 declined right, 1 wrong, 0 invented, " \
           "1 wrong yes/no" in run.out
    assert "category prices: 1 questions, 1 correct" in run.out


def _meets_the_bar(out: str) -> None:
    total, correct, declined, _wrong, invented, wrong_yes_no = score(out)
    assert correct + declined >= 0.95 * total, out
    assert invented == 0 and wrong_yes_no == 0, out


@pytest.mark.parametrize("args", TOWNS)
def test_embedded_answerer_on_questions_written_by_residents(guichet, args: list[str]) -> None:
    run = guichet("eval", *args)
    _meets_the_bar(run.out)
    assert "category period:" in run.out  # counts per category


@pytest.mark.parametrize("args", TOWNS)
def test_smollm2_behind_the_guard_on_questions_written_by_residents(
        guichet, llama_server: str, args: list[str]) -> None:
    run = guichet("eval", *args, "--llm", llama_server, "--model", "smollm2", timeout=900)
    _meets_the_bar(run.out)
