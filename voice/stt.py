"""Speech to text with faster-whisper, offline first.

Model resolution, in order: a configured folder; the models shipped by PyPI packages
(tiny.en, multilingual base); a model name for faster-whisper's own download (a town with
internet). Offline with nothing found, the error names what to install.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from guichet.voice import bundled
from guichet.voice.audio import STT_RATE
from guichet.voice.errors import ModelNotFoundError
from guichet.voice.protocols import Recognizer, StreamConfig, Transcript
from guichet.voice.remote_config import ENGINES, Check, RemoteSttConfig, check_remote
from guichet.voice.streaming import StreamingTranscriber
from guichet.voice.whisper_short import ShortWhisper

_LOGGER = logging.getLogger(__name__)


@dataclass
class SttConfig:
    """How the kiosk recognises speech."""

    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"engine": ENGINES}

    engine: str = "local"
    """"local" (faster-whisper here), "wyoming" or "openai" (a server, see ``remote``)."""
    remote: RemoteSttConfig = field(default_factory=RemoteSttConfig)
    """The server when ``engine`` is not local; the local model is its fallback."""
    model: str = "auto"
    """"auto" (bundled base if the town speaks more than English, else tiny.en),
    "tiny.en", "base", a folder with a CTranslate2 Whisper model, or a model name."""
    compute_type: str = "int8"
    """CTranslate2 compute type: int8 is the fastest on a CPU."""
    beam_size: int = 1
    """Beam search width; 1 is greedy and fastest."""
    hotwords: list[str] = field(default_factory=list)
    """Words to favour (street and place names); the town's name is always added."""
    max_audio_s: float = 60.0
    """Longest question accepted, in seconds."""
    cpu_threads: int = 0
    """CPU threads for the model; 0 lets CTranslate2 decide."""
    short_encoder: bool = True
    """Encode only the speech of a short question, not a 30-s window (several times
    faster; see :mod:`voice.whisper_short`). False uses faster-whisper's own path."""

    def problems(self) -> list[Check]:
        return check_remote(self.engine, self.remote)


@dataclass(frozen=True)
class ResolvedModel:
    """Which Whisper model will be loaded, and from where."""

    location: str
    """Folder or model name handed to faster-whisper."""
    multilingual: bool
    """False for English-only models (``*.en``)."""
    origin: str
    """"path", "bundled" or "download": for logs and ``guichet voices``."""


def resolve_model(name: str, languages: tuple[str, ...]) -> ResolvedModel:
    """Find the Whisper model to use; raise :class:`ModelNotFoundError` with a fix."""
    wanted = name.strip()
    as_path = Path(wanted).expanduser()
    if wanted not in ("auto", "tiny.en", "base") and as_path.is_dir():
        if not (as_path / "model.bin").is_file():
            raise ModelNotFoundError(
                f"{as_path} has no model.bin: stt.model must name a folder holding a "
                "CTranslate2 Whisper model (model.bin, config.json, tokenizer.json)"
            )
        return ResolvedModel(str(as_path), not as_path.name.endswith(".en"), "path")
    english_only = set(languages) <= {"en"}
    if wanted == "auto":
        order = ["tiny.en", "base"] if english_only else ["base", "tiny.en"]
    elif wanted in ("tiny.en", "base"):
        order = [wanted]
    else:
        return ResolvedModel(wanted, not wanted.endswith(".en"), "download")
    for candidate in order:
        folder = bundled.whisper_tiny_en() if candidate == "tiny.en" else bundled.whisper_base()
        if folder is not None:
            if candidate == "tiny.en" and not english_only:
                _LOGGER.warning(
                    "The Whisper model in use (tiny.en) understands English only: questions "
                    "in %s will not be understood. Use stt.model 'base' (bundled with %s)",
                    ", ".join(x for x in languages if x != "en"), bundled.MODELS_HINT)
            return ResolvedModel(str(folder), candidate == "base", "bundled")
    raise ModelNotFoundError(
        f"no Whisper model installed for stt.model '{wanted}': install the bundled models "
        f"with {bundled.MODELS_HINT}, or set stt.model to a folder holding a CTranslate2 "
        "Whisper model"
    )


