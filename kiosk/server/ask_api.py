"""The ask API apart from HTTP: a typed or spoken question in, a JSON reply out.

Typed questions are answered at once (the embedded answerer takes a tenth of a
millisecond and is safe for concurrent calls; an LLM answerer bounds its own calls, see
:mod:`content.answer.llm`). The language of a typed question is guessed from its words
unless the request imposes one, as ``guichet ask --text`` does. Spoken questions wait
their turn in a bounded :class:`~kiosk.server.ask_queue.AskQueue` for the server's speech
recognition; when the queue is full the reply is a 503 with ``Retry-After`` in English and
French, and every accepted question gets its answer or a clear error. Typed questions
never wait behind spoken ones. When the town keeps the question log
(``privacy.store_questions``), questions asked here go to the staff report as the kiosk's.

A spoken question is a turn of the kiosk's :class:`~voice.pipeline.Pipeline` without
speech synthesis: the same transcript, answer and "not heard" reply as at the kiosk.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, ClassVar

from guichet.content.answer.embedded import Answer, Answerer
from guichet.content.understand.text import guess_language
from guichet.kiosk.server.ask_queue import AskQueue, Full
from guichet.kiosk.staff.journal import QuestionLog
from guichet.voice.audio import Audio
from guichet.voice.pipeline import Answered, Heard, Pipeline, TurnDone
from guichet.voice.protocols import Recognizer, Transcript

_LOGGER = logging.getLogger(__name__)

Check = tuple[tuple[str, ...], str]


@dataclass
class ServeConfig:
    """How the ask server listens and what it accepts (``serve:`` in guichet.yaml)."""

    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"http": ("auto", "httptools", "h11")}
    RANGES: ClassVar[dict[str, tuple[float, float | None]]] = {
        "port": (0, 65535), "processes": (0, None), "max_body": (1, None),
        "max_question": (1, None), "max_audio_bytes": (1, None), "queue_size": (1, None),
        "workers": (1, None), "max_connections": (1, None), "max_audio_s": (0.1, None),
        "voice_wait_s": (0.1, None), "default_turn_s": (0.1, None),
        "header_timeout_s": (0.1, None), "body_timeout_s": (0.1, None),
        "keep_alive_s": (0.1, None)}
    """Smallest and largest value of each number (None: no largest), checked with the
    file's line by the configuration loader."""

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
    voice_wait_s: float = 120.0
    """Longest an accepted spoken question may wait and run before a 504."""
    default_turn_s: float = 3.0
    """Turn time assumed for Retry-After before any spoken question has been answered."""
    one_core: bool = True
    """With spoken questions, keep the server on one core and speech recognition on the
    others (the server's Python runs one thread at a time; the other cores go to Whisper)."""
    processes: int = 0
    """Server processes sharing the port, typed questions only (each holds the pack,
    about 90 MB); 0: one per core without spoken questions, 1 with them (one queue)."""
    max_connections: int = 1000
    """Connections and requests handled at once; beyond, new requests get a 503."""
    header_timeout_s: float = 10.0
    """A request's line and headers must be in within this time of its first byte (or of
    the connection): slow senders do not hold connections."""
    body_timeout_s: float = 30.0
    """A request's body must be in within this time (408 otherwise)."""
    keep_alive_s: float = 15.0
    """An idle keep-alive connection is closed after this."""
    http: str = "auto"
    """HTTP parser: httptools (fast, the default when installed) or h11 (pure Python)."""
    cors_origins: list[str] = field(default_factory=list)
    """Web origins allowed to call the API from a browser (e.g. the town's site); none
    by default: only pages this server serves may ask."""
    staff_token_env: str = "GUICHET_STAFF_TOKEN"
    """Environment variable holding the token of ``/staff/report`` (off when unset)."""

    def problems(self) -> list[Check]:
        found: list[Check] = []
        if not self.host.strip():
            found.append((("host",), "host must be an address such as 127.0.0.1 or 0.0.0.0"))
        for origin in self.cors_origins:
            text = str(origin)
            if not text.startswith(("http://", "https://")) or text.count("/") != 2:
                found.append((("cors_origins",), f"cors_origins: '{text}' is not an origin "
                              "such as https://www.example.fr (scheme and host, no path)"))
        return found


