"""The Raspberry Pi parts: push-to-talk button and status LED, ``guichet hardware check``,
the systemd unit and the install script.

The button and the LED are driven through gpiozero's MockFactory: this machine has no
GPIO header, so the pins are gpiozero's mock pins (the only fake in these tests); the app,
the engines and the sound devices (ALSA plugins, see ``tests/support/alsa.py``) are real.
"""

from __future__ import annotations

from guichet.hardware.config import HardwareConfig


def test_audio_profiles_and_overrides() -> None:
    hw = HardwareConfig(profile="pi-jack-usb-mic", output_device="USB Speaker")
    audio = hw.audio()
    assert (audio.input_device, audio.output_device, audio.input_gain) == (
        "USB", "USB Speaker", 2.0)
    assert HardwareConfig().audio().input_device == ""
