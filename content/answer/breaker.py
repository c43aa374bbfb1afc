"""A circuit breaker: leave a failing server alone for a while, say when it comes back.

Pure: the clock is an argument. The LLM answerer and the remote speech engines
(``voice.fallback``) share it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Breaker:
    """Whether to ask the server now; whether a failure or a success is news."""

    retry_after_s: float
    """How long a failed server is left alone."""
    down_since: float | None = None
    """When the current outage began (None: the server is believed up)."""
    retry_at: float = 0.0
    """When the server may be asked again."""

    def allow(self, now: float) -> bool:
        return self.down_since is None or now >= self.retry_at

    def failed(self, now: float) -> bool:
        """Record a failure; True when it starts an outage (worth a warning)."""
        new = self.down_since is None
        if new:
            self.down_since = now
        self.retry_at = now + self.retry_after_s
        return new

    def succeeded(self, now: float) -> float | None:
        """Record a success; the outage's length when this ends one, else None."""
        if self.down_since is None:
            return None
        lasted, self.down_since = now - self.down_since, None
        return lasted
