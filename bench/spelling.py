"""Typo correction on the demo pack: recall and false answers per threshold, and its cost.

A benchmark, not a test. For each similarity threshold of ``SpellingConfig`` (and with
fuzzy correction off), the demo pack's embedded answerer answers:

- the labelled questions of ``tests/unit/spelling_cases.yaml``: typos that must be
  answered from given entries (recall; an answer from another entry is a false answer)
  and near misses that must be declined or kept away from given entries (any such answer
  is a false answer);
- the demo town's eval file (``content/demo/eval/questions.yaml``), scored as
  ``guichet eval`` scores it, which must not get worse.

The chosen threshold is the lowest one with no false answer and the best recall. Then the
cost: the correction of one question alone, and a whole answer with and without the
tolerance (medians over the eval and labelled questions, several rounds).

    .venv/bin/python -m bench.spelling [--rounds 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.answer.evaluate import evaluate, load_questions
from guichet.content.answer.search import PackIndex
from guichet.content.pack.loader import DEMO_PACK, load_pack
from guichet.content.pack.model import Pack
from guichet.content.understand.spelling import SpellingConfig, Tolerance, lexicon

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "unit" / "spelling_cases.yaml"
EVAL = DEMO_PACK / "eval" / "questions.yaml"
AT = dt.datetime(2026, 11, 25, 10, 15, tzinfo=ZoneInfo("Europe/Paris"))
THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)


@dataclass
class Tally:
    typos: int = 0
    recalled: int = 0
    typo_false: int = 0
    near: int = 0
    near_false: int = 0
    failures: tuple[str, ...] = ()

    @property
    def false_rate(self) -> float:
        return (self.typo_false + self.near_false) / max(1, self.typos + self.near)


def answerer(pack: Pack, threshold: float | None) -> EmbeddedAnswerer:
    """The demo answerer with fuzzy correction at ``threshold``; None: no tolerance at all."""
    found = EmbeddedAnswerer(pack, clock=lambda: AT)
    found.index = PackIndex(pack, spelling=SpellingConfig(threshold=threshold or 1.01))
    if threshold is None:
        off = Tolerance({})
        found.index.tolerance = off
        for index in (found.index.faq, found.index.anecdotes, found.index.services):
            index.tolerance = off
    return found


def tally(answers: EmbeddedAnswerer, cases: dict) -> Tally:
    out = Tally()
    failures = []
    for case in cases["typos"]:
        got = answers.answer(case["q"], case["lang"])
        out.typos += 1
        if not got.declined and set(got.sources) & set(case["answer"]):
            out.recalled += 1
        elif not got.declined:
            out.typo_false += 1
            failures.append(f"FALSE {case['q']!r} -> {got.sources}")
        else:
            failures.append(f"missed {case['q']!r}")
    for case in cases["near_misses"]:
        got = answers.answer(case["q"], case["lang"])
        out.near += 1
        bad = (not got.declined) if case.get("decline") else bool(
            set(got.sources) & set(case.get("avoid", ())))
        if bad:
            out.near_false += 1
            failures.append(f"FALSE {case['q']!r} -> {got.sources}")
    out.failures = tuple(failures)
    return out


def median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timing rounds")
    parser.add_argument("--failures", action="store_true", help="list each threshold's misses")
    args = parser.parse_args()
    pack = load_pack(DEMO_PACK)
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    questions = load_questions(EVAL, pack.town.languages)
    print(f"{len(cases['typos'])} typo questions, {len(cases['near_misses'])} near misses, "
          f"{len(questions)} eval questions (content/demo/eval/questions.yaml)\n")
    print("| threshold | typo recall | false answers (typos + near misses) | false rate "
          "| eval correct / declined right / wrong / invented |")
    print("|---|---|---|---|---|")
    rows = []
    for threshold in (None, *THRESHOLDS):
        answers = answerer(pack, threshold)
        result = tally(answers, cases)
        score = evaluate(questions, answers, pack, [])
        label = "no tolerance" if threshold is None else (
            "SMS+synonyms, fuzzy off" if threshold > 1 else f"{threshold:.2f}")
        print(f"| {label} | {result.recalled}/{result.typos} "
              f"({result.recalled / result.typos:.0%}) | {result.typo_false} + "
              f"{result.near_false} | {result.false_rate:.1%} | {score.correct} / "
              f"{score.declined_right} / {score.wrong} / {score.invented} |")
        if args.failures:
            for line in result.failures:
                print(f"    {line}")
        if threshold is not None and threshold <= 1:
            rows.append((threshold, result, score.wrong + score.invented))
    safe = [r for r in rows if r[1].typo_false + r[1].near_false == 0 and r[2] == 0]
    if safe:
        best = max(safe, key=lambda r: (r[1].recalled, -r[0]))
        print(f"\nchosen: {best[0]:.2f} (no false answer, best recall "
              f"{best[1].recalled}/{best[1].typos}); SpellingConfig.threshold is "
              f"{SpellingConfig().threshold:.2f}")
    else:
        print("\nno threshold without false answers")

    texts = [(c["q"], c["lang"]) for c in (*cases["typos"], *cases["near_misses"])]
    texts += [(q.q, q.lang) for q in questions]
    tolerant, plain = answerer(pack, SpellingConfig().threshold), answerer(pack, None)
    correct_s, with_s, without_s = [], [], []
    for _ in range(args.rounds):
        for question, lang in texts:
            start = time.perf_counter()
            tolerant.index.tolerance.spellers[lang].correct(question)
            correct_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            tolerant.answer(question, lang)
            with_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            plain.answer(question, lang)
            without_s.append(time.perf_counter() - start)
    builds = {}
    for name, cold in (("cold", True), ("warm", False)):
        if cold:
            lexicon.cache_clear()
        start = time.perf_counter()
        PackIndex(pack)
        builds[name] = (time.perf_counter() - start) * 1000
    print(f"\ncost ({len(texts)} questions x {args.rounds} rounds, medians): correction alone "
          f"{median_us(correct_s):.0f} µs; answer with "
          f"tolerance {median_us(with_s):.0f} µs, without {median_us(without_s):.0f} µs; "
          f"PackIndex build {builds['cold']:.0f} ms with the lexicons loaded, "
          f"{builds['warm']:.0f} ms without")


if __name__ == "__main__":
    main()
