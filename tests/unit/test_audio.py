"""Reading audio: any rate, channel count and container; clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from guichet.voice.audio import STT_RATE, read_audio, write_wav
from guichet.voice.errors import AudioInputError
from tests.conftest import write_pcm_wav


def tone(rate: int, seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return np.sin(2 * np.pi * freq * t) * 10_000


def encode(path: Path, samples: np.ndarray, rate: int, codec: str, channels: int) -> Path:
    """Encode with PyAV (FFmpeg): a real FLAC or MP3 file, as a phone or recorder makes."""
    layout = "mono" if channels == 1 else "stereo"
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        # Packed s16: one row of interleaved samples.
        interleaved = np.repeat(samples.astype(np.int16), channels).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(interleaved, format="s16", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.mark.parametrize(("rate", "channels"), [(8000, 1), (22050, 1), (44100, 2), (48000, 2)])
def test_wav_of_any_rate_and_channels_becomes_16k_mono(
    tmp_path: Path, rate: int, channels: int
) -> None:
    mono = tone(rate, 1.5)
    data = np.repeat(mono[:, None], channels, axis=1).reshape(-1)
    audio = read_audio(write_pcm_wav(tmp_path / "x.wav", data, rate, channels), 60)
    assert audio.source_rate == rate and audio.source_channels == channels
    assert abs(audio.duration_s - 1.5) < 0.02
    assert audio.samples.dtype == np.float32
    # The tone survives resampling: its dominant frequency is still 440 Hz.
    spectrum = np.abs(np.fft.rfft(audio.samples))
    peak_hz = np.argmax(spectrum) * STT_RATE / len(audio.samples)
    assert abs(peak_hz - 440) < 3


@pytest.mark.parametrize(("codec", "suffix"), [("flac", ".flac"), ("mp3", ".mp3")])
def test_flac_and_mp3_are_read(tmp_path: Path, codec: str, suffix: str) -> None:
    path = encode(tmp_path / f"x{suffix}", tone(44100, 2.0), 44100, codec, 2)
    audio = read_audio(path, 60)
    assert audio.source_rate == 44100
    assert abs(audio.duration_s - 2.0) < 0.1
    assert float(np.max(np.abs(audio.samples))) > 0.1


def test_write_wav_round_trip(tmp_path: Path) -> None:
    pcm = tone(16000, 0.5).astype("<i2").tobytes()
    write_wav(tmp_path / "sub" / "out.wav", pcm, 16000)
    audio = read_audio(tmp_path / "sub" / "out.wav", 60)
    assert len(audio.samples) == 8000


def test_bad_files_get_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(AudioInputError, match="no such file"):
        read_audio(tmp_path / "missing.wav", 60)
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(AudioInputError, match="empty"):
        read_audio(tmp_path / "empty.wav", 60)
    whole = write_pcm_wav(tmp_path / "whole.wav", tone(16000, 2.0), 16000).read_bytes()
    (tmp_path / "cut.wav").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(AudioInputError, match="truncated"):
        read_audio(tmp_path / "cut.wav", 60)
    (tmp_path / "junk.mp3").write_bytes(b"this is not audio at all " * 50)
    with pytest.raises(AudioInputError, match="cannot read"):
        read_audio(tmp_path / "junk.mp3", 60)
    with pytest.raises(AudioInputError, match="folder"):
        read_audio(tmp_path, 60)


def test_audio_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write_pcm_wav(tmp_path / "long.wav", tone(16000, 12.0), 16000)
    with pytest.raises(AudioInputError, match="12 s.*10 s limit"):
        read_audio(path, 10)
    assert read_audio(path, 12.2).duration_s == pytest.approx(12.0, abs=0.01)
