"""Audio in and out: read any WAV/FLAC/MP3, resample to 16 kHz mono, write WAV, play.

Decoding uses PyAV (a dependency of faster-whisper). sounddevice is imported only when
something is played or recorded, so file-only commands work where PortAudio is missing.
"""

from __future__ import annotations

import io
import logging
import struct
import threading
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import av
import numpy as np

from guichet.voice.audio_limits import SLACK_S, FrameBudget, rate_problem, too_long
from guichet.voice.errors import AudioDeviceError, AudioInputError
from guichet.voice.protocols import AudioInput, AudioOutput

_LOGGER = logging.getLogger(__name__)

STT_RATE = 16_000


@dataclass(frozen=True)
class Audio:
    """Speech ready for recognition."""

    samples: np.ndarray
    """float32 mono samples in [-1, 1] at :data:`STT_RATE`."""
    source_rate: int
    """Sample rate of the file before resampling."""
    source_channels: int
    """Channel count of the file before downmixing."""

    @property
    def duration_s(self) -> float:
        return len(self.samples) / STT_RATE


def _check_wav_header(path: Path, size: int) -> None:
    """Reject a WAV whose data chunk announces more audio than the file holds."""
    with path.open("rb") as handle:
        head = handle.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return
        pos = 12
        while pos + 8 <= size:
            handle.seek(pos)
            header = handle.read(8)
            chunk_id, length = header[:4], struct.unpack("<I", header[4:8])[0]
            if chunk_id == b"data":
                held = size - pos - 8
                # 0 and 0xFFFFFFFF are what streaming writers leave: unknown, not a lie.
                if length not in (0, 0xFFFFFFFF) and length > held:
                    raise AudioInputError(
                        f"{path}: the WAV file is truncated: its header announces {length} "
                        f"bytes of audio but the file holds {held}; record or copy it again"
                    )
                return
            pos += 8 + length + (length & 1)
    raise AudioInputError(f"{path}: the WAV file has no audio data (no 'data' chunk)")


def read_audio(path: Path, max_seconds: float) -> Audio:
    """Decode ``path`` to 16 kHz mono float32; clear :class:`AudioInputError` otherwise."""
    if not path.exists():
        raise AudioInputError(f"{path}: no such file")
    if path.is_dir():
        raise AudioInputError(f"{path}: is a folder, not an audio file")
    size = path.stat().st_size
    if size == 0:
        raise AudioInputError(f"{path}: the file is empty (0 bytes)")
    _check_wav_header(path, size)
    try:
        samples, rate, channels = _decode(path, max_seconds)
    except AudioInputError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError) as err:
        raise AudioInputError(
            f"{path}: cannot read this audio file ({getattr(err, 'strerror', None) or err}); "
            "use WAV, FLAC or MP3"
        ) from None
    if len(samples) == 0:
        raise AudioInputError(f"{path}: the file holds no audio samples")
    return Audio(samples, rate, channels)



def decode_audio(data: bytes, max_seconds: float, label: str = "the recording",
                 setting: str = "stt.max_audio_s") -> Audio:
    """Decode a recording held in memory (WAV, FLAC, MP3, Ogg, WebM, MP4: what phones and
    browsers record) to 16 kHz mono float32; clear :class:`AudioInputError` otherwise,
    :class:`~voice.errors.AudioTooLongError` past ``max_seconds``."""
    if not data:
        raise AudioInputError(f"{label}: no audio was sent (0 bytes)")
    try:
        samples, rate, channels = _decode(io.BytesIO(data), max_seconds, label=label,
                                          setting=setting)
    except AudioInputError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError) as err:
        raise AudioInputError(
            f"{label}: this is not audio that can be read "
            f"({getattr(err, 'strerror', None) or err}); send WAV, FLAC, MP3, Ogg or WebM"
        ) from None
    if len(samples) == 0:
        raise AudioInputError(f"{label}: the recording holds no audio samples")
    return Audio(samples, rate, channels)


