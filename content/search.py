"""Retrieval over the pack's FAQ: BM25 (bm25s) per language, with a coverage check.

BM25 scores are not comparable between questions, so a match is accepted only when the
best entry also covers most of the question's informative words (IDF-weighted): a
question about a swimming pool must not be answered with the town hall's hours just
because both mention "open".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import bm25s

from content.pack import FaqEntry, Pack
from content.text import tokens


@dataclass(frozen=True)
class Hit:
    """One entry found for a question."""

    entry: FaqEntry
    """The FAQ entry."""
    score: float
    """BM25 score (only comparable within one question)."""
    coverage: float
    """Share (0..1, IDF-weighted) of the question's words that the entry contains."""


class _LangIndex:
    def __init__(self, docs: list[list[str]]) -> None:
        self.bm25 = bm25s.BM25()
        # bm25s cannot index an empty document; a placeholder token never matches a query.
        self.bm25.index([d or ["\x00"] for d in docs], show_progress=False)
        self.doc_sets = [set(d) for d in docs]
        self.n_docs = len(docs)
        self.df: dict[str, int] = {}
        for doc in self.doc_sets:
            for tok in doc:
                self.df[tok] = self.df.get(tok, 0) + 1

    def idf(self, tok: str) -> float:
        df = self.df.get(tok, 0)
        return math.log((self.n_docs - df + 0.5) / (df + 0.5) + 1.0)


class FaqIndex:
    """Search the FAQ of a pack in any of the town's languages."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.entries = list(pack.faq)
        self._indexes: dict[str, _LangIndex] = {}
        for lang in pack.town.languages if self.entries else ():
            docs = [tokens(self._doc_text(e, lang), lang) for e in self.entries]
            self._indexes[lang] = _LangIndex(docs)

    def _doc_text(self, entry: FaqEntry, lang: str) -> str:
        # Questions weigh twice: they are how visitors phrase things; the answer and the
        # tags add the vocabulary of the fact itself.
        fallback = self.pack.town.language
        questions = entry.questions.get(lang) or entry.questions.get(fallback, ())
        answer = entry.answer.get(lang) or entry.answer.get(fallback, "")
        parts = list(questions) * 2 + [answer, " ".join(entry.tags).replace("-", " ")]
        return " ".join(parts)

    def search(self, question: str, lang: str, k: int = 3) -> list[Hit]:
        """Best entries for ``question`` in ``lang``, best first (may be empty)."""
        query = tokens(question, lang)
        if not query or not self.entries:
            return []
        index = self._indexes.get(lang) or self._indexes[self.pack.town.language]
        scores = index.bm25.get_scores(query)
        order = sorted(range(len(self.entries)), key=lambda i: -float(scores[i]))[:k]
        total = sum(index.idf(t) for t in set(query))
        hits = []
        for i in order:
            if float(scores[i]) <= 0.0:
                break
            covered = sum(index.idf(t) for t in set(query) if t in index.doc_sets[i])
            hits.append(Hit(self.entries[i], float(scores[i]), covered / total if total else 0))
        return hits
