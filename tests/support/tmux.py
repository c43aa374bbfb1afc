"""A program in a real tmux pane: keys sent as a person types or pastes, the screen read
back as tmux shows it (its own server socket, so no other tmux session is touched)."""

from __future__ import annotations

import re
import shlex
import subprocess
import time
from pathlib import Path

_EDGES = "▊▎▌▐│┃▏▕▔▁▂▃▄▅▆▇█━─╸╺ "


class Pane:
    """``tmux -L <socket>`` running ``argv`` in a ``cols``×``rows`` window."""

    def __init__(self, socket: str, argv: list[str], env: dict[str, str], cwd: Path,
                 size: tuple[int, int]) -> None:
        self.socket = socket
        command = " ".join(["cd", shlex.quote(str(cwd)), "&&", "exec", "env",
                            *(shlex.quote(f"{k}={v}") for k, v in env.items()),
                            *map(shlex.quote, argv)])
        cols, rows = size
        self._tmux("new-session", "-d", "-s", "kiosk", "-x", str(cols), "-y", str(rows),
                   command)
        self._tmux("set-option", "-t", "kiosk", "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=True, timeout=30).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "kiosk")

    def text(self) -> str:
        """The screen's words on one line: borders and scroll bars dropped, wrapped lines
        joined with a space."""
        lines = (line.strip(_EDGES) for line in self.screen().splitlines())
        return re.sub(r"\s+", " ", " ".join(line for line in lines if line))

    def wait_for(self, words: str, deadline_s: float = 180) -> None:
        end = time.monotonic() + deadline_s
        while words not in self.text():
            if time.monotonic() > end:
                raise AssertionError(f"never showed {words!r}; screen:\n{self.screen()}")
            time.sleep(0.1)

    def type(self, text: str, delay_s: float = 0.0) -> None:
        """One key at a time (``delay_s`` between keys), or all at once as a paste does
        when ``delay_s`` is 0."""
        if not delay_s:
            self._tmux("send-keys", "-t", "kiosk", "-l", text)
            return
        for character in text:
            self._tmux("send-keys", "-t", "kiosk", "-l", character)
            time.sleep(delay_s)

    def key(self, *names: str) -> None:
        self._tmux("send-keys", "-t", "kiosk", *names)

    def dead(self) -> bool:
        return self._tmux("display-message", "-p", "-t", "kiosk", "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       check=False, timeout=30)