def _decode(path: Path | io.BytesIO, max_seconds: float, rate_out: int = STT_RATE,
            label: str | None = None, setting: str = "stt.max_audio_s"
            ) -> tuple[np.ndarray, int, int]:
    source = path if isinstance(path, io.BytesIO) else str(path)
    name = label or str(path)
    with av.open(source, mode="r", metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise AudioInputError(f"{name}: the file has no audio track")
        stream = container.streams.audio[0]
        rate = int(stream.codec_context.sample_rate or 0)
        channels = int(stream.codec_context.channels or 0)
        if rate and (problem := rate_problem(name, rate)) is not None:
            raise problem
        if container.duration and container.duration / 1e6 > max_seconds + SLACK_S:
            raise too_long(name, container.duration / 1e6, max_seconds, setting)
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate_out)
        parts: list[np.ndarray] = []
        budget = FrameBudget(name, max_seconds, setting)
        for frame in container.decode(stream):
            # Each frame counted at its own rate, before the resampler can grow it.
            budget.take(frame.samples, int(frame.sample_rate or 0))
            frame.pts = None
            for out in resampler.resample(frame):
                parts.append(out.to_ndarray().reshape(-1))
        for out in resampler.resample(None):
            parts.append(out.to_ndarray().reshape(-1))
    samples = np.concatenate(parts).astype(np.float32) if parts else np.zeros(0, np.float32)
    return samples, rate, channels


def decode_pcm(path: Path, sample_rate: int, max_seconds: float = 3600) -> bytes:
    """Any audio file as 16-bit mono PCM at ``sample_rate`` (for recorded narrations)."""
    if not path.is_file():
        raise AudioInputError(f"{path}: no such file")
    try:
        samples, _rate, _channels = _decode(path, max_seconds, sample_rate)
    except (av.error.FFmpegError, ValueError, IndexError) as err:
        raise AudioInputError(f"{path}: cannot read this audio file ({err})") from None
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def encode_mp3(pcm: bytes, sample_rate: int, path: Path, bitrate: int = 64_000) -> None:
    """16-bit mono PCM to an MP3 file: small, and every phone plays it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with av.open(str(partial), "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=sample_rate, layout="mono")
        stream.bit_rate = bitrate
        samples = np.frombuffer(pcm, dtype="<i2").reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = sample_rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    partial.replace(path)  # never leave a half-written file that a rebuild would trust


def wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    """16-bit mono PCM as the bytes of a WAV file."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)
    return out.getvalue()


