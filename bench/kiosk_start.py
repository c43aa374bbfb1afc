"""Start-up of the kiosk: process start → ready for a typed question → for a spoken one.

A benchmark, not a test. Each run starts the real ``guichet kiosk`` in a tmux pane (the
demo town, ALSA file devices as in the tests: a silent microphone, a file speaker) and
reads its screen every 0.1 s from the moment the process is spawned:

- *screen*: the screen is drawn (the question box takes keys; a question sent before the
  answerer is loaded is answered as soon as it is);
- *typed*: the status says "Prêt / Ready" (the question box answers from then on);
- *answered*: a question typed at that moment has its answer and source on screen;
- *spoken*: the hint for Space and the button is shown (the speech models are loaded).

``--baseline DIR`` runs another checkout's code too (e.g. ``/work/main``), alternating
with this one in the same run; there, typed and spoken readiness are the same moment.

    .venv/bin/python -m bench.kiosk_start --runs 5 [--baseline /work/main] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.alsa import silence_raw, write_home
from tests.support.tmux import Pane

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Combien coûte la cantine ?"
TYPED = "Prêt / Ready"
SPOKEN = ("Espace (ou le bouton) pour parler",  # this code
          "Appuyez sur Espace ou sur le bouton")  # the code before typing first
DEADLINE_S = 120.0
MARKS = ("screen", "typed", "answered", "spoken")


def one_run(checkout: Path, folder: Path) -> dict[str, float | None]:
    home = write_home(folder / "home", folder / "speaker.raw",
                      silence_raw(folder / "microphone.raw"))
    config = folder / "guichet.yaml"
    config.write_text(f"kiosk:\n  log_file: {folder / 'kiosk.log'}\n", encoding="utf-8")
    env = {"HOME": str(home), "TERM": "tmux-256color", "PATH": os.environ["PATH"],
           "PYTHONPATH": f"{checkout / '.pyroot'}:{ROOT}"}
    for name in ("GUICHET_CACHE", "XDG_CACHE_HOME", "XDG_DATA_HOME", "HF_HOME"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.setdefault("XDG_CACHE_HOME", str(Path.home() / ".cache"))
    env.setdefault("XDG_DATA_HOME", str(Path.home() / ".local" / "share"))
    started = time.monotonic()
    argv = [sys.executable, "-m", "guichet.kiosk", "kiosk", "--config", str(config)]
    pane = Pane(f"guichet-bench-{os.getpid()}-{folder.name}", argv, env, checkout, (120, 40))
    marks: dict[str, float | None] = dict.fromkeys(MARKS)
    try:
        while time.monotonic() - started < DEADLINE_S and marks["spoken"] is None:
            text = pane.text()
            now = time.monotonic() - started
            if marks["screen"] is None and "Montrevel-les-Vignes" in text:
                marks["screen"] = now
            if marks["typed"] is None and TYPED in text:
                marks["typed"] = now
                if not any(words in text for words in SPOKEN):  # typing first: try it now
                    pane.type(QUESTION)
                    pane.key("Enter")
            if (marks["typed"] is not None and marks["answered"] is None
                    and "Source :" in text):
                marks["answered"] = now
            if any(words in text for words in SPOKEN):
                marks["spoken"] = now
            time.sleep(0.1)
    finally:
        pane.close()
    return marks


def median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 2) if known else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout, run alternately")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    checkouts = {"this": ROOT}
    if args.baseline:
        checkouts["baseline"] = args.baseline.resolve()
    runs: dict[str, list[dict[str, float | None]]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for name, checkout in checkouts.items():
                folder = Path(tmp) / f"{name}-{run}"
                folder.mkdir()
                marks = one_run(checkout, folder)
                runs[name].append(marks)
                print(f"{name} run {run + 1}: {marks}", file=sys.stderr)
    result = {name: {"commit": _commit(checkouts[name]),
                     **{mark: median([r[mark] for r in marks])
                        for mark in MARKS}}
              for name, marks in runs.items()}
    result["cpus"] = len(os.sched_getaffinity(0))
    result["load_average"] = round(os.getloadavg()[0], 1)
    result["runs"] = args.runs
    if args.json:
        print(json.dumps(result))
        return
    print(f"p50 over {args.runs} runs, {result['cpus']} CPUs, load average "
          f"{result['load_average']} (seconds from process start):")
    for name in checkouts:
        row = result[name]
        assert isinstance(row, dict)
        print(f"  {name:8} {row['commit']}: screen {row['screen']}  typed {row['typed']}  "
              f"first typed answer {row['answered']}  spoken {row['spoken']}")


def _commit(checkout: Path) -> str:
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=False).stdout.strip()


if __name__ == "__main__":
    main()
