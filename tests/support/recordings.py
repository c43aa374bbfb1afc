"""Recordings made by PyAV for the ask server's audio probes: real files, odd on purpose.

The FLAC ones have the total-sample count of their header zeroed (as a streaming encoder
leaves it), so that no duration is declared and only the frames tell how long they are.
"""

from __future__ import annotations

import io

import av
import numpy as np


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
