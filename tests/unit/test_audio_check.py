"""Recordings sent to the ask API are checked at their own rate, before any resampling.

The recordings are real FLAC and WAV files encoded by PyAV (``tests/support/recordings``).
"""

from __future__ import annotations

import resource

import pytest

from guichet.kiosk.server.audio_check import check_and_decode, check_recording
from guichet.voice.errors import AudioInputError, AudioTooLongError
from tests.support.recordings import flac, wav


def test_a_five_hertz_flac_is_refused_before_it_is_resampled() -> None:
    """The probe of the issue: 131 KB declaring 5 Hz grew to 5 GB once resampled (each
    frame of 65,535 samples becomes 210 million at 16 kHz)."""
    data = flac(5, 26_000, frame=65_535)
    assert len(data) < 200_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(AudioInputError, match="sample rate .5 Hz"):
        check_and_decode(data, 30.0)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100, f"peak memory grew {grown_mb:.0f} MB"


@pytest.mark.parametrize("rate", [4_000, 7_999, 200_000])
def test_rates_outside_what_microphones_record_are_refused(rate: int) -> None:
    with pytest.raises(AudioInputError, match=f"sample rate .{rate} Hz"):
        check_recording(wav(rate, 0.5), 30.0)


def test_length_is_counted_on_the_frames_when_the_header_says_nothing() -> None:
    with pytest.raises(AudioTooLongError, match="more than 30 s"):
        check_recording(flac(8_000, 40.0), 30.0)


@pytest.mark.parametrize("rate", [8_000, 16_000, 48_000, 192_000])
def test_ordinary_recordings_pass_and_decode_to_16_khz(rate: int) -> None:
    audio = check_and_decode(flac(rate, 2.0), 30.0)
    assert audio.source_rate == rate
    assert abs(audio.duration_s - 2.0) < 0.05


def test_garbage_and_empty_bodies_say_what_is_wrong() -> None:
    with pytest.raises(AudioInputError, match="not audio that can be read"):
        check_recording(b"this is certainly not a recording " * 50, 30.0)
    with pytest.raises(AudioInputError, match="no audio"):
        check_recording(b"", 30.0)
