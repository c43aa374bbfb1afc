"""Recordings are checked at their own rate, before any resampling: those sent to the ask
API (decoded from memory) and those given to ``guichet ask`` (read from a file).

The recordings are real FLAC and WAV files encoded by PyAV (``tests/support/recordings``).
"""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from guichet.voice.audio import decode_audio, read_audio
from guichet.voice.errors import AudioInputError, AudioTooLongError
from tests.support.recordings import flac, wav


def test_a_five_hertz_flac_is_refused_before_it_is_resampled() -> None:
    """The probe of the issue: 131 KB declaring 5 Hz grew to 5 GB once resampled (each
    frame of 65,535 samples becomes 210 million at 16 kHz)."""
    data = flac(5, 26_000, frame=65_535)
    assert len(data) < 200_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(AudioInputError, match="sample rate .5 Hz"):
        decode_audio(data, 30.0)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100, f"peak memory grew {grown_mb:.0f} MB"


@pytest.mark.parametrize("rate", [4_000, 7_999, 200_000])
def test_rates_outside_what_microphones_record_are_refused(rate: int) -> None:
    with pytest.raises(AudioInputError, match=f"sample rate .{rate} Hz"):
        decode_audio(wav(rate, 0.5), 30.0)


def test_length_is_counted_on_the_frames_when_the_header_says_nothing() -> None:
    with pytest.raises(AudioTooLongError, match="longer than the 30 s limit"):
        decode_audio(flac(8_000, 40.0), 30.0)


@pytest.mark.parametrize("rate", [8_000, 16_000, 48_000, 192_000])
def test_ordinary_recordings_pass_and_decode_to_16_khz(rate: int) -> None:
    audio = decode_audio(flac(rate, 2.0), 30.0)
    assert audio.source_rate == rate
    assert abs(audio.duration_s - 2.0) < 0.05


def test_garbage_and_empty_bodies_say_what_is_wrong() -> None:
    with pytest.raises(AudioInputError, match="not audio that can be read"):
        decode_audio(b"this is certainly not a recording " * 50, 30.0)
    with pytest.raises(AudioInputError, match="no audio"):
        decode_audio(b"", 30.0)


def test_a_five_hertz_flac_given_to_ask_is_refused_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "question.flac"
    path.write_bytes(flac(5, 26_000, frame=65_535))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(AudioInputError, match="sample rate .5 Hz"):
        read_audio(path, 30.0)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 100
