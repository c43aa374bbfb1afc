"""Which service, price items, rule or task a question is about: measured word matching.

Pure. A computed fact is only given when the question *clearly identifies* a service and
one of its facts (a price item, a rule) holds enough of the question's other words,
counting stems, the pack's synonym groups and a few words of the language (_LEXICON):

- named by a whole name or alias ("salle des fêtes", not the "salle" of "salle des
  sports"): the fact must hold more than :data:`COVERAGE` of the other words;
- named only by a task it handles, or not at all: the fact must hold all of them.

Another service's fact scoring as well is an ambiguous question, declined; so are two
rules holding different parts of the question ("tyres and rubble?") or saying yes and
no ("barbecues?": charcoal no, gas yes). "Combien coûte un billet de train ?" names no
service and no item: no price; it goes to retrieval or is declined.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from guichet.content.facts.service_answers import rule_polarity
from guichet.content.pack.model import Price, Service, Text
from guichet.content.understand.text import stem, tokens, words

Synonyms = dict[str, frozenset[str]]
"""Stem -> every stem of its synonym group (itself included)."""

COVERAGE = 0.5
"""A fact must hold *more* than this share of the question's words left once the service
is named. Measured on the eval files and the tests' near misses: at one half, "des
bouteilles en verre" got the rule on gas bottles and "la carte de 10 entrées" the single
entry's price; "the adult prices" (1 of 1 word), "location week-end habitant" (4 of 4),
"inscription … d'une autre commune" (2 of 3) are above it."""

# Everyday words of the language that mean what municipal facts write (the pack's own
# synonym groups are added to these): "rent" a hall the facts "hire", a "kid" is a
# "child", a "tradesman" is one of the "businesses" a dump refuses. Each group is one
# meaning; words of several meanings ("location" is also "place" in English) stay out.
_LEXICON: dict[str, tuple[tuple[str, ...], ...]] = {
    "fr": (("louer", "loue", "louent", "location", "locations"),
           ("habitant", "habitants", "habitante", "habitantes", "resident", "residents"),
           ("professionnel", "professionnels", "artisan", "artisans", "entreprise",
            "entreprises"),
           ("rendez", "rdv"),
           ("gratuit", "gratuite", "gratuits", "gratuites", "gratos")),
    "en": (("rent", "rents", "renting", "rental", "hire", "hiring", "hired"),
           ("resident", "residents", "live", "lives", "living", "local", "locals"),
           ("kid", "kids", "child", "children", "childs"),
           ("business", "businesses", "tradesman", "tradesmen", "tradespeople",
            "professional", "professionals", "company", "companies", "contractor",
            "contractors"),
           ("appointment", "appointments", "booking")),
}

# Stop words for search that tell price items apart: "un week-end", "the weekend".
_KEPT = {"week", "end", "weekend", "soir"}

# Words that put the asker on the other side of a price's condition: "non-habitants",
# "hors commune", "someone from another town", "if I don't live here".
_OTHER = {"fr": {"non", "hors", "autre", "autres", "exterieur", "exterieurs", "exterieure"},
          "en": {"non", "not", "don", "doesn", "other", "outside", "another"}}


def synonym_stems(groups: tuple[tuple[str, ...], ...], lang: str) -> Synonyms:
    """The pack's synonym groups of ``lang`` as stems ("gosses" meets "enfant")."""
    found: dict[str, frozenset[str]] = {}
    for group in groups:
        stems = frozenset(t for word in group for t in _stems(word, lang))
        for one in stems:
            found[one] = found.get(one, frozenset()) | stems
    return found


@lru_cache(maxsize=64)
def fact_synonyms(groups: tuple[tuple[str, ...], ...], lang: str) -> Synonyms:
    """The pack's groups and the language's own (:data:`_LEXICON`): what prices and rules
    are matched with."""
    return synonym_stems((*groups, *_LEXICON.get(lang, ())), lang)


