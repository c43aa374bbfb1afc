"""The probes of input limits, through the real command: a clear error with file and line,
quickly, in little memory (the peak RSS of the command's own process is measured)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import DEMO, REPO
from tests.unit.test_csv_limits import zip_feed
from tests.unit.test_yaml_limits import alias_bomb

# Runs the command as its only child, so RUSAGE_CHILDREN is that command's peak alone.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)
print(json.dumps({"code": proc.returncode, "out": proc.stdout, "err": proc.stderr,
                  "seconds": time.monotonic() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@dataclass
class Measured:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float


def measured(*args: str) -> Measured:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m",
                           "guichet.kiosk", *args], capture_output=True, text=True,
                          check=True, cwd=REPO, env=dict(os.environ), timeout=180)
    return Measured(**json.loads(proc.stdout))


def test_content_check_refuses_a_yaml_alias_bomb_quickly_in_little_memory(
        tmp_path: Path) -> None:
    (tmp_path / "town.yaml").write_text((DEMO / "town.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    faq = tmp_path / "faq.yaml"
    # The bomb where the checker turns each question into text: 9^9 "lol" otherwise.
    faq.write_text(alias_bomb() + "faq:\n  - id: bomb\n    questions: {fr: *i}\n"
                   "    answer: {fr: boum}\n", encoding="utf-8")
    assert faq.stat().st_size < 600
    run = measured("content", "check", str(tmp_path))
    assert run.code == 1, run
    assert f"{faq}:6: error: aliases ('*name') repeat more than 10,000 values" in run.out
    assert "Traceback" not in run.err and "internal error" not in run.err
    assert run.peak_mb < 300, run.peak_mb
    assert run.seconds < 20, run.seconds


def test_content_check_reports_deep_nesting_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "town.yaml").write_text((DEMO / "town.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    faq = tmp_path / "faq.yaml"
    faq.write_text("faq:\n  - id: deep\n    questions: {fr: " + "[" * 300 + "x" + "]" * 300
                   + "}\n    answer: {fr: oui}\n", encoding="utf-8")
    run = measured("content", "check", str(tmp_path))
    assert run.code == 1, run
    assert f"{faq}:3: error: lists and mappings nest more than 50 levels deep" in run.out
    assert "RecursionError" not in run.out + run.err and "internal error" not in run.err


def test_departures_refuse_a_gtfs_zip_bomb_quickly_in_little_memory(tmp_path: Path) -> None:
    bomb = zip_feed(tmp_path / "bomb.zip", stop_times_blank_mb=300)
    run = measured("departures", "--gtfs", str(bomb), "--stop", "Mairie")
    assert run.code == 2, run
    assert run.err.startswith(f"guichet: error: {bomb}:stop_times.txt: would expand")
    assert "Traceback" not in run.err
    assert run.peak_mb < 300, run.peak_mb
    assert run.seconds < 20, run.seconds