@dataclass(frozen=True)
class Reply:
    """What the HTTP layer sends back."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, message: str, message_fr: str = "", **extra: Any) -> Reply:
    """An error reply: the English ``error``, the French ``error_fr`` when given."""
    body: dict[str, Any] = {"error": message}
    if message_fr:
        body["error_fr"] = message_fr
    return Reply(status, {**body, **extra})


def _answer_fields(answer: Answer) -> dict[str, Any]:
    return {"answer": answer.text, "language": answer.language, "sources": answer.sources,
            "declined": answer.declined}


class AskService:
    """Answers typed questions directly and spoken ones through a bounded queue."""

    def __init__(self, answerer: Answerer, languages: tuple[str, ...], config: ServeConfig,
                 recognizer: Recognizer | None = None, hotwords: tuple[str, ...] = (),
                 journal: QuestionLog | None = None) -> None:
        self.answerer = answerer
        self.languages = languages
        self.config = config
        self.journal = journal
        """The staff report's question log (None: the town keeps nothing)."""
        self.pipeline: Pipeline | None = None
        """The turn of a spoken question (None: typed questions only)."""
        self.queue: AskQueue[dict[str, Any]] | None = None
        if recognizer is not None:
            self.pipeline = Pipeline(languages, answerer, recognizer, None, hotwords)
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

    def language_error(self, lang: str) -> Reply | None:
        if lang in self.languages:
            return None
        return error(HTTPStatus.BAD_REQUEST, f"language '{lang}' is not served "
                     f"(serve: {', '.join(self.languages)})",
                     f"la langue '{lang}' n'est pas servie ({', '.join(self.languages)})")

    def parse_text(self, body: bytes) -> tuple[str, str] | Reply:
        """``{"question": ..., "lang": ...}`` -> (question, language), or the 400 to send.
        Without ``lang`` the language is guessed from the question's words."""
        try:
            data = json.loads(body or b"{}")
            question = str(data.get("question", "")).strip()
            lang = data.get("lang")
        except (ValueError, AttributeError, RecursionError):
            return error(HTTPStatus.BAD_REQUEST, 'send JSON: {"question": ..., "lang": ...}',
                         'envoyez du JSON : {"question": ..., "lang": ...}')
        if not question or len(question) > self.config.max_question:
            return error(HTTPStatus.BAD_REQUEST, "the question is empty or too long "
                         f"(at most {self.config.max_question} characters)",
                         "la question est vide ou trop longue "
                         f"({self.config.max_question} caractères au plus)")
        if lang is None:
            return question, guess_language(question, self.languages)
        refused = self.language_error(str(lang))
        return refused if refused is not None else (question, str(lang))

    def answer_text(self, question: str, lang: str) -> Reply:
        """The answer to a parsed typed question (logged for the staff report if kept)."""
        try:
            answer = self.answerer.answer(question, lang)
        except Exception as err:  # noqa: BLE001 - the server must keep serving
            _LOGGER.error("answering failed: %s: %s", err.__class__.__name__, err)
            return error(HTTPStatus.INTERNAL_SERVER_ERROR, "answering failed",
                         "la réponse a échoué")
        self._log(question, lang, answer)
        return Reply(HTTPStatus.OK, {**_answer_fields(answer), "question_language": lang})

    def ask_text(self, body: bytes) -> Reply:
        """A typed question's request body -> the reply."""
        parsed = self.parse_text(body)
        return parsed if isinstance(parsed, Reply) else self.answer_text(*parsed)

    def _log(self, question: str, lang: str, answer: Answer) -> None:
        if self.journal is None:
            return
        try:
            self.journal.add(question, lang, not answer.declined)
        except OSError as err:  # a full disk must not fail the visitor's answer
            _LOGGER.warning("question log not written: %s", err)

    def voice_refusal(self, lang: str | None) -> Reply | None:
        """Why a recording would be refused before its body is read, else None."""
        if self.queue is None:
            return error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "this server answers typed "
                         'questions only: send JSON {"question": ..., "lang": ...}',
                         "ce serveur ne répond qu'aux questions écrites : envoyez du JSON")
        return self.language_error(lang) if lang is not None else None

    @staticmethod
    def busy_reply(full: Full) -> Reply:
        seconds = full.retry_after
        return Reply(HTTPStatus.SERVICE_UNAVAILABLE, {
            "error": f"Too many spoken questions are waiting; please ask again in {seconds} s.",
            "error_fr": "Trop de questions orales sont en attente ; merci de réessayer dans "
                        f"{seconds} s.",
            "retry_after": seconds}, {"Retry-After": str(seconds)})

    def voice_turn(self, audio: Audio, lang: str | None) -> dict[str, Any]:
        """One spoken question, in a queue worker: transcript, answer, stage timings."""
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
        if transcript.heard:
            self._log(transcript.text, transcript.language, answer)
        return {**_answer_fields(answer), "question": transcript.text,
                "question_language": transcript.language, "heard": transcript.heard,
                "timings": timings}


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)
