"""A bounded queue of slow jobs (spoken questions) run by a fixed set of worker threads.

Admission is decided at once: a job either gets a :class:`Ticket` (it will run, and its
result or its error is delivered to whoever waits on the ticket) or a :class:`Full` that
says when to come back. A place can be reserved before the job exists
(:meth:`AskQueue.reserve`): the server holds one while it reads and decodes a recording,
so that no more recordings are in memory than the queue could take. Nothing accepted is
ever dropped: closing the queue fails the jobs still waiting with :class:`QueueClosed`
instead of forgetting them.

``retry_after`` is pure arithmetic on the queue's state and is tested with plain numbers.
"""

from __future__ import annotations

import logging
import math
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")


class QueueClosed(Exception):
    """The server is stopping: this job will not run."""


class TicketTimeout(Exception):
    """The job did not finish within the time its caller would wait."""


@dataclass(frozen=True)
class Full:
    """Refused: the queue holds as many jobs as it may."""

    retry_after: int
    """Seconds after which a new attempt has a fair chance (at least 1)."""
    waiting: int
    """Jobs waiting when the job was refused."""


@dataclass(frozen=True)
class QueueState:
    """What the queue holds, for health pages and tests."""

    waiting: int
    """Accepted jobs not started yet, reserved places included."""
    running: int
    """Jobs being run by a worker."""
    size: int
    """Most jobs that may wait."""
    workers: int
    """Worker threads."""
    median_turn_s: float | None
    """Median duration of the recent jobs (None before the first one ends)."""


def retry_after(waiting: int, workers: int, median_turn_s: float | None,
                default_turn_s: float) -> int:
    """Seconds to wait before asking again: the waiting jobs shared among the workers,
    each taking the recent median turn time (``default_turn_s`` before any is known)."""
    turn = median_turn_s if median_turn_s is not None else default_turn_s
    return max(1, math.ceil(max(waiting, 1) * turn / max(workers, 1)))


class Ticket(Generic[T]):
    """An accepted job: its result, once a worker has run it."""

    def __init__(self, job: Callable[[], T]) -> None:
        self.job = job
        self.accepted_at = time.monotonic()
        self.started_at: float | None = None
        self._done = threading.Event()
        self._result: T | None = None
        self._error: BaseException | None = None

        self._callbacks: list[Callable[[Ticket[T]], None]] = []
        self._lock = threading.Lock()

    def _finish(self, result: T | None, error: BaseException | None) -> None:
        with self._lock:
            self._result, self._error = result, error
            self._done.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self)

    def when_done(self, callback: Callable[[Ticket[T]], None]) -> None:
        """Call ``callback(ticket)`` once the job has ended (at once if it has), from the
        thread that ends it: an event loop's ``call_soon_threadsafe`` belongs in it."""
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
        callback(self)

    def outcome(self) -> T:
        """The result of an ended job; its exception re-raised."""
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]

    def wait(self, timeout: float) -> T:
        """The job's result; its exception re-raised; :class:`TicketTimeout` past ``timeout``."""
        if not self._done.wait(timeout):
            raise TicketTimeout(f"not answered within {timeout:.0f} s")
        return self.outcome()

    @property
    def waited_s(self) -> float:
        """Seconds between acceptance and the start of the job (0 until it starts)."""
        return (self.started_at - self.accepted_at) if self.started_at is not None else 0.0


class Reservation:
    """A place held in the queue for a job not made yet (see :meth:`AskQueue.reserve`)."""

    def __init__(self) -> None:
        self.used = False


