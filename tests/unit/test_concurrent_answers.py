"""The embedded answerer called from many threads at once, as the ask server does.

The interpreter is made to switch threads as often as it can, so that two threads
interleave inside the same call (a shared Snowball stemmer mixed words this way).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.answer.evaluate import load_questions
from guichet.content.pack.loader import Pack
from guichet.content.understand import text
from tests.conftest import REPO


@pytest.fixture
def eager_switching() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def _letters(number: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[digit]
        if number == 0:
            return out


def test_tokens_from_many_threads_match_tokens_from_one(eager_switching: None) -> None:
    # Words never seen before, so that every one goes through the stemmer itself.
    stems = ("renouvellement", "ouvertures", "intercommunales", "médiathèques", "horaires")
    sentences = [(" ".join(f"{stem}{_letters(i)}" for stem in stems), "fr")
                 for i in range(2000)]
    text._stem.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda s: text.tokens(*s), sentences))
    text._stem.cache_clear()
    assert found == [text.tokens(*s) for s in sentences]


def test_answers_from_many_threads_match_answers_from_one(demo_pack: Pack,
                                                          eager_switching: None) -> None:
    questions = load_questions(REPO / "content/demo/eval/questions.yaml",
                               demo_pack.town.languages)
    answerer = EmbeddedAnswerer(demo_pack)
    alone = [answerer.answer(q.q, q.lang).text for q in questions]
    text._stem.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda q: answerer.answer(q.q, q.lang).text, questions * 3))
    assert together == alone * 3
