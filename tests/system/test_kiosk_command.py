"""``guichet kiosk`` itself, in a real pseudo-terminal, as a kiosk's console runs it.

The sound devices are ALSA plugins (see ``tests/support/alsa.py``). The microphone is unplugged
after the start, so PortAudio complains on stderr when the kiosk tries it: that must land
in the log file, not over the screen.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

from tests.conftest import REPO
from tests.support.alsa import silence_raw, write_home

_ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]")


class Terminal:
    """A child process on a pseudo-terminal, and the text it has drawn so far."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the command
            os.chdir(REPO)
            os.execve(argv[0], argv, env)
        cols, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.raw = b""

    def text(self) -> str:
        return _ANSI.sub(b"", self.raw).decode("utf-8", "replace")

    def wait_for(self, words: str, deadline_s: float = 180) -> None:
        end = time.monotonic() + deadline_s
        while words not in self.text():
            if time.monotonic() > end:
                raise AssertionError(f"never showed {words!r}; screen text: {self.text()[-2000:]}")
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    self.raw += os.read(self.fd, 65536)
                except OSError:  # the child closed the terminal
                    break

    def type(self, keys: str) -> None:
        for key in keys:
            os.write(self.fd, key.encode())
            time.sleep(0.01)

    def exit_code(self, deadline_s: float = 60) -> int:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            try:
                self.raw += os.read(self.fd, 65536)
            except OSError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.1)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the kiosk did not quit")


def test_guichet_kiosk_answers_a_typed_question_on_its_terminal(tmp_path: Path,
                                                                cache_dir: Path) -> None:
    microphone = silence_raw(tmp_path / "microphone.raw")
    home = write_home(tmp_path / "home", tmp_path / "speaker.raw", microphone)
    log = tmp_path / "kiosk.log"
    config = tmp_path / "guichet.yaml"
    config.write_text(f"kiosk:\n  log_file: {log}\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "GUICHET_CACHE": str(cache_dir),
           "TERM": "xterm-256color", "COLUMNS": "110", "LINES": "32"}
    term = Terminal([sys.executable, "-m", "guichet.kiosk", "kiosk", "--config", str(config)], env,
                    (110, 32))
    term.wait_for("Prêt / Ready")
    term.wait_for("Espace (ou le bouton) pour parler")  # the voice is loaded
    microphone.unlink()  # unplugged
    term.type(" ")  # Space in the empty box: talk
    term.wait_for("Microphone indisponible")
    term.wait_for("Pas de microphone")  # said at once, French then English
    term.type("When is the market?\r")
    term.wait_for("Source : Service des marchés")  # the source as the town wrote it, not its id
    term.type("\x11\x11")  # Ctrl+Q twice: the staff's way out
    assert term.exit_code() == 0
    screen = term.text()
    assert "ALSA lib" not in screen and "Expression" not in screen
    logged = log.read_text(encoding="utf-8")
    assert "kiosk starting for Montrevel-les-Vignes" in logged
    assert "microphone: cannot open the microphone" in logged
    assert "pa_linux_alsa.c" in logged  # PortAudio's own complaint, kept off the screen
