"""End of speech → first and last answer sample: Guichet, a naive chain, the Wyoming chain.

A benchmark, not a test. The same recorded questions (``bench/questions/*.wav``, English,
4–6 s, said once by the bundled Piper voice and kept) are played at real-time pace, in
100-ms blocks like a microphone, into three chains in ONE run:

1. ``guichet``: the kiosk's pipeline — the question is transcribed piece by piece while
   it is "spoken" (short encoder), answered, its first breath synthesized and handed out
   while the rest is synthesized.
2. ``naive``: the same engine objects in sequence — transcribe all, answer, synthesize
   every sentence, then the first sample is available.
3. ``wyoming``: ``wyoming-faster-whisper`` and ``wyoming-piper`` on 127.0.0.1 with the
   same model files, driven with the ``wyoming`` client library as Home Assistant does
   (audio chunks streamed as they come, ``AudioStop``, transcript; the same answer text
   sent to Piper, streamed synthesis when the server offers it).

End of speech is the moment the last block of the recording is delivered (the visitor
releases the button; each recording ends with Piper's 0.25-s pause after its last word);
every chain gets the same blocks at the same pace. First sample:
the first answer audio in hand, ready for the sound card. Runs alternate the chains
within each round so machine noise spreads over all three.

    .venv/bin/python bench/turn_latency.py [--model tiny.en|base] [--runs 15]
        [--cores 1] [--json] [--no-rss]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from guichet.content.pack.loader import DEMO_PACK
from guichet.kiosk.compose import build_pipeline, load_town_pack
from guichet.kiosk.config import GuichetConfig
from guichet.voice.audio import STT_RATE, read_audio, write_wav
from guichet.voice.listen import SileroStream
from guichet.voice.pipeline import Answered, Heard, Pipeline, TurnDone
from guichet.voice.speakable import speakable
from guichet.voice.tts import SpeechChunk

ROOT = Path(__file__).resolve().parent.parent

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
QUESTIONS = [
    "Excuse me, I would like to know how much a passport costs for an adult, please.",
    "Hello, could you tell me what time the town hall closes on Saturday morning?",
    "Good morning, on which day of the week does the market take place in the village?",
    "Hello, could you please tell me the phone number of the library in town?",
    "Excuse me, when does the next bus leave for the railway station from the town hall?",
]
BLOCK_S = 0.1


def make_questions(pipeline: Pipeline) -> None:
    """Say each question once with the bundled voice into a WAV (kept in git)."""
    assert pipeline.tts is not None
    QUESTIONS_DIR.mkdir(exist_ok=True)
    for i, text in enumerate(QUESTIONS, 1):
        chunks = list(pipeline.tts.synthesize(text, "en", 1.1))  # an unhurried visitor
        write_wav(QUESTIONS_DIR / f"q{i}.wav", b"".join(c.pcm for c in chunks),
                  chunks[0].sample_rate)


def load_questions() -> list[tuple[str, np.ndarray]]:
    """(file name, 16-kHz samples) of each recorded question."""
    return [(path.name, read_audio(path, 30).samples)
            for path in sorted(QUESTIONS_DIR.glob("q*.wav"))]


def word_errors(reference: str, heard: str) -> tuple[int, int]:
    """Word-level edit distance after folding case and punctuation, and the reference's
    length (Whisper writes "centre" and numbers its own way: these questions have none)."""
    ref = re.sub(r"[^a-z0-9' ]", " ", reference.lower()).split()
    hyp = re.sub(r"[^a-z0-9' ]", " ", heard.lower()).split()
    row = list(range(len(hyp) + 1))
    for i, word in enumerate(ref, 1):
        diagonal, row[0] = row[0], i
        for j, other in enumerate(hyp, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           diagonal + (word != other))
    return row[-1], len(ref)


def paced(samples: np.ndarray) -> Iterator[np.ndarray]:
    """Blocks of ``samples`` at the pace a microphone delivers them."""
    block = int(BLOCK_S * STT_RATE)
    start = time.perf_counter()
    for k, i in enumerate(range(0, len(samples), block)):
        wait = start + (k + 1) * BLOCK_S - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        yield samples[i:i + block]


Result = dict[str, float]


def run_guichet(pipeline: Pipeline, samples: np.ndarray) -> Result:
    stream = pipeline.stream("en")
    assert stream is not None, "the pipeline cannot stream (short encoder off?)"
    vad = SileroStream()
    for block in paced(samples):
        stream.push(block, vad.probabilities(block))
    end = time.perf_counter()
    out: Result = {}
    for event in pipeline.turn(stream=stream, lang="en"):
        now = time.perf_counter() - end
        if isinstance(event, Heard):
            out["stt_s"] = now
            out["text"] = event.transcript.text  # type: ignore[assignment]
        elif isinstance(event, Answered):
            out["answer_s"] = now
        elif isinstance(event, SpeechChunk) and "first_s" not in out:
            out["first_s"] = now
        elif isinstance(event, TurnDone):
            out["last_s"] = now
    return out


def run_naive(pipeline: Pipeline, samples: np.ndarray) -> Result:
    assert pipeline.stt is not None and pipeline.tts is not None
    kept = list(paced(samples))
    end = time.perf_counter()
    text = pipeline.stt.transcribe(np.concatenate(kept), "en", pipeline.hotwords).text
    stt_s = time.perf_counter() - end
    answer = pipeline.answerer.answer(text, "en")
    answer_s = time.perf_counter() - end
    chunks = list(pipeline.tts.synthesize(speakable(answer.text, "en"), "en"))
    done = time.perf_counter() - end
    assert chunks
    return {"stt_s": stt_s, "answer_s": answer_s, "first_s": done, "last_s": done,
            "text": text}  # type: ignore[dict-item]


async def _wyoming_turn(stt_url: str, tts_url: str, pipeline: Pipeline,
                        samples: np.ndarray) -> Result:
    from wyoming.asr import Transcribe, Transcript
    from wyoming.audio import AudioChunk, AudioStart, AudioStop
    from wyoming.client import AsyncTcpClient
    from wyoming.info import Describe, Info
    from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop

    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    async with AsyncTcpClient.from_uri(stt_url) as stt:
        await stt.write_event(Transcribe(language="en").event())
        await stt.write_event(AudioStart(rate=STT_RATE, width=2, channels=1).event())
        block = int(BLOCK_S * STT_RATE)
        start = time.perf_counter()
        for k, i in enumerate(range(0, len(pcm), block)):
            wait = start + (k + 1) * BLOCK_S - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            chunk = AudioChunk(rate=STT_RATE, width=2, channels=1,
                               audio=pcm[i:i + block].tobytes())
            await stt.write_event(chunk.event())
        await stt.write_event(AudioStop().event())
        end = time.perf_counter()
        while True:
            event = await stt.read_event()
            if event is None:
                raise RuntimeError("wyoming-faster-whisper closed the connection")
            if Transcript.is_type(event.type):
                text = Transcript.from_event(event).text
                break
    out: Result = {"stt_s": time.perf_counter() - end, "text": text}  # type: ignore[dict-item]
    answer = pipeline.answerer.answer(text, "en")
    out["answer_s"] = time.perf_counter() - end
    said = speakable(answer.text, "en")
    async with AsyncTcpClient.from_uri(tts_url) as tts:
        await tts.write_event(Describe().event())
        info_event = await tts.read_event()
        info = Info.from_event(info_event) if info_event else None
        streaming = bool(info and info.tts and any(
            getattr(program, "supports_synthesize_streaming", False) for program in info.tts))
        if streaming:
            # The best the Wyoming chain offers: text streamed, audio per sentence.
            await tts.write_event(SynthesizeStart().event())
            await tts.write_event(SynthesizeChunk(text=said).event())
            await tts.write_event(Synthesize(text=said).event())
            await tts.write_event(SynthesizeStop().event())
        else:
            await tts.write_event(Synthesize(text=said).event())
        while True:
            event = await tts.read_event()
            if event is None:
                raise RuntimeError("wyoming-piper closed the connection")
            if AudioChunk.is_type(event.type) and "first_s" not in out:
                out["first_s"] = time.perf_counter() - end
            elif AudioStop.is_type(event.type):
                out["last_s"] = time.perf_counter() - end
                if not streaming:
                    break
            elif streaming and event.type == "synthesize-stopped":
                break
    out["streaming_tts"] = float(streaming)
    return out


def run_wyoming(servers: tuple[str, str], pipeline: Pipeline, samples: np.ndarray) -> Result:
    return asyncio.run(_wyoming_turn(servers[0], servers[1], pipeline, samples))


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p90": p90}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from tests.support.engine_servers import start_wyoming_piper, start_wyoming_whisper

    cores = list(range(args.cores)) if args.cores else None
    if cores:
        os.sched_setaffinity(0, set(cores))
    config = GuichetConfig(pack=DEMO_PACK)
    config.stt.model = args.model
    config.stt.cpu_threads = len(cores) if cores else 0
    if args.model.endswith(".en"):
        config.languages = ["en"]  # an English-only model serves an English-only kiosk
    pack = load_town_pack(config)
    pipeline = build_pipeline(config, pack, with_stt=True, with_tts=True)
    pipeline.warm_up()
    if not load_questions():
        make_questions(pipeline)
    questions = load_questions()
    assert pipeline.stt is not None
    model_dir = Path(pipeline.stt.resolved.location)
    work = Path(tempfile.mkdtemp(prefix="guichet-bench-"))
    stt_server = start_wyoming_whisper(work / "stt", cores, model=model_dir)
    tts_server = start_wyoming_piper(work / "tts", cores)
    chains: dict[str, Callable[[np.ndarray], Result]] = {
        "guichet": lambda s: run_guichet(pipeline, s),
        "naive": lambda s: run_naive(pipeline, s),
        "wyoming": lambda s: run_wyoming((stt_server.url, tts_server.url), pipeline, s),
    }
    results: dict[str, list[Result]] = {name: [] for name in chains}
    try:
        for chain in chains.values():  # one warm-up turn each, not counted
            chain(questions[0][1])
        for run in range(args.runs):
            name_, samples = questions[run % len(questions)]
            said = QUESTIONS[int(name_[1:-4]) - 1]
            order = list(chains)
            order = order[run % 3:] + order[:run % 3]
            for name in order:
                result = chains[name](samples)
                result["errors"], result["words"] = word_errors(said, str(result["text"]))
                results[name].append(result)
    finally:
        stt_server.stop()
        tts_server.stop()
    table: dict[str, Any] = {"model": args.model, "cores": args.cores or os.cpu_count(),
                             "runs": args.runs, "questions": len(questions),
                             "audio_s": statistics.median(len(s) / STT_RATE
                                                          for _, s in questions)}
    for name, rows in results.items():
        table[name] = {key: summary([float(r[key]) for r in rows])
                       for key in ("stt_s", "answer_s", "first_s", "last_s")}
        table[name]["wer"] = (sum(r["errors"] for r in rows)
                              / max(1, sum(r["words"] for r in rows)))
    base = table["guichet"]["first_s"]["median"]
    for name in results:
        table[f"{name}_first_s"] = table[name]["first_s"]["median"]
        table[f"{name}_last_s"] = table[name]["last_s"]["median"]
        table[f"{name}_ratio_first"] = table[name]["first_s"]["median"] / base
    return table


def kiosk_rss(model: str) -> float:
    import subprocess

    out = subprocess.run([sys.executable, "-m", "bench.kiosk_rss",
                          "--model", model, "--json"], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return float(json.loads(out.stdout)["peak_rss_mb"])


def print_table(table: dict[str, Any]) -> None:
    print(f"model {table['model']}, {table['cores']} core(s), {table['runs']} turns per chain "
          f"over {table['questions']} questions (median {table['audio_s']:.1f} s)")
    print(f"{'chain':<9} {'stt':>13} {'answer':>13} {'first sample':>15} "
          f"{'last sample':>15} {'first vs guichet':>17} {'WER':>6}")
    for name in ("guichet", "naive", "wyoming"):
        row = table[name]
        cells = [f"{row[k]['median']:.3f}/{row[k]['p90']:.3f}"
                 for k in ("stt_s", "answer_s", "first_s", "last_s")]
        print(f"{name:<9} {cells[0]:>13} {cells[1]:>13} {cells[2]:>15} {cells[3]:>15} "
              f"{table[f'{name}_ratio_first']:>16.2f}× {row['wer']:>6.3f}")
    print("(seconds from the end of speech to: transcript, answer text, first and last "
          "answer sample; median/p90)")
    if "guichet_rss_mb" in table:
        print(f"kiosk peak RSS: {table['guichet_rss_mb']:.0f} MB with {table['model']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="tiny.en", help="tiny.en (default) or base")
    parser.add_argument("--runs", type=int, default=15,
                        help="turns per chain, cycling over the questions (at least 10)")
    parser.add_argument("--cores", type=int, default=0, help="pin everything to N cores")
    parser.add_argument("--no-rss", action="store_true",
                        help="skip the kiosk's peak RSS (measured in a process of its own)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--make-questions", action="store_true",
                        help="say the questions again into bench/questions/")
    args = parser.parse_args()
    if args.make_questions:
        config = GuichetConfig(pack=DEMO_PACK)
        make_questions(build_pipeline(config, load_town_pack(config), False, True))
        return
    table = measure(args)
    if not args.no_rss:
        table["guichet_rss_mb"] = kiosk_rss(args.model)
    if args.json:
        print(json.dumps(table, ensure_ascii=False))
    else:
        print_table(table)


if __name__ == "__main__":
    main()
