"""``guichet eval``: score the town's answers to a questions file."""

from __future__ import annotations

import argparse
from pathlib import Path

from guichet.content.answer.evaluate import EvalClock, evaluate, load_questions, timing_line
from guichet.kiosk.commands.common import Subparsers, UsageError, config_from, parse_at
from guichet.kiosk.compose import build_answerer, load_town_pack
from guichet.kiosk.config import GuichetConfig


def run_eval(config: GuichetConfig, questions_file: Path, at: str | None) -> int:
    """Print one line per failed question, the counts per category and the score; exit
    code 1 when any answer is wrong or invented."""
    pack = load_town_pack(config)
    questions = load_questions(questions_file, pack.town.languages)
    moment = parse_at(at, pack.town.timezone) if at else None
    clock = EvalClock(pack.town.timezone, moment)
    answerer = build_answerer(config, pack, clock)
    report: list[str] = []
    score = evaluate(questions, answerer, pack, report, clock)
    for line in report:
        print(line)
    print(timing_line(score))
    for line in score.category_lines():
        print(line)
    print(score.line())
    return 0 if score.wrong == 0 and score.invented == 0 else 1


def add_parser(sub: Subparsers) -> None:
    ev = sub.add_parser("eval", help="score the answers to a questions file")
    ev.add_argument("questions", type=Path, help="YAML list of {q, lang, expect | decline, "
                    "polarity, category, at} (or {at: ..., questions: [...]})")
    ev.add_argument("--llm", metavar="BASE_URL", help="OpenAI-compatible endpoint to test")
    ev.add_argument("--model", help="model name on that endpoint")
    ev.add_argument("--at", help="local time to answer at (YYYY-MM-DDTHH:MM), for questions "
                    "whose file gives none")
    ev.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    config = config_from(args)
    if args.llm:
        if not args.model:
            raise UsageError("--llm needs --model NAME")
        config.llm.base_url, config.llm.model = args.llm, args.model
        # An evaluation of the LLM asks it every question: its breaker would hand the
        # questions after a slow answer to the embedded answerer and score that instead.
        config.llm.retry_after_s = 0
    return run_eval(config, args.questions, args.at)
