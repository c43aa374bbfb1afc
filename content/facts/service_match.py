"""Which service, price items, rule or task a question is about: strict word matching.

Pure. A computed fact is only given when *every* informative word of the question's
subject is found in one service's own words (name, aliases, handles) or in the fact
itself (a price item, a rule): "combien coûte un billet de train ?" has "billet" and
"train", which no service has, so it gets no pool price; the question then goes to
retrieval or is declined, as before. Synonym groups of the pack count as the same word.
"""

from __future__ import annotations

from dataclasses import dataclass

from guichet.content.pack.model import Price, Service, Text
from guichet.content.understand.text import tokens, words

Synonyms = dict[str, frozenset[str]]
"""Stem -> every stem of its synonym group (itself included)."""


def synonym_stems(groups: tuple[tuple[str, ...], ...], lang: str) -> Synonyms:
    """The pack's synonym groups of ``lang`` as stems ("gosses" meets "enfant")."""
    found: dict[str, frozenset[str]] = {}
    for group in groups:
        stems = frozenset(t for word in group for t in tokens(word, lang))
        for stem in stems:
            found[stem] = found.get(stem, frozenset()) | stems
    return found


@dataclass(frozen=True)
class Match:
    """What a question is about, found in one service."""

    service: Service
    """The service the fact comes from."""
    prices: tuple[Price, ...] = ()
    """For a price question: the items asked about (all of them when none is named)."""
    rule: Text | None = None
    """For a rule question: the rule that answers it."""
    handle: str = ""
    """For an office question: the task, as the service lists it."""


def _text(text: Text, lang: str, fallback: str) -> str:
    return text.get(lang) or text.get(fallback, "")


def _names(service: Service, lang: str, fallback: str) -> set[str]:
    """Stems of the service's name and aliases: the words that say which service."""
    names = [_text(service.name, lang, fallback), *service.aliases.get(lang, ()),
             *service.aliases.get(fallback, ())]
    return {t for name in names for t in tokens(name, lang)}


def _own_words(service: Service, lang: str, fallback: str) -> set[str]:
    names = [_text(service.name, lang, fallback), *service.aliases.get(lang, ()),
             *service.aliases.get(fallback, ()),
             *(service.handles.get(lang) or service.handles.get(fallback, ()))]
    return {t for name in names for t in tokens(name, lang)}


def _candidates(services: list[Service], asked: set[str], lang: str, fallback: str,
                synonyms: Synonyms) -> list[Service]:
    """The services the question names (by name or alias), else all of them: "can I come
    to the town hall…" is about the town hall, not the cemetery whose rule mentions it."""
    named = [s for s in services if _hits(asked, _names(s, lang, fallback), synonyms)]
    return named or services


def _in(stem: str, vocabulary: set[str], synonyms: Synonyms) -> bool:
    return stem in vocabulary or bool(synonyms.get(stem, frozenset()) & vocabulary)


def _hits(subject: set[str], vocabulary: set[str], synonyms: Synonyms) -> int:
    return sum(1 for stem in subject if _in(stem, vocabulary, synonyms))


Scored = list[tuple[tuple[int, ...], Match]]

# Search stop words that are also nouns ("un passe", "le passe Navigo"): left in the subject
# of an address question after its own words are dropped, they name something else.
_NOUNS_TOO = frozenset({"passe", "passes"})


def _best(scored: Scored) -> Match | None:
    """The single best match; None when two services tie (the question is ambiguous)."""
    if not scored:
        return None
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if len(scored) > 1 and scored[1][0] == scored[0][0] and \
            scored[1][1].service.id != scored[0][1].service.id:
        return None
    return scored[0][1]


def _price_words(item: Price, lang: str, fallback: str) -> set[str]:
    return set(tokens(f"{_text(item.what, lang, fallback)} {_text(item.note, lang, fallback)}",
                      lang))


def match_price(services: list[Service], subject: str, lang: str, fallback: str,
                synonyms: Synonyms) -> Match | None:
    """The named service whose own words and price items cover the whole subject; its
    items that hold the words naming no service, or all of them when only the service
    is named ("combien coûte la piscine ?"). A task it handles but prices not ("le
    mariage, ça coûte combien ?") gets nothing."""
    asked = set(tokens(subject, lang))
    if not asked:
        return None
    scored: Scored = []
    for service in _candidates(services, asked, lang, fallback, synonyms):
        if not service.prices:
            continue
        own = _own_words(service, lang, fallback)
        items = [(_price_words(p, lang, fallback), p) for p in service.prices]
        every = own.union(*(w for w, _ in items))
        named = _hits(asked, own, synonyms)
        if not named or _hits(asked, every, synonyms) < len(asked):
            continue
        specific = {t for t in asked if not _in(t, _names(service, lang, fallback), synonyms)}
        if not specific:
            scored.append(((named, 0), Match(service, prices=service.prices)))
            continue
        best = max(_hits(specific, w, synonyms) for w, _ in items)
        if best:
            chosen = tuple(p for w, p in items if _hits(specific, w, synonyms) == best)
            scored.append(((named, best), Match(service, prices=chosen)))
    return _best(scored)


def match_rule(services: list[Service], subject: str, lang: str, fallback: str,
               synonyms: Synonyms) -> Match | None:
    """The rule holding every subject word its service's name and aliases do not account
    for ("la déchetterie prend-elle les gravats ?": "gravats")."""
    asked = set(tokens(subject, lang))
    scored: Scored = []
    for service in _candidates(services, asked, lang, fallback, synonyms):
        own = _names(service, lang, fallback)
        specific = {t for t in asked if not _in(t, own, synonyms)}
        if not specific:
            continue  # "faut-il aller à la déchetterie ?" names no rule
        for index, rule in enumerate(service.rules):
            said = set(tokens(_text(rule, lang, fallback), lang))
            if _hits(specific, said, synonyms) == len(specific):
                named = _hits(asked, own, synonyms)
                scored.append(((named, len(specific), -index), Match(service, rule=rule)))
    return _best(scored)


def match_office(services: list[Service], subject: str, lang: str, fallback: str,
                 synonyms: Synonyms) -> Match | None:
    """The service listing the task asked about among what it handles."""
    asked = set(tokens(subject, lang))
    if not asked:
        return None
    scored: Scored = []
    for service in _candidates(services, asked, lang, fallback, synonyms):
        own = _own_words(service, lang, fallback)
        if _hits(asked, own, synonyms) < len(asked):
            continue
        tasks = service.handles.get(lang) or service.handles.get(fallback, ())
        ranked = sorted(((_hits(asked, set(tokens(task, lang)), synonyms), task)
                         for task in tasks), key=lambda pair: -pair[0])
        if ranked and ranked[0][0]:
            scored.append(((ranked[0][0],), Match(service, handle=ranked[0][1])))
    return _best(scored)


def match_address(services: list[Service], subject: str, lang: str, fallback: str,
                  synonyms: Synonyms) -> Match | None:
    """The service with an address whose own words are the whole subject."""
    asked = set(tokens(subject, lang))
    if not asked:
        return None
    if set(words(subject)) & _NOUNS_TOO:
        # "le passe sanitaire, c'est où ?": "passe" is a stop word for search (the verb),
        # but here it names a thing no service has; an address would be a false answer.
        return None
    scored: Scored = []
    for service in services:
        own = _own_words(service, lang, fallback)
        if service.address and _hits(asked, own, synonyms) == len(asked):
            named = len(set(words(_text(service.name, lang, fallback))) &
                        set(words(subject)))
            scored.append(((named,), Match(service)))
    return _best(scored)
