"""Tolerance to how people type: SMS writing, glued elisions, typos, everyday words, synonyms.

Pure, built once per pack and cheap per question (``Tolerance``):

- ``Speller.correct`` rewrites a question's words before anything reads it: SMS words in
  full ("c koi" -> "c'est quoi"), glued elisions split ("leglise" -> "l'eglise"), and a
  word that is no word at all — neither in the pack nor in the language's lexicon — is
  replaced by the closest word of the pack's own vocabulary when it is close enough
  ("mairi" -> "mairie", "horraires" -> "horaires"). Real words are never corrected
  ("marie", "pisciculture", "passe" stay), nor short ones, nor a word that is as close to
  two different words: a near miss must be declined, not answered from the wrong entry.
- ``Synonyms.apply`` maps search tokens of a group to its first word, on the question and
  on the pack alike ("gosses" and "enfants" meet): the town's groups first, then the
  built-in everyday words of ``informal``.

The lexicon is pyspellchecker's word list (OpenSubtitles frequencies, no model, no I/O
beyond its package data); a language it lacks gets no fuzzy correction.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA

from guichet.content.understand.informal import COLLOQUIAL, SMS
from guichet.content.understand.text import fold, stem, stop_words, tokens

SynonymGroups = Mapping[str, Sequence[Sequence[str]]]
"""Language -> groups of words that mean the same, as the pack's ``synonyms`` writes them."""

_WORD_RE = re.compile(r"[^\W_]+")
_KEY_RE = re.compile(r'^"([^"\\]+)":', re.MULTILINE)
_APOSTROPHES = "'’"
_ELIDED = "cdjlmnst"
_VOWELS = "aeiouyh"


@dataclass(frozen=True)
class SpellingConfig:
    """How far a typo may be from the pack's word it is corrected to."""

    threshold: float = 0.8
    """Least similarity (1 - edits / length of the longer word; a swap of two letters is
    one edit) to correct a word; measured by ``bench/spelling.py`` on the demo pack."""
    min_length: int = 5
    """Shorter words are never corrected: "gare" must not become "garde"."""


class Lexicon:
    """A language's folded words in little memory: one string per two-letter start
    (a set of 150,000 strings costs some 18 MB, these strings 2 MB)."""

    def __init__(self, words: Iterable[str]) -> None:
        buckets: dict[str, list[str]] = {}
        for word in words:
            if word and "\n" not in word:
                buckets.setdefault(word[:2], []).append(word)
        self._buckets = {k: "\n" + "\n".join(v) + "\n" for k, v in buckets.items()}
        self.size = sum(len(v) for v in buckets.values())

    def __contains__(self, word: object) -> bool:
        bucket = self._buckets.get(word[:2]) if isinstance(word, str) and word else None
        return bucket is not None and f"\n{word}\n" in bucket

    def __len__(self) -> int:
        return self.size


@lru_cache(maxsize=16)
def lexicon(lang: str) -> Lexicon | None:
    """Folded words of ``lang`` (pyspellchecker's list), or None when it has no list."""
    try:
        data = (resources.files("spellchecker") / "resources" / f"{lang}.json.gz").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    # {"word": count, ...}, one per line, no escapes: the keys are read without building
    # the dictionary (a third of the time and memory of json.loads).
    text = gzip.decompress(data).decode("utf-8")
    return Lexicon(w if w.isascii() else fold(w) for w in _KEY_RE.findall(text))