class AskQueue(Generic[T]):
    """At most ``size`` jobs waiting for a busy worker, ``workers`` threads running them in
    arrival order."""

    def __init__(self, size: int, workers: int = 1, default_turn_s: float = 3.0,
                 history: int = 20) -> None:
        if size < 1 or workers < 1:
            raise ValueError("the queue needs room for one job and one worker at least")
        self.size = size
        self.workers = workers
        self.default_turn_s = default_turn_s
        self._waiting: deque[Ticket[T]] = deque()
        self._running = 0
        self._reserved = 0
        self._recent: deque[float] = deque(maxlen=history)
        self._closed = False
        self._cond = threading.Condition()
        self._threads = [threading.Thread(target=self._work, name=f"ask-worker-{i}",
                                          daemon=True) for i in range(workers)]
        for thread in self._threads:
            thread.start()

    def _median(self) -> float | None:
        return statistics.median(self._recent) if self._recent else None

    def state(self) -> QueueState:
        with self._cond:
            return QueueState(len(self._waiting) + self._reserved, self._running, self.size,
                              self.workers, self._median())

    def full(self) -> Full | None:
        """A :class:`Full` when a job submitted now would be refused, else None."""
        with self._cond:
            return self._full()

    def _full(self) -> Full | None:
        # Jobs an idle worker has not taken yet are not waiting for anyone: counted as
        # waiting, they refused a question that came a millisecond after the first one.
        taken = len(self._waiting) + self._running + self._reserved
        if self._closed or taken >= self.size + self.workers:
            waiting = len(self._waiting) + self._reserved
            return Full(retry_after(waiting, self.workers, self._median(), self.default_turn_s),
                        waiting)
        return None

    def reserve(self) -> Reservation | Full:
        """Hold a place for a job to come (a :class:`Reservation`), or refuse (a
        :class:`Full`). The place is given back by :meth:`submit` or :meth:`release`."""
        with self._cond:
            refused = self._full()
            if refused is not None:
                return refused
            self._reserved += 1
            return Reservation()

    def release(self, reservation: Reservation) -> None:
        """Give back a reserved place that will not be used (the request failed)."""
        with self._cond:
            if not reservation.used:
                reservation.used = True
                self._reserved -= 1

    def submit(self, job: Callable[[], T], reservation: Reservation | None = None
               ) -> Ticket[T] | Full:
        """Accept ``job`` (a :class:`Ticket`) or refuse it (a :class:`Full`); a job with
        an unused ``reservation`` takes its place and is accepted unless the queue is
        closed."""
        with self._cond:
            if reservation is not None and not reservation.used:
                reservation.used = True
                self._reserved -= 1
                refused = self._full() if self._closed else None
            else:
                refused = self._full()
            if refused is not None:
                return refused
            ticket = Ticket(job)
            self._waiting.append(ticket)
            self._cond.notify()
            return ticket

    def cancel(self, ticket: Ticket[T]) -> bool:
        """Withdraw a job that has not started (its caller gave up); True when withdrawn."""
        with self._cond:
            if ticket in self._waiting:
                self._waiting.remove(ticket)
                return True
            return False

    def _next(self) -> Ticket[T] | None:
        with self._cond:
            while not self._waiting and not self._closed:
                self._cond.wait()
            if not self._waiting:
                return None
            ticket = self._waiting.popleft()
            ticket.started_at = time.monotonic()
            self._running += 1
            return ticket

    def _work(self) -> None:
        while (ticket := self._next()) is not None:
            start = time.monotonic()
            result: T | None = None
            error: BaseException | None = None
            try:
                result = ticket.job()
            except Exception as err:  # noqa: BLE001 - delivered to the waiting request
                error = err
            with self._cond:
                self._running -= 1
                self._recent.append(time.monotonic() - start)
            ticket._finish(result, error)

    def close(self, timeout: float = 5.0) -> None:
        """Stop accepting; fail the waiting jobs with :class:`QueueClosed`; let running
        jobs end (up to ``timeout`` seconds per worker)."""
        with self._cond:
            self._closed = True
            dropped = list(self._waiting)
            self._waiting.clear()
            self._cond.notify_all()
        for ticket in dropped:
            ticket._finish(None, QueueClosed("the server is stopping"))
        for thread in self._threads:
            thread.join(timeout)
