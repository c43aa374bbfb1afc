"""Builds the speech engines a configuration asks for: local, or a server with a fallback.

Either way the pipeline gets a :class:`~voice.protocols.Recognizer` and a
:class:`~voice.protocols.Synthesizer`.
"""

from __future__ import annotations

import logging

from guichet.voice.fallback import Breaker, FallbackSpeech, FallbackWhisper, Standby
from guichet.voice.protocols import Recognizer, Synthesizer
from guichet.voice.remote_stt import (
    OpenAITranscriber,
    RemoteWhisper,
    Transcriber,
    WyomingTranscriber,
)
from guichet.voice.remote_tts import OpenAISpeaker, Speaker, WyomingSpeaker
from guichet.voice.stt import LocalWhisper, SttConfig
from guichet.voice.tts import PiperTTS, TtsConfig, add_voice_hint, choose_voices

_LOGGER = logging.getLogger(__name__)


def build_stt(config: SttConfig, languages: tuple[str, ...]) -> Recognizer:
    """The configured recogniser; a remote one has the local Whisper behind it."""
    if config.engine == "local":
        return LocalWhisper(config, languages)
    remote = config.remote
    transcriber: Transcriber = (WyomingTranscriber(remote) if config.engine == "wyoming"
                                else OpenAITranscriber(remote))
    local = None if remote.fallback == "none" else Standby(
        lambda: LocalWhisper(config, languages), eager=remote.fallback == "local")
    _LOGGER.info("Speech recognition: %s (budget %.1f s, fallback: %s)", transcriber.label,
                 remote.timeout_s, remote.fallback)
    return FallbackWhisper(RemoteWhisper(transcriber, languages, tuple(config.hotwords)),
                           local, Breaker(remote.retry_after_s))


def build_tts(config: TtsConfig, languages: tuple[str, ...]) -> Synthesizer:
    """The configured synthesizer; a remote one has the local voices behind it."""
    if config.engine == "local":
        return PiperTTS(config, languages)
    remote = config.remote
    speaker: Speaker = (WyomingSpeaker(remote) if config.engine == "wyoming"
                        else OpenAISpeaker(remote))
    local: Standby[PiperTTS] | None = None
    found: frozenset[str] = frozenset()
    if remote.fallback != "none":
        # Piper's own warnings would say "text only" for languages the server speaks.
        tts_log = logging.getLogger("guichet.voice.tts")
        level = tts_log.level
        tts_log.setLevel(logging.ERROR)
        try:
            found = frozenset(choose_voices(config, languages))
            local = Standby(lambda: PiperTTS(config, tuple(found)),
                            eager=remote.fallback == "local" and bool(found))
        finally:
            tts_log.setLevel(level)
    for lang in languages:
        if lang in found:
            continue
        if speaker.serves(lang):
            _LOGGER.info("No local voice for '%s': while %s is down, answers in '%s' are "
                         "shown as text only", lang, speaker.label, lang)
        else:
            _LOGGER.warning("No voice for '%s' (tts.remote.voices leaves it out and none is "
                            "installed here): answers in '%s' are shown as text only; %s",
                            lang, lang, add_voice_hint(lang, config))
    _LOGGER.info("Speech synthesis: %s (budget %.1f s a sentence, fallback: %s)",
                 speaker.label, remote.timeout_s, remote.fallback)
    return FallbackSpeech(speaker, local, found, Breaker(remote.retry_after_s),
                          config.length_scale, config.sentence_silence_s)
