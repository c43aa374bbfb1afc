"""Black-box: a spoken question travels the whole way and comes back as speech.

Real models only: the question is spoken by the bundled Piper voice, recognised by the
bundled Whisper base model through the real ``guichet`` command, answered from the demo
pack, spoken again, and the spoken answer is transcribed back to check the fact survived.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from guichet.voice.audio import read_audio
from guichet.voice.stt import LocalWhisper, SttConfig
from tests.conftest import write_pcm_wav
from tests.support.textnorm import heard_as, normalise


@pytest.fixture(scope="module")
def listener(cache_dir: Path) -> LocalWhisper:
    """An independent ear for the spoken answer: the English-only tiny.en model."""
    return LocalWhisper(SttConfig(model="tiny.en"), ("en",))


@pytest.mark.parametrize(("question", "source", "fact"), [
    ("How much does a new passport cost?", "passeport", "86 euros"),
    ("When is the market?", "marche", "thursday"),
    ("What number do I call for the fire brigade?", "urgences", "17 for the police"),
])
def test_a_spoken_question_is_answered_aloud_with_the_fact(
    guichet, speak, listener: LocalWhisper, tmp_path: Path, question: str, source: str,
    fact: str,
) -> None:
    out = tmp_path / "answer.wav"
    run = guichet("ask", str(speak(question)), "--json", "--out", str(out))
    assert run.code == 0, run.err
    result = json.loads(run.out)
    # What matters is the source and the fact; the transcript only within a bound.
    assert heard_as(question, result["transcript"]), result["transcript"]
    assert result["language"] == "en"
    assert result["sources"] == [source]
    assert result["declined"] is False
    assert result["audio"] == str(out)
    timings = result["timings"]
    for key in ("stt_s", "answer_s", "tts_first_s", "total_s"):
        assert isinstance(timings[key], float) and timings[key] >= 0, key
    assert timings["tts_first_s"] < timings["total_s"]
    heard_back = listener.transcribe(read_audio(out, 120).samples, "en").text
    assert fact in normalise(heard_back), heard_back


def test_typed_question_in_french_is_answered_in_french_as_text(guichet) -> None:
    run = guichet("ask", "--text", "Combien coûte la cantine ?", "--json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["language"] == "fr" and result["answer_language"] == "fr"
    assert result["sources"] == ["cantine"]
    assert "3,60 euros" in result["answer"] or "3 euros 60" in result["answer"]
    assert result["audio"] is None and result["transcript"] == "Combien coûte la cantine ?"


def test_french_answer_without_french_voice_is_text_with_one_warning(
    guichet, tmp_path: Path
) -> None:
    out = tmp_path / "a.wav"
    run = guichet("ask", "--text", "Où est la mairie ?", "--out", str(out), "--json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["sources"] == ["mairie-adresse"] and result["spoken"] is False
    assert result["audio"] is None and not out.exists()
    assert run.err.count("fr_FR-siwis-medium") == 1, run.err


def test_unknown_question_is_declined_aloud_with_the_desk_number(
    guichet, speak, tmp_path: Path
) -> None:
    run = guichet("ask", str(speak("What is the capital of Peru?")), "--json",
                  "--out", str(tmp_path / "a.wav"))
    result = json.loads(run.out)
    assert run.code == 0
    assert result["declined"] is True and result["sources"] == []
    assert "03 53 01 20 00" in result["answer"]
    assert Path(result["audio"]).stat().st_size > 10_000


def test_noisy_stereo_44k_recording_still_works(guichet, speak, tmp_path: Path) -> None:
    """A phone-like recording: 44.1 kHz stereo with background noise at 10 dB SNR."""
    clean = read_audio(speak("How much does a new passport cost?"), 60).samples * 32767
    t = np.arange(int(len(clean) * 44100 / 16000)) * 16000 / 44100
    voice = np.interp(t, np.arange(len(clean)), clean)
    rng = np.random.default_rng(7)
    noise_rms = np.sqrt(np.mean(voice**2)) / 10 ** (10 / 20)
    left = voice + rng.normal(0, noise_rms, len(voice))
    right = 0.8 * voice + rng.normal(0, noise_rms, len(voice))
    noisy = np.stack([left, right], axis=1).reshape(-1)
    path = write_pcm_wav(tmp_path / "noisy.wav", noisy, 44100, channels=2)
    run = guichet("ask", str(path), "--json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert "passport" in normalise(result["transcript"])
    assert result["sources"] == ["passeport"]
