"""The LLM's breaker: when to ask a failing LLM again, which failures are news (pure)."""

from __future__ import annotations

from guichet.content.answer.breaker import Breaker


def test_a_failure_opens_the_breaker_until_the_retry_time() -> None:
    breaker = Breaker(retry_after_s=30)
    assert breaker.allow(0.0)
    assert breaker.failed(10.0) is True  # an outage begins: worth a warning
    assert not breaker.allow(10.0) and not breaker.allow(39.9)
    assert breaker.allow(40.0)
    assert breaker.failed(40.0) is False  # the same outage: no new warning
    assert not breaker.allow(69.9) and breaker.allow(70.0)
    assert breaker.succeeded(71.0) == 61.0  # the outage lasted from 10 to 71
    assert breaker.allow(71.5) and breaker.succeeded(72.0) is None
