"""``guichet serve`` refuses what it cannot do with one clear line (exit code 2), and
serves CORS only to the origins a town names."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.support.served import serving


@pytest.mark.parametrize(("serve", "needle"), [
    ("port: -5", "'serve.port' must be a TCP port from 1 to 65535 (0: any free port), not -5"),
    ("queue_size: 0", "'serve.queue_size' must be at least 1, not 0"),
    ("max_connections: 0", "'serve.max_connections' must be at least 1, not 0"),
    ("header_timeout_s: 0", "'serve.header_timeout_s' must be at least 0.1, not 0"),
    ("http: gopher", "must be one of: auto, httptools, h11"),
    ("cors_origins: [https://town.example/page]", "is not an origin"),
])
def test_bad_serve_settings_are_named_with_their_line(guichet, tmp_path: Path, serve: str,
                                                      needle: str) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text(f"serve:\n  voice: false\n  {serve}\n", encoding="utf-8")
    run = guichet("serve", "--config", str(config), timeout=60)
    assert run.code == 2, (run.code, run.out, run.err)
    assert needle in run.err and f"{config}:3" in run.err and "Traceback" not in run.err


def test_a_port_in_use_says_so(guichet) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = guichet("serve", "--no-voice", "--port", str(port), timeout=60)
    assert run.code == 2 and "the port is already in use" in run.err, run.err
    assert "internal error" not in run.err
    run = guichet("serve", "--no-voice", "--port", "70000", timeout=60)
    assert run.code == 2 and "'70000' is not a TCP port" in run.err, run.err


def test_cors_is_answered_to_the_named_origins_only() -> None:
    config = "serve:\n  port: 0\n  cors_origins: [https://www.town.example]\n"
    body = json.dumps({"question": "When is the market?"}).encode()
    with serving("serve", "--no-voice", config=config) as served:
        for origin, allowed in (("https://www.town.example", True),
                                ("https://evil.example", False)):
            status, headers, _data = served.request("OPTIONS", "/api/ask", None, {
                "Origin": origin, "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type"})
            assert (headers.get("access-control-allow-origin") == origin) is allowed
            status, headers, _data = served.request("POST", "/api/ask", body, {
                "Origin": origin, "Content-Type": "application/json"})
            assert status == 200
            assert (headers.get("access-control-allow-origin") == origin) is allowed
