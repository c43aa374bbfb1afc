"""The push-to-talk button and the status LED, through gpiozero (imported only when used).

The button's pin goes to ground when pressed (the internal pull-up does the rest). The LED
shows what the kiosk does: steady when it is ready or speaking, fast blink while it
listens, slow blink while it thinks, off while it loads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from guichet.voice.protocols import PushButton, StatusLight

_LOGGER = logging.getLogger(__name__)

# name -> (on seconds, off seconds); None: steady on; (0, 0): off.
LED_PATTERNS: dict[str, tuple[float, float] | None] = {
    "on": None,
    "off": (0.0, 0.0),
    "fast": (0.15, 0.15),
    "slow": (0.5, 0.5),
}


class GpioError(Exception):
    """The GPIO cannot be used (not a Raspberry Pi, gpiozero missing, pin busy)."""


def _gpiozero() -> Any:
    try:
        import gpiozero
    except ImportError:
        raise GpioError("gpiozero is not installed: pip install 'guichet[pi]'") from None
    return gpiozero


class TalkButton(PushButton):
    """A push button on ``pin``: ``on_press`` and ``on_release`` run in gpiozero's thread
    (or, with gpiozero's mock pins, in the thread that drives the pin)."""

    def __init__(self, pin: int, on_press: Callable[[], None],
                 on_release: Callable[[], None], bounce_s: float = 0.03) -> None:
        gz = _gpiozero()
        try:
            self._button = gz.Button(pin, pull_up=True, bounce_time=bounce_s)
        except Exception as err:  # noqa: BLE001 - gpiozero raises many kinds for one cause
            raise GpioError(f"cannot use GPIO {pin} for the button: {err}") from None
        self._button.when_pressed = on_press
        self._button.when_released = on_release

    @property
    def is_pressed(self) -> bool:
        return bool(self._button.is_pressed)

    def close(self) -> None:
        self._button.close()


class StatusLed(StatusLight):
    """An LED on ``pin`` that shows one of :data:`LED_PATTERNS`."""

    def __init__(self, pin: int) -> None:
        gz = _gpiozero()
        try:
            self._led = gz.LED(pin)
        except Exception as err:  # noqa: BLE001
            raise GpioError(f"cannot use GPIO {pin} for the LED: {err}") from None
        self.pattern = "off"

    def show(self, pattern: str) -> None:
        if pattern == self.pattern:
            return
        self.pattern = pattern
        timing = LED_PATTERNS[pattern]
        if timing is None:
            self._led.on()
        elif timing == (0.0, 0.0):
            self._led.off()
        else:
            self._led.blink(on_time=timing[0], off_time=timing[1], background=True)

    @property
    def is_lit(self) -> bool:
        return bool(self._led.is_lit)

    def close(self) -> None:
        self._led.close()