@dataclass(frozen=True)
class Match:
    """What a question is about, found in one service."""

    service: Service
    """The service the fact comes from."""
    prices: tuple[Price, ...] = ()
    """For a price question: the items asked about, best first (all when none is named)."""
    rule: Text | None = None
    """For a rule question: the rule that answers it."""
    handle: str = ""
    """For an office question: the task, as the service lists it."""
    free: bool | None = None
    """For a price question: whether what is asked is free (None: the items differ)."""
    more: tuple[Match, ...] = ()
    """For a price question naming several services ("the adult prices for the pool and
    for the castle"): the others' items, in the same way."""


def _stems(text: str, lang: str) -> set[str]:
    """Search stems of ``text``, and the few stop words that tell prices apart."""
    said = words(text)
    kept = {w for w in said if w in _KEPT}
    if "weekend" in kept:
        kept |= {"week", "end"}
    return set(tokens(text, lang)) | {stem(w, lang) for w in kept - {"weekend"}}


def _text(text: Text, lang: str, fallback: str) -> str:
    return text.get(lang) or text.get(fallback, "")


def _names(service: Service, lang: str, fallback: str) -> set[str]:
    """Stems of the service's name and aliases: the words that say which service."""
    names = [_text(service.name, lang, fallback), *service.aliases.get(lang, ()),
             *service.aliases.get(fallback, ())]
    return {t for name in names for t in tokens(name, lang)}


def _tasks(service: Service, lang: str, fallback: str) -> tuple[str, ...]:
    return tuple(service.handles.get(lang) or service.handles.get(fallback, ()))


def _own_words(service: Service, lang: str, fallback: str) -> set[str]:
    return _names(service, lang, fallback) | {
        t for task in _tasks(service, lang, fallback) for t in tokens(task, lang)}


def _in(one: str, vocabulary: set[str], synonyms: Synonyms) -> bool:
    return one in vocabulary or bool(synonyms.get(one, frozenset()) & vocabulary)


def _hits(subject: set[str], vocabulary: set[str], synonyms: Synonyms) -> int:
    return sum(1 for one in subject if _in(one, vocabulary, synonyms))


NAMED, HANDLED, UNNAMED = 2, 1, 0
"""How clearly a question identifies its service: by name or alias, by a task it
handles, or not at all."""


def _said_names(service: Service, asked: set[str], lang: str, fallback: str,
                synonyms: Synonyms) -> set[str]:
    """Stems of the service's name and aliases the question says *whole*: "salle des
    fêtes" names the village hall, not "la salle des sports" (one word of it)."""
    names = [_text(service.name, lang, fallback), *service.aliases.get(lang, ()),
             *service.aliases.get(fallback, ())]
    said: set[str] = set()
    for name in names:
        stems = set(tokens(name, lang))
        if stems and all(_in(one, asked, synonyms) for one in stems):
            said |= stems
    return said


def _identified(services: list[Service], asked: set[str], lang: str, fallback: str,
                synonyms: Synonyms) -> tuple[list[tuple[Service, set[str]]], int]:
    """The services the question names (a whole name or alias), else those handling a
    task it names, else all; each with its name's stems said; and how clearly. "can I
    come to the town hall…" is about the town hall, not the cemetery whose rule
    mentions it."""
    named = [(s, _said_names(s, asked, lang, fallback, synonyms)) for s in services]
    if any(said for _, said in named):
        return [(s, said) for s, said in named if said], NAMED
    handling: list[tuple[Service, set[str]]] = [(s, set()) for s in services
                if _hits(asked, _own_words(s, lang, fallback), synonyms)]
    return (handling, HANDLED) if handling else ([(s, set()) for s in services], UNNAMED)


Scored = list[tuple[tuple[float, ...], Match]]

# Search stop words that are also nouns ("un passe", "le passe Navigo"): left in the subject
# of an address question after its own words are dropped, they name something else.
_NOUNS_TOO = frozenset({"passe", "passes"})


def _best(scored: Scored) -> Match | None:
    """The single best match; None when another service's best scores as well (the
    question is ambiguous: no margin over the second best)."""
    if not scored:
        return None
    # Stable: among equal scores, the caller's order stands (match_rule orders ties).
    scored.sort(key=lambda pair: pair[0][:2], reverse=True)
    top_score, top = scored[0]
    for score, other in scored[1:]:
        if other.service.id != top.service.id:
            return None if score[:2] == top_score[:2] else top
    return top


