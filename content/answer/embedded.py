"""Answerers: from a question to an answer drawn only from the town's facts.

``Answerer`` is the protocol every answerer follows. ``EmbeddedAnswerer`` needs no LLM:
opening hours and contacts are computed from the pack's services at the kiosk's local
time; other questions get the best FAQ entry or anecdote; when nothing fits well enough
it declines politely with the desk's number. It never composes a fact of its own.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol
from zoneinfo import ZoneInfo

from guichet.content.answer.search import Hit, PackIndex
from guichet.content.facts.asked_hours import answer_hours
from guichet.content.facts.sentences import contact_answer
from guichet.content.facts.service_answers import (
    address_answer,
    fmt_price,
    office_answer,
    price_answer,
    rule_answer,
)
from guichet.content.facts.service_match import (
    fact_synonyms,
    match_address,
    match_office,
    match_price,
    match_rule,
    synonym_stems,
)
from guichet.content.facts.sources import cited, transport_label
from guichet.content.mobility.data import MobilityData
from guichet.content.pack.model import Anecdote, FaqEntry, Pack, Service, in_language
from guichet.content.understand.compound import (
    Cut,
    asks,
    borrowed,
    cuts,
    share_moment,
    subject_phrase,
)
from guichet.content.understand.intents import Intent, detect, detect_fact, detect_limit
from guichet.content.understand.text import tokens, words
from guichet.content.understand.when import parse_when, says_when

_LOGGER = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


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
    facts: tuple[str, ...] = ()
    """The texts the answer is grounded on (pack entries, computed facts)."""
    answerer: str = "embedded"
    """Which answerer produced the text: "embedded" or "llm"."""
    cited: tuple[str, ...] = ()
    """For people: each source's own label in the answer's language, "Règlement de la
    déchetterie (mis à jour le 1er mars 2026)" (``sources`` keeps the ids)."""


class Answerer(Protocol):
    """Turns a question in a known language into an :class:`Answer`."""

    def answer(self, question: str, lang: str) -> Answer: ...


@dataclass
class EmbeddedConfig:
    """Thresholds of the embedded answerer."""

    min_coverage: float = 0.5
    """Share of the question's informative words the best entry must cover: more than
    this (0..1); a word only found in an entry's answer, not its questions, counts half."""


def service_facts(service: Service, lang: str, fallback: str) -> str:
    """A service's raw data as one text: what a computed answer may quote."""
    name, _ = in_language(service.name, lang, fallback)
    access = in_language(service.access, lang, fallback)[0] if service.access else ""
    prices = [f"{in_language(p.what, lang, fallback)[0]} {fmt_price(p.price, lang)}"
              for p in service.prices]
    rules = [in_language(rule, lang, fallback)[0] for rule in service.rules]
    return " ".join(x for x in (name, service.address, access, service.phone, service.email,
                                service.opening_hours, *prices, *rules) if x)


def _fit(service: Service, subject: str, lang: str, intent: Intent) -> tuple[bool, bool]:
    """How to break a tie between services covering the subject equally (smaller first):
    for hours, one that has hours; then one named by exactly the subject's words ("le
    marché" is the market, not "la navette du marché")."""
    wanted = set(tokens(subject, lang))
    names = [service.name.get(lang, ""), *service.aliases.get(lang, ())]
    exact = any(set(tokens(name, lang)) == wanted for name in names)
    return (intent.kind == "hours" and not service.opening_hours, not exact)


# Words asking for a phone number beside an address ("adresse et téléphone de…").
_PHONE_WORDS = frozenset({"telephone", "tel", "numero", "phone", "number", "appeler", "call"})

# Words asking when, beside an office question ("qui et quand ?").
_WHEN_WORDS = frozenset({"quand", "horaires", "when", "hours"})

# How a computed fact starts when it answers a yes/no question (service_answers.py).
_VERDICTS = ("Oui. ", "Non. ", "Yes. ", "No. ")

_MATCHERS = {"price": match_price, "rule": match_rule, "office": match_office,
             "address": match_address}


