"""The kiosk's hardware (configuration section ``hardware``): sound devices and GPIO pins.

An *audio profile* names a usual set-up (a USB speakerphone on a Raspberry Pi, HDMI
speakers with a USB microphone…); the keys of the section override what it sets.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class AudioProfile:
    """Which devices to use and how loud."""

    input_device: str = ""
    """Microphone: part of its name as ``guichet hardware check`` lists it; "" = default."""
    output_device: str = ""
    """Speaker: part of its name; "" = the default output."""
    input_gain: float = 1.0
    """Multiplies the microphone's samples (2.0 for a quiet USB microphone)."""
    output_volume: float = 1.0
    """Multiplies the speech (the kiosk's default volume at each new visitor)."""


PROFILES: dict[str, AudioProfile] = {
    "default": AudioProfile(),
    # Conference speakerphones (Jabra Speak, Anker PowerConf…) list as "USB Audio".
    "usb-speakerphone": AudioProfile(input_device="USB", output_device="USB"),
    # Raspberry Pi 4: the 3.5 mm jack is "bcm2835 Headphones"; a USB microphone.
    "pi-jack-usb-mic": AudioProfile(input_device="USB", output_device="Headphones",
                                    input_gain=2.0),
    # Raspberry Pi 4/5 with HDMI speakers or a screen with speakers ("vc4-hdmi").
    "pi-hdmi-usb-mic": AudioProfile(input_device="USB", output_device="hdmi", input_gain=2.0),
}


@dataclass
class HardwareConfig:
    """Sound devices and the Raspberry Pi's button and LED."""

    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"profile": tuple(PROFILES)}

    profile: str = "default"
    """Audio profile: default, usb-speakerphone, pi-jack-usb-mic, pi-hdmi-usb-mic."""
    input_device: str = ""
    """Overrides the profile's microphone (part of a device name, or its number)."""
    output_device: str = ""
    """Overrides the profile's speaker."""
    input_gain: float = 0.0
    """Overrides the profile's microphone gain when above 0."""
    output_volume: float = 0.0
    """Overrides the profile's volume when above 0."""
    gpio: bool = False
    """Use a push-to-talk button and a status LED on the GPIO header (Raspberry Pi)."""
    button_pin: int = 17
    """BCM number of the button's pin (the other leg to ground: no resistor needed)."""
    led_pin: int = 27
    """BCM number of the LED's pin (through a 330 Ω resistor to ground)."""
    hold_s: float = 0.6
    """A press of the button longer than this is hold-to-talk: releasing it ends the
    question; a shorter one is press-press."""

    def audio(self) -> AudioProfile:
        """The profile with this section's overrides applied."""
        base = PROFILES[self.profile]
        return dataclasses.replace(
            base,
            input_device=self.input_device or base.input_device,
            output_device=self.output_device or base.output_device,
            input_gain=self.input_gain or base.input_gain,
            output_volume=self.output_volume or base.output_volume,
        )


def device_arg(name: str) -> str | int | None:
    """A configured device as sounddevice takes it: None (default), a number, a name."""
    name = name.strip()
    if not name:
        return None
    return int(name) if name.isdigit() else name
