"""Fast turns: pieces cut at pauses, the short encoder, the first breath, read-ahead.

Pure decisions are tested on plain data; the transcription tests use the real bundled
Whisper models on questions spoken by the bundled Piper voice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from guichet.voice.audio import STT_RATE
from guichet.voice.breath import MAX_WORDS, breaths, first_breath
from guichet.voice.listen import WINDOW
from guichet.voice.prefetch import ahead
from guichet.voice.streaming import PieceCutter, StreamConfig

WINDOW_S = WINDOW / STT_RATE


def windows(pattern: list[tuple[float, float]]) -> list[float]:
    """Probabilities for (seconds, probability) runs."""
    out: list[float] = []
    for seconds, probability in pattern:
        out += [probability] * round(seconds / WINDOW_S)
    return out


def cut(pattern: list[tuple[float, float]], config: StreamConfig) -> tuple[
        list[tuple[int, int]], tuple[int, int] | None]:
    cutter = PieceCutter(config)
    pieces = [p for p in (cutter.push(x) for x in windows(pattern)) if p is not None]
    return pieces, cutter.pending()


# ------------------------------------------------------------------ pure decisions
def test_a_pause_after_enough_speech_ends_a_piece_with_its_pre_roll() -> None:
    config = StreamConfig(pause_ms=250, min_piece_s=1.0, pre_roll_ms=200)
    pieces, pending = cut([(1.0, 0.0), (1.5, 0.9), (0.4, 0.1), (1.0, 0.9)], config)
    assert len(pieces) == 1
    first, end = pieces[0]
    speech_start = round(1.0 / WINDOW_S)
    assert first == speech_start - round(0.2 / WINDOW_S)  # 200 ms before the speech
    assert (end - speech_start) * WINDOW_S == pytest.approx(1.5 + 0.25, abs=WINDOW_S)
    assert pending is not None and pending[0] >= end  # the second clause is still open


def test_a_short_first_piece_waits_for_more_speech() -> None:
    """0.5 s is too little to tell the language: it joins the next clause."""
    config = StreamConfig(pause_ms=250, min_piece_s=1.0)
    pieces, pending = cut([(0.5, 0.9), (0.4, 0.0), (1.0, 0.9), (0.4, 0.0)], config)
    assert len(pieces) == 1 and pieces[0][0] == 0
    assert pieces[0][1] * WINDOW_S > 1.9
    assert pending is None


def test_later_pieces_are_cut_at_any_pause_and_trailing_silence_ends_the_last() -> None:
    config = StreamConfig(pause_ms=250, min_piece_s=1.0)
    pieces, pending = cut([(1.2, 0.9), (0.3, 0.0), (0.4, 0.9), (1.0, 0.0)], config)
    assert len(pieces) == 2
    assert pending is None  # a visitor who stopped talking: nothing left for the end


def test_a_cough_long_before_the_question_is_forgotten() -> None:
    """Hands-free: a 0.3-s burst, 5 s of silence, then a question: the question's piece
    starts at the question, and nothing of the wait is held."""
    config = StreamConfig(pause_ms=250, min_piece_s=1.0, pre_roll_ms=200)
    pieces, _ = cut([(0.3, 0.9), (5.0, 0.0), (1.5, 0.9), (0.4, 0.0)], config)
    assert len(pieces) == 1
    question_start = len(windows([(0.3, 0.9), (5.0, 0.0)]))
    assert question_start - pieces[0][0] == round(0.2 / WINDOW_S)


def test_silence_alone_makes_no_piece() -> None:
    pieces, pending = cut([(5.0, 0.1)], StreamConfig())
    assert pieces == [] and pending is None


def test_the_first_breath_of_a_long_sentence_is_said_alone() -> None:
    text = "The town hall is open on Saturday 28 November from 9 am to noon. Welcome."
    assert first_breath(text, "en") == [
        "The town hall is open", "on Saturday 28 November from 9 am to noon. Welcome."]
    fr = "La mairie est ouverte ce samedi 28 novembre de 9 heures à midi."
    assert first_breath(fr, "fr") == ["La mairie est ouverte ce samedi 28 novembre",
                                      "de 9 heures à midi."]
    comma = "An adult passport costs 86 euros, 42 euros from age 15 to 17 and 17 under 15."
    assert first_breath(comma, "en")[0] == "An adult passport costs 86 euros,"


def test_short_sentences_and_unbreakable_ones_are_said_whole() -> None:
    assert first_breath("The market is on Thursday.", "en") == ["The market is on Thursday."]
    long_plain = "Toutes les informations utiles figurent sur le site internet officiel ici."
    assert first_breath(long_plain, "xx") == [long_plain]
    assert first_breath("", "en") == []
    pieces = first_breath("The next bus to the station leaves the town hall at 6:30 am.", "en")
    assert " ".join(pieces) == "The next bus to the station leaves the town hall at 6:30 am."




# ------------------------------------------------------------------ read-ahead
def test_the_next_item_is_produced_while_the_caller_works() -> None:
    produced: list[int] = []
    second = threading.Event()

    def make() -> Iterator[int]:
        for i in range(3):
            produced.append(i)
            if i == 1:
                second.set()
            yield i

    items = ahead(make)
    assert next(items) == 0
    assert second.wait(5), "the producer did not run ahead of the consumer"
    assert list(items) == [1, 2]


def test_closing_stops_the_producer_and_errors_reach_the_caller() -> None:
    made: list[int] = []

    def endless() -> Iterator[int]:
        i = 0
        while True:
            made.append(i)
            yield i
            i += 1

    items = ahead(endless, depth=1)
    assert next(items) == 0
    items.close()  # type: ignore[attr-defined]
    time.sleep(0.3)
    count = len(made)
    time.sleep(0.3)
    assert len(made) == count and count <= 4

    def broken() -> Iterator[int]:
        yield 1
        raise ValueError("engine failed")

    failing = ahead(broken)
    assert next(failing) == 1
    with pytest.raises(ValueError, match="engine failed"):
        next(failing)


def test_long_sentences_are_said_in_pieces_cut_at_commas_and_nothing_is_lost() -> None:
    text = ("An adult passport costs 86 euros in tax stamps, 42 euros from age 15 to 17 and "
            "17 euros under age 15. You apply by appointment at the town hall's civil "
            "status office, on 03 53 01 20 10, preferably after a pre-application online "
            "on the ANTS website.")
    pieces = breaths(text, "en")
    assert " ".join(pieces).split() == text.split()
    assert pieces[0] == "An adult passport costs 86 euros"
    # A clause of fewer than three words joins the next; a clause without commas stays whole.
    assert all(len(p.split()) <= MAX_WORDS + 4 for p in pieces), pieces
    assert len(pieces) == 6
    assert all(p.rstrip().endswith((",", ".", ";", ":")) for p in pieces[1:]), pieces


def test_the_stream_section_is_read_and_checked(tmp_path: Path) -> None:
    from guichet.kiosk.config import ConfigError, load_config

    good = tmp_path / "good.yaml"
    good.write_text("stream:\n  pause_ms: 300\n  enabled: false\n", encoding="utf-8")
    config = load_config(good)
    assert config.stream.pause_ms == 300 and config.stream.enabled is False
    bad = tmp_path / "bad.yaml"
    bad.write_text("stream:\n  pause_ms: 300\n  pause: 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(bad)
    assert f"{bad}:3" in str(caught.value) and "pause" in str(caught.value)


def test_pieces_are_joined_with_a_comma_where_the_visitor_paused() -> None:
    from guichet.voice.streaming import join_pieces

    assert join_pieces(["Excuse me", "I have a question.", "", "What day is the market?"]) == (
        "Excuse me, I have a question. What day is the market?")
    assert join_pieces([]) == ""


