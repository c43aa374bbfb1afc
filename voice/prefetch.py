"""Run a lazy generator ahead of its consumer, in its own thread.

The kiosk plays a sentence by writing it to the sound device, which takes as long as the
sentence lasts; synthesizing the next sentence only after that leaves a silence between
sentences. :func:`ahead` synthesizes while the consumer plays: the generator is iterated
inside the producer thread (engines' lazy generators must not hop threads), at most
``depth`` items wait, and closing the returned iterator stops the producer after the item
it is working on (and waits for that).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

_DONE = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def ahead(make: Callable[[], Iterator[T]], depth: int = 2) -> Iterator[T]:
    """Items of ``make()``, produced up to ``depth`` items ahead of the caller."""
    items: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        source = make()
        try:
            for item in source:
                if not put(item):
                    break
            else:
                put(_DONE)
        except BaseException as err:  # noqa: BLE001 - handed to the consumer to raise
            put(_Failed(err))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=produce, name="guichet-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = items.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        # Wait for the item in progress: an engine still running in a daemon thread when
        # the interpreter exits aborts the process (a kiosk quitting mid-sentence).
        thread.join(timeout=30)
