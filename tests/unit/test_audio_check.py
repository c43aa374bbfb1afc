"""Recordings sent to the ask API are checked at their own rate, before any resampling.

The recordings are real FLAC and WAV files encoded here by PyAV; the FLAC ones have the
total-sample count of their header zeroed (as a streaming encoder leaves it), so that no
duration is declared and only the frames tell how long the recording is.
"""

from __future__ import annotations

import io
import resource

import av
import numpy as np
import pytest

from guichet.kiosk.server.audio_check import check_and_decode, check_recording
from guichet.voice.errors import AudioInputError, AudioTooLongError


def flac(rate: int, seconds: float, undeclared: bool = True, frame: int = 4096) -> bytes:
    """A FLAC file of faint noise at ``rate`` Hz in frames of ``frame`` samples;
    ``undeclared``: no length in its header."""
    samples = max(1, int(rate * seconds))
    out = io.BytesIO()
    with av.open(out, "w", format="flac") as container:
        stream = container.add_stream("flac", rate=rate, layout="mono",
                                      options={"frame_size": str(frame)})
        stream.format = "s16"
        rng = np.random.default_rng(1)
        data = rng.integers(-8, 8, (1, samples), dtype=np.int16)
        frame = av.AudioFrame.from_ndarray(data, format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    data = bytearray(out.getvalue())
    assert data[:4] == b"fLaC" and data[4] & 0x7F == 0  # STREAMINFO first
    if undeclared:
        # STREAMINFO: 10 bytes, then rate(20) channels(3) bits(5) total samples(36).
        start = 8 + 10
        data[start + 3] &= 0xF0
        data[start + 4:start + 8] = b"\0\0\0\0"
    return bytes(data)


def wav(rate: int, seconds: float) -> bytes:
    out = io.BytesIO()
    with av.open(out, "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=rate, layout="mono")
        data = np.zeros((1, int(rate * seconds)), dtype=np.int16)
        frame = av.AudioFrame.from_ndarray(data, format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


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
