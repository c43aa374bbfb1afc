"""``guichet report``: what visitors asked and what went unanswered (staff)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from guichet.kiosk.commands.common import Subparsers, config_from, day
from guichet.kiosk.compose import load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.staff.journal import QuestionLog, log_folder
from guichet.kiosk.staff.report import (
    period_text,
    render_html,
    render_text,
    summarize,
    topic_finder,
)


def run_report(config: GuichetConfig, since: date | None, out: Path) -> int:
    """Print the report and write the chart page to ``out``."""
    pack = load_town_pack(config)
    log = QuestionLog(log_folder(config.privacy.data_dir))
    if not config.privacy.store_questions:
        print("Note: the question log is off (privacy.store_questions: false); showing what "
              "was kept while it was on, if anything.")
    records = log.read(since)
    summary = summarize(records, topic_finder(pack, config.answer))
    period = period_text(since)
    print(render_text(summary, period))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(summary, pack.town.name, period), encoding="utf-8")
    print(f"Chart: {out}")
    return 0


def add_parser(sub: Subparsers) -> None:
    report = sub.add_parser("report", help="staff report: top and unanswered questions, "
                            "with a chart (needs privacy.store_questions)")
    report.add_argument("--since", type=day, help="first day to count (YYYY-MM-DD)")
    report.add_argument("--out", type=Path, default=Path("guichet-report.html"),
                        help="chart page to write (default: guichet-report.html)")
    report.set_defaults(run=lambda args: run_report(config_from(args), args.since, args.out))
