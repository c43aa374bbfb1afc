"""``guichet eval`` on the demo town's questions, without and with a real LLM."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.samples import DEMO_QUESTIONS, demo_counts

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
