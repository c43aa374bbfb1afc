"""Text to speech with Piper: one voice per language, one audio chunk per sentence.

A language with no installed voice is not an error: the answer is shown as text and one
warning says how to add a voice. Voices are found in the bundled package and in the
configured voice folders (where ``guichet voices add`` puts them).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from guichet.voice import bundled, dirs
from guichet.voice.download import VOICE_LIST, example_voice
from guichet.voice.protocols import SpeechChunk, Synthesizer
from guichet.voice.remote_config import ENGINES, Check, RemoteTtsConfig, check_remote

if TYPE_CHECKING:
    from piper import PiperVoice

_LOGGER = logging.getLogger(__name__)


@dataclass
class TtsConfig:
    """How the kiosk speaks."""

    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"engine": ENGINES}

    engine: str = "local"
    """"local" (Piper here), "wyoming" or "openai" (a server, see ``remote``)."""
    remote: RemoteTtsConfig = field(default_factory=RemoteTtsConfig)
    """The server when ``engine`` is not local; the local voices are its fallback."""
    voices: dict[str, str] = field(default_factory=dict)
    """Language -> Piper voice name (e.g. ``fr_FR-siwis-medium``) or path to a .onnx file;
    a language left out takes the first installed voice of that language."""
    voice_dirs: list[str] = field(default_factory=list)
    """Extra folders searched for ``<voice>.onnx`` + ``<voice>.onnx.json``."""
    length_scale: float = 1.0
    """Speech rate: above 1 is slower (seniors mode uses about 1.25)."""
    sentence_silence_s: float = 0.25
    """Pause added after each sentence, in seconds."""

    def problems(self) -> list[Check]:
        return check_remote(self.engine, self.remote)

    def search_dirs(self) -> list[Path]:
        return [Path(d).expanduser() for d in self.voice_dirs] + [dirs.voices_dir()]


@dataclass(frozen=True)
class VoiceInfo:
    """An installed Piper voice."""

    name: str
    """Piper's name, e.g. ``en_US-joe-medium``."""
    language: str
    """ISO 639-1 code, e.g. ``en``."""
    path: Path
    """The .onnx model file (its config is next to it, ``.onnx.json``)."""
    origin: str
    """"bundled" or the folder it was found in."""


def _voice_info(onnx: Path, origin: str) -> VoiceInfo | None:
    config = onnx.with_name(onnx.name + ".json")
    try:
        meta = json.loads(config.read_text(encoding="utf-8"))
        code = str(meta["language"]["code"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        _LOGGER.warning("ignoring voice %s: unreadable %s (%s)", onnx, config.name, err)
        return None
    return VoiceInfo(onnx.name.removesuffix(".onnx"), code.split("_")[0].lower(), onnx, origin)


def installed_voices(config: TtsConfig) -> list[VoiceInfo]:
    """Every voice this machine has: bundled first, then the voice folders."""
    found: list[VoiceInfo] = []
    joe = bundled.piper_joe()
    if joe is not None and (info := _voice_info(joe, "bundled")):
        found.append(info)
    for folder in config.search_dirs():
        if folder.is_dir():
            for onnx in sorted(folder.glob("*.onnx")):
                if (info := _voice_info(onnx, str(folder))) and info.name not in {
                    v.name for v in found
                }:
                    found.append(info)
    return found


def add_voice_hint(lang: str, config: TtsConfig) -> str:
    return (f"to add a voice for '{lang}', with internet: guichet voices add "
            f"{example_voice(lang)} (into {config.search_dirs()[-1]}; voice list: {VOICE_LIST})")


def choose_voices(config: TtsConfig, languages: tuple[str, ...]) -> dict[str, VoiceInfo]:
    """Language -> voice, for the languages that have one; warns once for the others."""
    voices = installed_voices(config)
    chosen: dict[str, VoiceInfo] = {}
    for lang in languages:
        wanted = config.voices.get(lang)
        if wanted:
            path = Path(wanted).expanduser()
            if wanted.endswith(".onnx") and path.is_file():
                info = _voice_info(path, str(path.parent))
            else:
                info = next((v for v in voices if v.name == wanted), None)
            if info is None:
                _LOGGER.warning("Voice '%s' for '%s' is not installed: answers in '%s' are "
                                "shown as text only; %s", wanted, lang, lang,
                                add_voice_hint(lang, config))
                continue
        else:
            info = next((v for v in voices if v.language == lang), None)
            if info is None:
                _LOGGER.warning("No voice installed for '%s': answers in '%s' are shown as "
                                "text only; %s", lang, lang, add_voice_hint(lang, config))
                continue
        chosen[lang] = info
    return chosen


def _load_voice(onnx: Path, threads: int | None) -> PiperVoice:
    """A PiperVoice; its onnxruntime session limited to ``threads`` when given (the
    model is read once: Piper's own loader takes no session options)."""
    import onnxruntime
    from piper import PiperConfig, PiperVoice

    if threads is None:
        return PiperVoice.load(str(onnx))
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    config = json.loads(Path(f"{onnx}.json").read_text(encoding="utf-8"))
    return PiperVoice(config=PiperConfig.from_dict(config),
                      session=onnxruntime.InferenceSession(
                          str(onnx), sess_options=options, providers=["CPUExecutionProvider"]))


class PiperTTS(Synthesizer):
    """Piper voices for the town's languages, loaded once."""

    def __init__(self, config: TtsConfig, languages: tuple[str, ...],
                 threads: int | None = None) -> None:
        """``threads``: onnxruntime threads per voice (default: one per core). A tour
        build runs one single-threaded voice per core: faster than one voice on all."""
        self.config = config
        self.voices = choose_voices(config, languages)
        self._loaded = {lang: _load_voice(v.path, threads) for lang, v in self.voices.items()}
        for lang, info in self.voices.items():
            _LOGGER.info("Voice for %s: %s (%s)", lang, info.name, info.origin)

    def has_voice(self, lang: str) -> bool:
        return lang in self._loaded

    def sample_rate(self, lang: str) -> int:
        return int(self._loaded[lang].config.sample_rate)

    def synthesize(
        self, text: str, lang: str, length_scale: float | None = None
    ) -> Iterator[SpeechChunk]:
        """Yield one chunk per sentence, lazily: the first is ready before the rest."""
        from piper import SynthesisConfig

        voice = self._loaded.get(lang)
        if voice is None:
            return
        scale = length_scale if length_scale is not None else self.config.length_scale
        syn = SynthesisConfig(length_scale=scale)
        rate = int(voice.config.sample_rate)
        pause = b"\0\0" * int(rate * self.config.sentence_silence_s)
        for chunk in voice.synthesize(text, syn_config=syn):
            yield SpeechChunk(chunk.audio_int16_bytes + pause, rate)
