"""One turn: speech (or typed text) -> transcript -> answer -> speech, streamed.

``Pipeline.turn`` is a synchronous generator of events; the caller (CLI, kiosk thread)
plays each :class:`~voice.protocols.SpeechChunk` as it arrives, so the first sentence is
heard while the next ones are still being synthesized. Every turn carries its stage
timings. Without a synthesizer (the ask server) a turn ends with its answer's text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import cast

import numpy as np

from guichet.content.answer.embedded import Answer, Answerer
from guichet.voice.audio import STT_RATE, Audio
from guichet.voice.breath import breaths
from guichet.voice.errors import VoiceError
from guichet.voice.phrases import phrase
from guichet.voice.prefetch import ahead
from guichet.voice.protocols import (
    Recognizer,
    SpeechChunk,
    StreamConfig,
    StreamSession,
    Synthesizer,
    Transcript,
)
from guichet.voice.speakable import speakable

_LOGGER = logging.getLogger(__name__)


@dataclass
class Timings:
    """Seconds spent in each stage of one turn (None when the stage did not run)."""

    audio_s: float | None = None
    """Length of the question's audio."""
    stt_s: float | None = None
    """Speech recognition, start to final transcript."""
    answer_s: float | None = None
    """Answering, transcript to complete answer text."""
    tts_first_s: float | None = None
    """Synthesis of the first sentence, answer text to first audio chunk."""
    first_audio_s: float | None = None
    """Start of the turn (end of speech) to first audio chunk: what a visitor waits."""
    total_s: float | None = None
    """Start of the turn to the last audio chunk."""


@dataclass(frozen=True)
class Heard:
    """The question as understood."""

    transcript: Transcript


@dataclass(frozen=True)
class Answered:
    """The answer text, before its speech."""

    answer: Answer
    spoken: bool
    """False when no voice exists for the answer's language (text only)."""


@dataclass(frozen=True)
class TurnDone:
    """The end of a turn."""

    timings: Timings


Event = Heard | Answered | SpeechChunk | TurnDone


class LanguageNotConfigured(VoiceError):
    """A language was asked for that the town does not serve."""


class Pipeline:
    """The voice chain of one town: engines loaded once, turns run one after another.

    ``languages`` are the town's, its own first; ``hotwords`` the words the recogniser
    should favour (the town's name; the engine adds the configured ``stt.hotwords``).
    """

    def __init__(
        self, languages: tuple[str, ...], answerer: Answerer, stt: Recognizer | None,
        tts: Synthesizer | None, hotwords: tuple[str, ...] = (),
        stream: StreamConfig | None = None, place: str = "",
    ) -> None:
        self.languages = languages
        self.place = place
        """The town's name, for messages ("" where there is none to give)."""
        self.answerer = answerer
        self.stt = stt
        self.tts = tts
        self.hotwords = hotwords
        self.stream_config = stream or StreamConfig()
        self._worker: ThreadPoolExecutor | None = None

    def stream(self, lang: str | None = None) -> StreamSession | None:
        """A session to feed while the visitor speaks; None when the engine cannot stream
        (a remote engine, the short encoder switched off): transcribe the audio instead."""
        self.check_language(lang)
        if self.stt is None:
            return None
        if self._worker is None:
            # One thread: pieces of one question are decoded in order, one at a time.
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="guichet-stt")
        return self.stt.stream(lang, self.hotwords, self.stream_config, self._worker)

    def warm_up(self) -> None:
        """Run each engine once, so the first visitor does not wait for lazy set-ups."""
        started = time.perf_counter()
        if self.stt is not None:
            self.stt.transcribe(np.zeros(STT_RATE, dtype=np.float32), self.languages[0])
        if self.tts is not None:
            for lang in self.languages:
                for _ in self.tts.synthesize("Bonjour." if lang == "fr" else "Hello.", lang):
                    pass
        _LOGGER.debug("engines warmed up in %.2f s", time.perf_counter() - started)

    def check_language(self, lang: str | None) -> None:
        if lang is not None and lang not in self.languages:
            where = f"for {self.place}" if self.place else "here"
            raise LanguageNotConfigured(
                f"language '{lang}' is not configured {where} "
                f"(configured: {', '.join(self.languages)})"
            )

    def turn(
        self, audio: Audio | None = None, text: str | None = None, lang: str | None = None,
        length_scale: float | None = None,
        speech_text: Callable[[str, str], str] | None = None,
        stream: StreamSession | None = None,
    ) -> Iterator[Event]:
        """Run one turn from ``audio``, typed ``text`` or a :meth:`stream` fed while the
        visitor spoke (called at the end of speech); ``lang`` imposes the language.

        ``speech_text(text, lang)`` reshapes what is said (not what is shown), e.g. the
        kiosk's seniors mode reading phone numbers in pairs.
        """
        self.check_language(lang)
        timings = Timings()
        start = time.perf_counter()
        if stream is not None:
            transcript = stream.finish()
            timings.stt_s = time.perf_counter() - start
            if audio is not None:
                timings.audio_s = audio.duration_s
        elif audio is not None:
            if self.stt is None:
                raise VoiceError("speech recognition is not loaded; ask with text instead")
            timings.audio_s = audio.duration_s
            transcript = self.stt.transcribe(audio.samples, lang, hotwords=self.hotwords)
            timings.stt_s = time.perf_counter() - start
        else:
            from guichet.content.understand.text import guess_language

            question = (text or "").strip()
            transcript = Transcript(question, lang or guess_language(question, self.languages),
                                    1.0)
        yield Heard(transcript)
        t_answer = time.perf_counter()
        if transcript.heard:
            answer = self.answerer.answer(transcript.text, transcript.language)
            parts = [(answer.language, answer.text)]
        else:
            # Nobody knows the visitor's language yet: say it in each of the town's.
            langs = [lang] if lang else list(self.languages)
            parts = [(x, phrase("not_heard", x)) for x in langs]
            answer = Answer(" ".join(t for _, t in parts), langs[0], [], declined=True)
        timings.answer_s = time.perf_counter() - t_answer
        voiced = [(x, t) for x, t in parts if self.tts is not None and self.tts.has_voice(x)]
        if len(voiced) < len(parts):
            _LOGGER.debug("no voice for %s: text only", [x for x, _ in parts])
        yield Answered(answer, bool(voiced))
        t_tts = time.perf_counter()
        tts = self.tts

        def speech() -> Iterator[SpeechChunk]:
            if tts is None:
                return
            for part_lang, part_text in voiced:
                said = speech_text(part_text, part_lang) if speech_text else part_text
                # Cut the written text: the spoken form of a phone number has commas.
                for piece in breaths(said, part_lang):
                    yield from tts.synthesize(speakable(piece, part_lang), part_lang,
                                              length_scale)

        # Sentences are synthesized while the ones before them play. Nothing to say (no
        # synthesizer, as in the ask server, or no voice): no thread to start for it.
        chunks = cast(Generator[SpeechChunk, None, None],
                      ahead(speech) if voiced else speech())
        try:
            for chunk in chunks:
                now = time.perf_counter()
                if timings.tts_first_s is None:
                    timings.tts_first_s = now - t_tts
                    timings.first_audio_s = now - start
                yield chunk
        finally:
            chunks.close()
        timings.total_s = time.perf_counter() - start
        _LOGGER.debug("turn timings: %s", timings)
        yield TurnDone(timings)
