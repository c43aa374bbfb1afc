"""A recording sent to the ask API, checked before decoding it can grow.

:func:`voice.audio.decode_audio` resamples every frame to 16 kHz before it counts the
samples: a FLAC frame declaring a 5-Hz rate grows 3,200 times there (131 KB became 5 GB).
This pass decodes the frames at their own rate, keeps none of them, and refuses a rate
outside what a microphone records or more samples than the duration limit allows, before
:func:`check_and_decode` lets the real decoder resample. Its memory is one frame.
"""

from __future__ import annotations

import io

import av

from guichet.voice.audio import Audio, decode_audio
from guichet.voice.errors import AudioInputError, AudioTooLongError

MIN_RATE = 8_000
"""Lowest sample rate accepted (telephone speech)."""
MAX_RATE = 192_000
"""Highest sample rate accepted (studio recorders)."""
LABEL = "the recording"


def _rate_problem(rate: int) -> AudioInputError | None:
    if MIN_RATE <= rate <= MAX_RATE:
        return None
    return AudioInputError(f"{LABEL}: its sample rate ({rate} Hz) is not one a microphone "
                           f"records (accepted: {MIN_RATE} to {MAX_RATE} Hz)")


def check_recording(data: bytes, max_seconds: float) -> None:
    """Raise :class:`AudioInputError` for a sample rate out of range or unreadable audio,
    :class:`AudioTooLongError` past ``max_seconds`` (+0.5 s, as the decoder); return
    otherwise. Samples are counted at the frames' own rates, before any resampling."""
    if not data:
        raise AudioInputError(f"{LABEL}: no audio was sent (0 bytes)")
    seconds = 0.0
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioInputError(f"{LABEL}: the file has no audio track")
            stream = container.streams.audio[0]
            declared = int(stream.codec_context.sample_rate or 0)
            if declared:
                problem = _rate_problem(declared)
                if problem is not None:
                    raise problem
            for frame in container.decode(stream):
                problem = _rate_problem(int(frame.sample_rate or 0))
                if problem is not None:
                    raise problem
                seconds += frame.samples / frame.sample_rate
                if seconds > max_seconds + 0.5:
                    raise AudioTooLongError(
                        f"{LABEL}: the recording lasts more than {max_seconds:.0f} s, the "
                        "limit (serve.max_audio_s); ask one question at a time")
    except AudioInputError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, ZeroDivisionError) as err:
        raise AudioInputError(
            f"{LABEL}: this is not audio that can be read "
            f"({getattr(err, 'strerror', None) or err}); send WAV, FLAC, MP3, Ogg or WebM"
        ) from None


def check_and_decode(data: bytes, max_seconds: float) -> Audio:
    """The recording at 16 kHz mono, once :func:`check_recording` has passed it."""
    check_recording(data, max_seconds)
    return decode_audio(data, max_seconds, LABEL)
