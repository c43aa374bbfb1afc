"""The staff report: the question log, the counts, the chart page, ``guichet report``."""

from __future__ import annotations

import re
from pathlib import Path

from guichet.kiosk.staff.journal import QuestionLog
from tests.support.samples import fill_journal


def test_guichet_report_prints_and_writes_the_chart(guichet, tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill_journal(QuestionLog(data))
    config = tmp_path / "guichet.yaml"
    config.write_text("privacy:\n  store_questions: true\n  data_dir: data\n", encoding="utf-8")
    out = tmp_path / "report" / "chart.html"
    run = guichet("--config", str(config), "report", "--since", "2026-11-03", "--out", str(out))
    assert run.code == 0, run.err
    assert "Questions since 2026-11-03: 3 (1 answered, 2 unanswered)" in run.out
    unanswered = run.out.split("Unanswered:")[1]
    assert re.search(r"2\s+Où recharger ma voiture électrique \? \[fr\]", unanswered)
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and "Montrevel-les-Vignes" in page
    assert "2026-11-02" not in page  # before --since


def test_guichet_report_rejects_a_bad_date(guichet) -> None:
    run = guichet("report", "--since", "yesterday")
    assert run.code == 2 and "not a date like 2026-11-01" in run.err