class Speller:
    """Corrects the words of a question in one language towards a pack's vocabulary."""

    def __init__(self, lang: str, vocabulary: Iterable[str], extra: Iterable[str] = (),
                 config: SpellingConfig | None = None) -> None:
        """``vocabulary``: the pack's folded words in ``lang``; ``extra``: words questions
        use that the pack may not (intent words, days, months): targets of correction."""
        self.lang = lang
        self.config = config or SpellingConfig()
        self.sms = SMS.get(lang, {})
        stop = {fold(w) for w in stop_words(lang)}
        pack_words = set(vocabulary)
        self.intent = frozenset(fold(w) for w in extra)
        self.content = pack_words - stop
        self.lexicon = lexicon(lang)
        targets = {w for w in (*self.content, *self.intent)
                   if w.isalpha() and len(w) >= self.config.min_length - 1 and w not in stop}
        self.known = frozenset(pack_words | targets | stop | set(self.sms))
        self.buckets: dict[str, list[str]] = {}
        for word in sorted(targets):
            self.buckets.setdefault(word[0], []).append(word)

    def is_known(self, word: str) -> bool:
        """A word of the pack, of the questions' own words, or of the language.

        Not "a word whose stem is a pack's stem": "mairi" stems as "maire" does."""
        return word in self.known or (self.lexicon is not None and word in self.lexicon)

    def closest(self, word: str) -> str | None:
        """The pack's word ``word`` is a typo of, or None (known, short, far or ambiguous).

        The first letter must match: typing rarely changes it, and a name that differs
        there ("Louvre" / "ouvre") is another word."""
        if (len(word) < self.config.min_length or not word.isalpha() or self.lexicon is None
                or self.config.threshold > 1 or self.is_known(word)):
            return None
        bucket = [w for w in self.buckets.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
        found = process.extract(word, bucket, scorer=OSA.normalized_similarity,
                                score_cutoff=self.config.threshold, limit=None)
        if not found:
            return None
        best = found[0][1]
        tied = {stem(w, self.lang) for w, score, _ in found if score == best}
        return found[0][0] if len(tied) == 1 else None

    def _elision(self, word: str) -> str | None:
        # "leglise" -> "l'eglise", "deau" -> "d'eau": a glued article and a word of the
        # pack itself, not of a question's intent: "Louvre" is not "l'ouvre".
        rest = word[1:]
        if (word[0] in _ELIDED and len(rest) >= 3 and rest[0] in _VOWELS
                and rest in self.content and rest not in self.intent):
            return f"{word[0]}'{rest}"
        return None

    def replacement(self, word: str, glued: bool) -> str | None:
        """What to write instead of the folded ``word``, or None to keep it; ``glued``:
        the word touches an apostrophe (the "c" of "c'est", the "aujourd" of "aujourd'hui")."""
        if glued:
            return None
        if word in self.sms and word not in self.content:
            return self.sms[word]
        if self.is_known(word):
            return None
        if self.lang == "fr":
            split = self._elision(word)
            if split is not None:
                return split
        return self.closest(word)

    def correct(self, text: str) -> str:
        """``text`` with its SMS words, glued elisions and typos rewritten; the rest kept."""

        def swap(match: re.Match[str]) -> str:
            start, end = match.span()
            glued = (start > 0 and text[start - 1] in _APOSTROPHES) or (
                end < len(text) and text[end] in _APOSTROPHES)
            new = self.replacement(fold(match.group()), glued)
            return match.group() if new is None else new

        return _WORD_RE.sub(swap, text)


class Synonyms:
    """Search tokens of a group of synonyms -> the tokens of the group's first word."""

    def __init__(self, groups: Iterable[Sequence[str]], lang: str) -> None:
        self.single: dict[str, tuple[str, ...]] = {}
        self.multi: dict[tuple[str, ...], tuple[str, ...]] = {}
        for group in groups:
            canon = tuple(tokens(group[0], lang)) if group else ()
            if not canon:
                continue
            for member in group[1:]:
                toks = tuple(tokens(member, lang))
                if not toks or toks == canon:
                    continue
                if len(toks) == 1:
                    self.single.setdefault(toks[0], canon)
                else:
                    self.multi.setdefault(toks, canon)
        # A group's first word may itself be a member of an earlier group: follow it.
        for key, value in list(self.single.items()):
            seen = {key}
            while len(value) == 1 and value[0] in self.single and value[0] not in seen:
                seen.add(value[0])
                value = self.single[value[0]]
            self.single[key] = value
        self.longest = max((len(k) for k in self.multi), default=0)

    def apply(self, toks: list[str]) -> list[str]:
        if not self.single and not self.multi:
            return toks
        out: list[str] = []
        i = 0
        while i < len(toks):
            for size in range(min(self.longest, len(toks) - i), 1, -1):
                canon = self.multi.get(tuple(toks[i:i + size]))
                if canon is not None:
                    out.extend(canon)
                    i += size
                    break
            else:
                out.extend(self.single.get(toks[i], (toks[i],)))
                i += 1
        return out


class Tolerance:
    """A pack's speller and synonyms per language: what search applies to every question."""

    def __init__(self, texts: Mapping[str, Iterable[str]], synonyms: SynonymGroups | None = None,
                 extra: Mapping[str, Iterable[str]] | None = None,
                 config: SpellingConfig | None = None) -> None:
        """``texts``: language -> the pack's texts in it; ``synonyms``: the town's groups;
        ``extra``: language -> words questions use beyond the pack's (intent words)."""
        synonyms = synonyms or {}
        extra = extra or {}
        self.spellers: dict[str, Speller] = {}
        self._corrected: dict[tuple[str, str], str] = {}
        self.synonyms: dict[str, Synonyms] = {}
        for lang, lang_texts in texts.items():
            groups = [*synonyms.get(lang, ()), *COLLOQUIAL.get(lang, ())]
            vocabulary = {w for text in lang_texts for w in _WORD_RE.findall(fold(text))}
            vocabulary |= {w for group in synonyms.get(lang, ()) for member in group
                           for w in _WORD_RE.findall(fold(member))}
            self.spellers[lang] = Speller(lang, vocabulary, extra.get(lang, ()), config)
            self.synonyms[lang] = Synonyms(groups, lang)

    def correct(self, text: str, lang: str) -> str:
        # One answer corrects its question once per index searched: remember the last few.
        found = self._corrected.get((text, lang))
        if found is None:
            speller = self.spellers.get(lang)
            found = text if speller is None else speller.correct(text)
            if len(self._corrected) >= 256:
                self._corrected.clear()
            self._corrected[(text, lang)] = found
        return found

    def canon(self, toks: list[str], lang: str) -> list[str]:
        synonyms = self.synonyms.get(lang)
        return toks if synonyms is None else synonyms.apply(toks)
