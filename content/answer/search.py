"""Retrieval over the pack: BM25 (bm25s) per language, with a coverage check.

BM25 scores are not comparable between questions, so a match is accepted only when the
best document also covers most of the question's informative words (IDF-weighted): a
question about a swimming pool must not be answered with the town hall's hours just
because both mention "open". Three indexes share this machinery: FAQ entries, anecdotes
(told when asked about their place) and services (found by name, alias or what they
handle).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

import bm25s

from guichet.content.pack.model import Anecdote, FaqEntry, Pack, Service
from guichet.content.understand.aspects import asked, held, holds
from guichet.content.understand.intents import intent_words
from guichet.content.understand.spelling import SpellingConfig, SynonymGroups, Tolerance
from guichet.content.understand.text import tokens, words

T = TypeVar("T")


@dataclass(frozen=True)
class Hit(Generic[T]):
    """One item found for a question."""

    item: T
    """The FAQ entry, anecdote or service."""
    score: float
    """BM25 score (only comparable within one question)."""
    coverage: float
    """Share (0..1, IDF-weighted) of the question's words that the item contains."""
    holds: bool = True
    """Whether the item holds what the question asks of its subject (a time, a price:
    ``aspects``); the best match for the subject without it means the pack lacks it."""
    subject: float = 0.0
    """``coverage`` of the question's subject alone, without the words asking for an
    aspect and the town's name."""

    @property
    def entry(self) -> T:
        return self.item


class _LangIndex:
    def __init__(self, docs: list[list[str]], cover: list[list[str]],
                 held: list[frozenset[str]]) -> None:
        self.held = held
        """What each item's text can answer (``aspects.held``: hours, a price...)."""
        self.bm25 = bm25s.BM25()
        # bm25s cannot index an empty document; a placeholder token never matches a query.
        self.bm25.index([d or ["\x00"] for d in docs], show_progress=False)
        # Coverage counts a word fully when it is in what the item is *about* (questions,
        # name, tags) and half when it only appears in its answer: "signé par le maire"
        # does not make the census entry an answer about the mayor.
        self.about_sets = [set(d) for d in cover]
        self.doc_sets = [set(d) for d in docs]
        self.n_docs = len(docs)
        self.df: dict[str, int] = {}
        for doc in self.doc_sets:
            for tok in doc:
                self.df[tok] = self.df.get(tok, 0) + 1

    def idf(self, tok: str) -> float:
        df = self.df.get(tok, 0)
        return math.log((self.n_docs - df + 0.5) / (df + 0.5) + 1.0)

    def coverage(self, i: int, toks: set[str]) -> float:
        """IDF-weighted share of ``toks`` in item ``i``: fully when in what it is about,
        half when only in its answer."""
        total = sum(self.idf(t) for t in toks)
        covered = sum(self.idf(t) * (1.0 if t in self.about_sets[i] else 0.5)
                      for t in toks if t in self.doc_sets[i])
        return covered / total if total else 0.0


class Index(Generic[T]):
    """BM25 over items, one index per language; ``texts[i][lang]`` is item i's text.

    With a ``tolerance``, questions are spell-corrected and synonyms of the items' words
    and the question's words meet on one token. With ``aspects``, what a question asks
    about its subject (hours, a date, a price: see ``aspects``) must be in the item's text
    and is left out of its coverage, and so are the ``context`` tokens (language -> the
    town's own name and words for it: every item is about the town)."""

    def __init__(self, items: list[T], texts: list[dict[str, str]], languages: tuple[str, ...],
                 about: list[dict[str, str]] | None = None, tolerance: Tolerance | None = None,
                 aspects: bool = False, context: dict[str, frozenset[str]] | None = None):
        self.items = items
        self.fallback = languages[0]
        self.tolerance = tolerance
        self.aspects = aspects
        self.context = context or {}
        self._indexes: dict[str, _LangIndex] = {}
        for lang in languages if items else ():
            raw = [t.get(lang) or t.get(self.fallback, "") for t in texts]
            docs = [self._tokens(text, lang) for text in raw]
            cover = docs if about is None else [
                self._tokens(t.get(lang) or t.get(self.fallback, ""), lang) for t in about]
            self._indexes[lang] = _LangIndex(
                docs, cover, [held(text, lang) if aspects else frozenset() for text in raw])

    def _tokens(self, text: str, lang: str) -> list[str]:
        found = tokens(text, lang)
        return found if self.tolerance is None else self.tolerance.canon(found, lang)

    def search(self, question: str, lang: str, k: int = 3, require: str = "") -> list[Hit[T]]:
        """Best items for ``question`` in ``lang``, best first (may be empty); with
        ``require``, only items that contain every search token of it."""
        if self.tolerance is not None:
            question = self.tolerance.correct(question, lang)
        query = self._tokens(question, lang)
        if not query or not self.items:
            return []
        index = self._indexes.get(lang) or self._indexes[self.fallback]
        wanted, optional = self._optional(question, query, lang)
        needed = set(self._tokens(require, lang)) - optional - set(self._tokens(
            " ".join(asked(words(require), lang)[1]), lang)) if require else set()
        scores = index.bm25.get_scores(query)
        order = sorted(range(len(self.items)), key=lambda i: -float(scores[i]))
        subject = set(query) - optional
        hits: list[Hit[T]] = []
        for i in order:
            if float(scores[i]) <= 0.0 or len(hits) >= k:
                break
            doc = index.doc_sets[i]
            if not needed <= doc:
                continue  # not the required place
            counted = {t for t in query if t in doc or t not in optional}
            hits.append(Hit(self.items[i], float(scores[i]), index.coverage(i, counted),
                            holds(wanted, index.held[i]), index.coverage(i, subject)))
        return hits

    def _optional(self, question: str, query: list[str],
                  lang: str) -> tuple[list[frozenset[str]], set[str]]:
        """The aspects asked, and the tokens an item need not contain: the words asking
        for an aspect (the item holds a time or price instead) and the town's own name;
        they count in its coverage only when it has them."""
        if not self.aspects:
            return [], set()
        context = self.context.get(lang, frozenset())
        # A word of the town's name asks nothing: "Valmont-le-Haut" is no height.
        said = [w for w in words(question)
                if not (toks := self._tokens(w, lang)) or not context.issuperset(toks)]
        wanted, asking = asked(said, lang)
        optional = set(self._tokens(" ".join(asking), lang)) | context
        return wanted, optional if set(query) - optional else set()