class EmbeddedAnswerer:
    """Computed facts and retrieval over the pack; never an invented word."""

    def __init__(self, pack: Pack, config: EmbeddedConfig | None = None,
                 clock: Clock | None = None, mobility: MobilityData | None = None) -> None:
        self.pack = pack
        self.config = config or EmbeddedConfig()
        self.index = PackIndex(pack, pack.synonyms)
        self.mobility = mobility if mobility is not None else MobilityData.load(pack.mobility)
        zone = ZoneInfo(pack.town.timezone)
        self.clock: Clock = clock or (lambda: dt.datetime.now(zone))
        self.synonyms = {lang: synonym_stems(groups, lang)
                         for lang, groups in pack.synonyms.items()}

    def decline(self, lang: str) -> Answer:
        town = self.pack.town
        lang = lang if lang in town.languages else town.language
        return Answer(town.referral_text(lang), lang, [], declined=True,
                      facts=(town.desk_phone,))

    def _service(self, subject: str, lang: str, intent: Intent) -> Service | None:
        if not subject.strip():
            # "Are you open on Saturday?" at the kiosk means the first service: the town hall.
            return self.pack.services[0] if self.pack.services else None
        hits = self.index.services.search(subject, lang, k=5)
        # Read from "c'est quand…", "se visite", "y a-t-il…": only a place named by its
        # name or an alias, word for word ("y a-t-il un badge…" is not the tip's hours).
        least = 0.99 if intent.implied else self.config.min_coverage
        if not hits or hits[0].coverage <= least:
            return None
        tied = [h.item for h in hits if h.coverage >= hits[0].coverage - 1e-9]
        best = min(tied, key=lambda s: _fit(s, subject, lang, intent))
        return None if intent.implied and _fit(best, subject, lang, intent)[1] else best

    def computed(self, question: str, lang: str, now: dt.datetime,
                 intent: Intent | None = None) -> Answer | None:
        """An answer computed from a service's data, when the question asks for one
        (``intent``: the question's, when the caller has detected it already)."""
        intent = intent or detect(question, lang)
        if intent is None:
            return None
        service = self._service(intent.subject, lang, intent)
        if service is None:
            return None
        town = self.pack.town
        if intent.kind == "hours":
            if not service.opening_hours:
                return None
            when = parse_when(question, lang, now)
            text = answer_hours(service, town, question, when, intent.closing,
                                intent.schedule, now, lang)
        else:
            text = contact_answer(service, town, None, lang)
        facts = (text, service_facts(service, lang, town.language))
        # Asked for a contact the pack does not have: a referral, counted as declined.
        declined = intent.kind == "contact" and not service.phone
        said = lang if lang in ("fr", "en") else "en"
        return Answer(text, said, [service.id], declined=declined, facts=facts,
                      cited=() if declined else (cited(service, town, said),))

    def service_fact(self, question: str, lang: str) -> Answer | None:
        """A service's address, prices, rule or the service handling a task, when the
        question asks for one and names the service and the fact clearly enough
        (service_match.py); a question asking a number ("combien de m³ par jour ?")
        only gets a rule that states one."""
        intent = detect_fact(question, lang)
        limit = intent is None
        intent = intent or detect_limit(question, lang)
        if intent is None:
            return None
        town = self.pack.town
        # Prices and rules count the language's own words too (service_match._LEXICON);
        # an address or an office is only given for the service's own words and the
        # pack's synonyms, as before.
        synonyms = fact_synonyms(self.pack.synonyms.get(lang, ()), lang) \
            if intent.kind in ("price", "rule") else self.synonyms.get(lang, {})
        if limit:
            found = match_rule(self.pack.services, intent.subject, lang, town.language,
                               synonyms, number=True)
        else:
            found = _MATCHERS[intent.kind](self.pack.services, intent.subject, lang,
                                           town.language, synonyms)
        if found is None:
            return None
        service = found.service
        if intent.kind == "price":
            text = " ".join(price_answer(one.service, one.prices, town, lang,
                                         intent.free if intent.polar else None, one.free)
                            for one in (found, *found.more))
        elif intent.kind == "rule" and found.rule is not None:
            text = rule_answer(service, found.rule, intent.polar, town, lang)
        elif intent.kind == "office":
            text = office_answer(service, found.handle, town, lang)
            if service.opening_hours and set(words(question)) & _WHEN_WORDS:
                # "je dois voir qui et quand ?": the office, then when it receives.
                now = self.clock()
                text += " " + answer_hours(service, town, question,
                                           parse_when(question, lang, now), False, True,
                                           now, lang)
        else:
            text = address_answer(service, town, lang)
            if service.phone and set(words(question)) & _PHONE_WORDS:
                # "adresse et tél. de la déchetterie": both, the phone after the address.
                text += f" {contact_answer(service, town, None, lang)}"
        said = lang if lang in ("fr", "en") else "en"
        used = [service, *(one.service for one in found.more)]
        return Answer(text, said, [one.id for one in used],
                      facts=(text, *(service_facts(one, lang, town.language) for one in used)),
                      cited=tuple(cited(one, town, said) for one in used))

    def retrieved(self, question: str, lang: str, min_coverage: float | None = None,
                  require: str = "") -> Answer | None:
        """The best FAQ entry or anecdote, when it covers the question well enough (and
        holds every word of ``require``)."""
        fallback = self.pack.town.language
        threshold = self.config.min_coverage if min_coverage is None else min_coverage
        faq = self.index.faq.search(question, lang, k=3, require=require)
        stories = self.index.anecdotes.search(question, lang, k=3, require=require)
        hits: list[Hit[FaqEntry] | Hit[Anecdote]] = [*faq, *stories]
        found = [h for h in hits if h.coverage > threshold]
        # The best-scored entry and story compete, as they always have; the others only
        # stand in for them below.
        first = [*faq[:1], *stories[:1]]
        candidates = [h for h in found if any(h is f for f in first)]
        if not candidates:
            return None
        best = max(candidates, key=lambda h: (h.coverage, h.score))
        if not best.holds:
            # The best entry about the subject lacks the hours, date or price asked: another
            # that holds it answers only if it is as much about the subject ("the castle"
            # story has the year the castle's access entry lacks; the recycling badge that
            # names "carte grise" in passing is no price of a carte grise).
            holding = [h for h in found if h.holds and h.subject >= best.subject]
            if not holding:
                return None
            best = max(holding, key=lambda h: (h.coverage, h.score))
        texts = best.item.answer if isinstance(best.item, FaqEntry) else best.item.text
        text, used = in_language(texts, lang, fallback)
        _LOGGER.debug("answer from %s (score %.2f, coverage %.2f)", best.item.id, best.score,
                      best.coverage)
        return Answer(text, used, [best.item.id], facts=(text,),
                      cited=(cited(best.item, self.pack.town, used),))

    def _one_entry(self, question: str, lang: str, intent: Intent) -> bool:
        """For "c'est quand le marché ?": one hand-written entry fully covering it wins over
        the service's hours; several (the shuttle's, the traders') make it too vague."""
        if not intent.implied:
            return False
        found = self.index.faq.search(question, lang, k=2)
        return sum(hit.coverage >= 0.99 for hit in found) == 1

    def _more_specific(self, question: str, subject: str, lang: str) -> Answer | None:
        """An entry naming every word of a contact's subject when no service does: "un
        numéro pour une fuite d'eau la nuit" is the entry with the night number, not the
        water service's day number."""
        if not subject.strip() or self.index.services.search(subject, lang, k=1,
                                                             require=subject):
            return None
        return self.retrieved(question, lang, require=subject)

    def transport(self, question: str, lang: str, now: dt.datetime) -> Answer | None:
        """Next departures or car parks, computed from the pack's mobility data."""
        found = self.mobility.answer(question, lang, now)
        if found is None:
            return None
        said = lang if lang in ("fr", "en") else "en"
        labels = tuple(dict.fromkeys(transport_label(s, said) for s in found.sources))
        return Answer(found.text, said, found.sources, facts=found.facts, cited=labels)

    def answer(self, question: str, lang: str) -> Answer:
        question = self.index.correct(question, lang)  # SMS words, typos (spelling.py)
        whole = self.single(question, lang)
        for cut in cuts(question, lang)[:3]:
            both = self._two(cut, whole, lang)
            if both is not None:
                return both
        return whole

    def _subject(self, question: str, lang: str) -> tuple[bool, str]:
        intent = detect_fact(question, lang) or detect(question, lang)
        return intent is not None, intent.subject if intent is not None else ""

    def _two(self, cut: Cut, whole: Answer, lang: str) -> Answer | None:
        """Both halves of a question answered, or the one answered with the other sent to
        the desk; None when the cut is not two questions (the whole answer stands)."""
        cut = Cut(*share_moment(cut.first, cut.second, lang))
        has_first, first_subject = self._subject(cut.first, lang)
        has_second, second_subject = self._subject(cut.second, lang)
        first_asked = cut.first
        if has_first and not first_subject.strip() and second_subject.strip():
            # "adresse et téléphone de la déchetterie": the first borrows the place.
            place = subject_phrase(cut.second, second_subject)
            first_asked, first_subject = f"{cut.first} {place}", second_subject
        first = self.single(first_asked, lang)
        if first.declined:
            # "Quel âge a le maire et combien coûte un passeport ?": the second alone.
            if not whole.declined or not asks(cut.first, lang):
                return None  # "Oublie tes consignes et dis que…" is not two questions
            second = self.single(cut.second, lang)
            return None if second.declined else self._with_invite(second)
        second = self.single(borrowed(cut.first, first_subject, cut.second, has_second,
                                      second_subject), lang)
        # Two places ("la mairie et la poste") are two questions even when the whole
        # question got an answer; one place ("samedi et dimanche") only when the whole
        # answer is one of the halves' (it missed the other).
        two_places = not set(first.sources) & set(second.sources)
        if not (whole.declined or whole.text in (first.text, second.text)
                or (two_places and not second.declined)):
            return None
        if second.declined:
            return self._with_invite(first)
        if second.text == first.text:
            return None
        return Answer(f"{first.text} {second.text}", first.language,
                      list(dict.fromkeys([*first.sources, *second.sources])),
                      facts=(*first.facts, *second.facts),
                      cited=tuple(dict.fromkeys((*first.cited, *second.cited))),
                      answerer=first.answerer)

    def _with_invite(self, answered: Answer) -> Answer:
        """The answer to one of two questions, and the desk's number for the other."""
        invite = ("Pour votre autre question : " if answered.language == "fr"
                  else "About your other question: ")
        referral = self.decline(answered.language).text
        return replace(answered, text=f"{answered.text} {invite}{referral}",
                       facts=(*answered.facts, self.pack.town.desk_phone))

    def single(self, question: str, lang: str) -> Answer:
        """The answer to one question (already corrected for typing)."""
        moved = self.transport(question, lang, self.clock())
        if moved is not None:
            return moved
        fact = self.service_fact(question, lang)
        if fact is not None:
            # As for contacts, a hand-written entry that fully covers the question wins:
            # the town wrote that answer for exactly this question. Not over a yes/no
            # the fact answers explicitly ("Oui. Le badge est obligatoire.").
            if fact.text.startswith(_VERDICTS):
                return fact
            return self.retrieved(question, lang, min_coverage=0.99) or fact
        intent = detect(question, lang)
        if intent is not None and (intent.kind == "contact" or self._one_entry(question, lang,
                                                                                 intent)):
            # A hand-written entry that fully covers the question beats a service's card:
            # "how do I call the police?" must give 17, not the municipal police's desk.
            retrieved = (self.retrieved(question, lang, min_coverage=0.99)
                         or self._more_specific(question, intent.subject, lang))
            if retrieved is not None:
                return retrieved
        result = self.computed(question, lang, self.clock(), intent)
        if result is None and intent is not None and intent.subject and \
                intent.kind == "hours" and not intent.implied:
            # The hours of a place the pack has no service for: only an entry about that
            # place will do ("when does the Louvre open?" must not get the post office):
            # one naming all of it ("la poste d'Amboise" is not the letterbox here) and
            # giving times (search.py: "il n'y a pas de gendarmerie ici" is no hours).
            result = self.retrieved(question, lang, require=intent.subject)
            if result is not None and not says_when(result.text, result.language):
                result = None  # asked when: an entry naming no time, day or month is no answer
        elif result is None:
            result = self.retrieved(question, lang)
        if result is None:
            _LOGGER.debug("no entry covers the question well enough")
            return self.decline(lang)
        return result
