"""The real ask server in a child process on 127.0.0.1, probed as an attacker would.

``serving`` starts ``python -m guichet.kiosk serve`` (or ``tour serve``) with a written
configuration, waits for its announcement and yields a :class:`Served`: its port, its
process (memory read from ``/proc/PID/status``) and what it logged. ``raw`` sends bytes
on a plain socket and reads what comes back, for requests no HTTP client would send.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.paths import REPO

WAIT = 120.0


@dataclass
class Served:
    proc: subprocess.Popen[str]
    port: int
    log: list[str] = field(default_factory=list)
    """Lines the server wrote on stderr so far."""

    def status(self, key: str) -> int:
        """A number of ``/proc/PID/status`` (VmRSS and VmHWM in kB, Threads)."""
        text = Path(f"/proc/{self.proc.pid}/status").read_text()
        match = re.search(rf"^{key}:\s+(\d+)", text, re.MULTILINE)
        assert match, key
        return int(match.group(1))

    def rss_mb(self) -> float:
        return self.status("VmRSS") / 1024

    def peak_mb(self) -> float:
        """The most memory the server ever held (VmHWM)."""
        return self.status("VmHWM") / 1024

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = WAIT
                ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            conn.close()

    def ask(self, question: str, lang: str | None = None) -> tuple[int, dict[str, Any]]:
        payload: dict[str, str] = {"question": question}
        if lang:
            payload["lang"] = lang
        status, _headers, data = self.request(
            "POST", "/api/ask", json.dumps(payload).encode(),
            {"Content-Type": "application/json"})
        return status, json.loads(data)


def status_of(reply: bytes) -> int:
    """The status code of a raw HTTP reply (0: none came)."""
    match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
    return int(match.group(1)) if match else 0


def raw(port: int, data: bytes, timeout: float = 10.0, then: bytes = b"",
        repeat: int = 0) -> bytes:
    """Send ``data`` (and ``then`` ``repeat`` times, as long as the server reads), return
    what the server answered before it closed or went quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        got: list[bytes] = []
        try:
            sock.sendall(data)
            for _ in range(repeat):
                sock.sendall(then)
        except OSError:
            pass  # closed while we sent: read what it said before
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                got.append(chunk)
                if _complete(b"".join(got)):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
        return b"".join(got)


def _complete(reply: bytes) -> bool:
    head, sep, body = reply.partition(b"\r\n\r\n")
    if not sep:
        return False
    match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return match is not None and len(body) >= int(match.group(1))


@contextmanager
def serving(*args: str, config: str = "", env: dict[str, str] | None = None,
            cache_dir: Path | None = None) -> Iterator[Served]:
    """``python -m guichet.kiosk ARGS --config FILE`` (FILE holding ``config``) until the
    block ends; the server is stopped with SIGTERM."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "guichet.yaml"
        path.write_text(config or "serve:\n  port: 0\n", encoding="utf-8")
        extra = {"GUICHET_CACHE": str(cache_dir)} if cache_dir else {}
        proc = subprocess.Popen(
            [sys.executable, "-m", "guichet.kiosk", *args, "--config", str(path)],
            cwd=REPO, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, **extra, **(env or {})})
        assert proc.stdout is not None and proc.stderr is not None
        log: list[str] = []
        reader = threading.Thread(target=lambda: log.extend(iter(proc.stderr.readline, "")),
                                  daemon=True)
        reader.start()
        try:
            line = proc.stdout.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/ \(", line)
            assert match, f"the server did not start: {line!r} {''.join(log)}"
            yield Served(proc, int(match.group(1)), log)
        finally:
            if proc.poll() is None:
                proc.terminate()
            proc.wait(WAIT)
            reader.join(5)
