"""Answerers: from a question to an answer drawn only from the town's facts.

``Answerer`` is the protocol every answerer follows. ``EmbeddedAnswerer`` needs no LLM:
it retrieves the best FAQ entry and says its answer, or declines politely with the desk's
number when nothing fits well enough. It never composes a fact of its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from content.pack import Pack
from content.search import FaqIndex, Hit

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answer:
    """What the kiosk says back."""

    text: str
    """The answer, in short sentences."""
    language: str
    """Language of ``text`` (the question's, or the town's when no translation exists)."""
    sources: list[str] = field(default_factory=list)
    """Ids of the pack entries the answer comes from; empty when declined."""
    declined: bool = False
    """True when the kiosk did not know and referred the visitor to the desk."""


class Answerer(Protocol):
    """Turns a question in a known language into an :class:`Answer`."""

    def answer(self, question: str, lang: str) -> Answer: ...


@dataclass
class EmbeddedConfig:
    """Thresholds of the embedded answerer."""

    min_coverage: float = 0.5
    """Share of the question's informative words the best entry must contain (0..1)."""


class EmbeddedAnswerer:
    """Retrieval over the pack; the answer is the entry's text, never invented."""

    def __init__(self, pack: Pack, config: EmbeddedConfig | None = None) -> None:
        self.pack = pack
        self.config = config or EmbeddedConfig()
        self.index = FaqIndex(pack)

    def best(self, question: str, lang: str) -> Hit | None:
        hits = self.index.search(question, lang, k=1)
        if not hits or hits[0].coverage < self.config.min_coverage:
            return None
        return hits[0]

    def decline(self, lang: str) -> Answer:
        town = self.pack.town
        lang = lang if lang in town.languages else town.language
        return Answer(town.referral_text(lang), lang, [], declined=True)

    def answer(self, question: str, lang: str) -> Answer:
        hit = self.best(question, lang)
        if hit is None:
            _LOGGER.debug("no entry covers the question well enough")
            return self.decline(lang)
        entry = hit.entry
        text = entry.answer.get(lang)
        used = lang
        if text is None:
            used = self.pack.town.language
            text = entry.answer[used]
        _LOGGER.debug("answer from %s (score %.2f, coverage %.2f)", entry.id, hit.score,
                      hit.coverage)
        return Answer(text, used, [entry.id])
