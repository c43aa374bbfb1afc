"""``guichet tour serve``: the built site, and ``POST /api/ask`` through the kiosk's answerers.

Standard-library HTTP server, one thread per request. Only files inside the site folder
are served (no path traversal), request bodies are size-limited (413), and it listens
on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from voice.answer import Answerer

_LOGGER = logging.getLogger(__name__)

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")


@dataclass
class ServeConfig:
    """How the tour server listens."""

    host: str = "127.0.0.1"
    """Interface to bind: loopback unless the town exposes it on purpose."""
    port: int = 8765
    """TCP port (0 picks a free one)."""
    max_body: int = 16_384
    """Largest request body accepted, in bytes (a typed question is far smaller)."""
    max_question: int = 500
    """Longest question accepted, in characters."""


class TourServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, answerer: Answerer, languages: tuple[str, ...],
                 config: ServeConfig) -> None:
        self.root = root.resolve()
        self.answerer = answerer
        self.languages = languages
        self.config = config
        # Answerers are not written for concurrent calls: one question at a time.
        self.ask_lock = threading.Lock()
        super().__init__((config.host, config.port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: TourServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
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

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode(),
                   "application/json; charset=utf-8")

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = unquote(urlparse(self.path).path)
        relative = path.lstrip("/") or "index.html"
        target = (self.server.root / relative).resolve()
        if not target.is_relative_to(self.server.root):
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
        if urlparse(self.path).path.rstrip("/") not in ("/api/ask", "api/ask"):
            self._json(HTTPStatus.NOT_FOUND, {"error": "unknown endpoint"})
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._json(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length required"})
            return
        if length > self.server.config.max_body:
            self.close_connection = True  # do not read a body we refuse
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                       {"error": f"request larger than {self.server.config.max_body} bytes"})
            return
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
            question = str(data.get("question", "")).strip()
            lang = str(data.get("lang", self.server.languages[0]))
        except (ValueError, AttributeError):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "send JSON: {\"question\": ..., "
                                                "\"lang\": ...}"})
            return
        if not question or len(question) > self.server.config.max_question:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the question is empty or too long"})
            return
        if lang not in self.server.languages:
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"language '{lang}' is not served "
                                                f"(serve: {', '.join(self.server.languages)})"})
            return
        try:
            with self.server.ask_lock:
                answer = self.server.answerer.answer(question, lang)
        except Exception:  # the server must keep serving the walk whatever happens here
            _LOGGER.exception("answering failed")
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "answering failed"})
            return
        self._json(HTTPStatus.OK, {"answer": answer.text, "language": answer.language,
                                   "sources": answer.sources, "declined": answer.declined})


def make_server(root: Path, answerer: Answerer, languages: tuple[str, ...],
                config: ServeConfig) -> TourServer:
    if not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root} is not a built tour (no index.html): run "
                                "'guichet tour build TOUR.yaml --out DIR' first")
    return TourServer(root, answerer, languages, config)
