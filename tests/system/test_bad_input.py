"""Bad input through the real command: one clear message, exit code 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import write_pcm_wav
from tests.support.paths import DEMO


def assert_clean_error(run, *needles: str) -> dict:
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err and "Traceback" not in run.out
    result = json.loads(run.out)
    for needle in needles:
        assert needle in result["error"], result["error"]
        assert needle in run.err
    return result


def test_missing_file(guichet, tmp_path: Path) -> None:
    assert_clean_error(guichet("ask", str(tmp_path / "nope.wav"), "--json"), "no such file")


def test_empty_file(guichet, tmp_path: Path) -> None:
    (tmp_path / "empty.wav").write_bytes(b"")
    assert_clean_error(guichet("ask", str(tmp_path / "empty.wav"), "--json"), "empty")


def test_truncated_and_corrupt_wav(guichet, speak, tmp_path: Path) -> None:
    whole = speak("When is the market?").read_bytes()
    (tmp_path / "cut.wav").write_bytes(whole[: len(whole) // 3])
    assert_clean_error(guichet("ask", str(tmp_path / "cut.wav"), "--json"), "truncated")
    (tmp_path / "bad.wav").write_bytes(b"RIFF\0\0\0\0WAVEfmt garbage" * 20)
    assert_clean_error(guichet("ask", str(tmp_path / "bad.wav"), "--json"), "no audio data")


def test_five_seconds_of_silence_is_not_a_question(guichet, tmp_path: Path) -> None:
    path = write_pcm_wav(tmp_path / "silence.wav", np.zeros(16000 * 5), 16000)
    run = guichet("ask", str(path), "--json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["transcript"] == "" and result["heard"] is False
    assert result["declined"] is True and result["sources"] == []
    assert "I did not hear a question" in result["answer"]
    assert "Je n'ai pas entendu de question" in result["answer"]


def test_quiet_room_noise_is_not_a_question(guichet, tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    path = write_pcm_wav(tmp_path / "hum.wav", rng.normal(0, 200, 16000 * 5), 16000)
    result = json.loads(guichet("ask", str(path), "--json").out)
    assert result["transcript"] == ""


def test_audio_longer_than_the_limit(guichet, tmp_path: Path) -> None:
    path = write_pcm_wav(tmp_path / "long.wav", np.zeros(16000 * 61), 16000)
    assert_clean_error(guichet("ask", str(path), "--json"), "61 s", "60 s limit")
    config = tmp_path / "guichet.yaml"
    config.write_text(f"pack: {DEMO}\n"
                      "stt:\n  max_audio_s: 90\n", encoding="utf-8")
    run = guichet("--config", str(config), "ask", str(path), "--json")
    assert run.code == 0, run.err


def test_language_not_configured(guichet) -> None:
    assert_clean_error(guichet("ask", "--text", "Wo ist das Rathaus?", "--lang", "de", "--json"),
                       "language 'de' is not configured", "fr, en")


def test_pack_with_yaml_syntax_error(guichet, tmp_path: Path) -> None:
    demo = DEMO
    (tmp_path / "town.yaml").write_text((demo / "town.yaml").read_text(encoding="utf-8"))
    (tmp_path / "faq.yaml").write_text("faq:\n  - id: x\n    questions: {fr: [oui\n",
                                       encoding="utf-8")
    result = assert_clean_error(
        guichet("ask", "--text", "bonjour", "--pack", str(tmp_path), "--json"),
        f"{tmp_path / 'faq.yaml'}:", "YAML syntax")
    line = int(result["error"].split(":")[1])
    assert line in (3, 4)


def test_bad_configuration_key(guichet, tmp_path: Path) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text("stt:\n  modle: base\n", encoding="utf-8")
    assert_clean_error(guichet("--config", str(config), "ask", "--text", "x", "--json"),
                       f"{config}:2", "unknown key 'modle'")


@pytest.mark.parametrize("args", [["ask"], ["ask", "x.wav", "--text", "hello"]])
def test_ask_needs_exactly_one_question(guichet, args: list[str]) -> None:
    run = guichet(*args)
    assert run.code == 2 and "either an audio file or --text" in run.err
