"""The staff report: the question log, the counts, the chart page, ``guichet report``."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from guichet.content.answer.embedded import EmbeddedConfig
from guichet.kiosk.staff.journal import QuestionLog
from guichet.kiosk.staff.report import UNANSWERED, bar_chart, summarize, topic_finder
from tests.support.samples import fill_journal


def test_the_log_keeps_only_the_hour_text_language_and_outcome(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path)
    log.add("  When is the market? ", "en", True, datetime(2026, 11, 2, 9, 59, 30))
    (line,) = log.path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"hour": "2026-11-02T09", "question": "When is the market?",
                                "language": "en", "answered": True}


def test_a_damaged_line_is_skipped(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path)
    fill_journal(log)
    with log.path.open("a", encoding="utf-8") as out:
        out.write('{"hour": "2026-11-0\n')
    assert len(log.read()) == 6
    assert len(log.read(since=date(2026, 11, 4))) == 3


def test_summary_counts_questions_days_and_topics(tmp_path: Path, demo_pack) -> None:
    log = QuestionLog(tmp_path)
    fill_journal(log)
    summary = summarize(log.read(), topic_finder(demo_pack, EmbeddedConfig()))
    assert (summary.total, summary.answered) == (6, 4)
    assert [(a.question, a.count) for a in summary.top[:2]] == [
        ("When is the market?", 3), ("Où recharger ma voiture électrique ?", 2)]
    assert [(a.question, a.count) for a in summary.unanswered] == [
        ("Où recharger ma voiture électrique ?", 2)]
    assert summary.per_day == [("2026-11-02", 3), ("2026-11-03", 0), ("2026-11-04", 2),
                               ("2026-11-05", 1)]
    marche_tag = demo_pack.entry("marche").tags[0]
    cantine_tag = demo_pack.entry("cantine").tags[0]
    assert dict(summary.per_topic) == {marche_tag: 3, UNANSWERED: 2, cantine_tag: 1}


def test_bar_chart_is_valid_svg_with_one_bar_per_value() -> None:
    svg = bar_chart("Per day", [("2026-11-02", 3), ("2026-11-03", 0), ("<b>", 6)])
    root = ElementTree.fromstring(svg)
    rects = root.findall("{http://www.w3.org/2000/svg}g/{http://www.w3.org/2000/svg}rect")
    assert [int(r.get("width", "-1")) for r in rects] == [210, 0, 420]
    assert "&lt;b&gt;" in svg




