"""Hostile input files (the probes of issue 14) and a runner that measures the real
command's peak memory: shared by the input-limit tests and ``bench/input_probes.py``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import DEMO, DEMO_TRANSPORT, REPO

DEMO_GTFS = DEMO_TRANSPORT / "gtfs"
_MB = 1024 * 1024


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": each anchor repeats the previous one nine times (9^9 texts)."""
    lines = ["laughs:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij"[: levels - 1], strict=False):
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def pack_with(folder: Path, faq: str) -> Path:
    """The demo town's town.yaml and ``faq`` as its only other file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "town.yaml").write_text((DEMO / "town.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (folder / "faq.yaml").write_text(faq, encoding="utf-8")
    return folder


def bomb_pack(folder: Path) -> Path:
    """A pack whose FAQ puts the bomb where the checker turns each question into text."""
    return pack_with(folder, alias_bomb() + "faq:\n  - id: bomb\n    questions: {fr: *i}\n"
                     "    answer: {fr: boum}\n")


def deep_pack(folder: Path, depth: int = 300) -> Path:
    return pack_with(folder, "faq:\n  - id: deep\n    questions: {fr: " + "[" * depth + "x"
                     + "]" * depth + "}\n    answer: {fr: oui}\n")


def zip_feed(target: Path, replace: dict[str, bytes] | None = None,
             stop_times_blank_mb: int = 0) -> Path:
    """The demo feed as a zip; ``stop_times_blank_mb`` appends that many MB of blank lines
    (which deflate over a thousand times: 300 MB fit in some 300 KB)."""
    replace = replace or {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(DEMO_GTFS.iterdir()):
            data = replace.get(path.name, path.read_bytes())
            if path.name == "stop_times.txt" and stop_times_blank_mb:
                with archive.open(path.name, "w", force_zip64=True) as member:
                    member.write(data)
                    blank = b"\n" * _MB
                    for _ in range(stop_times_blank_mb):
                        member.write(blank)
            else:
                archive.writestr(path.name, data)
    return target


def open_quote(text: str, line: int, row: str, tail: int = 200_000) -> str:
    """``text`` with ``row`` (which opens a quote) inserted as ``line``, and a long tail:
    the rest of the file is one field over the csv module's 131,072-character limit."""
    lines = text.splitlines(keepends=True)
    lines.insert(line - 1, row + "\n")
    return "".join(lines) + "y" * tail + "\n"


# Runs the command as its only child, so RUSAGE_CHILDREN is that command's peak alone;
# a small process forks it, as Linux carries the peak RSS of a process across exec.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=600)
print(json.dumps({"code": proc.returncode, "out": proc.stdout, "err": proc.stderr,
                  "seconds": time.monotonic() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@dataclass
class Measured:
    """One run of the real ``guichet`` command."""

    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float
    """The command's peak resident memory (its own process)."""


def measured(*args: str, env: dict[str, str] | None = None) -> Measured:
    """Run ``python -m guichet.kiosk ARGS`` and measure its time and peak memory."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m",
                           "guichet.kiosk", *args], capture_output=True, text=True,
                          check=True, cwd=REPO, env=env or dict(os.environ), timeout=900)
    return Measured(**json.loads(proc.stdout))
