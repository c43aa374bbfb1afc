"""The ask API under load: N concurrent text askers with keep-alive for S seconds.

A benchmark, not a test. The real server runs in a child process (``guichet serve``, demo
pack, embedded answerer) bound to 127.0.0.1; this process is
the load generator: one asyncio loop, one keep-alive connection per asker, each asker
sends its next question as soon as it has the previous answer (closed loop, no think
time: the worst case for the server). Questions are drawn at random from the demo
town's evaluation file. Both processes share this machine's cores: their CPU use is
reported (the server's with its Whisper child) so the reader sees what the generator took
and what other programs on the machine took meanwhile.

With ``--voice-clients N``, N more askers send a spoken question (the bundled Piper voice
saying "What day is the market?", a WAV) to the same server, which then loads Whisper:
typed answers are measured while speech is being recognised. A spoken asker that gets a
503 waits as its Retry-After says, then asks again.

    .venv/bin/python bench/ask_load.py [--clients 50] [--seconds 30] [--voice-clients 0]
                                       [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "content" / "demo" / "eval" / "questions.yaml"
# Section titles of the questions file -> the kind of question they hold.
_KINDS = (("FAQ", "faq"), ("Vie quotidienne", "faq"), ("Daily life", "faq"),
          ("Horaires", "hours"), ("Computed hours", "hours"), ("Contacts", "contact"),
          ("Anecdotes", "story"), ("Hors sujet", "decline"), ("Out of scope", "decline"))


@dataclass(frozen=True)
class Question:
    text: str
    lang: str
    kind: str
    audio: bytes = b""
    """A recording of the question: sent as audio/wav instead of JSON."""


@dataclass
class Tally:
    """Latencies (ms) of the answered requests and the errors, for one kind."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    busy: int = 0
    """503 replies (the spoken-question queue was full): expected, not errors."""

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def load_questions(path: Path) -> list[Question]:
    """The questions of the evaluation file, each with its section's kind."""
    import yaml

    kind = "other"
    found: list[Question] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            title = line.strip("# -")
            kind = next((k for key, k in _KINDS if key in title), "other")
        elif line.startswith("- {"):
            item = yaml.safe_load(line[2:])
            found.append(Question(item["q"], item.get("lang", "fr"), kind))
    return found


