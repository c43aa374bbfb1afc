"""Text normalisation for search: accent folding, tokens, stop words, stems, language guess.

Pure functions, no I/O. Accents are stripped *before* stemming because the Snowball
French stemmer keeps them ("mairie" and "Mairie" and "mairié" must meet).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

from guichet.content.understand.informal import SMS
from guichet.content.understand.languages import english_name

# Languages stemmed for search; Snowball names its stemmers by the language's English name.
_STEMMED = ("fr", "en", "de", "es", "it", "nl", "pt", "ca", "eu")

# Function words plus what visitors say around a question ("hello, could you tell me…").
_STOP = {
    "fr": """a à afin ai aie aient aies ait alors as au aucun aussi autre aux avec avez avoir
        avons bonjour bonsoir c ça ce ceci cela celle celui ces cet cette chez ci comme comment
        d dans de des dire dis dites dois doit donc du elle elles en es est et êtes etes été etre
        être eu salut coucou beaucoup peuvent pouvons cherche cherches chercher
        faire fais fait faut il ils j je l la le les leur leurs lui m ma madame mais me merci
        mes moi mon monsieur n ne ni nos notre nous on ont par pas peut peux plait plaît
        pour pourquoi pourrais pourriez pouvez puis puisse qu quand que quel quelle quelles
        quels qui quoi s sa sais savez savoir se ses si sil son sont suis sur svp t ta te tes
        toi ton très tu un une vais veux voudrais voulez vous vos votre y euh ben bah alors
        racontez raconte raconter parlez parle parler aujourd hui demain soir week end
        weekend passe passent passer trouve trouver prendre aller venir""",
    "en": """a about am an and any are as at be been but by can could did do does doing
        for from get go had has have hello hey hi how i i'd i'm if in into is it it's its
        know let me my need of on or please say should so tell thank thanks that the their
        them then there these they this those to uh um us want was we well were what when
        which who whom why will with would you your yes okay ok like just today
        tomorrow tonight now right weekend week end find take come looking
        m s t d ll re ve""",
}
_STOP_FOLDED = {lang: frozenset(words.split()) for lang, words in _STOP.items()}

_TOKEN_RE = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase and strip accents: "Déchetterie" -> "dechetterie"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Folded words of a text (apostrophes split: "l'état" -> "l", "etat")."""
    return _TOKEN_RE.findall(fold(text))


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> snowballstemmer.stemmer | None:
    return snowballstemmer.stemmer(english_name(lang).lower()) if lang in _STEMMED else None


# A Snowball stemmer keeps the word being stemmed in its own fields: one shared instance
# must not stem two words at once (the ask server answers in several threads).
_STEM_LOCK = threading.Lock()


@lru_cache(maxsize=65_536)
def _stem(word: str, lang: str) -> str:
    stemmer = _stemmer(lang)
    if stemmer is None:
        return word
    with _STEM_LOCK:
        return str(stemmer.stemWord(word))


def stop_words(lang: str) -> frozenset[str]:
    return _STOP_FOLDED.get(lang, frozenset())


@lru_cache(maxsize=16)
def _folded_stop_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in stop_words(lang))


@lru_cache(maxsize=16)
def _language_words(lang: str) -> frozenset[str]:
    return _folded_stop_words(lang) | frozenset(SMS.get(lang, {}))


# Words the stemmer would merge with another meaning: "mairie" (town hall) and "maire"
# (mayor) both stem to "mair"; "gare" (station) and "garer" (to park) to "gar".
_KEEP = {"fr": {"mairie": "mairie", "mairies": "mairie", "gare": "gare", "gares": "gare"}}


def tokens(text: str, lang: str) -> list[str]:
    """Search tokens: folded words minus stop words, stemmed for ``lang``."""
    stop = _folded_stop_words(lang)
    # Bare numbers match times and prices anywhere ("17" in "17 h" of the wrong place):
    # they say nothing about the topic, so they do not take part in retrieval.
    kept = [w for w in words(text) if w not in stop and not w.isdigit()]
    return [stem(w, lang) for w in kept]


def stem(word: str, lang: str) -> str:
    """The search stem of one folded word (as ``tokens`` makes it)."""
    kept = _KEEP.get(lang, {}).get(word)
    if kept:
        return kept
    found = _stem(word, lang)
    # Snowball strips the feminine participle "-ée" only with its accent, which folding
    # has removed: "fermee" would stem to "ferme" and miss "fermé", "fermer" ("ferm").
    if lang == "fr" and word.endswith(("ee", "ees")) and found.endswith("e") and len(found) > 3:
        return found[:-1]
    return found


def guess_language(text: str, languages: tuple[str, ...]) -> str:
    """The most likely of ``languages`` for a typed question; the first one on a tie.

    Counts function words of each language, and its SMS words ("wat time r u open");
    good enough to tell the town's languages apart on a one-line question, which is all
    a kiosk needs.
    """
    found = words(text)
    best, best_score = languages[0], 0
    for lang in languages:
        known = _language_words(lang)
        score = sum(1 for w in found if w in known)
        if score > best_score:
            best, best_score = lang, score
    return best


def normalise(text: str) -> str:
    """For comparing answers with expectations: folded, punctuation out, spaces single.

    "17 h 30", "17h30" and "17:30" become "17h30"; "3,60" and "3.60" stay comparable.
    """
    out = fold(text)
    out = re.sub(r"(\d)\s*heures?\b", r"\1 h", out)
    out = re.sub(r"(\d)\s*(?:h|:)\s*(\d{2})", r"\1h\2", out)
    out = re.sub(r"(\d)\s*h\b", r"\1h", out)
    out = re.sub(r"(\d)[,.](\d)", r"\1.\2", out)
    out = re.sub(r"[^\w.\s@-]|(?<!\d)\.|\.(?!\d)", " ", out)
    return " ".join(out.split())
