"""Where a spoken question starts and ends: the pure endpointer on plain probabilities,
then the real Silero VAD (inside faster-whisper) on speech from the bundled Piper voice."""

from __future__ import annotations

import numpy as np
import pytest

from guichet.voice.audio import STT_RATE, read_audio
from guichet.voice.listen import WINDOW, End, Endpointer, ListenConfig, SileroStream, segment

WINDOW_S = WINDOW / STT_RATE


def run(probabilities: list[float], config: ListenConfig,
        wait_forever: bool = False) -> tuple[End | None, Endpointer]:
    pointer = Endpointer(config, wait_forever)
    for p in probabilities:
        end = pointer.push(p)
        if end is not None:
            return end, pointer
    return None, pointer


def windows(seconds: float) -> int:
    return round(seconds / WINDOW_S)


CONFIG = ListenConfig(silence_ms=800, min_speech_ms=250, max_utterance_s=5, no_speech_s=3)


def test_speech_then_silence_ends_the_question() -> None:
    probs = [0.0] * windows(1) + [0.9] * windows(2) + [0.0] * windows(2)
    end, pointer = run(probs, CONFIG)
    assert end is End.SPEECH_END
    # It ends once 800 ms of silence have passed, not before, not much later.
    assert pointer.index == windows(1) + windows(2) + windows(0.8)
    assert pointer.candidate == windows(1)


def test_short_pauses_inside_a_sentence_do_not_end_it() -> None:
    word, pause = [0.9] * windows(0.5), [0.05] * windows(0.5)
    end, pointer = run((word + pause) * 4 + [0.0] * windows(1), CONFIG)
    assert end is End.SPEECH_END and pointer.candidate == 0


def test_a_cough_is_not_a_question() -> None:
    cough = [0.9] * windows(0.1)  # shorter than min_speech_ms
    end, pointer = run([0.0] * windows(0.5) + cough + [0.0] * windows(1.5), CONFIG)
    assert end is None and not pointer.confirmed and pointer.candidate is None


def test_nothing_said_gives_up_after_no_speech_s_unless_hands_free() -> None:
    silence = [0.01] * windows(10)
    end, pointer = run(silence, CONFIG)
    assert end is End.NO_SPEECH and pointer.index == windows(3)
    assert run(silence, CONFIG, wait_forever=True)[0] is None


def test_a_question_is_cut_at_max_utterance() -> None:
    end, pointer = run([0.0] * windows(1) + [0.9] * windows(20), CONFIG)
    assert end is End.MAX_LENGTH
    assert pointer.index - pointer.candidate == windows(5)


def test_hysteresis_keeps_speech_between_the_thresholds() -> None:
    # 0.4 is below the threshold (0.5) but above its release (0.35): still speech.
    end, pointer = run([0.9] * windows(0.5) + [0.4] * windows(2) + [0.0] * windows(1), CONFIG)
    assert end is End.SPEECH_END
    assert pointer.last_speech == windows(2.5) - 1


@pytest.fixture(scope="module")
def question(speak) -> np.ndarray:
    return read_audio(speak("When is the market?"), 60).samples


def _padded(question: np.ndarray, before_s: float, after_s: float) -> np.ndarray:
    return np.concatenate([np.zeros(int(before_s * STT_RATE), np.float32), question,
                           np.zeros(int(after_s * STT_RATE), np.float32)])


def test_silero_finds_the_spoken_question_in_a_stream(question: np.ndarray) -> None:
    audio = _padded(question, 2.0, 3.0)
    utterance = segment(audio, ListenConfig())
    assert utterance.end is End.SPEECH_END and utterance.speech
    # The utterance is the question with a little margin, not the 2 s of silence before.
    assert 0.8 * len(question) < len(utterance.samples) < len(question) + STT_RATE


def test_silero_stream_needs_no_particular_block_size(question: np.ndarray) -> None:
    audio = _padded(question, 1.0, 2.0)
    whole = SileroStream().probabilities(audio)
    pieces = SileroStream()
    parts = [pieces.probabilities(audio[i:i + 700]) for i in range(0, len(audio), 700)]
    assert np.allclose(whole, np.concatenate(parts), atol=1e-5)
    assert whole.max() > 0.9 and whole[: windows(0.8)].max() < 0.3


def test_silence_and_noise_are_not_speech() -> None:
    rng = np.random.default_rng(0)
    noise = (rng.standard_normal(STT_RATE * 8) * 0.01).astype(np.float32)
    utterance = segment(noise, ListenConfig(no_speech_s=6))
    assert utterance.end is End.NO_SPEECH and not utterance.speech


def test_long_speech_is_cut_at_max_utterance(question: np.ndarray) -> None:
    talk = np.concatenate([question] * 6)  # about 9 s without a long pause
    utterance = segment(talk, ListenConfig(max_utterance_s=3))
    assert utterance.end is End.MAX_LENGTH
    assert len(utterance.samples) < 4 * STT_RATE
