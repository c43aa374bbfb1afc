"""``guichet tour build``: narration rendered per language, cached by content, and the site.

Each (stop, language) is spoken by the Piper voice of that language (numbers in words),
encoded as MP3, and named by a hash of everything that shapes the sound: a rebuild only
renders what changed, and loads no voice when nothing did. A language without a voice
gets transcripts only, with one warning. Recorded narrations are transcoded instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from guichet.tours.atomic import SiteWriteError
from guichet.tours.model import Tour
from guichet.tours.site import write_site
from guichet.voice.audio import decode_pcm, encode_mp3
from guichet.voice.speakable import speakable
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
    items = [("intro", tour.intro, no_audio)] + [(s.id, s.narration, s.audio)
                                                 for s in tour.stops]
    for stop_id, texts, recordings in items:
        for lang in tour.languages:
            recording = recordings.get(lang)
            text = texts.get(lang, "")
            if recording is None and (not text or lang not in voices):
                continue
            shape = {"format": FORMAT, "text": speakable(text, lang), "voice": voices.get(lang),
                     "length_scale": config.length_scale,
                     "silence": config.sentence_silence_s,
                     "recording": hashlib.sha256(recording.read_bytes()).hexdigest()
                     if recording else None}
            digest = hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()
            jobs.append(_Job((stop_id, lang), lang, text, recording,
                             f"audio/{stop_id}-{lang}-{digest[:12]}.mp3"))
    return jobs


def build_tour(tour: Tour, out: Path, config: TtsConfig, progress: bool = True) -> BuildReport:
    """Render what changed and write the site into ``out``."""
    start = time.perf_counter()
    report = BuildReport()
    chosen = choose_voices(config, tour.languages)
    voices = {lang: info.name for lang, info in chosen.items()}
    report.text_only = [lang for lang in tour.languages if lang not in voices]
    jobs = _jobs(tour, voices, config)
    todo = [job for job in jobs if not (out / job.name).is_file()]
    report.reused = len(jobs) - len(todo)
    tts: PiperTTS | None = None
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}"
                  "/{task.total}"), TimeRemainingColumn(), disable=not progress) as bar:
        task = bar.add_task("Narrations", total=len(todo))
        for job in todo:
            bar.update(task, description=f"{job.key[0]} ({job.lang})")
            if job.recording is not None:
                pcm, rate = decode_pcm(job.recording, 22_050), 22_050
            else:
                if tts is None:  # voices load only when something must be spoken
                    tts = PiperTTS(config, tuple(voices))
                chunks = list(tts.synthesize(speakable(job.text, job.lang), job.lang))
                pcm, rate = b"".join(c.pcm for c in chunks), chunks[0].sample_rate
            try:
                encode_mp3(pcm, rate, out / job.name)  # written aside, then renamed
            except OSError as err:  # a full disk: said with the file, not as a traceback
                raise SiteWriteError(out / job.name, err) from None
            report.rendered += 1
            bar.advance(task)
    keep = {job.name for job in jobs}
    for old in (out / "audio").glob("*.mp3*") if (out / "audio").is_dir() else ():
        if f"audio/{old.name}" not in keep:
            old.unlink()  # a narration that changed, or the rest of a failed build, goes
    audio: dict[tuple[str, str], str | None] = {job.key: job.name for job in jobs}
    report.assets = len(write_site(tour, out, audio))
    report.seconds = time.perf_counter() - start
    return report
