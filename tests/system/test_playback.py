"""The real sounddevice/PortAudio/ALSA path, with an ALSA ``file`` device as the speaker.

This machine has no sound card, so the test writes an ALSA configuration whose default
PCM is a ``file`` plugin over the ``null`` device: PortAudio and ALSA run for real and the
samples that would reach a loudspeaker land in a raw file we can compare.
"""

from __future__ import annotations

import json
import wave
from pathlib import Path

ASOUNDRC = """pcm.!default {{
  type file
  slave.pcm "null"
  file "{sink}"
  format "raw"
}}
"""


def test_answer_is_played_through_sounddevice_sample_for_sample(guichet, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    sink = tmp_path / "speaker.raw"
    (home / ".asoundrc").write_text(ASOUNDRC.format(sink=sink), encoding="utf-8")
    out = tmp_path / "answer.wav"
    run = guichet("ask", "--text", "When is the market?", "--play", "--out", str(out),
                  "--json", env={"HOME": str(home)})
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["played"] is True and result["sources"] == ["marche"]
    with wave.open(str(out)) as wav:
        pcm = wav.readframes(wav.getnframes())
    played = sink.read_bytes()
    assert len(pcm) > 22050 * 2 * 3  # more than three seconds of speech
    assert played[: len(pcm)] == pcm


def test_no_sound_card_is_a_warning_not_a_failure(guichet, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text('pcm.!default { type hw card 7 }\n', encoding="utf-8")
    run = guichet("ask", "--text", "When is the market?", "--play", "--json",
                  env={"HOME": str(home)})
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["played"] is False and result["answer"]
    assert "could not play the answer" in run.err
    assert "Traceback" not in run.err
