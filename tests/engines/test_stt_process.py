"""Whisper in a child process (what ``guichet serve`` uses): same transcripts, clear errors,
a crashed child replaced. Real bundled tiny.en model, real speech from the Piper voice."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from guichet.voice.audio import read_audio
from guichet.voice.errors import ModelNotFoundError, VoiceError
from guichet.voice.stt import SttConfig
from guichet.voice.stt_process import ProcessWhisper


def test_a_child_process_recognises_speech_and_is_replaced_when_it_dies(
        speak: Callable[[str], Path], cache_dir: Path) -> None:
    audio = read_audio(speak("What day is the market?"), 30)
    last_cpu = max(os.sched_getaffinity(0))
    whisper = ProcessWhisper(SttConfig(model="tiny.en", cpu_threads=1), ("en",),
                             cpus=(last_cpu,))
    try:
        assert os.sched_getaffinity(whisper._all[0].process.pid) == {last_cpu}
        assert "market" in whisper.transcribe(audio.samples).text.lower()
        whisper._all[0].process.kill()
        whisper._all[0].process.join(30)
        with pytest.raises(VoiceError, match="stopped unexpectedly"):
            whisper.transcribe(audio.samples)
        assert "market" in whisper.transcribe(audio.samples, "en").text.lower()
    finally:
        whisper.close()
    assert whisper._all == []


def test_a_model_that_cannot_load_is_reported_at_start(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="no model.bin"):
        ProcessWhisper(SttConfig(model=str(tmp_path)), ("en",))
