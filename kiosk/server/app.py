"""The ask server as one Starlette (ASGI) app: ``POST /api/ask``, ``GET /api/health``, the
staff report behind a token, and a built tour's files (``guichet tour serve``).

``POST /api/ask`` takes ``application/json`` (a typed question) or an audio type (the
recording itself); anything else is a 415, so that a web page elsewhere cannot make a
visitor's browser ask (a form or a ``text/plain`` POST needs no CORS permission; JSON
does, and CORS is off unless ``serve.cors_origins`` names origins). Bodies go through
:mod:`kiosk.server.limits`; a recording holds a place in the queue before its first byte
is read, and its frames are checked at their own rate before they are resampled
(:mod:`voice.audio_limits`), so the
recordings in memory are bounded by the queue. Typed questions are answered on the event
loop when the answerer is the embedded one (a tenth of a millisecond), in a thread
otherwise (an LLM's network call).

The site's files are served by Starlette's ``StaticFiles``: byte ranges (iOS plays MP3
only so), ETag and 304, files streamed in chunks, only from the site folder (no symlink
out, ``..``, NUL or over-long names: 404), with a Content-Security-Policy allowing only
the site itself.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hmac
import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.kiosk.server.ask_api import AskService, Reply, error
from guichet.kiosk.server.ask_queue import Full, QueueClosed, Ticket
from guichet.kiosk.server.limits import (
    ASGIApp,
    BodyError,
    ClientGone,
    Guard,
    Receive,
    Scope,
    Send,
    check_declared,
    drain,
    read_body,
)
from guichet.voice.audio import decode_audio
from guichet.voice.errors import AudioInputError, AudioTooLongError

_LOGGER = logging.getLogger(__name__)

# Bodies sent as raw audio; a typed question is application/json.
AUDIO_TYPES = ("audio/", "video/webm", "video/mp4", "application/ogg")

SITE_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
API_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store")]
REPORT_CSP = (b"content-security-policy",
              b"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
              b"frame-ancestors 'none'")


async def send_reply(send: Send, reply: Reply, close: bool = False,
                     extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps(reply.body, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json; charset=utf-8"),
               (b"content-length", str(len(body)).encode()), *API_HEADERS, *(extra or [])]
    headers += [(k.lower().encode(), v.encode()) for k, v in reply.headers.items()]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def wait_ticket(ticket: Ticket[Any], timeout: float) -> Any:
    """A queue ticket's result, awaited without holding a thread."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def settle() -> None:
        if not done.done():
            done.set_result(None)

    def ended(_ticket: Ticket[Any]) -> None:
        loop.call_soon_threadsafe(settle)

    ticket.when_done(ended)
    await asyncio.wait_for(done, timeout)
    return ticket.outcome()


class AskEndpoint:
    """``POST /api/ask`` as a plain ASGI app (it reads the body itself, with limits)."""

    def __init__(self, service: AskService) -> None:
        self.service = service
        self.inline = isinstance(service.answerer, EmbeddedAnswerer)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        kind = next((v for k, v in headers if k == b"content-type"), b"").decode(
            "latin-1").lower()
        if kind.startswith(AUDIO_TYPES):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            reply, read = await self._voice(headers, receive, query.get("lang", [None])[0])
        elif kind.split(";")[0].strip() == "application/json":
            reply, read = await self._text(headers, receive)
        else:
            hint = ("send the recording itself as the body, with its Content-Type (e.g. "
                    "audio/webm or audio/wav), not a form" if kind.startswith("multipart/")
                    else 'send JSON {"question": ..., "lang": ...} with Content-Type: '
                    "application/json, or a recording with its audio Content-Type")
            reply, read = error(415, hint, "type de contenu refusé : JSON ou audio"), False
        if not read:
            await drain(receive, headers)
        await send_reply(send, reply, close=not read)

    async def _text(self, headers: list[tuple[bytes, bytes]], receive: Receive
                    ) -> tuple[Reply, bool]:
        config = self.service.config
        try:
            check_declared(headers, config.max_body, "request")
            body = await read_body(receive, config.max_body, config.body_timeout_s,
                                   "request")
        except BodyError as err:
            return error(err.status, err.message), False
        except ClientGone:
            return error(400, "the client left"), False
        if self.inline:
            return self.service.ask_text(body), True
        return await anyio.to_thread.run_sync(self.service.ask_text, body), True

    async def _voice(self, headers: list[tuple[bytes, bytes]], receive: Receive,
                     lang: str | None) -> tuple[Reply, bool]:
        service, config = self.service, self.service.config
        refused = service.voice_refusal(lang)
        if refused is not None:
            return refused, False
        queue = service.queue
        assert queue is not None
        try:
            check_declared(headers, config.max_audio_bytes, "recording")
        except BodyError as err:
            return error(err.status, err.message), False
        place = queue.reserve()  # before the first byte: no more bodies than places
        if isinstance(place, Full):
            return service.busy_reply(place), False
        try:
            try:
                data = await read_body(receive, config.max_audio_bytes, config.body_timeout_s,
                                       "recording")
            except BodyError as err:
                return error(err.status, err.message), False
            except ClientGone:
                return error(400, "the client left"), False
            try:
                audio = await anyio.to_thread.run_sync(
                    decode_audio, data, config.max_audio_s, "the recording",
                    "serve.max_audio_s")
            except AudioTooLongError as err:
                return error(413, str(err)), True
            except AudioInputError as err:
                return error(400, str(err)), True
            del data
            ticket = queue.submit(lambda: service.voice_turn(audio, lang), place)
            if isinstance(ticket, Full):
                return service.busy_reply(ticket), True
            try:
                result = await wait_ticket(ticket, config.voice_wait_s)
            except TimeoutError:
                withdrawn = queue.cancel(ticket)
                _LOGGER.warning("spoken question not answered within %.0f s (%s)",
                                config.voice_wait_s, "withdrawn" if withdrawn else "running")
                return error(504, "the spoken question could not be answered within "
                             f"{config.voice_wait_s:.0f} s; ask again",
                             "la question orale n'a pas pu être traitée à temps ; "
                             "reposez-la"), True
            except QueueClosed as err:
                return error(503, str(err), "le serveur s'arrête"), True
            except Exception as err:  # noqa: BLE001 - the job's error, delivered here
                _LOGGER.error("a spoken question failed: %s: %s", err.__class__.__name__, err)
                return error(500, "answering failed", "la réponse a échoué"), True
        finally:
            queue.release(place)
        result["timings"]["wait_s"] = round(ticket.waited_s, 3)
        return Reply(200, result), True