def _enough(hit: float, rest: int, named: int) -> bool:
    """A fact holding enough of the rest: more than :data:`COVERAGE` of it when the
    service is named, all of it when only a task names it (the task's words are in the
    rest too: "un permis de construire pour un abri de jardin" is half a rule about
    permits and half a thing no rule has) or when no service is named."""
    if named == NAMED:
        return hit >= 1 and hit > COVERAGE * rest
    return hit >= 1 and hit >= rest


def _price_words(item: Price, lang: str, fallback: str) -> set[str]:
    return _stems(f"{_text(item.what, lang, fallback)} {_text(item.note, lang, fallback)}",
                  lang)


# The word of the condition itself: "habitants", "residents" (their synonyms count too).
_RESIDENT = {"fr": "habitant", "en": "resident"}


def _other(text: str, lang: str) -> bool:
    return bool(set(words(text)) & _OTHER.get(lang, set()))


def _item_scores(items: tuple[Price, ...], specific: set[str], asked: set[str],
                 subject: str, lang: str, fallback: str,
                 synonyms: Synonyms) -> list[tuple[float, int, Price]]:
    """Each item's hits on the asked words; the asker's side of a condition ("non-
    habitants" for "d'une autre commune") counts as one more word when both say it, and
    half a word against when only one of them does, if the question speaks of it.
    With each, how many of its own words the question does not say."""
    asker_other = _other(subject, lang)
    speaks = asker_other or bool(_hits(specific, _stems(_RESIDENT.get(lang, ""), lang),
                                       synonyms))
    scored = []
    for item in items:
        said = _price_words(item, lang, fallback)
        hit: float = _hits(specific, said, synonyms)
        item_other = _other(_text(item.what, lang, fallback), lang)
        if asker_other and item_other:
            hit += 1
        elif hit and speaks and item_other != asker_other:
            hit -= 0.5
        plain = _stems(_text(item.what, lang, fallback), lang)
        scored.append((hit, sum(1 for t in plain if not _in(t, asked, synonyms)), item))
    return scored


def _free(chosen: list[tuple[float, int, Price]]) -> bool | None:
    """Whether what is asked is free: said by the plainest item (fewest words the
    question does not say: "badge d'accès" before "remplacement d'un badge perdu") or by
    all the items alike; None when the items differ and none is plainest."""
    if not chosen:
        return None
    if len({p.price == 0 for _, _, p in chosen}) == 1:
        return chosen[0][2].price == 0
    if len(chosen) == 1 or chosen[0][1] < chosen[1][1]:
        return chosen[0][2].price == 0
    return None


def _priced(service: Service, specific: set[str], asked: set[str], subject: str,
            lang: str, fallback: str, synonyms: Synonyms,
            named: int) -> tuple[tuple[float, ...], Match] | None:
    """The service's items that hold enough of ``specific``, scored; None if none do."""
    ranked = _item_scores(service.prices, specific, asked, subject, lang, fallback,
                          synonyms)
    if not specific:  # "combien coûte la piscine ?": every item, the plainest first
        chosen = sorted(ranked, key=lambda p: p[1])
        return (1.0, 0.0), Match(service, prices=tuple(p for _, _, p in chosen),
                                 free=_free(chosen))
    best = max(hit for hit, _, _ in ranked)
    asked_count = len(specific) + int(_other(subject, lang))
    if not _enough(best, asked_count, named):
        return None
    chosen = sorted((pair for pair in ranked if pair[0] == best), key=lambda p: p[1])
    return (best / asked_count, best), Match(service, prices=tuple(p for _, _, p in chosen),
                                             free=_free(chosen))


