"""The ask API apart from HTTP: a typed or spoken question in, a JSON reply out.

Typed questions are answered at once in the request's own thread: the embedded answerer
is safe for concurrent calls, an LLM answerer is bounded by ``answer_slots``. Spoken
questions are decoded, then wait their turn in a bounded
:class:`~kiosk.server.ask_queue.AskQueue` for the server's speech recognition; when the
queue is full the reply is a 503 with ``Retry-After``, and every accepted question gets its
answer or a clear error. Typed questions never wait behind spoken ones.

A spoken question is a turn of the kiosk's :class:`~voice.pipeline.Pipeline` without
speech synthesis: the same transcript, answer and "not heard" reply as at the kiosk.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from guichet.content.answer.embedded import Answer, Answerer
from guichet.kiosk.server.ask_queue import AskQueue, Full, QueueClosed, TicketTimeout
from guichet.voice.audio import Audio, decode_audio
from guichet.voice.errors import AudioInputError, AudioTooLongError
from guichet.voice.pipeline import Answered, Heard, Pipeline, TurnDone
from guichet.voice.protocols import Recognizer, Transcript

_LOGGER = logging.getLogger(__name__)


@dataclass
class ServeConfig:
    """How the ask server listens and what it accepts (``serve:`` in guichet.yaml)."""

    host: str = "127.0.0.1"
    """Interface to bind: loopback unless the town exposes it on purpose."""
    port: int = 8765
    """TCP port (0 picks a free one)."""
    max_body: int = 16_384
    """Largest typed-question request accepted, in bytes (a question is far smaller)."""
    max_question: int = 500
    """Longest question accepted, in characters."""
    voice: bool = True
    """``guichet serve`` accepts spoken questions (loads Whisper once, at start)."""
    max_audio_bytes: int = 6_000_000
    """Largest recording accepted, in bytes: 30 s of 48 kHz stereo WAV fits."""
    max_audio_s: float = 30.0
    """Longest spoken question accepted, in seconds."""
    queue_size: int = 4
    """Spoken questions that may wait for recognition; beyond, 503 with Retry-After."""
    workers: int = 1
    """Spoken questions recognised at once (1 on a 2-core machine)."""
    answer_slots: int = 0
    """Answers computed at once; 0 means no limit (the embedded answerer). With an LLM
    the server uses 1 unless this is set."""
    voice_wait_s: float = 120.0
    """Longest an accepted spoken question may wait and run before a 504."""
    default_turn_s: float = 3.0
    """Turn time assumed for Retry-After before any spoken question has been answered."""
    one_core: bool = True
    """Keep the server's threads on one core and speech recognition on the others. Python
    runs one thread at a time anyway; threads handing the interpreter lock from core to
    core cost more than they gain (2 idle cores, 50 askers: 1,673 -> 2,706 req/s)."""


@dataclass(frozen=True)
class Reply:
    """What the HTTP layer sends back."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _error(status: int, message: str, **extra: Any) -> Reply:
    return Reply(status, {"error": message, **extra})


def _answer_fields(answer: Answer) -> dict[str, Any]:
    return {"answer": answer.text, "language": answer.language, "sources": answer.sources,
            "declined": answer.declined}


class _Slotted:
    """An answerer computing at most ``slots`` answers at once (0: no limit)."""

    def __init__(self, answerer: Answerer, slots: int) -> None:
        self.answerer = answerer
        self._slots: contextlib.AbstractContextManager[Any] = (
            threading.BoundedSemaphore(slots) if slots > 0 else contextlib.nullcontext())

    def answer(self, question: str, lang: str) -> Answer:
        with self._slots:
            return self.answerer.answer(question, lang)