class Health:
    def __init__(self, service: AskService) -> None:
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send_reply(send, Reply(200, self.service.health()))


class ApiNotFound:
    """Any other path under ``/api/`` (and every path of an API-only server)."""

    def __init__(self, message: str) -> None:
        self.message = message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await drain(receive, scope["headers"])
        await send_reply(send, error(404, self.message), close=scope["method"] != "GET")


class StaffReport:
    """``GET /staff/report``: the staff report's page, for the bearer of the token
    (``Authorization: Bearer TOKEN``, or a browser's Basic login with TOKEN as password)."""

    def __init__(self, token: str, render: Callable[[], str]) -> None:
        self.token = token.encode()
        self.render = render

    def _allowed(self, headers: list[tuple[bytes, bytes]]) -> bool:
        given = next((v for k, v in headers if k == b"authorization"), b"")
        scheme, _, value = given.partition(b" ")
        if scheme.lower() == b"basic":
            try:
                value = base64.b64decode(value.strip(), validate=True).partition(b":")[2]
            except (binascii.Error, ValueError):
                return False
        elif scheme.lower() != b"bearer":
            return False
        return hmac.compare_digest(value.strip(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._allowed(scope["headers"]):
            await send_reply(send, error(401, "the staff report needs its token",
                                         "le rapport du personnel demande son jeton"),
                             extra=[(b"www-authenticate", b'Basic realm="guichet staff"')])
            return
        page = (await anyio.to_thread.run_sync(self.render)).encode()
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(page)).encode()), REPORT_CSP, *API_HEADERS]})
        await send({"type": "http.response.body", "body": page})


class SiteFiles(StaticFiles):
    """StaticFiles whose odd paths (symlink loops, names the system refuses) are 404s."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except OSError:
            raise HTTPException(status_code=404) from None

    def file_response(self, full_path: Any, stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        if os.path.basename(str(full_path)) == "sw.js":
            response.headers["cache-control"] = "no-cache"  # a new build reaches phones
        return response


def with_headers(app: ASGIApp, extra: list[tuple[bytes, bytes]]) -> ASGIApp:
    """``app`` whose every response carries ``extra`` headers."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await app(scope, receive, sending)

    return wrapped


def build_app(service: AskService, site: Path | None,
              staff: StaffReport | None = None) -> ASGIApp:
    """The whole server: the API, the staff report if a token is set, the site if any."""
    routes: list[Any] = [
        Route("/api/ask", AskEndpoint(service), methods=["POST"]),
        Route("/api/health", Health(service), methods=["GET"]),
    ]
    if staff is not None:
        routes.append(Route("/staff/report", staff, methods=["GET"]))
    routes.append(Route("/api/{rest:path}", ApiNotFound("unknown endpoint"),
                        methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]))
    if site is not None:
        files = SiteFiles(directory=site.resolve(), html=True)
        routes.append(Mount("/", with_headers(files, SITE_HEADERS)))
    else:
        routes.append(Mount("/", ApiNotFound(
            "this server answers POST /api/ask only (see GET /api/health)")))
    middleware = []
    if service.config.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=service.config.cors_origins,
                                     allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type"]))

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        service.close()  # after every accepted request has its answer

    return Guard(Starlette(routes=routes, middleware=middleware, lifespan=lifespan))