def write_wav(path: Path, pcm: bytes, sample_rate: int) -> None:
    """Write 16-bit mono PCM to a WAV file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(wav_bytes(pcm, sample_rate))


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as err:
        raise AudioDeviceError(
            f"cannot use the sound card: PortAudio is missing ({err}); install it with "
            "'sudo apt-get install libportaudio2'"
        ) from None
    return sounddevice


class Player(AudioOutput):
    """Plays 16-bit mono PCM chunks as they arrive (blocking writes to an output stream).

    Chunks are written in slices of ``block_s`` so that :meth:`stop`, called from any
    thread, silences the output within one slice: the writer sees the request between
    slices and aborts the stream, which drops what the device still holds.
    """

    def __init__(self, sample_rate: int, device: str | int | None = None,
                 block_s: float = 0.02) -> None:
        sd = _sounddevice()
        try:
            self._stream = sd.RawOutputStream(
                samplerate=sample_rate, channels=1, dtype="int16", device=device
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as err:  # ValueError: unknown device name
            raise AudioDeviceError(f"cannot open the sound output: {err}") from None
        self._errors = (sd.PortAudioError,)
        self.sample_rate = sample_rate
        self._block = max(1, int(sample_rate * block_s)) * 2
        self._stop = threading.Event()
        self._lock = threading.Lock()  # held while a slice is being written
        self._aborted = False

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def write(self, pcm: bytes) -> bool:
        """Play ``pcm``; False when :meth:`stop` cut it short."""
        for start in range(0, len(pcm), self._block):
            with self._lock:
                if self._stop.is_set():
                    self._abort()
                    return False
                try:
                    self._stream.write(pcm[start:start + self._block])
                except self._errors as err:
                    raise AudioDeviceError(f"sound output failed: {err}") from None
        return not self._stop.is_set()

    def stop(self) -> None:
        """Silence the output now; safe from any thread, never blocks on the device.

        If a slice is being written, the writer aborts as soon as it returns (within
        ``block_s`` on a real device); otherwise the stream is aborted here.
        """
        self._stop.set()
        if self._lock.acquire(blocking=False):
            try:
                self._abort()
            finally:
                self._lock.release()

    def _abort(self) -> None:
        if not self._aborted:
            self._aborted = True
            try:
                self._stream.abort()
            except self._errors as err:
                _LOGGER.warning("stopping the sound output: %s", err)

    def close(self) -> None:
        """Let what was written finish playing (unless stopped), then release the device."""
        with self._lock:
            try:
                if not self._aborted:
                    self._stream.stop()
                self._stream.close()
            except self._errors as err:  # closing a vanished device must not crash a turn
                _LOGGER.warning("closing the sound output: %s", err)


def scale_pcm(pcm: bytes, gain: float) -> bytes:
    """16-bit PCM multiplied by ``gain``, clipped (the kiosk's volume, a profile's gain)."""
    if gain == 1.0:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) * gain
    return np.clip(samples, -32768, 32767).astype("<i2").tobytes()


def mono16(pcm: bytes, width: int, channels: int) -> bytes:
    """Linear PCM of 1 to 4 bytes a sample and any channel count as 16-bit mono (the
    channels averaged, so two equal channels do not clip)."""
    frames = len(pcm) // (width * channels)
    raw = np.frombuffer(pcm[:frames * width * channels], dtype=np.uint8).reshape(-1, width)
    if width == 1:
        values = (raw[:, 0].astype(np.int32) - 128) << 8  # 8-bit WAV is unsigned
    else:
        # Little-endian signed: the top two bytes are the 16-bit sample.
        values = raw[:, -2:].copy().view("<i2").reshape(-1).astype(np.int32)
    mono = values.reshape(frames, channels).mean(axis=1)
    return np.clip(mono, -32768, 32767).astype("<i2").tobytes()


def tone(frequency: float, seconds: float, rate: int, level: float = 0.3) -> bytes:
    """A sine tone as 16-bit PCM, with 10 ms fades so it does not click."""
    t = np.arange(int(seconds * rate)) / rate
    wave_ = np.sin(2 * np.pi * frequency * t) * level
    fade = min(len(t) // 2, int(0.01 * rate))
    if fade:
        ramp = np.linspace(0.0, 1.0, fade)
        wave_[:fade] *= ramp
        wave_[-fade:] *= ramp[::-1]
    return (wave_ * 32767).astype("<i2").tobytes()


class Microphone(AudioInput):
    """Capture at :data:`STT_RATE` mono from an input device, in blocks of ``block_s``.

    Opening fails with :class:`AudioDeviceError` when there is no usable input (none
    plugged in, PortAudio missing, an unknown device name); so does a read when the device
    disappears. ``gain`` multiplies the samples (a quiet USB microphone).
    """

    def __init__(self, device: str | int | None = None, gain: float = 1.0,
                 block_s: float = 0.1) -> None:
        sd = _sounddevice()
        self._errors = (sd.PortAudioError,)
        self.gain = gain
        self.block = int(STT_RATE * block_s)
        try:
            self._stream = sd.RawInputStream(
                samplerate=STT_RATE, channels=1, dtype="int16", device=device,
                blocksize=self.block,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as err:
            raise AudioDeviceError(f"cannot open the microphone: {err}") from None

    def read(self) -> np.ndarray:
        """The next block, float32 in [-1, 1]."""
        try:
            data, _overflowed = self._stream.read(self.block)
        except self._errors as err:
            raise AudioDeviceError(f"the microphone stopped: {err}") from None
        samples = np.frombuffer(bytes(data), dtype="<i2").astype(np.float32) / 32768
        if self.gain != 1.0:
            samples = np.clip(samples * self.gain, -1.0, 1.0)
        return samples

    def blocks(self) -> Iterator[np.ndarray]:
        """Blocks for as long as the caller iterates."""
        while True:
            yield self.read()

    def close(self) -> None:
        try:
            self._stream.stop()
            self._stream.close()
        except self._errors as err:
            _LOGGER.warning("closing the microphone: %s", err)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class DeviceInfo:
    """A sound device as PortAudio sees it."""

    index: int
    name: str
    inputs: int
    """Input channels (0: not a microphone)."""
    outputs: int
    """Output channels (0: not a speaker)."""
    default_rate: float


def list_devices() -> list[DeviceInfo]:
    """Every device PortAudio knows, as of its last (re)scan."""
    sd = _sounddevice()
    return [DeviceInfo(int(d["index"]), str(d["name"]), int(d["max_input_channels"]),
                       int(d["max_output_channels"]), float(d["default_samplerate"]))
            for d in sd.query_devices()]


def rescan_devices() -> None:
    """Make PortAudio list the devices again (one plugged in since start, or back).

    PortAudio enumerates devices once, when it starts: a USB microphone plugged in later
    is invisible until it restarts. Restarting closes every open stream, so call this only
    when none is open (the kiosk does it while idle, under its device lock).
    """
    sd = _sounddevice()
    # sounddevice has no public call for this; these two are what its import runs.
    sd._terminate()
    sd._initialize()
