"""What a recording may be before it is decoded and resampled: its rate and its length.

A FLAC frame declaring a 5-Hz rate grows 3,200 times when resampled to 16 kHz (131 KB
became 5 GB). :class:`FrameBudget` is asked about every frame at its own rate, before the
resampler sees it: a rate outside what a microphone records is refused, and so is a
recording longer than the limit, counted in the frames' own seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from guichet.voice.errors import AudioInputError, AudioTooLongError

MIN_RATE = 8_000
"""Lowest sample rate accepted (telephone speech)."""
MAX_RATE = 192_000
"""Highest sample rate accepted (studio recorders)."""
SLACK_S = 0.5
"""Length allowed past the limit (a recording stopped a little late)."""


def rate_problem(name: str, rate: int) -> AudioInputError | None:
    """Why ``rate`` is refused, or None when a microphone records at it."""
    if MIN_RATE <= rate <= MAX_RATE:
        return None
    return AudioInputError(f"{name}: its sample rate ({rate} Hz) is not one a microphone "
                           f"records (accepted: {MIN_RATE} to {MAX_RATE} Hz)")


def too_long(name: str, seconds: float, max_seconds: float,
             setting: str = "stt.max_audio_s") -> AudioTooLongError:
    return AudioTooLongError(
        f"{name}: the recording lasts {seconds:.0f} s, longer than the {max_seconds:.0f} s "
        f"limit ({setting} in the configuration); ask one question at a time")


@dataclass
class FrameBudget:
    """The frames of one recording, counted at their own rate before resampling."""

    name: str
    """The recording, as said in messages (a path, "the recording")."""
    max_seconds: float
    """The longest recording accepted."""
    setting: str = "stt.max_audio_s"
    """The configuration key of the limit, named in the message."""
    seconds: float = 0.0
    """Seconds counted so far."""

    def take(self, samples: int, rate: int) -> None:
        """Count one frame; raise :class:`AudioInputError` for a refused rate and
        :class:`AudioTooLongError` past the limit."""
        problem = rate_problem(self.name, rate)
        if problem is not None:
            raise problem
        self.seconds += samples / rate
        if self.seconds > self.max_seconds + SLACK_S:
            raise too_long(self.name, self.seconds, self.max_seconds, self.setting)
