"""What a request may send, enforced on the ASGI messages: framing, size, time.

The HTTP parser (httptools or h11, under uvicorn) already refuses most malformed requests;
these checks hold whatever parser runs: a declared ``Content-Length`` must be one decimal
number, alone, never with ``Transfer-Encoding`` (request smuggling behind a proxy); a body
is read chunk by chunk and refused as soon as it passes its limit, or before the first
byte when its declared length already does; a sender slower than ``timeout`` is dropped.
Nothing here holds more than the limit in memory.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

_LOGGER = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DRAIN_LIMIT = 16 * 1024 * 1024
"""Largest refused body read (and dropped) so that its sender gets the reply: a client
still sending when the connection closes gets a reset instead, and could not say why."""
DRAIN_S = 10.0
"""Longest a refused body is drained."""


class BodyError(Exception):
    """A request body that is not accepted; ``status`` and ``message`` say why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class ClientGone(Exception):
    """The client closed the connection before its body was in."""


def declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    """The body length a request declares (None: chunked or no body); :class:`BodyError`
    (400) for a negative, malformed or repeated ``Content-Length``, or one sent with
    ``Transfer-Encoding``."""
    lengths = [value for name, value in headers if name == b"content-length"]
    encodings = [value for name, value in headers if name == b"transfer-encoding"]
    if len(lengths) > 1:
        raise BodyError(400, "one Content-Length only")
    if lengths and encodings:
        raise BodyError(400, "Content-Length and Transfer-Encoding together are refused")
    if encodings and [e.strip().lower() for e in encodings] != [b"chunked"]:
        raise BodyError(400, "only Transfer-Encoding: chunked is understood")
    if not lengths:
        return None
    value = lengths[0].strip()
    if not value.isdigit() or len(value) > 18:
        raise BodyError(400, "Content-Length must be a number of bytes")
    return int(value)


def check_declared(headers: list[tuple[bytes, bytes]], limit: int, what: str) -> None:
    """:class:`BodyError` when the framing is invalid (400) or the declared length is over
    ``limit`` (413), before any byte of the body is read."""
    length = declared_length(headers)
    if length is not None and length > limit:
        raise BodyError(413, f"{what} larger than {limit} bytes")


async def read_body(receive: Receive, limit: int, timeout: float, what: str) -> bytes:
    """The whole body, refused (413) past ``limit`` bytes while it arrives, or (408) when
    it is not all in after ``timeout`` seconds; :class:`ClientGone` if the client left."""
    parts: list[bytes] = []
    size = 0

    def take(message: Message) -> bool:
        nonlocal size
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyError(413, f"{what} larger than {limit} bytes")
        if chunk:
            parts.append(chunk)
        return not message.get("more_body", False)

    try:
        async with asyncio.timeout(timeout):
            while not take(await receive()):
                pass
    except TimeoutError:
        raise BodyError(408, f"the {what} was not received within {timeout:.0f} s") from None
    return b"".join(parts)


async def drain(receive: Receive, headers: list[tuple[bytes, bytes]]) -> None:
    """Read and drop a refused body of up to :data:`DRAIN_LIMIT` bytes (its declared
    length is trusted for nothing but skipping the drain when it is larger)."""
    try:
        length = declared_length(headers)
    except BodyError:
        return
    if length is not None and length > DRAIN_LIMIT:
        return
    left = DRAIN_LIMIT
    try:
        async with asyncio.timeout(DRAIN_S):
            while left > 0:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                left -= len(message.get("body", b""))
                if not message.get("more_body", False):
                    return
    except TimeoutError:
        return


class Guard:
    """The outermost layer: an exception the app let through gets a 500 and one log line
    (no traceback per request), never a dropped connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as err:  # noqa: BLE001 - the last net: one line, one 500
            _LOGGER.error("%s %s failed: %s: %s", scope.get("method"),
                          scope.get("path", "")[:200], err.__class__.__name__, str(err)[:200])
            if started:
                return  # the reply had begun: the connection is closed by the server
            body = b'{"error": "internal error"}'
            try:
                await send({"type": "http.response.start", "status": 500, "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")]})
                await send({"type": "http.response.body", "body": body})
            except Exception as late:  # noqa: BLE001 - the client is gone
                _LOGGER.debug("500 not sent: %s", late)
