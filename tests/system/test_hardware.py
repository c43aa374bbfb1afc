"""The Raspberry Pi parts: push-to-talk button and status LED, ``guichet hardware check``,
the systemd unit and the install script.

The button and the LED are driven through gpiozero's MockFactory: this machine has no
GPIO header, so the pins are gpiozero's mock pins (the only fake in these tests); the app,
the engines and the sound devices (ALSA plugins, see ``tests/support/alsa.py``) are real.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.session import Phase
from tests.conftest import REPO
from tests.support.alsa import question_raw, write_home
from tests.support.kiosk_pilot import SIZE, SPOKEN_QUESTION, ask, loaded, make_app, until

BUTTON, LED = 17, 27


@pytest.fixture
def pins() -> Iterator[object]:
    from gpiozero import Device
    from gpiozero.pins.mock import MockFactory

    previous = Device.pin_factory
    Device.pin_factory = MockFactory()
    yield Device.pin_factory
    Device.pin_factory.reset()
    Device.pin_factory = previous


def _gpio_config() -> GuichetConfig:
    config = GuichetConfig()
    config.hardware.gpio = True
    config.hardware.button_pin, config.hardware.led_pin = BUTTON, LED
    config.hardware.hold_s = 0.2
    # Only the button ends the question: a very long silence would be needed otherwise.
    config.listen.silence_ms = 600_000
    config.listen.max_utterance_s = 1200
    return config


def _toggles(pin) -> int:  # type: ignore[no-untyped-def]
    return len(pin.states)


async def test_button_press_press_asks_and_the_led_follows(
        kiosk_pipeline, sound, speak, pins, tmp_path: Path) -> None:
    sound.use(sound.sink, question_raw(speak(SPOKEN_QUESTION), tmp_path / "q.raw"))
    app = make_app(kiosk_pipeline, _gpio_config())
    button, led = pins.pin(BUTTON), pins.pin(LED)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert led.state  # ready: steady light
        button.drive_low()
        await pilot.pause(0.05)
        button.drive_high()  # a click: press-press
        await until(pilot, lambda: app.phase is Phase.LISTENING, "listening")
        before = _toggles(led)
        await until(pilot, lambda: _toggles(led) >= before + 4, "the LED blinking")
        button.drive_low()
        await pilot.pause(0.05)
        button.drive_high()  # second click: the question is over
        await until(pilot, lambda: app.phase is Phase.READY and app.session.answer, "the answer")
        assert app.session.sources == ["marche"], f"heard {app.session.question!r}"
        assert led.state


async def test_button_hold_to_talk(kiosk_pipeline, sound, speak, pins, tmp_path: Path) -> None:
    sound.use(sound.sink, question_raw(speak(SPOKEN_QUESTION), tmp_path / "q.raw"))
    app = make_app(kiosk_pipeline, _gpio_config())
    button = pins.pin(BUTTON)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        button.drive_low()
        await until(pilot, lambda: app.phase is Phase.LISTENING, "listening")
        await pilot.pause(0.3)  # held longer than hold_s
        button.drive_high()  # released: the question is over
        await until(pilot, lambda: app.phase is Phase.READY and app.session.answer, "the answer")
        assert app.session.sources == ["marche"], f"heard {app.session.question!r}"


@pytest.mark.filterwarnings("ignore::gpiozero.exc.PinFactoryFallback")
async def test_without_gpio_the_keyboard_still_works(kiosk_pipeline, sound) -> None:
    from gpiozero import Device

    previous = Device.pin_factory
    Device.pin_factory = None  # gpiozero finds none on this machine, as on a PC
    try:
        app = make_app(kiosk_pipeline, _gpio_config())
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await ask(pilot, "When is the market?")
            assert app.session.sources == ["marche"]
    finally:
        Device.pin_factory = previous


def _check(guichet, home: Path, *args: str):  # type: ignore[no-untyped-def]
    return guichet("hardware", "check", *args, env={"HOME": str(home)})


def test_hardware_check_lists_plays_a_tone_and_shows_the_level(
        guichet, speak, tmp_path: Path) -> None:
    sink = tmp_path / "speaker.raw"
    infile = question_raw(speak(SPOKEN_QUESTION), tmp_path / "q.raw", after_s=1)
    run = _check(guichet, write_home(tmp_path / "home", sink, infile), "--seconds", "2")
    assert run.code == 0, run.err
    assert "default" in run.out and "Speaker: OK" in run.out and "Microphone: OK" in run.out
    meter = run.out.split("Microphone: OK")[1]
    levels = [float(x) for x in re.findall(r"(-?\d+\.\d) dBFS", meter)]
    assert len(levels) == 4 and max(levels) > -40  # the question is heard
    tone = np.frombuffer(sink.read_bytes(), "<i2").astype(np.float64)
    assert len(tone) == 22050  # one second
    spectrum = np.abs(np.fft.rfft(tone))
    assert round(np.argmax(spectrum) * 22050 / len(tone)) == 440


def test_hardware_check_says_what_is_missing(guichet, tmp_path: Path) -> None:
    run = _check(guichet, write_home(tmp_path / "home", None, None), "--no-tone")
    assert run.code == 1
    assert "Speaker: FAILED" in run.out and "Microphone: FAILED" in run.out
    assert "hardware.output_device" in run.out and "Traceback" not in run.err




def test_unknown_profile_is_reported_with_its_line(guichet, tmp_path: Path) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text("kiosk:\n  listen: sometimes\nhardware:\n  profile: jukebox\n",
                      encoding="utf-8")
    run = guichet("--config", str(config), "hardware", "check")
    assert run.code == 2
    assert f"{config}:2" in run.err and "push_to_talk, hands_free" in run.err
    assert f"{config}:4" in run.err and "usb-speakerphone" in run.err


def test_systemd_unit_is_valid_and_restarts_the_kiosk(tmp_path: Path) -> None:
    text = (REPO / "hardware" / "guichet-kiosk.service").read_text(encoding="utf-8")
    unit = tmp_path / "guichet-kiosk.service"
    unit.write_text(text.replace("@PREFIX@", str(REPO)), encoding="utf-8")
    verify = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                            text=True, check=False, env={**os.environ, "SYSTEMD_LOG_LEVEL": "err"})
    assert verify.returncode == 0, verify.stderr
    assert "Restart=always" in text and "guichet kiosk" in text
    assert "WantedBy=multi-user.target" in text


def test_install_script_is_valid_shell() -> None:
    script = REPO / "hardware" / "install-pi.sh"
    check = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stderr
