"""Waiting for a condition without sleeping blindly: poll it, fail clearly past a limit."""

from __future__ import annotations

import threading
from collections.abc import Callable


def until(condition: Callable[[], bool], what: str, timeout: float = 120.0,
          every: float = 0.02, describe: Callable[[], str] | None = None) -> None:
    """Return as soon as ``condition()`` holds; AssertionError naming ``what`` (and what
    ``describe()`` says) past ``timeout`` seconds (a limit against hanging, not a
    performance assertion)."""
    pause = threading.Event()
    for _ in range(max(1, int(timeout / every))):
        if condition():
            return
        pause.wait(every)
    raise AssertionError(f"timed out waiting for {what}"
                         + (f" ({describe()})" if describe is not None else ""))
