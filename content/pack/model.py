"""The knowledge pack's data model: what a town writes, typed. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from guichet.content.pack.yamlsrc import Problem

DEFAULT_REFERRAL = {
    "fr": "Je n'ai pas cette information. Adressez-vous à l'accueil de la mairie au {phone}.",
    "en": "I do not have this information. Please ask the town hall desk on {phone}.",
}

Text = dict[str, str]
"""Per-language text: ISO 639-1 code -> text."""


def in_language(text: Text, lang: str, fallback: str) -> tuple[str, str]:
    """``text`` in ``lang``, else in ``fallback``; returns (text, language used)."""
    if lang in text:
        return text[lang], lang
    if fallback in text:
        return text[fallback], fallback
    first = next(iter(text))
    return text[first], first


@dataclass(frozen=True)
class Town:
    """Who the town is and how the kiosk refers visitors to a human."""

    id: str
    """Short identifier, e.g. ``montrevel``."""
    name: str
    """The town's name as spoken."""
    languages: tuple[str, ...]
    """ISO 639-1 codes; the first is the town's own language (the fallback)."""
    desk_phone: str
    """The desk's phone number, given whenever the kiosk cannot answer."""
    referral: Text
    """Per language: the sentence said when the kiosk does not know; ``{phone}`` is filled."""
    timezone: str = "Europe/Paris"
    """IANA time zone of the town: every "now" and opening time is computed in it."""
    country: str = "FR"
    """ISO 3166 country code, for public holidays in opening hours."""

    @property
    def language(self) -> str:
        """The town's own language."""
        return self.languages[0]

    def referral_text(self, lang: str) -> str:
        template = self.referral.get(lang) or DEFAULT_REFERRAL.get(lang)
        if template is None:
            template = self.referral.get(self.language) or DEFAULT_REFERRAL["en"]
        return template.replace("{phone}", self.desk_phone)


@dataclass(frozen=True)
class FaqEntry:
    """One fact of the town: the ways visitors ask for it and the answer, per language."""

    id: str
    """Unique id; it is the source id shown with every answer drawn from this entry."""
    questions: dict[str, tuple[str, ...]]
    """Per language: phrasings a visitor would say."""
    answer: Text
    """Per language: the answer, in short sentences."""
    tags: tuple[str, ...] = ()
    """Topics, used for search and the staff report."""
    source: str = ""
    """Where the fact comes from (a notice, a council decision, a web page)."""
    file: str = ""
    """File the entry was written in."""
    line: int = 0
    """Line the entry starts on."""
    updated: dt.date | None = None
    """When the town last checked the fact."""


@dataclass(frozen=True)
class Price:
    """One priced item of a service: what it is, its price in euros, an optional note."""

    what: Text
    """Per language: what is paid for ("entrée adulte", "adult ticket")."""
    price: float
    """In euros; 0 means free."""
    note: Text = field(default_factory=dict)
    """Per language: a condition ("réservé aux habitants", "residents only")."""


@dataclass(frozen=True)
class Service:
    """An office or public place: what it handles, how to reach it, when it is open."""

    id: str
    """Unique id; the source id of answers computed from it."""
    name: Text
    """Per language: its name as said to visitors ("la mairie", "the town hall")."""
    handles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per language: what visitors come for ("carte d'identité", "passport")."""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per language: other names visitors use ("hôtel de ville", "city hall")."""
    address: str = ""
    """Street address."""
    phone: str = ""
    """Phone number, as written by the town."""
    email: str = ""
    """E-mail address."""
    opening_hours: str = ""
    """OpenStreetMap ``opening_hours`` expression (``PH off`` closes on public holidays)."""
    file: str = ""
    """File the service was written in."""
    line: int = 0
    """Line the service starts on."""
    access: Text = field(default_factory=dict)
    """Per language: how to get there ("À la sortie de la ville, direction Beaune.")."""
    prices: tuple[Price, ...] = ()
    """What it charges, item by item."""
    rules: tuple[Text, ...] = ()
    """Per language, one sentence each: what is required, allowed or refused."""
    source: str = ""
    """Where its facts come from ("Règlement de la déchetterie")."""
    updated: dt.date | None = None
    """When the town last checked its facts."""


@dataclass(frozen=True)
class Anecdote:
    """A local story, told at the kiosk and on audio trails."""

    id: str
    """Unique id."""
    place: Text
    """Per language: the place it is about."""
    text: Text
    """Per language: the story, in short sentences."""
    lat: float | None = None
    """Latitude (WGS84), when the story belongs to a spot (tours use it)."""
    lon: float | None = None
    """Longitude (WGS84)."""
    tags: tuple[str, ...] = ()
    """Topics."""
    source: str = ""
    """Where the story comes from."""
    updated: dt.date | None = None
    """When the town last checked the story."""


@dataclass
class Mobility:
    """Where the town's transport data lives (read by the mobility module)."""

    gtfs: tuple[Path, ...] = ()
    """GTFS static feeds (zip files)."""
    parking: Path | None = None
    """Parking places, French open-data schema "lieux de stationnement" (CSV)."""
    parking_availability: Path | None = None
    """Optional live availability file with its timestamp."""
    stop: str = ""
    """The kiosk's own stop (name or id): the origin when only a destination is said."""
    stop_aliases: dict[str, list[str]] = field(default_factory=dict)
    """Stop id -> other names visitors use ("GARE": ["la gare", "station"])."""
    stale_after_min: float = 15.0
    """Availability older than this many minutes is announced as old."""


@dataclass
class Pack:
    """A loaded, checked knowledge pack."""

    town: Town
    """The town."""
    faq: list[FaqEntry]
    """All FAQ entries, in file order."""
    root: Path
    """Folder the pack was loaded from."""
    warnings: list[Problem] = field(default_factory=list)
    """Non-fatal problems (e.g. missing translations)."""
    services: list[Service] = field(default_factory=list)
    """Offices and places with contacts and opening hours."""
    anecdotes: list[Anecdote] = field(default_factory=list)
    """Local stories."""
    mobility: Mobility = field(default_factory=Mobility)
    """Transport data files."""
    synonyms: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """Per language: groups of words the town says mean the same, as written."""

    def entry(self, entry_id: str) -> FaqEntry:
        for item in self.faq:
            if item.id == entry_id:
                return item
        raise KeyError(entry_id)


class PackError(Exception):
    """The pack has errors; ``problems`` lists each one with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in errors)
        super().__init__(f"the content pack has {len(errors)} error(s):\n{lines}")