class AskService:
    """Answers typed questions directly and spoken ones through a bounded queue."""

    def __init__(self, answerer: Answerer, languages: tuple[str, ...], config: ServeConfig,
                 recognizer: Recognizer | None = None, hotwords: tuple[str, ...] = ()
                 ) -> None:
        self.answerer = answerer
        self.languages = languages
        self.config = config
        # Spoken and typed questions share the slots (with an LLM, one answer at a time).
        self._slotted = _Slotted(answerer, config.answer_slots)
        self.pipeline: Pipeline | None = None
        """The turn of a spoken question (None: typed questions only)."""
        self.queue: AskQueue[dict[str, Any]] | None = None
        if recognizer is not None:
            self.pipeline = Pipeline(languages, self._slotted, recognizer, None, hotwords)
            self.queue = AskQueue(config.queue_size, config.workers, config.default_turn_s)

    def close(self) -> None:
        if self.queue is not None:
            self.queue.close()

    def health(self) -> dict[str, Any]:
        state = self.queue.state() if self.queue is not None else None
        return {"status": "ok", "languages": list(self.languages),
                "voice": self.queue is not None,
                "queue": None if state is None else {
                    "waiting": state.waiting, "running": state.running, "size": state.size,
                    "workers": state.workers, "median_turn_s": state.median_turn_s}}

    def _language_error(self, lang: str) -> Reply | None:
        if lang in self.languages:
            return None
        return _error(HTTPStatus.BAD_REQUEST, f"language '{lang}' is not served "
                      f"(serve: {', '.join(self.languages)})")

    def answer(self, question: str, lang: str) -> Answer:
        return self._slotted.answer(question, lang)

    def ask_text(self, body: bytes) -> Reply:
        """``{"question": ..., "lang": ...}`` -> the answer."""
        try:
            data = json.loads(body or b"{}")
            question = str(data.get("question", "")).strip()
            lang = str(data.get("lang", self.languages[0]))
        except (ValueError, AttributeError):
            return _error(HTTPStatus.BAD_REQUEST,
                          'send JSON: {"question": ..., "lang": ...}')
        if not question or len(question) > self.config.max_question:
            return _error(HTTPStatus.BAD_REQUEST, "the question is empty or too long")
        refused = self._language_error(lang)
        if refused is not None:
            return refused
        try:
            answer = self.answer(question, lang)
        except Exception:  # the server must keep serving whatever happens here
            _LOGGER.exception("answering failed")
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "answering failed")
        return Reply(HTTPStatus.OK, _answer_fields(answer))

    def busy(self) -> Reply | None:
        """The 503 a spoken question would get now (checked before reading its body)."""
        if self.queue is None:
            return None
        full = self.queue.full()
        return None if full is None else self._busy_reply(full)

    @staticmethod
    def _busy_reply(full: Full) -> Reply:
        seconds = full.retry_after
        return Reply(HTTPStatus.SERVICE_UNAVAILABLE, {
            "error": f"Too many spoken questions are waiting; please ask again in {seconds} s.",
            "error_fr": "Trop de questions orales sont en attente ; merci de réessayer dans "
                        f"{seconds} s.",
            "retry_after": seconds}, {"Retry-After": str(seconds)})

    def ask_voice(self, data: bytes, lang: str | None) -> Reply:
        """A recording (any format PyAV reads) -> transcript and answer, or why not."""
        if self.queue is None:
            return _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "this server answers typed "
                          'questions only: send JSON {"question": ..., "lang": ...}')
        if lang is not None:
            refused = self._language_error(lang)
            if refused is not None:
                return refused
        try:
            audio = decode_audio(data, self.config.max_audio_s)
        except AudioTooLongError as err:
            return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(err))
        except AudioInputError as err:
            return _error(HTTPStatus.BAD_REQUEST, str(err))
        ticket = self.queue.submit(lambda: self._voice_turn(audio, lang))
        if isinstance(ticket, Full):
            return self._busy_reply(ticket)
        try:
            result = ticket.wait(self.config.voice_wait_s)
        except TicketTimeout:
            withdrawn = self.queue.cancel(ticket)
            _LOGGER.warning("spoken question not answered within %.0f s (%s)",
                            self.config.voice_wait_s, "withdrawn" if withdrawn else "running")
            return _error(HTTPStatus.GATEWAY_TIMEOUT, "the spoken question could not be "
                          f"answered within {self.config.voice_wait_s:.0f} s; ask again")
        except QueueClosed as err:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
        except Exception:
            _LOGGER.exception("a spoken question failed")
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "answering failed")
        result["timings"]["wait_s"] = round(ticket.waited_s, 3)
        return Reply(HTTPStatus.OK, result)

    def _voice_turn(self, audio: Audio, lang: str | None) -> dict[str, Any]:
        assert self.pipeline is not None
        transcript: Transcript | None = None
        answer: Answer | None = None
        timings: dict[str, float | None] = {}
        for event in self.pipeline.turn(audio=audio, lang=lang):
            if isinstance(event, Heard):
                transcript = event.transcript
            elif isinstance(event, Answered):
                answer = event.answer
            elif isinstance(event, TurnDone):
                took = event.timings
                timings = {"audio_s": _rounded(took.audio_s), "stt_s": _rounded(took.stt_s),
                           "answer_s": _rounded(took.answer_s)}
        assert transcript is not None and answer is not None
        return {**_answer_fields(answer), "question": transcript.text,
                "question_language": transcript.language, "heard": transcript.heard,
                "timings": timings}


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)