class LocalWhisper(Recognizer):
    """faster-whisper on this machine; loaded once, reused for every turn."""

    def __init__(self, config: SttConfig, languages: tuple[str, ...]) -> None:
        from faster_whisper import WhisperModel

        self.config = config
        self.languages = languages
        self.resolved = resolve_model(config.model, languages)
        try:
            self.model = WhisperModel(
                self.resolved.location, device="cpu", compute_type=config.compute_type,
                cpu_threads=config.cpu_threads,
            )
        except Exception as err:  # noqa: BLE001 - hub errors come in many classes; same fix
            if self.resolved.origin != "download":
                raise ModelNotFoundError(
                    f"cannot load the Whisper model at {self.resolved.location}: {err}"
                ) from None
            raise ModelNotFoundError(
                f"Whisper model '{self.resolved.location}' is not on this machine and could "
                f"not be downloaded ({err.__class__.__name__}). Offline, install the bundled "
                f"models with {bundled.MODELS_HINT} and set stt.model to 'auto'"
            ) from None
        _LOGGER.info("Whisper model: %s (%s)", self.resolved.location, self.resolved.origin)
        self.short = ShortWhisper(self.model, config.beam_size) if config.short_encoder else None
        """The short-audio encoder; also warms the model up (one encoder pass at load)."""

    def stream(self, language: str | None, hotwords: tuple[str, ...], config: StreamConfig,
               worker: ThreadPoolExecutor) -> StreamingTranscriber | None:
        """A transcriber fed while the visitor speaks (None without the short encoder)."""
        if self.short is None or not config.enabled:
            return None
        words = " ".join([*self.config.hotwords, *hotwords])
        return StreamingTranscriber(self.short, self.languages, words, config, worker,
                                    language)

    def transcribe(
        self, samples: np.ndarray, language: str | None = None, hotwords: tuple[str, ...] = ()
    ) -> Transcript:
        """Recognise ``samples`` (16 kHz mono float32); ``language`` imposes one."""
        if not self.resolved.multilingual:
            language = "en"
        words = " ".join([*self.config.hotwords, *hotwords]) or None
        if self.short is not None and self.short.fits(samples):
            return self._transcribe_short(self.short, samples, language, words or "")
        options: dict[str, Any] = {
            "beam_size": self.config.beam_size, "vad_filter": True, "hotwords": words,
            "condition_on_previous_text": False,
        }
        segments, info = self.model.transcribe(samples, language=language, **options)
        chosen = language or info.language
        probability = 1.0 if language else float(info.language_probability)
        if chosen not in self.languages and info.all_language_probs:
            # Detection is restricted to the town's languages: take the likeliest of them
            # and decode again in it, rather than transcribing in a language nobody serves.
            ranked = [(lang, p) for lang, p in info.all_language_probs if lang in self.languages]
            if ranked:
                chosen, probability = ranked[0]
                _LOGGER.debug("detected %s, not configured; using %s", info.language, chosen)
                segments, info = self.model.transcribe(samples, language=chosen, **options)
        text = " ".join(seg.text.strip() for seg in segments).strip()
        if not text or chosen not in self.languages:
            # Silence has no language: report the imposed one, else the town's own.
            chosen, probability = language or self.languages[0], 1.0 if language else 0.0
        return Transcript(text, chosen, float(probability))

    def _transcribe_short(self, short: ShortWhisper, samples: np.ndarray,
                          language: str | None, hotwords: str) -> Transcript:
        from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

        # What faster-whisper's vad_filter does: keep the speech, drop the silences.
        chunks = get_speech_timestamps(samples, VadOptions())
        if not chunks:
            return self._nothing_heard(language)
        speech = np.concatenate(collect_chunks(samples, chunks)[0])
        encoded = short.encode(speech)
        chosen, probability = (language, 1.0) if language else short.detect_language(
            encoded, self.languages)
        decoded = short.decode(encoded, chosen, len(speech) / STT_RATE, hotwords=hotwords)
        if decoded.silent:
            return self._nothing_heard(language)
        return Transcript(decoded.text, chosen, probability)

    def _nothing_heard(self, language: str | None) -> Transcript:
        """Silence has no language: report the imposed one, else the town's own."""
        return Transcript("", language or self.languages[0], 1.0 if language else 0.0)
