"""Reading a question's time words: parse_when per question, and period answers end to end.

A benchmark, not a test. Runs the phrasings of tests/unit/test_when.py (French and
English) through ``parse_when`` and, on the demo town, period questions through the
embedded answerer (cold: first call with empty caches; warm: repeated). When
``dateparser`` is importable (it is not a dependency: install it in a throwaway venv to
compare), the same phrasings go through ``dateparser.search.search_dates`` too, with its
import time and first call reported.

    .venv/bin/python -m bench.when_parse [--rounds 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import statistics
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.pack.loader import load_pack
from guichet.content.understand.when import parse_when
from tests.unit.test_when import TABLE

NOW = dt.datetime(2026, 11, 25, 10, 15, tzinfo=ZoneInfo("Europe/Paris"))
DEMO = Path(__file__).resolve().parent.parent / "content" / "demo"
PERIOD_QUESTIONS = [
    ("fr", "La médiathèque est ouverte mardi après-midi ?"),
    ("fr", "La mairie est ouverte ce week-end ?"),
    ("fr", "Quels sont les horaires de la mairie cet hiver ?"),
    ("en", "Is the wine museum open in July?"),
    ("fr", "Quand ouvre le musée du vin cette année ?"),
    ("en", "What are the cemetery's hours this summer?"),
]


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (f"p50 {statistics.median(ordered) * 1000:.3f} ms, "
            f"p90 {ordered[int(0.9 * (len(ordered) - 1))] * 1000:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    samples = []
    for _ in range(args.rounds):
        for lang, text, _expected in TABLE:
            start = time.perf_counter()
            parse_when(text, lang, NOW)
            samples.append(time.perf_counter() - start)
    print(f"parse_when, {len(TABLE)} phrasings x {args.rounds}: {_ms(samples)}")

    answerer = EmbeddedAnswerer(load_pack(DEMO), clock=lambda: NOW)
    cold = []
    for lang, question in PERIOD_QUESTIONS:
        start = time.perf_counter()
        answerer.answer(question, lang)
        cold.append(time.perf_counter() - start)
    warm = []
    for _ in range(args.rounds):
        for lang, question in PERIOD_QUESTIONS:
            start = time.perf_counter()
            answerer.answer(question, lang)
            warm.append(time.perf_counter() - start)
    print(f"period answers, {len(PERIOD_QUESTIONS)} questions: cold {_ms(cold)}; "
          f"warm {_ms(warm)}")

    try:
        start = time.perf_counter()
        search = importlib.import_module("dateparser.search")
    except ImportError:
        print("dateparser: not installed (compare in a throwaway venv)")
        return
    print(f"dateparser: import {(time.perf_counter() - start) * 1000:.0f} ms")
    first: dict[str, float] = {}
    timed = []
    agree = days = 0
    for round_ in range(args.rounds):
        for lang, text, _expected in TABLE:
            settings = {"RELATIVE_BASE": NOW.replace(tzinfo=None),
                        "PREFER_DATES_FROM": "future"}
            start = time.perf_counter()
            found = search.search_dates(text, languages=[lang], settings=settings)
            took = time.perf_counter() - start
            if round_ == 0 and lang not in first:
                first[lang] = took
            else:
                timed.append(took)
            if round_ == 0 and _expected.kind in ("day", "moment"):
                days += 1
                got = found[0][1] if found else None
                right = got is not None and got.date() == _expected.date and \
                    (_expected.time is None or got.time() == _expected.time)
                agree += right
                if not right:
                    print(f"  wrong: {lang} {text!r} -> {found}")
    firsts = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in first.items())
    print(f"dateparser search_dates: first call {firsts};"
          f" then {_ms(timed)}")
    ranges = sum(1 for _, _, w in TABLE if w.kind in ("part", "period"))
    print(f"dateparser right on {agree} of {days} single days/moments; it returns one "
          f"instant, so none of the {ranges} parts of day and periods")


if __name__ == "__main__":
    main()