def _faq_text(entry: FaqEntry, lang: str, fallback: str) -> str:
    # Questions weigh twice: they are how visitors phrase things; the answer and the
    # tags add the vocabulary of the fact itself.
    questions = entry.questions.get(lang) or entry.questions.get(fallback, ())
    answer = entry.answer.get(lang) or entry.answer.get(fallback, "")
    return " ".join([*list(questions) * 2, answer, " ".join(entry.tags).replace("-", " ")])


def _faq_about(entry: FaqEntry, lang: str, fallback: str) -> str:
    questions = entry.questions.get(lang) or entry.questions.get(fallback, ())
    return " ".join([*questions, " ".join(entry.tags).replace("-", " ")])


def _anecdote_about(story: Anecdote, lang: str, fallback: str) -> str:
    place = story.place.get(lang) or story.place.get(fallback, "")
    about = "histoire anecdote" if lang == "fr" else "history story anecdote"
    return " ".join([place, about, " ".join(story.tags)])


def _anecdote_text(story: Anecdote, lang: str, fallback: str) -> str:
    place = story.place.get(lang) or story.place.get(fallback, "")
    text = story.text.get(lang) or story.text.get(fallback, "")
    about = "histoire anecdote" if lang == "fr" else "history story anecdote"
    return " ".join([place, place, about, text, " ".join(story.tags)])


def _service_text(service: Service, lang: str, fallback: str) -> str:
    name = service.name.get(lang) or service.name.get(fallback, "")
    aliases = service.aliases.get(lang, ()) + service.aliases.get(fallback, ())
    handles = service.handles.get(lang) or service.handles.get(fallback, ())
    return " ".join([name, name, *aliases, *handles])


_TOWN_WORDS = {"fr": "ville commune village", "en": "town city village"}


class PackIndex:
    """The three indexes of a pack, and the tolerance to typing they share.

    ``synonyms``: the town's groups of words that mean the same (``Pack.synonyms``);
    ``spelling``: how close a typo must be to a pack's word to be corrected."""

    def __init__(self, pack: Pack, synonyms: SynonymGroups | None = None,
                 spelling: SpellingConfig | None = None) -> None:
        langs = pack.town.languages
        fb = pack.town.language

        def texts(items: list, render) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
            return [{lang: render(item, lang, fb) for lang in langs} for item in items]

        faq, stories = texts(pack.faq, _faq_text), texts(pack.anecdotes, _anecdote_text)
        services = texts(pack.services, _service_text)
        self.tolerance = Tolerance(
            {lang: [t[lang] for t in (*faq, *stories, *services)] for lang in langs},
            synonyms, {lang: intent_words(lang) for lang in langs}, spelling)
        # The town's own name and the words for "the town" say nothing of the topic:
        # every entry of the pack is about the town ("Saint-Aubin est jumelée avec...").
        context = {lang: frozenset(self.tolerance.canon(
            tokens(f"{pack.town.name} {_TOWN_WORDS.get(lang, '')}", lang), lang))
            for lang in langs}
        self.faq: Index[FaqEntry] = Index(pack.faq, faq, langs, texts(pack.faq, _faq_about),
                                          self.tolerance, aspects=True, context=context)
        self.anecdotes: Index[Anecdote] = Index(
            pack.anecdotes, stories, langs, texts(pack.anecdotes, _anecdote_about),
            self.tolerance, aspects=True, context=context)
        self.services: Index[Service] = Index(pack.services, services, langs,
                                              tolerance=self.tolerance)

    def correct(self, question: str, lang: str) -> str:
        """``question`` with SMS words, glued elisions and typos rewritten (see spelling)."""
        return self.tolerance.correct(question, lang)

