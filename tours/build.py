"""``guichet tour build``: narration rendered per language, cached by content, and the site.

Each (stop, language) is spoken by the Piper voice of that language: the stop's
``spoken`` text if it has one, else its narration, respelled by the tour's
``pronunciation`` table, numbers and years in words. It is encoded as MP3 and named by a
hash of everything that shapes the sound: a rebuild only renders what changed, and loads
no voice when nothing did. A language without a voice gets transcripts only, with one
warning. Recorded narrations are transcoded instead. Narrations are rendered in parallel
processes, one per core, each loading the voices once on one onnxruntime thread (longest
texts first).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from guichet.tours.atomic import SiteWriteError
from guichet.tours.model import INTRO, Tour
from guichet.tours.site import write_site
from guichet.voice.audio import decode_pcm, encode_mp3
from guichet.voice.speakable import pronounce, speakable
from guichet.voice.tts import PiperTTS, TtsConfig, choose_voices

_LOGGER = logging.getLogger(__name__)

FORMAT = "mp3-64k-v1"
"""Bump when the encoding changes: every cached file is then rendered again."""


@dataclass
class BuildReport:
    """What a build did."""

    rendered: int = 0
    """Narrations synthesized or transcoded this time."""
    reused: int = 0
    """Narrations found in the cache (unchanged)."""
    text_only: list[str] = field(default_factory=list)
    """Languages without a voice: transcripts only."""
    seconds: float = 0.0
    """Wall time of the build."""
    workers: int = 0
    """Processes that rendered narrations (0: nothing to render)."""
    assets: int = 0
    """Files listed for offline use."""


@dataclass(frozen=True)
class _Job:
    key: tuple[str, str]
    lang: str
    text: str
    recording: Path | None
    name: str


def _jobs(tour: Tour, voices: dict[str, str], config: TtsConfig) -> list[_Job]:
    jobs = []
    no_audio: dict[str, Path] = {}
    items = [(INTRO, tour.intro, no_audio)] + [
        (s.id, {lang: s.speech(lang) for lang in tour.languages}, s.audio) for s in tour.stops]
    for stop_id, texts, recordings in items:
        for lang in tour.languages:
            recording = recordings.get(lang)
            text = texts.get(lang, "")
            if recording is None and (not text or lang not in voices):
                continue
            said = speakable(pronounce(text, tour.pronunciation.get(lang, {})), lang)
            shape = {"format": FORMAT, "text": said, "voice": voices.get(lang),
                     "length_scale": config.length_scale,
                     "silence": config.sentence_silence_s,
                     "recording": hashlib.sha256(recording.read_bytes()).hexdigest()
                     if recording else None}
            digest = hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()
            jobs.append(_Job((stop_id, lang), lang, said, recording,
                             f"audio/{stop_id}-{lang}-{digest[:12]}.mp3"))
    return jobs


PARALLEL_FROM = 12
"""Narrations to render from which the default build starts a process per core: a
process takes about 2 s to start and load its voices (6 narrations: 6.0 s in 2 processes,
4.8 s in one; 42: 27 s against 34 s)."""


def worker_count(jobs: int, cores: int | None = None) -> int:
    """Processes to render ``jobs`` narrations: ``cores`` if given, else one per core
    (one below ``PARALLEL_FROM`` jobs); never more than the jobs. Each runs its voices
    on one onnxruntime thread.

    Measured on 2 cores (bench/tour_build.py, 20 stops x 2 languages, see bench/README):
    two single-threaded processes beat one process whose voice uses both cores, since
    the MP3 encoding and Piper's phonemizer of one overlap the synthesis of the other."""
    if cores is None and jobs < PARALLEL_FROM:
        return min(jobs, 1)
    count = cores if cores is not None else (os.cpu_count() or 1)
    if cores is None and (available := available_memory()) is not None:
        count = min(count, max(1, available // MEMORY_PER_WORKER))
    return max(0, min(jobs, count))


MEMORY_PER_WORKER = 1 << 30
"""Memory a rendering process may reach: 0.74 GB measured for two medium voices (the
onnxruntime arena grows with the longest sentence). A Raspberry Pi with 4 GB and 4 cores
renders in 3 processes, not 4."""


def available_memory() -> int | None:
    """Bytes the system can give without swapping (Linux's MemAvailable), or None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo.read(8192).splitlines():
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


_TTS: PiperTTS | None = None  # the voices of a worker process, loaded once


def _start_worker(config: TtsConfig, languages: tuple[str, ...], threads: int | None) -> None:
    global _TTS  # noqa: PLW0603 - one set of voices per worker process
    _TTS = PiperTTS(config, languages, threads)


def _render(job: _Job, out: Path) -> tuple[int, int | None, str | None]:
    """Speak or transcode one narration into ``out``: the worker's pid (for the report),
    and the errno and reason of a failed write (a full disk), or None, None."""
    if job.recording is not None:
        pcm, rate = decode_pcm(job.recording, 22_050), 22_050
    else:
        assert _TTS is not None, "voices are loaded by _start_worker"
        chunks = list(_TTS.synthesize(job.text, job.lang))
        pcm, rate = b"".join(c.pcm for c in chunks), chunks[0].sample_rate
    try:
        encode_mp3(pcm, rate, out / job.name)  # written aside, then renamed
    except OSError as err:  # said by the parent with the file, not as a traceback
        return os.getpid(), err.errno, err.strerror or str(err)
    return os.getpid(), None, None


def _rendered(job: _Job, out: Path, result: tuple[int, int | None, str | None]) -> int:
    pid, errno, reason = result
    if reason is not None:
        raise SiteWriteError(out / job.name, OSError(errno, reason))
    return pid


def _render_all(todo: list[_Job], out: Path, config: TtsConfig, languages: tuple[str, ...],
                workers: int, done: Callable[[_Job], None]) -> set[int]:
    """Render every job, in ``workers`` processes (in this one if 1); pids that did.

    The longest texts start first; results are taken in tour order, so that a failed
    write is reported for the first failing narration of the tour, whatever the timing.
    """
    global _TTS  # noqa: PLW0603 - the voices of this process, dropped once done
    longest = sorted(todo, key=lambda job: len(job.text), reverse=True)
    if workers <= 1:
        _start_worker(config, languages, None)  # alone: the voice may use every core
        try:
            pids = set()
            for job in todo:
                pids.add(_rendered(job, out, _render(job, out)))
                done(job)
            return pids
        finally:
            _TTS = None
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    with ProcessPoolExecutor(workers, context, _start_worker, (config, languages, 1)) as pool:
        futures = {job.key: pool.submit(_render, job, out) for job in longest}
        try:
            pids = set()
            for job in todo:
                pids.add(_rendered(job, out, futures[job.key].result()))
                done(job)
            return pids
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def build_tour(tour: Tour, out: Path, config: TtsConfig, progress: bool = True,
               cores: int | None = None) -> BuildReport:
    """Render what changed (in ``cores`` processes, default one per core) and write
    the site into ``out``."""
    start = time.perf_counter()
    report = BuildReport()
    chosen = choose_voices(config, tour.languages)
    voices = {lang: info.name for lang, info in chosen.items()}
    report.text_only = [lang for lang in tour.languages if lang not in voices]
    jobs = _jobs(tour, voices, config)
    todo = [job for job in jobs if not (out / job.name).is_file()]
    report.reused = len(jobs) - len(todo)
    workers = worker_count(len(todo), cores)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}"
                  "/{task.total}"), TimeRemainingColumn(), disable=not progress) as bar:
        task = bar.add_task("Narrations", total=len(todo))

        def done(job: _Job) -> None:
            bar.update(task, description=f"{job.key[0]} ({job.lang})", advance=1)
            report.rendered += 1

        if todo:  # voices load only when something must be spoken
            report.workers = len(_render_all(todo, out, config, tuple(voices), workers, done))
    keep = {job.name for job in jobs}
    for old in (out / "audio").glob("*.mp3*") if (out / "audio").is_dir() else ():
        if f"audio/{old.name}" not in keep:
            old.unlink()  # a narration that changed, or the rest of a failed build, goes
    audio: dict[tuple[str, str], str | None] = {job.key: job.name for job in jobs}
    report.assets = len(write_site(tour, out, audio))
    report.seconds = time.perf_counter() - start
    return report