def match_price(services: list[Service], subject: str, lang: str, fallback: str,
                synonyms: Synonyms) -> Match | None:
    """The identified service whose price items hold enough of the subject: the items
    scoring best, the plainest first; all of them when only the service is named
    ("combien coûte la piscine ?"). A task it handles but prices not ("le mariage, ça
    coûte combien ?") gets nothing."""
    asked = _stems(subject, lang)
    if not asked:
        return None
    candidates, named = _identified(services, asked, lang, fallback, synonyms)
    if not named:
        return None
    priced = [(service, said) for service, said in candidates if service.prices]
    scored: Scored = []
    for service, said in priced:
        specific = {t for t in asked if not _in(t, said, synonyms)}
        found = _priced(service, specific, asked, subject, lang, fallback, synonyms, named)
        if found is not None:
            scored.append(found)
    best = _best(scored)
    if best is not None or named != NAMED or len(priced) < 2:
        return best
    # "The adult prices for the pool and for the castle": two named services with prices,
    # the same asked of each. Neither name is an item of the other; each must then hold
    # all the rest, and the rest must not be empty ("when is the market and how much is
    # the pool?" asks no price of the market).
    names = set().union(*(said for _, said in priced))
    specific = {t for t in asked if not _in(t, names, synonyms)}
    if not specific:
        return None
    both = [_priced(service, specific, asked, subject, lang, fallback, synonyms, UNNAMED)
            for service, _ in priced]
    if any(found is None for found in both):
        return None
    matches = [found[1] for found in both if found is not None]
    return replace(matches[0], more=tuple(matches[1:]))


def match_rule(services: list[Service], subject: str, lang: str, fallback: str,
               synonyms: Synonyms, number: bool = False) -> Match | None:
    """The rule holding enough of the subject words its service's name and aliases do
    not account for ("la déchetterie prend-elle les gravats ?": "gravats"); with
    ``number``, only a rule that states one ("combien de m³ par jour ?")."""
    asked = _stems(subject, lang)
    candidates, named = _identified(services, asked, lang, fallback, synonyms)
    if number and not named:
        return None
    scored: Scored = []
    covered: dict[int, frozenset[str]] = {}
    for service, said_names in candidates:
        specific = {t for t in asked if not _in(t, said_names, synonyms)}
        if not specific:
            continue  # "faut-il aller à la déchetterie ?" names no rule
        for index, rule in enumerate(service.rules):
            text = _text(rule, lang, fallback)
            if number and not any(ch.isdigit() for ch in text):
                continue
            said = _stems(text, lang)
            held = frozenset(t for t in specific if _in(t, said, synonyms))
            if _enough(len(held), len(specific), named):
                match = Match(service, rule=rule)
                covered[id(match)] = held
                scored.append(((len(held) / len(specific), len(held), -index), match))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    tied = [m for score, m in scored if score[:2] == scored[0][0][:2]]
    if len({covered[id(m)] for m in tied}) > 1:
        return None  # "tyres and rubble?": each rule holds one of them, none the question
    polarity = {id(m): rule_polarity(_text(m.rule, lang, fallback), lang) for m in tied
                if m.rule is not None}
    if {True, False} <= set(polarity.values()):
        return None  # "barbecues allowed?": charcoal no, gas yes; neither rule alone
    # Among rules holding as much, one that says yes or no clearly answers best.
    scored.sort(key=lambda pair: (pair[0][:2], polarity.get(id(pair[1])) is not None,
                                  pair[0][2:]), reverse=True)
    return _best(scored)


def match_office(services: list[Service], subject: str, lang: str, fallback: str,
                 synonyms: Synonyms) -> Match | None:
    """The service listing the task asked about among what it handles."""
    asked = set(tokens(subject, lang))
    if not asked:
        return None
    scored: Scored = []
    candidates, _ = _identified(services, asked, lang, fallback, synonyms)
    for service, _said in candidates:
        own = _own_words(service, lang, fallback)
        if _hits(asked, own, synonyms) < len(asked):
            continue
        ranked = sorted(((_hits(asked, set(tokens(task, lang)), synonyms), task)
                         for task in _tasks(service, lang, fallback)),
                        key=lambda pair: -pair[0])
        if ranked and ranked[0][0]:
            scored.append(((ranked[0][0], 0), Match(service, handle=ranked[0][1])))
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
            scored.append(((named, 0), Match(service)))
    return _best(scored)
