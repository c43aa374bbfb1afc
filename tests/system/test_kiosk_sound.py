"""The kiosk on the real sounddevice/PortAudio/ALSA path: spoken questions, answers on the
speaker, barge-in, and microphones or speakers that are missing, unplugged, plugged back.

The devices are ALSA plugins (see ``tests/support/alsa.py``): a capture file plays a question
spoken by the bundled Piper voice, a file or a FIFO drained at real-time pace is the
speaker. Everything else is the kiosk as it runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guichet.kiosk.session import Phase
from guichet.kiosk.ui.texts import BANNERS, both
from guichet.voice.speakable import speakable
from tests.conftest import REPO
from tests.support.alsa import PacedSink, question_raw, write_home
from tests.support.kiosk_pilot import (
    SIZE,
    SPOKEN_QUESTION,
    ask,
    ask_aloud,
    loaded,
    make_app,
    shown,
    until,
)


def _drive(mode: str, home: Path, sink: Path, tmp_path: Path,
           cache_dir: Path) -> tuple[dict, bytes, bytes]:
    pcm, played = tmp_path / "answer.pcm", tmp_path / "played.pcm"
    env = {**os.environ, "HOME": str(home), "GUICHET_CACHE": str(cache_dir)}
    proc = subprocess.run([sys.executable, "-m", "tests.support.kiosk_driver", "--mode", mode,
                           "--sink", str(sink), "--pcm", str(pcm), "--played", str(played)],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return (json.loads(proc.stdout.strip().splitlines()[-1]), pcm.read_bytes(),
            played.read_bytes())


@pytest.mark.parametrize("mode", ["push_to_talk", "hands_free"])
def test_spoken_question_in_answer_out_through_sounddevice(
        mode: str, speak, tmp_path: Path, cache_dir: Path) -> None:
    """A fresh kiosk process: Space (or nothing, hands-free), the question is heard from the
    capture device, and the spoken answer lands on the playback device sample for sample."""
    sink = tmp_path / "speaker.raw"
    infile = question_raw(speak(SPOKEN_QUESTION), tmp_path / "question.raw")
    home = write_home(tmp_path / "home", sink, infile)
    result, answer, played = _drive(mode, home, sink, tmp_path, cache_dir)
    assert "market" in str(result["question"]).lower()
    assert result["sources"] == ["marche"] and result["faults"] == {}
    assert len(answer) > int(result["rate"]) * 2 * 3  # seconds of speech
    assert played == answer


async def test_microphone_missing_at_start_then_plugged_in(
        kiosk_pipeline, sound, speak, tmp_path: Path) -> None:
    infile = question_raw(speak(SPOKEN_QUESTION), tmp_path / "question.raw")
    sound.use(sound.sink, None)
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        banner = both(BANNERS["microphone"])
        assert banner in shown(app, "#banner") and app.query_one("#banner").display
        await ask(pilot, "Combien coûte la cantine ?")  # typed questions still work
        assert app.session.sources == ["cantine"]
        await pilot.press("space")  # nothing to listen with: the banner says so
        await until(pilot, lambda: app.phase is Phase.READY, "ready")
        assert MIC in app.faults
        sound.use(sound.sink, infile)  # plugged in: found by the kiosk's own polling
        await until(pilot, lambda: MIC not in app.faults, "the microphone found again")
        assert not app.query_one("#banner").display
        await ask_aloud(pilot, "marche")


async def test_microphone_unplugged_mid_session_and_back(
        kiosk_pipeline, sound, speak, tmp_path: Path) -> None:
    infile = question_raw(speak(SPOKEN_QUESTION), tmp_path / "question.raw")
    sound.use(sound.sink, infile)
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask_aloud(pilot, "marche")
        unplugged = infile.rename(tmp_path / "unplugged.raw")
        await pilot.press("space")
        await until(pilot, lambda: MIC in app.faults, "the microphone banner")
        assert both(BANNERS["microphone"]) in shown(app, "#banner")
        await ask(pilot, "Combien coûte la cantine ?")
        assert app.session.sources == ["cantine"]
        unplugged.rename(infile)
        await until(pilot, lambda: MIC not in app.faults, "the microphone found again")
        await ask_aloud(pilot, "marche")  # and hears again


async def test_no_speaker_shows_the_answer_and_says_so(kiosk_pipeline, sound) -> None:
    sound.use(None, sound.infile)
    app = make_app(kiosk_pipeline)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "When is the market?")
        assert app.session.sources == ["marche"] and app.session.answer_pcm  # kept for R
        assert both(BANNERS["speaker"]) in shown(app, "#banner")


async def test_barge_in_stops_the_speech_and_listens(kiosk_pipeline, sound, speak, piper,
                                                     demo_pack, tmp_path: Path) -> None:
    """Space while the kiosk speaks: the speech stops long before its end, the kiosk
    listens and answers the new question. The speaker is a FIFO drained at 4 times real
    time: writing to it blocks like writing to a sound card."""
    long_answer = speakable(demo_pack.entry("mairie-adresse").answer["en"], "en")
    full = sum(len(c.pcm) for c in piper.synthesize(long_answer, "en"))
    speaker = PacedSink(tmp_path / "speaker.fifo", piper.sample_rate("en"), speed=4.0)
    try:
        sound.use(speaker.path, question_raw(speak(SPOKEN_QUESTION),
                                             tmp_path / "question.raw"))
        app = make_app(kiosk_pipeline)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press(*"What is the address of the town hall?", "enter")
            await until(pilot, lambda: app.phase is Phase.SPEAKING and speaker.received > 0,
                        "speaking")
            await pilot.press("space")
            await until(pilot, lambda: app.session.sources == ["marche"], "the new answer")
            runner = app.runner
            assert runner is not None
            await until(pilot, lambda: runner.gate.active == 0, "both turns over")
            second = len(app.session.answer_pcm)
            # Everything either turn played is in the FIFO or was read from it; the FIFO
            # holds at most 4096 bytes. What is left is the interrupted answer's share.
            played_of_first = speaker.received + 4096 - second
        assert played_of_first < full / 2  # cut early, not played to the end
    finally:
        speaker.close()


MIC = "microphone"
