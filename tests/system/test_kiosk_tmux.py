"""``guichet kiosk`` in a real tmux pane at 80×24 and 120×40: a French question typed
fast (and pasted) is shown exactly as typed, and its whole answer and source can be read.
Quitting takes the staff's Ctrl+Q twice; Ctrl+C does not show Textual's English prompt.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pytest

from guichet.content.pack.loader import Pack
from guichet.kiosk.compose import build_answerer
from guichet.kiosk.config import GuichetConfig
from tests.conftest import REPO
from tests.support.alsa import silence_raw, write_home
from tests.support.tmux import Pane

QUESTION = "La mairie est-elle ouverte samedi ? Et le dimanche + les jours fériés ?"
PASTED = "Combien coûte la cantine à l'école ?"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_typed_question_and_whole_answer_in_tmux(size: tuple[int, int], tmp_path: Path,
                                                 cache_dir: Path, demo_pack: Pack) -> None:
    home = write_home(tmp_path / "home", tmp_path / "speaker.raw",
                      silence_raw(tmp_path / "microphone.raw"))
    config = tmp_path / "guichet.yaml"
    config.write_text(f"kiosk:\n  log_file: {tmp_path / 'kiosk.log'}\n", encoding="utf-8")
    env = {"HOME": str(home), "GUICHET_CACHE": str(cache_dir), "TERM": "tmux-256color",
           "PYTHONPATH": os.environ.get("PYTHONPATH", ""), "PATH": os.environ["PATH"]}
    pane = Pane(f"guichet-test-{os.getpid()}-{size[0]}", [sys.executable, "-m",
                "guichet.kiosk", "kiosk", "--config", str(config)], env, REPO, size)
    try:
        pane.wait_for("Prêt / Ready")
        pane.type(QUESTION, delay_s=0.02)  # fast typing, one key at a time
        pane.wait_for(QUESTION)
        pane.key("Enter")
        pane.wait_for(f"« {QUESTION} »")
        pane.wait_for("Source :")
        _read_all(pane, *_expected(QUESTION, demo_pack))
        pane.type(PASTED)  # a paste: all the keys at once
        pane.wait_for(PASTED)
        pane.key("Enter")
        pane.wait_for(f"« {PASTED} »")
        _read_all(pane, *_expected(PASTED, demo_pack))
        pane.key("C-c")  # staff chord, first press: a notice in French then English
        pane.wait_for("Ctrl+Q encore une fois")
        text = pane.text()
        assert "Press" not in text and "to quit" not in text  # no Textual English prompt
        time.sleep(2.5)  # the window closes: a lone press again only warns
        pane.key("C-q")
        time.sleep(1)
        assert not pane.dead()
        pane.key("C-q")
        end = time.monotonic() + 30
        while not pane.dead():
            assert time.monotonic() < end, "the kiosk did not quit on Ctrl+Q twice"
            time.sleep(0.2)
    finally:
        pane.close()


def _expected(question: str, pack: Pack) -> tuple[str, str]:
    """The answer the kiosk must show, and its sources line, from the same answerer."""
    answer = build_answerer(GuichetConfig(), pack).answer(question, "fr")
    return answer.text, ", ".join(answer.cited or answer.sources)


def _read_all(pane: Pane, answer: str, source: str) -> None:
    """The whole answer and its source are on screen, after paging down if needed."""
    seen = ""
    for _ in range(6):
        seen += " " + pane.text()
        if _words(answer) in _words(seen) and f"Source : {source}" in _words(seen):
            return
        pane.key("PageDown")
        time.sleep(0.5)
    raise AssertionError(f"the answer or its source was never shown whole:\n{pane.screen()}")
