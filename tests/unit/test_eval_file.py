"""``guichet eval`` on the demo town's questions, without and with a real LLM."""

from __future__ import annotations

import yaml

from tests.support.samples import DEMO_QUESTIONS as QUESTIONS
from tests.support.samples import demo_counts


def test_demo_questions_file_is_big_enough() -> None:
    in_scope, declines = demo_counts()
    assert in_scope + declines >= 60 and declines >= 15
    langs = {item["lang"] for item in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))}
    assert langs == {"fr", "en"}