def start_server(voice: bool) -> tuple[subprocess.Popen[str], int]:
    """The real ``guichet serve`` in a child process; returns it and its port."""
    command = [sys.executable, "-m", "guichet.kiosk", "serve", "--port", "0"]
    if not voice:
        command.append("--no-voice")
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"http://[\d.]+:(\d+)/", line)
    if not match:
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc, int(match.group(1))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its children (Whisper's), Linux."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that just ended
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every process of the machine has used so far, in core-seconds (Linux)."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def spoken_question(text: str) -> bytes:
    """``text`` said by the bundled Piper voice, as WAV bytes."""
    from guichet.voice.audio import wav_bytes
    from guichet.voice.tts import PiperTTS, TtsConfig

    chunks = list(PiperTTS(TtsConfig(), ("en",)).synthesize(text, "en"))
    return wav_bytes(b"".join(c.pcm for c in chunks), chunks[0].sample_rate)


def _request(question: Question, port: int) -> bytes:
    if question.audio:
        body, kind = question.audio, "audio/wav"
    else:
        body = json.dumps({"question": question.text, "lang": question.lang}).encode()
        kind = "application/json"
    head = (f"POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    request: bytes) -> tuple[int, dict[str, str], bytes]:
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("closed by the server")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        key, _, value = line.decode("latin-1").partition(":")
        headers[key.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, body


async def asker(port: int, questions: list[Question], rng: random.Random, deadline: float,
                tallies: dict[str, Tally], reference: dict[Question, str],
                changed: list[Question], timeout: float) -> None:
    """One visitor's phone: a keep-alive connection, questions until the deadline."""
    loop = asyncio.get_running_loop()
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while loop.time() < deadline:
        question = rng.choice(questions)
        tally = tallies.setdefault(question.kind, Tally())
        start = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.open_connection("127.0.0.1", port)
            status, headers, body = await asyncio.wait_for(
                _exchange(*connection, _request(question, port)), timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError,
                IndexError) as err:
            tally.error(type(err).__name__)
            if connection is not None:
                connection[1].close()
            connection = None
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if headers.get("connection", "").lower() == "close":
            connection[1].close()
            connection = None
        if status == 503 and "retry-after" in headers:
            tally.busy += 1
            wait = min(float(headers["retry-after"]), max(0.0, deadline - loop.time()))
            await asyncio.sleep(wait)
            continue
        if status != 200:
            tally.error(f"HTTP {status}")
            continue
        try:
            text = json.loads(body)["answer"]
        except (ValueError, KeyError):
            tally.error("bad JSON")
            continue
        tally.latencies.append(elapsed)
        if text != reference.get(question, text):
            changed.append(question)
    if connection is not None:
        connection[1].close()


async def warm_up(port: int, questions: list[Question]) -> dict[Question, str]:
    """Each question once, one at a time: the reference answers (and a warm server: the
    first spoken question loads Whisper's weights into memory, seconds on a busy CPU)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    reference = {}
    for question in dict.fromkeys(questions):
        status, _headers, body = await _exchange(reader, writer, _request(question, port))
        if status != 200:
            raise SystemExit(f"warm-up: HTTP {status} for {question.text!r}: {body!r}")
        if not question.audio:  # what Whisper hears may vary: no reference for speech
            reference[question] = json.loads(body)["answer"]
    writer.close()
    return reference


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summarise(name: str, tally: Tally, seconds: float) -> dict[str, object]:
    lat = tally.latencies
    return {"kind": name, "requests": len(lat) + sum(tally.errors.values()) + tally.busy,
            "per_s": len(lat) / seconds, "busy_503": tally.busy, "p50_ms": percentile(lat, 0.50),
            "p95_ms": percentile(lat, 0.95), "p99_ms": percentile(lat, 0.99),
            "max_ms": max(lat, default=0.0), "errors": sum(tally.errors.values()),
            "error_kinds": dict(tally.errors)}


async def run(port: int, clients: int, seconds: float, seed: int, timeout: float,
              questions: list[Question], spoken: list[Question] | None = None,
              voice_clients: int = 0) -> tuple[dict[str, Tally], list[Question]]:
    reference = await warm_up(port, questions + (spoken or []))
    tallies: dict[str, Tally] = {}
    changed: list[Question] = []
    deadline = asyncio.get_running_loop().time() + seconds
    askers = [asker(port, questions, random.Random(seed + i), deadline, tallies, reference,
                    changed, timeout) for i in range(clients)]
    askers += [asker(port, spoken or [], random.Random(seed), deadline, tallies, reference,
                     changed, timeout + 120) for _ in range(voice_clients)]
    await asyncio.gather(*askers)
    return tallies, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent askers")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=10.0, help="per request, seconds")
    parser.add_argument("--voice-clients", type=int, default=0,
                        help="spoken askers alongside (the server loads Whisper)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    questions = load_questions(QUESTIONS)
    voice = args.voice_clients > 0
    spoken = [Question("What day is the market?", "en", "voice",
                       spoken_question("What day is the market?"))] if voice else []
    server, port = start_server(voice=voice)
    try:
        server_cpu0, client_cpu0 = cpu_seconds(server.pid), time.process_time()
        busy0 = machine_busy_seconds()
        t0 = time.perf_counter()
        tallies, changed = asyncio.run(run(port, args.clients, args.seconds, args.seed,
                                           args.timeout, questions, spoken,
                                           args.voice_clients))
        wall = time.perf_counter() - t0
        server_cpu = cpu_seconds(server.pid) - server_cpu0
        client_cpu = time.process_time() - client_cpu0
        other_cpu = machine_busy_seconds() - busy0 - server_cpu - client_cpu
    finally:
        server.terminate()
        server.wait(10)
    total = Tally()  # typed questions only: spoken ones have their own row
    for kind, tally in tallies.items():
        if kind == "voice":
            continue
        total.latencies.extend(tally.latencies)
        for what, count in tally.errors.items():
            total.errors[what] = total.errors.get(what, 0) + count
    rows = [summarise(kind, tallies[kind], args.seconds) for kind in sorted(tallies)
            if kind != "voice"]
    if args.clients:
        rows.append(summarise("all text", total, args.seconds))
    if "voice" in tallies:
        rows.append(summarise("voice", tallies["voice"], args.seconds))
    result = {"clients": args.clients, "voice_clients": args.voice_clients,
              "seconds": args.seconds, "cores": os.cpu_count(), "rows": rows,
              "changed_answers": len(changed),
              "server_cpu_pct": 100 * server_cpu / wall, "client_cpu_pct": 100 * client_cpu / wall,
              "other_cpu_pct": max(0.0, 100 * other_cpu / wall)}
    if args.json:
        print(json.dumps(result))
        return
    spoken = f" + {args.voice_clients} spoken" if args.voice_clients else ""
    print(f"{args.clients} typed{spoken} askers, {args.seconds:.0f} s, {os.cpu_count()} cores; "
          f"CPU: server {result['server_cpu_pct']:.0f} %, load generator "
          f"{result['client_cpu_pct']:.0f} %, other processes {result['other_cpu_pct']:.0f} % "
          "(100 % = one core)")
    print("| kind     | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | 503 |")
    print("|----------|---------:|------:|-------:|-------:|-------:|-------:|-------:|----:|")
    for row in rows:
        print(f"| {row['kind']:<8} | {row['requests']:>8} | {row['per_s']:>5.0f} | "
              f"{row['p50_ms']:>6.1f} | {row['p95_ms']:>6.1f} | {row['p99_ms']:>6.1f} | "
              f"{row['max_ms']:>6.1f} | {row['errors']:>6} | {row['busy_503']:>3} |")
    errors = [f"{kind}: {what} x{count}" for kind, tally in sorted(tallies.items())
              for what, count in sorted(tally.errors.items())]
    if errors:
        print("errors: " + ", ".join(errors))
    if changed:
        print(f"answers that differ from the same question's first answer: {len(changed)} "
              f"({', '.join(sorted({q.text for q in changed})[:3])}...)")


if __name__ == "__main__":
    main()
