"""``guichet hardware check``: which sound devices exist, a test tone, a live level meter.

Meant for whoever installs a kiosk: each step says what it found and what to do when
something is missing; the command exits with 1 when the microphone or the speaker fails.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from guichet.hardware.config import AudioProfile, device_arg
from guichet.voice.audio import Microphone, Player, list_devices, tone
from guichet.voice.errors import AudioDeviceError

TONE_RATE = 22050


def level_dbfs(samples: np.ndarray) -> float:
    """RMS level of float samples in dB below full scale (-120 for silence)."""
    if len(samples) == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return max(-120.0, 20 * math.log10(rms)) if rms > 0 else -120.0


def meter(db: float, width: int = 30, floor: float = -60.0) -> str:
    """A text bar for a level: empty at ``floor`` dBFS and below, full at 0."""
    filled = round(width * min(1.0, max(0.0, (db - floor) / -floor)))
    return "█" * filled + "·" * (width - filled)


def run_check(audio: AudioProfile, seconds: float, play_tone: bool,
              say: Callable[[str], None] = print) -> int:
    try:
        devices = list_devices()
    except AudioDeviceError as err:
        say(f"Sound: {err}")
        return 1
    say("Sound devices (in = microphone channels, out = speaker channels):")
    for d in devices:
        say(f"  [{d.index}] {d.name}  in {d.inputs}, out {d.outputs}, {d.default_rate:.0f} Hz")
    if not devices:
        say("  none: plug in a USB microphone or speaker, or check 'aplay -l' and "
            "'arecord -l'")
    say(f"Configured: microphone '{audio.input_device or 'default'}' (gain "
        f"{audio.input_gain}), speaker '{audio.output_device or 'default'}' "
        f"(volume {audio.output_volume})")
    ok = _check_speaker(audio, play_tone, say)
    return 0 if _check_microphone(audio, seconds, say) and ok else 1


def _check_speaker(audio: AudioProfile, play_tone: bool, say: Callable[[str], None]) -> bool:
    try:
        player = Player(TONE_RATE, device_arg(audio.output_device))
    except AudioDeviceError as err:
        say(f"Speaker: FAILED: {err}. Set hardware.output_device to a name listed above.")
        return False
    try:
        if play_tone:
            player.write(tone(440.0, 1.0, TONE_RATE, 0.3 * audio.output_volume))
            say("Speaker: OK, a 1-second tone (440 Hz) was played: did you hear it?")
        else:
            say("Speaker: OK (opened; no tone played)")
    except AudioDeviceError as err:
        say(f"Speaker: FAILED while playing: {err}")
        return False
    finally:
        player.close()
    return True


def _check_microphone(audio: AudioProfile, seconds: float, say: Callable[[str], None]) -> bool:
    try:
        mic = Microphone(device_arg(audio.input_device), audio.input_gain)
    except AudioDeviceError as err:
        say(f"Microphone: FAILED: {err}. Set hardware.input_device to a name listed above.")
        return False
    say(f"Microphone: OK; speak now, level for {seconds:g} s:")
    peak = -120.0
    blocks_per_line = 5  # one line every half second
    try:
        with mic:
            levels: list[float] = []
            for _ in range(max(1, round(seconds * 10))):  # 100 ms blocks
                levels.append(level_dbfs(mic.read()))
                if len(levels) == blocks_per_line:
                    db = max(levels)
                    peak = max(peak, db)
                    say(f"  {meter(db)} {db:6.1f} dBFS")
                    levels = []
            if levels:
                peak = max(peak, max(levels))
    except AudioDeviceError as err:
        say(f"Microphone: FAILED while listening: {err}")
        return False
    if peak < -55:
        say(f"Microphone: the loudest sound was {peak:.0f} dBFS: it hears almost nothing "
            "(muted? raise hardware.input_gain or the level in 'alsamixer')")
    else:
        say(f"Microphone: loudest {peak:.0f} dBFS")
    return True
