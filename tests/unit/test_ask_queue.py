"""The spoken-question queue: admission, Retry-After, results and errors delivered, close.

Jobs here are plain functions that wait on events the test sets, so every state (one
running, one waiting, full) is reached on purpose, without timing races.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from guichet.kiosk.server.ask_queue import AskQueue, Full, QueueClosed, TicketTimeout, retry_after
from tests.support.waiting import until

WAIT = 30.0  # a generous limit against hanging, not a performance assertion


def blocking_job(result: str) -> tuple[Callable[[], str], threading.Event, threading.Event]:
    """A job that says when it has started and runs until released."""
    started, release = threading.Event(), threading.Event()

    def job() -> str:
        started.set()
        release.wait(WAIT)
        return result

    return job, started, release


@pytest.mark.parametrize(("waiting", "workers", "median", "expected"), [
    (1, 1, 2.0, 2), (3, 1, 2.0, 6), (3, 2, 2.0, 3), (4, 1, 0.3, 2), (0, 1, 0.2, 1),
    (2, 1, None, 6),  # no turn measured yet: the default (3 s) per turn
])
def test_retry_after_is_the_queue_length_times_the_median_turn(
        waiting: int, workers: int, median: float | None, expected: int) -> None:
    assert retry_after(waiting, workers, median, default_turn_s=3.0) == expected


def test_full_queue_refuses_and_every_accepted_job_is_answered() -> None:
    queue: AskQueue[str] = AskQueue(size=1, workers=1, default_turn_s=4.0)
    slow, started, release = blocking_job("first")
    first = queue.submit(slow)
    assert not isinstance(first, Full)
    assert started.wait(WAIT)
    second = queue.submit(lambda: "second")
    assert not isinstance(second, Full)
    state = queue.state()
    assert (state.running, state.waiting) == (1, 1)
    refused = queue.submit(lambda: "third")
    assert isinstance(refused, Full)
    assert refused == Full(retry_after=4, waiting=1)
    assert queue.full() == refused
    release.set()
    assert first.wait(WAIT) == "first"
    assert second.wait(WAIT) == "second"
    until(lambda: queue.state().running == 0, "the worker to go idle")
    assert queue.full() is None
    assert queue.state().median_turn_s is not None
    queue.close()


def test_two_jobs_submitted_together_are_both_accepted() -> None:
    """Whether or not the idle worker has taken the first job yet (two phones asking at
    the same moment): one runs, one waits, the next is refused."""
    queue: AskQueue[str] = AskQueue(size=1, workers=1)
    first, first_started, release_first = blocking_job("first")
    second, _second_started, release_second = blocking_job("second")
    accepted = [queue.submit(first), queue.submit(second)]
    assert not any(isinstance(ticket, Full) for ticket in accepted), accepted
    assert isinstance(queue.submit(lambda: "third"), Full)
    assert first_started.wait(WAIT)
    state = queue.state()
    assert (state.running, state.waiting) == (1, 1)
    release_first.set()
    release_second.set()
    assert [t.wait(WAIT) for t in accepted if not isinstance(t, Full)] == ["first", "second"]
    queue.close()


def test_a_failing_job_reports_its_error_and_the_worker_goes_on() -> None:
    queue: AskQueue[int] = AskQueue(size=2)

    def broken() -> int:
        raise ValueError("bad recording")

    failing = queue.submit(broken)
    assert not isinstance(failing, Full)
    with pytest.raises(ValueError, match="bad recording"):
        failing.wait(WAIT)
    fine = queue.submit(lambda: 42)
    assert not isinstance(fine, Full)
    assert fine.wait(WAIT) == 42
    queue.close()


def test_close_fails_the_waiting_jobs_instead_of_dropping_them() -> None:
    queue: AskQueue[str] = AskQueue(size=2)
    slow, started, release = blocking_job("done")
    running = queue.submit(slow)
    assert started.wait(WAIT)
    waiting = queue.submit(lambda: "never")
    assert not isinstance(running, Full) and not isinstance(waiting, Full)
    closer = threading.Thread(target=queue.close)
    closer.start()
    with pytest.raises(QueueClosed):
        waiting.wait(WAIT)
    release.set()
    closer.join(WAIT)
    assert running.wait(WAIT) == "done"
    assert isinstance(queue.submit(lambda: "late"), Full)


def test_a_caller_that_gives_up_withdraws_its_job() -> None:
    queue: AskQueue[str] = AskQueue(size=1)
    slow, started, release = blocking_job("slow")
    ran: list[str] = []
    blocker = queue.submit(slow)
    assert started.wait(WAIT)
    patient = queue.submit(lambda: ran.append("withdrawn job ran") or "x")
    assert not isinstance(blocker, Full) and not isinstance(patient, Full)
    with pytest.raises(TicketTimeout):
        patient.wait(0.01)
    assert queue.cancel(patient) is True
    assert queue.cancel(blocker) is False  # already running: it finishes
    release.set()
    assert blocker.wait(WAIT) == "slow"
    queue.close()
    assert ran == []


def test_places_reserved_before_the_job_exists_count_as_taken() -> None:
    """The server reserves a place before it reads a recording: while two are being read,
    a third sender is refused before its body is read."""
    queue: AskQueue[str] = AskQueue(size=1, workers=1, default_turn_s=2.0)
    first, second = queue.reserve(), queue.reserve()
    assert not isinstance(first, Full) and not isinstance(second, Full)
    assert queue.state().waiting == 2
    refused = queue.reserve()
    assert isinstance(refused, Full) and refused.waiting == 2
    assert isinstance(queue.submit(lambda: "unreserved"), Full)
    queue.release(second)  # that recording was garbage: its place is free again
    queue.release(second)  # given back once only
    assert queue.state().waiting == 1
    ticket = queue.submit(lambda: "first", first)
    assert not isinstance(ticket, Full) and ticket.wait(WAIT) == "first"
    queue.release(first)  # after submit: nothing to give back
    until(lambda: queue.state().running == 0, "the worker to go idle")
    assert queue.state().waiting == 0 and queue.full() is None
    queue.close()


def test_a_ticket_tells_who_waits_when_its_job_ends() -> None:
    queue: AskQueue[str] = AskQueue(size=1)
    slow, started, release = blocking_job("done")
    ticket = queue.submit(slow)
    assert not isinstance(ticket, Full)
    ended = threading.Event()
    ticket.when_done(lambda t: ended.set())
    assert started.wait(WAIT) and not ended.is_set()
    release.set()
    assert ended.wait(WAIT) and ticket.outcome() == "done"
    late: list[str] = []
    ticket.when_done(lambda t: late.append(t.outcome()))  # after the end: called at once
    assert late == ["done"]
    queue.close()
