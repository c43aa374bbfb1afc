"""Configuration values out of range are problems with file and line, said once; a port
the server cannot listen on is said in words before it starts."""

from __future__ import annotations

import argparse
import socket
from pathlib import Path

import pytest

from guichet.kiosk.cli import main
from guichet.kiosk.commands.common import port
from guichet.kiosk.config import ConfigError, load_config
from guichet.kiosk.server.runner import PortError, bind


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "guichet.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return [p.located() for p in caught.value.problems]


def test_serve_values_out_of_range_name_their_line(tmp_path: Path) -> None:
    file = tmp_path / "guichet.yaml"
    assert problems_of(tmp_path, "serve:\n  port: -5\n  queue_size: 0\n  workers: 2.5\n"
                       "  max_audio_s: 0\n  max_connections: -1\n") == [
        f"{file}:2: 'serve.port' must be a TCP port from 1 to 65535 (0: any free port), not -5",
        f"{file}:3: 'serve.queue_size' must be at least 1, not 0",
        f"{file}:4: 'serve.workers' must be a whole number, not 2.5",
        f"{file}:5: 'serve.max_audio_s' must be at least 0.1, not 0",
        f"{file}:6: 'serve.max_connections' must be at least 1, not -1"]
    assert problems_of(tmp_path, "serve:\n  port: 70000\n") == [
        f"{file}:2: 'serve.port' must be a TCP port from 1 to 65535 (0: any free port), "
        "not 70000"]


def test_values_in_range_load(tmp_path: Path) -> None:
    path = tmp_path / "guichet.yaml"
    path.write_text("serve:\n  port: 0\n  queue_size: 1\n  max_audio_s: 12\n"
                    "  max_connections: 1\n", encoding="utf-8")
    serve = load_config(path).serve
    assert (serve.port, serve.queue_size, serve.max_audio_s, serve.max_connections) == (0, 1, 12, 1)


def test_the_command_says_error_once_per_message(tmp_path: Path, capsys) -> None:
    path = tmp_path / "guichet.yaml"
    path.write_text("serve:\n  port: -5\n  queue_size: 0\n", encoding="utf-8")
    assert main(["--config", str(path), "serve", "--no-voice"]) == 2
    err = capsys.readouterr().err
    assert err == (f"guichet: error: {path}:2: 'serve.port' must be a TCP port from 1 to 65535 "
                   f"(0: any free port), not -5\n{path}:3: 'serve.queue_size' must be at least "
                   "1, not 0\n")
    assert err.count("error:") == 1 and "internal error" not in err


@pytest.mark.parametrize("text", ["-5", "65536", "http", "80.5"])
def test_a_port_on_the_command_line_is_checked(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=f"'{text}' is not a TCP port"):
        port(text)
    assert port("0") == 0 and port("8765") == 8765


def _bind_problem(host: str, port: int) -> str | None:
    try:
        bind(host, port).close()
    except PortError as err:
        return str(err)
    return None


def test_a_port_in_use_is_said_in_words() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        number = taken.getsockname()[1]
        assert _bind_problem("127.0.0.1", number) == (
            f"cannot listen on 127.0.0.1:{number}: the port is already in use (another "
            "'guichet serve'?); stop it or choose another port with --port or serve.port")
    assert _bind_problem("127.0.0.1", number) is None  # let go: free again
    assert _bind_problem("127.0.0.1", 0) is None


def test_an_address_not_of_this_machine_or_unknown_is_said_in_words() -> None:
    # 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    assert "192.0.2.1 is not an address of this machine" in (
        _bind_problem("192.0.2.1", 0) or "")
    assert "'no-such-host.invalid' is not an address or a known host name" in (
        _bind_problem("no-such-host.invalid", 0) or "")
