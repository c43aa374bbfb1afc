"""The ask server: ``POST /api/ask`` (typed or spoken), and a built tour's files if any.

``guichet tour serve`` serves a built site and the API; ``guichet serve`` the API alone.
Standard-library HTTP server, one thread per connection, keep-alive. Only files inside
the site folder are served (no path traversal), request bodies are size-limited (413),
and it listens on 127.0.0.1 unless told otherwise.

Measured under 50 concurrent askers (bench/ask_load.py): each response leaves in one
write with Nagle's algorithm off (headers then body in two writes waited ~40 ms for
the client's delayed ACK), and the listen backlog holds a burst of new connections
(the default 5 dropped SYNs that came back only after 1 to 7 s).
"""

from __future__ import annotations

import json
import logging
import mimetypes
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from guichet.content.answer.embedded import Answerer
from guichet.kiosk.server.ask_api import AskService, Reply, ServeConfig
from guichet.voice.protocols import Recognizer

_LOGGER = logging.getLogger(__name__)

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")

__all__ = ["AskServer", "ServeConfig", "make_server"]

# Bodies sent as raw audio; anything else is read as a typed question in JSON.
_AUDIO_TYPES = ("audio/", "video/webm", "video/mp4", "application/ogg")


DRAIN_LIMIT = 16 * 1024 * 1024
"""Largest refused body read (and dropped) so that its sender gets the reply."""


class AskServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # listen backlog: a burst of phones connecting at once

    def __init__(self, root: Path | None, service: AskService, config: ServeConfig) -> None:
        self.root = root.resolve() if root is not None else None
        self.service = service
        self.config = config
        super().__init__((config.host, config.port), _Handler)

    @property
    def answerer(self) -> Answerer:
        return self.service.answerer

    def server_close(self) -> None:
        super().server_close()
        self.service.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):  # the phone left before its answer
            _LOGGER.debug("%s went away: %s", client_address[0], error)
            return
        _LOGGER.exception("request from %s failed", client_address[0])


class _Handler(BaseHTTPRequestHandler):
    server: AskServer
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # buffered: headers and body leave in one write (flushed per request)
    disable_nagle_algorithm = True
    timeout = 120  # an idle keep-alive connection frees its thread after this

    def log_message(self, format: str, *args: Any) -> None:
        if _LOGGER.isEnabledFor(logging.DEBUG):
            _LOGGER.debug("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None
              ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _reply(self, reply: Reply) -> None:
        self._send(reply.status, json.dumps(reply.body, ensure_ascii=False).encode(),
                   "application/json; charset=utf-8", reply.headers)

    def _refuse_unread(self, reply: Reply) -> None:
        """Refuse a request whose body is not wanted, and close the connection.

        A body of reasonable size is read and dropped first: a client still sending when
        the server closes gets a broken pipe instead of the reply, and a phone could not
        say why ("too long", "busy, retry in 8 s"). Larger bodies are not read."""
        self.close_connection = True
        try:
            left = min(int(self.headers.get("Content-Length", "0")), DRAIN_LIMIT)
        except ValueError:
            left = 0
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 65_536))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            return  # the client left
        self._reply(reply)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = unquote(urlparse(self.path).path)
        if path.rstrip("/") == "/api/health":
            self._reply(Reply(HTTPStatus.OK, self.server.service.health()))
            return
        root = self.server.root
        if root is None:
            self._reply(Reply(HTTPStatus.NOT_FOUND, {
                "error": "this server answers POST /api/ask only (see GET /api/health)"}))
            return
        target = (root / (path.lstrip("/") or "index.html")).resolve()
        if not target.is_relative_to(root):
            self._send(HTTPStatus.FORBIDDEN, b"forbidden", "text/plain")
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        headers = {"Cache-Control": "no-cache"} if target.name == "sw.js" else {}
        self._send(HTTPStatus.OK, target.read_bytes(), kind, headers)

    def do_POST(self) -> None:
        url = urlparse(self.path)
        if url.path.rstrip("/") != "/api/ask":
            self._refuse_unread(Reply(HTTPStatus.NOT_FOUND, {"error": "unknown endpoint"}))
            return
        service, config = self.server.service, self.server.config
        kind = self.headers.get("Content-Type", "application/json").lower()
        spoken = kind.startswith(_AUDIO_TYPES)
        if kind.startswith("multipart/"):
            self._refuse_unread(Reply(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {
                "error": "send the recording itself as the body, with its Content-Type "
                         "(e.g. audio/webm or audio/wav), not a form"}))
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._refuse_unread(Reply(HTTPStatus.LENGTH_REQUIRED,
                                      {"error": "Content-Length required"}))
            return
        limit = config.max_audio_bytes if spoken else config.max_body
        if length > limit:
            what = "recording" if spoken else "request"
            self._refuse_unread(Reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {
                "error": f"{what} larger than {limit} bytes"}))
            return
        if not spoken:
            self._reply(service.ask_text(self.rfile.read(length)))
            return
        busy = service.busy()  # before reading a body that would only be refused
        if busy is not None:
            self._refuse_unread(busy)
            return
        lang = parse_qs(url.query).get("lang", [None])[0]
        try:
            reply = service.ask_voice(self.rfile.read(length), lang)
        except Exception:  # an answer for every request, whatever the decoder raised
            _LOGGER.exception("a spoken question failed")
            reply = Reply(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "answering failed"})
        self._reply(reply)


def make_server(root: Path | None, answerer: Answerer, languages: tuple[str, ...],
                config: ServeConfig, recognizer: Recognizer | None = None,
                hotwords: tuple[str, ...] = ()) -> AskServer:
    """The server of a built tour (``root``) or, with ``root=None``, of the API alone.

    Spoken questions are accepted only with a ``recognizer``; ``hotwords`` are the words
    it should favour (the town's name)."""
    if root is not None and not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root} is not a built tour (no index.html): run "
                                "'guichet tour build TOUR.yaml --out DIR' first")
    service = AskService(answerer, languages, config, recognizer, hotwords)
    try:
        return AskServer(root, service, config)
    except OSError:
        service.close()
        raise
