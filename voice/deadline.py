"""Run a blocking call with a hard time budget.

Network clients time out per operation (connect, each read), so a server that trickles
bytes can hold a call far past any single timeout. The call runs in a daemon thread and
the caller stops waiting when the budget is spent; the thread ends on its own when the
client's own timeouts fire.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def call_within(fn: Callable[[], T], budget_s: float, name: str = "remote-call") -> T:
    """``fn()``, or :class:`TimeoutError` once ``budget_s`` seconds have passed."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(fn())
        except BaseException as err:  # noqa: BLE001 - handed back to the caller as is
            failure.append(err)

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(budget_s)
    if worker.is_alive():
        raise TimeoutError(f"no answer within {budget_s:.1f} s")
    if failure:
        raise failure[0]
    return result[0]
