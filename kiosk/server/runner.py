"""The ask server's process side: uvicorn running the app on a socket bound here.

The socket is bound before uvicorn starts, so a port in use is a clear error and the
address (port 0 picks one) is known at once. uvicorn parses HTTP (httptools, or h11),
caps the connections and requests in progress (``serve.max_connections``, then 503),
closes idle keep-alive connections, and says nothing of its version (no ``Server``
header). Added here: a deadline for a request's line and headers, which uvicorn does not
have (a client sending a byte every few seconds held its connection for ever), and a size
limit for them, which httptools does not have (200 MB of header lines were all kept).

SIGTERM (systemd, containers) and SIGINT (Ctrl+C) both stop the server gracefully: no
new connection is accepted, idle ones are closed, and every request in progress gets its
answer before the spoken-question queue is closed and the process ends (exit status 0).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from guichet.content.answer.embedded import Answerer
from guichet.kiosk.address import explain_bind_error
from guichet.kiosk.server.app import StaffReport, build_app
from guichet.kiosk.server.ask_api import AskService, ServeConfig
from guichet.kiosk.server.limits import ASGIApp
from guichet.kiosk.staff.journal import QuestionLog
from guichet.voice.protocols import Recognizer

BACKLOG = 2048
"""Listen backlog: a burst of phones connecting at once is not dropped."""
MAX_HEAD = 65_536
"""Largest request line and headers accepted, in bytes (then 431 and the connection is
closed); h11 gets the same limit."""
_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain\r\n"
              b"content-length: 35\r\nconnection: close\r\n\r\nrequest headers over 64 KB: refused")


@contextlib.contextmanager
def stop_signals(handler: Any) -> Iterator[None]:
    """SIGINT and SIGTERM go to ``handler`` (or ``signal.SIG_IGN``) within the block; the
    previous handlers come back after it."""
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


class PortError(OSError):
    """The address cannot be bound (in use, not this machine's, not allowed)."""


def bind(host: str, port: int, share: bool = False) -> socket.socket:
    """A listening TCP socket on ``host:port``, or :class:`PortError` saying what to do;
    ``share``: other sockets may listen on the same port (``SO_REUSEPORT``, the kernel
    spreads the connections among the server's processes)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as err:
        gai = err if isinstance(err, socket.gaierror) else socket.gaierror(str(err))
        raise PortError(explain_bind_error(gai, host, port)) from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if share:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as err:
        sock.close()
        raise PortError(explain_bind_error(err, host, port)) from None
    sock.setblocking(False)
    return sock


def _protocol(base: type[Any], head_timeout: float) -> type[asyncio.Protocol]:
    """``base`` (uvicorn's httptools or h11 protocol) with a deadline for the request
    head: from the connection, or from the first byte of the next request on a kept-alive
    one, its line and headers must be in within ``head_timeout`` seconds, and hold no
    more than :data:`MAX_HEAD` bytes."""

    class HeadDeadline(base):  # type: ignore[misc, valid-type]
        _head_timer: asyncio.TimerHandle | None = None
        _head_bytes = 0

        def _awaiting_head(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _arm(self) -> None:
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(head_timeout, self._expired)

        def _disarm(self) -> None:
            self._head_bytes = 0
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _expired(self) -> None:
            self._head_timer = None
            if self._awaiting_head() and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            waiting = self._awaiting_head()
            if waiting:
                self._arm()
                self._head_bytes += len(data)
            super().data_received(data)
            if not self._awaiting_head():
                self._disarm()
            elif waiting and self._head_bytes > MAX_HEAD and not self.transport.is_closing():
                self.transport.write(_TOO_LARGE)
                self.transport.close()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    HeadDeadline.__name__ = f"HeadDeadline{base.__name__}"
    return HeadDeadline


def protocol_class(config: ServeConfig) -> type[asyncio.Protocol]:
    """The HTTP protocol for ``serve.http``: httptools unless h11 is asked or it is
    missing."""
    base: type[Any] = H11Protocol
    if config.http in ("auto", "httptools"):
        try:
            from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
        except ImportError:
            if config.http == "httptools":
                raise
        else:
            base = HttpToolsProtocol
    return _protocol(base, config.header_timeout_s)


class _Server(uvicorn.Server):
    """uvicorn's server, stopping on SIGTERM as on SIGINT and then returning (uvicorn
    raises the signal again once stopped, which would skip the caller's clean-up)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        with stop_signals(self.handle_exit):
            yield


class AskServer:
    """The app served on ``config.host:config.port`` (bound at construction), by
    ``processes`` processes (forked when served; each its own socket on the port)."""

    def __init__(self, app: ASGIApp, config: ServeConfig,
                 service: AskService | None = None, processes: int = 1) -> None:
        self.service = service
        self.sock = bind(config.host, config.port, share=processes > 1)
        self.server_address: tuple[str, int] = self.sock.getsockname()[:2]
        try:
            self._more = [bind(config.host, self.server_address[1], share=True)
                          for _ in range(processes - 1)]
        except PortError:
            self.sock.close()
            raise
        self._config = uvicorn.Config(
            app, http=protocol_class(config), lifespan="on", log_config=None,
            h11_max_incomplete_event_size=MAX_HEAD,
            access_log=False, server_header=False, backlog=BACKLOG,
            limit_concurrency=config.max_connections,
            timeout_keep_alive=max(1, round(config.keep_alive_s)),
            # An accepted spoken question may wait voice_wait_s, then gets its 504.
            timeout_graceful_shutdown=round(config.voice_wait_s + config.body_timeout_s + 5))
        self._server = _Server(self._config)
        self._done = threading.Event()

    def _fork(self) -> list[int]:
        """One child process per extra socket, serving it until SIGTERM or SIGINT."""
        children = []
        for sock in self._more:
            pid = os.fork()
            if pid == 0:  # the child: its own socket only, its own uvicorn
                code = 1
                try:
                    self.sock.close()
                    for other in self._more:
                        if other is not sock:
                            other.close()
                    _Server(self._config).run(sockets=[sock])
                    code = 0
                finally:
                    os._exit(code)
            children.append(pid)
        for sock in self._more:
            sock.close()
        return children

    def serve_forever(self) -> None:
        """Serve until SIGTERM or SIGINT (in the main thread) or :meth:`shutdown`; the
        other processes are stopped (gracefully, SIGTERM) and waited for."""
        children = self._fork()
        try:
            self._server.run(sockets=[self.sock])
        finally:
            self.sock.close()
            for pid in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            for pid in children:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
            self._done.set()

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop gracefully, from another thread; returns once stopped."""
        self._server.should_exit = True
        self._done.wait(timeout)

    def server_close(self) -> None:
        """Release the socket of a server that was never started, and its queue."""
        if not self._server.started:
            self.sock.close()
        if self.service is not None:
            self.service.close()


def make_server(root: Path | None, answerer: Answerer, languages: tuple[str, ...],
                config: ServeConfig, recognizer: Recognizer | None = None,
                hotwords: tuple[str, ...] = (), journal: QuestionLog | None = None,
                staff: StaffReport | None = None, processes: int = 1) -> AskServer:
    """The server of a built tour (``root``) or, with ``root=None``, of the API alone.

    Spoken questions are accepted only with a ``recognizer``; ``hotwords`` are the words
    it should favour (the town's name). Questions go to ``journal`` when the town keeps
    them; ``staff`` serves the staff report. ``processes`` above 1 is for typed questions
    only (one queue of spoken questions needs one process)."""
    if recognizer is not None and processes > 1:
        raise ValueError("spoken questions need a single server process (one queue)")
    if root is not None and not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root} is not a built tour (no index.html): run "
                                "'guichet tour build TOUR.yaml --out DIR' first")
    service = AskService(answerer, languages, config, recognizer, hotwords, journal)
    try:
        return AskServer(build_app(service, root, staff), config, service, processes)
    except OSError:
        service.close()
        raise
